//! The operations view: the metrics against their targets, with their
//! change since last week and a sparkline, then the incidents of a week,
//! newest first, and the selected one's full text. The stand-up's
//! operations page and its summary use the same pieces.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::core::history::sparkline;
use crate::core::model::Portfolio;
use crate::core::model::{Better, Grade, Incident, Metric};
use crate::core::ops::{Located, grade_counts, week_of};
use crate::core::settings::monday_of;
use crate::core::text::{fit, sanitize, width};
use crate::tui::app::App;
use crate::tui::form::IncidentField;
use crate::tui::screens::{Ops, OpsRow};
use crate::tui::strings::{self as t, Strings};
use crate::tui::theme;

/// The operations view, with its week and counts in the title.
pub fn render(app: &App, o: &Ops, frame: &mut Frame, area: Rect) {
    let inner = super::titled(frame, area, title(app, o));
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
        Some(OpsRow::Metric(obj, m)) => metric_detail(app, obj, m, inner.width as usize),
        Some(OpsRow::Incident(l)) => {
            incident_detail(app.strings(), l.incident, inner.width as usize)
        }
        None => vec![],
    };
    // every line is wrapped to the pane already, Chinese included
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `s` padded on the left to `cols` columns (cut when longer).
fn right(s: &str, cols: usize) -> String {
    let w = width(s);
    if w >= cols {
        fit(s, cols)
    } else {
        format!("{}{s}", " ".repeat(cols - w))
    }
}

/// `99.99%`: a metric's number as written, with its unit.
pub fn amount(v: f64, unit: Option<&str>) -> String {
    format!("{v}{}", sanitize(unit.unwrap_or(""), false))
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

fn grade_style(g: Option<Grade>) -> Style {
    match g {
        Some(Grade::A | Grade::B) => theme::overdue(),
        Some(Grade::C | Grade::D) => theme::due_soon().add_modifier(Modifier::BOLD),
        None => theme::dim(),
    }
}

// the columns of the metric rows, after the title
const VALUE_W: usize = 10;
const TARGET_W: usize = 10;
const MET_W: usize = 11;
const DELTA_W: usize = 9;
const TREND_W: usize = 13;
// and of the incident rows, before the title
const TIME_W: usize = 14;
const GRADE_W: usize = 7;
const DURATION_W: usize = 10;
const BUSINESS_W: usize = 9;

fn lists(app: &App, o: &Ops, frame: &mut Frame, area: Rect) {
    let p = &app.portfolio;
    let s = app.strings();
    let w = area.width as usize;
    let heading = |text: String| Line::styled(fit(&text, w), theme::label());
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;

    let metrics = Ops::metrics(p);
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
    lines.push(heading(format!(
        "{}{}{}{}{} {}",
        fit(s.get(t::METRICS), 2 + title_w),
        right(s.get(t::COL_VALUE), VALUE_W - 1) + " ",
        right(s.get(t::COL_TARGET), TARGET_W - 1) + " ",
        fit(&format!("  {}", s.get(t::COL_MET)), MET_W),
        right(s.get(t::COL_DELTA), DELTA_W - 1),
        s.get(t::COL_TREND),
    )));
    if metrics.is_empty() {
        lines.push(Line::styled(
            fit(&format!("  {}", s.get(t::NO_METRICS)), w),
            theme::dim(),
        ));
    }
    for (i, (obj, m)) in metrics.iter().enumerate() {
        let selected = o.row == i;
        if selected {
            selected_line = lines.len();
        }
        let path = format!("{obj}/{}", m.id);
        let unit = m.unit.as_deref();
        let (met, met_style) = met_label(s, m);
        let (delta, good) = app
            .history
            .metric_delta(&path, m.value)
            .map_or((String::new(), None), |d| metric_change(d, m.better));
        let series = app.history.metric_series(&path, m.value);
        let trend = if series.len() >= 2 {
            let from = series.len().saturating_sub(TREND_W);
            sparkline(&series[from..])
        } else {
            String::new()
        };
        let line = Line::from(vec![
            Span::raw(if selected { "▶ " } else { "  " }),
            Span::raw(fit(&sanitize(&m.title, false), title_w)),
            Span::raw(right(&amount(m.value, unit), VALUE_W - 1) + " "),
            Span::styled(
                right(
                    &m.target.map(|t| amount(t, unit)).unwrap_or_default(),
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

    lines.push(Line::raw(""));
    let incidents = o.incidents(p);
    lines.push(heading(format!(
        "{}{}{}{}{}",
        fit(s.get(t::INCIDENTS), TIME_W),
        fit(s.get(t::COL_GRADE), GRADE_W),
        fit(s.get(t::COL_DURATION), DURATION_W),
        fit(s.get(t::COL_BUSINESS), BUSINESS_W),
        s.get(t::COL_TITLE),
    )));
    if incidents.is_empty() {
        lines.push(Line::styled(
            fit(&format!("  {}", s.get(t::NO_INCIDENTS)), w),
            theme::dim(),
        ));
    }
    let inc_title_w = w.saturating_sub(TIME_W + GRADE_W + DURATION_W + BUSINESS_W);
    for (i, l) in incidents.iter().enumerate() {
        let selected = o.row == metrics.len() + i;
        if selected {
            selected_line = lines.len();
        }
        let line = incident_row(s, l, selected, inc_title_w);
        lines.push(if selected {
            line.patch_style(theme::selected())
        } else {
            line
        });
    }
    // keep the selected row on screen
    let height = area.height as usize;
    let skip = (selected_line + 1).saturating_sub(height);
    frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), area);
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
        Span::styled(fit(&duration, DURATION_W), duration_style),
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

/// The pieces of `s` that lines break between: words, single spaces, and
/// single wide (Chinese) characters.
fn pieces(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let alone = c.is_whitespace() || unicode_width::UnicodeWidthChar::width(c) == Some(2);
        if alone {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
            }
            out.push(&s[i..i + c.len_utf8()]);
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

/// Punctuation that does not begin a line: it takes the character before
/// it along to the next one.
const CLOSING: &str = "，。、；：！？）」』》〉】…,.;:!?)";

/// `text` in lines of at most `cols` columns: broken between words and
/// between Chinese characters (never before a closing mark like `，`), a
/// word longer than a line cut where it must.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut push = |line: &mut String, used: &mut usize| {
        lines.push(std::mem::take(line).trim_end().to_string());
        *used = 0;
    };
    for piece in pieces(text) {
        let w = width(piece);
        if used + w > cols && used > 0 {
            // a closing mark takes the wide character before it along
            let carry = match line.chars().last() {
                Some(last)
                    if piece.chars().all(|c| CLOSING.contains(c))
                        && unicode_width::UnicodeWidthChar::width(last) == Some(2)
                        && !CLOSING.contains(last)
                        && used > 2 =>
                {
                    line.pop();
                    Some(last)
                }
                _ => None,
            };
            push(&mut line, &mut used);
            if let Some(c) = carry {
                line.push(c);
                used = 2;
            }
            if piece.trim().is_empty() {
                continue;
            }
        }
        if w <= cols {
            line.push_str(piece);
            used += w;
            continue;
        }
        for c in piece.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > cols {
                push(&mut line, &mut used);
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Parts of a line joined by `sep`, a part that does not fit going to the
/// next line (and cut when it is wider than a line).
fn join_wrapped(parts: Vec<Span<'static>>, sep: &str, cols: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for part in parts {
        let w = width(&part.content);
        if used > 0 && used + width(sep) + w > cols {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        if used > 0 {
            line.push(Span::styled(sep.to_string(), theme::dim()));
            used += width(sep);
        }
        let text = fit(&part.content, w.min(cols.saturating_sub(used)));
        used += width(&text);
        line.push(Span::styled(text, part.style));
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// Plain text wrapped to `cols`, in one style.
fn wrapped(text: &str, cols: usize, style: Style) -> Vec<Line<'static>> {
    wrap(&sanitize(text, false), cols)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// A labelled text, wrapped under its label.
fn labelled(s: Strings, name: &str, text: &str, cols: usize, style: Style) -> Vec<Line<'static>> {
    let indent = s.label_width();
    wrap(&sanitize(text, false), cols.saturating_sub(indent))
        .into_iter()
        .enumerate()
        .map(|(n, part)| {
            let head = if n == 0 {
                super::detail::label(s, name)
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![head, Span::styled(part, style)])
        })
        .collect()
}

/// The selected incident: title, times, grade, business impact, and its
/// impact, cause and action in full, wrapped to `cols` columns.
pub fn incident_detail(s: Strings, i: &Incident, cols: usize) -> Vec<Line<'static>> {
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

/// The selected metric: value and target, the change since last week,
/// the trend, and its path.
fn metric_detail(app: &App, objective: &str, m: &Metric, cols: usize) -> Vec<Line<'static>> {
    let s = app.strings();
    let path = format!("{objective}/{}", m.id);
    let unit = m.unit.as_deref();
    let target = m
        .target
        .map(|t| (amount(t, unit), m.better == Better::Higher));
    let (met, met_style) = met_label(s, m);
    let mut lines = wrapped(&m.title, cols, Style::new().add_modifier(Modifier::BOLD));
    let value = s.metric_value_target(
        &amount(m.value, unit),
        target.as_ref().map(|(t, h)| (t.as_str(), *h)),
    );
    lines.extend(join_wrapped(
        vec![Span::raw(value), Span::styled(met, met_style)],
        "   ",
        cols,
    ));
    if let (Some(prev), Some(d)) = (
        app.history.previous(),
        app.history.metric_delta(&path, m.value),
    ) {
        let (text, good) = metric_change(d, m.better);
        let since = s.metric_since(&prev.week, &text);
        lines.extend(wrapped(&since, cols, change_style(good)));
    }
    let series = app.history.metric_series(&path, m.value);
    if series.len() >= 2 {
        let trend = s.metric_trend(&sparkline(&series), series.len());
        lines.extend(wrapped(&trend, cols, Style::new()));
    }
    let hint = format!("{path} · {}", s.get(t::SET_VALUE_HINT));
    lines.extend(wrapped(&hint, cols, theme::dim()));
    lines
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
                &amount(m.value, unit),
                &m.target.map(|t| amount(t, unit)).unwrap_or_default(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_between_words_and_chinese_characters() {
        assert_eq!(wrap("ab cd ef", 5), ["ab cd", "ef"]);
        assert_eq!(wrap("账户流水金额差异", 6), ["账户流", "水金额", "差异"]);
        // a Chinese character never splits, a line never runs over
        assert_eq!(wrap("10.14.113.233虚机在", 14), ["10.14.113.233", "虚机在"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 10), [""]);
        // a comma does not begin a line: the character before it comes along
        assert_eq!(wrap("账户流水，影响", 8), ["账户流", "水，影响"]);
        for cols in 2..30 {
            for l in wrap(
                "DBA操作oracle存储扩容重启机器，跑批拉取数据 丢失了14号23点之后的账户流水",
                cols,
            ) {
                assert!(width(&l) <= cols, "{cols}: {l}");
            }
        }
    }

    #[test]
    fn durations_and_changes_read_as_the_team_writes_them() {
        let en = Strings::new(crate::core::settings::Language::En);
        let zh = Strings::new(crate::core::settings::Language::Zh);
        assert_eq!(en.duration(9), "9m");
        assert_eq!(en.duration(296), "4h56m");
        assert_eq!(en.duration(60 * 26), "1d2h");
        assert_eq!(zh.duration(2), "2分钟");
        assert_eq!(zh.duration(296), "4小时56分");
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
        assert_eq!(amount(99.998, Some("%")), "99.998%");
    }
}
