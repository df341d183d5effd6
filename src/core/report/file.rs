//! The report written out as a file.

use std::path::{Path, PathBuf};

use crate::core::fsio;

/// Writes a report's text as the file at `path`, atomically, making its
/// folder first: what `stride report -o` and the TUI's `r` do. A path in
/// the data folder `data` (the TUI's `reports/<week>.md`) is one of
/// stride's own files there: never written through a link
/// ([`fsio::write_own`]); a path elsewhere is the user's, written as asked.
pub fn write_file(data: &Path, path: &Path, text: &str) -> std::io::Result<()> {
    let absolute = |p: &Path| -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        }
    };
    let (data, path) = (absolute(data), absolute(path));
    if path.starts_with(&data) {
        return fsio::write_own(&data, &path, text.as_bytes());
    }
    // the data folder by another name (through a link to it)
    if let (Ok(data), Some(Ok(dir)), Some(name)) = (
        data.canonicalize(),
        path.parent().map(Path::canonicalize),
        path.file_name(),
    ) && dir.starts_with(&data)
    {
        return fsio::write_own(&data, &dir.join(name), text.as_bytes());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    fsio::write_atomic(&path, text.as_bytes())
}
