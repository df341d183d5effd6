//! The weekly files of `history/`: their text (one line per item, so that
//! git diffs read well), reading them back, finding them, and writing this
//! week's.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use toml::de::DeTable;

use super::paths::{Paths, PathsBuilder};
use super::snapshot::{Record, Snapshot, snapshot_of};
use super::stage::Stages;
use crate::core::diag::{Diagnostic, Severity};
use crate::core::fsio;
use crate::core::model::{Portfolio, Status};
use crate::core::scalar::Scalar;
use crate::core::settings::parse_iso_week;

/// The folder of weekly files, inside the data folder.
pub const DIR: &str = "history";

/// A TOML string literal.
pub(super) fn quoted(s: &str) -> String {
    // what toml_edit writes for a string with nothing to escape, without
    // its formatting machinery (a history file quotes every item's path)
    if s.bytes()
        .all(|b| b > 0x1f && b != 0x7f && b != b'"' && b != b'\\')
    {
        return ["\"", s, "\""].concat();
    }
    toml_edit::Value::from(s).to_string()
}

/// The text of a weekly file: one line per item, so that git diffs read well.
pub fn render(s: &Snapshot) -> String {
    let mut out = String::with_capacity(s.len() * 96 + 256);
    let _ = writeln!(
        out,
        "# stride history: the last known state of every item in week {}.\n# Written by stride whenever it saves; keep it in git with the data.",
        s.week
    );
    let _ = writeln!(out, "week = {}", quoted(&s.week));
    if let Some(t) = s.taken {
        let _ = writeln!(out, "taken = {t}");
    }
    out.push_str("\n[items]\n");
    for (path, r) in s.iter() {
        item_line(&mut out, path, r);
    }
    if !s.metrics.is_empty() {
        out.push_str("\n[metrics]\n");
        for (path, v) in &s.metrics {
            metric_line(&mut out, path, *v);
        }
    }
    out
}

/// The line of one item in a weekly file.
pub(super) fn item_line(out: &mut String, path: &str, r: &Record) {
    let _ = write!(
        out,
        "{} = {{ percent = {}, status = \"{}\"",
        quoted(path),
        crate::core::text::percent(r.percent),
        r.status
    );
    if let Some(stage) = &r.stage {
        let _ = write!(out, ", stage = {}", quoted(stage));
    }
    if let Some(due) = r.due {
        let _ = write!(out, ", due = {due}");
    }
    out.push_str(" }\n");
}

/// The line of one metric's value in a weekly file.
pub(super) fn metric_line(out: &mut String, path: &str, v: f64) {
    let _ = writeln!(out, "{} = {v}", quoted(path));
}

/// Reads a weekly file. A malformed one is an error with its place.
pub fn parse(path: &Path, text: &str) -> Result<Snapshot, Diagnostic> {
    parse_like(path, text, None)
}

/// [`parse`], the table of paths `like`'s when the week's paths are those
/// of `like`, in order (as a week's are those of the week before, mostly).
pub(super) fn parse_like(
    path: &Path,
    text: &str,
    like: Option<&Arc<Paths>>,
) -> Result<Snapshot, Diagnostic> {
    let stem = path.file_stem().and_then(|s| s.to_str());
    if let Some(snap) = super::lines::parse_lines(stem, text, like) {
        return Ok(snap);
    }
    parse_toml(path, text, like)
}

/// Reads a weekly file as TOML: any file, with every problem's place.
pub(super) fn parse_toml(
    path: &Path,
    text: &str,
    like: Option<&Arc<Paths>>,
) -> Result<Snapshot, Diagnostic> {
    let err = |offset: usize, msg: String| Diagnostic::at(path, text, offset, Severity::Error, msg);
    let root = DeTable::parse(text).map_err(|e| {
        err(
            e.span().map_or(0, |s| s.start),
            format!("TOML syntax: {}", e.message().trim().replace('\n', "; ")),
        )
    })?;
    let root = root.get_ref();
    if let Some((span, msg)) = crate::core::scalar::problems(root, text).into_iter().next() {
        return Err(err(span.start, msg));
    }
    let week = root
        .get("week")
        .and_then(|w| w.get_ref().as_str())
        .map(String::from)
        .or_else(|| path.file_stem().and_then(|s| s.to_str()).map(String::from))
        .unwrap_or_default();
    let taken = root.get("taken").and_then(|t| t.get_ref().date());
    let mut records = Vec::new();
    let mut paths = PathsBuilder::new(like, 0);
    let mut stages = Stages::default();
    if let Some(table) = root.get("items") {
        let Some(table) = table.get_ref().as_table() else {
            return Err(err(table.span().start, "`items` must be a table".into()));
        };
        records.reserve(table.len());
        for (key, value) in table.iter() {
            let Some(t) = value.get_ref().as_table() else {
                return Err(err(
                    value.span().start,
                    format!("item `{}` must be a table", key.get_ref()),
                ));
            };
            let percent = t.get("percent").and_then(|v| v.get_ref().number());
            let status = t
                .get("status")
                .and_then(|v| v.get_ref().as_str())
                .and_then(Status::parse);
            let (Some(percent), Some(status)) = (percent, status) else {
                return Err(err(
                    value.span().start,
                    format!(
                        "item `{}` needs a numeric `percent` and a known `status`",
                        key.get_ref()
                    ),
                ));
            };
            let stage = t
                .get("stage")
                .and_then(|v| v.get_ref().as_str())
                .map(|s| stages.intern(s));
            let due = t.get("due").and_then(|v| v.get_ref().date());
            paths.push(key.get_ref());
            records.push(Record {
                percent,
                status,
                stage,
                due,
            });
        }
    }
    let mut snap = Snapshot::of_parts(week, taken, paths.finish(), records);
    if let Some(table) = root.get("metrics").and_then(|m| m.get_ref().as_table()) {
        for (key, value) in table.iter() {
            let Some(v) = value.get_ref().number().filter(|v| v.is_finite()) else {
                return Err(err(
                    value.span().start,
                    format!("metric `{}` needs a numeric value", key.get_ref()),
                ));
            };
            snap.metrics.push((key.get_ref().to_string(), v));
        }
    }
    Ok(snap)
}

/// The weekly files of a data folder, oldest first: `(week, path)`. Only
/// regular files (through links): a FIFO, a folder or a device named like
/// a week is left out here and reported by [`check`].
pub fn weeks(data: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = week_entries(data)
        .into_iter()
        .filter(|(_, path)| fsio::not_regular(path).is_none())
        .collect();
    out.sort_by_key(|(w, _)| parse_iso_week(w));
    out
}

/// Every entry of `history/` named like a weekly file, whatever it is.
fn week_entries(data: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(data.join(DIR)) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let week = name.strip_suffix(".toml")?;
            parse_iso_week(week)?;
            Some((week.to_string(), e.path()))
        })
        .collect()
}

/// Reads a weekly file as text: only a regular file, of a sane size.
pub(super) fn read(path: &Path) -> Result<String, Diagnostic> {
    match fsio::read_regular(path).map(String::from_utf8) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(_)) => Err(Diagnostic::whole_file(path, "the file is not valid UTF-8")),
        Err(e) => Err(Diagnostic::whole_file(
            path,
            format!("cannot read file: {e}"),
        )),
    }
}

/// Problems in every weekly file, for `stride check`; an entry named like
/// a weekly file that is not a regular file (a FIFO, a folder, a device, a
/// dangling link) is a warning, as it is skipped.
pub fn check(data: &Path) -> Vec<Diagnostic> {
    let mut entries = week_entries(data);
    entries.sort();
    entries
        .into_iter()
        .filter_map(|(_, path)| match fsio::not_regular(&path) {
            Some(what) => Some(Diagnostic {
                severity: Severity::Warning,
                ..Diagnostic::whole_file(&path, format!("skipped: {what}, not a regular file"))
            }),
            None => read(&path).and_then(|text| parse(&path, &text)).err(),
        })
        .collect()
}

/// Writes the state on disk as the file of `today`'s week, keeping the
/// records of objectives whose files did not load. Returns its path. The
/// state is `p` where its files are as `p` read them; files changed since
/// (a change no watcher reported, a link whose target changed), and files
/// that came or went, are read again first: history records what is on
/// disk, never a stale model.
pub fn record(p: &Portfolio, today: NaiveDate) -> std::io::Result<PathBuf> {
    let fresh = p.on_disk();
    let p = fresh.as_ref().unwrap_or(p);
    let mut snap = snapshot_of(p, today);
    let path = p.dir.join(DIR).join(format!("{}.toml", snap.week));
    let unloaded: Vec<String> = p
        .files
        .iter()
        .filter(|f| !f.loaded)
        .filter_map(|f| f.path.file_stem()?.to_str().map(String::from))
        .collect();
    if !unloaded.is_empty()
        && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
        && let Ok(text) = read(&path)
        && let Ok(old) = parse(&path, &text)
    {
        let owned = |(k, r): (&str, &Record)| (k.to_string(), r.clone());
        let items = snap
            .iter()
            .map(owned)
            .chain(
                old.iter()
                    .filter(|(k, _)| {
                        let objective = k.split('/').next().unwrap_or_default();
                        unloaded.iter().any(|u| u == objective)
                    })
                    .map(owned),
            )
            .collect();
        snap = Snapshot::new(snap.week, snap.taken, items);
    }
    // one writer at a time; the last one writes the newest state
    let _lock = fsio::lock(&p.dir, &path)?;
    let text = render(&snap);
    // (a link is never read here: its target may be anything)
    let linked = std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file());
    if !linked && read(&path).is_ok_and(|old| old == text) {
        return Ok(path);
    }
    // stride's own file: never through a link, never out of the folder
    fsio::write_own(&p.dir, &path, text.as_bytes())?;
    Ok(path)
}
