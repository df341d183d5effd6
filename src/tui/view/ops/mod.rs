//! The operations view: the metrics against their targets, with their
//! change since last week and a sparkline, then the incidents of a week,
//! newest first, and the selected one's full text. The stand-up's
//! operations page and its summary use the same pieces.
//!
//! `metrics` draws the metrics table, `incidents` the incident list, and
//! `wrap` lays text out in the panes (headings, right-aligned numbers,
//! wrapped and labelled texts).

mod incidents;
mod metrics;
pub(super) mod wrap;

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::core::l10n::with_unit;
use crate::core::model::{Metric, Portfolio};
use crate::core::ops::{Located, grade_counts, week_of};
use crate::core::settings::monday_of;
use crate::core::text::sanitize;
use crate::tui::app::App;
use crate::tui::screens::{Ops, OpsRow};
use crate::tui::strings as t;
use crate::tui::theme;

/// The operations view, with its week and counts in the title.
pub fn render(app: &App, o: &Ops, frame: &mut Frame, area: Rect) {
    let inner = super::common::titled(frame, area, title(app, o));
    body(app, o, frame, inner);
}

/// ` Operations · W24 2023-06-12–06-18 (reported) · AB 0 · CD 1 · 1 open `
fn title(app: &App, o: &Ops) -> String {
    let p = &app.portfolio;
    let incidents = o.incidents(p);
    let counts = grade_counts(
        incidents
            .iter()
            .filter(|l| week_of(l.incident.at) == o.week)
            .map(|l| l.incident),
    );
    let open = incidents.iter().filter(|l| l.incident.is_open()).count();
    let which = if o.week == Portfolio::reported_week(app.today) {
        Some(true)
    } else if o.week == monday_of(app.today) {
        Some(false)
    } else {
        None
    };
    app.strings()
        .ops_title(&week_label(app, o.week), which, counts.ab, counts.cd, open)
}

/// `W24 2023-06-12–06-18`, or `第25周 …` as the team counts weeks.
pub fn week_label(app: &App, monday: NaiveDate) -> String {
    app.strings().week_span(
        monday,
        monday.iso_week().week(),
        app.portfolio.settings.week_number(monday),
    )
}

/// The lists and the detail pane: beside the lists on wide screens, below
/// them otherwise.
pub fn body(app: &App, o: &Ops, frame: &mut Frame, area: Rect) {
    let (list, detail, beside) = if area.width >= 120 {
        let [l, d] = Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
            .areas(area);
        (l, d, true)
    } else {
        let h = (area.height / 3).clamp(5, 12).max(9.min(area.height / 2));
        let [l, d] = Layout::vertical([Constraint::Min(3), Constraint::Length(h)]).areas(area);
        (l, d, false)
    };
    lists(app, o, frame, list);
    let block = Block::new()
        .borders(if beside { Borders::LEFT } else { Borders::TOP })
        .border_style(theme::dim());
    let inner = block.inner(detail);
    frame.render_widget(block, detail);
    let lines = match o.selected(&app.portfolio) {
        Some(OpsRow::Metric(obj, m)) => metrics::detail(app, o, obj, m, inner.width as usize),
        Some(OpsRow::Incident(l)) => {
            incidents::detail(app.strings(), l.incident, inner.width as usize)
        }
        None => vec![],
    };
    // every line is wrapped to the pane already, Chinese included
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The metrics, then the incidents, scrolled to keep the selected row on
/// screen.
fn lists(app: &App, o: &Ops, frame: &mut Frame, area: Rect) {
    let w = area.width as usize;
    let metrics = Ops::metrics(&app.portfolio);
    let mut lines = Vec::new();
    let metric = metrics::rows(app, o, &metrics, w, &mut lines);
    lines.push(Line::raw(""));
    let incident = incidents::rows(app, o, metrics.len(), w, &mut lines);
    let selected_line = incident.or(metric).unwrap_or(0);
    // keep the selected row on screen
    let height = area.height as usize;
    let skip = (selected_line + 1).saturating_sub(height);
    frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), area);
}

/// The stand-up summary's operations section: its heading (the reported
/// week's counts by grade), the missed targets and the open incidents.
pub fn summary(app: &App) -> (String, Vec<(String, Style)>) {
    let p = &app.portfolio;
    let s = app.strings();
    let week = Portfolio::reported_week(app.today);
    let shown = p.incidents_of_week(week, true);
    let counts = grade_counts(
        shown
            .iter()
            .filter(|l| week_of(l.incident.at) == week)
            .map(|l| l.incident),
    );
    let name = s.week_short(
        week.iso_week().week(),
        app.portfolio.settings.week_number(week),
    );
    let heading = s.ops_heading(&name, counts.ab, counts.cd);
    let mut items = Vec::new();
    let metrics = Ops::metrics(p);
    let missed: Vec<&Metric> = metrics
        .iter()
        .map(|(_, m)| *m)
        .filter(|m| m.met() == Some(false))
        .collect();
    for m in &missed {
        let unit = m.unit.as_deref();
        items.push((
            s.missed_line(
                &sanitize(&m.title, false),
                &with_unit(m.value, unit),
                &m.target.map(|t| with_unit(t, unit)).unwrap_or_default(),
            ),
            theme::overdue(),
        ));
    }
    let with_target = metrics.iter().filter(|(_, m)| m.target.is_some()).count();
    if missed.is_empty() && with_target > 0 {
        items.push((s.all_met(with_target), theme::info()));
    }
    let open: Vec<&Located> = shown.iter().filter(|l| l.incident.is_open()).collect();
    for l in &open {
        items.push((
            s.open_line(
                &sanitize(&l.incident.title, false),
                &l.incident.at.format("%m-%d").to_string(),
            ),
            theme::due_soon(),
        ));
    }
    if open.is_empty() {
        items.push((s.get(t::NO_OPEN).to_string(), theme::dim()));
    }
    (heading, items)
}
