//! The stand-up walkthrough, the overdue review and the pipeline board:
//! state driven by actions, files on disk, and TestBackend snapshots.

use std::fs;
use std::time::Duration;

use stride::core::{ItemPath, Status};
use stride::tui::action::Action;
use stride::tui::app::{App, Mode};
use stride::tui::screens::Screen;
use stride::tui::view;

#[macro_use]
mod common;
use common::screen::draw;
use common::today;

fn read(d: &tempfile::TempDir, name: &str) -> String {
    fs::read_to_string(d.path().join("data").join(name)).unwrap()
}

/// Pages forward in the stand-up until the page shows `title`.
fn page_to(app: &mut App, title: &str) {
    for _ in 0..40 {
        if app
            .selected_item()
            .is_some_and(|i| i.fields().title == title)
        {
            return;
        }
        app.dispatch(Action::NextPage);
    }
    panic!("no stand-up page for {title}");
}

#[test]
fn the_stand_up_walks_every_project_and_edits_while_people_speak() {
    let (d, mut app) = common::app_in("en", true);
    app.dispatch(Action::Standup);
    let Screen::Standup(s) = &app.screen else {
        panic!("stand-up")
    };
    assert_eq!(s.projects.len(), 14);
    // it opens on the operations page; the first project comes next
    assert!(s.on_ops());
    app.dispatch(Action::NextPage);
    assert_eq!(
        app.selected_path(),
        Some(ItemPath::project("o1-business", "easypay"))
    );
    // time on this page and on the meeting
    app.dispatch(Action::Tick(Duration::from_secs(75)));
    page_to(&mut app, "新支付能力建设");
    app.dispatch(Action::Tick(Duration::from_secs(30)));
    // select 网联代收 (the fifth milestone) and move it on while its owner speaks
    for _ in 0..5 {
        app.dispatch(Action::Down);
    }
    assert_eq!(
        app.selected_path().unwrap().to_string(),
        "o1-business/channels/netsunion"
    );
    app.dispatch(Action::StageNext);
    assert!(read(&d, "o1-business.toml").contains("stage   = \"上线\""));
    app.dispatch(Action::Percent(5.0));
    assert_eq!(app.selected_item().unwrap().percent(), 85.0);
    assert!(read(&d, "o1-business.toml").contains("percent = 85"));
    // this week's history followed the edits
    let w25 = read(&d, "history/2023-W25.toml");
    assert!(w25.contains("\"o1-business/channels/netsunion\" = { percent = 85"));
    // back and forth keeps the pages' times apart
    app.dispatch(Action::PrevPage);
    app.dispatch(Action::NextPage);
    let Screen::Standup(s) = &app.screen else {
        panic!()
    };
    assert_eq!(s.total, Duration::from_secs(105));
    assert_eq!(s.spent[0], Duration::from_secs(75));
    assert_eq!(s.spent[4], Duration::from_secs(30));
    // on to the summary
    for _ in 0..20 {
        app.dispatch(Action::NextPage);
    }
    let Screen::Standup(s) = &app.screen else {
        panic!()
    };
    assert!(s.on_summary());
    let text = common::screen::text(&draw(&mut app, 100, 40));
    assert!(text.contains("Moved since last week"));
    assert!(text.contains("网联代收  ▲ 25"), "{text}");
    assert!(text.contains("Still overdue (1)"));
    assert!(text.contains("网联代收: 解约接口由于网联测试环境问题阻断中"));
    assert!(text.contains("01:15"), "easypay's 75 seconds");
    // undo works here too, and q leaves for the tree
    app.dispatch(Action::Back);
    assert_eq!(app.screen, Screen::Tree);
}

#[test]
fn the_overdue_review_reschedules_marks_done_and_records_blockers() {
    let (d, mut app) = common::app_in("en", true);
    app.dispatch(Action::Review);
    let Screen::Overdue(r) = &app.screen else {
        panic!("review")
    };
    let listed: Vec<String> = r.items.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        listed,
        [
            "o1-business/channels/netsunion",
            "o1-business/channels/upinstall",
        ],
        "overdue first, then due soon by date"
    );
    // d: a new due date, typed as +1w: a week after the due date (06-16)
    app.dispatch(Action::Reschedule);
    assert!(matches!(app.mode, Mode::Form(_)));
    app.dispatch(Action::Input(tui_input::InputRequest::DeleteLine));
    app.dispatch(Action::Paste("+1w".into()));
    app.dispatch(Action::Confirm);
    assert!(read(&d, "o1-business.toml").contains("due     = 2023-06-23"));
    // b: a blocker on the next item
    app.dispatch(Action::Down);
    app.dispatch(Action::RecordBlocker);
    app.dispatch(Action::Paste("等待银联测试环境".into()));
    app.dispatch(Action::Confirm);
    assert!(read(&d, "o1-business.toml").contains("blocker = \"等待银联测试环境\""));
    // x: done, and undone
    app.dispatch(Action::MarkDone);
    assert_eq!(
        app.portfolio
            .get(&ItemPath::milestone("o1-business", "channels", "upinstall"))
            .unwrap()
            .status(),
        Status::Done
    );
    let before_undo = read(&d, "o1-business.toml");
    app.dispatch(Action::Undo);
    assert_ne!(read(&d, "o1-business.toml"), before_undo);
    assert!(!read(&d, "o1-business.toml").contains("status = \"done\"\nblocker"));
}

#[test]
fn the_board_moves_cards_between_stages() {
    let (d, mut app) = common::app_in("en", true);
    app.dispatch(Action::Search);
    app.dispatch(Action::Paste("网联代收".into()));
    app.dispatch(Action::Confirm);
    app.dispatch(Action::Board);
    let Screen::Board(b) = &app.screen else {
        panic!("board")
    };
    assert_eq!(b.column, 2, "联调 is the third stage");
    app.dispatch(Action::StageNext);
    let Screen::Board(b) = &app.screen else {
        panic!()
    };
    assert_eq!((b.column, b.card), (3, 1), "the card follows into 上线");
    assert!(read(&d, "o1-business.toml").contains("stage   = \"上线\""));
    app.dispatch(Action::Left);
    app.dispatch(Action::Left);
    assert_eq!(
        app.selected_path().unwrap().to_string(),
        "o1-business/channels/upinstall",
        "the card in 测试"
    );
    app.dispatch(Action::StagePrev);
    assert!(read(&d, "o1-business.toml").contains("stage  = \"开发\""));
    // a project without stages has no board
    app.dispatch(Action::Back);
    app.dispatch(Action::Search);
    app.dispatch(Action::Paste("迁移进度".into()));
    app.dispatch(Action::Confirm);
    app.dispatch(Action::Board);
    assert_eq!(app.screen, Screen::Tree);
    assert!(app.message.as_ref().unwrap().text.contains("stages"));
}

#[test]
fn stand_up_page_80x24_and_200x50() {
    let (d, mut app) = common::app_in("en", true);
    app.dispatch(Action::Standup);
    page_to(&mut app, "新支付能力建设");
    app.dispatch(Action::Tick(Duration::from_secs(95)));
    for _ in 0..5 {
        app.dispatch(Action::Down);
    }
    check!(&d, "standup_80x24", &draw(&mut app, 80, 24));
    check!(&d, "standup_200x50", &draw(&mut app, 200, 50));
}

#[test]
fn stand_up_summary_80x24_and_200x50() {
    let (d, mut app) = common::app_in("en", true);
    app.dispatch(Action::Standup);
    // the operations page, then the 14 projects
    for _ in 0..15 {
        app.dispatch(Action::Tick(Duration::from_secs(61)));
        app.dispatch(Action::NextPage);
    }
    check!(&d, "standup_summary_80x24", &draw(&mut app, 80, 24));
    check!(&d, "standup_summary_200x50", &draw(&mut app, 200, 50));
}

#[test]
fn overdue_review_and_board_80x24_and_200x50() {
    let (d, mut app) = common::app_in("en", true);
    app.dispatch(Action::Review);
    check!(&d, "review_80x24", &draw(&mut app, 80, 24));
    check!(&d, "review_200x50", &draw(&mut app, 200, 50));
    app.dispatch(Action::Back);
    app.dispatch(Action::Search);
    app.dispatch(Action::Paste("网联代收".into()));
    app.dispatch(Action::Confirm);
    app.dispatch(Action::Board);
    app.message = None;
    check!(&d, "board_80x24", &draw(&mut app, 80, 24));
    check!(&d, "board_200x50", &draw(&mut app, 200, 50));
}

#[test]
fn the_summary_lists_are_made_once_and_again_after_a_change() {
    let (_d, mut app) = common::app_in("en", true);
    app.open_standup();
    let n = match &app.screen {
        Screen::Standup(s) => s.projects.len(),
        _ => unreachable!(),
    };
    for _ in 0..=n {
        app.dispatch(Action::NextPage);
    }
    let summary = |app: &App| match &app.screen {
        Screen::Standup(s) if s.on_summary() => s.summary.clone(),
        _ => None,
    };
    let made = summary(&app).expect("made when the page opened");
    assert_eq!(made, view::summary_of(&app));
    assert!(!made.late.is_empty());
    // a timer tick leaves them be; a change makes them again, without the
    // milestone that is no longer late
    app.dispatch(Action::Tick(Duration::from_secs(1)));
    assert_eq!(summary(&app).as_ref(), Some(&made));
    let late = stride::core::listing::rows(&app.portfolio, today())
        .into_iter()
        .find(|r| r.overdue_days > 0 && r.kind() == stride::core::Kind::Milestone)
        .unwrap()
        .path;
    assert!(
        app.commit(vec![stride::core::Change::field(stride::core::Edit::set(
            late,
            stride::core::Field::Status,
            stride::core::Value::Status(Status::Done),
        ))])
    );
    app.update(Action::Tick(Duration::from_secs(1)));
    let again = summary(&app).expect("made again");
    assert_eq!(again, view::summary_of(&app));
    assert_eq!(again.late.len() + 1, made.late.len());
}
