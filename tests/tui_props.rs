//! Random key sequences through the TUI's state machine on the sample data:
//! nothing panics, the selection is always valid, and undoing everything
//! puts every data file back byte for byte.

use std::fs;
use std::time::Duration;

use chrono::NaiveDate;
use proptest::prelude::*;
use stride::core::load_dir;
use stride::core::stats::Stats;
use stride::tui::action::Action;
use stride::tui::app::{App, Direction, Mode};
use stride::tui::screens::Screen;
use tui_input::InputRequest;

mod common;

fn action() -> impl Strategy<Value = Action> {
    use Action::*;
    prop_oneof![
        6 => prop::sample::select(vec![
            Up, Down, PageUp, PageDown, First, Last, Expand, Collapse, ToggleAll,
            StageNext, StagePrev, StatusMenu, Edit, Add, Delete, Undo, Redo, Retry,
            Reload, Search, SearchNext, SearchPrev, Filter, ClearFilter, Help,
            ToggleDetail, Standup, Review, Board, Back, NextPage, PrevPage, Left,
            Right, Reschedule, MarkDone, RecordBlocker, MenuUp, MenuDown, NextField,
            PrevField, Confirm, Cancel,
        ]),
        2 => prop::sample::select(vec![5.0, -5.0, 1.0, -1.0]).prop_map(Percent),
        1 => (0usize..60).prop_map(SelectRow),
        1 => (-5isize..5).prop_map(Scroll),
        1 => prop::sample::select(vec!['y', 'n', 't', 'i', 'b', 'a', 'd', 'x', 'c', 'z']).prop_map(Choose),
        2 => "[a-z0-9迁移+ -]{0,6}".prop_map(Paste),
        1 => prop::sample::select(vec![
            InputRequest::DeleteLine,
            InputRequest::DeletePrevChar,
            InputRequest::GoToStart,
            InputRequest::InsertChar('+'),
            InputRequest::InsertChar('3'),
            InputRequest::InsertChar('d'),
        ]).prop_map(Input),
        1 => (0u64..100).prop_map(|s| Tick(Duration::from_secs(s))),
    ]
}

/// The objective files of a folder and their bytes.
fn files(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            (e.file_type().unwrap().is_file() && name.ends_with(".toml")).then(|| {
                (
                    name,
                    String::from_utf8_lossy(&fs::read(e.path()).unwrap()).into_owned(),
                )
            })
        })
        .collect();
    v.sort();
    v
}

fn check_selection(app: &App) -> Result<(), TestCaseError> {
    let rows = app.tree.rows.len();
    prop_assert!(
        rows == 0 || app.tree.selected < rows,
        "selected {} of {rows}",
        app.tree.selected
    );
    if let Some(path) = app.selected_path() {
        prop_assert!(
            app.portfolio.get(&path).is_some(),
            "selected `{path}` does not exist"
        );
    }
    Ok(())
}

/// The header's counts, kept up to date one objective at a time, are the
/// counts over everything.
fn check_stats(app: &App) -> Result<(), TestCaseError> {
    prop_assert_eq!(&app.stats, &Stats::of(&app.portfolio, app.today));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_never_break_the_state_and_undo_restores_every_file(
        actions in prop::collection::vec(action(), 1..120)
    ) {
        let d = common::sample();
        let before = files(d.path());
        let mut app = App::new(load_dir(d.path()).unwrap(), NaiveDate::from_ymd_opt(2023, 6, 20).unwrap());
        for a in actions {
            app.dispatch(a);
            check_selection(&app)?;
            check_stats(&app)?;
            if app.quit {
                break;
            }
        }
        // close whatever is open, then undo everything
        for _ in 0..4 {
            match &app.mode {
                Mode::Normal => {}
                // Esc on a changed form asks; y discards
                Mode::Form(f) if f.asking => app.dispatch(Action::Input(
                    tui_input::InputRequest::InsertChar('y'),
                )),
                _ => app.dispatch(Action::Cancel),
            }
        }
        prop_assert!(matches!(app.mode, Mode::Normal));
        app.screen = Screen::Tree;
        for _ in 0..500 {
            if app.journal.entries(Direction::Undo).is_empty() {
                break;
            }
            app.dispatch(Action::Undo);
        }
        prop_assert!(app.journal.entries(Direction::Undo).is_empty());
        prop_assert_eq!(files(d.path()), before);
    }
}

/// Found by the test above: a project deleted from before the metric and
/// incident tables, and undone, came back with the `[[incident]]` tables
/// interleaved between the metrics (their places were not moved down).
#[test]
fn undoing_a_delete_before_incident_tables_gives_the_file_back() {
    let d = common::sample();
    let before = files(d.path());
    let mut app = App::new(
        load_dir(d.path()).unwrap(),
        NaiveDate::from_ymd_opt(2023, 6, 20).unwrap(),
    );
    let risk = stride::core::ItemPath::project("o3-stability", "risk");
    app.tree.reveal(&risk);
    app.tree.expanded.insert(risk.parent().unwrap());
    app.dispatch(Action::ToggleAll);
    let at = app
        .tree
        .rows
        .iter()
        .position(|n| n.path(&app.portfolio).as_ref() == Some(&risk))
        .unwrap();
    app.dispatch(Action::SelectRow(at));
    app.dispatch(Action::Delete);
    app.dispatch(Action::Choose('y'));
    assert!(app.portfolio.get(&risk).is_none(), "deleted");
    assert_ne!(files(d.path()), before);
    app.dispatch(Action::Undo);
    assert_eq!(files(d.path()), before);
}
