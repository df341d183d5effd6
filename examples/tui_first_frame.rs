//! The TUI's time to its first frame, beside the floor's parse of the same
//! folder, measured in the same run, alternating.
//!
//! ```text
//! cargo run --release --example tui_first_frame -- [--before] [--runs 5] [--today 2023-06-20] DIR
//! ```
//!
//! The start is what `stride` and `tui::run` do before the first frame:
//! start reading the history on a thread (`tui::HistoryReader`: the newest
//! earlier week beside the load, the older ones after it), load the folder,
//! build the `App` with the newest week and draw a frame at 200x50. With
//! `--before`, the start as it was until round two's part 3 is timed too
//! (the history read after the load, waiting up to 100 ms for the older
//! weeks). Prints each run and the medians with the ratio.

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
use stride::tui::HistoryReader;
use stride::tui::app::App;

/// The TUI's start up to its first frame, as `tui::run` does it: the
/// history's reader started before the load, the newest earlier week taken
/// after it without waiting for the older ones.
fn first_frame(dir: &std::path::Path, today: NaiveDate) -> (Duration, usize) {
    let start = Instant::now();
    let mut reader = HistoryReader::start(dir, today);
    let portfolio = load_dir(dir).expect("the folder loads");
    let mut app = App::with_history(portfolio, today, reader.newest());
    draw(&mut app);
    let took = start.elapsed();
    // the rest of the history, as the event loop takes it after
    if let Some(older) = reader.wait_older() {
        app.add_older_history(older);
    }
    (took, app.history.earlier.len())
}

/// The start as it was before (`--before`): the load, then the history on
/// a thread, waiting at most 100 ms for the older weeks.
fn first_frame_before(dir: &std::path::Path, today: NaiveDate) -> (Duration, usize) {
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
    draw(&mut app);
    let took = start.elapsed();
    if let Ok(older) = rx.recv() {
        app.add_older_history(older);
    }
    reader.join().unwrap();
    (took, app.history.earlier.len())
}

fn draw(app: &mut App) {
    let mut t = Terminal::new(TestBackend::new(200, 50)).unwrap();
    t.draw(|frame| {
        stride::tui::view::draw(app, frame);
    })
    .unwrap();
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut runs = 5usize;
    let mut before = false;
    let mut today = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--before" => before = true,
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
    let (mut floors, mut frames, mut befores) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..runs {
        let start = Instant::now();
        let overdue = floor::count_dir(&dir, day).expect("the floor reads the folder");
        let f = start.elapsed();
        let (b, _) = if before {
            first_frame_before(&dir, today)
        } else {
            (Duration::ZERO, 0)
        };
        let (s, weeks) = first_frame(&dir, today);
        println!(
            "run {run}: floor {:>7.1} ms ({overdue} overdue)   first frame {:>7.1} ms ({weeks} weeks of history){}",
            f.as_secs_f64() * 1e3,
            s.as_secs_f64() * 1e3,
            if before {
                format!("   before {:>7.1} ms", b.as_secs_f64() * 1e3)
            } else {
                String::new()
            }
        );
        floors.push(f);
        frames.push(s);
        befores.push(b);
    }
    let (f, s) = (median(floors), median(frames));
    println!(
        "median: floor {:.1} ms, first frame {:.1} ms: {:.2}x the floor",
        f.as_secs_f64() * 1e3,
        s.as_secs_f64() * 1e3,
        s.as_secs_f64() / f.as_secs_f64()
    );
    if before {
        let b = median(befores);
        println!(
            "before: {:.1} ms: {:.2}x the floor",
            b.as_secs_f64() * 1e3,
            b.as_secs_f64() / f.as_secs_f64()
        );
    }
}
