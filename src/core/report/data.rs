//! The weekly report as data: what `build` fills in and `render` writes as
//! Markdown or JSON.

use chrono::NaiveDate;
use serde::Serialize;

use crate::core::model::{Grade, Status};
use crate::core::ops::GradeCounts;

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct Report<'a> {
    /// The ISO week, like `2023-W25`.
    pub iso_week: String,
    /// The week number as the team counts (`week_numbering`).
    pub week_number: u32,
    /// The day the report is as of.
    pub date: NaiveDate,
    pub percent: f64,
    pub delta: Option<f64>,
    /// How the system ran: metrics, and the incidents of the week just past.
    pub operations: Operations<'a>,
    pub objectives: Vec<ObjectiveReport<'a>>,
    pub overdue: Vec<Late<'a>>,
    pub stalled: Vec<Stalled<'a>>,
    pub next: Vec<Plan<'a>>,
    /// The free items of the week outside the projects (`[[other]]` with a
    /// `title`): the report's 其他 (Other).
    pub others: Vec<OtherReport<'a>>,
    /// Files that could not be read, so readers know the report is partial.
    pub problems: Vec<ReportProblem>,
}

/// What readers of a report must know about its data: it is partial, or
/// from a past week. `Display` is the English; JSON holds that text.
#[derive(Clone, Debug, thiserror::Error)]
pub enum ReportProblem {
    /// A data file that did not load.
    #[error("{} did not load and is left out", .0.display())]
    NotLoaded(std::path::PathBuf),
    /// An entry named like a data file that is not a file to read (a
    /// folder, a FIFO, a device).
    #[error("{} is not a regular file and is left out", .0.display())]
    NotAFile(std::path::PathBuf),
    /// A history file with a problem.
    #[error("{0}")]
    History(crate::core::diag::Diagnostic),
    /// A past week's report, from its history file (`2023-W24`).
    #[error(
        "week {0} from its history file: percents, statuses, stages and due dates as recorded then; texts and counts are not kept in history"
    )]
    PastWeek(String),
}

impl Serialize for ReportProblem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The operations section: 系统运行数据 and 生产稳定性事件.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Operations<'a> {
    pub metrics: Vec<MetricReport<'a>>,
    /// The ISO week whose incidents are listed (the week just past).
    pub incident_week: String,
    pub counts: GradeCounts,
    /// That week's incidents, and any still open, oldest first (as the
    /// team writes them).
    pub incidents: Vec<IncidentReport<'a>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MetricReport<'a> {
    pub path: String,
    pub title: &'a str,
    pub value: f64,
    pub target: Option<f64>,
    pub unit: Option<&'a str>,
    pub met: Option<bool>,
    pub delta: Option<f64>,
    /// The recorded values, oldest week first, ending with `value`: the
    /// points of its trend.
    pub series: Vec<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IncidentReport<'a> {
    pub objective: String,
    pub at: chrono::NaiveDateTime,
    pub resolved: Option<chrono::NaiveDateTime>,
    pub minutes: Option<i64>,
    pub grade: Option<Grade>,
    pub title: &'a str,
    pub impact: Option<&'a str>,
    pub cause: Option<&'a str>,
    pub action: Option<&'a str>,
    pub business_impact: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct ObjectiveReport<'a> {
    pub path: String,
    pub title: &'a str,
    pub owner: Option<&'a str>,
    pub percent: f64,
    pub delta: Option<f64>,
    pub status: Status,
    pub update: Option<&'a str>,
    /// Its percent in each recorded week, oldest first, ending with this
    /// report's: the points of its burn-up.
    pub weeks: Vec<WeekPoint>,
    /// The objective's `note`: the report's 收获与反思 (reflections).
    pub note: Option<&'a str>,
    pub blocker: Option<&'a str>,
    pub projects: Vec<ProjectReport<'a>>,
}

/// An objective's percent in one week of its burn-up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeekPoint {
    /// The ISO week, like `2023-W24`.
    pub week: String,
    pub percent: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProjectReport<'a> {
    pub path: String,
    pub title: &'a str,
    pub owner: Option<&'a str>,
    pub percent: f64,
    pub delta: Option<f64>,
    pub is_new: bool,
    pub status: Status,
    pub due: Option<NaiveDate>,
    pub overdue_days: i64,
    pub update: Option<&'a str>,
    pub blocker: Option<&'a str>,
    /// The pipeline its milestones move through (`stages`), if any.
    pub stages: &'a [String],
    pub note: Option<&'a str>,
    /// Next week's plan (also gathered in [`Report::next`]).
    pub next: Option<&'a str>,
    pub milestones: Vec<MilestoneReport<'a>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MilestoneReport<'a> {
    pub path: String,
    pub title: &'a str,
    pub percent: f64,
    pub delta: Option<f64>,
    pub is_new: bool,
    pub status: Status,
    pub total: Option<u64>,
    pub done: Option<u64>,
    pub stage: Option<String>,
    pub stage_from: Option<String>,
    pub due: Option<NaiveDate>,
    pub overdue_days: i64,
    pub slip_days: Option<i64>,
    pub stalled_weeks: u32,
    pub blocker: Option<&'a str>,
    pub update: Option<&'a str>,
    pub note: Option<&'a str>,
    /// Next week's plan (also gathered in [`Report::next`]).
    pub next: Option<&'a str>,
}

/// An overdue item.
#[derive(Clone, Debug, Serialize)]
pub struct Late<'a> {
    pub path: String,
    pub title: &'a str,
    pub owner: Option<&'a str>,
    pub due: NaiveDate,
    pub overdue_days: i64,
    pub status: Status,
}

/// An item whose percent has not moved for weeks.
#[derive(Clone, Debug, Serialize)]
pub struct Stalled<'a> {
    pub path: String,
    pub title: &'a str,
    pub percent: f64,
    pub weeks: u32,
}

/// A line of next week's plan, from a `next` field. The `title` is the
/// item's, empty for an `[[other]]` entry that has only a `next`.
#[derive(Clone, Debug, Serialize)]
pub struct Plan<'a> {
    pub path: String,
    pub title: &'a str,
    pub next: &'a str,
}

/// A free item of the week, from an `[[other]]` entry with a `title`.
#[derive(Clone, Debug, Serialize)]
pub struct OtherReport<'a> {
    /// The objective whose file holds it.
    pub objective: String,
    pub title: &'a str,
    pub note: Option<&'a str>,
    pub date: Option<NaiveDate>,
}
