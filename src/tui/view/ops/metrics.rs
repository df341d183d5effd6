//! The metrics table: each metric's value against its target, its change
//! since last week and its sparkline; and the selected metric's detail.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::wrap::{heading, join_wrapped, right, wrapped};
use crate::core::history::{Snapshot, sparkline};
use crate::core::l10n::with_unit;
use crate::core::model::Portfolio;
use crate::core::model::{Better, Metric};
use crate::core::settings::iso_week_name;
use crate::core::text::{fit, sanitize, width};
use crate::tui::app::App;
use crate::tui::screens::Ops;
use crate::tui::strings::{self as t, Strings};
use crate::tui::theme;

// the columns of the metric rows, after the title
const VALUE_W: usize = 10;
const TARGET_W: usize = 10;
const MET_W: usize = 11;
const DELTA_W: usize = 9;
const TREND_W: usize = 13;

/// The metric values the view shows for its week: those of the report
/// that lists the week's incidents. For the week just past, today's; for
/// an earlier week, those history recorded the week after (when that
/// week's report was made), and the weeks before them for the change
/// and the trend.
struct AsOf<'a> {
    /// `None` for today's values.
    recorded: Option<Option<&'a Snapshot>>,
    /// The weeks before the values, newest first.
    earlier: &'a [Snapshot],
}

impl<'a> AsOf<'a> {
    fn of(app: &'a App, o: &Ops) -> Self {
        let all = app.history.earlier.as_slice();
        if o.week >= Portfolio::reported_week(app.today) {
            return AsOf {
                recorded: None,
                earlier: all,
            };
        }
        let name = iso_week_name(o.week + chrono::Days::new(7));
        match all.iter().position(|s| s.week == name) {
            Some(i) => AsOf {
                recorded: Some(Some(&all[i])),
                earlier: &all[i + 1..],
            },
            None => AsOf {
                recorded: Some(None),
                earlier: &[],
            },
        }
    }

    /// The metric with the value of the week; `None` when none was recorded.
    fn metric(&self, path: &str, m: &Metric) -> Option<Metric> {
        let value = match self.recorded {
            None => m.value,
            Some(snap) => snap?.metric(path)?,
        };
        Some(Metric { value, ..m.clone() })
    }

    fn delta(&self, path: &str, now: f64) -> Option<f64> {
        let then = self.earlier.first()?.metric(path)?;
        Some(((now - then) * 1000.0).round() / 1000.0)
    }

    fn series(&self, path: &str, now: f64) -> Vec<f64> {
        let mut v: Vec<f64> = self
            .earlier
            .iter()
            .rev()
            .filter_map(|s| s.metric(path))
            .collect();
        v.push(now);
        v
    }
}

/// The metrics' heading and rows, `w` columns wide, added to `lines`;
/// the line of the selected one, if it is a metric.
pub(super) fn rows(
    app: &App,
    o: &Ops,
    metrics: &[(&str, &Metric)],
    w: usize,
    lines: &mut Vec<Line<'static>>,
) -> Option<usize> {
    let s = app.strings();
    let as_of = AsOf::of(app, o);
    let mut selected_line = None;
    // the titles take what they need, up to what the numbers leave
    let widest = metrics
        .iter()
        .map(|(_, m)| width(&sanitize(&m.title, false)) + 2)
        .max()
        .unwrap_or(0)
        .max(width(s.get(t::METRICS)));
    let title_w = w
        .saturating_sub(2 + VALUE_W + TARGET_W + MET_W + DELTA_W + TREND_W)
        .min(widest.max(12))
        .max(10);
    lines.push(heading(
        format!(
            "{}{}{}{}{} {}",
            fit(s.get(t::METRICS), 2 + title_w),
            right(s.get(t::COL_VALUE), VALUE_W - 1) + " ",
            right(s.get(t::COL_TARGET), TARGET_W - 1) + " ",
            fit(&format!("  {}", s.get(t::COL_MET)), MET_W),
            right(s.get(t::COL_DELTA), DELTA_W - 1),
            s.get(t::COL_TREND),
        ),
        w,
    ));
    if metrics.is_empty() {
        lines.push(Line::styled(
            fit(&format!("  {}", s.get(t::NO_METRICS)), w),
            theme::dim(),
        ));
    }
    for (i, (obj, m)) in metrics.iter().enumerate() {
        let selected = o.row == i;
        if selected {
            selected_line = Some(lines.len());
        }
        let path = format!("{obj}/{}", m.id);
        let unit = m.unit.as_deref();
        let Some(m) = &as_of.metric(&path, m) else {
            let line = Line::from(vec![
                Span::raw(if selected { "▶ " } else { "  " }),
                Span::raw(fit(&sanitize(&m.title, false), title_w)),
                Span::styled(right("—", VALUE_W - 1), theme::dim()),
            ]);
            lines.push(line);
            continue;
        };
        let (met, met_style) = met_label(s, m);
        let (delta, good) = as_of
            .delta(&path, m.value)
            .map_or((String::new(), None), |d| metric_change(d, m.better));
        let series = as_of.series(&path, m.value);
        let trend = if series.len() >= 2 {
            let from = series.len().saturating_sub(TREND_W);
            sparkline(&series[from..])
        } else {
            String::new()
        };
        let line = Line::from(vec![
            Span::raw(if selected { "▶ " } else { "  " }),
            Span::raw(fit(&sanitize(&m.title, false), title_w)),
            Span::raw(right(&with_unit(m.value, unit), VALUE_W - 1) + " "),
            Span::styled(
                right(
                    &m.target.map(|t| with_unit(t, unit)).unwrap_or_default(),
                    TARGET_W - 1,
                ) + " ",
                theme::dim(),
            ),
            Span::styled(fit(&format!("  {met}"), MET_W), met_style),
            Span::styled(right(&delta, DELTA_W - 1) + " ", change_style(good)),
            Span::styled(
                fit(&trend, TREND_W),
                Style::new().fg(ratatui::style::Color::Cyan),
            ),
        ]);
        lines.push(if selected {
            line.patch_style(theme::selected())
        } else {
            line
        });
    }
    selected_line
}

/// `▲ 0.01`, `▼ 0.02`, `±0`: a metric's change, and whether it went the
/// better way (`None` when unchanged).
fn metric_change(d: f64, better: Better) -> (String, Option<bool>) {
    if d == 0.0 {
        return ("±0".into(), None);
    }
    let up = d > 0.0;
    let text = if up {
        format!("▲ {d}")
    } else {
        format!("▼ {}", -d)
    };
    (text, Some(up == (better == Better::Higher)))
}

fn change_style(good: Option<bool>) -> Style {
    match good {
        Some(true) => theme::info(),
        Some(false) => theme::error(),
        None => theme::dim(),
    }
}

/// `✓ met`, `✗ missed`, `– none`, with its colour.
fn met_label(s: Strings, m: &Metric) -> (&'static str, Style) {
    match m.met() {
        Some(true) => (s.get(t::MET), theme::info()),
        Some(false) => (s.get(t::MISSED), theme::overdue()),
        None => (s.get(t::NO_TARGET), theme::dim()),
    }
}

/// The selected metric: value and target, the change since last week,
/// the trend, and its path.
pub(super) fn detail(
    app: &App,
    o: &Ops,
    objective: &str,
    m: &Metric,
    cols: usize,
) -> Vec<Line<'static>> {
    let s = app.strings();
    let path = format!("{objective}/{}", m.id);
    let as_of = AsOf::of(app, o);
    let Some(m) = &as_of.metric(&path, m) else {
        return wrapped(&m.title, cols, Style::new().add_modifier(Modifier::BOLD));
    };
    let unit = m.unit.as_deref();
    let target = m
        .target
        .map(|t| (with_unit(t, unit), m.better == Better::Higher));
    let (met, met_style) = met_label(s, m);
    let mut lines = wrapped(&m.title, cols, Style::new().add_modifier(Modifier::BOLD));
    let value = s.metric_value_target(
        &with_unit(m.value, unit),
        target.as_ref().map(|(t, h)| (t.as_str(), *h)),
    );
    lines.extend(join_wrapped(
        vec![Span::raw(value), Span::styled(met, met_style)],
        "   ",
        cols,
    ));
    if let (Some(prev), Some(d)) = (as_of.earlier.first(), as_of.delta(&path, m.value)) {
        let (text, good) = metric_change(d, m.better);
        let since = s.metric_since(&prev.week, &text);
        lines.extend(wrapped(&since, cols, change_style(good)));
    }
    let series = as_of.series(&path, m.value);
    if series.len() >= 2 {
        let trend = s.metric_trend(&sparkline(&series), series.len());
        lines.extend(wrapped(&trend, cols, Style::new()));
    }
    let hint = format!("{path} · {}", s.get(t::SET_VALUE_HINT));
    lines.extend(wrapped(&hint, cols, theme::dim()));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_as_the_team_writes_them() {
        assert_eq!(
            metric_change(0.01, Better::Higher),
            ("▲ 0.01".into(), Some(true))
        );
        assert_eq!(
            metric_change(-0.02, Better::Higher),
            ("▼ 0.02".into(), Some(false))
        );
        assert_eq!(
            metric_change(-5.0, Better::Lower),
            ("▼ 5".into(), Some(true))
        );
        assert_eq!(metric_change(0.0, Better::Lower), ("±0".into(), None));
    }
}
