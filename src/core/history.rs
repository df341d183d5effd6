//! Weekly history: one TOML file per ISO week in `history/`, holding the
//! last known state of every item that week, and what changed since.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};

use super::diag::{Diagnostic, Severity};
use super::listing::{Item, Row, each};
use super::model::{ItemRef, Portfolio, Status};
use super::settings::{iso_week_name, parse_iso_week};

/// The folder of weekly files, inside the data folder.
pub const DIR: &str = "history";

/// How many earlier weeks are read to find stalled items.
pub const WEEKS_READ: usize = 12;

/// The recorded state of one item.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub percent: f64,
    pub status: Status,
    pub stage: Option<String>,
    pub due: Option<NaiveDate>,
}

/// The state of every item in one week.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// The ISO week, like `2023-W25`.
    pub week: String,
    /// The day it was last written.
    pub taken: Option<NaiveDate>,
    /// Items by path, in file order.
    pub items: Vec<(String, Record)>,
    index: HashMap<String, usize>,
    /// Metric values by path (`objective/ID`), in file order.
    pub metrics: Vec<(String, f64)>,
}

impl Snapshot {
    pub fn new(week: String, taken: Option<NaiveDate>, items: Vec<(String, Record)>) -> Self {
        let index = items
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (p.clone(), i))
            .collect();
        Snapshot {
            week,
            taken,
            items,
            index,
            metrics: Vec::new(),
        }
    }

    /// The value of the metric at `path` that week.
    pub fn metric(&self, path: &str) -> Option<f64> {
        self.metrics
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, v)| *v)
    }

    pub fn get(&self, path: &str) -> Option<&Record> {
        self.index.get(path).map(|&i| &self.items[i].1)
    }
}

impl Record {
    /// The state of a listed item, as history records it.
    pub fn of(row: &Row<'_>) -> Record {
        Record::from_values(row.percent, row.status, row.item, row.due)
    }

    /// The state of an item, as history records it.
    pub fn of_item(item: &Item<'_>) -> Record {
        Record::from_values(item.percent, item.status, item.item, item.due)
    }

    fn from_values(
        percent: f64,
        status: Status,
        item: ItemRef<'_>,
        due: Option<NaiveDate>,
    ) -> Record {
        Record {
            percent: (percent * 100.0).round() / 100.0,
            status,
            stage: match item {
                ItemRef::Milestone(m, _) => m.stage.clone(),
                _ => None,
            },
            due,
        }
    }
}

/// The current state of the portfolio as a snapshot of `today`'s week.
pub fn snapshot_of(p: &Portfolio, today: NaiveDate) -> Snapshot {
    let mut items = Vec::with_capacity(p.milestone_count() + p.objectives.len() * 8);
    each(p, today, |i| {
        items.push((i.path_string(), Record::of_item(&i)))
    });
    let mut s = Snapshot::new(iso_week_name(today), Some(today), items);
    s.metrics = p
        .metrics()
        .map(|(o, m)| (format!("{o}/{}", m.id), m.value))
        .collect();
    s
}

/// A TOML string literal.
fn quoted(s: &str) -> String {
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
    let mut out = String::with_capacity(s.items.len() * 96 + 256);
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
    for (path, r) in &s.items {
        let _ = write!(
            out,
            "{} = {{ percent = {}, status = \"{}\"",
            quoted(path),
            super::text::percent(r.percent),
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
    if !s.metrics.is_empty() {
        out.push_str("\n[metrics]\n");
        for (path, v) in &s.metrics {
            let _ = writeln!(out, "{} = {v}", quoted(path));
        }
    }
    out
}

/// Reads a weekly file. A malformed one is an error with its place.
pub fn parse(path: &Path, text: &str) -> Result<Snapshot, Diagnostic> {
    let err = |offset: usize, msg: String| Diagnostic::at(path, text, offset, Severity::Error, msg);
    let root = DeTable::parse(text).map_err(|e| {
        err(
            e.span().map_or(0, |s| s.start),
            format!("TOML syntax: {}", e.message().trim().replace('\n', "; ")),
        )
    })?;
    let root = root.get_ref();
    let week = root
        .get("week")
        .and_then(|w| w.get_ref().as_str())
        .map(String::from)
        .or_else(|| path.file_stem().and_then(|s| s.to_str()).map(String::from))
        .unwrap_or_default();
    let taken = root.get("taken").and_then(|t| match t.get_ref() {
        DeValue::Datetime(dt) => dt
            .date
            .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())),
        _ => None,
    });
    let mut items = Vec::new();
    if let Some(table) = root.get("items") {
        let Some(table) = table.get_ref().as_table() else {
            return Err(err(table.span().start, "`items` must be a table".into()));
        };
        items.reserve(table.len());
        for (key, value) in table.iter() {
            let Some(t) = value.get_ref().as_table() else {
                return Err(err(
                    value.span().start,
                    format!("item `{}` must be a table", key.get_ref()),
                ));
            };
            let percent = match t.get("percent").map(|v| v.get_ref()) {
                Some(DeValue::Integer(i)) => i64::from_str_radix(i.as_str(), i.radix())
                    .ok()
                    .map(|n| n as f64),
                Some(DeValue::Float(f)) => f.as_str().parse::<f64>().ok(),
                _ => None,
            };
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
                .map(String::from);
            let due = t.get("due").and_then(|v| match v.get_ref() {
                DeValue::Datetime(dt) => dt.date.and_then(|d| {
                    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                }),
                _ => None,
            });
            items.push((
                key.get_ref().to_string(),
                Record {
                    percent,
                    status,
                    stage,
                    due,
                },
            ));
        }
    }
    let mut snap = Snapshot::new(week, taken, items);
    if let Some(table) = root.get("metrics").and_then(|m| m.get_ref().as_table()) {
        for (key, value) in table.iter() {
            let v = match value.get_ref() {
                DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                    .ok()
                    .map(|n| n as f64),
                DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
                _ => None,
            };
            let Some(v) = v.filter(|v| v.is_finite()) else {
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

/// The weekly files of a data folder, oldest first: `(week, path)`.
pub fn weeks(data: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(data.join(DIR)) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let week = name.strip_suffix(".toml")?;
            parse_iso_week(week)?;
            Some((week.to_string(), e.path()))
        })
        .collect();
    out.sort_by_key(|(w, _)| parse_iso_week(w));
    out
}

/// Problems in every weekly file, for `stride check`.
pub fn check(data: &Path) -> Vec<Diagnostic> {
    weeks(data)
        .into_iter()
        .filter_map(
            |(_, path)| match std::fs::read(&path).map(String::from_utf8) {
                Ok(Ok(text)) => parse(&path, &text).err(),
                Ok(Err(_)) => Some(Diagnostic::whole_file(&path, "the file is not valid UTF-8")),
                Err(e) => Some(Diagnostic::whole_file(
                    &path,
                    format!("cannot read file: {e}"),
                )),
            },
        )
        .collect()
}

/// Writes the current state as the file of `today`'s week, keeping the
/// records of objectives whose files did not load. Returns its path.
pub fn record(p: &Portfolio, today: NaiveDate) -> std::io::Result<PathBuf> {
    let mut snap = snapshot_of(p, today);
    let dir = p.dir.join(DIR);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{}.toml", snap.week));
    let unloaded: Vec<String> = p
        .files
        .iter()
        .filter(|f| !f.loaded)
        .filter_map(|f| f.path.file_stem()?.to_str().map(String::from))
        .collect();
    if !unloaded.is_empty()
        && let Ok(text) = std::fs::read_to_string(&path)
        && let Ok(old) = parse(&path, &text)
    {
        let mut items = std::mem::take(&mut snap.items);
        items.extend(old.items.into_iter().filter(|(k, _)| {
            let objective = k.split('/').next().unwrap_or_default();
            unloaded.iter().any(|u| u == objective)
        }));
        snap = Snapshot::new(snap.week, snap.taken, items);
    }
    // one writer at a time; the last one writes the newest state
    let _lock = super::save::lock(&path)?;
    let text = render(&snap);
    if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return Ok(path);
    }
    if path.exists() {
        super::save::write_atomic(&path, text.as_bytes())?;
    } else {
        // a new file: write it beside and rename, as for an existing one
        let tmp = dir.join(format!(".{}.stride-new.tmp", snap.week));
        std::fs::write(&tmp, text.as_bytes())?;
        std::fs::File::open(&tmp)?.sync_all()?;
        std::fs::rename(&tmp, &path)?;
    }
    Ok(path)
}

/// The earlier weeks, newest first, as read for "since last week".
#[derive(Clone, Debug, Default)]
pub struct History {
    /// Snapshots of weeks before the current one, newest first.
    pub earlier: Vec<Snapshot>,
    /// Weekly files that could not be read.
    pub problems: Vec<Diagnostic>,
}

/// What changed for one item since the newest earlier week.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Change {
    /// Percent now minus percent then; `None` when there is no earlier record.
    pub delta: Option<f64>,
    /// No record of the item in the newest earlier week (which exists).
    pub is_new: bool,
    /// The stage then, when it was another.
    pub stage_from: Option<String>,
    /// How many days the due date moved (later is positive).
    pub slip_days: Option<i64>,
    /// Weekly records in a row with the same percent, for an item in
    /// progress; 0 unless 2 or more.
    pub stalled_weeks: u32,
}

impl History {
    /// Reads up to [`WEEKS_READ`] weekly files of weeks before `today`'s.
    pub fn load(data: &Path, today: NaiveDate) -> History {
        Self::load_before(data, &iso_week_name(today))
    }

    /// [`History::load`] in two parts, each file read once: `newest` gets
    /// the newest earlier week (with any problem met on the way to it),
    /// which is all "since last week" needs (deltas, new items, stage
    /// moves, slips); the weeks after it, which stalls and sparklines need,
    /// are returned, to be put behind it with [`History::append`].
    pub fn load_in_two(data: &Path, today: NaiveDate, newest: impl FnOnce(History)) -> History {
        let mut newest = Some(newest);
        let mut h = History::default();
        Self::read_weeks(data, &iso_week_name(today), |read| {
            match read {
                Ok(s) => h.earlier.push(s),
                Err(d) => h.problems.push(d),
            }
            if !h.earlier.is_empty()
                && let Some(give) = newest.take()
            {
                give(std::mem::take(&mut h));
            }
        });
        if let Some(give) = newest.take() {
            // no earlier week at all
            give(std::mem::take(&mut h));
        }
        h
    }

    /// Puts the weeks of `older` (read after this one's) behind this one's.
    pub fn append(&mut self, older: History) {
        self.earlier.extend(older.earlier);
        self.problems.extend(older.problems);
    }

    /// Reads up to [`WEEKS_READ`] weekly files of weeks before `week`.
    pub fn load_before(data: &Path, week: &str) -> History {
        let mut h = History::default();
        Self::read_weeks(data, week, |read| match read {
            Ok(s) => h.earlier.push(s),
            Err(d) => h.problems.push(d),
        });
        h
    }

    /// Hands over each weekly file of a week before `week`, newest first,
    /// read or with its problem, until [`WEEKS_READ`] weeks are read.
    fn read_weeks(data: &Path, week: &str, mut each: impl FnMut(Result<Snapshot, Diagnostic>)) {
        let limit = parse_iso_week(week);
        let mut read = 0;
        for (w, path) in weeks(data).into_iter().rev() {
            if parse_iso_week(&w) >= limit {
                continue;
            }
            if read >= WEEKS_READ {
                break;
            }
            let text = match std::fs::read(&path).map(String::from_utf8) {
                Ok(Ok(t)) => t,
                Ok(Err(_)) => {
                    each(Err(Diagnostic::whole_file(
                        &path,
                        "the file is not valid UTF-8",
                    )));
                    continue;
                }
                Err(e) => {
                    each(Err(Diagnostic::whole_file(
                        &path,
                        format!("cannot read file: {e}"),
                    )));
                    continue;
                }
            };
            let parsed = parse(&path, &text);
            read += usize::from(parsed.is_ok());
            each(parsed);
        }
    }

    /// The newest earlier week, if any.
    pub fn previous(&self) -> Option<&Snapshot> {
        self.earlier.first()
    }

    /// What changed for the item at `path`, whose state is now `now`.
    pub fn change(&self, path: &str, now: &Record) -> Change {
        let Some(prev) = self.previous() else {
            return Change::default();
        };
        let Some(then) = prev.get(path) else {
            return Change {
                is_new: true,
                ..Change::default()
            };
        };
        let delta = (now.percent - then.percent).abs() >= 0.005;
        let open = matches!(
            now.status,
            Status::InProgress | Status::Blocked | Status::AtRisk
        );
        let same = self
            .earlier
            .iter()
            .take_while(|s| {
                s.get(path)
                    .is_some_and(|r| (r.percent - now.percent).abs() < 0.005)
            })
            .count() as u32;
        Change {
            delta: Some(if delta {
                ((now.percent - then.percent) * 100.0).round() / 100.0
            } else {
                0.0
            }),
            is_new: false,
            stage_from: match (&then.stage, &now.stage) {
                (Some(a), Some(b)) if a != b => Some(a.clone()),
                (Some(a), None) => Some(a.clone()),
                _ => None,
            },
            slip_days: match (then.due, now.due) {
                (Some(a), Some(b)) if a != b => Some((b - a).num_days()),
                _ => None,
            },
            stalled_weeks: if open && same >= 2 { same } else { 0 },
        }
    }
}

impl History {
    /// The change of a metric since the newest earlier week, if recorded.
    pub fn metric_delta(&self, path: &str, now: f64) -> Option<f64> {
        let then = self.previous()?.metric(path)?;
        Some(((now - then) * 1000.0).round() / 1000.0)
    }

    /// A metric's recorded values, oldest week first, then `now`: the points
    /// of its sparkline.
    pub fn metric_series(&self, path: &str, now: f64) -> Vec<f64> {
        let mut v: Vec<f64> = self
            .earlier
            .iter()
            .rev()
            .filter_map(|s| s.metric(path))
            .collect();
        v.push(now);
        v
    }
}

/// `▁▃▅█`: values as bars of eight heights, lowest to highest of the series.
pub fn sparkline(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    values
        .iter()
        .map(|&v| {
            if hi - lo < 1e-12 {
                BARS[3]
            } else {
                BARS[(((v - lo) / (hi - lo)) * 7.0).round() as usize]
            }
        })
        .collect()
}

/// `▲ 2.5`, `▼ 1`, `new`, or nothing when unchanged or unknown.
pub fn delta_label(c: &Change) -> String {
    if c.is_new {
        return "new".into();
    }
    match c.delta {
        Some(d) if d > 0.0 => format!("▲ {}", super::text::percent(d)),
        Some(d) if d < 0.0 => format!("▼ {}", super::text::percent(-d)),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(percent: f64, status: Status) -> Record {
        Record {
            percent,
            status,
            stage: None,
            due: None,
        }
    }

    fn snap(week: &str, items: &[(&str, Record)]) -> Snapshot {
        Snapshot::new(
            week.into(),
            None,
            items
                .iter()
                .map(|(p, r)| (p.to_string(), r.clone()))
                .collect(),
        )
    }

    #[test]
    fn render_and_parse_round_trip_with_chinese_and_quotes() {
        let mut r = rec(95.46, Status::Blocked);
        r.stage = Some("联调".into());
        r.due = NaiveDate::from_ymd_opt(2023, 6, 30);
        let s = Snapshot::new(
            "2023-W25".into(),
            NaiveDate::from_ymd_opt(2023, 6, 20),
            vec![
                ("o/p \"q\"/m".into(), r),
                ("o".into(), rec(50.0, Status::InProgress)),
            ],
        );
        let text = render(&s);
        assert!(text.contains("\"o\" = { percent = 50, status = \"in_progress\" }\n"));
        assert_eq!(parse(Path::new("h.toml"), &text).unwrap(), s);
    }

    #[test]
    fn strings_are_quoted_as_toml_edit_quotes_them() {
        for s in [
            "",
            "o1-business/p0001/m000001",
            "o1/联调 上线",
            "it's",
            "a\"b",
            "a\\b",
            "tab\there",
            "new\nline",
            "\u{7f}",
            "\u{1b}[2J",
        ] {
            assert_eq!(quoted(s), toml_edit::Value::from(s).to_string(), "{s:?}");
        }
    }

    #[test]
    fn malformed_files_name_their_place() {
        let e = parse(
            Path::new("h.toml"),
            "[items]\n\"o\" = { status = \"done\" }\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "h.toml:2:7: error: item `o` needs a numeric `percent` and a known `status`"
        );
        let e = parse(Path::new("h.toml"), "[items\n").unwrap_err();
        assert!(e.to_string().starts_with("h.toml:1:"), "{e}");
    }

    #[test]
    fn deltas_stage_moves_slips_and_stalls() {
        let mut then = rec(60.0, Status::InProgress);
        then.stage = Some("联调".into());
        then.due = NaiveDate::from_ymd_opt(2023, 6, 16);
        let h = History {
            earlier: vec![
                snap(
                    "2023-W24",
                    &[("a", then.clone()), ("s", rec(40.0, Status::InProgress))],
                ),
                snap("2023-W23", &[("s", rec(40.0, Status::InProgress))]),
                snap("2023-W22", &[("s", rec(30.0, Status::InProgress))]),
            ],
            problems: vec![],
        };
        let mut now = rec(80.0, Status::InProgress);
        now.stage = Some("上线".into());
        now.due = NaiveDate::from_ymd_opt(2023, 6, 23);
        let c = h.change("a", &now);
        assert_eq!(c.delta, Some(20.0));
        assert_eq!(c.stage_from.as_deref(), Some("联调"));
        assert_eq!(c.slip_days, Some(7));
        assert_eq!(c.stalled_weeks, 0);
        assert_eq!(delta_label(&c), "▲ 20");

        let s = h.change("s", &rec(40.0, Status::InProgress));
        assert_eq!((s.delta, s.stalled_weeks), (Some(0.0), 2));
        assert_eq!(delta_label(&s), "");
        // done items never stall
        assert_eq!(h.change("s", &rec(40.0, Status::Done)).stalled_weeks, 0);

        let n = h.change("b", &rec(10.0, Status::Todo));
        assert!(n.is_new && n.delta.is_none());
        assert_eq!(delta_label(&n), "new");
        assert_eq!(History::default().change("a", &now), Change::default());
        assert_eq!(
            delta_label(&h.change("a", &rec(57.5, Status::InProgress))),
            "▼ 2.5"
        );
    }
}
