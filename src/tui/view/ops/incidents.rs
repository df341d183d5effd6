//! The incidents of a week: one row each, newest first, and the selected
//! one's full text.

use chrono::NaiveDateTime;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::wrap::{heading, join_wrapped, labelled, wrapped};
use crate::core::model::{Grade, Incident};
use crate::core::ops::Located;
use crate::core::text::{fit, sanitize};
use crate::tui::app::App;
use crate::tui::form::IncidentField;
use crate::tui::screens::Ops;
use crate::tui::strings::{self as t, Strings};
use crate::tui::theme;

// the columns of the incident rows, before the title (the duration's
// width is the language's)
const TIME_W: usize = 14;
const GRADE_W: usize = 7;
const BUSINESS_W: usize = 9;

/// The incidents' heading and rows, `w` columns wide, added to `lines`
/// (the rows of the ops view are numbered from `first_row`); the line of
/// the selected one, if it is an incident.
pub(super) fn rows(
    app: &App,
    o: &Ops,
    first_row: usize,
    w: usize,
    lines: &mut Vec<Line<'static>>,
) -> Option<usize> {
    let s = app.strings();
    let mut selected_line = None;
    let incidents = o.incidents(&app.portfolio);
    let duration_w = s.duration_width();
    lines.push(heading(
        format!(
            "{}{}{}{}{}",
            fit(s.get(t::INCIDENTS), TIME_W),
            fit(s.get(t::COL_GRADE), GRADE_W),
            fit(s.get(t::COL_DURATION), duration_w),
            fit(s.get(t::COL_BUSINESS), BUSINESS_W),
            s.get(t::COL_TITLE),
        ),
        w,
    ));
    if incidents.is_empty() {
        lines.push(Line::styled(
            fit(&format!("  {}", s.get(t::NO_INCIDENTS)), w),
            theme::dim(),
        ));
    }
    let inc_title_w = w.saturating_sub(TIME_W + GRADE_W + duration_w + BUSINESS_W);
    for (i, l) in incidents.iter().enumerate() {
        let selected = o.row == first_row + i;
        if selected {
            selected_line = Some(lines.len());
        }
        let line = incident_row(s, l, selected, inc_title_w);
        lines.push(if selected {
            line.patch_style(theme::selected())
        } else {
            line
        });
    }
    selected_line
}

fn incident_row(s: Strings, l: &Located<'_>, selected: bool, title_w: usize) -> Line<'static> {
    let i = l.incident;
    let grade = i
        .grade
        .map_or_else(|| s.get(t::EVENT).to_string(), |g| s.grade(g));
    let (duration, duration_style) = match i.minutes() {
        Some(m) => (s.duration(m), Style::new()),
        None => (s.get(t::OPEN).to_string(), theme::due_soon()),
    };
    let (business, business_style) = if i.business_impact {
        (s.get(t::YES), theme::overdue())
    } else {
        (s.get(t::NO), theme::dim())
    };
    Line::from(vec![
        Span::raw(if selected { "▶ " } else { "  " }),
        Span::raw(fit(&i.at.format("%m-%d %H:%M").to_string(), TIME_W - 2)),
        Span::styled(fit(&grade, GRADE_W), grade_style(i.grade)),
        Span::styled(fit(&duration, s.duration_width()), duration_style),
        Span::styled(fit(business, BUSINESS_W), business_style),
        Span::raw(fit(&sanitize(&i.title, false), title_w)),
    ])
}

/// `2023-06-15 11:01 → 15:57`, with the day again when it is another.
fn time_span(at: NaiveDateTime, resolved: Option<NaiveDateTime>) -> String {
    let from = at.format("%Y-%m-%d %H:%M").to_string();
    match resolved {
        Some(r) if r.date() == at.date() => format!("{from} → {}", r.format("%H:%M")),
        Some(r) => format!("{from} → {}", r.format("%Y-%m-%d %H:%M")),
        None => from,
    }
}

fn grade_style(g: Option<Grade>) -> Style {
    match g {
        Some(Grade::A | Grade::B) => theme::overdue(),
        Some(Grade::C | Grade::D) => theme::due_soon().add_modifier(Modifier::BOLD),
        None => theme::dim(),
    }
}

/// The selected incident: title, times, grade, business impact, and its
/// impact, cause and action in full, wrapped to `cols` columns.
pub fn detail(s: Strings, i: &Incident, cols: usize) -> Vec<Line<'static>> {
    let mut meta = vec![Span::raw(time_span(i.at, i.resolved))];
    meta.push(match i.minutes() {
        Some(m) => Span::raw(s.took(m)),
        None => Span::styled(s.get(t::OPEN), theme::due_soon()),
    });
    meta.push(match i.grade {
        Some(g) => Span::styled(s.grade_long(g), grade_style(Some(g))),
        None => Span::styled(s.get(t::UNGRADED), theme::dim()),
    });
    meta.push(if i.business_impact {
        Span::styled(s.get(t::BUSINESS_AFFECTED), theme::overdue())
    } else {
        Span::styled(s.get(t::NO_BUSINESS_IMPACT), theme::dim())
    });
    let mut lines = wrapped(&i.title, cols, Style::new().add_modifier(Modifier::BOLD));
    lines.extend(join_wrapped(meta, " · ", cols));
    for (f, v) in [
        (IncidentField::Impact, &i.impact),
        (IncidentField::Cause, &i.cause),
        (IncidentField::Action, &i.action),
    ] {
        if let Some(v) = v {
            lines.extend(labelled(s, s.incident_field(f), v, cols, Style::new()));
        }
    }
    lines
}
