//! The fast reader of a weekly file: one pass over the lines `render`
//! writes, typed as it goes, with no TOML document in between.
//!
//! It accepts only a strict subset of TOML, the exact shape `render` writes
//! (comments, `week`, `taken`, `[items]` with one inline table per line with
//! its keys in order, `[metrics]`), and gives up (`None`) on anything else:
//! an escaped string, another spacing, an unknown key or status, a number
//! TOML would read otherwise, a key twice. The caller then reads the file
//! as TOML, which gives the same snapshot or the error with its place, so
//! a file the fast reader accepts reads exactly as the TOML reader reads it.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::NaiveDate;

use super::paths::{Paths, PathsBuilder};
use super::snapshot::{Record, Snapshot};
use super::stage::Stages;
use crate::core::model::Status;

/// The snapshot of a weekly file in the shape `render` writes, or `None`
/// for the TOML reader to decide. Its table of paths is `like`'s when its
/// paths are those of `like`, in order.
pub(super) fn parse_lines(
    stem: Option<&str>,
    text: &str,
    like: Option<&Arc<Paths>>,
) -> Option<Snapshot> {
    #[derive(PartialEq)]
    enum Section {
        Root,
        Items,
        Metrics,
    }
    let mut section = Section::Root;
    let (mut week, mut taken) = (None, None);
    let (mut seen_items, mut seen_metrics) = (false, false);
    // one item a line: the lines are counted rather than guessed from the
    // size, as a vector of 100,000 records grown by doubling holds up to
    // twice what it needs
    let lines = text.bytes().filter(|&b| b == b'\n').count();
    let mut records: Vec<Record> = Vec::with_capacity(lines);
    let mut paths = PathsBuilder::new(like, lines);
    let mut stages = Stages::default();
    let mut metrics: Vec<(String, f64)> = Vec::new();
    for line in text.split('\n') {
        if line.is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            // TOML allows a tab in a comment, no other control character
            if comment
                .bytes()
                .any(|b| (b < 0x20 && b != b'\t') || b == 0x7f)
            {
                return None;
            }
            continue;
        }
        match line {
            "[items]" if !seen_items => {
                (section, seen_items) = (Section::Items, true);
                continue;
            }
            "[metrics]" if !seen_metrics => {
                (section, seen_metrics) = (Section::Metrics, true);
                continue;
            }
            _ => {}
        }
        match section {
            Section::Root => {
                if let Some(rest) = line.strip_prefix("week = ")
                    && week.is_none()
                {
                    let (w, rest) = string(rest)?;
                    if !rest.is_empty() {
                        return None;
                    }
                    week = Some(w);
                } else if let Some(rest) = line.strip_prefix("taken = ")
                    && taken.is_none()
                {
                    taken = Some(date(rest)?);
                } else {
                    return None;
                }
            }
            Section::Items => {
                let (path, r) = item(line, &mut stages)?;
                paths.push(path);
                records.push(r);
            }
            Section::Metrics => {
                let (key, rest) = string(line)?;
                let v = number(rest.strip_prefix(" = ")?)?;
                metrics.push((key.to_string(), v));
            }
        }
    }
    let week = week.or(stem)?.to_string();
    let n = records.len();
    records.shrink_to_fit();
    let mut snap = Snapshot::of_parts(week, taken, paths.finish(), records);
    // a key twice is an error for TOML: let it say so
    if snap.distinct_paths() != n {
        return None;
    }
    let mut keys = HashSet::with_capacity(metrics.len());
    if !metrics.iter().all(|(k, _)| keys.insert(k.as_str())) {
        return None;
    }
    snap.metrics = metrics;
    Some(snap)
}

/// `"path" = { percent = 1.5, status = "done"[, stage = "s"][, due = D] }`
fn item<'l>(line: &'l str, stages: &mut Stages) -> Option<(&'l str, Record)> {
    let (path, rest) = string(line)?;
    let rest = rest.strip_prefix(" = { percent = ")?;
    let end = rest.find(',')?;
    let percent = number(&rest[..end])?;
    let (status, mut rest) = string(rest[end..].strip_prefix(", status = ")?)?;
    let status = Status::parse(status)?;
    let mut stage = None;
    if let Some(r) = rest.strip_prefix(", stage = ") {
        let (s, r) = string(r)?;
        stage = Some(stages.intern(s));
        rest = r;
    }
    let mut due = None;
    if let Some(r) = rest.strip_prefix(", due = ") {
        due = Some(date(r.get(..10)?)?);
        rest = &r[10..];
    }
    if rest != " }" {
        return None;
    }
    Some((
        path,
        Record {
            percent,
            status,
            stage,
            due,
        },
    ))
}

/// A basic string with nothing escaped at the start of `s`, and what follows.
fn string(s: &str) -> Option<(&str, &str)> {
    let s = s.strip_prefix('"')?;
    let end = s.find('"')?;
    let inner = &s[..end];
    if inner
        .bytes()
        .any(|b| b == b'\\' || (b < 0x20 && b != b'\t') || b == 0x7f)
    {
        return None;
    }
    Some((inner, &s[end + 1..]))
}

/// `YYYY-MM-DD`, a real day.
fn date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| s[r].parse().ok())?
    };
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// A decimal integer or float as `render` writes them (`-12`, `47.02`),
/// read as TOML reads it: an integer must fit in 64 bits, no leading zero.
fn number(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let plain = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    if !plain(int) || (int.len() > 1 && int.starts_with('0')) || !frac.is_none_or(plain) {
        return None;
    }
    match frac {
        None => s.parse::<i64>().ok().map(|i| i as f64),
        Some(_) => s.parse::<f64>().ok().filter(|v| v.is_finite()),
    }
}
