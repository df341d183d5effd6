//! Which files of a data folder are objective files.

use std::path::{Path, PathBuf};

use crate::core::diag::{Diagnostic, Severity};

/// The data folder itself could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read data folder {}: {message}", dir.display())]
pub struct LoadError {
    pub dir: PathBuf,
    pub message: String,
}

/// Whether a file name is an objective file: `*.toml`, not starting with `.` or `_`.
pub fn is_objective_file(name: &str) -> bool {
    name.ends_with(".toml") && name.len() > 5 && !name.starts_with('.') && !name.starts_with('_')
}

/// The objective files of `dir`, in file-name order: regular files
/// (through links), and links whose target is missing (reading them is an
/// error with the file's name, not a silent absence). Other entries named
/// like objective files (a FIFO, a folder, a device) are left out, and
/// [`skipped`] reports them.
pub fn objective_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let (mut files, _) = entries(dir)?;
    files.sort();
    Ok(files)
}

/// The entries of `dir` named like objective files that are not read, as
/// warnings: a FIFO, a folder, a device (a link to `/dev/zero`). For
/// `stride check`.
pub fn skipped(dir: &Path) -> Vec<Diagnostic> {
    let Ok((_, mut skipped)) = entries(dir) else {
        return Vec::new();
    };
    skipped.sort();
    skipped
        .into_iter()
        .map(|(path, what)| Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::whole_file(&path, format!("skipped: {what}, not a regular file"))
        })
        .collect()
}

/// The objective files of `dir`, and the entries named like them that are
/// skipped, with what they are.
#[allow(clippy::type_complexity)]
fn entries(dir: &Path) -> Result<(Vec<PathBuf>, Vec<(PathBuf, String)>), LoadError> {
    let err = |e: std::io::Error| LoadError {
        dir: dir.to_path_buf(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(dir).map_err(err)?;
    if !meta.is_dir() {
        return Err(LoadError {
            dir: dir.to_path_buf(),
            message: "not a folder".into(),
        });
    }
    let (mut files, mut skipped) = (Vec::new(), Vec::new());
    for entry in std::fs::read_dir(dir).map_err(err)? {
        let entry = entry.map_err(err)?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_objective_file(name) {
            continue;
        }
        // follows symlinks: a linked data file is a data file
        let path = entry.path();
        match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => files.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => files.push(path),
            _ => {
                let what = crate::core::fsio::not_regular(&path).unwrap_or_default();
                skipped.push((path, what));
            }
        }
    }
    Ok((files, skipped))
}
