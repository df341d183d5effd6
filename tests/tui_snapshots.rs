//! Screens rendered into ratatui's TestBackend and compared with snapshots
//! (characters only; a few style checks are separate assertions).

use ratatui::style::Color;
use stride::tui::action::Action;

#[macro_use]
mod common;
use common::screen::draw;

#[test]
fn main_screen_80x24() {
    let (d, mut app) = common::app_in("en", false);
    check!(&d, "main_screen_80x24", &draw(&mut app, 80, 24));
}

#[test]
fn everything_unfolded_200x50_with_the_detail_beside() {
    let (d, mut app) = common::app_in("en", false);
    app.dispatch(Action::ToggleAll);
    common::find(&mut app, "网联代收");
    check!(
        &d,
        "everything_unfolded_200x50_with_the_detail_beside",
        &draw(&mut app, 200, 50),
    );
}

#[test]
fn detail_of_a_blocked_pipeline_milestone_80x24() {
    let (d, mut app) = common::app_in("en", false);
    common::find(&mut app, "网联代收");
    let t = draw(&mut app, 80, 24);
    check!(&d, "detail_of_a_blocked_pipeline_milestone_80x24", &t);
    // the overdue date is red
    let buf = t.backend().buffer();
    let red = (0..buf.area.height).any(|y| {
        let cells: Vec<_> = (0..buf.area.width).map(|x| &buf[(x, y)]).collect();
        cells.windows(3).any(|w| {
            w.iter().map(|c| c.symbol()).collect::<String>() == "+4d"
                && w.iter().all(|c| c.fg == Color::Red)
        })
    });
    assert!(red, "the overdue date is drawn in red");
}

#[test]
fn edit_form_80x24() {
    let (d, mut app) = common::app_in("en", false);
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
    let mut t = draw(&mut app, 80, 24);
    check!(&d, "edit_form_80x24", &t);
    // the cursor stands in the percent field, after what was typed
    let pos = t.get_cursor_position().unwrap();
    let buf = t.backend().buffer();
    let row: String = (0..buf.area.width)
        .map(|x| buf[(x, pos.y)].symbol().to_string())
        .collect();
    assert!(row.contains("percent  abc"), "{row}");
}

#[test]
fn edit_form_cursor_after_chinese_text() {
    let (_d, mut app) = common::app_in("en", false);
    common::find(&mut app, "迁移进度");
    app.dispatch(Action::Edit);
    let mut t = draw(&mut app, 80, 24);
    let pos = t.get_cursor_position().unwrap();
    let buf = t.backend().buffer();
    // "迁移进度" is four wide characters: eight columns after the input's start
    let start = (0..buf.area.width)
        .find(|&x| buf[(x, pos.y)].symbol() == "迁")
        .unwrap();
    assert_eq!(pos.x, start + 8);
}

#[test]
fn help_overlay_80x24_and_200x50() {
    let (d, mut app) = common::app_in("en", false);
    app.dispatch(Action::Help);
    check!(&d, "help_80x24", &draw(&mut app, 80, 24));
    check!(&d, "help_200x50", &draw(&mut app, 200, 50));
}

#[test]
fn status_menu_and_delete_prompt() {
    let (d, mut app) = common::app_in("en", false);
    common::find(&mut app, "帆软报表");
    app.dispatch(Action::StatusMenu);
    check!(&d, "status_menu", &draw(&mut app, 80, 24));
    app.dispatch(Action::Cancel);
    app.dispatch(Action::Delete);
    check!(&d, "delete_prompt", &draw(&mut app, 80, 24));
}

#[test]
fn a_broken_file_is_an_error_row_with_its_place() {
    let (d, mut app) = common::app_with(
        "en",
        false,
        &[(
            "o4-broken.toml",
            "title = \"O4 坏文件\"\n[project.x]\npercent = 120\n",
        )],
    );
    app.dispatch(Action::Last);
    app.message = None;
    check!(
        &d,
        "a_broken_file_is_an_error_row_with_its_place",
        &draw(&mut app, 80, 24),
    );
}

#[test]
fn narrow_terminal_hides_the_detail_and_cuts_titles_at_characters() {
    let (d, mut app) = common::app_in("en", false);
    app.dispatch(Action::ToggleAll);
    check!(
        &d,
        "narrow_terminal_hides_the_detail_and_cuts_titles_at_characters",
        &draw(&mut app, 60, 20),
    );
}

#[test]
fn too_small_says_so() {
    let (d, mut app) = common::app_in("en", false);
    check!(&d, "too_small_says_so", &draw(&mut app, 40, 10));
}

#[test]
fn escape_sequences_in_titles_render_as_inert_text() {
    let (_d, mut app) = common::app_with(
        "en",
        false,
        &[(
            "o9-evil.toml",
            "title = \"evil \\u001b[2J \\u001b]52;c;aGk=\\u0007 end\"\n",
        )],
    );
    app.dispatch(Action::Last);
    let t = draw(&mut app, 80, 24);
    let buf = t.backend().buffer();
    let all: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'));
    assert!(all.contains("evil ␛[2J ␛]52;c;aGk=␇ end"));
}
