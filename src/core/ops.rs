//! Operations: service metrics against their targets, and the incident log.
//!
//! Objective files may hold `[metric.ID]` tables and `[[incident]]` entries
//! beside their projects. A metric is addressed as `objective/ID`, like a
//! project. Incidents belong to the week of their `at` time. The data types
//! ([`Metric`], [`Incident`], [`Grade`]) are part of the model; this module
//! holds what is worked out from them: weeks, grade counts, where each
//! incident is.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::model::{Grade, Incident, Metric, Portfolio};
use super::settings::{Settings, WeekNumbering, jan1_week, monday_of};

/// A week: the Monday that starts it, Monday to Sunday.
pub fn week_of(t: NaiveDateTime) -> NaiveDate {
    monday_of(t.date())
}

/// The week number of an incident as the team counts weeks.
pub fn week_number(t: NaiveDateTime, settings: &Settings) -> u32 {
    match settings.week_numbering {
        WeekNumbering::Iso => t.date().iso_week().week(),
        WeekNumbering::Jan1 => jan1_week(t.date()),
    }
}

/// Counts of graded incidents, as the team reports them (AB级, CD级).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GradeCounts {
    pub ab: usize,
    pub cd: usize,
    /// Events without a grade: listed, not counted as incidents.
    pub ungraded: usize,
}

/// Counts the grades of `incidents`.
pub fn grade_counts<'a>(incidents: impl IntoIterator<Item = &'a Incident>) -> GradeCounts {
    let mut c = GradeCounts::default();
    for i in incidents {
        match i.grade {
            Some(Grade::A | Grade::B) => c.ab += 1,
            Some(Grade::C | Grade::D) => c.cd += 1,
            None => c.ungraded += 1,
        }
    }
    c
}

/// An incident with the objective it is recorded in.
#[derive(Clone, Debug)]
pub struct Located<'a> {
    pub objective: &'a str,
    /// Its index among the objective's incidents.
    pub index: usize,
    pub incident: &'a Incident,
}

impl Portfolio {
    /// Every metric, with its objective id, in file order.
    pub fn metrics(&self) -> impl Iterator<Item = (&str, &Metric)> {
        self.objectives
            .iter()
            .flat_map(|o| o.metrics.iter().map(move |m| (o.id.as_str(), m)))
    }

    /// Every incident, with where it is, in file order.
    pub fn incidents(&self) -> impl Iterator<Item = Located<'_>> {
        self.objectives.iter().flat_map(|o| {
            o.incidents
                .iter()
                .enumerate()
                .map(move |(index, incident)| Located {
                    objective: &o.id,
                    index,
                    incident,
                })
        })
    }

    /// The incidents of the week starting `monday`, newest first, plus
    /// (when `open_too`) any still open from before.
    pub fn incidents_of_week(&self, monday: NaiveDate, open_too: bool) -> Vec<Located<'_>> {
        newest_first(self.incidents().filter(|l| {
            let w = week_of(l.incident.at);
            w == monday || (open_too && l.incident.is_open() && w < monday)
        }))
    }

    /// The incidents not resolved yet, newest first.
    pub fn open_incidents(&self) -> Vec<Located<'_>> {
        newest_first(self.incidents().filter(|l| l.incident.is_open()))
    }

    /// The week the report of `today` covers: the one just past, as the
    /// team's report of Tuesday 2023-06-20 covers 6/12 to 6/16.
    pub fn reported_week(today: NaiveDate) -> NaiveDate {
        monday_of(today) - chrono::Days::new(7)
    }
}

/// `incidents`, newest first.
fn newest_first<'a>(incidents: impl Iterator<Item = Located<'a>>) -> Vec<Located<'a>> {
    let mut v: Vec<Located> = incidents.collect();
    v.sort_by_key(|l| std::cmp::Reverse(l.incident.at));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Better;
    use crate::core::settings::Language;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    fn inc(at: &str, grade: Option<Grade>) -> Incident {
        Incident {
            at: t(at),
            grade,
            title: "x".into(),
            ..Incident::default()
        }
    }

    #[test]
    fn targets_are_met_from_the_better_side() {
        let mut m = Metric {
            value: 99.99,
            target: Some(99.95),
            ..Metric::default()
        };
        assert_eq!(m.met(), Some(true));
        m.value = 99.95;
        assert_eq!(m.met(), Some(true), "equal meets");
        m.value = 99.9;
        assert_eq!(m.met(), Some(false));
        m.better = Better::Lower;
        assert_eq!(m.met(), Some(true), "latency 99.9 under 99.95");
        m.value = 120.0;
        assert_eq!(m.met(), Some(false));
        m.target = None;
        assert_eq!(m.met(), None);
    }

    #[test]
    fn an_incident_belongs_to_the_week_of_its_time() {
        let monday = NaiveDate::from_ymd_opt(2023, 6, 12).unwrap();
        assert_eq!(week_of(t("2023-06-12T00:00:00")), monday);
        assert_eq!(
            week_of(t("2023-06-18T23:59:00")),
            monday,
            "Sunday 23:59 is the same week"
        );
        assert_eq!(
            week_of(t("2023-06-19T00:00:00")),
            monday + chrono::Days::new(7)
        );
        let iso = Settings::default();
        let jan1 = Settings {
            week_numbering: WeekNumbering::Jan1,
            language: Language::Zh,
            ..Settings::default()
        };
        assert_eq!(week_number(t("2023-06-18T23:59:00"), &iso), 24);
        assert_eq!(week_number(t("2023-06-18T23:59:00"), &jan1), 25);
        assert_eq!(week_number(t("2023-06-15T11:01:00"), &jan1), 25);
        // the team's report of 2023-06-20 (their week 26) covers their week 25
        let reported = Portfolio::reported_week(NaiveDate::from_ymd_opt(2023, 6, 20).unwrap());
        assert_eq!(reported, monday);
    }

    #[test]
    fn grades_count_as_the_team_counts_them() {
        let v = [
            inc("2023-06-12T03:30:00", None),
            inc("2023-06-15T11:01:00", Some(Grade::C)),
            inc("2023-06-15T18:03:00", None),
            inc("2023-06-16T14:35:00", Some(Grade::B)),
            inc("2023-06-16T15:00:00", Some(Grade::D)),
        ];
        assert_eq!(
            grade_counts(&v),
            GradeCounts {
                ab: 1,
                cd: 2,
                ungraded: 2
            }
        );
    }

    #[test]
    fn open_incidents_and_durations() {
        let mut i = inc("2023-06-15T11:01:00", Some(Grade::C));
        assert!(i.is_open());
        assert_eq!(i.minutes(), None);
        i.resolved = Some(t("2023-06-15T15:57:00"));
        assert!(!i.is_open());
        assert_eq!(i.minutes(), Some(296));
    }
}
