//! `stride merge-driver BASE OURS THEIRS PATH`: what git runs (as
//! `%O %A %B %P`) to merge a stride file. The result goes to OURS; the exit
//! status says whether it is clean.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::core::merge::{KeyConflict, OnConflict, merge};

/// How a file merged.
#[derive(Debug, PartialEq)]
pub enum DriverOutcome {
    /// Merged with no conflict.
    Clean,
    /// Merged, with these conflicts between markers.
    Conflicts(Vec<String>),
}

/// Why the driver could not merge at all.
#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    #[error(
        "{0} is not a stride file: only the *.toml files of a data folder merge through stride (see its .gitattributes)"
    )]
    NotStride(String),
    #[error("cannot read or write {path}: {error}")]
    Io { path: String, error: std::io::Error },
}

/// Merges THEIRS into OURS against BASE for the file git calls `path`.
/// Weekly history files keep our record where both sides recorded an item
/// differently (stride records it again at the next save); objective and
/// settings files mark such a field for a person to settle. A side that is
/// not TOML (it holds markers already, say) is merged by lines, by
/// `git merge-file`.
pub fn merge_driver(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: &str,
) -> Result<DriverOutcome, DriverError> {
    if !path.ends_with(".toml") {
        return Err(DriverError::NotStride(path.to_string()));
    }
    let history = Path::new(path)
        .parent()
        .and_then(|p| p.file_name())
        .is_some_and(|n| n == crate::core::history::DIR);
    let read = |p: &Path| {
        fs::read_to_string(p).map_err(|error| DriverError::Io {
            path: p.display().to_string(),
            error,
        })
    };
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    let mode = if history {
        OnConflict::Ours
    } else {
        OnConflict::Mark
    };
    match merge(&b, &o, &t, mode) {
        Ok(merged) => {
            fs::write(ours, &merged.text).map_err(|error| DriverError::Io {
                path: ours.display().to_string(),
                error,
            })?;
            Ok(if merged.conflicts.is_empty() {
                DriverOutcome::Clean
            } else {
                DriverOutcome::Conflicts(
                    merged.conflicts.iter().map(|c| describe(path, c)).collect(),
                )
            })
        }
        Err(_) => {
            // not TOML on some side: git's own line merge, with its markers
            let status = Command::new("git")
                .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
                .arg(ours)
                .arg(base)
                .arg(theirs)
                .status()
                .map_err(|error| DriverError::Io {
                    path: "git merge-file".into(),
                    error,
                })?;
            Ok(if status.success() {
                DriverOutcome::Clean
            } else {
                DriverOutcome::Conflicts(vec![format!("{path}: merged by lines, with conflicts")])
            })
        }
    }
}

/// `o2-upgrade.toml: project.hive.milestone.migration: percent 97 (ours) or 98 (theirs)`.
fn describe(path: &str, c: &KeyConflict) -> String {
    let mut at = c.table.join(".");
    if at.is_empty() {
        at = "(top)".into();
    }
    format!(
        "{path}: {at}: {} {} (ours) or {} (theirs)",
        c.key, c.ours, c.theirs
    )
}
