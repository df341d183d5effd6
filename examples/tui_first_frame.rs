//! The TUI's time to its first frame, beside the floor's parse of the same
//! folder, measured in the same run, alternating.
//!
//! ```text
//! cargo run --release --example tui_first_frame -- [--runs 5] [--today 2023-06-20] DIR
//! ```
//!
//! The start is what `tui::run` does before its first frame: load the
//! folder, read the newest earlier week of history on a thread (the older
//! ones after it, waiting at most 100 ms for them), build the `App` and draw
//! a frame at 200x50. Prints each run and the medians with the ratio.

#[path = "floor.rs"]
#[allow(dead_code)]
mod floor;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stride::core::history::History;
use stride::core::load_dir;
use stride::tui::app::App;

/// The TUI's start up to its first frame, as `tui::run` does it.
fn first_frame(dir: &std::path::Path, today: NaiveDate) -> (Duration, usize) {
    let start = Instant::now();
    let portfolio = load_dir(dir).expect("the folder loads");
    let (tx, rx) = std::sync::mpsc::channel();
    let data = portfolio.dir.clone();
    let reader = std::thread::spawn(move || {
        let first = tx.clone();
        let older = History::load_in_two(&data, today, |newest| {
            let _ = first.send(newest);
        });
        let _ = tx.send(older);
    });
    let mut history = rx.recv().unwrap_or_default();
    if let Ok(older) = rx.recv_timeout(Duration::from_millis(100)) {
        history.append(older);
    }
    let mut app = App::with_history(portfolio, today, history);
    let mut t = Terminal::new(TestBackend::new(200, 50)).unwrap();
    t.draw(|frame| {
        stride::tui::view::draw(&mut app, frame);
    })
    .unwrap();
    let took = start.elapsed();
    // the rest of the history, as the event loop takes it after
    if let Ok(older) = rx.recv() {
        app.add_older_history(older);
    }
    reader.join().unwrap();
    (took, app.history.earlier.len())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut runs = 5usize;
    let mut today = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).expect("--runs N"),
            "--today" => {
                today = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--today DATE")
            }
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.expect("usage: tui_first_frame [--runs N] [--today DATE] DIR");
    let day = (today.year() as u32, today.month(), today.day());
    let (mut floors, mut frames) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let start = Instant::now();
        let overdue = floor::count_dir(&dir, day).expect("the floor reads the folder");
        let f = start.elapsed();
        let (s, weeks) = first_frame(&dir, today);
        println!(
            "run {run}: floor {:>7.1} ms ({overdue} overdue)   first frame {:>7.1} ms ({weeks} weeks of history)",
            f.as_secs_f64() * 1e3,
            s.as_secs_f64() * 1e3
        );
        floors.push(f);
        frames.push(s);
    }
    let (f, s) = (median(floors), median(frames));
    println!(
        "median: floor {:.1} ms, first frame {:.1} ms: {:.2}x the floor",
        f.as_secs_f64() * 1e3,
        s.as_secs_f64() * 1e3,
        s.as_secs_f64() / f.as_secs_f64()
    );
}
