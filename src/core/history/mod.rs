//! Weekly history: one TOML file per ISO week in `history/`, holding the
//! last known state of every item that week, and how items moved since.
//! `snapshot` is what is recorded, `file` reads and writes the weekly files,
//! `movement` reads the earlier weeks back and works out how items moved,
//! `patch` rewrites one objective's lines of this week's file. A week is
//! held as records in the order of a table of paths (`paths`) that the
//! weeks of the same paths share, stages shared (`stage`).

mod file;
mod lines;
#[cfg(test)]
mod lines_tests;
mod movement;
mod patch;
mod paths;
mod snapshot;
mod stage;
#[cfg(test)]
mod tests;

pub use file::{DIR, check, parse, record, render, weeks};
pub use movement::{History, Movement, WEEKS_READ, delta_label, sparkline};
pub use patch::record_objective;
pub use paths::Paths;
pub use snapshot::{Record, Snapshot, snapshot_of};
pub use stage::{Stage, Stages};
