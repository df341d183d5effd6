//! The earlier weeks read back ([`History`]) and how each item moved since
//! ([`Movement`]): deltas, new items, stage moves, slips and stalls; shown
//! as sparklines and delta labels.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use super::file::{parse_like, weeks};
use super::snapshot::{Base, Record, Snapshot};
use crate::core::diag::Diagnostic;
use crate::core::model::Status;
use crate::core::settings::{iso_week_name, parse_iso_week};
use crate::core::text;

/// How many earlier weeks are read to find stalled items.
pub const WEEKS_READ: usize = 12;

/// The earlier weeks, newest first, as read for "since last week".
#[derive(Clone, Debug, Default)]
pub struct History {
    /// Snapshots of weeks before the current one, newest first.
    pub earlier: Vec<Snapshot>,
    /// Weekly files that could not be read.
    pub problems: Vec<Diagnostic>,
}

/// How one item moved since the newest earlier week: its percent, stage
/// and due date then and now, and how long it has stood still.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Movement {
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
            true
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
        Self::read_weeks(data, week, |read| {
            match read {
                Ok(s) => h.earlier.push(s),
                Err(d) => h.problems.push(d),
            }
            true
        });
        h
    }

    /// Hands over each weekly file of a week before `week`, newest first,
    /// read or with its problem, until [`WEEKS_READ`] weeks are read or
    /// `each` says no more are needed. A week with the paths of the week
    /// read before it, in the same order, shares its table of paths, and
    /// holds only the records that differ from that week's.
    fn read_weeks(
        data: &Path,
        week: &str,
        mut each: impl FnMut(Result<Snapshot, Diagnostic>) -> bool,
    ) {
        let limit = parse_iso_week(week);
        let mut read = 0;
        let mut last: Option<Base> = None;
        for (w, path) in weeks(data).into_iter().rev() {
            if parse_iso_week(&w) >= limit {
                continue;
            }
            if read >= WEEKS_READ {
                break;
            }
            let text = match super::file::read(&path) {
                Ok(t) => t,
                Err(d) => {
                    if each(Err(d)) {
                        continue;
                    }
                    break;
                }
            };
            let mut parsed = parse_like(&path, &text, last.as_ref().map(Base::paths));
            drop(text);
            if let Ok(s) = &mut parsed {
                if let Some(base) = &last {
                    s.hold_against(base);
                }
                last = Some(s.base());
            }
            read += usize::from(parsed.is_ok());
            if !each(parsed) {
                break;
            }
        }
        if read > 0 {
            // the weekly texts read and dropped leave free pages resident
            // (28 MiB for 12 weeks at 100,000 items)
            crate::core::memory::give_back();
        }
    }

    /// What "since last week" needs of the weeks before `today`'s, and no
    /// more: the newest earlier week (deltas, new items, stage moves,
    /// slips), then older weeks only while some item could still be
    /// stalled through them, that is while some item kept the same percent
    /// (within the 0.005 of [`History::change`], twice) in every week read.
    /// [`History::change`] gives what it gives with [`History::load`]; a
    /// week not needed is not read, so a problem in it is not reported.
    pub fn load_for_changes(data: &Path, today: NaiveDate) -> History {
        let mut h = History::default();
        // (index in the newest earlier week, its percent)
        let mut running: Vec<(usize, f64)> = Vec::new();
        Self::read_weeks(data, &iso_week_name(today), |read| match read {
            Err(d) => {
                h.problems.push(d);
                true
            }
            Ok(s) => {
                match h.earlier.first() {
                    None => running = (0..s.len()).map(|i| (i, s.record(i).percent)).collect(),
                    // the same paths: the same places
                    Some(first) if Arc::ptr_eq(first.paths(), s.paths()) => {
                        running.retain(|&(i, p)| (s.record(i).percent - p).abs() < 0.01)
                    }
                    Some(first) => running.retain(|&(i, p)| {
                        s.get(first.paths().path(i))
                            .is_some_and(|r| (r.percent - p).abs() < 0.01)
                    }),
                }
                h.earlier.push(s);
                !running.is_empty()
            }
        });
        h
    }

    /// The newest earlier week, if any.
    pub fn previous(&self) -> Option<&Snapshot> {
        self.earlier.first()
    }

    /// What changed for the item at `path`, whose state is now `now`.
    pub fn change(&self, path: &str, now: &Record) -> Movement {
        let Some(prev) = self.previous() else {
            return Movement::default();
        };
        let Some(then) = prev.get(path) else {
            return Movement {
                is_new: true,
                ..Movement::default()
            };
        };
        let delta = (now.percent - then.percent).abs() >= 0.005;
        let open = matches!(
            now.status,
            Status::InProgress | Status::Blocked | Status::AtRisk
        );
        // (weeks that share their paths share the place found)
        let mut last = None;
        let same = self
            .earlier
            .iter()
            .take_while(|s| {
                s.get_after(path, &mut last)
                    .is_some_and(|r| (r.percent - now.percent).abs() < 0.005)
            })
            .count() as u32;
        Movement {
            delta: Some(if delta {
                ((now.percent - then.percent) * 100.0).round() / 100.0
            } else {
                0.0
            }),
            is_new: false,
            stage_from: match (&then.stage, &now.stage) {
                (Some(a), Some(b)) if a != b => Some(a.to_string()),
                (Some(a), None) => Some(a.to_string()),
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
pub fn delta_label(c: &Movement) -> String {
    if c.is_new {
        return "new".into();
    }
    match c.delta {
        Some(d) if d > 0.0 => format!("▲ {}", text::percent(d)),
        Some(d) if d < 0.0 => format!("▼ {}", text::percent(-d)),
        _ => String::new(),
    }
}
