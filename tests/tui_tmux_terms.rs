//! The real binary in tmux without colour (`NO_COLOR=1`) and with a bad
//! config file: the selected row reads by its marker, and the problem with
//! the file shows on screen while stride runs with the defaults. Each test
//! starts its own tmux server; synchronisation is by polling the screen.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

mod common;

const TIMEOUT: Duration = Duration::from_secs(5);

/// A tmux server on a private socket running stride in session `s`; gone
/// (server and pane) when dropped.
struct Tmux {
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmux {
    /// stride on `data` at 80x24, with `env` (`NAME=value` words) set.
    fn start(data: &Path, env: &str) -> Tmux {
        let dir = tempfile::Builder::new()
            .prefix("stride-tmux")
            .tempdir()
            .unwrap();
        let tmux = Tmux {
            socket: dir.path().join("sock"),
            _dir: dir,
        };
        let script = format!(
            r#"exec env -u COLORTERM TERM=xterm-256color {env} "$0" --data "$1" --today 2023-06-20"#
        );
        tmux.run(&[
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
            &script,
            env!("CARGO_BIN_EXE_stride"),
            data.to_str().unwrap(),
        ]);
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-f")
            .arg("/dev/null")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .env_remove("STRIDE_DATA")
            .env_remove("STRIDE_TODAY")
            .env_remove("STRIDE_CONFIG")
            .stdin(Stdio::null())
            .output()
            .expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "s"];
        args.extend(keys);
        self.run(&args);
    }

    /// Polls the screen until `ok` holds; fails with the last screen.
    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.run(&["capture-pane", "-p", "-t", "s"]);
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; the screen:\n{screen}"
            );
            sleep(Duration::from_millis(40));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// The row of the screen starting with the selection marker.
fn marked(screen: &str) -> Vec<&str> {
    screen.lines().filter(|l| l.starts_with('▶')).collect()
}

#[test]
fn no_color_shows_the_selected_row_by_a_marker() {
    let d = common::sample();
    let none = d.path().join("no-config.toml");
    let tmux = Tmux::start(
        d.path(),
        &format!("NO_COLOR=1 STRIDE_CONFIG={}", none.display()),
    );
    let screen = tmux.wait_until("the tree", |s| marked(s).len() == 1);
    assert!(marked(&screen)[0].contains("O1"), "{screen}");
    tmux.keys(&["j"]);
    let screen = tmux.wait_until("the marker to move", |s| {
        marked(s).first().is_some_and(|l| l.contains("轻松付"))
    });
    assert_eq!(marked(&screen).len(), 1, "{screen}");
    tmux.keys(&["q"]);
}

#[test]
fn a_bad_config_is_reported_on_screen_and_stride_runs() {
    let d = common::sample();
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    std::fs::write(&config, "theme = \"pink\"\n").unwrap();
    let tmux = Tmux::start(d.path(), &format!("STRIDE_CONFIG={}", config.display()));
    let screen = tmux.wait_until("the problem", |s| s.contains("config.toml:1:9"));
    assert!(screen.contains("theme is \"dark\""), "{screen}");
    // the default keys work
    tmux.keys(&["?"]);
    tmux.wait_until("the help", |s| s.contains("key closes"));
    tmux.keys(&["Escape", "q"]);
}
