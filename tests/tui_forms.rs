//! Forms and keys, driven by key sequences without a terminal: blocked in
//! one step, the edit form's fields, paragraphs, Esc that never quits,
//! leaving and resuming a stand-up, rescheduling, deleting and adding.

use std::fs;
use std::time::Duration;

use stride::core::{ItemPath, Status, load_dir};
use stride::tui::action::Action;
use stride::tui::app::{App, Mode};
use stride::tui::screens::Screen;

mod common;
use common::screen::{draw, text};

struct F {
    root: tempfile::TempDir,
    app: App,
}

impl F {
    fn new(language: &str) -> Self {
        let (root, app) = common::app_in(language, false);
        F { root, app }
    }

    fn read(&self, name: &str) -> String {
        fs::read_to_string(self.root.path().join("data").join(name)).unwrap()
    }

    fn keys(&mut self, k: &str) {
        common::keys(&mut self.app, k);
    }

    fn paste(&mut self, text: &str) {
        common::paste(&mut self.app, text);
    }

    fn find(&mut self, title: &str) {
        common::find(&mut self.app, title);
    }

    fn message(&self) -> String {
        self.app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }

    fn selected(&self) -> String {
        self.app
            .selected_path()
            .map(|p| p.to_string())
            .unwrap_or_default()
    }

    /// The selected item's fields.
    fn fields(&self) -> stride::core::model::Fields {
        self.app.selected_item().unwrap().fields().clone()
    }

    /// The open form's fields by key: (value, error, hint).
    fn field(&self, key: &str) -> (String, Option<String>, Option<String>) {
        let Mode::Form(form) = &self.app.mode else {
            panic!("no form open: {:?}", self.app.mode)
        };
        let f = form
            .fields
            .iter()
            .find(|f| f.label() == key)
            .unwrap_or_else(|| panic!("no field {key}"));
        (f.value().to_string(), f.error.clone(), f.hint.clone())
    }

    /// Moves the form's focus to the field `key`.
    fn focus(&mut self, key: &str) {
        for _ in 0..20 {
            let Mode::Form(form) = &self.app.mode else {
                panic!("no form open")
            };
            if form.fields[form.focus].label() == key {
                return;
            }
            self.keys("<Tab>");
        }
        panic!("no field {key}");
    }

    /// Replaces the focused field's text.
    fn type_over(&mut self, text: &str) {
        self.keys("Ctrl-u");
        self.paste(text);
    }
}

/// The table of `header` in a TOML text, up to the next header.
fn table<'a>(text: &'a str, header: &str) -> &'a str {
    let start = text.find(header).unwrap();
    let end = text[start + 1..]
        .find("\n[")
        .map_or(text.len(), |e| start + 1 + e);
    &text[start..end]
}

#[test]
fn s_b_asks_the_reason_and_saves_status_and_blocker_as_one_undo_step() {
    let mut f = F::new("en");
    let before = f.read("o2-upgrade.toml");
    f.find("迁移进度");
    f.keys("sb");
    let Mode::Form(form) = &f.app.mode else {
        panic!("b asks for the reason")
    };
    assert_eq!(form.heading(), "Blocked: o2-upgrade/hive/migration");
    f.paste("等待DBA扩容");
    f.keys("<Enter>");
    assert!(matches!(f.app.mode, Mode::Normal));
    let t = f.read("o2-upgrade.toml");
    let m = table(&t, "[project.hive.milestone.migration]");
    assert!(m.contains("status = \"blocked\""), "{m}");
    assert!(m.contains("blocker = \"等待DBA扩容\""), "{m}");
    assert_eq!(f.app.stats.blocked, 2, "the header counts it");
    // one undo takes back both
    f.keys("u");
    assert_eq!(f.read("o2-upgrade.toml"), before);
    assert_eq!(f.fields().status, None);
    assert_eq!(f.fields().blocker, None);
}

#[test]
fn another_status_on_a_blocked_item_offers_to_clear_the_blocker() {
    let mut f = F::new("en");
    let before = f.read("o1-business.toml");
    f.find("网联代收");
    // Esc changes nothing
    f.keys("si");
    assert!(matches!(f.app.mode, Mode::ClearBlocker(_)));
    f.keys("<Esc>");
    assert_eq!(f.read("o1-business.toml"), before);
    assert_eq!(f.fields().status, Some(Status::Blocked));
    // y clears it, in the same undo step
    f.keys("siy");
    let t = f.read("o1-business.toml");
    let m = table(&t, "[project.channels.milestone.netsunion]");
    assert!(m.contains("status  = \"in_progress\""), "{m}");
    assert!(!m.contains("blocker"), "{m}");
    f.keys("u");
    assert_eq!(f.read("o1-business.toml"), before);
    // n keeps it
    f.keys("sin");
    assert_eq!(f.fields().status, Some(Status::InProgress));
    assert_eq!(
        f.fields().blocker.as_deref(),
        Some("解约接口由于网联测试环境问题阻断中")
    );
}

#[test]
fn b_in_the_overdue_review_blocks_the_item_too() {
    let mut f = F::new("en");
    f.keys("o");
    assert!(matches!(f.app.screen, Screen::Overdue(_)));
    // the second item, 银联信用卡分期, is not blocked
    f.keys("jb");
    assert_eq!(f.selected(), "o1-business/channels/upinstall");
    f.paste("前台收银台未完成");
    f.keys("<Enter>");
    assert_eq!(f.fields().status, Some(Status::Blocked));
    assert_eq!(f.fields().blocker.as_deref(), Some("前台收银台未完成"));
    assert_eq!(f.app.stats.blocked, 2);
    let t = f.read("o1-business.toml");
    let m = table(&t, "[project.channels.milestone.upinstall]");
    assert!(m.contains("status = \"blocked\""), "{m}");
}

#[test]
fn the_edit_form_sets_status_counts_weight_and_tags_and_checks_them() {
    let mut f = F::new("en");
    f.find("迁移进度");
    f.keys("e");
    let Mode::Form(form) = &f.app.mode else {
        panic!("form")
    };
    let labels: Vec<&str> = form.fields.iter().map(|f| f.label()).collect();
    assert_eq!(
        labels,
        [
            "title", "owner", "status", "due", "start", "percent", "stage", "done", "total",
            "weight", "tags", "update", "next", "blocker", "note"
        ]
    );
    assert_eq!(f.field("total").0, "164");
    // a status by a word the menu shows; a bad one says what is allowed
    f.focus("status");
    f.type_over("busy");
    assert!(
        f.field("status")
            .1
            .unwrap()
            .contains("in progress, blocked")
    );
    f.type_over("at_risk");
    assert_eq!(f.field("status").1, None);
    // the project has no stages
    f.focus("stage");
    f.type_over("开发");
    assert_eq!(
        f.field("stage").1.as_deref(),
        Some("the project has no stages")
    );
    f.type_over("");
    // counts are whole numbers, done at most total
    f.focus("done");
    f.type_over("2.5");
    assert!(f.field("done").1.unwrap().contains("whole number"));
    f.type_over("170");
    assert_eq!(
        f.field("done").1.as_deref(),
        Some("done 170 is more than total 164")
    );
    f.keys("<Enter>");
    assert!(matches!(f.app.mode, Mode::Form(_)), "not saved");
    f.type_over("160");
    f.focus("weight");
    f.type_over("0");
    assert!(f.field("weight").1.is_some());
    f.type_over("2");
    f.focus("tags");
    f.type_over("数仓, 迁移，对账");
    f.keys("<Enter>");
    assert!(matches!(f.app.mode, Mode::Normal), "{}", f.message());
    let t = f.read("o2-upgrade.toml");
    let m = table(&t, "[project.hive.milestone.migration]");
    assert!(m.contains("status = \"at_risk\""), "{m}");
    assert!(m.contains("done = 160"), "{m}");
    assert!(m.contains("weight = 2"), "{m}");
    assert!(m.contains(r#"tags = ["数仓", "迁移", "对账"]"#), "{m}");
    // one undo step for the whole form
    f.keys("u");
    assert_eq!(
        f.read("o2-upgrade.toml"),
        common_original("o2-upgrade.toml")
    );
}

fn common_original(name: &str) -> String {
    fs::read_to_string(common::data_dir().join(name)).unwrap()
}

#[test]
fn a_growing_total_is_saved_before_the_done_count_that_needs_it() {
    let mut f = F::new("en");
    f.find("迁移进度");
    f.keys("e");
    f.focus("done");
    f.type_over("180");
    f.focus("total");
    f.type_over("200");
    f.keys("<Enter>");
    assert!(matches!(f.app.mode, Mode::Normal), "{}", f.message());
    let t = f.read("o2-upgrade.toml");
    let m = table(&t, "[project.hive.milestone.migration]");
    assert!(
        m.contains("done = 180") && m.contains("total   = 200"),
        "{m}"
    );
}

#[test]
fn stage_takes_the_projects_stages_and_a_projects_stages_are_editable() {
    let mut f = F::new("zh");
    f.find("银联信用卡分期");
    f.keys("e");
    f.focus("stage");
    f.type_over("验收");
    assert_eq!(
        f.field("stage").1.as_deref(),
        Some("`验收` 不是阶段：开发, 测试, 联调, 上线, 投产")
    );
    f.type_over("联调");
    assert_eq!(f.field("stage").1, None);
    f.keys("<Enter>");
    assert_eq!(
        f.app.selected_item().unwrap().fields().title,
        "银联信用卡分期"
    );
    assert!(f.read("o1-business.toml").contains("stage  = \"联调\""));
    // the project's stages, comma-separated
    f.find("新支付能力建设");
    f.keys("e");
    f.focus("stages");
    assert_eq!(f.field("stages").0, "开发, 测试, 联调, 上线, 投产");
    f.type_over("开发, 测试, 联调, 上线, 投产, 验收");
    f.keys("<Enter>");
    assert!(matches!(f.app.mode, Mode::Normal), "{}", f.message());
    assert!(
        f.read("o1-business.toml")
            .contains(r#"stages = ["开发", "测试", "联调", "上线", "投产", "验收"]"#)
    );
    // a stage still in use cannot go: the form stays, saying why
    f.keys("e");
    f.focus("stages");
    f.type_over("开发, 测试");
    f.keys("<Enter>");
    assert!(matches!(f.app.mode, Mode::Form(_)));
    assert!(f.message().contains("没有阶段"), "{}", f.message());
    // a stage listed twice is an error as typed
    f.type_over("开发, 开发");
    assert!(f.field("stages").1.unwrap().contains("重复"));
}

#[test]
fn update_and_note_hold_paragraphs_enter_makes_a_new_line_ctrl_s_saves() {
    let mut f = F::new("en");
    f.find("迁移进度");
    f.keys("e");
    f.focus("note");
    f.keys("第一段<Enter>第二段Ctrl-j第三段");
    assert!(
        matches!(f.app.mode, Mode::Form(_)),
        "Enter stays in the form"
    );
    assert_eq!(f.field("note").0, "第一段\n第二段\n第三段");
    // a paste keeps its lines here
    f.paste("\n粘贴\n两行");
    assert_eq!(f.field("note").0, "第一段\n第二段\n第三段\n粘贴\n两行");
    f.keys("Ctrl-s");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(
        f.fields().note.as_deref(),
        Some("第一段\n第二段\n第三段\n粘贴\n两行")
    );
    // read back from the file, the same paragraphs
    let p = load_dir(&f.root.path().join("data")).unwrap();
    let path = ItemPath::milestone("o2-upgrade", "hive", "migration");
    assert_eq!(
        p.get(&path).unwrap().fields().note.as_deref(),
        Some("第一段\n第二段\n第三段\n粘贴\n两行")
    );
    // Enter in a one-line field saves
    f.keys("e");
    f.focus("owner");
    f.keys("李四<Enter>");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(f.fields().owner.as_deref(), Some("李四"));
}

#[test]
fn a_paragraph_shows_its_beginning_when_not_focused_and_the_cursor_stays_right() {
    let mut f = F::new("zh");
    f.find("迁移进度");
    f.keys("e");
    f.focus("update");
    f.keys("Ctrl-u");
    f.keys("第一行很长的中文<Enter>二行");
    let mut t = draw(&mut f.app, 80, 24);
    let screen = text(&t);
    let pos = t.get_cursor_position().unwrap();
    let row = screen.lines().nth(pos.y as usize).unwrap();
    assert!(row.contains("二行"), "{row}");
    // the cursor after 二行: the row's text up to it is as wide
    let buf = t.backend().buffer();
    let start = (0..buf.area.width)
        .find(|&x| buf[(x, pos.y)].symbol() == "二")
        .unwrap();
    assert_eq!(pos.x, start + 4);
    // another field focused: the update shows its first line and a mark
    f.keys("<Tab>");
    let screen = text(&draw(&mut f.app, 80, 24));
    assert!(screen.contains("第一行很长的中文 ⏎…"), "{screen}");
    assert!(!screen.contains("二行"), "{screen}");
}

#[test]
fn esc_on_an_unchanged_form_closes_it_at_once() {
    let mut f = F::new("en");
    f.keys("e<Esc>");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert!(f.message().starts_with("cancelled"), "{}", f.message());
}

#[test]
fn esc_never_quits_it_clears_the_search_then_the_filter() {
    let mut f = F::new("en");
    f.keys("<Esc><Esc>");
    assert!(!f.app.quit);
    assert_eq!(f.message(), "q quits stride");
    // a search, cleared by Esc
    f.find("迁移");
    assert!(!f.app.search.matches.is_empty());
    f.keys("<Esc>");
    assert!(f.app.search.matches.is_empty());
    assert_eq!(f.message(), "search cleared");
    // a filter, cleared by Esc
    f.keys("f<Enter>");
    assert!(f.app.tree.filter.is_active());
    f.keys("<Esc>");
    assert!(!f.app.tree.filter.is_active());
    assert!(!f.app.quit);
    // q quits
    f.keys("q");
    assert!(f.app.quit);
}

#[test]
fn ctrl_c_quits_from_the_tree() {
    let mut f = F::new("en");
    f.keys("Ctrl-c");
    assert!(f.app.quit);
}

#[test]
fn leaving_a_stand_up_in_progress_asks_and_w_resumes_it_the_same_day() {
    let mut f = F::new("en");
    // not started yet: q leaves without asking
    f.keys("wq");
    assert!(matches!(f.app.screen, Screen::Tree));
    assert!(matches!(f.app.mode, Mode::Normal));
    // under way: two pages on, a minute spent
    f.keys("wnn");
    f.app.dispatch(Action::Tick(Duration::from_secs(60)));
    let Screen::Standup(s) = &f.app.screen else {
        panic!("stand-up")
    };
    let (page, total) = (s.page, s.total);
    f.keys("j");
    let row = match &f.app.screen {
        Screen::Standup(s) => s.row,
        _ => unreachable!(),
    };
    f.keys("q");
    assert!(matches!(f.app.mode, Mode::LeaveStandup));
    f.keys("n");
    assert!(matches!(f.app.screen, Screen::Standup(_)), "n stays");
    f.keys("<Esc>");
    assert!(matches!(f.app.mode, Mode::LeaveStandup), "Esc asks too");
    f.keys("y");
    assert!(matches!(f.app.screen, Screen::Tree));
    assert_eq!(f.message(), "left the stand-up: w resumes it today");
    // w resumes: the same page, row and time
    f.keys("w");
    let Screen::Standup(s) = &f.app.screen else {
        panic!("stand-up")
    };
    assert_eq!((s.page, s.total, s.row), (page, total, row));
    assert_eq!(f.message(), "stand-up resumed");
}

#[test]
fn a_stand_up_left_yesterday_starts_again() {
    let mut f = F::new("en");
    f.keys("wnn");
    f.keys("qy");
    f.app.today = f.app.today.succ_opt().unwrap();
    f.keys("w");
    let Screen::Standup(s) = &f.app.screen else {
        panic!("stand-up")
    };
    assert_eq!(s.total, Duration::ZERO);
    assert!(s.on_ops(), "from the first page");
}

#[test]
fn reschedule_opens_empty_with_the_due_date_as_hint_and_counts_from_it() {
    let mut f = F::new("en");
    f.keys("o");
    assert_eq!(f.selected(), "o1-business/channels/netsunion");
    f.keys("d");
    let (value, error, hint) = f.field("due");
    assert_eq!(value, "");
    assert_eq!(error, None);
    assert_eq!(hint.as_deref(), Some("now 2023-06-16 · +3d counts from it"));
    let screen = text(&draw(&mut f.app, 80, 24));
    assert!(
        screen.contains("now 2023-06-16 · +3d counts from it"),
        "{screen}"
    );
    // a bad date: its message whole at 80 columns
    f.paste("next week");
    let error = f.field("due").1.unwrap();
    let screen = text(&draw(&mut f.app, 80, 24));
    assert!(screen.contains(&error), "{error}\n{screen}");
    f.type_over("+3d");
    assert_eq!(f.field("due").2.as_deref(), Some("= 2023-06-19"));
    f.keys("<Enter>");
    assert_eq!(f.fields().due.unwrap().to_string(), "2023-06-19");
    // elsewhere +3d counts from today
    f.keys("<Esc>e");
    f.focus("due");
    f.type_over("+3d");
    assert_eq!(f.field("due").2.as_deref(), Some("= 2023-06-23"));
}

#[test]
fn d_names_the_project_and_how_many_milestones_go_with_it() {
    for (lang, words) in [
        ("en", "Delete POS收单系统建设 and its 5 milestones?"),
        ("zh", "删除 POS收单系统建设 及其 5 个里程碑？"),
    ] {
        let mut f = F::new(lang);
        f.find("POS收单系统建设");
        f.keys("D");
        assert!(matches!(f.app.mode, Mode::Confirm(_)));
        let screen = text(&draw(&mut f.app, 80, 24));
        assert!(screen.contains(words), "{screen}");
        f.keys("y");
        assert!(!f.read("o2-upgrade.toml").contains("[project.pos]"));
    }
}

#[test]
fn a_three_times_on_an_objective_adds_three_projects() {
    let mut f = F::new("en");
    assert_eq!(f.selected(), "o1-business");
    for id in ["p1", "p2", "p3"] {
        f.keys("a");
        f.keys(id);
        f.keys("<Tab>");
        f.paste(&format!("新项目 {id}"));
        f.keys("<Enter>");
        assert_eq!(f.selected(), "o1-business", "the selection stays");
    }
    let t = f.read("o1-business.toml");
    for id in ["p1", "p2", "p3"] {
        assert!(t.contains(&format!("[project.{id}]")), "{t}");
    }
}

#[test]
fn the_help_scrolls_to_its_last_key_at_80x24() {
    let mut f = F::new("en");
    f.keys("?");
    let screen = text(&draw(&mut f.app, 80, 24));
    assert!(screen.contains("↑↓ scroll"), "{screen}");
    assert!(!screen.contains("Ctrl-u w a e"), "{screen}");
    f.keys("jjjjjjjjjj");
    assert!(matches!(f.app.mode, Mode::Help(_)), "j scrolls");
    let screen = text(&draw(&mut f.app, 80, 24));
    assert!(screen.contains("Ctrl-u w a e"), "{screen}");
    assert!(screen.contains("Esc") && screen.contains("clear the search"));
    f.keys("x");
    assert!(matches!(f.app.mode, Mode::Normal), "another key closes it");
}
