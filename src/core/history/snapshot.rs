//! What history records: the state of each item ([`Record`]) and of every
//! item in one week ([`Snapshot`]), taken from the portfolio. A week holds
//! its records in the order of its table of paths ([`Paths`], shared with
//! the weeks of the same paths), stages shared ([`Stage`]); an earlier week
//! read after a newer one of the same paths holds only the records that
//! differ from that week's.

use std::sync::Arc;

use chrono::NaiveDate;

use super::paths::{Paths, PathsBuilder};
use super::stage::{Stage, Stages};
use crate::core::listing::{Item, Row, each};
use crate::core::model::{ItemRef, Portfolio, Status};
use crate::core::settings::iso_week_name;

/// The recorded state of one item.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub percent: f64,
    pub status: Status,
    pub stage: Option<Stage>,
    pub due: Option<NaiveDate>,
}

/// The state of every item in one week.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// The ISO week, like `2023-W25`.
    pub week: String,
    /// The day it was last written.
    pub taken: Option<NaiveDate>,
    /// The items' paths, in file order.
    paths: Arc<Paths>,
    /// The items' records, in the order of `paths`.
    records: Records,
    /// Metric values by path (`objective/ID`), in file order.
    pub metrics: Vec<(String, f64)>,
}

impl Snapshot {
    pub fn new(week: String, taken: Option<NaiveDate>, items: Vec<(String, Record)>) -> Self {
        let mut paths = PathsBuilder::new(None, items.len());
        let records = items
            .into_iter()
            .map(|(path, r)| {
                paths.push(&path);
                r
            })
            .collect();
        Snapshot::of_parts(week, taken, paths.finish(), records)
    }

    /// A week of `records`, one for each path of `paths`, in its order.
    pub(super) fn of_parts(
        week: String,
        taken: Option<NaiveDate>,
        paths: Arc<Paths>,
        records: Vec<Record>,
    ) -> Self {
        assert_eq!(paths.len(), records.len(), "one record a path");
        Snapshot {
            week,
            taken,
            paths,
            records: Records::All(Arc::new(records)),
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

    /// The record of the item at `path` (its last, if it is there twice).
    pub fn get(&self, path: &str) -> Option<&Record> {
        self.paths.position(path).map(|i| self.record(i))
    }

    /// The record of the item at `i`, in the order of [`Snapshot::paths`].
    pub fn record(&self, i: usize) -> &Record {
        match &self.records {
            Records::All(all) => &all[i],
            Records::Against { base, at, differ } => match at.binary_search(&(i as u32)) {
                Ok(k) => &differ[k],
                Err(_) => &base[i],
            },
        }
    }

    /// [`Snapshot::get`], taking the place found in a week of the same
    /// table from `last` (and leaving this week's there): a path looked up
    /// through weeks that share their paths is hashed once.
    pub(super) fn get_after(
        &self,
        path: &str,
        last: &mut Option<(*const Paths, Option<usize>)>,
    ) -> Option<&Record> {
        let table = Arc::as_ptr(&self.paths);
        let at = match *last {
            Some((t, at)) if t == table => at,
            _ => {
                let at = self.paths.position(path);
                *last = Some((table, at));
                at
            }
        };
        at.map(|i| self.record(i))
    }

    /// Items by path, in file order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Record)> {
        self.paths
            .iter()
            .enumerate()
            .map(|(i, p)| (p, self.record(i)))
    }

    /// Items by path, in file order, their records to change (the week
    /// then holds all its records, its own).
    pub fn iter_mut(&mut self) -> impl ExactSizeIterator<Item = (&str, &mut Record)> {
        let all: Vec<Record> = (0..self.len()).map(|i| self.record(i).clone()).collect();
        self.records = Records::All(Arc::new(all));
        let Records::All(all) = &mut self.records else {
            unreachable!("just made")
        };
        self.paths.iter().zip(Arc::make_mut(all).iter_mut())
    }

    /// How many items there are.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// Whether this week holds only the records that differ from those of
    /// a week read before it, and how many those are.
    pub fn differing(&self) -> Option<usize> {
        match &self.records {
            Records::All(_) => None,
            Records::Against { at, .. } => Some(at.len()),
        }
    }

    /// What an earlier week read after this one is held against: this
    /// week's table and the whole records it has or is held against.
    pub(super) fn base(&self) -> Base {
        let records = match &self.records {
            Records::All(all) => Arc::clone(all),
            Records::Against { base, .. } => Arc::clone(base),
        };
        Base {
            paths: Arc::clone(&self.paths),
            records,
        }
    }

    /// Holds only the records that differ from `base`'s, when this week has
    /// the same table of paths and at most half of them differ.
    pub(super) fn hold_against(&mut self, base: &Base) {
        let Records::All(all) = &self.records else {
            return;
        };
        if !Arc::ptr_eq(&self.paths, &base.paths) || Arc::ptr_eq(all, &base.records) {
            return;
        }
        let mut at = Vec::new();
        for (i, (r, b)) in all.iter().zip(base.records.iter()).enumerate() {
            if r != b {
                if at.len() >= all.len() / 2 {
                    return;
                }
                at.push(i as u32);
            }
        }
        let differ = at.iter().map(|&i| all[i as usize].clone()).collect();
        self.records = Records::Against {
            base: Arc::clone(&base.records),
            at,
            differ,
        };
    }

    /// The table of the items' paths: weeks of the same paths share one.
    pub fn paths(&self) -> &Arc<Paths> {
        &self.paths
    }

    /// How many different paths the items have.
    pub(super) fn distinct_paths(&self) -> usize {
        self.paths.distinct()
    }
}

impl PartialEq for Snapshot {
    fn eq(&self, other: &Self) -> bool {
        self.week == other.week
            && self.taken == other.taken
            && self.paths == other.paths
            && self.metrics == other.metrics
            && (0..self.len()).all(|i| self.record(i) == other.record(i))
    }
}

/// The records of a week, in the order of its paths.
#[derive(Clone, Debug)]
enum Records {
    /// Every record.
    All(Arc<Vec<Record>>),
    /// The records of `base` (a week of the same paths) but at the places
    /// `at` (in order), where they are `differ`.
    Against {
        base: Arc<Vec<Record>>,
        at: Vec<u32>,
        differ: Vec<Record>,
    },
}

impl Default for Records {
    fn default() -> Self {
        Records::All(Arc::default())
    }
}

/// A week's table of paths and its whole records, for the weeks read
/// after it to be held against.
#[derive(Clone)]
pub(super) struct Base {
    paths: Arc<Paths>,
    records: Arc<Vec<Record>>,
}

impl Base {
    pub(super) fn paths(&self) -> &Arc<Paths> {
        &self.paths
    }
}

impl Record {
    /// The state of a listed item, as history records it.
    pub fn of(row: &Row<'_>) -> Record {
        Record::from_values(row.percent, row.status, row.item, row.due, None)
    }

    /// The state of an item, as history records it.
    pub fn of_item(item: &Item<'_>) -> Record {
        Record::from_values(item.percent, item.status, item.item, item.due, None)
    }

    fn from_values(
        percent: f64,
        status: Status,
        item: ItemRef<'_>,
        due: Option<NaiveDate>,
        stages: Option<&mut Stages>,
    ) -> Record {
        let stage = match item {
            ItemRef::Milestone(m, _) => m.stage.as_deref(),
            _ => None,
        };
        Record {
            percent: (percent * 100.0).round() / 100.0,
            status,
            stage: stage.map(|s| match stages {
                Some(stages) => stages.intern(s),
                None => Stage::from(s),
            }),
            due,
        }
    }
}

/// The current state of the portfolio as a snapshot of `today`'s week.
pub fn snapshot_of(p: &Portfolio, today: NaiveDate) -> Snapshot {
    let n = p.milestone_count() + p.objectives.len() * 8;
    let (mut paths, mut records) = (PathsBuilder::new(None, n), Vec::with_capacity(n));
    let mut stages = Stages::default();
    each(p, today, |i| {
        paths.push(&i.path_string());
        records.push(Record::from_values(
            i.percent,
            i.status,
            i.item,
            i.due,
            Some(&mut stages),
        ));
    });
    records.shrink_to_fit();
    let mut s = Snapshot::of_parts(iso_week_name(today), Some(today), paths.finish(), records);
    s.metrics = p
        .metrics()
        .map(|(o, m)| (format!("{o}/{}", m.id), m.value))
        .collect();
    s
}
