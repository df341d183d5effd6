//! `stride import FILE.csv [--dry-run]`: builds or updates the data folder
//! from a spreadsheet's CSV (what `list --format csv` writes). Every row is
//! checked before anything is written; a bad row is reported with its line
//! and column, and then nothing is touched.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::data::{load, record_history};
use super::failure::Failure;
use crate::core::text::sanitize;
use crate::core::{Portfolio, sheet};

#[derive(Debug, Args)]
#[command(after_help = "\
Rows are items by `path`: objective `o`, project `o/p`, milestone `o/p/m`. \
A row for a new item adds it (an objective is a new file `o.toml`); a row \
for an existing item sets the fields whose cells differ (an empty cell \
removes the key). Columns may come in any order; a column left out is left \
alone. `effective_status` and `effective_percent` are computed and ignored. \
Parents come before their children, or are found by sorting by depth.")]
pub struct ImportArgs {
    /// The CSV file (UTF-8, with or without a byte order mark).
    file: PathBuf,
    /// Print what would change and write nothing.
    #[arg(long)]
    dry_run: bool,
}

pub fn run(
    dir: &Path,
    today: NaiveDate,
    args: &ImportArgs,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let name = args.file.display().to_string();
    let bytes =
        std::fs::read(&args.file).map_err(|e| Failure::new(format!("cannot read {name}: {e}")))?;
    let bad = |problems: Vec<sheet::Problem>| {
        let lines: Vec<String> = problems
            .iter()
            .map(|p| format!("{name}:{}", sanitize(&p.to_string(), false)))
            .collect();
        Failure::new(format!(
            "{}\nnothing was imported: {} problem{} in {name}",
            lines.join("\n"),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        ))
    };
    let (rows, problems) = sheet::read(&bytes).map_err(bad)?;
    // a folder that does not exist yet is built from nothing
    let portfolio = if dir.exists() {
        load(dir)?
    } else {
        Portfolio {
            dir: dir.to_path_buf(),
            ..Portfolio::default()
        }
    };
    let plan = sheet::plan(&portfolio, rows, problems).map_err(bad)?;
    for line in &plan.lines {
        writeln!(out, "{}", sanitize(line, false))?;
    }
    let summary = format!(
        "{} item{} added, {} field{} set",
        plan.added,
        if plan.added == 1 { "" } else { "s" },
        plan.fields,
        if plan.fields == 1 { "" } else { "s" }
    );
    if plan.is_empty() {
        writeln!(
            out,
            "nothing to change: {} agrees with {name}",
            dir.display()
        )?;
    } else if args.dry_run {
        writeln!(out, "{summary} (dry run: nothing written)")?;
    } else {
        let written = sheet::write(dir, &plan).map_err(Failure::new)?;
        record_history(&written, today);
        writeln!(out, "{summary}")?;
    }
    Ok(ExitCode::SUCCESS)
}
