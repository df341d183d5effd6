//! An incident in a form: its fields in the order the form asks for them,
//! and its times, grade and yes/no read as people type them.

use chrono::{NaiveDateTime, NaiveTime, Timelike};

use crate::core::model::{Grade, Incident};

/// The fields of an incident, in the order the form asks for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncidentField {
    At,
    Grade,
    Title,
    Impact,
    Cause,
    Action,
    Resolved,
    Business,
}

impl IncidentField {
    pub const ALL: [IncidentField; 8] = [
        IncidentField::At,
        IncidentField::Grade,
        IncidentField::Title,
        IncidentField::Impact,
        IncidentField::Cause,
        IncidentField::Action,
        IncidentField::Resolved,
        IncidentField::Business,
    ];

    /// The key in the TOML file.
    pub fn key(self) -> &'static str {
        match self {
            IncidentField::At => "at",
            IncidentField::Grade => "grade",
            IncidentField::Title => "title",
            IncidentField::Impact => "impact",
            IncidentField::Cause => "cause",
            IncidentField::Action => "action",
            IncidentField::Resolved => "resolved",
            IncidentField::Business => "business_impact",
        }
    }

    /// The field's text in the form, for an incident.
    pub(super) fn of(self, i: &Incident) -> String {
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        match self {
            IncidentField::At => show_time(i.at),
            IncidentField::Grade => i.grade.map(|g| g.as_str().to_string()).unwrap_or_default(),
            IncidentField::Title => i.title.clone(),
            IncidentField::Impact => text(&i.impact),
            IncidentField::Cause => text(&i.cause),
            IncidentField::Action => text(&i.action),
            IncidentField::Resolved => i.resolved.map(show_time).unwrap_or_default(),
            IncidentField::Business => if i.business_impact { "y" } else { "n" }.to_string(),
        }
    }
}

/// `2023-06-15 11:01`, with seconds only when there are some.
pub fn show_time(t: NaiveDateTime) -> String {
    if t.second() == 0 {
        t.format("%Y-%m-%d %H:%M").to_string()
    } else {
        t.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// Reads a time as people type it: `2023-06-15 11:01`, `2023-06-15T11:01`
/// (seconds optional), `11:01` (that time on `now`'s day), or `now`.
pub fn parse_time(s: &str, now: NaiveDateTime) -> Option<NaiveDateTime> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("now") {
        return now.with_nanosecond(0);
    }
    for f in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t);
        }
    }
    ["%H:%M", "%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(s, f).ok())
        .map(|t| now.date().and_time(t))
}

/// A grade as typed: `C` or `c` is `Some(Some(C))`; empty is an ungraded
/// event, `Some(None)`; anything else does not read (`None`).
pub fn parse_grade(s: &str) -> Option<Option<Grade>> {
    let s = s.trim();
    if s.is_empty() {
        return Some(None);
    }
    Grade::parse(&s.to_ascii_uppercase()).map(Some)
}

/// Whether business was affected: `y`/`n` (also yes, no, true, false, 是, 否;
/// empty is no).
pub fn parse_yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "n" | "no" | "false" | "否" => Some(false),
        "y" | "yes" | "true" | "是" => Some(true),
        _ => None,
    }
}
