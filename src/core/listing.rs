//! The portfolio as rows, one per item in file order, with filters: what
//! `stride list` prints and what views build on.

use chrono::NaiveDate;

use super::model::{ItemPath, ItemRef, Kind, Portfolio, Status};
use super::rollup::{is_due_soon, overdue_days};

/// One item with its effective values as of a given day.
#[derive(Clone, Debug)]
pub struct Row<'a> {
    pub path: ItemPath,
    pub item: ItemRef<'a>,
    pub status: Status,
    pub percent: f64,
    pub due: Option<NaiveDate>,
    pub overdue_days: i64,
}

impl<'a> Row<'a> {
    fn new(path: ItemPath, item: ItemRef<'a>, today: NaiveDate) -> Self {
        let percent = item.percent();
        let status = item.status_with(percent);
        let due = item.fields().due;
        Row {
            path,
            item,
            status,
            percent,
            due,
            overdue_days: overdue_days(due, status, today),
        }
    }

    pub fn kind(&self) -> Kind {
        self.item.kind()
    }

    pub fn title(&self) -> &'a str {
        &self.item.fields().title
    }

    pub fn owner(&self) -> Option<&'a str> {
        self.item.fields().owner.as_deref()
    }
}

/// Every item of the portfolio in file order: each objective, then each of
/// its projects followed by its milestones.
pub fn rows(p: &Portfolio, today: NaiveDate) -> Vec<Row<'_>> {
    let mut out = Vec::with_capacity(p.milestone_count() + p.objectives.len() * 8);
    for o in &p.objectives {
        out.push(Row::new(
            ItemPath::objective(&o.id),
            ItemRef::Objective(o),
            today,
        ));
        for pr in &o.projects {
            out.push(Row::new(
                ItemPath::project(&o.id, &pr.id),
                ItemRef::Project(pr),
                today,
            ));
            for m in &pr.milestones {
                out.push(Row::new(
                    ItemPath::milestone(&o.id, &pr.id, &m.id),
                    ItemRef::Milestone(m, pr),
                    today,
                ));
            }
        }
    }
    out
}

/// Which rows to keep. Empty filters keep everything; the filters combine
/// with "and", except `overdue` and `due_within`, which combine with "or"
/// (late, or due soon).
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub overdue: bool,
    pub due_within: Option<i64>,
    pub statuses: Vec<Status>,
    pub owner: Option<String>,
}

impl Filter {
    pub fn matches(&self, row: &Row<'_>, today: NaiveDate) -> bool {
        let dated = match (self.overdue, self.due_within) {
            (false, None) => true,
            (late, within) => {
                (late && row.overdue_days > 0)
                    || within.is_some_and(|d| is_due_soon(row.due, row.status, today, d))
            }
        };
        dated
            && (self.statuses.is_empty() || self.statuses.contains(&row.status))
            && self
                .owner
                .as_deref()
                .is_none_or(|o| row.owner().is_some_and(|ro| ro.trim() == o.trim()))
    }
}
