//! Working as a team through git: the merge driver's set-up, who changed
//! what (read with gix), and sync (the user's own `git`, so that their
//! credentials and ssh keys apply). No terminal: the CLI and the TUI call it.

mod chain;
pub mod driver;
pub mod git;
pub mod log;
mod pack_cache;
mod sections;
pub mod setup;
pub mod sync;
mod versions;
