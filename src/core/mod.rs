//! The library core: model, loading with validation, roll-up rules, edits and
//! format-preserving saves. No terminal, no clock: "today" is always passed in.

pub mod change;
pub mod dates;
pub mod diag;
pub mod edit;
pub mod history;
pub mod listing;
pub mod load;
pub mod model;
pub mod ops;
pub mod report;
pub mod rollup;
pub mod save;
pub mod settings;
pub mod stats;
pub mod text;

pub use change::Change;
pub use diag::{Diagnostic, Severity};
pub use edit::{Edit, EditError, Field, Value};
pub use load::{LoadError, load_dir};
pub use model::{ItemPath, ItemRef, Kind, Milestone, Objective, Portfolio, Project, Status};
