//! Shared by the integration tests: temporary copies of the sample data.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

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

/// Screens drawn into a `TestBackend`, read back as text and compared.
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
