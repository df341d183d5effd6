//! The data folder as every command sees it: loaded with a hint when it is
//! missing, files that did not load reported, the week's history recorded.

use std::path::Path;

use chrono::NaiveDate;

use super::failure::Failure;
use crate::core::text::sanitize;
use crate::core::{self, Portfolio};

/// A day given on the command line (`--today`, `--since`): `YYYY-MM-DD`.
pub fn parse_day(s: &str) -> Result<NaiveDate, String> {
    core::dates::parse_iso(s).ok_or_else(|| format!("`{s}` is not a date like 2023-06-20"))
}

/// Loads the data folder, with a hint when it is missing.
pub fn load(dir: &Path) -> Result<Portfolio, Failure> {
    core::load_dir(dir).map_err(|e| {
        Failure::new(format!(
            "{e}\n  (give another folder with --data DIR or the STRIDE_DATA variable)"
        ))
    })
}

/// Reads the data folder's files and settings for their diagnostics, with
/// the same hint as [`load`]: the portfolio has no objective (`check`).
pub fn load_diagnostics(dir: &Path) -> Result<Portfolio, Failure> {
    core::load::check_dir(dir).map_err(|e| {
        Failure::new(format!(
            "{e}\n  (give another folder with --data DIR or the STRIDE_DATA variable)"
        ))
    })
}

/// Loads the one objective file `id` of the data folder (and the
/// settings), with the same hint as [`load`]: for `set`, which edits one
/// objective.
pub fn load_one(dir: &Path, id: &str) -> Result<Portfolio, Failure> {
    core::load::load_one(dir, id).map_err(|e| {
        Failure::new(format!(
            "{e}\n  (give another folder with --data DIR or the STRIDE_DATA variable)"
        ))
    })
}

/// Records the week's history after an edit of the objective `id` of `p`
/// (a portfolio of that objective's file, see [`load_one`]): only its
/// lines of the week's file change; when the file cannot be changed so
/// (none yet this week), the whole folder is read and recorded.
pub fn record_objective_history(p: &Portfolio, id: &str, today: NaiveDate) {
    match core::history::record_objective(p, id, today) {
        Ok(Some(_)) => {}
        Ok(None) => {
            if let Ok(whole) = core::load_dir(&p.dir) {
                record_history(&whole, today);
            }
        }
        Err(e) => {
            eprintln!("stride: warning: the edit is saved, but this week's history was not: {e}")
        }
    }
}

/// Records the week's history after an edit; a failure is a warning, as
/// the edit itself is saved.
pub fn record_history(portfolio: &Portfolio, today: NaiveDate) {
    if let Err(e) = core::history::record(portfolio, today) {
        eprintln!("stride: warning: the edit is saved, but this week's history was not: {e}");
    }
}

/// Prints to stderr what could not be read: the errors of files that did
/// not load, and of settings that could not be read or parsed; true if
/// any (the command then exits non-zero, after printing what it could).
pub fn report_unloaded(p: &Portfolio) -> bool {
    let mut any = false;
    for d in p.settings_diagnostics.iter().filter(|d| d.is_error()) {
        any = true;
        eprintln!("stride: {}", sanitize(&d.to_string(), false));
    }
    for f in p.files.iter().filter(|f| !f.loaded) {
        any = true;
        for d in f.diagnostics.iter().filter(|d| d.is_error()) {
            eprintln!("stride: {}", sanitize(&d.to_string(), false));
        }
        eprintln!(
            "stride: {} was skipped (run `stride check` for details)",
            f.path.display()
        );
    }
    // entries named like data files that are not files to read (a folder,
    // a FIFO, a device): never opened, but never passed over in silence
    for d in crate::core::load::skipped(&p.dir) {
        any = true;
        eprintln!("stride: {}", sanitize(&d.to_string(), false));
    }
    any
}

/// The Monday of the week `--week` names: ISO (`2023-W25`) or as the team
/// counts weeks (`26`, `2023-26`).
pub fn week_arg(
    settings: &crate::core::settings::Settings,
    week: &str,
    today: chrono::NaiveDate,
) -> Result<chrono::NaiveDate, super::failure::Failure> {
    settings.parse_week(week, today).ok_or_else(|| {
        let monday = crate::core::settings::monday_of(today);
        super::failure::Failure::new(format!(
            "`{week}` is not a week: write it like {}, {} or {}",
            crate::core::settings::iso_week_name(today),
            settings.week_number(today),
            settings.week_name(monday),
        ))
    })
}
