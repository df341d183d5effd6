//! `stride report`: the weekly report as Markdown, JSON or HTML.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::data::{load, report_unloaded, week_arg};
use super::failure::Failure;
use crate::core::report::{for_week, html, json, markdown};
use crate::core::settings::iso_week_name;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A past week to render from its history file: ISO (2023-W24) or as
    /// the team counts weeks (25, 2023-25).
    #[arg(long, value_name = "WEEK")]
    week: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Md,
    Json,
    /// One self-contained page with charts (inline CSS and SVG).
    Html,
}

pub fn run(
    dir: &Path,
    today: NaiveDate,
    args: &ReportArgs,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let portfolio = load(dir)?;
    let week = match &args.week {
        Some(w) => Some(iso_week_name(week_arg(&portfolio.settings, w, today)?)),
        None => None,
    };
    let report = for_week(&portfolio, today, week.as_deref())?;
    let text = match args.format {
        Format::Md => markdown(&report, portfolio.settings.language),
        Format::Json => json(&report)?,
        Format::Html => html(&report, portfolio.settings.language),
    };
    match &args.output {
        Some(path) => {
            crate::core::report::write_file(dir, path, &text)
                .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
            eprintln!("stride: wrote {}", path.display());
        }
        None => out.write_all(text.as_bytes())?,
    }
    // what it could is written, with a warning on top; a script
    // (`stride report > week.md`) still learns that something is missing
    Ok(if report_unloaded(&portfolio) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
