//! What history records: the state of each item ([`Record`]) and of every
//! item in one week ([`Snapshot`]), taken from the portfolio.

use std::collections::HashMap;

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
