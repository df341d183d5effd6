//! The report written out as a file.

use std::path::Path;

use crate::core::fsio;

/// Writes a report's text as the file at `path`, atomically, making its
/// folder first: what `stride report -o` and the TUI's `r` do.
pub fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    fsio::write_atomic(path, text.as_bytes())
}
