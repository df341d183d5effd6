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
