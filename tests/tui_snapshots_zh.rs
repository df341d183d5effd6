//! The TUI in Chinese (`language = "zh"`), rendered into ratatui's
//! TestBackend and compared with snapshots, at 80x24 and 200x50.

use stride::tui::action::Action;
use stride::tui::app::App;
use stride::tui::screens::Screen;

#[macro_use]
mod common;
use common::screen::{draw, text};

/// Opens the stand-up and turns pages until the project titled `title`.
fn standup_at(app: &mut App, title: &str) {
    app.dispatch(Action::Standup);
    loop {
        let Screen::Standup(s) = &app.screen else {
            panic!("the stand-up is open")
        };
        let here = s
            .project()
            .and_then(|p| app.portfolio.get(p))
            .map(|i| i.fields().title.clone());
        match here {
            Some(t) if t == title => return,
            Some(_) => app.dispatch(Action::NextPage),
            None if s.on_ops() => app.dispatch(Action::NextPage),
            None => panic!("no project titled {title}"),
        }
    }
}

#[test]
fn main_tree() {
    let (d, mut app) = common::app_in("zh", true);
    both_sizes!(&d, "main_tree", &mut app);
}

#[test]
fn everything_unfolded_with_a_blocked_milestone_selected() {
    let (d, mut app) = common::app_in("zh", true);
    app.dispatch(Action::ToggleAll);
    common::find(&mut app, "网联代收");
    both_sizes!(&d, "unfolded_blocked_milestone", &mut app);
}

#[test]
fn help_overlay() {
    let (d, mut app) = common::app_in("zh", true);
    app.dispatch(Action::Help);
    both_sizes!(&d, "help", &mut app);
}

#[test]
fn edit_form() {
    let (d, mut app) = common::app_in("zh", true);
    common::find(&mut app, "迁移进度");
    app.dispatch(Action::Edit);
    // title, owner, status, due
    app.dispatch(Action::NextField);
    app.dispatch(Action::NextField);
    app.dispatch(Action::NextField);
    app.dispatch(Action::Input(tui_input::InputRequest::DeleteLine));
    app.dispatch(Action::Paste("+3d".into()));
    app.dispatch(Action::NextField);
    app.dispatch(Action::NextField);
    app.dispatch(Action::Input(tui_input::InputRequest::DeleteLine));
    app.dispatch(Action::Paste("abc".into()));
    both_sizes!(&d, "edit_form", &mut app);
    // the cursor stands in the percent field, after what was typed, though
    // the labels before it hold wide characters
    let mut t = draw(&mut app, 80, 24);
    let pos = t.get_cursor_position().unwrap();
    let row = text(&t).lines().nth(pos.y as usize).unwrap().to_string();
    assert!(row.contains("进度 percent   abc"), "{row}");
    let buf = t.backend().buffer();
    let start = (0..buf.area.width)
        .find(|&x| buf[(x, pos.y)].symbol() == "a")
        .unwrap();
    assert_eq!(pos.x, start + 3);
}

#[test]
fn status_menu_and_delete_prompt() {
    let (d, mut app) = common::app_in("zh", true);
    common::find(&mut app, "帆软报表");
    app.dispatch(Action::StatusMenu);
    check!(&d, "status_menu_80x24", &draw(&mut app, 80, 24));
    app.dispatch(Action::Cancel);
    app.dispatch(Action::Delete);
    check!(&d, "delete_prompt_80x24", &draw(&mut app, 80, 24));
}

#[test]
fn standup_page_of_the_payment_channels() {
    let (d, mut app) = common::app_in("zh", true);
    standup_at(&mut app, "新支付能力建设");
    // 网联代收, the fifth milestone, shows its blocker
    for _ in 0..5 {
        app.dispatch(Action::Down);
    }
    both_sizes!(&d, "standup_page", &mut app);
}

#[test]
fn standup_summary() {
    let (d, mut app) = common::app_in("zh", true);
    app.dispatch(Action::Standup);
    while let Screen::Standup(s) = &app.screen {
        if s.on_summary() {
            break;
        }
        app.dispatch(Action::NextPage);
    }
    both_sizes!(&d, "standup_summary", &mut app);
}

#[test]
fn overdue_review() {
    let (d, mut app) = common::app_in("zh", true);
    app.dispatch(Action::Review);
    both_sizes!(&d, "overdue_review", &mut app);
}

#[test]
fn pipeline_board() {
    let (d, mut app) = common::app_in("zh", true);
    common::find(&mut app, "网联代收");
    app.dispatch(Action::Board);
    assert!(matches!(app.screen, Screen::Board(_)));
    both_sizes!(&d, "board", &mut app);
}

#[test]
fn too_small_says_so() {
    let (d, mut app) = common::app_in("zh", true);
    check!(&d, "too_small", &draw(&mut app, 40, 10));
}
