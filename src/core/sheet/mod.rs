//! The portfolio as a spreadsheet: `list --format csv` writes a row per
//! item with every field (`export`), `import` reads such a file back
//! (`read`), works out what it changes against the folder and checks it on
//! a copy of the model (`plan`), then writes it through the
//! format-preserving save (`write`). `columns` is what they share: the
//! columns and what each holds.

pub mod columns;
pub mod export;
pub mod plan;
pub mod read;
pub mod write;

pub use plan::{Plan, plan};
pub use read::{Problem, SheetRow, read};
pub use write::write;
