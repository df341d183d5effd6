//! Problems found in files, located by line and column.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is: errors keep a file out of the tree, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one file, at a 1-based line and column (columns count characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    /// A problem at byte `offset` of `text`.
    pub fn at(
        file: &Path,
        text: &str,
        offset: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = line_column(text, offset);
        Diagnostic {
            file: file.to_path_buf(),
            line,
            column,
            severity,
            message: message.into(),
        }
    }

    /// A problem at byte `offset` of the text `lines` indexes: what a
    /// reader with many problems in one file uses, each found in
    /// logarithmic time instead of a scan from the start.
    pub fn at_index(
        file: &Path,
        lines: &LineIndex<'_>,
        offset: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = lines.line_column(offset);
        Diagnostic {
            file: file.to_path_buf(),
            line,
            column,
            severity,
            message: message.into(),
        }
    }

    /// A problem with the file as a whole (it cannot be read, for example).
    pub fn whole_file(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            line: 1,
            column: 1,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: error: message`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {sev}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// The 1-based line and character column of byte `offset` in `text`.
///
/// An offset past the end, or inside a character, is clamped to the nearest
/// character boundary before it. This scans `text` up to `offset`: for many
/// places in one text, build a [`LineIndex`] once.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = boundary(text, offset);
    let before = &text[..offset];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
    (line, column(&before[line_start..]))
}

/// Where each line of a text starts, found once, so that the line and
/// column of any byte offset is a binary search away.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// The byte offset of the start of every line but the first.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            starts: memchr::memchr_iter(b'\n', text.as_bytes())
                .map(|i| i + 1)
                .collect(),
        }
    }

    /// What [`line_column`] gives for `offset`, without scanning the text.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = boundary(self.text, offset);
        // the lines starting at or before `offset`, the first one included
        let line = self.starts.partition_point(|&s| s <= offset);
        let line_start = if line == 0 { 0 } else { self.starts[line - 1] };
        (line + 1, column(&self.text[line_start..offset]))
    }
}

/// `offset` clamped to the text and to the character boundary at or before it.
fn boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The 1-based column after `line_start_to_offset`, counting characters.
fn column(line_start_to_offset: &str) -> usize {
    line_start_to_offset.chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a = 1\ntitle = \"迁移\" x\n";
        let x = text.find('x').unwrap();
        assert_eq!(line_column(text, x), (2, 14));
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 10_000), (3, 1));
        // inside the three bytes of 迁: clamped to its start
        let inside = text.find('迁').unwrap() + 1;
        assert_eq!(line_column(text, inside), (2, 10));
    }

    #[test]
    fn the_line_index_agrees_with_the_scan_at_every_offset() {
        for text in [
            "",
            "\n",
            "a",
            "a = 1\ntitle = \"迁移\" x\n",
            "\n\n x\r\n迁\n",
            "no newline at the end",
        ] {
            let index = LineIndex::new(text);
            for offset in 0..text.len() + 3 {
                assert_eq!(
                    index.line_column(offset),
                    line_column(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn displays_as_file_line_column_message() {
        let d = Diagnostic::at(Path::new("data/o1.toml"), "x\ny", 2, Severity::Error, "bad");
        assert_eq!(d.to_string(), "data/o1.toml:2:1: error: bad");
    }
}
