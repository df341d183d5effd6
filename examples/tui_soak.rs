//! The TUI's resident memory through a long session of edits, beside the
//! floor's peak (run `/usr/bin/time -f %M` on `examples/floor.rs` for it).
//!
//! ```text
//! cargo run --release --example tui_soak -- [--edits 3000] [--today 2023-06-20] DIR
//! ```
//!
//! Loads DIR (a copy you may change: every edit is saved) into an `App` as
//! the TUI starts (the history of the weeks before `--today` too), draws a
//! first frame at 200x50, then presses keys as a user would: `+`, `-`, a
//! status from the `s` menu, an `e` form with a changed title, undo and
//! redo, moving between milestones; each key goes through `update` and
//! `flush` (the saves), a frame is drawn after each, and this week's history
//! file is written every 50 edits (as when the keys pause). Prints VmRSS
//! (from /proc/self/status) and the bytes the allocator has handed out
//! (`core::memory::in_use`) at start, after loading, after the first frame
//! and every 500 edits, with the undo stack's length.

use std::path::PathBuf;

use chrono::NaiveDate;
use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stride::core::history::History;
use stride::core::load_dir;
use stride::tui::action::Action;
use stride::tui::app::{App, Direction};
use stride::tui::input::action_for;
use stride::tui::key::Key;

fn report(what: &str, app: Option<&App>) {
    let undo = app.map_or(0, |a| a.journal.entries(Direction::Undo).len());
    let live = stride::core::memory::in_use().unwrap_or(0);
    println!(
        "{what:<24} rss {:>8.1} MiB   in use {:>8.1} MiB   undo entries {undo}",
        stride::core::memory::resident().unwrap_or(0) as f64 / (1024.0 * 1024.0),
        live as f64 / (1024.0 * 1024.0)
    );
}

/// Presses keys as the event loop does: update, flush, draw.
fn press(app: &mut App, t: &mut Terminal<TestBackend>, keys: &str) {
    for k in Key::parse_seq(keys).unwrap_or_else(|e| panic!("{e}")) {
        if let Some(action) = action_for(app, &Event::Key(k.event())) {
            app.update(action);
            app.flush();
            let _ = app.unsaved_recovery();
            draw(app, t);
        }
    }
}

fn draw(app: &mut App, t: &mut Terminal<TestBackend>) {
    t.draw(|frame| {
        stride::tui::view::draw(app, frame);
    })
    .unwrap();
}

fn main() {
    let mut edits = 3000usize;
    let mut today = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--edits" => edits = args.next().and_then(|v| v.parse().ok()).expect("--edits N"),
            "--today" => {
                today = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--today DATE")
            }
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.expect("usage: tui_soak [--edits N] [--today DATE] DIR");
    stride::core::memory::for_a_long_session();
    report("start", None);
    let portfolio = load_dir(&dir).expect("the folder loads");
    stride::core::memory::give_back();
    report("portfolio loaded", None);
    let history = History::load(&dir, today);
    let mut app = App::with_history(portfolio, today, history);
    report("loaded", Some(&app));
    let mut t = Terminal::new(TestBackend::new(200, 50)).unwrap();
    draw(&mut app, &mut t);
    report("first frame", Some(&app));
    // the first milestone of the first project
    for a in [Action::Down, Action::Expand, Action::Down] {
        app.update(a);
    }
    // one edit each; a cycle of 12 is an hour's worth of a user's mix
    let cycle = [
        "+",
        "+",
        "-",
        "si",
        "e<End><Backspace>x<Enter>",
        "u",
        "Ctrl-r",
        "e<End><Backspace>y<Enter>",
        "-",
        "u",
        "j",
        "sd",
    ];
    for i in 1..=edits {
        press(&mut app, &mut t, cycle[i % cycle.len()]);
        if i % 50 == 0 {
            app.record_history();
        }
        if i % 500 == 0 {
            report(&format!("after {i} edits"), Some(&app));
        }
    }
    app.record_history();
    if let Some(m) = &app.message
        && m.error
    {
        println!("last message (an error): {}", m.text);
    }
    report("end", Some(&app));
    // what a give-back costs with this heap (the app calls it after a save)
    let start = std::time::Instant::now();
    stride::core::memory::give_back();
    println!("give back: {:.2} ms", start.elapsed().as_secs_f64() * 1e3);
}
