//! `stride list`: one row per item, as an aligned table, JSON or CSV.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::data::report_unloaded;
use super::failure::Failure;
use crate::core::history::{History, Record};
use crate::core::listing::{Cells, Filter, Item, each_in, item_cells, write_cells};
use crate::core::load::map_dir;
use crate::core::sheet;
use crate::core::{Portfolio, Status};

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only items past their due date and not done or dropped.
    #[arg(long)]
    overdue: bool,
    /// Only open items due within DAYS from today (with --overdue: either).
    #[arg(long, value_name = "DAYS")]
    due_within: Option<u32>,
    /// Only items with this effective status (repeat for several).
    #[arg(long = "status", value_name = "S", value_parser = parse_status)]
    statuses: Vec<Status>,
    /// Only items of this owner.
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Table,
    Json,
    /// Every field of every item, as written, for a spreadsheet (RFC 4180).
    Csv,
}

pub(super) fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s).ok_or_else(|| {
        format!(
            "unknown status `{s}`; allowed: {} (or their names: {})",
            Status::allowed(),
            Status::ALL.map(|st| st.aliases().join("/")).join(", ")
        )
    })
}

/// One row of `--format json`.
#[derive(Serialize)]
struct JsonRow {
    path: String,
    kind: &'static str,
    title: String,
    status: &'static str,
    percent: f64,
    due: Option<String>,
    owner: Option<String>,
    overdue_days: i64,
    /// Percent change since the newest earlier week; null without a record.
    delta: Option<f64>,
    stalled_weeks: u32,
}

impl JsonRow {
    fn of(i: &Item<'_>, history: &History) -> Self {
        let path = i.path_string();
        let change = history.change(&path, &Record::of_item(i));
        JsonRow {
            path,
            kind: i.kind().as_str(),
            title: i.title().to_string(),
            status: i.status.as_str(),
            percent: (i.percent * 100.0).round() / 100.0,
            due: i.due.map(|d| d.to_string()),
            owner: i.owner().map(String::from),
            overdue_days: i.overdue_days,
            delta: change.delta,
            stalled_weeks: change.stalled_weeks,
        }
    }
}

/// A line of output, made as soon as its objective is read.
enum Line {
    Table(Cells),
    Json(JsonRow),
    Csv(Vec<String>),
}

pub fn run(
    dir: &Path,
    today: NaiveDate,
    args: &ListArgs,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let filter = Filter {
        overdue: args.overdue,
        due_within: args.due_within.map(i64::from),
        statuses: args.statuses.clone(),
        owner: args.owner.clone(),
    };
    let history =
        matches!(args.format, Format::Json).then(|| History::load_for_changes(dir, today));
    // each objective becomes the lines it shows as soon as it is read, and
    // is dropped: the whole portfolio is never in memory at once
    let (files, lines) = map_dir(dir, |o| {
        let mut lines = Vec::new();
        each_in(o, today, |i| {
            if filter.matches_item(&i, today) {
                lines.push(match (&history, args.format) {
                    (Some(h), _) => Line::Json(JsonRow::of(&i, h)),
                    (None, Format::Csv) => Line::Csv(sheet::export::record(&i)),
                    (None, _) => Line::Table(item_cells(&i)),
                });
            }
        });
        lines
    })
    // the message of `data::load`
    .map_err(|e| {
        Failure::new(format!(
            "{e}\n  (give another folder with --data DIR or the STRIDE_DATA variable)"
        ))
    })?;
    let lines = lines.into_iter().flatten();
    // the output goes out in large writes, not a write per line
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    let written = match (&history, args.format) {
        (Some(h), _) => write_json(
            lines.filter_map(|l| match l {
                Line::Json(j) => Some(j),
                _ => None,
            }),
            h,
            &mut buffered,
        ),
        (None, Format::Csv) => sheet::export::write(
            lines.filter_map(|l| match l {
                Line::Csv(r) => Some(r),
                _ => None,
            }),
            &mut buffered,
        ),
        (None, _) => write_cells(
            &lines
                .filter_map(|l| match l {
                    Line::Table(c) => Some(c),
                    _ => None,
                })
                .collect::<Vec<_>>(),
            &mut buffered,
        ),
    }
    .and_then(|()| buffered.flush());
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    // list reads no setting, but settings that cannot be read are reported
    let (_, settings_diagnostics) = crate::core::settings::load(dir);
    let portfolio = Portfolio {
        dir: dir.to_path_buf(),
        files,
        settings_diagnostics,
        ..Portfolio::default()
    };
    Ok(if report_unloaded(&portfolio) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn write_json(
    rows: impl Iterator<Item = JsonRow>,
    history: &History,
    out: &mut impl Write,
) -> io::Result<()> {
    for problem in &history.problems {
        eprintln!("stride: warning: {problem} (left out of the weekly changes)");
    }
    let json: Vec<JsonRow> = rows.collect();
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}
