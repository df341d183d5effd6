//! The real binary in tmux without colour (`NO_COLOR=1`) and with a bad
//! config file: the selected row reads by its marker, and the problem with
//! the file shows on screen while stride runs with the defaults. Each test
//! starts its own tmux server; synchronisation is by polling the screen.

mod common;
use common::tmux::{Start, Tmux};

/// The row of the screen starting with the selection marker.
fn marked(screen: &str) -> Vec<&str> {
    screen.lines().filter(|l| l.starts_with('▶')).collect()
}

#[test]
fn no_color_shows_the_selected_row_by_a_marker() {
    let d = common::sample();
    let none = d.path().join("no-config.toml");
    let env = format!("NO_COLOR=1 STRIDE_CONFIG={}", none.display());
    let tmux = Tmux::start_with(
        d.path(),
        Start {
            env: &env,
            ..Start::default()
        },
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
    let env = format!("STRIDE_CONFIG={}", config.display());
    let tmux = Tmux::start_with(
        d.path(),
        Start {
            env: &env,
            ..Start::default()
        },
    );
    let screen = tmux.wait_until("the problem", |s| s.contains("config.toml:1:9"));
    assert!(screen.contains("theme is \"dark\""), "{screen}");
    // the default keys work
    tmux.keys(&["?"]);
    tmux.wait_until("the help", |s| s.contains("key closes"));
    tmux.keys(&["Escape", "q"]);
}
