//! `tui::HistoryReader`: the history the TUI reads on a thread while the
//! folder loads. The newest earlier week comes first, the older weeks after
//! it and only once it was taken; together they are `History::load`'s.

use chrono::NaiveDate;
use stride::core::history::{self, History};
use stride::tui::HistoryReader;

mod common;

fn weeks(h: &History) -> Vec<String> {
    h.earlier.iter().map(|s| s.week.clone()).collect()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn the_newest_week_comes_first_and_the_older_after_it() {
    // the sample's W24, and W23 recorded from the model
    let d = common::sample_with("en", true);
    let p = stride::core::load_dir(d.path()).unwrap();
    history::record(&p, day("2023-06-06")).unwrap();
    let today = common::today();
    let all = History::load(d.path(), today);
    assert_eq!(weeks(&all), ["2023-W24", "2023-W23"]);

    let mut reader = HistoryReader::start(d.path(), today);
    // nothing is taken before the newest week: the older weeks wait for it
    assert!(reader.older().is_none());
    assert!(reader.pending());
    let mut history = reader.newest();
    assert_eq!(history.earlier[0].week, "2023-W24");
    if history.earlier.len() == 1 {
        // not read yet when the newest was taken: they come after
        let older = reader.wait_older().expect("the older weeks arrive");
        history.append(older);
    }
    assert!(!reader.pending());
    assert!(reader.older().is_none(), "the older weeks come once");
    assert!(reader.wait_older().is_none());
    assert_eq!(weeks(&history), weeks(&all));

    // the app takes them as the event loop hands them over
    let mut reader = HistoryReader::start(d.path(), today);
    let mut app = stride::tui::app::App::with_history(p, today, reader.newest());
    if let Some(older) = reader.wait_older() {
        app.add_older_history(older);
    }
    assert_eq!(weeks(&app.history), weeks(&all));
}

#[test]
fn a_folder_without_history_gives_no_week() {
    let d = common::sample();
    let mut reader = HistoryReader::start(d.path(), common::today());
    let history = reader.newest();
    assert!(history.earlier.is_empty());
    assert!(history.problems.is_empty());
    let older = reader.wait_older().unwrap_or_default();
    assert!(older.earlier.is_empty());
    assert!(!reader.pending());
    // a second call has nothing more
    assert!(reader.newest().earlier.is_empty());
}
