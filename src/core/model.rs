//! The portfolio model: objectives hold projects, projects hold milestones.
//!
//! Everything here is plain data read from the TOML files; derived values
//! (effective percent and status, overdue) live in [`crate::core::rollup`].

use std::fmt;
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::diag::Diagnostic;
use super::merge::MarkedBlock;

/// The status of an item. When a file gives none, it is derived from the percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Todo,
    InProgress,
    Blocked,
    AtRisk,
    Done,
    Dropped,
}

impl Status {
    /// Every status, in the order menus show them.
    pub const ALL: [Status; 6] = [
        Status::Todo,
        Status::InProgress,
        Status::Blocked,
        Status::AtRisk,
        Status::Done,
        Status::Dropped,
    ];

    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::InProgress => "in_progress",
            Status::Blocked => "blocked",
            Status::AtRisk => "at_risk",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    /// The other names a status is accepted by, in files and on the
    /// command line: the English labels screens show and the Chinese ones
    /// (those the app shows first), with obvious synonyms. Files keep the
    /// keyword of [`Status::as_str`] when stride writes them.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Status::Todo => &["to do", "to_do", "未开始", "待办", "待开始"],
            Status::InProgress => &["in progress", "in-progress", "进行中"],
            Status::Blocked => &["阻断", "阻塞"],
            Status::AtRisk => &["at risk", "at-risk", "有风险"],
            Status::Done => &["已完成", "完成"],
            Status::Dropped => &["已取消", "取消", "已放弃", "放弃"],
        }
    }

    /// Parses a file or command-line name: the keyword or one of its
    /// [`Status::aliases`] (surrounding spaces and English case ignored).
    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim();
        Status::ALL.into_iter().find(|st| {
            st.as_str().eq_ignore_ascii_case(s)
                || st.aliases().iter().any(|a| a.eq_ignore_ascii_case(s))
        })
    }

    /// `todo, in_progress, ...`, for error messages.
    pub fn allowed() -> String {
        Status::ALL.map(Status::as_str).join(", ")
    }

    /// Every accepted name, one status a line: `in_progress (in progress,
    /// 进行中)`, for `--help`.
    pub fn described() -> String {
        Status::ALL
            .map(|st| format!("{} ({})", st.as_str(), st.aliases().join(", ")))
            .join("\n")
    }

    /// Done and dropped items are finished: never overdue, never due soon.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Dropped)
    }
}

impl serde::Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which level of the tree an item is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Objective,
    Project,
    Milestone,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Objective => "objective",
            Kind::Project => "project",
            Kind::Milestone => "milestone",
        }
    }
}

/// The fields shared by objectives, projects and milestones.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields {
    pub title: String,
    pub status: Option<Status>,
    pub percent: Option<f64>,
    pub due: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    /// Shared among the items of a file that name the same owner (a
    /// team's few names on thousands of items).
    pub owner: Option<std::sync::Arc<str>>,
    pub weight: Option<f64>,
    pub note: Option<Box<str>>,
    pub update: Option<Box<str>>,
    pub next: Option<Box<str>>,
    pub blocker: Option<Box<str>>,
    pub tags: Vec<String>,
}

impl Fields {
    /// The roll-up weight: `weight`, or 1.
    pub fn weight(&self) -> f64 {
        self.weight.unwrap_or(1.0)
    }
}

/// A milestone: the leaves of the tree, where progress is recorded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Milestone {
    pub id: String,
    pub fields: Fields,
    /// A count giving context to the percent ("95.46% of 164").
    pub total: Option<u64>,
    /// How many of `total` are done; drives the percent when `percent` is absent.
    pub done: Option<u64>,
    /// The current stage, one of the project's `stages`.
    pub stage: Option<Box<str>>,
}

/// A project: a group of milestones, optionally with a pipeline of stages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Project {
    pub id: String,
    pub fields: Fields,
    /// The ordered pipeline of stages its milestones move through.
    pub stages: Vec<String>,
    pub milestones: Vec<Milestone>,
}

/// An objective: one TOML file of the data folder.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Objective {
    /// The file stem.
    pub id: String,
    /// Index of its file in [`Portfolio::files`].
    pub file: usize,
    pub fields: Fields,
    pub projects: Vec<Project>,
    /// Service metrics, `[metric.ID]`.
    pub metrics: Vec<Metric>,
    /// The incident log, `[[incident]]`, in file order.
    pub incidents: Vec<Incident>,
    /// Free items outside the projects, `[[other]]`, in file order: the
    /// report's 其他 (Other) section, and its plan when they have a `next`.
    pub others: Vec<Other>,
}

/// A file of the data folder, loaded or not.
#[derive(Clone, Debug, Default)]
pub struct SourceFile {
    pub path: PathBuf,
    /// A fingerprint of the bytes read, to notice changes made on disk since.
    pub fingerprint: u64,
    /// Whether it loaded into an objective; a file with errors is kept out of the tree.
    pub loaded: bool,
    /// Everything `check` found in it, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the bytes of `fingerprint` are a run of plain sections, one
    /// table each (see `load::sections`): a save may then rewrite one
    /// table's section alone.
    pub plain: bool,
    /// The blocks between git's conflict markers left by a merge: the file
    /// loads as our side wrote it, and each block is an error until settled.
    pub conflicts: Vec<MarkedBlock>,
}

/// Everything read from a data folder.
#[derive(Clone, Debug, Default)]
pub struct Portfolio {
    pub dir: PathBuf,
    /// Every objective file, in file-name order, whether it loaded or not.
    pub files: Vec<SourceFile>,
    /// The objectives of the files that loaded, in file-name order.
    pub objectives: Vec<Objective>,
    /// The team's settings from `.stride.toml`.
    pub settings: super::settings::Settings,
    /// Problems in `.stride.toml`.
    pub settings_diagnostics: Vec<Diagnostic>,
}

// The operations data of an objective: metrics and incidents.

/// Which way a metric is better.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    #[default]
    Higher,
    Lower,
}

/// A service metric: `入金有效成功率 99.99% (target 99.95%)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metric {
    pub id: String,
    pub title: String,
    pub value: f64,
    pub target: Option<f64>,
    pub unit: Option<String>,
    pub better: Better,
}

impl Metric {
    /// Whether it meets its target: `value >= target` when higher is better,
    /// `value <= target` when lower is; `None` without a target.
    pub fn met(&self) -> Option<bool> {
        self.target.map(|t| match self.better {
            Better::Higher => self.value >= t,
            Better::Lower => self.value <= t,
        })
    }
}

/// The grade of a production incident: A and B are the serious ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

impl Grade {
    pub fn parse(s: &str) -> Option<Grade> {
        match s {
            "A" => Some(Grade::A),
            "B" => Some(Grade::B),
            "C" => Some(Grade::C),
            "D" => Some(Grade::D),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }
}

/// A production incident, or (without a grade) a stability event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Incident {
    pub at: NaiveDateTime,
    pub resolved: Option<NaiveDateTime>,
    pub grade: Option<Grade>,
    pub title: String,
    pub impact: Option<String>,
    pub cause: Option<String>,
    pub action: Option<String>,
    pub business_impact: bool,
}

impl Incident {
    /// Open until it has a `resolved` time.
    pub fn is_open(&self) -> bool {
        self.resolved.is_none()
    }

    /// Minutes from `at` to `resolved`.
    pub fn minutes(&self) -> Option<i64> {
        self.resolved.map(|r| (r - self.at).num_minutes())
    }
}

/// A free item of the week outside the projects (`[[other]]`): a meeting,
/// a review. It has a `title` (this week's 其他), a `next` (next week's
/// plan), or both.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Other {
    pub title: Option<String>,
    pub note: Option<String>,
    pub date: Option<NaiveDate>,
    pub next: Option<String>,
}

/// The address of an item: `objective`, `objective/project` or
/// `objective/project/milestone`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemPath {
    pub objective: String,
    pub project: Option<String>,
    pub milestone: Option<String>,
}

impl ItemPath {
    pub fn objective(o: &str) -> Self {
        ItemPath {
            objective: o.to_string(),
            project: None,
            milestone: None,
        }
    }

    pub fn project(o: &str, p: &str) -> Self {
        ItemPath {
            objective: o.to_string(),
            project: Some(p.to_string()),
            milestone: None,
        }
    }

    pub fn milestone(o: &str, p: &str, m: &str) -> Self {
        ItemPath {
            objective: o.to_string(),
            project: Some(p.to_string()),
            milestone: Some(m.to_string()),
        }
    }

    /// Parses `a`, `a/b` or `a/b/c`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        let parts: Vec<&str> = s.split('/').collect();
        if parts.iter().any(|p| p.is_empty()) {
            return None;
        }
        match parts.as_slice() {
            [o] => Some(ItemPath::objective(o)),
            [o, p] => Some(ItemPath::project(o, p)),
            [o, p, m] => Some(ItemPath::milestone(o, p, m)),
            _ => None,
        }
    }

    pub fn kind(&self) -> Kind {
        match (&self.project, &self.milestone) {
            (None, _) => Kind::Objective,
            (Some(_), None) => Kind::Project,
            (Some(_), Some(_)) => Kind::Milestone,
        }
    }

    /// The path one level up, if any.
    pub fn parent(&self) -> Option<ItemPath> {
        match self.kind() {
            Kind::Objective => None,
            Kind::Project => Some(ItemPath::objective(&self.objective)),
            Kind::Milestone => Some(ItemPath {
                milestone: None,
                ..self.clone()
            }),
        }
    }
}

impl fmt::Display for ItemPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.objective)?;
        if let Some(p) = &self.project {
            write!(f, "/{p}")?;
        }
        if let Some(m) = &self.milestone {
            write!(f, "/{m}")?;
        }
        Ok(())
    }
}

/// A borrowed item of any level, with the context its rules need.
#[derive(Clone, Copy, Debug)]
pub enum ItemRef<'a> {
    Objective(&'a Objective),
    Project(&'a Project),
    Milestone(&'a Milestone, &'a Project),
}

impl<'a> ItemRef<'a> {
    pub fn fields(self) -> &'a Fields {
        match self {
            ItemRef::Objective(o) => &o.fields,
            ItemRef::Project(p) => &p.fields,
            ItemRef::Milestone(m, _) => &m.fields,
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            ItemRef::Objective(_) => Kind::Objective,
            ItemRef::Project(_) => Kind::Project,
            ItemRef::Milestone(..) => Kind::Milestone,
        }
    }
}

impl Portfolio {
    /// Index of the objective with this id.
    pub fn objective_index(&self, id: &str) -> Option<usize> {
        self.objectives.iter().position(|o| o.id == id)
    }

    /// The item at `path`, if it exists.
    pub fn get(&self, path: &ItemPath) -> Option<ItemRef<'_>> {
        let o = self.objectives.iter().find(|o| o.id == path.objective)?;
        let Some(pid) = &path.project else {
            return Some(ItemRef::Objective(o));
        };
        let p = o.projects.iter().find(|p| &p.id == pid)?;
        let Some(mid) = &path.milestone else {
            return Some(ItemRef::Project(p));
        };
        let m = p.milestones.iter().find(|m| &m.id == mid)?;
        Some(ItemRef::Milestone(m, p))
    }

    /// The file an objective id lives in, loaded or not.
    pub fn file_of(&self, objective: &str) -> Option<usize> {
        self.files
            .iter()
            .position(|f| f.path.file_stem().and_then(|s| s.to_str()) == Some(objective))
    }

    /// Number of milestones in every loaded file.
    pub fn milestone_count(&self) -> usize {
        self.objectives
            .iter()
            .flat_map(|o| &o.projects)
            .map(|p| p.milestones.len())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_and_print_round_trip() {
        for s in ["o2", "o2/hive", "o2/hive/migration"] {
            assert_eq!(ItemPath::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(ItemPath::parse("o2/hive").unwrap().kind(), Kind::Project);
        assert_eq!(ItemPath::parse(""), None);
        assert_eq!(ItemPath::parse("a//b"), None);
        assert_eq!(ItemPath::parse("a/b/c/d"), None);
        assert_eq!(
            ItemPath::parse("o/p/m").unwrap().parent(),
            Some(ItemPath::project("o", "p"))
        );
    }

    #[test]
    fn statuses_parse_from_their_names() {
        for st in Status::ALL {
            assert_eq!(Status::parse(st.as_str()), Some(st));
        }
        assert_eq!(Status::parse("finished"), None);
        assert!(Status::Dropped.is_closed() && !Status::Blocked.is_closed());
    }

    #[test]
    fn every_label_a_screen_shows_parses_back_to_its_status() {
        use crate::core::l10n::Language;
        for st in Status::ALL {
            for lang in [Language::En, Language::Zh] {
                assert_eq!(Status::parse(lang.status(st)), Some(st), "{lang:?} {st:?}");
            }
        }
    }

    #[test]
    fn statuses_parse_from_their_chinese_and_english_labels() {
        let cases = [
            ("未开始", Status::Todo),
            ("待办", Status::Todo),
            ("to do", Status::Todo),
            ("进行中", Status::InProgress),
            ("In Progress", Status::InProgress),
            (" 阻塞 ", Status::Blocked),
            ("阻断", Status::Blocked),
            ("有风险", Status::AtRisk),
            ("at risk", Status::AtRisk),
            ("已完成", Status::Done),
            ("完成", Status::Done),
            ("DONE", Status::Done),
            ("已放弃", Status::Dropped),
            ("取消", Status::Dropped),
            ("已取消", Status::Dropped),
        ];
        for (name, st) in cases {
            assert_eq!(Status::parse(name), Some(st), "{name}");
        }
        assert_eq!(Status::parse("完成了"), None);
        let described = Status::described();
        assert!(described.contains("in_progress (in progress, in-progress, 进行中)"));
        assert_eq!(described.lines().count(), 6);
    }
}
