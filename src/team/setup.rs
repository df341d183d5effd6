//! `stride git-setup`: makes a clone merge stride's files through stride.
//!
//! Git keeps merge drivers in the repository's own configuration, which is
//! not versioned: every clone runs this once. The `.gitattributes` and
//! `.gitignore` lines it writes are versioned, so in a clone of a set-up
//! repository it only registers the driver and changes no tracked file.

use std::fs;
use std::path::Path;

use super::git::{GitError, git, line, top};

/// The lines `.gitattributes` needs in the data folder.
pub const ATTRIBUTES: [&str; 3] = [
    "# stride merges its files item by item and field by field (stride git-setup)",
    "*.toml merge=stride",
    "history/*.toml merge=stride",
];

/// The lines `.gitignore` needs in the data folder: stride's own files.
pub const IGNORED: [&str; 4] = [
    "# stride's locks, recovery and temporary files",
    ".stride/",
    ".*.lock",
    ".*.stride-*.tmp",
];

/// A path as one word for `sh`, which runs git's merge drivers.
fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+".contains(&b))
    {
        return s.to_string();
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Registers the merge driver `exe` for the repository holding `data`
/// and writes the attribute and ignore lines into `data`. Returns what it
/// did, a line each.
pub fn git_setup(data: &Path, exe: &Path) -> Result<Vec<String>, GitError> {
    let top = top(data)?;
    let mut did = Vec::new();
    let driver = format!(
        "{} merge-driver %O %A %B %P",
        shell_word(&exe.to_string_lossy())
    );
    let settings = [
        (
            "merge.stride.name",
            "stride: merge portfolio files by item and field",
        ),
        ("merge.stride.driver", driver.as_str()),
    ];
    for (key, value) in settings {
        let now = line(data, &["config", "--local", "--get", key]).unwrap_or_default();
        if now == value {
            did.push(format!("git config {key}: already set"));
        } else {
            git(data, &["config", "--local", key, value])?;
            did.push(format!("git config {key} = {value}"));
        }
    }
    let _ = top;
    for (name, lines) in [
        (".gitattributes", &ATTRIBUTES[..]),
        (".gitignore", &IGNORED[..]),
    ] {
        let path = data.join(name);
        let added = add_lines(&path, lines).map_err(|e| GitError::Failed {
            args: format!("write {}", path.display()),
            said: e.to_string(),
        })?;
        did.push(if added == 0 {
            format!("{}: already in place", path.display())
        } else {
            format!(
                "{}: added {}",
                path.display(),
                crate::core::l10n::plural(added as i64, "line", "lines")
            )
        });
    }
    Ok(did)
}

/// Appends the lines of `lines` that `path` lacks (comments only with a
/// line that is added), keeping its line ends. Returns how many were added.
fn add_lines(path: &Path, lines: &[&str]) -> std::io::Result<usize> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let have: Vec<&str> = text.lines().map(str::trim).collect();
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.starts_with('#') && !have.contains(l))
        .collect();
    if missing.is_empty() {
        return Ok(0);
    }
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = text.clone();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(nl);
    }
    if let Some(c) = lines
        .first()
        .filter(|c| c.starts_with('#') && !have.contains(c))
    {
        out.push_str(c);
        out.push_str(nl);
    }
    for l in &missing {
        out.push_str(l);
        out.push_str(nl);
    }
    fs::write(path, out)?;
    Ok(missing.len())
}
