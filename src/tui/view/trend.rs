//! The trend screen: the weekly percent of one item over the recorded weeks
//! (a line), its due date (an upright line) and the straight line of its
//! forecast on to 100% (dots), then the same in words.

use chrono::{Datelike as _, Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, LegendPosition, Paragraph, Wrap};

use crate::core::forecast::{Forecast, PACE_POINTS, WeekPoint, forecast, pace, weekly};
use crate::core::settings::monday_of;
use crate::core::text::{percent, sanitize};
use crate::tui::app::App;
use crate::tui::screens::Trend;
use crate::tui::strings::{self as t, Strings};
use crate::tui::theme;

/// How many weeks the chart reaches either side of this one at most.
const REACH: i64 = 26;

pub fn render(app: &App, trend: &Trend, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let Some(item) = app.portfolio.get(&trend.path) else {
        return;
    };
    let f = item.fields();
    let now = item.percent();
    let points = weekly(&app.history, &trend.path.to_string(), app.today, now);
    let due = f.due;
    let fc = forecast(&points, due);
    let inner = super::common::titled(frame, area, s.trend_title(&sanitize(&f.title, false)));
    let words = words(app, &points, &fc, due);
    let text = Paragraph::new(words).wrap(Wrap { trim: false });
    let rows = (text.line_count(inner.width) as u16).min(inner.height / 2);
    let [chart, below] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(rows)]).areas(inner);
    render_chart(app, &points, &fc, due, frame, chart);
    frame.render_widget(text, below);
}

/// A week as the team names it: `W26`, `第26周`.
fn week_label(app: &App, s: Strings, monday: NaiveDate) -> String {
    let iso = monday.iso_week().week();
    s.week_short(iso, app.portfolio.settings.week_number(monday))
}

/// The Monday `x` weeks from this one.
fn monday_at(app: &App, x: i64) -> NaiveDate {
    let this = monday_of(app.today);
    let days = Days::new(7 * x.unsigned_abs());
    if x >= 0 {
        this.checked_add_days(days).unwrap_or(this)
    } else {
        this.checked_sub_days(days).unwrap_or(this)
    }
}

fn render_chart(
    app: &App,
    points: &[WeekPoint],
    fc: &Forecast,
    due: Option<NaiveDate>,
    frame: &mut Frame,
    area: Rect,
) {
    let s = app.strings();
    let recorded: Vec<(f64, f64)> = points
        .iter()
        .map(|p| (p.weeks_from(app.today) as f64, p.percent))
        .collect();
    let first = recorded.first().map_or(0, |p| p.0 as i64);
    let due_x = due
        .map(|d| {
            (monday_of(d) - monday_of(app.today))
                .num_days()
                .div_euclid(7)
        })
        .filter(|x| (-REACH..=REACH).contains(x));
    let reach = match fc {
        Forecast::Reaches { exact, .. } => Some(exact.ceil().min(REACH as f64) as i64),
        _ => None,
    };
    let lo = first.min(due_x.unwrap_or(0)).max(-REACH);
    let mut hi = 0.max(reach.unwrap_or(0)).max(due_x.unwrap_or(0));
    hi = hi.max(lo + 4);
    if (hi - lo) % 2 == 1 {
        hi += 1;
    }
    let forecast_line: Vec<(f64, f64)> = match (fc, points.last()) {
        (Forecast::Reaches { pace, exact, .. }, Some(last)) => {
            let end = exact.min(hi as f64);
            vec![(0.0, last.percent), (end, last.percent + pace * end)]
        }
        _ => vec![],
    };
    let due_line: Vec<(f64, f64)> = due_x
        .map(|x| vec![(x as f64, 0.0), (x as f64, 100.0)])
        .unwrap_or_default();
    let mut sets = vec![
        Dataset::default()
            .name(s.get(t::SERIES_PERCENT))
            .marker(Marker::Braille)
            .graph_type(if recorded.len() > 1 {
                GraphType::Line
            } else {
                GraphType::Scatter
            })
            .style(Style::new().fg(theme::gauge(crate::core::Status::InProgress)))
            .data(&recorded),
    ];
    if !forecast_line.is_empty() {
        sets.push(
            Dataset::default()
                .name(s.get(t::SERIES_FORECAST))
                .marker(Marker::Dot)
                .graph_type(GraphType::Line)
                .style(if fc.is_late() {
                    theme::overdue()
                } else {
                    theme::info()
                })
                .data(&forecast_line),
        );
    }
    if let (Some(d), false) = (due, due_line.is_empty()) {
        sets.push(
            Dataset::default()
                .name(s.series_due(&week_label(app, s, monday_of(d))))
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme::due_soon())
                .data(&due_line),
        );
    }
    // the ends and the middle: ratatui centres a middle label in its
    // share of the axis, which is a week's place only for the middle one
    let at = [lo, (lo + hi) / 2, hi];
    let labels: Vec<Line> = at
        .iter()
        .map(|&x| Line::from(week_label(app, s, monday_at(app, x))))
        .collect();
    let chart = Chart::new(sets)
        .x_axis(
            Axis::default()
                .bounds([lo as f64, hi as f64])
                .labels(labels)
                .style(theme::dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(["0%", "50%", "100%"])
                .style(theme::dim()),
        )
        .legend_position(Some(LegendPosition::BottomRight))
        .hidden_legend_constraints((Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)));
    frame.render_widget(chart, area);
}

/// Under the chart: the percent now and the pace, the forecast, the due
/// date, and each week's percent.
fn words(
    app: &App,
    points: &[WeekPoint],
    fc: &Forecast,
    due: Option<NaiveDate>,
) -> Vec<Line<'static>> {
    let s = app.strings();
    let Some(last) = points.last() else {
        return vec![];
    };
    let since = week_label(
        app,
        s,
        points[points.len().saturating_sub(PACE_POINTS)].monday,
    );
    let p = pace(points).map(|p| (p, since.as_str()));
    let mut lines = vec![Line::raw(s.trend_now(
        &percent(last.percent),
        &week_label(app, s, last.monday),
        p,
    ))];
    lines.push(match fc {
        Forecast::Done => Line::styled(s.get(t::FORECAST_DONE), theme::info()),
        Forecast::NoPace if points.len() < 2 => {
            Line::styled(s.get(t::NO_FORECAST_WEEKS), theme::dim())
        }
        Forecast::NoPace => Line::styled(s.get(t::NO_FORECAST_PACE), theme::due_soon()),
        Forecast::Reaches {
            monday, after_due, ..
        } => Line::styled(
            s.trend_forecast(
                app.portfolio.settings.week_number(*monday),
                &monday.to_string(),
                *after_due,
            ),
            if fc.is_late() {
                theme::overdue()
            } else {
                theme::info()
            },
        ),
    });
    lines.push(match due {
        Some(d) => Line::raw(s.trend_due(&d.to_string(), &week_label(app, s, monday_of(d)))),
        None => Line::styled(s.get(t::NO_DUE), theme::dim()),
    });
    let weeks: Vec<String> = points
        .iter()
        .map(|p| format!("{} {}%", week_label(app, s, p.monday), percent(p.percent)))
        .collect();
    lines.push(Line::styled(weeks.join(" · "), theme::dim()));
    lines
}
