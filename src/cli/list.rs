//! `stride list`: one row per item, as an aligned table or JSON.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{Failure, load, report_unloaded};
use crate::core::history::{History, Record};
use crate::core::listing::{Filter, Row, rows};
use crate::core::text::{fit, percent, sanitize, width};
use crate::core::{Kind, Status};

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
}

pub(super) fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s).ok_or_else(|| format!("unknown status `{s}`; allowed: {}", Status::allowed()))
}

/// One row of `--format json`.
#[derive(Serialize)]
struct JsonRow<'a> {
    path: String,
    kind: &'static str,
    title: &'a str,
    status: &'static str,
    percent: f64,
    due: Option<String>,
    owner: Option<&'a str>,
    overdue_days: i64,
    /// Percent change since the newest earlier week; null without a record.
    delta: Option<f64>,
    stalled_weeks: u32,
}

pub fn run(
    dir: &Path,
    today: NaiveDate,
    args: &ListArgs,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let portfolio = load(dir)?;
    let filter = Filter {
        overdue: args.overdue,
        due_within: args.due_within.map(i64::from),
        statuses: args.statuses.clone(),
        owner: args.owner.clone(),
    };
    let all = rows(&portfolio, today);
    let shown: Vec<&Row> = all.iter().filter(|r| filter.matches(r, today)).collect();
    let written = match args.format {
        Format::Json => write_json(&shown, &History::load(dir, today), out),
        Format::Table => write_table(&shown, out),
    };
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    Ok(if report_unloaded(&portfolio) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn write_json(rows: &[&Row], history: &History, out: &mut impl Write) -> io::Result<()> {
    for problem in &history.problems {
        eprintln!("stride: warning: {problem} (left out of the weekly changes)");
    }
    let json: Vec<JsonRow> = rows
        .iter()
        .map(|r| {
            let change = history.change(&r.path.to_string(), &Record::of(r));
            JsonRow {
                path: r.path.to_string(),
                kind: r.kind().as_str(),
                title: r.title(),
                status: r.status.as_str(),
                percent: (r.percent * 100.0).round() / 100.0,
                due: r.due.map(|d| d.to_string()),
                owner: r.owner(),
                overdue_days: r.overdue_days,
                delta: change.delta,
                stalled_weeks: change.stalled_weeks,
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

fn write_table(rows: &[&Row], out: &mut impl Write) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "no items match");
    }
    let depth = |r: &Row| match r.kind() {
        Kind::Objective => 0,
        Kind::Project => 1,
        Kind::Milestone => 2,
    };
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                sanitize(&r.path.to_string(), false).into_owned(),
                format!("{}{}", "  ".repeat(depth(r)), sanitize(r.title(), false)),
                r.status.as_str().to_string(),
                format!("{}%", percent(r.percent)),
                r.due.map(|d| d.to_string()).unwrap_or_default(),
                sanitize(r.owner().unwrap_or(""), false).into_owned(),
                if r.overdue_days > 0 {
                    format!("{}d", r.overdue_days)
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    let header = [
        "PATH", "TITLE", "STATUS", "PERCENT", "DUE", "OWNER", "OVERDUE",
    ];
    // titles are capped so one long title cannot push the table off screen
    let caps = [48, 40, 11, 8, 10, 16, 8];
    let mut widths = header.map(width);
    for row in &cells {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(c)).min(caps[i].max(width(header[i])));
        }
    }
    let right_aligned = [false, false, false, true, false, false, true];
    let line = |cells: [&str; 7]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let cell = fit(c, widths[i]);
            if right_aligned[i] {
                let pad = widths[i] - width(cell.trim_end());
                s.push_str(&" ".repeat(pad));
                s.push_str(cell.trim_end());
            } else {
                s.push_str(&cell);
            }
            if i + 1 < cells.len() {
                s.push_str("  ");
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(header))?;
    for row in &cells {
        writeln!(out, "{}", line(row.each_ref().map(String::as_str)))?;
    }
    Ok(())
}
