//! What history records: the state of each item ([`Record`]) and of every
//! item in one week ([`Snapshot`]), taken from the portfolio.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;

use crate::core::listing::{Item, Row, each};
use crate::core::model::{ItemRef, Portfolio, Status};
use crate::core::settings::iso_week_name;

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
    index: PathIndex,
    /// Metric values by path (`objective/ID`), in file order.
    pub metrics: Vec<(String, f64)>,
}

impl Snapshot {
    pub fn new(week: String, taken: Option<NaiveDate>, items: Vec<(String, Record)>) -> Self {
        let index = PathIndex::of(&items);
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
        self.index
            .position(&self.items, path)
            .map(|i| &self.items[i].1)
    }

    /// How many different paths the items have.
    pub(super) fn distinct_paths(&self) -> usize {
        self.index.distinct
    }
}

/// Where each path is in the items, by a hash of the path: no second copy
/// of the paths (a week of 100,000 items would hold them twice). A path
/// given twice is found at its last place, as a map built in order would.
#[derive(Clone, Debug, Default, PartialEq)]
struct PathIndex {
    slots: HashMap<u64, u32, BuildHasherDefault<Passthrough>>,
    /// Items whose hash another path has: looked through, last first.
    collided: Vec<u32>,
    distinct: usize,
}

impl PathIndex {
    fn of(items: &[(String, Record)]) -> Self {
        let mut index = PathIndex {
            slots: HashMap::with_capacity_and_hasher(items.len(), Default::default()),
            ..PathIndex::default()
        };
        for (i, (path, _)) in items.iter().enumerate() {
            if index.position(items, path).is_none() {
                index.distinct += 1;
            }
            let i = i as u32;
            match index.slots.entry(fnv(path)) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(i);
                }
                std::collections::hash_map::Entry::Occupied(mut e) => {
                    if items[*e.get() as usize].0 == *path {
                        e.insert(i);
                    } else {
                        index.collided.push(i);
                    }
                }
            }
        }
        index
    }

    fn position(&self, items: &[(String, Record)], path: &str) -> Option<usize> {
        let at = |i: u32| (items[i as usize].0 == path).then_some(i as usize);
        match self.slots.get(&fnv(path)).and_then(|&i| at(i)) {
            Some(i) => Some(i),
            None => self.collided.iter().rev().find_map(|&i| at(i)),
        }
    }
}

/// FNV-1a, 64 bits: paths are short.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The hash of a `u64` key is the key.
#[derive(Default)]
struct Passthrough(u64);

impl Hasher for Passthrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
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
