//! What `stride init` writes: a starter folder whose comments explain every
//! field (in English or Chinese), or the shipped sample portfolio, embedded
//! so that an installed binary has it.

use std::io;
use std::path::{Path, PathBuf};

use super::fsio;
use super::l10n::Language;
use super::load::objective_files;

/// One file `init` writes: its path in the data folder and its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StarterFile {
    pub path: &'static str,
    pub text: &'static str,
}

/// The starter folder in `language`: one objective, the settings, and the
/// `.gitignore` stride's own files need.
pub fn template(language: Language) -> [StarterFile; 3] {
    let (objective, settings, ignore) = match language {
        Language::En => (
            include_str!("objective.en.toml"),
            include_str!("settings.en.toml"),
            include_str!("gitignore.en"),
        ),
        Language::Zh => (
            include_str!("objective.zh.toml"),
            include_str!("settings.zh.toml"),
            include_str!("gitignore.zh"),
        ),
    };
    [
        StarterFile {
            path: "o1-first.toml",
            text: objective,
        },
        StarterFile {
            path: super::settings::FILE,
            text: settings,
        },
        StarterFile {
            path: ".gitignore",
            text: ignore,
        },
    ]
}

/// The sample portfolio shipped in `data/`, file for file.
pub const SAMPLE: [StarterFile; 5] = [
    StarterFile {
        path: ".stride.toml",
        text: include_str!("../../../data/.stride.toml"),
    },
    StarterFile {
        path: "o1-business.toml",
        text: include_str!("../../../data/o1-business.toml"),
    },
    StarterFile {
        path: "o2-upgrade.toml",
        text: include_str!("../../../data/o2-upgrade.toml"),
    },
    StarterFile {
        path: "o3-stability.toml",
        text: include_str!("../../../data/o3-stability.toml"),
    },
    StarterFile {
        path: "history/2023-W24.toml",
        text: include_str!("../../../data/history/2023-W24.toml"),
    },
];

/// Why `init` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder already holds objectives: `init` starts folders, it
    /// never adds to one.
    #[error(
        "{} already holds objective files ({}); init writes only into an empty folder or one without objectives: nothing was written",
        .dir.display(),
        .files.join(", ")
    )]
    NotEmpty { dir: PathBuf, files: Vec<String> },
    #[error("cannot write {}: {error}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        error: io::Error,
    },
}

/// What `init` did: the files written and those it found and kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Started {
    pub written: Vec<PathBuf>,
    pub kept: Vec<PathBuf>,
}

/// Writes `files` into `dir` (made if missing), each atomically. A folder
/// that holds objective files is refused, and nothing is written; a file of
/// ours already there (a `.gitignore`, the settings) is kept as it is.
pub fn init(dir: &Path, files: &[StarterFile]) -> Result<Started, InitError> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |error| InitError::Io { path, error }
    };
    if dir.exists() {
        let existing = objective_files(dir).map_err(|e| InitError::Io {
            path: dir.to_path_buf(),
            error: io::Error::other(e.to_string()),
        })?;
        if !existing.is_empty() {
            return Err(InitError::NotEmpty {
                dir: dir.to_path_buf(),
                files: existing
                    .iter()
                    .filter_map(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .collect(),
            });
        }
    }
    let mut started = Started::default();
    for f in files {
        let path = dir.join(f.path);
        if std::fs::symlink_metadata(&path).is_ok() {
            started.kept.push(path);
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fsio::write_atomic(&path, f.text.as_bytes()).map_err(io_err(&path))?;
        started.written.push(path);
    }
    Ok(started)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_sample_is_data_byte_for_byte_and_all_of_it() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        for f in SAMPLE {
            let on_disk = std::fs::read_to_string(data.join(f.path)).unwrap();
            assert_eq!(f.text, on_disk, "{}", f.path);
        }
        // every file of data/ is embedded
        let mut found = Vec::new();
        let mut dirs = vec![data.clone()];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    if !p.ends_with(fsio::OWN_DIR) && !p.ends_with("reports") {
                        dirs.push(p);
                    }
                } else {
                    found.push(p.strip_prefix(&data).unwrap().display().to_string());
                }
            }
        }
        found.sort();
        let mut embedded: Vec<String> = SAMPLE.iter().map(|f| f.path.to_string()).collect();
        embedded.sort();
        assert_eq!(found, embedded);
    }

    #[test]
    fn a_folder_with_objectives_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.toml"), "title = \"M\"\n").unwrap();
        let e = init(dir.path(), &template(Language::En)).unwrap_err();
        assert!(e.to_string().contains("mine.toml"), "{e}");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn files_already_there_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".gitignore"), "target/\n").unwrap();
        let started = init(dir.path(), &template(Language::Zh)).unwrap();
        assert_eq!(started.kept, vec![dir.path().join(".gitignore")]);
        assert_eq!(started.written.len(), 2);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
            "target/\n"
        );
    }
}
