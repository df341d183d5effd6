//! Progress keys in the real binary, in a real terminal: done through the
//! status menu on a staged milestone, `+` on a counting milestone. Each
//! test starts its own tmux server on a private socket (as
//! `tests/tui_tmux.rs` does) and polls the screen and the file, never
//! sleeping a fixed time.

use std::fs;
use std::path::Path;
use std::thread::sleep;
use std::time::Instant;

mod common;
use common::tmux::{POLL, Start, TIMEOUT, Tmux};

/// Polls a file until `ok` holds for its text; fails with the text.
fn wait_file(path: &Path, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let text = fs::read_to_string(path).unwrap();
        if ok(&text) {
            return text;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "timed out waiting for {what} in {}:\n{text}",
            path.display()
        );
        sleep(POLL);
    }
}

/// The table of `header` in a TOML text: its header up to the next one.
fn table<'a>(text: &'a str, header: &str) -> &'a str {
    let start = text.find(header).unwrap_or_else(|| panic!("{header}"));
    let end = text[start + 1..]
        .find("\n[")
        .map_or(text.len(), |e| start + 1 + e);
    &text[start..end]
}

/// The tree's row of `title`: the part of a line left of the detail pane.
fn row<'a>(screen: &'a str, title: &str) -> &'a str {
    screen
        .lines()
        .map(|l| l.split('│').next().unwrap_or(l))
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("no row {title} in:\n{screen}"))
}

/// stride at 120x30, wide enough for the tree and the detail side by side.
fn start(dir: &std::path::Path) -> Tmux {
    Tmux::start_with(
        dir,
        Start {
            width: 120,
            height: 30,
            ..Start::default()
        },
    )
}

#[test]
fn done_in_the_status_menu_shows_100_and_writes_the_last_stage() {
    let dir = common::sample();
    let file = dir.path().join("o1-business.toml");
    let t = start(dir.path());
    t.wait_for("O1 服务业务");
    t.find("银联信用卡分期");
    let screen = t.wait_for("[测试] › 联调");
    assert!(row(&screen, "银联信用卡分期").contains("40%"), "{screen}");
    t.keys(&["s"]);
    t.wait_for("d  done");
    t.keys(&["d"]);
    let text = wait_file(&file, "status = \"done\"", |s| {
        table(s, "[project.channels.milestone.upinstall]").contains("status = \"done\"")
    });
    let upinstall = table(&text, "[project.channels.milestone.upinstall]");
    assert!(upinstall.contains("stage  = \"投产\""), "{upinstall}");
    assert!(!upinstall.contains("percent"), "{upinstall}");
    let screen = t.wait_until("the row at 100%", |s| {
        s.lines()
            .map(|l| l.split('│').next().unwrap_or(l))
            .any(|l| l.contains("银联信用卡分期") && l.contains("100%"))
    });
    let line = row(&screen, "银联信用卡分期");
    assert!(line.contains("done") && line.contains("投产"), "{line}");
    assert!(screen.contains("[投产]"), "{screen}");
    assert!(!line.contains("40%"), "{line}");
}

#[test]
fn plus_on_a_count_milestone_shows_5_of_14_and_writes_done() {
    let dir = common::sample();
    let file = dir.path().join("o1-business.toml");
    let t = start(dir.path());
    t.wait_for("O1 服务业务");
    t.find("开户优化需求");
    t.wait_for("28.57% of 14 (4 done)");
    t.keys(&["+"]);
    let screen = t.wait_for("35.71% of 14 (5 done)");
    assert!(row(&screen, "开户优化需求").contains("35.71%"), "{screen}");
    let text = wait_file(&file, "done = 5", |s| {
        table(s, "[project.easypay.milestone.fixes]").contains("done  = 5")
    });
    let fixes = table(&text, "[project.easypay.milestone.fixes]");
    assert!(!fixes.contains("percent"), "{fixes}");
    assert!(fixes.contains("total = 14"), "{fixes}");
}
