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
use crate::core::load::map_dir_each;
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

/// One row of `--format json`, borrowing the item's texts: it is written
/// out as soon as it is made.
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

impl<'a> JsonRow<'a> {
    fn of(i: &Item<'a>, history: &History) -> Self {
        let path = i.path_string();
        let change = history.change(&path, &Record::of_item(i));
        JsonRow {
            path,
            kind: i.kind().as_str(),
            title: i.title(),
            status: i.status.as_str(),
            percent: (i.percent * 100.0).round() / 100.0,
            due: i.due.map(|d| d.to_string()),
            owner: i.owner(),
            overdue_days: i.overdue_days,
            delta: change.delta,
            stalled_weeks: change.stalled_weeks,
        }
    }
}

/// A line of output, made as soon as its objective is read.
enum Line {
    Table(Cells),
    /// An objective's rows of `--format json`, written out (see
    /// [`json_rows`]).
    Json(Vec<u8>),
    Csv(Vec<String>),
}

/// Appends `row` to `out` as an element of the pretty-printed JSON array
/// of rows, after a comma: `,` then the row on indented lines, exactly as
/// `serde_json::to_writer_pretty` writes an element of a `Vec` (JSON
/// strings hold no raw newline, so every newline is the printer's).
/// `scratch` is reused between rows.
fn json_row(row: &JsonRow<'_>, scratch: &mut Vec<u8>, out: &mut Vec<u8>) {
    scratch.clear();
    // serializing a struct of strings and numbers into memory cannot fail
    let _ = serde_json::to_writer_pretty(&mut *scratch, row);
    out.extend_from_slice(b",\n  ");
    for &b in scratch.iter() {
        out.push(b);
        if b == b'\n' {
            out.extend_from_slice(b"  ");
        }
    }
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
    // the output goes out in large writes, not a write per line
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    // JSON rows go out as each objective's turn comes, the first error kept
    let mut array = JsonArray::default();
    let mut written = Ok(());
    let mut kept = Vec::new();
    // each objective becomes the lines it shows as soon as it is read, and
    // is dropped: the whole portfolio is never in memory at once
    let files = map_dir_each(
        dir,
        |o| {
            let mut lines = Vec::new();
            // JSON rows are written out at once, into one buffer an objective
            let (mut json, mut scratch) = (Vec::new(), Vec::new());
            each_in(o, today, |i| {
                if filter.matches_item(&i, today) {
                    match (&history, args.format) {
                        (Some(h), _) => json_row(&JsonRow::of(&i, h), &mut scratch, &mut json),
                        (None, Format::Csv) => lines.push(Line::Csv(sheet::export::record(&i))),
                        (None, _) => lines.push(Line::Table(item_cells(&i))),
                    }
                }
            });
            if !json.is_empty() {
                lines.push(Line::Json(json));
            }
            lines
        },
        |lines| {
            for line in lines {
                match (line, &history) {
                    (Line::Json(chunk), Some(h)) => {
                        if written.is_ok() {
                            written = array.chunk(&chunk, h, &mut buffered);
                        }
                    }
                    (line, _) => kept.push(line),
                }
            }
        },
    )
    // the message of `data::load`
    .map_err(|e| {
        Failure::new(format!(
            "{e}\n  (give another folder with --data DIR or the STRIDE_DATA variable)"
        ))
    })?;
    let lines = kept.into_iter();
    let written = match (&history, args.format) {
        (Some(h), _) => written.and_then(|()| array.finish(h, &mut buffered)),
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

/// The rows, each objective's as [`json_row`] wrote them, written out as
/// one JSON array as they come: what `serde_json::to_writer_pretty` writes
/// for a `Vec` of the rows, without holding them.
#[derive(Default)]
struct JsonArray {
    /// `[` is written (with the history's warnings before it).
    started: bool,
    /// A row is written.
    any: bool,
}

impl JsonArray {
    fn start(&mut self, history: &History, out: &mut impl Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            for problem in &history.problems {
                eprintln!("stride: warning: {problem} (left out of the weekly changes)");
            }
            out.write_all(b"[")?;
        }
        Ok(())
    }

    /// Writes one objective's rows.
    fn chunk(&mut self, chunk: &[u8], history: &History, out: &mut impl Write) -> io::Result<()> {
        self.start(history, out)?;
        // the first row has no comma before it
        let skip = usize::from(!self.any && chunk.first() == Some(&b','));
        out.write_all(&chunk[skip..])?;
        self.any |= !chunk.is_empty();
        Ok(())
    }

    /// Ends the array (`[]` without a row).
    fn finish(&mut self, history: &History, out: &mut impl Write) -> io::Result<()> {
        self.start(history, out)?;
        if self.any {
            out.write_all(b"\n")?;
        }
        out.write_all(b"]")?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(path: &str, title: &'static str, owner: Option<&'static str>) -> JsonRow<'static> {
        JsonRow {
            path: path.to_string(),
            kind: "milestone",
            title,
            status: "in_progress",
            percent: 37.5,
            due: Some("2023-06-19".into()),
            owner,
            overdue_days: 1,
            delta: None,
            stalled_weeks: 2,
        }
    }

    /// The rows written an objective at a time, with objectives of no
    /// row between, are byte for byte what serde_json writes for the
    /// `Vec` of them; no row at all is `[]`.
    #[test]
    fn rows_written_in_chunks_are_serde_jsons_pretty_array() {
        let rows = [
            row("o/p/m1", "联调 \"quoted\"\nline", Some("王")),
            row("o/p/m2", "", None),
            row("q/p/m", "Go-live", Some("ann")),
        ];
        let mut scratch = Vec::new();
        let mut chunks = vec![Vec::new(), Vec::new(), Vec::new(), Vec::new()];
        json_row(&rows[0], &mut scratch, &mut chunks[1]);
        json_row(&rows[1], &mut scratch, &mut chunks[1]);
        json_row(&rows[2], &mut scratch, &mut chunks[3]);
        let (mut out, mut array, h) = (Vec::new(), JsonArray::default(), History::default());
        for chunk in &chunks {
            array.chunk(chunk, &h, &mut out).unwrap();
        }
        array.finish(&h, &mut out).unwrap();
        let expected = serde_json::to_string_pretty(&rows).unwrap() + "\n";
        assert_eq!(String::from_utf8(out).unwrap(), expected);

        let (mut empty, mut array) = (Vec::new(), JsonArray::default());
        array.chunk(&[], &h, &mut empty).unwrap();
        array.finish(&h, &mut empty).unwrap();
        let none: [JsonRow<'_>; 0] = [];
        assert_eq!(
            String::from_utf8(empty).unwrap(),
            serde_json::to_string_pretty(&none).unwrap() + "\n"
        );
    }
}
