//! stride: project milestones kept in plain TOML files.
//!
//! [`core`] holds the model and its rules and knows nothing of terminals;
//! [`cli`] is the scriptable command line over it, and [`tui`] the
//! interactive terminal UI.

pub mod cli;
pub mod core;
pub mod team;
pub mod tui;
