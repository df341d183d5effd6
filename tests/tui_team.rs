//! The TUI with a team: conflicts a merge left, settled with `c`; files
//! that come and go under it; who changed what, read from git. Keys in,
//! state, screen and files out, without a terminal.

use std::fs;
use std::path::Path;
use std::process::Command;

use stride::core::merge::{OnConflict, merge};
use stride::core::{ItemPath, load_dir};
use stride::team::log::Changes;
use stride::tui::action::Action;
use stride::tui::app::{App, Mode};

mod common;
use common::screen::{draw, text};
use common::{find, keys, today};

/// The sample's o2-upgrade.toml as a merge leaves it when both sides set
/// the migration's percent: ours 98, theirs 97.
fn conflicted(dir: &Path) -> String {
    let base = fs::read_to_string(dir.join("o2-upgrade.toml")).unwrap();
    let at = |p: &str| base.replace("percent = 95.46", &format!("percent = {p}"));
    assert_ne!(at("98"), base, "the sample has the migration at 95.46");
    let merged = merge(&base, &at("98"), &at("97"), OnConflict::Mark).unwrap();
    fs::write(dir.join("o2-upgrade.toml"), &merged.text).unwrap();
    merged.text
}

fn percent_of(app: &App, path: &ItemPath) -> Option<f64> {
    match app.portfolio.get(path)? {
        stride::core::ItemRef::Milestone(m, _) => m.fields.percent,
        _ => None,
    }
}

#[test]
fn c_settles_a_merge_conflict_as_an_undoable_edit() {
    let (root, _) = common::app_in("en", false);
    let dir = root.path().join("data");
    let merged = conflicted(&dir);
    let mut app = App::new(load_dir(&dir).unwrap(), today());
    let mig = ItemPath::milestone("o2-upgrade", "hive", "migration");
    assert_eq!(app.conflicts_of(&mig).len(), 1);
    assert_eq!(percent_of(&app, &mig), Some(98.0), "loads as our side");
    // an item without a conflict: c says so
    find(&mut app, "帆软报表");
    keys(&mut app, "c");
    assert!(matches!(app.mode, Mode::Normal));
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("no merge conflict")
    );
    // the conflicted one: the screen marks it, c asks, Esc puts it off
    find(&mut app, "迁移进度");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen
            .lines()
            .any(|l| l.contains('≠') && l.contains("迁移进度")),
        "{screen}"
    );
    keys(&mut app, "c");
    assert!(matches!(app.mode, Mode::Settle(_)));
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("two values") && screen.contains("97") && screen.contains("98"),
        "{screen}"
    );
    keys(&mut app, "<Esc>");
    assert_eq!(
        fs::read_to_string(dir.join("o2-upgrade.toml")).unwrap(),
        merged
    );
    // t takes theirs: the markers go, the rest of the file as it was
    keys(&mut app, "ct");
    let now = fs::read_to_string(dir.join("o2-upgrade.toml")).unwrap();
    assert!(
        !now.contains("<<<<<<<") && !now.contains(">>>>>>>"),
        "{now}"
    );
    let before = merged
        .lines()
        .filter(|l| {
            !l.starts_with("<<<<<<<")
                && !l.starts_with("=======")
                && !l.starts_with(">>>>>>>")
                && *l != "percent = 98"
        })
        .collect::<Vec<_>>();
    assert_eq!(now.lines().collect::<Vec<_>>(), before);
    assert_eq!(percent_of(&app, &mig), Some(97.0));
    assert!(app.conflicts_of(&mig).is_empty());
    assert!(app.message.as_ref().unwrap().text.contains("settled"));
    // an ordinary edit: u gives our value back
    keys(&mut app, "u");
    assert_eq!(percent_of(&app, &mig), Some(98.0));
    let now = fs::read_to_string(dir.join("o2-upgrade.toml")).unwrap();
    assert!(
        now.contains("percent = 98") && !now.contains("<<<<<<<"),
        "{now}"
    );
}

#[test]
fn files_that_come_and_go_under_the_app_join_and_leave_it() {
    let (root, mut app) = common::app_in("en", false);
    let dir = root.path().join("data");
    // an edit to o3, then a new o0 sorts before everything
    find(&mut app, "前端→后端接口调用延迟监控");
    keys(&mut app, "+");
    fs::write(dir.join("o0-new.toml"), "title = \"O0 新目标\"\n").unwrap();
    app.dispatch(Action::FolderChanged);
    let ids: Vec<&str> = app
        .portfolio
        .objectives
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(ids, ["o0-new", "o1-business", "o2-upgrade", "o3-stability"]);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("O0 新目标"), "{screen}");
    // o1 goes: its objective leaves; the edit to o3 still undoes, in o3
    fs::remove_file(dir.join("o1-business.toml")).unwrap();
    app.dispatch(Action::FolderChanged);
    assert!(app.portfolio.objective_index("o1-business").is_none());
    assert_eq!(app.portfolio.files.len(), 3);
    let o3 = fs::read_to_string(dir.join("o3-stability.toml")).unwrap();
    keys(&mut app, "u");
    assert_ne!(
        fs::read_to_string(dir.join("o3-stability.toml")).unwrap(),
        o3
    );
    let lighthouse = ItemPath::project("o3-stability", "lighthouse");
    assert!(app.portfolio.get(&lighthouse).is_some());
}

/// `git -C dir ARGS`; the commit named `one` is dated long ago, so that it
/// is not this week's.
fn git(dir: &Path, args: &[&str]) {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir).args(args);
    if args.contains(&"one") {
        cmd.env("GIT_AUTHOR_DATE", "2020-01-01T00:00:00");
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_detail_pane_and_the_stand_up_say_who_changed_what() {
    let (root, _) = common::app_in("zh", false);
    let dir = root.path().join("data");
    git(root.path(), &["init", "-q", "-b", "main"]);
    git(
        root.path(),
        &["-c", "user.name=张三", "-c", "user.email=z@x", "add", "-A"],
    );
    git(
        root.path(),
        &[
            "-c",
            "user.name=张三",
            "-c",
            "user.email=z@x",
            "commit",
            "-q",
            "-m",
            "one",
        ],
    );
    common::stride_on(&dir, "2023-06-20")
        .args([
            "set",
            "o2-upgrade/pos/rengu",
            "--percent",
            "85",
            "--note",
            "按计划",
        ])
        .assert()
        .success();
    git(root.path(), &["add", "-A"]);
    git(
        root.path(),
        &[
            "-c",
            "user.name=李四",
            "-c",
            "user.email=l@x",
            "commit",
            "-q",
            "-m",
            "two",
        ],
    );
    let mut app = App::new(load_dir(&dir).unwrap(), today());
    // the commits were made today by the clock, not on 2023-06-20
    let monday = chrono::Local::now().date_naive() - chrono::Days::new(7);
    app.changes = Changes::read(&dir, monday, 100).unwrap();
    find(&mut app, "人谷系统技术栈改造");
    let screen = text(&draw(&mut app, 200, 50));
    let line = screen
        .lines()
        .find(|l| l.contains("最近修改"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.contains("李四"), "{line}");
    // the stand-up page of POS lists the week's changes by person
    app.dispatch(Action::Standup);
    let mut found = String::new();
    for _ in 0..20 {
        let screen = text(&draw(&mut app, 200, 50));
        if screen.contains("POS收单系统建设") && screen.contains("本周修改") {
            found = screen;
            break;
        }
        app.dispatch(Action::NextPage);
    }
    let line = found
        .lines()
        .find(|l| l.contains("本周修改"))
        .unwrap_or_else(|| panic!("no changes on the POS page"));
    assert!(
        line.contains("李四") && line.contains("85") && line.contains("按计划"),
        "{line}"
    );
}
