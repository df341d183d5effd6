//! What history records: the state of each item ([`Record`]) and of every
//! item in one week ([`Snapshot`]), taken from the portfolio. A week holds
//! its records in the order of its table of paths ([`Paths`], shared with
//! the weeks of the same paths), stages shared ([`Stage`]).

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
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// The ISO week, like `2023-W25`.
    pub week: String,
    /// The day it was last written.
    pub taken: Option<NaiveDate>,
    /// The items' paths, in file order.
    paths: Arc<Paths>,
    /// The items' records, in the order of `paths`.
    records: Vec<Record>,
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
            records,
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
        self.paths.position(path).map(|i| &self.records[i])
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
        at.map(|i| &self.records[i])
    }

    /// Items by path, in file order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Record)> {
        self.paths.iter().zip(self.records.iter())
    }

    /// Items by path, in file order, their records to change.
    pub fn iter_mut(&mut self) -> impl ExactSizeIterator<Item = (&str, &mut Record)> {
        self.paths.iter().zip(self.records.iter_mut())
    }

    /// How many items there are.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The records, in the order of [`Snapshot::paths`].
    pub fn records(&self) -> &[Record] {
        &self.records
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
