//! The screens besides the tree: the stand-up walkthrough, the overdue
//! review, the pipeline board, the operations view and the trend. Each holds only its
//! own position; the items come from the portfolio each time, so edits show
//! at once.

use std::time::Duration;

use chrono::NaiveDate;

use crate::core::listing::rows;
use crate::core::model::Metric;
use crate::core::model::{ItemPath, ItemRef, Portfolio};
use crate::core::ops::{Located, week_of};
use crate::core::rollup::is_due_soon;

/// Which screen has the keys when no overlay is open.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Screen {
    #[default]
    Tree,
    Standup(Standup),
    Overdue(Review),
    Board(Board),
    Ops(Ops),
    Trend(Trend),
}

/// The trend screen: the weekly percent of one item and its forecast.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    pub path: ItemPath,
}

/// The stand-up: the operations page (when there are metrics or
/// incidents), one project per page, then a summary page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Standup {
    /// The projects in file order.
    pub projects: Vec<ItemPath>,
    /// The page showing.
    pub page: Page,
    /// The operations page's position (the reported week, a selected row),
    /// when there is an operations page: metrics or incidents exist.
    pub ops: Option<Ops>,
    /// Time spent on the operations page.
    pub ops_spent: Duration,
    /// The selected milestone of the page's project (0 is the project itself,
    /// 1 its first milestone...).
    pub row: usize,
    /// Time spent on each project's page.
    pub spent: Vec<Duration>,
    /// Time since the meeting started.
    pub total: Duration,
    /// The summary page's lists, made when the page opens and again after
    /// a change (not every frame: at 100,000 items they take a while).
    pub summary: Option<Summary>,
    /// The first line shown of a page longer than the screen (the project
    /// page's milestones and texts, the summary), kept within the page
    /// when drawn.
    pub scroll: usize,
    /// The rows the page's scrolled part had when last drawn (0 before the
    /// first frame): how far a page goes, and what keeps the selected
    /// milestone on screen.
    pub height: usize,
}

/// A page of the stand-up, in the order they come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    /// Metrics and the week's incidents.
    Ops,
    /// The project at this index of [`Standup::projects`].
    Project(usize),
    /// What moved, what is late, blocked or stalled, and the time taken.
    #[default]
    Summary,
}

/// What the stand-up's summary lists, each line as shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub moved: Vec<String>,
    pub late: Vec<String>,
    pub blocked: Vec<String>,
    pub stalled: Vec<String>,
}

impl Standup {
    /// The walkthrough of `today`'s stand-up: it opens on the operations
    /// page of the reported week when there are metrics or incidents.
    pub fn new(p: &Portfolio, today: NaiveDate) -> Self {
        let projects = all_projects(p);
        let n = projects.len();
        let ops = has_operations(p).then(|| Ops::new(today));
        let page = if ops.is_some() {
            Page::Ops
        } else {
            Self::page_at(0, n)
        };
        Standup {
            projects,
            page,
            ops,
            spent: vec![Duration::ZERO; n],
            ..Standup::default()
        }
    }

    /// The page of project `i`, or the summary past the last project.
    fn page_at(i: usize, projects: usize) -> Page {
        if i < projects {
            Page::Project(i)
        } else {
            Page::Summary
        }
    }

    /// Whether the operations page is showing.
    pub fn on_ops(&self) -> bool {
        self.page == Page::Ops
    }

    /// Whether the summary page is showing.
    pub fn on_summary(&self) -> bool {
        self.page == Page::Summary
    }

    /// The operations page's position, when it is showing.
    pub fn ops_page(&self) -> Option<&Ops> {
        self.ops.as_ref().filter(|_| self.on_ops())
    }

    /// The project of the page, unless the operations or summary page shows.
    pub fn project(&self) -> Option<&ItemPath> {
        match self.page {
            Page::Project(i) => self.projects.get(i),
            _ => None,
        }
    }

    /// Project pages before this one (the summary counts as the page after
    /// the last project): what "page n of m" shows, less one.
    pub fn project_index(&self) -> usize {
        match self.page {
            Page::Project(i) => i,
            Page::Ops => 0,
            Page::Summary => self.projects.len(),
        }
    }

    pub fn next_page(&mut self) {
        self.page = match self.page {
            Page::Ops => Self::page_at(0, self.projects.len()),
            Page::Project(i) => Self::page_at(i + 1, self.projects.len()),
            Page::Summary => Page::Summary,
        };
        self.row = 0;
        self.scroll = 0;
    }

    pub fn prev_page(&mut self) {
        self.page = match self.page {
            Page::Ops => Page::Ops,
            Page::Project(0) | Page::Summary if self.ops.is_some() && self.project_index() == 0 => {
                Page::Ops
            }
            Page::Project(i) => Page::Project(i.saturating_sub(1)),
            Page::Summary => {
                Self::page_at(self.projects.len().saturating_sub(1), self.projects.len())
            }
        };
        self.row = 0;
        self.scroll = 0;
    }

    /// Counts time towards the current page and the meeting.
    pub fn tick(&mut self, d: Duration) {
        self.total += d;
        match self.page {
            Page::Ops => self.ops_spent += d,
            Page::Project(i) => {
                if let Some(s) = self.spent.get_mut(i) {
                    *s += d;
                }
            }
            Page::Summary => {}
        }
    }

    /// The selected item on the page: the project or one of its milestones.
    pub fn selected(&self, p: &Portfolio) -> Option<ItemPath> {
        let project = self.project()?;
        if self.row == 0 {
            return Some(project.clone());
        }
        let ItemRef::Project(pr) = p.get(project)? else {
            return None;
        };
        let m = pr.milestones.get(self.row - 1)?;
        Some(ItemPath::milestone(&project.objective, &pr.id, &m.id))
    }

    /// Moves the selection within the page.
    pub fn move_row(&mut self, p: &Portfolio, delta: isize) {
        if self.on_ops() {
            if let Some(o) = &mut self.ops {
                o.move_row(p, delta);
            }
            return;
        }
        let count = self
            .project()
            .and_then(|x| p.get(x))
            .map_or(0, |i| match i {
                ItemRef::Project(pr) => pr.milestones.len(),
                _ => 0,
            });
        let row = self.row.saturating_add_signed(delta).min(count);
        if delta == 0 {
            // kept on a milestone that exists, the page where it was
            self.row = row;
        } else if row == self.row {
            // past the first or last milestone, the page scrolls on
            self.scroll_by(delta);
        } else {
            self.row = row;
            self.follow_row();
        }
    }

    /// Scrolls the page by `delta` lines; drawing keeps it within the page.
    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta);
    }

    /// Scrolls the page by a screenful (less a line, which stays in view),
    /// down when `down`.
    pub fn scroll_page(&mut self, down: bool) {
        let page = self.height.saturating_sub(2).max(1) as isize;
        self.scroll_by(if down { page } else { -page });
    }

    /// Keeps the selected milestone's line (the `row`th of the page's
    /// scrolled part) and the line under it (its blocker) on screen; the
    /// last row of a page that scrolls says what more there is.
    fn follow_row(&mut self) {
        if self.height < 3 {
            return;
        }
        let rows = self.height - 1;
        if self.row < self.scroll {
            self.scroll = self.row;
        } else if self.row + 2 > self.scroll + rows {
            self.scroll = self.row + 2 - rows;
        }
    }

    /// Follows projects added or removed since the walkthrough began.
    pub fn refresh(&mut self, p: &Portfolio) {
        let current = self.project().cloned();
        let old: Vec<(ItemPath, Duration)> = self
            .projects
            .iter()
            .cloned()
            .zip(self.spent.iter().copied())
            .collect();
        self.projects = all_projects(p);
        self.spent = self
            .projects
            .iter()
            .map(|x| {
                old.iter()
                    .find(|(o, _)| o == x)
                    .map_or(Duration::ZERO, |(_, d)| *d)
            })
            .collect();
        let n = self.projects.len();
        if let Page::Project(i) = self.page {
            let at = current
                .and_then(|c| self.projects.iter().position(|x| *x == c))
                .unwrap_or(i.min(n));
            self.page = Self::page_at(at, n);
        }
        if let Some(o) = &mut self.ops {
            o.clamp(p);
        }
        self.move_row(p, 0);
    }
}

pub use crate::core::stats::has_operations;

fn all_projects(p: &Portfolio) -> Vec<ItemPath> {
    p.objectives
        .iter()
        .flat_map(|o| o.projects.iter().map(|pr| ItemPath::project(&o.id, &pr.id)))
        .collect()
}

/// The overdue review: the items of [`review_items`] when it opened.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Review {
    pub items: Vec<ItemPath>,
    pub selected: usize,
}

/// Overdue items, most overdue first, then items due soon by date.
pub fn review_items(p: &Portfolio, today: NaiveDate) -> Vec<ItemPath> {
    let all = rows(p, today);
    let mut late: Vec<_> = all.iter().filter(|r| r.overdue_days > 0).collect();
    late.sort_by_key(|r| std::cmp::Reverse(r.overdue_days));
    let mut soon: Vec<_> = all
        .iter()
        .filter(|r| {
            r.overdue_days == 0 && is_due_soon(r.due, r.status, today, p.settings.due_soon_days)
        })
        .collect();
    soon.sort_by_key(|r| r.due);
    late.into_iter()
        .chain(soon)
        .map(|r| r.path.clone())
        .collect()
}

/// The pipeline board of one project: a column per stage.
#[derive(Clone, Debug, PartialEq)]
pub struct Board {
    pub project: ItemPath,
    pub column: usize,
    pub card: usize,
}

impl Board {
    /// The milestones of each column (stage), by index into the project's
    /// milestones; milestones without a stage come first, in column 0's place
    /// of "not started".
    pub fn columns(&self, p: &Portfolio) -> Vec<Vec<usize>> {
        let Some(ItemRef::Project(pr)) = p.get(&self.project) else {
            return Vec::new();
        };
        let mut cols = vec![Vec::new(); pr.stages.len()];
        for (i, m) in pr.milestones.iter().enumerate() {
            let at = m
                .stage
                .as_deref()
                .and_then(|s| pr.stages.iter().position(|x| x == s))
                .unwrap_or(0);
            if let Some(c) = cols.get_mut(at) {
                c.push(i);
            }
        }
        cols
    }

    /// The selected card's milestone.
    pub fn selected(&self, p: &Portfolio) -> Option<ItemPath> {
        let cols = self.columns(p);
        let i = *cols.get(self.column)?.get(self.card)?;
        let ItemRef::Project(pr) = p.get(&self.project)? else {
            return None;
        };
        Some(ItemPath::milestone(
            &self.project.objective,
            &pr.id,
            &pr.milestones.get(i)?.id,
        ))
    }

    /// Moves the selection; `dc` columns and `dr` cards.
    pub fn step(&mut self, p: &Portfolio, dc: isize, dr: isize) {
        let cols = self.columns(p);
        if cols.is_empty() {
            return;
        }
        self.column = self.column.saturating_add_signed(dc).min(cols.len() - 1);
        let n = cols[self.column].len();
        self.card = self.card.saturating_add_signed(dr).min(n.saturating_sub(1));
    }

    /// Selects the card of `path`, wherever it now stands; for anything
    /// else, the first card of the first column that has one.
    pub fn follow(&mut self, p: &Portfolio, path: &ItemPath) {
        let Some(ItemRef::Project(pr)) = p.get(&self.project) else {
            return;
        };
        let Some(mi) = pr
            .milestones
            .iter()
            .position(|m| Some(&m.id) == path.milestone.as_ref())
        else {
            if let Some(c) = self.columns(p).iter().position(|c| !c.is_empty()) {
                self.column = c;
                self.card = 0;
            }
            return;
        };
        for (c, col) in self.columns(p).iter().enumerate() {
            if let Some(r) = col.iter().position(|&x| x == mi) {
                self.column = c;
                self.card = r;
            }
        }
    }
}

/// The operations view: the metrics against their targets, then the
/// incidents of one week (newest first) and those still open from before.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ops {
    /// The Monday of the week shown.
    pub week: NaiveDate,
    /// The selected row: the metrics first, then the incidents.
    pub row: usize,
}

/// What a row of the operations view shows.
#[derive(Clone, Debug)]
pub enum OpsRow<'a> {
    /// A metric, with its objective's id.
    Metric(&'a str, &'a Metric),
    Incident(Located<'a>),
}

impl Ops {
    /// The week the report of `today` covers, its first metric selected.
    pub fn new(today: NaiveDate) -> Self {
        Ops {
            week: Portfolio::reported_week(today),
            row: 0,
        }
    }

    pub fn metrics(p: &Portfolio) -> Vec<(&str, &Metric)> {
        p.metrics().collect()
    }

    /// The incidents shown: the week's, newest first, and any still open
    /// from before.
    pub fn incidents<'a>(&self, p: &'a Portfolio) -> Vec<Located<'a>> {
        p.incidents_of_week(self.week, true)
    }

    /// Rows: metrics, then incidents.
    pub fn len(&self, p: &Portfolio) -> usize {
        p.metrics().count() + self.incidents(p).len()
    }

    pub fn is_empty(&self, p: &Portfolio) -> bool {
        self.len(p) == 0
    }

    pub fn selected<'a>(&self, p: &'a Portfolio) -> Option<OpsRow<'a>> {
        let metrics = Ops::metrics(p);
        if let Some(&(o, m)) = metrics.get(self.row) {
            return Some(OpsRow::Metric(o, m));
        }
        self.incidents(p)
            .into_iter()
            .nth(self.row - metrics.len())
            .map(OpsRow::Incident)
    }

    pub fn move_row(&mut self, p: &Portfolio, delta: isize) {
        self.row = self.row.saturating_add_signed(delta);
        self.clamp(p);
    }

    /// Keeps the selection on a row that exists.
    pub fn clamp(&mut self, p: &Portfolio) {
        self.row = self.row.min(self.len(p).saturating_sub(1));
    }

    /// Shows the week `weeks` later (earlier when negative), never past the
    /// current one. A selected metric stays selected; otherwise the week's
    /// newest incident is.
    pub fn step_week(&mut self, p: &Portfolio, weeks: i64, today: NaiveDate) {
        let this_week = crate::core::settings::monday_of(today);
        let to = self.week + chrono::Duration::weeks(weeks);
        let to = to.min(this_week);
        if to == self.week {
            return;
        }
        self.week = to;
        let metrics = p.metrics().count();
        if self.row >= metrics {
            self.row = metrics;
        }
        self.clamp(p);
    }

    /// Selects the incident `index` of `objective`, showing its week if it
    /// is not among the incidents shown.
    pub fn follow(&mut self, p: &Portfolio, objective: &str, index: usize) {
        let find = |o: &Ops| {
            o.incidents(p)
                .iter()
                .position(|l| l.objective == objective && l.index == index)
        };
        if find(self).is_none() {
            let Some(i) = p
                .objectives
                .iter()
                .find(|o| o.id == objective)
                .and_then(|o| o.incidents.get(index))
            else {
                return self.clamp(p);
            };
            self.week = week_of(i.at);
        }
        if let Some(at) = find(self) {
            self.row = p.metrics().count() + at;
        }
        self.clamp(p);
    }
}
