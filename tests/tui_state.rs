//! The TUI's state machine driven by key sequences, without a terminal:
//! keys in, state and files on disk out.

use std::fs;
use std::path::PathBuf;

use stride::core::{ItemPath, Status, load_dir};
use stride::tui::app::{App, Mode};

mod common;
use common::today;

/// A copy of the sample data and an app over it.
struct Fixture {
    dir: tempfile::TempDir,
    app: App,
}

impl Fixture {
    fn new() -> Self {
        let dir = common::sample();
        let app = App::new(load_dir(dir.path()).unwrap(), today());
        Fixture { dir, app }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> String {
        fs::read_to_string(self.file(name)).unwrap()
    }

    /// Presses keys written in the key notation: `jj+<Enter>`, `Ctrl-u`.
    fn keys(&mut self, keys: &str) {
        common::keys(&mut self.app, keys);
    }

    fn paste(&mut self, text: &str) {
        common::paste(&mut self.app, text);
    }

    fn selected(&self) -> String {
        self.app
            .selected_path()
            .map(|p| p.to_string())
            .unwrap_or_default()
    }

    fn message(&self) -> String {
        self.app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }

    /// Selects an item by searching for its title.
    fn find(&mut self, title: &str) {
        self.keys("/");
        self.paste(title);
        self.keys("<Enter>");
    }
}

/// Lines of `after` that are not in `before`, and lines of `before` gone from `after`.
fn line_diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let added = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .map(String::from)
        .collect();
    let removed = before
        .lines()
        .filter(|l| !after.lines().any(|a| a == *l))
        .map(String::from)
        .collect();
    (added, removed)
}

#[test]
fn starts_with_objectives_open_and_the_first_selected() {
    let f = Fixture::new();
    assert_eq!(f.selected(), "o1-business");
    let top: Vec<String> = f
        .app
        .tree
        .rows
        .iter()
        .take(3)
        .map(|n| n.path(&f.app.portfolio).unwrap().to_string())
        .collect();
    assert_eq!(
        top,
        ["o1-business", "o1-business/easypay", "o1-business/mortgage"]
    );
}

#[test]
fn moving_expanding_and_collapsing() {
    let mut f = Fixture::new();
    f.keys("j");
    assert_eq!(f.selected(), "o1-business/easypay");
    f.keys("l");
    assert_eq!(
        f.selected(),
        "o1-business/easypay",
        "expanding keeps the selection"
    );
    f.keys("l");
    assert_eq!(
        f.selected(),
        "o1-business/easypay/fixes",
        "expanding again steps in"
    );
    f.keys("h");
    assert_eq!(
        f.selected(),
        "o1-business/easypay",
        "collapse from a leaf goes to the parent"
    );
    f.keys("<Down><Down>k");
    assert_eq!(f.selected(), "o1-business/mortgage");
    f.keys("G");
    assert_eq!(
        f.selected(),
        f.app
            .tree
            .rows
            .last()
            .unwrap()
            .path(&f.app.portfolio)
            .unwrap()
            .to_string()
    );
    f.keys("g");
    assert_eq!(f.selected(), "o1-business");
    f.keys("k");
    assert_eq!(f.selected(), "o1-business", "no wrap above the top");
    let folded = f.app.tree.rows.len();
    f.keys("z");
    assert!(f.app.tree.rows.len() > folded, "z unfolds everything");
    assert_eq!(
        f.app.tree.rows.len(),
        3 + 14 + f.app.portfolio.milestone_count()
    );
    f.keys("z");
    assert_eq!(f.app.tree.rows.len(), 3, "and folds everything");
}

#[test]
fn plus_saves_one_line_and_undo_restores_the_file_byte_for_byte() {
    let mut f = Fixture::new();
    let original = f.read("o1-business.toml");
    f.find("网联代收");
    assert_eq!(f.selected(), "o1-business/channels/netsunion");
    let row = |f: &Fixture| f.app.selected_item().unwrap().percent();
    assert_eq!(row(&f), 60.0);
    f.keys("+");
    assert_eq!(row(&f), 65.0);
    assert!(f.message().starts_with("saved"), "{}", f.message());
    let after = f.read("o1-business.toml");
    assert_eq!(
        line_diff(&original, &after),
        (vec!["percent = 65".to_string()], vec![])
    );
    // the project rolled up at once
    let project = f
        .app
        .portfolio
        .get(&ItemPath::project("o1-business", "channels"))
        .unwrap();
    assert!((project.percent() - (100.0 * 3.0 + 80.0 + 65.0 + 40.0 + 100.0) / 7.0).abs() < 1e-9);

    f.keys("]]");
    assert_eq!(row(&f), 67.0);
    f.keys("[");
    assert_eq!(row(&f), 66.0);
    f.keys("uuuu");
    assert_eq!(f.read("o1-business.toml"), original);
    assert_eq!(row(&f), 60.0);
    f.keys("u");
    assert_eq!(f.message(), "nothing to undo");
    f.keys("Ctrl-r");
    assert_eq!(row(&f), 65.0);
    assert_eq!(f.read("o1-business.toml"), after);
}

#[test]
fn percent_is_clamped_and_parents_refuse_it() {
    let mut f = Fixture::new();
    f.find("银联在线收银台");
    let before = f.read("o1-business.toml");
    f.keys("+");
    assert_eq!(f.message(), "percent is already 100%");
    assert_eq!(f.read("o1-business.toml"), before);
    f.keys("g+");
    assert!(f.message().contains("rolled up"), "{}", f.message());
    f.find("需求文档及评审");
    f.keys("-");
    assert_eq!(f.message(), "percent is already 0%");
}

#[test]
fn stages_move_along_the_pipeline() {
    let mut f = Fixture::new();
    f.find("网联代收");
    f.keys(">");
    let m = f.app.selected_item().unwrap();
    assert_eq!(m.percent(), 80.0);
    assert!(f.read("o1-business.toml").contains("stage   = \"上线\""));
    f.keys(">>");
    assert_eq!(f.message(), "no further stage");
    f.keys("<lt><lt><lt><lt>");
    assert_eq!(
        f.app.selected_item().unwrap().percent(),
        20.0,
        "开发 is 1 of 5"
    );
    f.keys("<lt>");
    assert_eq!(f.message(), "no further stage");
    f.find("HIVE");
    f.keys(">");
    assert!(f.message().contains("milestones of a project with stages"));
}

#[test]
fn status_menu_sets_and_clears_the_status() {
    let mut f = Fixture::new();
    f.find("迁移进度");
    f.keys("s");
    assert!(
        matches!(f.app.mode, Mode::StatusMenu(0)),
        "no explicit status: derived is highlighted"
    );
    // blocked asks for the reason in the same step; none given
    f.keys("jjj<Enter>");
    assert!(matches!(f.app.mode, Mode::Form(_)));
    f.keys("<Enter>");
    assert_eq!(f.app.selected_item().unwrap().status(), Status::Blocked);
    assert!(f.read("o2-upgrade.toml").contains("status = \"blocked\""));
    f.keys("sd");
    assert_eq!(f.app.selected_item().unwrap().status(), Status::Done);
    let migration = |f: &Fixture| {
        let text = f.read("o2-upgrade.toml");
        let start = text.find("[project.hive.milestone.migration]").unwrap();
        let end = text[start + 1..]
            .find("\n[")
            .map_or(text.len(), |e| start + 1 + e);
        text[start..end].to_string()
    };
    assert!(migration(&f).contains("status = \"done\""));
    // done says 100%: the percent it had (95.46) would contradict it
    assert!(migration(&f).contains("percent = 100"), "{}", migration(&f));
    f.keys("sc");
    // cleared, the status is derived again: from 100%, done
    assert_eq!(f.app.selected_item().unwrap().status(), Status::Done);
    assert!(!migration(&f).contains("status"), "{}", migration(&f));
    f.keys("uu");
    assert_eq!(f.app.selected_item().unwrap().status(), Status::Blocked);
    assert!(
        migration(&f).contains("percent = 95.46"),
        "{}",
        migration(&f)
    );
    f.keys("s<Esc>");
    assert!(matches!(f.app.mode, Mode::Normal));
}

#[test]
fn the_edit_form_validates_dates_and_saves_only_changed_fields() {
    let mut f = Fixture::new();
    let original = f.read("o2-upgrade.toml");
    f.find("迁移进度");
    f.keys("e");
    let Mode::Form(form) = &f.app.mode else {
        panic!("form")
    };
    assert_eq!(form.heading(), "Edit o2-upgrade/hive/migration");
    // title, owner, status, due
    f.keys("<Tab><Tab><Tab>Ctrl-u2023-02-30");
    let Mode::Form(form) = &f.app.mode else {
        panic!("form")
    };
    assert!(
        form.fields[3]
            .error
            .as_deref()
            .unwrap()
            .contains("is not a date")
    );
    f.keys("<Enter>");
    assert!(
        matches!(f.app.mode, Mode::Form(_)),
        "a bad date is not saved"
    );
    assert!(
        f.message().starts_with("not saved: due:"),
        "{}",
        f.message()
    );
    assert_eq!(f.read("o2-upgrade.toml"), original);
    f.keys("Ctrl-u+2w");
    let Mode::Form(form) = &f.app.mode else {
        panic!("form")
    };
    assert_eq!(form.fields[3].hint.as_deref(), Some("= 2023-07-04"));
    f.keys("<S-Tab><S-Tab>");
    f.paste("王小\n明");
    f.keys("<Enter>");
    assert!(matches!(f.app.mode, Mode::Normal));
    let after = f.read("o2-upgrade.toml");
    let block = "total   = 164                 # 总数164个\ndue     = 2023-06-30\nupdate  = \"聚焦账户对账单全量数据调整为增量数据加工模式\"\n";
    assert!(original.contains(block));
    let expected = original.replace(
        block,
        &(block.replace("2023-06-30", "2023-07-04") + "owner = \"王小 明\"\n"),
    );
    assert_eq!(after, expected);
    // one undo takes back the whole form
    f.keys("u");
    assert_eq!(f.read("o2-upgrade.toml"), original);
}

#[test]
fn escape_leaves_a_form_without_saving() {
    let mut f = Fixture::new();
    let original = f.read("o1-business.toml");
    f.keys("e");
    f.paste("新标题");
    // a changed form asks first: n goes back to it, y throws the change away
    f.keys("<Esc>");
    assert!(matches!(&f.app.mode, Mode::Form(form) if form.asking));
    f.keys("n");
    assert!(matches!(&f.app.mode, Mode::Form(form) if !form.asking && form.changed()));
    f.keys("<Esc>y");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(f.read("o1-business.toml"), original);
    assert_eq!(f.app.portfolio.objectives[0].fields.title, "O1 服务业务");
}

#[test]
fn add_and_delete_are_undoable_byte_for_byte() {
    let mut f = Fixture::new();
    let original = f.read("o2-upgrade.toml");
    f.find("HIVE标准数仓建设");
    f.keys("a");
    f.keys("migration");
    let Mode::Form(form) = &f.app.mode else {
        panic!("form")
    };
    assert!(
        form.fields[0]
            .error
            .as_deref()
            .unwrap()
            .contains("already exists")
    );
    f.keys("Ctrl-uexport<Tab>");
    f.paste("账单切换");
    f.keys("<Enter>");
    assert_eq!(
        f.selected(),
        "o2-upgrade/hive",
        "the selection stays on the parent"
    );
    assert!(
        f.app
            .tree
            .is_expanded(&ItemPath::project("o2-upgrade", "hive"))
    );
    let with = f.read("o2-upgrade.toml");
    assert!(with.contains("[project.hive.milestone.export]\ntitle = \"账单切换\"\n"));
    f.keys("u");
    assert_eq!(f.read("o2-upgrade.toml"), original);

    f.find("帆软报表");
    f.keys("D");
    assert!(matches!(f.app.mode, Mode::Confirm(_)));
    f.keys("n");
    assert_eq!(f.read("o2-upgrade.toml"), original, "n keeps it");
    f.keys("Dy");
    assert!(
        f.app
            .portfolio
            .get(&ItemPath::milestone("o2-upgrade", "hive", "reports"))
            .is_none()
    );
    assert!(!f.read("o2-upgrade.toml").contains("帆软报表"));
    f.keys("u");
    assert_eq!(f.read("o2-upgrade.toml"), original);
    assert!(
        f.app
            .portfolio
            .get(&ItemPath::milestone("o2-upgrade", "hive", "reports"))
            .is_some()
    );
    f.keys("gD");
    assert!(f.message().contains("objectives are files"));
}

#[test]
fn search_jumps_through_matches_and_reveals_them() {
    let mut f = Fixture::new();
    f.keys("/银联");
    // typed as ASCII keys is not possible for Chinese here: paste instead
    f.keys("<Esc>");
    f.find("银联");
    let first = f.selected();
    assert_eq!(first, "o1-business/channels/upcashier");
    f.keys("n");
    assert_eq!(f.selected(), "o1-business/channels/upcollect");
    f.keys("N");
    assert_eq!(f.selected(), first);
    assert!(f.app.search.matches.len() >= 3);
    // fuzzy: letters in order
    f.find("hve");
    assert_eq!(f.selected(), "o2-upgrade/hive");
    f.find("no such thing at all");
    assert_eq!(f.message(), "no match for `no such thing at all`");
}

#[test]
fn filter_shows_matches_with_their_parents() {
    let mut f = Fixture::new();
    f.keys("f<Enter>");
    assert!(f.app.tree.filter.overdue_only);
    let shown: Vec<String> = f
        .app
        .tree
        .rows
        .iter()
        .map(|n| n.path(&f.app.portfolio).unwrap().to_string())
        .collect();
    assert_eq!(
        shown,
        [
            "o1-business",
            "o1-business/channels",
            "o1-business/channels/netsunion"
        ]
    );
    f.keys("F");
    assert!(!f.app.tree.filter.is_active());
    assert!(f.app.tree.rows.len() > 3);
}

#[test]
fn a_hand_edit_between_load_and_save_is_kept_and_ours_goes_over_it() {
    let mut f = Fixture::new();
    f.find("迁移进度");
    // someone edits another field of the same file after stride read it
    let theirs = f
        .read("o2-upgrade.toml")
        .replace("title   = \"帆软报表\"", "title   = \"帆软报表（新）\"");
    fs::write(f.file("o2-upgrade.toml"), &theirs).unwrap();
    f.keys("+");
    assert!(
        f.message().contains("merged with changes made on disk"),
        "{}",
        f.message()
    );
    let merged = f.read("o2-upgrade.toml");
    assert_eq!(merged, theirs.replace("percent = 95.46", "percent = 100"));
    assert!(f.app.unsaved().is_empty());
    // the model follows the file: their new title shows
    let reports = f
        .app
        .portfolio
        .get(&ItemPath::milestone("o2-upgrade", "hive", "reports"))
        .unwrap();
    assert_eq!(reports.fields().title, "帆软报表（新）");
    assert_eq!(
        f.selected(),
        "o2-upgrade/hive/migration",
        "the selection stays"
    );
    // undo takes back only our edit
    f.keys("u");
    assert_eq!(f.read("o2-upgrade.toml"), theirs);
}

#[test]
fn the_same_field_changed_on_disk_asks_mine_or_theirs() {
    for (key, expected) in [('m', "percent = 100"), ('t', "percent = 90")] {
        let mut f = Fixture::new();
        f.find("迁移进度");
        let theirs = f
            .read("o2-upgrade.toml")
            .replace("percent = 95.46", "percent = 90");
        fs::write(f.file("o2-upgrade.toml"), &theirs).unwrap();
        f.keys("+");
        let Mode::Conflict(p) = &f.app.mode else {
            panic!("no conflict: {}", f.message())
        };
        assert_eq!(p.conflict.theirs, Some(stride::core::Value::Number(90.0)));
        assert_eq!(p.conflict.mine, Some(stride::core::Value::Number(100.0)));
        assert_eq!(
            f.read("o2-upgrade.toml"),
            theirs,
            "nothing written before the choice"
        );
        f.keys(&key.to_string());
        assert!(matches!(f.app.mode, Mode::Normal));
        let after = f.read("o2-upgrade.toml");
        assert_eq!(after, theirs.replace("percent = 90", expected), "{key}");
        let shown = f.app.selected_item().unwrap().percent();
        assert_eq!(shown, if key == 'm' { 100.0 } else { 90.0 });
        assert!(f.app.unsaved().is_empty());
    }
}

#[test]
fn esc_on_a_conflict_keeps_the_edit_unsaved_to_decide_later() {
    let mut f = Fixture::new();
    f.find("迁移进度");
    let theirs = f
        .read("o2-upgrade.toml")
        .replace("percent = 95.46", "percent = 90");
    fs::write(f.file("o2-upgrade.toml"), &theirs).unwrap();
    f.keys("+<Esc>");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert!(
        f.message()
            .contains("was changed on disk to 90 (yours: 100)"),
        "{}",
        f.message()
    );
    assert!(
        f.app
            .unsaved()
            .contains(&ItemPath::milestone("o2-upgrade", "hive", "migration"))
    );
    assert_eq!(f.read("o2-upgrade.toml"), theirs);
    // Ctrl-s asks again
    f.keys("Ctrl-s");
    assert!(matches!(f.app.mode, Mode::Conflict(_)));
}

#[test]
fn a_file_changed_on_disk_is_read_again_keeping_the_selection() {
    let mut f = Fixture::new();
    f.find("迁移进度");
    f.keys("+");
    let file = f.app.portfolio.objectives[1].file;
    // stride's own save is not a change from outside
    f.app.message = None;
    f.app
        .dispatch(stride::tui::action::Action::FileChanged(file));
    assert_eq!(f.app.message, None);
    // an editor changes the file
    let theirs = f
        .read("o2-upgrade.toml")
        .replace("percent = 100", "percent = 99");
    fs::write(f.file("o2-upgrade.toml"), &theirs).unwrap();
    f.app
        .dispatch(stride::tui::action::Action::FileChanged(file));
    assert!(f.message().contains("changed on disk"), "{}", f.message());
    assert_eq!(f.selected(), "o2-upgrade/hive/migration");
    assert_eq!(f.app.selected_item().unwrap().percent(), 99.0);
    // a file broken on disk becomes an error row; fixed, it comes back
    fs::write(f.file("o2-upgrade.toml"), "title = [\n").unwrap();
    f.app
        .dispatch(stride::tui::action::Action::FileChanged(file));
    assert!(f.app.message.as_ref().unwrap().error);
    assert!(!f.app.portfolio.files[file].loaded);
    fs::write(f.file("o2-upgrade.toml"), &theirs).unwrap();
    f.app
        .dispatch(stride::tui::action::Action::FileChanged(file));
    assert!(f.app.portfolio.files[file].loaded);
}

#[test]
fn a_file_deleted_while_open_gives_a_message_and_the_edit_waits() {
    let mut f = Fixture::new();
    f.find("迁移进度");
    let text = f.read("o2-upgrade.toml");
    fs::remove_file(f.file("o2-upgrade.toml")).unwrap();
    f.keys("+");
    assert!(f.message().contains("No such file"), "{}", f.message());
    assert!(
        f.app
            .unsaved()
            .contains(&ItemPath::milestone("o2-upgrade", "hive", "migration"))
    );
    assert_eq!(
        f.app.selected_item().unwrap().percent(),
        100.0,
        "kept in memory"
    );
    // back in place (git checkout), Ctrl-s writes the edit
    fs::write(f.file("o2-upgrade.toml"), &text).unwrap();
    f.keys("Ctrl-s");
    assert!(f.app.unsaved().is_empty());
    assert_eq!(
        f.read("o2-upgrade.toml"),
        text.replace("percent = 95.46", "percent = 100")
    );
}

#[test]
fn a_broken_file_shows_as_an_error_row_and_cannot_be_edited() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.toml"),
        "title = 'A'\n[project.p]\ntitle = 'P'\n",
    )
    .unwrap();
    fs::write(dir.path().join("b.toml"), "title = 'B'\n[project\n").unwrap();
    let mut app = App::new(load_dir(dir.path()).unwrap(), today());
    assert_eq!(app.tree.rows.len(), 3);
    app.dispatch(stride::tui::action::Action::Last);
    app.dispatch(stride::tui::action::Action::Edit);
    let m = app.message.clone().unwrap();
    assert!(
        m.error && m.text.contains("cannot edit") && m.text.contains("b.toml"),
        "{m:?}"
    );
    // fixed on disk, R loads it
    fs::write(dir.path().join("b.toml"), "title = 'B'\n").unwrap();
    app.dispatch(stride::tui::action::Action::Reload);
    assert!(app.portfolio.files[1].loaded);
    assert_eq!(app.portfolio.objectives.len(), 2);
    assert_eq!(app.selected_path().unwrap().to_string(), "b");
}
