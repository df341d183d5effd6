//! The report as JSON: whole, written out as it is made, or in the three
//! parts a report written as the files are read writes (`passes`): what comes before
//! the objectives, each objective's element, what comes after.

use std::io::{self, Write};

use super::data::{
    Late, ObjectiveReport, Operations, OtherReport, Plan, Report, ReportProblem, Stalled,
};
use super::sink::Sections;

/// The report as pretty-printed JSON, with a final line break.
pub fn json(r: &Report) -> serde_json::Result<String> {
    Ok(serde_json::to_string_pretty(r)? + "\n")
}

/// [`json`] written to `out` as it is made, each objective's element made
/// by `whole` in its turn and written before the next is made: the same
/// bytes, and the same parts as a report written as the files are read.
pub fn json_to<'a>(
    r: &Report<'a>,
    whole: Sections<'_, 'a>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.write_all(&json_head(r).map_err(io::Error::other)?)?;
    for i in 0..r.objectives.len() {
        out.write_all(json_separator(i))?;
        out.write_all(&json_objective(&whole(i)).map_err(io::Error::other)?)?;
    }
    json_tail(r, !r.objectives.is_empty(), out)
}

/// What goes before the `i`th objective's element in [`json`]'s list.
pub(super) fn json_separator(i: usize) -> &'static [u8] {
    if i == 0 { b"\n    " } else { b",\n    " }
}

/// The report's fields before its objectives, as [`json`] writes them.
#[derive(serde::Serialize)]
struct Head<'r, 'a> {
    iso_week: &'r str,
    week_number: u32,
    date: chrono::NaiveDate,
    percent: f64,
    delta: Option<f64>,
    operations: &'r Operations<'a>,
}

/// The report's fields after its objectives, as [`json`] writes them.
#[derive(serde::Serialize)]
struct Tail<'r, 'a> {
    overdue: &'r [Late<'a>],
    stalled: &'r [Stalled<'a>],
    next: &'r [Plan<'a>],
    others: &'r [OtherReport<'a>],
    problems: &'r [ReportProblem],
}

/// [`json`] up to the opening of its objectives' list.
pub(super) fn json_head(r: &Report) -> serde_json::Result<Vec<u8>> {
    let head = Head {
        iso_week: &r.iso_week,
        week_number: r.week_number,
        date: r.date,
        percent: r.percent,
        delta: r.delta,
        operations: &r.operations,
    };
    let mut out = serde_json::to_vec_pretty(&head)?;
    // the object left open: `\n}` off, the objectives' key on
    out.truncate(out.len() - 2);
    out.extend_from_slice(b",\n  \"objectives\": [");
    Ok(out)
}

/// One objective's element of [`json`]'s list, without what separates
/// it from the one before (`\n    `, then `,\n    `): its text at the
/// list's depth (a pretty-printed string never holds a line break, so
/// each line break is the layout's).
pub(super) fn json_objective(o: &ObjectiveReport) -> serde_json::Result<Vec<u8>> {
    let alone = serde_json::to_vec_pretty(o)?;
    let mut out = Vec::with_capacity(alone.len() + alone.len() / 8);
    for &b in &alone {
        out.push(b);
        if b == b'\n' {
            out.extend_from_slice(b"    ");
        }
    }
    Ok(out)
}

/// [`json`] after its objectives' elements (`any`: whether there were).
pub(super) fn json_tail(r: &Report, any: bool, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(if any { b"\n  ]," } else { b"]," })?;
    let tail = Tail {
        overdue: &r.overdue,
        stalled: &r.stalled,
        next: &r.next,
        others: &r.others,
        problems: &r.problems,
    };
    // the object's fields, written on after the objectives: its `{` off
    serde_json::to_writer_pretty(SkipFirst(out, true), &tail)?;
    out.write_all(b"\n")
}

/// A writer that drops the first byte written through it.
struct SkipFirst<'w>(&'w mut dyn Write, bool);

impl Write for SkipFirst<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.1 && !buf.is_empty() {
            self.1 = false;
            return self.0.write(&buf[1..]).map(|n| n + 1);
        }
        self.0.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
