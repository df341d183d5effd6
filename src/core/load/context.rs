//! What every step of reading an objective file shares: the parsed TOML's
//! types, and [`Cx`], the file being read with the diagnostics so far.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::core::diag::{Diagnostic, LineIndex, Severity};
use crate::core::model::Project;

pub(super) type Table<'i> = DeTable<'i>;
pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// The walk over one file, collecting diagnostics.
pub(super) struct Cx<'a> {
    pub(super) path: &'a Path,
    pub(super) text: &'a str,
    pub(super) diags: Vec<Diagnostic>,
    /// Projects already read by [`super::sections`], for the objective to take.
    pub(super) projects: Option<Vec<Project>>,
    /// Where the text the spans count from starts in `text`: a section's
    /// offset in its file, for [`super::sections`] (0 for a whole file).
    pub(super) base: usize,
    /// How many diagnostics there were when the walk of an item's keys
    /// ended and its checks as a whole began (the last project or
    /// objective walked): where [`super::sections`] puts an item's
    /// children's diagnostics, as the whole walk gives them.
    pub(super) keys_end: usize,
    /// Where the lines of `text` start: made at the first problem, so that
    /// a file with many problems is not scanned again for each one.
    lines: OnceCell<LineIndex<'a>>,
    /// The owners named so far, each held once for the whole file.
    owners: HashSet<Arc<str>>,
}

impl<'a> Cx<'a> {
    pub(super) fn new(path: &'a Path, text: &'a str) -> Self {
        Cx {
            path,
            text,
            diags: Vec::new(),
            projects: None,
            base: 0,
            keys_end: 0,
            lines: OnceCell::new(),
            owners: HashSet::new(),
        }
    }

    /// `owner` as held by the items before that named it, if any did.
    pub(super) fn owner(&mut self, owner: String) -> Arc<str> {
        if let Some(same) = self.owners.get(owner.as_str()) {
            return Arc::clone(same);
        }
        let owner: Arc<str> = owner.into();
        self.owners.insert(Arc::clone(&owner));
        owner
    }

    pub(super) fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.at(span.start, Severity::Error, message);
    }

    pub(super) fn warn(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.at(span.start, Severity::Warning, message);
    }

    pub(super) fn at(&mut self, offset: usize, severity: Severity, message: impl Into<String>) {
        let lines = self.lines.get_or_init(|| LineIndex::new(self.text));
        self.diags.push(Diagnostic::at_index(
            self.path,
            lines,
            self.base + offset,
            severity,
            message,
        ));
    }
}

/// Names a value's type for messages.
pub(super) fn describe(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(dt) if dt.time.is_some() => "a date-time",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}
