//! The portfolio as rows, one per item in file order, with filters: what
//! `stride list` prints and what views build on.
//!
//! [`each`] visits every item with its effective values and builds nothing;
//! [`rows`] collects them with their paths. Counting or filtering tens of
//! thousands of items goes through [`each`] (or [`select`]), so that paths
//! are built only for the items kept.

use std::io::{self, Write};

use chrono::NaiveDate;

use super::model::{ItemPath, ItemRef, Kind, Objective, Portfolio, Status};
use super::rollup::{effective_status, is_due_soon, overdue_days};
use super::text::{fit, percent, sanitize, width};

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

/// A [`Row`] without its path, which is built only when asked for.
#[derive(Clone, Copy, Debug)]
pub struct Item<'a> {
    /// The objective the item is in (or is).
    pub objective: &'a Objective,
    pub item: ItemRef<'a>,
    pub status: Status,
    pub percent: f64,
    pub due: Option<NaiveDate>,
    pub overdue_days: i64,
}

impl<'a> Item<'a> {
    fn new(objective: &'a Objective, item: ItemRef<'a>, percent: f64, today: NaiveDate) -> Self {
        let status = effective_status_of(item, percent);
        let due = item.fields().due;
        Item {
            objective,
            item,
            status,
            percent,
            due,
            overdue_days: overdue_days(due, status, today),
        }
    }

    pub fn path(&self) -> ItemPath {
        let o = &self.objective.id;
        match self.item {
            ItemRef::Objective(_) => ItemPath::objective(o),
            ItemRef::Project(p) => ItemPath::project(o, &p.id),
            ItemRef::Milestone(m, p) => ItemPath::milestone(o, &p.id, &m.id),
        }
    }

    /// The path as text, `o/p/m`: what `path().to_string()` gives.
    pub fn path_string(&self) -> String {
        let o = &self.objective.id;
        match self.item {
            ItemRef::Objective(_) => o.clone(),
            ItemRef::Project(p) => [o.as_str(), "/", &p.id].concat(),
            ItemRef::Milestone(m, p) => [o.as_str(), "/", &p.id, "/", &m.id].concat(),
        }
    }

    pub fn row(&self) -> Row<'a> {
        Row {
            path: self.path(),
            item: self.item,
            status: self.status,
            percent: self.percent,
            due: self.due,
            overdue_days: self.overdue_days,
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

/// The effective status for an effective percent: what `item.status()` gives.
fn effective_status_of(item: ItemRef<'_>, percent: f64) -> Status {
    effective_status(item.fields(), percent)
}

/// Calls `f` with every item of the portfolio in file order: each
/// objective, then each of its projects followed by its milestones. Each
/// percent is computed once: a project's from its milestones, an
/// objective's from its projects' (the same values, summed in the same
/// order, as [`Objective::percent`] gives).
pub fn each<'a>(p: &'a Portfolio, today: NaiveDate, mut f: impl FnMut(Item<'a>)) {
    for o in &p.objectives {
        each_in(o, today, &mut f);
    }
}

/// [`each`] for the items of one objective.
pub fn each_in<'a>(o: &'a Objective, today: NaiveDate, mut f: impl FnMut(Item<'a>)) {
    let project_percents: Vec<f64> = o.projects.iter().map(|pr| pr.percent()).collect();
    let opct = o.percent_with(&project_percents);
    f(Item::new(o, ItemRef::Objective(o), opct, today));
    for (pr, &ppct) in o.projects.iter().zip(&project_percents) {
        f(Item::new(o, ItemRef::Project(pr), ppct, today));
        for m in &pr.milestones {
            let mpct = m.percent(&pr.stages);
            f(Item::new(o, ItemRef::Milestone(m, pr), mpct, today));
        }
    }
}

/// Every item of the portfolio in file order: each objective, then each of
/// its projects followed by its milestones.
pub fn rows(p: &Portfolio, today: NaiveDate) -> Vec<Row<'_>> {
    let mut out = Vec::with_capacity(p.milestone_count() + p.objectives.len() * 8);
    each(p, today, |i| out.push(i.row()));
    out
}

/// The rows that `filter` keeps, in file order; paths are built only for them.
pub fn select<'a>(p: &'a Portfolio, today: NaiveDate, filter: &Filter) -> Vec<Row<'a>> {
    let mut out = Vec::new();
    each(p, today, |i| {
        if filter.matches_item(&i, today) {
            out.push(i.row());
        }
    });
    out
}

/// What the TUI's header counts: items overdue, due soon (and not
/// overdue), and blocked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub overdue: usize,
    pub due_soon: usize,
    pub blocked: usize,
}

impl Tally {
    /// The counts over one objective's items, and the objective's percent,
    /// in one pass: what an edit in it can change, to update the
    /// portfolio's counts without going through all.
    pub fn of_objective(o: &Objective, today: NaiveDate, due_soon_days: i64) -> (Tally, f64) {
        let mut t = Tally::default();
        let mut percent = 0.0;
        each_in(o, today, |i| {
            if let ItemRef::Objective(_) = i.item {
                percent = i.percent;
            }
            t.count(&i, today, due_soon_days);
        });
        (t, percent)
    }

    fn count(&mut self, i: &Item<'_>, today: NaiveDate, due_soon_days: i64) {
        if i.overdue_days > 0 {
            self.overdue += 1;
        } else if is_due_soon(i.due, i.status, today, due_soon_days) {
            self.due_soon += 1;
        }
        if i.status == Status::Blocked {
            self.blocked += 1;
        }
    }
}

impl std::ops::Add for Tally {
    type Output = Tally;

    fn add(self, o: Tally) -> Tally {
        Tally {
            overdue: self.overdue + o.overdue,
            due_soon: self.due_soon + o.due_soon,
            blocked: self.blocked + o.blocked,
        }
    }
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
        self.keeps(row.overdue_days, row.due, row.status, row.owner(), today)
    }

    /// [`Filter::matches`] for an item whose path is not built.
    pub fn matches_item(&self, item: &Item<'_>, today: NaiveDate) -> bool {
        self.keeps(
            item.overdue_days,
            item.due,
            item.status,
            item.owner(),
            today,
        )
    }

    fn keeps(
        &self,
        late_days: i64,
        due: Option<NaiveDate>,
        status: Status,
        owner: Option<&str>,
        today: NaiveDate,
    ) -> bool {
        let dated = match (self.overdue, self.due_within) {
            (false, None) => true,
            (late, within) => {
                (late && late_days > 0)
                    || within.is_some_and(|d| is_due_soon(due, status, today, d))
            }
        };
        dated
            && (self.statuses.is_empty() || self.statuses.contains(&status))
            && self
                .owner
                .as_deref()
                .is_none_or(|o| owner.is_some_and(|ro| ro.trim() == o.trim()))
    }
}

/// Writes rows as the aligned table of `stride list`: path, indented
/// title, status, percent, due, owner and days overdue.
pub fn write_table(rows: &[Row<'_>], out: &mut impl Write) -> io::Result<()> {
    let cells: Vec<Cells> = rows
        .iter()
        .map(|r| {
            cells(
                &r.path.to_string(),
                r.item,
                r.status,
                r.percent,
                r.due,
                r.overdue_days,
            )
        })
        .collect();
    write_cells(&cells, out)
}

/// The cells of one line of [`write_table`].
pub type Cells = [String; 7];

/// The cells of `item`'s line in [`write_table`].
pub fn item_cells(item: &Item<'_>) -> Cells {
    cells(
        &item.path_string(),
        item.item,
        item.status,
        item.percent,
        item.due,
        item.overdue_days,
    )
}

fn cells(
    path: &str,
    item: ItemRef<'_>,
    status: Status,
    pct: f64,
    due: Option<NaiveDate>,
    late_days: i64,
) -> Cells {
    let depth = match item.kind() {
        Kind::Objective => 0,
        Kind::Project => 1,
        Kind::Milestone => 2,
    };
    let f = item.fields();
    [
        sanitize(path, false).into_owned(),
        format!("{}{}", "  ".repeat(depth), sanitize(&f.title, false)),
        status.as_str().to_string(),
        format!("{}%", percent(pct)),
        due.map(|d| d.to_string()).unwrap_or_default(),
        sanitize(f.owner.as_deref().unwrap_or(""), false).into_owned(),
        if late_days > 0 {
            format!("{late_days}d")
        } else {
            String::new()
        },
    ]
}

/// Writes lines of cells as [`write_table`] does.
pub fn write_cells(cells: &[Cells], out: &mut impl Write) -> io::Result<()> {
    if cells.is_empty() {
        return writeln!(out, "no items match");
    }
    let header = [
        "PATH", "TITLE", "STATUS", "PERCENT", "DUE", "OWNER", "OVERDUE",
    ];
    // titles are capped so one long title cannot push the table off screen
    let caps = [48, 40, 11, 8, 10, 16, 8];
    let mut widths = header.map(width);
    for row in cells {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(c)).min(caps[i].max(width(header[i])));
        }
    }
    let right_aligned = [false, false, false, true, false, false, true];
    let mut line = String::new();
    let mut write_line = |cells: [&str; 7], out: &mut dyn Write| {
        line.clear();
        for (i, c) in cells.iter().enumerate() {
            let cell = fit(c, widths[i]);
            if right_aligned[i] {
                let pad = widths[i] - width(cell.trim_end());
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(cell.trim_end());
            } else {
                line.push_str(&cell);
            }
            if i + 1 < cells.len() {
                line.push_str("  ");
            }
        }
        writeln!(out, "{}", line.trim_end())
    };
    write_line(header, out)?;
    for row in cells {
        write_line(row.each_ref().map(String::as_str), out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn rows_hold_the_rolled_up_values_and_select_keeps_what_the_filter_keeps() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let p = crate::core::load_dir(&dir).unwrap();
        let today = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
        let all = rows(&p, today);
        assert!(all.len() > p.milestone_count());
        for r in &all {
            let item = p.get(&r.path).unwrap();
            assert_eq!(r.percent.to_bits(), item.percent().to_bits(), "{}", r.path);
            assert_eq!(r.status, item.status(), "{}", r.path);
        }
        let filter = Filter {
            overdue: true,
            due_within: Some(7),
            ..Filter::default()
        };
        let kept: Vec<ItemPath> = all
            .iter()
            .filter(|r| filter.matches(r, today))
            .map(|r| r.path.clone())
            .collect();
        let selected: Vec<ItemPath> = select(&p, today, &filter)
            .into_iter()
            .map(|r| r.path)
            .collect();
        assert!(!kept.is_empty());
        assert_eq!(kept, selected);
        let days = p.settings.due_soon_days;
        let mut t = Tally::default();
        each(&p, today, |i| t.count(&i, today, days));
        let by_objective = p
            .objectives
            .iter()
            .map(|o| Tally::of_objective(o, today, days))
            .fold(Tally::default(), |a, (b, _)| a + b);
        assert_eq!(t, by_objective);
        let percents: Vec<f64> = p
            .objectives
            .iter()
            .map(|o| Tally::of_objective(o, today, days).1)
            .collect();
        assert_eq!(p.percent_with(&percents), p.percent());
        assert_eq!(t.overdue, all.iter().filter(|r| r.overdue_days > 0).count());
        let mut strings = Vec::new();
        each(&p, today, |i| strings.push(i.path_string()));
        let paths: Vec<String> = all.iter().map(|r| r.path.to_string()).collect();
        assert_eq!(strings, paths);
    }
}
