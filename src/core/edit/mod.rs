//! Edits of every kind, as the CLI and the TUI make them, saving writes them
//! and undo inverts them: the vocabulary ([`Edit`] of one [`Field`] to a
//! [`Value`], and [`Change`], which also adds and removes items and changes
//! the incident log). Applying a change to the model is [`apply`]; writing
//! it into a TOML document is [`document`].

use std::fmt;

use chrono::NaiveDate;
use toml_edit::{Item, Table};

use super::model::{Incident, ItemPath, Kind, Milestone, Project, Status};

pub mod apply;
pub mod document;
#[cfg(test)]
mod tests;

/// A field that can be edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Status,
    Percent,
    Due,
    Start,
    Owner,
    Weight,
    Note,
    Update,
    Next,
    Blocker,
    Tags,
    Stage,
    Total,
    Done,
    /// The value of a metric (`objective/ID` names the metric).
    Value,
}

impl Field {
    /// The key in the TOML file.
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Status => "status",
            Field::Percent => "percent",
            Field::Due => "due",
            Field::Start => "start",
            Field::Owner => "owner",
            Field::Weight => "weight",
            Field::Note => "note",
            Field::Update => "update",
            Field::Next => "next",
            Field::Blocker => "blocker",
            Field::Tags => "tags",
            Field::Stage => "stage",
            Field::Total => "total",
            Field::Done => "done",
            Field::Value => "value",
        }
    }

    /// Whether items of `kind` have this field.
    pub fn applies_to(self, kind: Kind) -> bool {
        match self {
            Field::Stage | Field::Total | Field::Done => kind == Kind::Milestone,
            Field::Value => kind == Kind::Project,
            _ => true,
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A typed value for a field.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Count(u64),
    Date(NaiveDate),
    Status(Status),
    List(Vec<String>),
}

/// Set `field` of the item at `path` to `value`, or remove it when `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub path: ItemPath,
    pub field: Field,
    pub value: Option<Value>,
}

impl Edit {
    pub fn set(path: ItemPath, field: Field, value: Value) -> Self {
        Edit {
            path,
            field,
            value: Some(value),
        }
    }

    pub fn remove(path: ItemPath, field: Field) -> Self {
        Edit {
            path,
            field,
            value: None,
        }
    }
}

/// Why an edit was refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    /// No item at that path.
    #[error("no item `{0}`")]
    NoSuchItem(ItemPath),
    /// The item's file did not load, so it cannot be edited.
    #[error("`{0}` is in a file with errors; fix it first (see `stride check`)")]
    FileNotLoaded(ItemPath),
    /// The value is not valid for the field.
    #[error("{0}")]
    Invalid(String),
}

/// Rounds a percent to two decimals, the precision files and reports use.
pub fn round_percent(p: f64) -> f64 {
    (p * 100.0).round() / 100.0
}

/// A value as a person reads it, for messages: `95.46`, `"迁移"`, `(none)`.
pub fn show(v: &Option<Value>) -> String {
    match v {
        None => "(none)".into(),
        Some(Value::Text(t)) => format!("\"{}\"", super::text::sanitize(t, false)),
        Some(Value::Number(n)) => super::text::percent(*n),
        Some(Value::Count(n)) => n.to_string(),
        Some(Value::Date(d)) => d.to_string(),
        Some(Value::Status(s)) => s.to_string(),
        Some(Value::List(l)) => format!("[{}]", super::text::sanitize(&l.join(", "), false)),
    }
}

/// An item taken out of the model and its file, kept so that it can be put back.
#[derive(Clone, Debug)]
pub struct Removed {
    /// Where it stood among its siblings.
    pub index: usize,
    pub item: RemovedItem,
    /// Its table in the file, with comments and position; filled in when written.
    pub doc: Option<Item>,
}

/// The model of a removed item.
#[derive(Clone, Debug)]
pub enum RemovedItem {
    Project(Project),
    Milestone(Milestone),
}

/// One change to the portfolio.
#[derive(Clone, Debug)]
pub enum Change {
    /// Set or remove one field. `repr`, when given, is the exact TOML text to
    /// write (used by undo, to put back the value exactly as it was written).
    Field {
        edit: Edit,
        repr: Option<String>,
        /// The key as it was before it was removed, to put it back exactly.
        restore: Option<Box<RemovedKey>>,
    },
    /// Add a project (path `o/p`) or a milestone (path `o/p/m`) with a title,
    /// or put back one that was removed.
    Add {
        path: ItemPath,
        title: String,
        restore: Option<Box<Removed>>,
    },
    /// Remove a project or a milestone.
    Remove { path: ItemPath },
    /// Change the incident log of the objective at `path`: insert an
    /// incident at `index` (`insert`), replace the one there, or remove it
    /// (`incident` is `None`). A removed table keeps its comments for undo.
    Incident {
        path: ItemPath,
        index: usize,
        incident: Option<Box<Incident>>,
        insert: bool,
        restore: Option<Box<Table>>,
    },
}

impl Change {
    pub fn field(edit: Edit) -> Self {
        Change::Field {
            edit,
            repr: None,
            restore: None,
        }
    }

    /// The item the change is about.
    pub fn path(&self) -> &ItemPath {
        match self {
            Change::Field { edit, .. } => &edit.path,
            Change::Add { path, .. } | Change::Remove { path } | Change::Incident { path, .. } => {
                path
            }
        }
    }
}

/// A key as it stood in its table before it was removed: its name as
/// written, its value with comments, and its place, to put it back exactly.
#[derive(Clone, Debug)]
pub struct RemovedKey {
    pub key: toml_edit::Key,
    pub item: Item,
    pub index: usize,
}
