//! Forms and keys in a real terminal (tmux, as in `tui_tmux.rs`): `s` `b`
//! with a reason typed in Chinese, `Esc` that never quits, and a stand-up
//! left by accident and resumed. Synchronisation is by polling the screen
//! or the file for an expected text, never by sleeping a fixed time.

use std::fs;
use std::thread::sleep;
use std::time::Instant;

mod common;
use common::tmux::{POLL, TIMEOUT, Tmux};

/// The last non-blank line: the footer.
fn footer(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

fn search(t: &Tmux, query: &str) {
    t.keys(&["/"]);
    t.type_text(query);
    t.wait_for(&format!("/{query}"));
    t.keys(&["Enter"]);
    t.wait_until("the search closed", |s| {
        !footer(s).contains(&format!("/{query}")) && footer(s).contains(query)
    });
}

#[test]
fn s_b_with_a_chinese_reason_then_enter_saves_status_and_blocker() {
    let data = common::sample();
    let file = data.path().join("o2-upgrade.toml");
    let t = Tmux::start(data.path());
    t.wait_for("O1 服务业务");
    search(&t, "迁移进度");
    t.keys(&["s"]);
    t.wait_for("i  in progress");
    t.keys(&["b"]);
    t.wait_for("Blocked: o2-upgrade/hive/migration");
    t.type_text("等待DBA扩容窗口");
    t.wait_for("等待DBA扩容窗口");
    t.keys(&["Enter"]);
    let start = Instant::now();
    loop {
        let text = fs::read_to_string(&file).unwrap();
        let m = &text[text.find("[project.hive.milestone.migration]").unwrap()..];
        let m = &m[..m[1..].find("\n[").map_or(m.len(), |e| e + 1)];
        if m.contains("status = \"blocked\"") && m.contains("blocker = \"等待DBA扩容窗口\"") {
            break;
        }
        assert!(start.elapsed() < TIMEOUT, "not saved:\n{m}");
        sleep(POLL);
    }
    // the header counts it
    t.wait_for("2 blocked");
}

#[test]
fn esc_in_the_tree_keeps_stride_running() {
    let data = common::sample();
    let t = Tmux::start(data.path());
    t.wait_for("O1 服务业务");
    t.keys(&["Escape"]);
    t.keys(&["Escape"]);
    let screen = t.wait_for("q quits stride");
    assert!(screen.contains("O1 服务业务"), "{screen}");
    assert!(!t.dead(), "stride still runs");
    t.keys(&["q"]);
    let start = Instant::now();
    while !t.dead() {
        assert!(start.elapsed() < TIMEOUT, "q quits");
        sleep(POLL);
    }
}

#[test]
fn q_in_a_stand_up_asks_and_w_resumes_at_the_same_item() {
    let data = common::sample_with("en", true);
    let t = Tmux::start(data.path());
    t.wait_for("O1 服务业务");
    t.keys(&["w"]);
    t.wait_for("Stand-up · operations");
    t.keys(&["n", "n"]);
    t.wait_for("Stand-up · 2/14");
    t.keys(&["j"]);
    let before = t.wait_until("a milestone selected", |s| {
        s.contains("▶ ") && !s.contains("(the project is selected)")
    });
    let selected = before
        .lines()
        .find(|l| l.starts_with("▶ "))
        .unwrap()
        .split("  ")
        .next()
        .unwrap()
        .to_string();
    t.keys(&["q"]);
    t.wait_for("leave the stand-up?");
    t.keys(&["y"]);
    t.wait_for("w resumes it today");
    t.wait_until("the tree", |s| {
        s.contains("O1 服务业务") && !s.contains("Stand-up")
    });
    t.keys(&["w"]);
    let screen = t.wait_for("Stand-up · 2/14");
    assert!(
        screen.lines().any(|l| l.starts_with(&selected)),
        "{selected} still selected:\n{screen}"
    );
}
