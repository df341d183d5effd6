//! Shared by the integration tests: temporary copies of the sample data,
//! the binary, apps driven by keys in the notation of `stride::tui::key`,
//! and screens compared with snapshots.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crossterm::event::Event;
use serde_json::Value as Json;
use stride::core::load_dir;
use stride::tui::action::Action;
use stride::tui::app::App;
use stride::tui::input::action_for;
use stride::tui::key::Key;

/// The day the tests' sample data is looked at.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 6, 20).unwrap()
}

/// The shipped sample data folder.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Copies the sample objective files into `dir`, with settings in
/// `language` ("en" or "zh", weeks counted as the team does) and, when
/// `history` is set, the sample's weekly history.
pub fn sample_into(dir: &Path, language: &str, history: bool) {
    for entry in fs::read_dir(data_dir()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if entry.file_type().unwrap().is_file() && !name.starts_with('.') && name.ends_with(".toml")
        {
            fs::copy(entry.path(), dir.join(&*name)).unwrap();
        }
    }
    fs::write(
        dir.join(".stride.toml"),
        format!("language = \"{language}\"\nweek_numbering = \"jan1\"\n"),
    )
    .unwrap();
    if history {
        fs::create_dir_all(dir.join("history")).unwrap();
        for entry in fs::read_dir(data_dir().join("history")).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), dir.join("history").join(entry.file_name())).unwrap();
        }
    }
}

/// A temporary copy of the sample data in English, without history.
pub fn sample() -> tempfile::TempDir {
    sample_with("en", false)
}

/// A temporary copy of the sample data.
pub fn sample_with(language: &str, history: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    sample_into(dir.path(), language, history);
    dir
}

/// The `stride` binary on `dir` as of `today`, whatever the environment
/// says (`STRIDE_DATA` and `STRIDE_TODAY` are cleared).
pub fn stride_on(dir: &Path, today: &str) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("stride").unwrap();
    cmd.env_remove("STRIDE_DATA")
        .env_remove("STRIDE_TODAY")
        .arg("--data")
        .arg(dir)
        .arg("--today")
        .arg(today);
    cmd
}

/// What a command printed as JSON, after it succeeded.
pub fn json(cmd: &mut assert_cmd::Command) -> Json {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

/// `stride list --format json` on `dir` as of `today`, with `args`: its rows.
pub fn json_list(dir: &Path, today: &str, args: &[&str]) -> Vec<Json> {
    let rows = json(
        stride_on(dir, today)
            .args(["list", "--format", "json"])
            .args(args),
    );
    rows.as_array().unwrap().clone()
}

/// A temporary folder holding the sample data in `data/` (in `language`,
/// with its history when `history` is set), and an app over it as of
/// [`today`].
pub fn app_in(language: &str, history: bool) -> (tempfile::TempDir, App) {
    app_with(language, history, &[])
}

/// [`app_in`] with more files written into `data/` first.
pub fn app_with(language: &str, history: bool, extra: &[(&str, &str)]) -> (tempfile::TempDir, App) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    fs::create_dir(&dir).unwrap();
    sample_into(&dir, language, history);
    for (name, text) in extra {
        fs::write(dir.join(name), text).unwrap();
    }
    let app = App::new(load_dir(&dir).unwrap(), today());
    (root, app)
}

/// Presses keys as the event loop would, written like `jj+<Enter>`,
/// `uCtrl-r`, `<S-Tab>`, `<lt>` (see `stride::tui::key`); each action is
/// dispatched, so its saves are written.
pub fn keys(app: &mut App, keys: &str) {
    let keys = Key::parse_seq(keys).unwrap_or_else(|e| panic!("{e}"));
    for k in keys {
        if let Some(action) = action_for(app, &Event::Key(k.event())) {
            app.dispatch(action);
        }
    }
}

/// Pastes text, as a terminal does with bracketed paste, into the open
/// search or form.
pub fn paste(app: &mut App, text: &str) {
    let action = action_for(app, &Event::Paste(text.into())).expect("a search or form is open");
    app.dispatch(action);
}

/// Selects the first item matching `query` by searching, and clears the
/// message the search leaves.
pub fn find(app: &mut App, query: &str) {
    app.dispatch(Action::Search);
    app.dispatch(Action::Paste(query.into()));
    app.dispatch(Action::Confirm);
    app.message = None;
}

/// Screens drawn into a `TestBackend`, read back as text and compared.
pub mod rng;
pub mod tmux;

pub mod screen {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use stride::core::text::width;
    use stride::tui::app::App;

    /// One frame at `w`x`h`, drawn as the event loop draws it.
    pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|frame| {
            stride::tui::view::draw(app, frame);
        })
        .unwrap();
        t
    }

    /// The screen's text, one line per row, as a terminal shows it: the
    /// cell after a wide character is covered by it.
    pub fn text(t: &Terminal<TestBackend>) -> String {
        let buf = t.backend().buffer();
        (0..buf.area.height)
            .map(|y| {
                let mut row = String::new();
                let mut covered = 0;
                for x in 0..buf.area.width {
                    if covered > 0 {
                        covered -= 1;
                        continue;
                    }
                    let symbol = buf[(x, y)].symbol();
                    covered = width(symbol).saturating_sub(1);
                    row.push_str(symbol);
                }
                row
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Checks that every row is exactly as wide as the screen: a wide
    /// character cut in half would leave a row short or long.
    pub fn assert_rows_fill(name: &str, t: &Terminal<TestBackend>) {
        let w = t.backend().buffer().area.width as usize;
        for (i, row) in text(t).lines().enumerate() {
            assert_eq!(
                width(row),
                w,
                "{name}: row {i} is {} wide: {row}",
                width(row)
            );
        }
    }

    /// Snapshot settings that take the temporary folder's path out, so
    /// that `/tmp/.tmpXXXX/data/o1.toml` reads `data/o1.toml`.
    pub fn settings(root: &std::path::Path) -> insta::Settings {
        let prefix = format!("{}/", root.display()).replace('.', "\\.");
        let mut settings = insta::Settings::clone_current();
        settings.add_filter(&prefix, "");
        settings
    }
}

/// Compares a screen with its snapshot (the temporary folder's path taken
/// out), after checking that every row fills the screen's width exactly. A
/// macro, so that the snapshot is named after the test file that calls it.
#[macro_export]
macro_rules! check {
    ($root:expr, $name:expr, $t:expr $(,)?) => {{
        let (root, name, t): (&tempfile::TempDir, &str, &ratatui::Terminal<_>) = ($root, $name, $t);
        $crate::common::screen::assert_rows_fill(name, t);
        $crate::common::screen::settings(root.path())
            .bind(|| insta::assert_snapshot!(name, t.backend()));
    }};
}

/// Checks a screen at 80x24 and 200x50, as [`check!`] does.
#[macro_export]
macro_rules! both_sizes {
    ($root:expr, $name:expr, $app:expr $(,)?) => {{
        let (root, name, app) = ($root, $name, $app);
        $crate::check!(
            root,
            &format!("{name}_80x24"),
            &$crate::common::screen::draw(app, 80, 24)
        );
        $crate::check!(
            root,
            &format!("{name}_200x50"),
            &$crate::common::screen::draw(app, 200, 50)
        );
    }};
}
