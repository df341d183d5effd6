//! The portfolio's headline counts (percent done, overdue, due soon,
//! blocked, the reported week's incidents, missed metrics), kept per
//! objective so that an edit recounts only the objective it is in.

use chrono::NaiveDate;

use super::listing::Tally;
use super::model::Portfolio;
use super::ops::{GradeCounts, grade_counts};

/// Counts shown in the header. Each objective's share is kept, so that an
/// edit recounts only the objective it is in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub percent: f64,
    pub overdue: usize,
    pub due_soon: usize,
    pub blocked: usize,
    /// The incidents of the week the team reports on, by grade.
    pub incidents: GradeCounts,
    /// Metrics that miss their target.
    pub missed: usize,
    /// Whether there are metrics or incidents at all (else the header
    /// leaves their counts out).
    pub ops: bool,
    /// Each objective's counts and percent, in the portfolio's order.
    parts: Vec<(Tally, f64)>,
}

impl Stats {
    /// The counts over the whole portfolio.
    pub fn of(p: &Portfolio, today: NaiveDate) -> Self {
        let mut s = Stats::default();
        s.refresh(p, today, None);
        s
    }

    /// Brings the counts up to date after a change in the objective at
    /// index `changed` (its items recounted, the others' shares kept), or
    /// anywhere (`None`: everything recounted).
    pub fn refresh(&mut self, p: &Portfolio, today: NaiveDate, changed: Option<usize>) {
        let days = p.settings.due_soon_days;
        let part = |o| Tally::of_objective(o, today, days);
        match changed {
            Some(i) if self.parts.len() == p.objectives.len() && i < self.parts.len() => {
                self.parts[i] = part(&p.objectives[i]);
            }
            _ => self.parts = p.objectives.iter().map(part).collect(),
        }
        let percents: Vec<f64> = self.parts.iter().map(|(_, pct)| *pct).collect();
        self.percent = p.percent_with(&percents);
        let total = self
            .parts
            .iter()
            .fold(Tally::default(), |sum, (t, _)| sum + *t);
        self.overdue = total.overdue;
        self.due_soon = total.due_soon;
        self.blocked = total.blocked;
        let week = Portfolio::reported_week(today);
        self.incidents = grade_counts(p.incidents_of_week(week, false).iter().map(|l| l.incident));
        self.missed = p.metrics().filter(|(_, m)| m.met() == Some(false)).count();
        self.ops = has_operations(p);
    }
}

/// Whether the portfolio has metrics or incidents.
pub fn has_operations(p: &Portfolio) -> bool {
    p.objectives
        .iter()
        .any(|o| !o.metrics.is_empty() || !o.incidents.is_empty())
}
