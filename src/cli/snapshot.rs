//! `stride snapshot`: records this week's state in history/.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::data::{load, report_unloaded};
use super::failure::Failure;
use crate::core::history;

/// `stride snapshot`: writes the current week's history file.
pub fn run(dir: &Path, today: NaiveDate, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let portfolio = load(dir)?;
    let path = history::record(&portfolio, today)
        .map_err(|e| Failure::new(format!("cannot write the history of this week: {e}")))?;
    writeln!(out, "recorded {}", path.display())?;
    Ok(if report_unloaded(&portfolio) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
