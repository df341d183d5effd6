//! The real binary in a real terminal: each `Tmux` starts its own tmux
//! server (its own socket in a temporary folder), types with `send-keys`
//! and reads the screen with `capture-pane`. Synchronisation is by polling
//! the screen for an expected text, never by sleeping a fixed time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long to wait for the screen to show what a step expects.
pub const TIMEOUT: Duration = Duration::from_secs(5);
pub const POLL: Duration = Duration::from_millis(40);
/// The day the sample is looked at.
pub const TODAY: &str = "2023-06-20";

/// How to start stride in the pane.
pub struct Start<'a> {
    pub width: u16,
    pub height: u16,
    /// `NAME=value` words for `env` (with COLORTERM removed first).
    pub env: &'a str,
    /// Shell run once stride exits (the pane stays, `remain-on-exit`);
    /// empty: stride replaces the shell.
    pub after: &'a str,
}

impl Default for Start<'_> {
    fn default() -> Self {
        Start {
            width: 80,
            height: 24,
            env: "",
            after: "",
        }
    }
}

/// One tmux server on a private socket, running stride (or a shell) in
/// session `s`. Dropping it kills what runs in the pane and the server,
/// also when a test fails.
pub struct Tmux {
    socket: PathBuf,
    /// The pane's first process, which leads the pane's process group.
    pub pid: u32,
    // keeps the socket's folder until the server is gone
    _dir: tempfile::TempDir,
}

impl Tmux {
    fn new() -> Tmux {
        let dir = tempfile::Builder::new()
            .prefix("stride-tmux")
            .tempdir()
            .unwrap();
        Tmux {
            socket: dir.path().join("sock"),
            pid: 0,
            _dir: dir,
        }
    }

    /// stride at 80x24 on `data`, judging due dates by [`TODAY`].
    pub fn start(data: &Path) -> Tmux {
        Tmux::start_with(data, Start::default())
    }

    /// stride on `data` as `how` says.
    pub fn start_with(data: &Path, how: Start) -> Tmux {
        let mut tmux = Tmux::new();
        // tmux sets TERM from its default-terminal, so the script sets it;
        // the binary and the folder come in as $0 and $1, so nothing needs quoting
        let env = how.env;
        let run = format!(
            r#"env -u COLORTERM TERM=xterm-256color {env} "$0" --data "$1" --today {TODAY}"#
        );
        let script = if how.after.is_empty() {
            format!("exec {run}")
        } else {
            format!("{run}; {}", how.after)
        };
        let (w, h) = (how.width.to_string(), how.height.to_string());
        // one tmux command line, so that remain-on-exit is set before
        // stride can possibly exit
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "s",
            "-x",
            &w,
            "-y",
            &h,
            "sh",
            "-c",
            &script,
            env!("CARGO_BIN_EXE_stride"),
            data.to_str().unwrap(),
            ";",
            "set-option",
            "-t",
            "s",
            "remain-on-exit",
            "on",
        ]);
        tmux.pid = tmux.format("#{pane_pid}").parse().unwrap();
        tmux
    }

    /// An interactive bash with job control (no rc files, prompt `$ `).
    pub fn start_shell() -> Tmux {
        let mut tmux = Tmux::new();
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "s",
            "-x",
            "80",
            "-y",
            "24",
            "env",
            "PS1=$ ",
            "TERM=xterm-256color",
            "bash",
            "--norc",
            "--noprofile",
            "-i",
        ]);
        tmux.pid = tmux.format("#{pane_pid}").parse().unwrap();
        tmux.wait_for("$");
        tmux
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.arg("-f")
            .arg("/dev/null")
            .arg("-S")
            .arg(&self.socket)
            .env_remove("TMUX")
            .env_remove("STRIDE_DATA")
            .env_remove("STRIDE_TODAY")
            .env_remove("STRIDE_CONFIG")
            .stdin(Stdio::null());
        cmd
    }

    /// Runs a tmux command; panics if it fails.
    pub fn run(&self, args: &[&str]) -> String {
        let out: Output = self.command().args(args).output().unwrap_or_else(|e| {
            panic!("cannot run tmux (is it installed? .ci/run installs it): {e}")
        });
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Presses keys by their tmux names: `Enter`, `Tab`, `BTab`, `C-u`, `+`.
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "s"];
        args.extend(keys);
        self.run(&args);
    }

    /// Types text literally (Chinese included).
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "s", "-l", text]);
    }

    /// The visible screen, one line per row.
    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "s"])
    }

    /// A tmux format for the pane, such as `#{pane_dead}`.
    pub fn format(&self, f: &str) -> String {
        self.run(&["display-message", "-p", "-t", "s", f])
            .trim()
            .to_string()
    }

    /// Whether the process in the pane has exited.
    pub fn dead(&self) -> bool {
        self.format("#{pane_dead}") == "1"
    }

    pub fn resize(&self, w: u16, h: u16) {
        self.run(&[
            "resize-window",
            "-t",
            "s",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
    }

    /// Polls the screen until `ok` holds; fails with the last screen.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out after {TIMEOUT:?} waiting for {what}; the screen:\n{screen}");
            }
            sleep(POLL);
        }
    }

    /// Polls the screen until it contains `text`.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("`{text}`"), |s| s.contains(text))
    }

    /// Waits until the process in the pane has exited.
    pub fn wait_dead(&self) {
        let start = Instant::now();
        while !self.dead() {
            if start.elapsed() > TIMEOUT {
                panic!(
                    "stride did not exit within {TIMEOUT:?}; the screen:\n{}",
                    self.screen()
                );
            }
            sleep(POLL);
        }
    }

    /// Searches for `query` and waits until the search has closed on it.
    pub fn find(&self, query: &str) {
        self.keys(&["/"]);
        self.type_text(query);
        let prompt = format!("/{query}");
        self.wait_for(&prompt);
        self.keys(&["Enter"]);
        self.wait_until("the search to close", |s| !s.contains(&prompt));
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // stride does not exit when its terminal goes away (it spins on
        // the closed tty), so end the pane's process group first; tmux
        // gives each pane a process group led by its first process
        let alive = self
            .command()
            .args(["display-message", "-p", "-t", "s", "#{pane_dead}"])
            .output()
            .is_ok_and(|o| o.status.success() && o.stdout.starts_with(b"0"));
        if alive && self.pid > 1 {
            kill_group(self.pid);
        }
        let _ = self
            .command()
            .arg("kill-server")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// SIGKILL to the process group `pgid`.
pub fn kill_group(pgid: u32) {
    let _ = Command::new("sh")
        .args(["-c", r#"kill -KILL "-$0""#, &pgid.to_string()])
        .stderr(Stdio::null())
        .status();
}
