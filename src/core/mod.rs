//! The library core: model, loading with validation, roll-up rules, edits and
//! format-preserving saves. No terminal, no clock: "today" is always passed in.
//!
//! Modules depend one way only, leaves first:
//! `text`, `dates`, `diag`, `fsio`, `memory`, `scalar`, `l10n` (leaves: `l10n` itself
//! holds the language, counts, plurals and units) → `settings`, `model` →
//! `rollup`, `listing`, `ops` → `edit`, `progress` → `load`, `save`, `history`,
//! `recovery`, `forecast` (weekly percents, when 100% comes) → `sheet` (CSV
//! out and in) →
//! `l10n::terms`, `l10n::problems` (the names of things and the words of
//! refusals) → `report`.

pub mod create;
pub mod dates;
pub mod diag;
pub mod diff;
pub mod edit;
pub mod forecast;
pub mod fsio;
pub mod history;
pub mod l10n;
pub mod listing;
pub mod load;
pub mod memory;
pub mod merge;
pub mod model;
pub mod ops;
pub mod progress;
pub mod recovery;
pub mod report;
pub mod rollup;
pub mod save;
pub mod scalar;
pub mod settings;
pub mod sheet;
pub mod starter;
pub mod stats;
pub mod text;

pub use diag::{Diagnostic, Severity};
pub use edit::{Change, Edit, EditError, Field, Value};
pub use load::{LoadError, load_dir};
pub use model::{ItemPath, ItemRef, Kind, Milestone, Objective, Portfolio, Project, Status};
