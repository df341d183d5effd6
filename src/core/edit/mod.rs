//! Edits of every kind, as the CLI and the TUI make them, saving writes them
//! and undo inverts them: the vocabulary ([`Edit`] of one [`Field`] to a
//! [`Value`], and [`Change`], which also adds and removes items and changes
//! the incident log). Applying a change to the model is [`apply`]; writing
//! it into a TOML document is [`document`].

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
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
    /// A project's pipeline of stages.
    Stages,
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
            Field::Stages => "stages",
            Field::Value => "value",
        }
    }

    /// The field a TOML key holds, if stride edits it.
    pub fn of_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Every field, in the order of [`Field::key`].
    pub const ALL: [Field; 17] = [
        Field::Title,
        Field::Status,
        Field::Percent,
        Field::Due,
        Field::Start,
        Field::Owner,
        Field::Weight,
        Field::Note,
        Field::Update,
        Field::Next,
        Field::Blocker,
        Field::Tags,
        Field::Stage,
        Field::Total,
        Field::Done,
        Field::Stages,
        Field::Value,
    ];

    /// Whether items of `kind` have this field.
    pub fn applies_to(self, kind: Kind) -> bool {
        match self {
            Field::Stage | Field::Total | Field::Done => kind == Kind::Milestone,
            Field::Value | Field::Stages => kind == Kind::Project,
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

/// Why an edit was refused. `Display` is the English the CLI prints;
/// [`crate::core::l10n`] renders it in each language.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    /// No item at that path.
    #[error("no item `{0}`")]
    NoSuchItem(ItemPath),
    /// The item's file did not load, so it cannot be edited.
    #[error("`{0}` is in a file with errors; fix it first (see `stride check`)")]
    FileNotLoaded(ItemPath),
    /// The field is not one items of this kind have.
    #[error("`{field}` is a milestone field; `{path}` is {} {}", article(*.kind), .kind.as_str())]
    NotForKind {
        field: Field,
        path: ItemPath,
        kind: Kind,
    },
    /// A field every item has (`title`, a metric's `value`) cannot be removed.
    #[error("`{0}` is required and cannot be removed")]
    Required(Field),
    /// A title of only spaces.
    #[error("`title` cannot be empty")]
    EmptyTitle,
    #[error("percent {0} is outside 0..100")]
    PercentOutOfRange(f64),
    #[error("weight {0} must be greater than 0")]
    WeightNotPositive(f64),
    #[error("due {due} would be before start {start}")]
    DueBeforeStart { due: NaiveDate, start: NaiveDate },
    #[error("start {start} would be after due {due}")]
    StartAfterDue { start: NaiveDate, due: NaiveDate },
    /// A stage set in a project without `stages`.
    #[error("project `{project}` has no `stages`")]
    NoStages { project: String },
    #[error("unknown stage `{stage}`; the stages are: {}", .stages.join(", "))]
    UnknownStage { stage: String, stages: Vec<String> },
    #[error("done ({done}) would be greater than total ({total})")]
    DoneOverTotal { done: u64, total: u64 },
    /// A count a TOML integer cannot hold (over `i64::MAX`).
    #[error("{field} {value} is too large: at most {}", i64::MAX)]
    CountTooLarge { field: Field, value: u64 },
    /// A date TOML readers do not all take: years 1 to 9999 only.
    #[error("{field} {date} is out of range: dates go from 0001-01-01 to 9999-12-31")]
    DateOutOfRange { field: Field, date: NaiveDate },
    /// A value of the wrong type for the field.
    #[error("`{field}` cannot take the value {value:?}")]
    WrongValue { field: Field, value: Value },
    /// A metric's value that is not a finite number.
    #[error("`value` must be a number, not {0:?}")]
    NotANumber(Value),
    /// A path that cannot name a metric.
    #[error("`{0}` is not a metric: metrics are named objective/ID")]
    NotAMetric(ItemPath),
    #[error("no metric `{0}`")]
    NoMetric(ItemPath),
    /// No incident with that number (counted from 1) in the objective.
    #[error("no incident {number} in `{path}`")]
    NoIncident { path: ItemPath, number: usize },
    /// Objectives are files: they are not added here.
    #[error("objectives are files: add one with `stride add ID --title T`")]
    AddObjective,
    /// Objectives are files: they are not removed here.
    #[error("objectives are files: delete the file by hand")]
    RemoveObjective,
    /// The id of a new item cannot be used.
    #[error(transparent)]
    Id(#[from] IdProblem),
    /// A new item without a title.
    #[error("a title is required")]
    NoTitle,
    #[error("`{0}` already exists")]
    AlreadyExists(ItemPath),
    #[error("an incident needs a title")]
    IncidentWithoutTitle,
    #[error("resolved {resolved} is before the incident's time {at}")]
    ResolvedBeforeAt {
        resolved: NaiveDateTime,
        at: NaiveDateTime,
    },
}

/// Why an id cannot be used for a new item.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdProblem {
    #[error("an id is required")]
    Missing,
    #[error("id `{0}` must not contain `/`")]
    Slash(String),
    #[error("id `{0}` must not start or end with a space")]
    EdgeSpace(String),
    #[error("an id must not contain control characters")]
    ControlCharacter,
    /// An objective's file name the loader does not read as an objective.
    #[error("id `{0}` must not start with `.` or `_` (such files are not objectives)")]
    Reserved(String),
}

/// `a` or `an`, before a kind's name.
fn article(kind: Kind) -> &'static str {
    if kind == Kind::Objective { "an" } else { "a" }
}

/// Rounds a percent to two decimals, the precision screens and reports
/// show (files keep numbers as typed: see `document::to_toml`).
pub fn round_percent(p: f64) -> f64 {
    (p * 100.0).round() / 100.0
}

/// A value as a person reads it, in English messages: `95.46`, `"迁移"`,
/// `(none)`. See [`crate::core::l10n`] for other languages.
pub fn show(v: &Option<Value>) -> String {
    super::l10n::Language::En.value(v)
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
