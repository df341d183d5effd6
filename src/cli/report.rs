//! `stride report`: the weekly report as Markdown, JSON or HTML.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::data::{load, report_unloaded, week_arg};
use super::failure::Failure;
use crate::core::report::{
    Form, StreamError, Streamed, current_to, for_week, html, html_to, json, json_to, markdown,
    markdown_to, outline_for_week,
};
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
    if let (None, None) = (&args.week, &args.output) {
        // this week's, to standard output: written as the files are read,
        // unless the sections cannot be held in the data folder's `.stride/`
        let form = match args.format {
            Format::Md => Form::Markdown,
            Format::Json => Form::Json,
            Format::Html => Form::Html,
        };
        // each file's text, model and section are large blocks, made and
        // freed in turn on two threads: mapped on their own, they leave no
        // holes in the arenas to stay resident
        crate::core::memory::for_a_long_session();
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut *out);
        let streamed = current_to(dir, today, form, &mut buffered).map_err(|e| match e {
            StreamError::Load(e) => Failure::new(format!(
                "{e}\n  (give another folder with --data DIR or the STRIDE_DATA variable)"
            )),
            StreamError::Io(e) => Failure::new(e.to_string()),
        });
        buffered.flush()?;
        drop(buffered);
        if let Streamed::Written(portfolio) = streamed? {
            return Ok(exit_code(&portfolio));
        }
    }
    let portfolio = load(dir)?;
    let week = match &args.week {
        Some(w) => Some(iso_week_name(week_arg(&portfolio.settings, w, today)?)),
        None => None,
    };
    let lang = portfolio.settings.language;
    match &args.output {
        Some(path) => {
            // the file is written whole and atomically, from the whole text
            let report = for_week(&portfolio, today, week.as_deref())?;
            let text = match args.format {
                Format::Md => markdown(&report, lang),
                Format::Json => json(&report)?,
                Format::Html => html(&report, lang),
            };
            crate::core::report::write_file(dir, path, &text)
                .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
            eprintln!("stride: wrote {}", path.display());
        }
        None => {
            // written out as it is rendered, in large writes, each
            // objective's milestones made in its turn: neither the text of
            // a large portfolio's report nor all its milestones are held
            let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
            outline_for_week(&portfolio, today, week.as_deref(), |o| {
                let (r, whole) = (&o.report, &|i| o.objective(i));
                match args.format {
                    Format::Md => markdown_to(r, whole, lang, &mut buffered),
                    Format::Json => json_to(r, whole, &mut buffered),
                    Format::Html => html_to(r, whole, lang, &mut buffered),
                }
            })??;
            buffered.flush()?;
        }
    }
    Ok(exit_code(&portfolio))
}

/// What it could is written, with a warning on top; a script (`stride
/// report > week.md`) still learns that something is missing.
fn exit_code(portfolio: &crate::core::Portfolio) -> ExitCode {
    if report_unloaded(portfolio) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
