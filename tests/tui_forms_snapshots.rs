//! Snapshots of the forms and questions of issue #14: the edit form of a
//! pipeline milestone with a paragraph being written, the reason asked by
//! `s` `b`, the reschedule form, the clear-the-blocker and leave-the-
//! stand-up questions; in English and Chinese, at 80x24 and 200x50.

use stride::tui::action::Action;
use stride::tui::app::App;

mod common;
use common::screen::draw;

/// The edit form of 银联信用卡分期, its update being written over two lines.
fn paragraph_form(app: &mut App) {
    common::find(app, "银联信用卡分期");
    common::keys(app, "e");
    for _ in 0..11 {
        app.dispatch(Action::NextField);
    }
    common::keys(app, "<End><Enter>");
    common::paste(app, "前台分期支付联调中");
}

#[test]
fn the_edit_form_of_a_pipeline_milestone_with_a_paragraph() {
    for lang in ["en", "zh"] {
        let (d, mut app) = common::app_in(lang, false);
        paragraph_form(&mut app);
        both_sizes!(&d, &format!("paragraph_form_{lang}"), &mut app);
        // Esc on the changed form asks
        app.dispatch(Action::Cancel);
        check!(
            &d,
            &format!("discard_question_{lang}_80x24"),
            &draw(&mut app, 80, 24)
        );
    }
}

#[test]
fn blocked_asks_the_reason_and_reschedule_shows_the_due_date() {
    for lang in ["en", "zh"] {
        let (d, mut app) = common::app_in(lang, false);
        common::find(&mut app, "银联信用卡分期");
        common::keys(&mut app, "sb");
        common::paste(&mut app, "等待银联测试环境");
        both_sizes!(&d, &format!("block_form_{lang}"), &mut app);
        common::keys(&mut app, "<Enter>o");
        common::keys(&mut app, "d");
        check!(
            &d,
            &format!("reschedule_form_{lang}_80x24"),
            &draw(&mut app, 80, 24)
        );
    }
}

#[test]
fn the_questions_of_clearing_a_blocker_and_leaving_a_stand_up() {
    for lang in ["en", "zh"] {
        let (d, mut app) = common::app_in(lang, false);
        common::find(&mut app, "网联代收");
        common::keys(&mut app, "si");
        check!(
            &d,
            &format!("clear_blocker_{lang}_80x24"),
            &draw(&mut app, 80, 24)
        );
        common::keys(&mut app, "<Esc>wnq");
        check!(
            &d,
            &format!("leave_standup_{lang}_80x24"),
            &draw(&mut app, 80, 24)
        );
    }
}
