//! Progress keys that never contradict themselves, driven without a
//! terminal: `+` on a counting milestone moves `done`, `>` to the last
//! stage reaches 100%, done (status menu, overdue review) moves a staged
//! milestone to the last stage.

use std::fs;

use stride::core::{ItemPath, Status};
use stride::tui::action::Action;
use stride::tui::app::App;
use stride::tui::screens::Screen;

mod common;

fn read(d: &tempfile::TempDir) -> String {
    fs::read_to_string(d.path().join("data").join("o1-business.toml")).unwrap()
}

/// The table of a milestone in the text of its file: its header to the next.
fn table<'a>(text: &'a str, header: &str) -> &'a str {
    let start = text.find(header).unwrap_or_else(|| panic!("{header}"));
    let end = text[start + 1..]
        .find("\n[")
        .map_or(text.len(), |e| start + 1 + e);
    &text[start..end]
}

fn percent(app: &App, path: &ItemPath) -> f64 {
    app.portfolio.get(path).unwrap().percent()
}

fn screen(app: &mut App) -> String {
    common::screen::text(&common::screen::draw(app, 120, 30))
}

#[test]
fn plus_on_a_count_milestone_moves_done_and_writes_no_percent() {
    let (d, mut app) = common::app_in("zh", false);
    let fixes = ItemPath::milestone("o1-business", "easypay", "fixes");
    common::find(&mut app, "开户优化需求");
    assert_eq!(app.selected_path(), Some(fixes.clone()));
    let before = read(&d);
    common::keys(&mut app, "+");
    let text = read(&d);
    let t = table(&text, "[project.easypay.milestone.fixes]");
    assert!(t.contains("done  = 5 "), "{t}");
    assert!(!t.contains("percent"), "{t}");
    assert_eq!(
        before.lines().count(),
        text.lines().count(),
        "one line changed, none added"
    );
    assert!((percent(&app, &fixes) - 500.0 / 14.0).abs() < 1e-9);
    let shown = screen(&mut app);
    assert!(shown.contains("35.71%"), "{shown}");
    assert!(shown.contains("共14（已完成 5）"), "{shown}");
    // ] and [ move by one too; - back to where it was
    common::keys(&mut app, "]");
    assert!(table(&read(&d), "[project.easypay.milestone.fixes]").contains("done  = 6 "));
    common::keys(&mut app, "[-");
    assert_eq!(read(&d), before, "back at 4, byte for byte");
}

#[test]
fn plus_stops_at_total_and_minus_at_zero() {
    let (d, mut app) = common::app_in("en", false);
    common::find(&mut app, "检测问题修复");
    let before = fs::read_to_string(d.path().join("data/o3-stability.toml")).unwrap();
    common::keys(&mut app, "-");
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("percent is already 0%")
    );
    common::keys(&mut app, "++++");
    let after = fs::read_to_string(d.path().join("data/o3-stability.toml")).unwrap();
    assert!(after.contains("done   = 4"), "{after}");
    common::keys(&mut app, "+");
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("percent is already 100%")
    );
    assert_ne!(before, after);
}

#[test]
fn next_stage_after_plus_reaches_100_on_the_last_stage() {
    let (d, mut app) = common::app_in("en", false);
    let upcollect = ItemPath::milestone("o1-business", "channels", "upcollect");
    common::find(&mut app, "银联代收");
    assert_eq!(app.selected_path(), Some(upcollect.clone()));
    assert_eq!(percent(&app, &upcollect), 80.0);
    common::keys(&mut app, "+");
    assert_eq!(percent(&app, &upcollect), 85.0);
    assert!(table(&read(&d), "[project.channels.milestone.upcollect]").contains("percent = 85"));
    common::keys(&mut app, ">");
    assert_eq!(percent(&app, &upcollect), 100.0);
    let text = read(&d);
    let t = table(&text, "[project.channels.milestone.upcollect]");
    assert!(t.contains("stage  = \"投产\""), "{t}");
    assert!(!t.contains("percent"), "{t}");
    // one undo takes back the stage and the percent together
    common::keys(&mut app, "u");
    assert_eq!(percent(&app, &upcollect), 85.0);
    assert!(table(&read(&d), "[project.channels.milestone.upcollect]").contains("percent = 85"));
}

#[test]
fn previous_stage_keeps_a_percent_in_its_range_and_removes_one_outside() {
    let (d, mut app) = common::app_in("en", false);
    let upcollect = ItemPath::milestone("o1-business", "channels", "upcollect");
    common::find(&mut app, "银联代收");
    // 80 - 5 = 75 lies in 上线's range (60, 80]
    common::keys(&mut app, "-");
    assert_eq!(percent(&app, &upcollect), 75.0);
    // 联调 is (40, 60]: 75 would contradict it
    common::keys(&mut app, "<lt>");
    assert_eq!(percent(&app, &upcollect), 60.0);
    assert!(!table(&read(&d), "[project.channels.milestone.upcollect]").contains("percent"));
}

#[test]
fn done_in_the_status_menu_moves_a_staged_milestone_to_the_last_stage() {
    let (d, mut app) = common::app_in("en", false);
    let upinstall = ItemPath::milestone("o1-business", "channels", "upinstall");
    let project = ItemPath::project("o1-business", "channels");
    common::find(&mut app, "银联信用卡分期");
    assert_eq!(percent(&app, &upinstall), 40.0);
    let project_before = percent(&app, &project);
    common::keys(&mut app, "sd");
    assert_eq!(percent(&app, &upinstall), 100.0);
    assert!((percent(&app, &project) - project_before - 60.0 / 7.0).abs() < 1e-9);
    let text = read(&d);
    let t = table(&text, "[project.channels.milestone.upinstall]");
    assert!(t.contains("stage  = \"投产\""), "{t}");
    assert!(t.contains("status = \"done\""), "{t}");
}

#[test]
fn x_in_the_overdue_review_finishes_a_staged_milestone() {
    let (d, mut app) = common::app_in("zh", false);
    let upinstall = ItemPath::milestone("o1-business", "channels", "upinstall");
    app.dispatch(Action::Review);
    let Screen::Overdue(r) = &app.screen else {
        panic!("review");
    };
    let at = r.items.iter().position(|p| *p == upinstall).unwrap();
    for _ in 0..at {
        app.dispatch(Action::Down);
    }
    app.dispatch(Action::MarkDone);
    let item = app.portfolio.get(&upinstall).unwrap();
    assert_eq!(item.status(), Status::Done);
    assert_eq!(item.percent(), 100.0);
    let text = read(&d);
    let t = table(&text, "[project.channels.milestone.upinstall]");
    assert!(t.contains("stage  = \"投产\""), "{t}");
    let shown = screen(&mut app);
    assert!(!shown.contains("已完成 40%"), "{shown}");
}

#[test]
fn english_screens_show_statuses_in_words() {
    let (_d, mut app) = common::app_in("en", false);
    let shown = screen(&mut app);
    assert!(shown.contains("in progress"), "{shown}");
    assert!(!shown.contains("in_progress"), "{shown}");
}

#[test]
fn minus_on_a_done_milestone_at_the_last_stage_steps_back_a_stage_and_is_no_longer_done() {
    let (d, mut app) = common::app_in("en", false);
    let upcashier = ItemPath::milestone("o1-business", "channels", "upcashier");
    common::find(&mut app, "银联在线收银台");
    assert_eq!(app.selected_path(), Some(upcashier.clone()));
    common::keys(&mut app, "-");
    let item = app.portfolio.get(&upcashier).unwrap();
    assert_eq!(item.percent(), 95.0);
    assert_eq!(item.status(), Status::InProgress);
    let text = read(&d);
    let t = table(&text, "[project.channels.milestone.upcashier]");
    assert!(t.contains("stage  = \"上线\""), "{t}");
    assert!(t.contains("percent = 95"), "{t}");
    assert!(!t.contains("status"), "{t}");
    common::keys(&mut app, "u");
    assert_eq!(
        app.portfolio.get(&upcashier).unwrap().status(),
        Status::Done
    );
}
