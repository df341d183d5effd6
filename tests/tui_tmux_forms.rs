//! Forms and keys in a real terminal (tmux, as in `tui_tmux.rs`): `s` `b`
//! with a reason typed in Chinese, `Esc` that never quits, and a stand-up
//! left by accident and resumed. Synchronisation is by polling the screen
//! or the file for an expected text, never by sleeping a fixed time.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

mod common;

const TIMEOUT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(40);

/// One tmux server on a private socket, running stride at 80x24.
struct Tmux {
    socket: PathBuf,
    /// The pane's first process, which leads the pane's process group.
    pid: u32,
    _dir: tempfile::TempDir,
}

impl Tmux {
    fn start(data: &Path) -> Tmux {
        let dir = tempfile::Builder::new()
            .prefix("stride-tmux")
            .tempdir()
            .unwrap();
        let mut t = Tmux {
            socket: dir.path().join("sock"),
            pid: 0,
            _dir: dir,
        };
        let script = r#"TERM=xterm-256color exec "$0" --data "$1" --today 2023-06-20"#;
        t.run(&[
            "new-session",
            "-d",
            "-s",
            "s",
            "-x",
            "80",
            "-y",
            "24",
            "sh",
            "-c",
            script,
            env!("CARGO_BIN_EXE_stride"),
            data.to_str().unwrap(),
            ";",
            "set-option",
            "-t",
            "s",
            "remain-on-exit",
            "on",
        ]);
        t.pid = t
            .run(&["display-message", "-p", "-t", "s", "#{pane_pid}"])
            .trim()
            .parse()
            .unwrap();
        t
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-f")
            .arg("/dev/null")
            .arg("-S")
            .arg(&self.socket)
            .env_remove("TMUX")
            .env_remove("STRIDE_DATA")
            .env_remove("STRIDE_TODAY")
            .stdin(Stdio::null())
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run tmux: {e}"));
        assert!(out.status.success(), "tmux {args:?} failed");
        String::from_utf8(out.stdout).unwrap()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "s"];
        args.extend(keys);
        self.run(&args);
    }

    fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "s", "-l", text]);
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "s"])
    }

    fn dead(&self) -> bool {
        self.run(&["display-message", "-p", "-t", "s", "#{pane_dead}"])
            .trim()
            == "1"
    }

    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen:\n{screen}");
            }
            sleep(POLL);
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("`{text}`"), |s| s.contains(text))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // stride spins on a closed terminal: end the pane's process group
        // (led by its first process) before the server
        let alive = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(["display-message", "-p", "-t", "s", "#{pane_dead}"])
            .output()
            .is_ok_and(|o| o.status.success() && o.stdout.starts_with(b"0"));
        if alive && self.pid > 1 {
            let _ = Command::new("sh")
                .args(["-c", r#"kill -KILL "-$0""#, &self.pid.to_string()])
                .stderr(Stdio::null())
                .status();
        }
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

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
