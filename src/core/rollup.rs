//! The rules: effective percent and status, roll-up, overdue and due soon.

use chrono::NaiveDate;

use super::model::{Fields, ItemRef, Milestone, Objective, Portfolio, Project, Status};

impl Milestone {
    /// 100 when its status is done, whatever else it says; else
    /// [`Milestone::own_percent`]; else 0.
    pub fn percent(&self, stages: &[String]) -> f64 {
        if self.fields.status == Some(Status::Done) {
            return 100.0;
        }
        self.own_percent(stages).unwrap_or(0.0)
    }

    /// What its progress fields say, the status aside: `percent`; else
    /// `done/total`; else from the stage; `None` when none of them says.
    pub fn own_percent(&self, stages: &[String]) -> Option<f64> {
        if let Some(p) = self.fields.percent {
            return Some(p);
        }
        if let Some(p) = self.count_percent() {
            return Some(p);
        }
        let stage = self.stage.as_deref()?;
        let i = stages.iter().position(|s| s == stage)?;
        Some(stage_percent(i, stages.len()))
    }

    /// `done/total` as a percent, when both are given and total is not 0.
    pub fn count_percent(&self) -> Option<f64> {
        match (self.done, self.total) {
            (Some(done), Some(total)) if total > 0 => {
                Some((done as f64 / total as f64 * 100.0).min(100.0))
            }
            _ => None,
        }
    }
}

/// The percent a milestone at stage `i` (from 0) of `n` is at: the stage's
/// share of the pipeline, `(i + 1) / n`; the last stage is 100.
pub fn stage_percent(i: usize, n: usize) -> f64 {
    (i + 1) as f64 / n as f64 * 100.0
}

/// Whether an explicit percent agrees with stage `i` of `n`: it lies in the
/// stage's range, above the stage before and up to the stage's own
/// percent, `(i/n, (i+1)/n]`; at the last stage only 100 agrees.
pub fn percent_fits_stage(percent: f64, i: usize, n: usize) -> bool {
    if i + 1 >= n {
        return percent >= 100.0;
    }
    let low = i as f64 / n as f64 * 100.0;
    percent > low && percent <= stage_percent(i, n) + 1e-9
}

/// The weighted mean of `(percent, weight)` over children that are not
/// dropped; `None` when there are none.
fn weighted_mean(children: impl Iterator<Item = (f64, f64)>) -> Option<f64> {
    let (sum, weights) = children.fold((0.0, 0.0), |(s, w), (p, wt)| (s + p * wt, w + wt));
    (weights > 0.0).then(|| sum / weights)
}

/// A parent's percent: 100 if done; else its own, else the roll-up of its
/// children, else 0.
fn parent_percent(fields: &Fields, rolled: Option<f64>) -> f64 {
    if fields.status == Some(Status::Done) {
        return 100.0;
    }
    fields
        .percent
        .or(rolled)
        .unwrap_or(if fields.status == Some(Status::Done) {
            100.0
        } else {
            0.0
        })
}

impl Project {
    /// Its own `percent`, else the weighted mean of its milestones that are not dropped.
    pub fn percent(&self) -> f64 {
        if self.fields.percent.is_some() {
            return parent_percent(&self.fields, None);
        }
        // a derived status is never `dropped`: only the status given can be
        let rolled = weighted_mean(
            self.milestones
                .iter()
                .filter(|m| m.fields.status != Some(Status::Dropped))
                .map(|m| (m.percent(&self.stages), m.fields.weight())),
        );
        parent_percent(&self.fields, rolled)
    }

    /// The effective status of the project.
    pub fn status(&self) -> Status {
        effective_status(&self.fields, self.percent())
    }
}

impl Milestone {
    /// The effective status of the milestone.
    pub fn status(&self, stages: &[String]) -> Status {
        match self.fields.status {
            Some(s) => s,
            None => effective_status(&self.fields, self.percent(stages)),
        }
    }
}

impl Objective {
    /// Its own `percent`, else the weighted mean of its projects that are not dropped.
    pub fn percent(&self) -> f64 {
        if self.fields.percent.is_some() {
            return parent_percent(&self.fields, None);
        }
        let rolled = weighted_mean(
            self.projects
                .iter()
                .filter(|p| p.fields.status != Some(Status::Dropped))
                .map(|p| (p.percent(), p.fields.weight())),
        );
        parent_percent(&self.fields, rolled)
    }

    /// [`Objective::percent`], given what [`Project::percent`] gives for
    /// each of its projects, in order: the same value, without computing
    /// the projects' again.
    pub fn percent_with(&self, project_percents: &[f64]) -> f64 {
        debug_assert_eq!(project_percents.len(), self.projects.len());
        if self.fields.percent.is_some() {
            return parent_percent(&self.fields, None);
        }
        let rolled = weighted_mean(
            self.projects
                .iter()
                .zip(project_percents)
                .filter(|(p, _)| p.fields.status != Some(Status::Dropped))
                .map(|(p, &pct)| (pct, p.fields.weight())),
        );
        parent_percent(&self.fields, rolled)
    }

    pub fn status(&self) -> Status {
        effective_status(&self.fields, self.percent())
    }
}

impl Portfolio {
    /// The weighted mean over every loaded objective that is not dropped.
    pub fn percent(&self) -> f64 {
        weighted_mean(
            self.objectives
                .iter()
                .filter(|o| o.fields.status != Some(Status::Dropped))
                .map(|o| (o.percent(), o.fields.weight())),
        )
        .unwrap_or(0.0)
    }

    /// [`Portfolio::percent`], given what [`Objective::percent`] gives for
    /// each objective, in order: the same value, from those alone.
    pub fn percent_with(&self, objective_percents: &[f64]) -> f64 {
        debug_assert_eq!(objective_percents.len(), self.objectives.len());
        weighted_mean(
            self.objectives
                .iter()
                .zip(objective_percents)
                .filter(|(o, _)| o.fields.status != Some(Status::Dropped))
                .map(|(o, &pct)| (pct, o.fields.weight())),
        )
        .unwrap_or(0.0)
    }
}

/// The status a file gives, or the one derived from the percent and the
/// text: 100 is done, above 0 is in progress; at 0 an item whose `update`
/// says what was done this week is in progress too (work began before it
/// showed in the percent), else it is todo.
pub fn effective_status(fields: &Fields, percent: f64) -> Status {
    fields.status.unwrap_or(if percent >= 100.0 {
        Status::Done
    } else if percent > 0.0 || has_text(&fields.update) {
        Status::InProgress
    } else {
        Status::Todo
    })
}

/// Whether a text field holds more than white space.
pub fn has_text<S: AsRef<str>>(text: &Option<S>) -> bool {
    text.as_ref()
        .map(AsRef::as_ref)
        .is_some_and(|t| !t.trim().is_empty())
}

/// Days past the due date of an open item; 0 when it is not overdue
/// (due today is not overdue).
pub fn overdue_days(due: Option<NaiveDate>, status: Status, today: NaiveDate) -> i64 {
    match due {
        Some(due) if !status.is_closed() && due < today => (today - due).num_days(),
        _ => 0,
    }
}

/// Whether an open item is due between today and `days` ahead, inclusive.
pub fn is_due_soon(due: Option<NaiveDate>, status: Status, today: NaiveDate, days: i64) -> bool {
    match due {
        Some(due) if !status.is_closed() => {
            let ahead = (due - today).num_days();
            (0..=days).contains(&ahead)
        }
        _ => false,
    }
}

impl ItemRef<'_> {
    /// The effective percent, rolled up for parents.
    pub fn percent(self) -> f64 {
        match self {
            ItemRef::Objective(o) => o.percent(),
            ItemRef::Project(p) => p.percent(),
            ItemRef::Milestone(m, p) => m.percent(&p.stages),
        }
    }

    /// The effective status.
    pub fn status(self) -> Status {
        match self {
            ItemRef::Objective(o) => o.status(),
            ItemRef::Project(p) => p.status(),
            ItemRef::Milestone(m, p) => m.status(&p.stages),
        }
    }

    /// The effective status, given an already computed percent.
    pub fn status_with(self, percent: f64) -> Status {
        effective_status(self.fields(), percent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(percent: Option<f64>, weight: Option<f64>, status: Option<Status>) -> Milestone {
        Milestone {
            id: "m".into(),
            fields: Fields {
                title: "m".into(),
                percent,
                weight,
                status,
                ..Fields::default()
            },
            ..Milestone::default()
        }
    }

    fn project(milestones: Vec<Milestone>) -> Project {
        Project {
            id: "p".into(),
            milestones,
            ..Project::default()
        }
    }

    fn date(s: &str) -> NaiveDate {
        super::super::dates::parse_iso(s).unwrap()
    }

    fn five_stages() -> Vec<String> {
        ["开发", "测试", "联调", "上线", "投产"]
            .map(String::from)
            .into()
    }

    #[test]
    fn milestone_percent_precedence() {
        let stages = five_stages();
        let mut m = ms(None, None, None);
        assert_eq!(m.percent(&stages), 0.0);
        assert_eq!(m.own_percent(&stages), None);
        m.stage = Some("联调".into());
        assert_eq!(m.percent(&stages), 60.0);
        m.total = Some(14);
        m.done = Some(4);
        assert!((m.percent(&stages) - 400.0 / 14.0).abs() < 1e-9);
        m.fields.percent = Some(12.5);
        assert_eq!(m.percent(&stages), 12.5);
        // a zero total gives no ratio: the next rule applies
        let mut z = ms(None, None, None);
        z.total = Some(0);
        z.done = Some(0);
        assert_eq!(z.percent(&[]), 0.0);
    }

    #[test]
    fn a_done_milestone_is_100_whatever_its_stage_counts_or_percent_say() {
        let stages = five_stages();
        let mut m = ms(Some(40.0), None, Some(Status::Done));
        m.stage = Some("测试".into());
        m.total = Some(14);
        m.done = Some(4);
        assert_eq!(m.percent(&stages), 100.0);
        assert_eq!(m.own_percent(&stages), Some(40.0));
        let p = project(vec![m, ms(Some(0.0), None, None)]);
        assert_eq!(p.percent(), 50.0);
    }

    #[test]
    fn done_projects_and_objectives_are_100_over_their_own_percent_and_roll_up() {
        let mut a = project(vec![ms(Some(10.0), None, None)]);
        a.fields.status = Some(Status::Done);
        assert_eq!(a.percent(), 100.0);
        a.fields.percent = Some(60.0);
        assert_eq!(a.percent(), 100.0);
        let b = project(vec![ms(Some(0.0), None, None)]);
        let mut o = Objective {
            projects: vec![a, b],
            ..Objective::default()
        };
        assert_eq!(o.percent(), 50.0);
        assert_eq!(o.percent_with(&[100.0, 0.0]), 50.0);
        o.fields.status = Some(Status::Done);
        o.fields.percent = Some(30.0);
        assert_eq!(o.percent(), 100.0);
        assert_eq!(o.percent_with(&[100.0, 0.0]), 100.0);
    }

    #[test]
    fn a_stage_range_is_above_the_stage_before_up_to_its_own_and_the_last_is_100() {
        assert_eq!(stage_percent(2, 5), 60.0);
        assert!(percent_fits_stage(60.0, 2, 5));
        assert!(percent_fits_stage(45.0, 2, 5));
        assert!(!percent_fits_stage(40.0, 2, 5));
        assert!(!percent_fits_stage(85.0, 3, 5));
        assert!(!percent_fits_stage(85.0, 4, 5));
        assert!(percent_fits_stage(100.0, 4, 5));
        assert!(percent_fits_stage(10.0, 0, 5));
    }

    #[test]
    fn project_rolls_up_a_weighted_mean_without_dropped_milestones() {
        let p = project(vec![
            ms(Some(100.0), Some(1.0), None),
            ms(Some(40.0), Some(3.0), None),
            ms(Some(0.0), Some(10.0), Some(Status::Dropped)),
        ]);
        assert!((p.percent() - 55.0).abs() < 1e-9);
        assert_eq!(p.status(), Status::InProgress);
    }

    #[test]
    fn explicit_percent_wins_over_the_roll_up() {
        let mut p = project(vec![ms(Some(10.0), None, None)]);
        p.fields.percent = Some(97.0);
        assert_eq!(p.percent(), 97.0);
    }

    #[test]
    fn empty_project_is_zero_or_hundred_if_done() {
        let mut p = project(vec![]);
        assert_eq!(p.percent(), 0.0);
        assert_eq!(p.status(), Status::Todo);
        p.fields.status = Some(Status::Done);
        assert_eq!(p.percent(), 100.0);
        // only dropped milestones count as none
        let q = project(vec![ms(Some(50.0), None, Some(Status::Dropped))]);
        assert_eq!(q.percent(), 0.0);
    }

    #[test]
    fn objective_rolls_up_projects_by_weight() {
        let mut a = project(vec![ms(Some(100.0), None, None)]);
        a.fields.weight = Some(3.0);
        let b = project(vec![ms(Some(0.0), None, None)]);
        let o = Objective {
            projects: vec![a, b],
            ..Objective::default()
        };
        assert!((o.percent() - 75.0).abs() < 1e-9);
    }

    #[test]
    fn derived_status_follows_percent() {
        let f = Fields::default();
        assert_eq!(effective_status(&f, 0.0), Status::Todo);
        assert_eq!(effective_status(&f, 0.5), Status::InProgress);
        assert_eq!(effective_status(&f, 100.0), Status::Done);
        let blocked = Fields {
            status: Some(Status::Blocked),
            ..Fields::default()
        };
        assert_eq!(effective_status(&blocked, 100.0), Status::Blocked);
    }

    #[test]
    fn derived_status_reads_a_written_update_at_zero() {
        let written = Fields {
            update: Some("推动后端团队关注灯塔系统监控".into()),
            ..Fields::default()
        };
        assert_eq!(effective_status(&written, 0.0), Status::InProgress);
        assert_eq!(effective_status(&written, 100.0), Status::Done);
        let blank = Fields {
            update: Some("  ".into()),
            note: Some("只有备注".into()),
            ..Fields::default()
        };
        assert_eq!(effective_status(&blank, 0.0), Status::Todo);
        let todo = Fields {
            status: Some(Status::Todo),
            ..written
        };
        assert_eq!(effective_status(&todo, 0.0), Status::Todo);
    }

    #[test]
    fn overdue_and_due_soon_rules() {
        let today = date("2023-06-20");
        let open = Status::InProgress;
        assert_eq!(overdue_days(Some(date("2023-06-16")), open, today), 4);
        assert_eq!(
            overdue_days(Some(today), open, today),
            0,
            "due today is not overdue"
        );
        assert_eq!(
            overdue_days(Some(date("2023-06-16")), Status::Done, today),
            0
        );
        assert_eq!(
            overdue_days(Some(date("2023-06-16")), Status::Dropped, today),
            0
        );
        assert_eq!(overdue_days(None, open, today), 0);
        assert!(is_due_soon(Some(today), open, today, 7));
        assert!(is_due_soon(Some(date("2023-06-27")), open, today, 7));
        assert!(!is_due_soon(Some(date("2023-06-28")), open, today, 7));
        assert!(!is_due_soon(Some(date("2023-06-19")), open, today, 7));
        assert!(!is_due_soon(Some(today), Status::Done, today, 7));
    }
}
