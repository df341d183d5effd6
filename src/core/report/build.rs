//! Building the report of a week: from the current data and the earlier
//! weeks' history, or for a past week from its history file.

use chrono::NaiveDate;

use super::data::{
    IncidentReport, Late, MetricReport, MilestoneReport, ObjectiveReport, Operations, OtherReport,
    Plan, ProjectReport, Report, ReportProblem, Stalled, WeekPoint,
};
use crate::core::history::{self, History, Movement, Record, Snapshot};
use crate::core::listing::each_in;
use crate::core::model::{ItemPath, Metric, Milestone, Objective, Portfolio, Status};
use crate::core::ops::{grade_counts, week_of};
use crate::core::rollup::overdue_days;
use crate::core::settings::{self, iso_week_name};

/// The operations of the report of `date`: metric values from the model
/// (the current values) or from `past` (a past week's record), the
/// incidents of the week before `date`'s, plus those still open.
pub(super) fn operations<'a>(
    p: &'a Portfolio,
    past: Option<&Snapshot>,
    date: NaiveDate,
    history: &History,
) -> Operations<'a> {
    let metrics = p
        .metrics()
        .filter_map(|(o, m)| {
            let path = format!("{o}/{}", m.id);
            let value = match past {
                None => Some(m.value),
                Some(s) => s.metric(&path),
            }?;
            let met = Metric { value, ..m.clone() }.met();
            Some(MetricReport {
                delta: history.metric_delta(&path, value),
                series: history.metric_series(&path, value),
                path,
                title: &m.title,
                value,
                target: m.target,
                unit: m.unit.as_deref(),
                met,
            })
        })
        .collect();
    let week = Portfolio::reported_week(date);
    let mut listed = p.incidents_of_week(week, true);
    // oldest first, as the team writes them
    listed.sort_by_key(|l| l.incident.at);
    let counts = grade_counts(
        listed
            .iter()
            .filter(|l| week_of(l.incident.at) == week)
            .map(|l| l.incident),
    );
    Operations {
        metrics,
        incident_week: iso_week_name(week),
        counts,
        incidents: listed
            .iter()
            .map(|l| {
                let i = l.incident;
                IncidentReport {
                    objective: l.objective.to_string(),
                    at: i.at,
                    resolved: i.resolved,
                    minutes: i.minutes(),
                    grade: i.grade,
                    title: &i.title,
                    impact: i.impact.as_deref(),
                    cause: i.cause.as_deref(),
                    action: i.action.as_deref(),
                    business_impact: i.business_impact,
                }
            })
            .collect(),
    }
}

/// Builds the report. The values to report are the model's current ones
/// (`past` none: the report of `date`'s week), or a past week's snapshot;
/// `history` holds the weeks before it. For a past week only what history
/// keeps is shown: the texts and counts of today are left out rather than
/// mixed with last month's numbers.
pub fn build<'a>(
    p: &'a Portfolio,
    past: Option<&Snapshot>,
    date: NaiveDate,
    history: &History,
) -> Report<'a> {
    walk_all(p, past, date, history, true).0
}

/// The report with or without its milestones, the walk that made it and
/// the index in `p.objectives` of each of its objectives.
fn walk_all<'a, 'w>(
    p: &'a Portfolio,
    past: Option<&'w Snapshot>,
    date: NaiveDate,
    history: &'w History,
    milestones: bool,
) -> (Report<'a>, Walk<'w>, Vec<usize>) {
    let week = past.map_or_else(|| iso_week_name(date), |s| s.week.clone());
    let mut report = Report {
        iso_week: week.clone(),
        week_number: p.settings.week_number(date),
        date,
        percent: 0.0,
        delta: None,
        operations: operations(p, past, date, history),
        objectives: Vec::new(),
        overdue: Vec::new(),
        stalled: Vec::new(),
        next: Vec::new(),
        others: Vec::new(),
        problems: problems(p, history, past),
    };
    let walk = Walk {
        past,
        date,
        history,
        week: week.clone(),
        milestones,
    };
    let mut acc = Gathered::default();
    let mut index = Vec::with_capacity(p.objectives.len());
    for (i, o) in p.objectives.iter().enumerate() {
        if let Some(section) = walk.objective(o, &mut acc) {
            report.objectives.push(section);
            index.push(i);
        }
    }
    settle(&mut report, acc, history);
    (report, walk, index)
}

/// What readers must know of the data of a report: files that did not
/// load, entries not read, history's problems, a past week's.
pub(super) fn problems(
    p: &Portfolio,
    history: &History,
    past: Option<&Snapshot>,
) -> Vec<ReportProblem> {
    p.files
        .iter()
        .filter(|f| !f.loaded)
        .map(|f| ReportProblem::NotLoaded(f.path.clone()))
        .chain(
            crate::core::load::skipped(&p.dir)
                .into_iter()
                .map(|d| ReportProblem::NotAFile(d.file)),
        )
        .chain(history.problems.iter().cloned().map(ReportProblem::History))
        .chain(past.map(|s| ReportProblem::PastWeek(s.week.clone())))
        .collect()
}

/// Puts what the walk through the objectives gathered in the report: the
/// lists (overdue, most days first), the overall percent and its change.
pub(super) fn settle<'a>(report: &mut Report<'a>, acc: Gathered<'a>, history: &History) {
    let Gathered {
        weighted,
        next,
        mut late,
        stalled,
        others,
    } = acc;
    report.others = others;
    late.sort_by(|a, b| {
        b.overdue_days
            .cmp(&a.overdue_days)
            .then(a.path.cmp(&b.path))
    });
    report.overdue = late;
    report.stalled = stalled;
    report.next = next;
    if weighted.1 > 0.0 {
        report.percent = (weighted.0 / weighted.1 * 100.0).round() / 100.0;
        if weighted.3 > 0.0 && history.previous().is_some() {
            let before = weighted.2 / weighted.3;
            report.delta = Some(((report.percent - before) * 100.0).round() / 100.0);
        }
    }
}

/// What a walk through the objectives gathers besides their sections.
#[derive(Default)]
pub(super) struct Gathered<'a> {
    /// Dropped objectives aside: (percent × weight, weight) now, then for
    /// those with an earlier record.
    pub(super) weighted: (f64, f64, f64, f64),
    pub(super) next: Vec<Plan<'a>>,
    pub(super) late: Vec<Late<'a>>,
    pub(super) stalled: Vec<Stalled<'a>>,
    pub(super) others: Vec<OtherReport<'a>>,
}

/// The walk that makes each objective's section of the report.
#[derive(Clone)]
pub(super) struct Walk<'w> {
    past: Option<&'w Snapshot>,
    date: NaiveDate,
    history: &'w History,
    week: String,
    /// Whether the projects' milestones are kept (an [`Outline`] leaves
    /// them out and makes them again an objective at a time).
    milestones: bool,
}

impl<'w> Walk<'w> {
    /// The walk of the current week's report of `date` (`history`: the
    /// weeks before it), with the projects' milestones or without.
    pub(super) fn current(date: NaiveDate, history: &'w History, milestones: bool) -> Self {
        Walk {
            past: None,
            date,
            history,
            week: iso_week_name(date),
            milestones,
        }
    }

    /// The section of `o`, what it adds to the rest gathered in `acc`;
    /// none for an objective the past week did not record.
    pub(super) fn objective<'a>(
        &self,
        o: &'a Objective,
        acc: &mut Gathered<'a>,
    ) -> Option<ObjectiveReport<'a>> {
        let (past, date, history) = (self.past, self.date, self.history);
        let live = past.is_none();
        let text = |t: &'a Option<Box<str>>| if live { t.as_deref() } else { None };
        let change = |path: &str, r: &Record| history.change(path, r);
        let opath = ItemPath::objective(&o.id);
        // each item's record: the current values, walked in the order of the
        // loops below (the objective, then each project and its
        // milestones), or the past week's
        let mut now = Vec::new();
        if live {
            each_in(o, date, |i| now.push(Record::of_item(&i)));
        }
        let mut now = now.into_iter();
        let mut record = |path: &str| match past {
            Some(s) => s.get(path).cloned(),
            None => now.next(),
        };
        let orec = record(&opath.to_string())?;
        let oc = change(&opath.to_string(), &orec);
        if o.fields.status != Some(Status::Dropped) {
            let w = o.fields.weight();
            acc.weighted.0 += orec.percent * w;
            acc.weighted.1 += w;
            if let Some(d) = oc.delta {
                acc.weighted.2 += (orec.percent - d) * w;
                acc.weighted.3 += w;
            }
        }
        if let Some(n) = text(&o.fields.next) {
            acc.next.push(plan_of(&opath, &o.fields.title, n));
        }
        let mut projects = Vec::with_capacity(o.projects.len());
        for pr in &o.projects {
            let ppath = ItemPath::project(&o.id, &pr.id);
            let key = ppath.to_string();
            let Some(prec) = record(&key) else {
                continue;
            };
            let pc = change(&key, &prec);
            note_late(
                &mut acc.late,
                &key,
                &pr.fields.title,
                &pr.fields.owner,
                &prec,
                date,
            );
            if let Some(n) = text(&pr.fields.next) {
                acc.next.push(plan_of(&ppath, &pr.fields.title, n));
            }
            let mut milestones = Vec::with_capacity(if self.milestones {
                pr.milestones.len()
            } else {
                0
            });
            for m in &pr.milestones {
                let key = ItemPath::milestone(&o.id, &pr.id, &m.id).to_string();
                let Some(mrec) = record(&key) else {
                    continue;
                };
                let mc = change(&key, &mrec);
                note_late(
                    &mut acc.late,
                    &key,
                    &m.fields.title,
                    &m.fields.owner,
                    &mrec,
                    date,
                );
                if mc.stalled_weeks > 0 {
                    acc.stalled.push(Stalled {
                        path: key.clone(),
                        title: &m.fields.title,
                        percent: mrec.percent,
                        weeks: mc.stalled_weeks,
                    });
                }
                if let Some(n) = text(&m.fields.next) {
                    acc.next.push(plan_of(
                        &ItemPath::milestone(&o.id, &pr.id, &m.id),
                        &m.fields.title,
                        n,
                    ));
                }
                if !self.milestones {
                    continue;
                }
                let mut mr = milestone_report(key, m, &mrec, &mc, date);
                if !live {
                    mr.done = None;
                    mr.blocker = None;
                    mr.update = None;
                    mr.note = None;
                    mr.next = None;
                }
                milestones.push(mr);
            }
            if pc.stalled_weeks > 0 {
                acc.stalled.push(Stalled {
                    path: ppath.to_string(),
                    title: &pr.fields.title,
                    percent: prec.percent,
                    weeks: pc.stalled_weeks,
                });
            }
            projects.push(ProjectReport {
                path: ppath.to_string(),
                title: &pr.fields.title,
                owner: pr.fields.owner.as_deref(),
                percent: prec.percent,
                delta: pc.delta,
                is_new: pc.is_new,
                status: prec.status,
                due: prec.due,
                overdue_days: overdue_days(prec.due, prec.status, date),
                update: text(&pr.fields.update),
                blocker: text(&pr.fields.blocker),
                stages: &pr.stages,
                note: text(&pr.fields.note),
                next: text(&pr.fields.next),
                milestones,
            });
        }
        let section = ObjectiveReport {
            path: opath.to_string(),
            title: &o.fields.title,
            owner: o.fields.owner.as_deref(),
            percent: orec.percent,
            delta: oc.delta,
            status: orec.status,
            update: text(&o.fields.update),
            weeks: burn_up(history, &self.week, &opath.to_string(), orec.percent),
            note: text(&o.fields.note),
            blocker: text(&o.fields.blocker),
            projects,
        };
        if live {
            others_of(o, &opath, &mut acc.others, &mut acc.next);
        }
        Some(section)
    }
}

/// The percent of the item at `path` in each earlier week that recorded
/// it, oldest first, then `now` in `week`.
pub(super) fn burn_up(history: &History, week: &str, path: &str, now: f64) -> Vec<WeekPoint> {
    let mut points: Vec<WeekPoint> = history
        .earlier
        .iter()
        .rev()
        .filter_map(|s| {
            s.get(path).map(|r| WeekPoint {
                week: s.week.clone(),
                percent: r.percent,
            })
        })
        .collect();
    points.push(WeekPoint {
        week: week.to_string(),
        percent: now,
    });
    points
}

/// An objective's `[[other]]` entries: those with a title are the week's
/// 其他, those with a `next` lines of next week's plan.
fn others_of<'a>(
    o: &'a Objective,
    path: &ItemPath,
    others: &mut Vec<OtherReport<'a>>,
    next: &mut Vec<Plan<'a>>,
) {
    for other in &o.others {
        if let Some(title) = &other.title {
            others.push(OtherReport {
                objective: path.to_string(),
                title,
                note: other.note.as_deref(),
                date: other.date,
            });
        }
        if let Some(n) = &other.next {
            next.push(plan_of(path, other.title.as_deref().unwrap_or(""), n));
        }
    }
}

fn plan_of<'a>(path: &ItemPath, title: &'a str, next: &'a str) -> Plan<'a> {
    Plan {
        path: path.to_string(),
        title,
        next,
    }
}

fn note_late<'a>(
    late: &mut Vec<Late<'a>>,
    path: &str,
    title: &'a str,
    owner: &'a Option<std::sync::Arc<str>>,
    r: &Record,
    date: NaiveDate,
) {
    let days = overdue_days(r.due, r.status, date);
    if let (true, Some(due)) = (days > 0, r.due) {
        late.push(Late {
            path: path.to_string(),
            title,
            owner: owner.as_deref(),
            due,
            overdue_days: days,
            status: r.status,
        });
    }
}

fn milestone_report<'a>(
    path: String,
    m: &'a Milestone,
    r: &Record,
    c: &Movement,
    date: NaiveDate,
) -> MilestoneReport<'a> {
    MilestoneReport {
        path,
        title: &m.fields.title,
        percent: r.percent,
        delta: c.delta,
        is_new: c.is_new,
        status: r.status,
        total: m.total,
        done: m.done,
        stage: r.stage.as_deref().map(String::from),
        stage_from: c.stage_from.clone(),
        due: r.due,
        overdue_days: overdue_days(r.due, r.status, date),
        slip_days: c.slip_days,
        stalled_weeks: c.stalled_weeks,
        blocker: m.fields.blocker.as_deref(),
        update: m.fields.update.as_deref(),
        note: m.fields.note.as_deref(),
        next: m.fields.next.as_deref(),
    }
}

/// A report whose projects are without their milestones, and the way to
/// make each objective's whole section when its turn comes
/// ([`Outline::objective`]): what `stride report` writes out as it
/// renders, so that the milestones of one objective are in memory at a
/// time, not the whole portfolio's.
pub struct Outline<'a, 'w> {
    pub report: Report<'a>,
    p: &'a Portfolio,
    walk: Walk<'w>,
    /// The index in `p.objectives` of each objective of the report.
    index: Vec<usize>,
}

impl<'a> Outline<'a, '_> {
    /// The whole section of the report's objective `i` (in
    /// `report.objectives`), milestones and all: what [`build`] makes.
    pub fn objective(&self, i: usize) -> ObjectiveReport<'a> {
        let o = &self.p.objectives[self.index[i]];
        let whole = Walk {
            milestones: true,
            ..self.walk.clone()
        };
        // the rest gathered on the way was gathered by the outline already
        whole
            .objective(o, &mut Gathered::default())
            .unwrap_or_else(|| self.report.objectives[i].clone())
    }
}

/// Why a report cannot be made.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ReportError(pub String);

/// The report of `today`'s week from the current data, or of a past `week`
/// (like `2023-W24`) from its history file.
pub fn for_week<'a>(
    p: &'a Portfolio,
    today: NaiveDate,
    week: Option<&str>,
) -> Result<Report<'a>, ReportError> {
    outline_with(p, today, week, true, |o| o.report)
}

/// [`for_week`] as an [`Outline`] given to `f`: the report without its
/// milestones, each objective's whole section made when asked for.
pub fn outline_for_week<'a, R>(
    p: &'a Portfolio,
    today: NaiveDate,
    week: Option<&str>,
    f: impl FnOnce(Outline<'a, '_>) -> R,
) -> Result<R, ReportError> {
    outline_with(p, today, week, false, f)
}

fn outline_with<'a, R>(
    p: &'a Portfolio,
    today: NaiveDate,
    week: Option<&str>,
    milestones: bool,
    f: impl FnOnce(Outline<'a, '_>) -> R,
) -> Result<R, ReportError> {
    let outline = |past: Option<&Snapshot>, date, history: &History| {
        let (report, walk, index) = walk_all(p, past, date, history, milestones);
        f(Outline {
            report,
            p,
            walk,
            index,
        })
    };
    let current = iso_week_name(today);
    match week {
        Some(w) if w != current => {
            let monday = settings::parse_iso_week(w).ok_or_else(|| {
                ReportError(format!("`{w}` is not a week: write it like {current}"))
            })?;
            let path = p.dir.join(history::DIR).join(format!("{w}.toml"));
            let text = crate::core::fsio::read_regular(&path).and_then(|b| String::from_utf8(b).map_err(std::io::Error::other)).map_err(|e| {
                ReportError(format!(
                    "no history for {w}: cannot read {}: {e} (history is recorded when stride saves, or by `stride snapshot`)",
                    path.display()
                ))
            })?;
            let snap = history::parse(&path, &text).map_err(|d| ReportError(d.to_string()))?;
            let date = snap.taken.unwrap_or_else(|| monday + chrono::Days::new(6));
            Ok(outline(Some(&snap), date, &History::load_before(&p.dir, w)))
        }
        _ => Ok(outline(None, today, &History::load(&p.dir, today))),
    }
}
