//! The detail pane: every field of the selected item, wrapped.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::core::Field;
use crate::core::edit::show;
use crate::core::forecast::{percent_sparkline, weekly};
use crate::core::history::Movement;
use crate::core::model::{ItemPath, ItemRef, Status};
use crate::core::rollup::{is_due_soon, overdue_days};
use crate::core::text::{fit, percent, sanitize};
use crate::team::log::LogEntry;
use crate::tui::app::App;
use crate::tui::changes;
use crate::tui::screens::Screen;
use crate::tui::strings::{self as t, Strings, team};
use crate::tui::theme;
use crate::tui::tree::Node;

/// `beside` is true when the pane stands to the right of the tree. A text
/// longer than the pane scrolls (`J`/`K` on the tree); its last row then
/// says how many lines are hidden.
pub(super) fn render(app: &App, frame: &mut Frame, area: Rect, beside: bool) {
    let block = block(beside);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text = paragraph(app);
    let total = text.line_count(inner.width);
    let h = inner.height as usize;
    if total <= h || h < 2 {
        frame.render_widget(text, inner);
        return;
    }
    let from = scroll(app).min(super::page::max_scroll(total, h));
    let rows = h - 1;
    let [shown, marker] =
        Layout::vertical([Constraint::Length(rows as u16), Constraint::Length(1)]).areas(inner);
    frame.render_widget(text.scroll((from as u16, 0)), shown);
    let s = app.strings();
    let below = total.saturating_sub(from + rows);
    // the keys that scroll it, on the tree
    let keys = |k: &str| match app.screen {
        Screen::Tree => format!("  ({k})"),
        _ => String::new(),
    };
    let note = if below > 0 {
        format!("{}{}", s.lines_below(below), keys("J K"))
    } else {
        format!("{}{}", s.lines_above(from), keys("K"))
    };
    frame.render_widget(Paragraph::new(note).style(theme::dim()), marker);
}

/// How far the detail pane drawn in `area` scrolls: 0 when its text fits.
pub(super) fn max_scroll(app: &App, area: Rect, beside: bool) -> usize {
    let inner = block(beside).inner(area);
    let total = paragraph(app).line_count(inner.width);
    super::page::max_scroll(total, inner.height as usize)
}

/// The pane's scroll: the tree's, on the tree (other screens show the
/// pane from the top).
fn scroll(app: &App) -> usize {
    match app.screen {
        Screen::Tree => app.tree.detail_scroll,
        _ => 0,
    }
}

fn block(beside: bool) -> Block<'static> {
    Block::new()
        .borders(if beside { Borders::LEFT } else { Borders::TOP })
        .border_style(theme::dim())
}

/// Every line of the pane, wrapped.
fn paragraph(app: &App) -> Paragraph<'static> {
    let lines = match (&app.screen, app.tree.selected_node()) {
        (Screen::Tree, Some(Node::Broken(fi))) => broken(app, fi),
        _ => match (app.selected_path(), app.selected_item()) {
            (Some(path), Some(i)) => item(app, &path, i),
            _ => vec![],
        },
    };
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// A field's name, padded to the column of values.
pub(super) fn label(s: Strings, name: &str) -> Span<'static> {
    Span::styled(fit(name, s.label_width()), theme::label())
}

fn text_line(s: Strings, field: Field, value: &str, style: Style) -> Line<'static> {
    Line::from(vec![
        label(s, s.field(field)),
        Span::styled(sanitize(value, false).into_owned(), style),
    ])
}

fn item(app: &App, path: &ItemPath, item: ItemRef<'_>) -> Vec<Line<'static>> {
    let s = app.strings();
    let f = item.fields();
    let pct = item.percent();
    let status = item.status_with(pct);
    let mut lines = vec![Line::styled(
        sanitize(&f.title, false).into_owned(),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    let mut summary = vec![
        Span::styled(format!(" {} ", s.status(status)), theme::status(status)),
        Span::raw(format!("  {}%", percent(pct))),
    ];
    if let ItemRef::Milestone(m, _) = item
        && let Some(total) = m.total
    {
        summary.push(Span::raw(s.of_total_after(total)));
        if let Some(done) = m.done {
            summary.push(Span::styled(s.done_count(done), theme::dim()));
        }
    }
    summary.push(Span::styled(
        format!("  {}", s.kind(item.kind())),
        theme::dim(),
    ));
    lines.push(Line::from(summary));
    if let Some(prev) = app.history.previous() {
        // the history file's ISO name, said as the team counts weeks
        let week = crate::core::settings::parse_iso_week(&prev.week).map_or_else(
            || prev.week.clone(),
            |monday| s.week_short(0, app.portfolio.settings.week_number(monday)),
        );
        lines.push(since(
            s,
            &week,
            &changes::change_of(&app.history, path, item),
        ));
    }
    lines.extend(sparkline(app, path, pct));
    match item {
        ItemRef::Objective(o) => {
            lines.push(Line::styled(s.projects(o.projects.len()), theme::dim()))
        }
        ItemRef::Project(p) => {
            let done = p
                .milestones
                .iter()
                .filter(|m| m.status(&p.stages) == Status::Done)
                .count();
            lines.push(Line::styled(
                s.milestones_done(p.milestones.len(), done),
                theme::dim(),
            ));
        }
        ItemRef::Milestone(..) => {}
    }
    if let Some(o) = &f.owner {
        lines.push(text_line(s, Field::Owner, o, Style::new()));
    }
    if let Some(start) = f.start {
        lines.push(text_line(s, Field::Start, &start.to_string(), Style::new()));
    }
    if let Some(due) = f.due {
        let late = overdue_days(Some(due), status, app.today);
        let (note, style) = if late > 0 {
            (format!("{due}  {}", s.days_overdue(late)), theme::overdue())
        } else if is_due_soon(
            Some(due),
            status,
            app.today,
            app.portfolio.settings.due_soon_days,
        ) {
            let days = (due - app.today).num_days();
            (format!("{due}  {}", s.due_in(days)), theme::due_soon())
        } else {
            (due.to_string(), Style::new())
        };
        lines.push(text_line(s, Field::Due, &note, style));
    }
    if let Some(w) = f.weight {
        lines.push(text_line(s, Field::Weight, &percent(w), Style::new()));
    }
    if let ItemRef::Milestone(m, p) = item
        && !p.stages.is_empty()
    {
        lines.push(pipeline(s, &p.stages, m.stage.as_deref()));
    }
    if let ItemRef::Project(p) = item
        && !p.stages.is_empty()
    {
        lines.push(pipeline(s, &p.stages, None));
    }
    for (field, value, style) in [
        (Field::Update, &f.update, Style::new()),
        (Field::Next, &f.next, Style::new()),
        (Field::Blocker, &f.blocker, theme::error()),
        (Field::Note, &f.note, Style::new()),
    ] {
        if let Some(v) = value {
            lines.push(text_line(s, field, v, style));
        }
    }
    if !f.tags.is_empty() {
        lines.push(text_line(s, Field::Tags, &f.tags.join(", "), theme::dim()));
    }
    lines.extend(team_lines(app, path));
    lines
}

/// The fields a merge left with two values, and who changed the item last.
fn team_lines(app: &App, path: &ItemPath) -> Vec<Line<'static>> {
    let s = app.strings();
    let mut lines = Vec::new();
    for c in app.conflicts_of(path) {
        lines.push(Line::from(vec![
            label(s, s.get(team::CONFLICT)),
            Span::styled(
                s.conflict_line(
                    s.field(c.field),
                    &sanitize(&show(&c.mine), false),
                    &sanitize(&show(&c.theirs), false),
                ),
                theme::overdue(),
            ),
        ]));
    }
    if let Some(e) = app.changes.last.get(&path.to_string()) {
        lines.push(Line::from(vec![
            label(s, s.get(team::LAST_CHANGE)),
            Span::styled(change_text(s, e), theme::dim()),
        ]));
    }
    lines
}

/// `李四 06-20 14:03: percent 60 → 70`
fn change_text(s: Strings, e: &LogEntry) -> String {
    s.change_line(
        &sanitize(&e.author, false),
        &e.at.format("%m-%d %H:%M").to_string(),
        &change_what(s, e),
    )
}

/// `percent 60 → 70`, or `added` for an item's first commit.
pub(super) fn change_what(s: Strings, e: &LogEntry) -> String {
    if e.change.from.is_none() && e.change.field == "title" {
        return s.get(team::ADDED).to_string();
    }
    let value = |v: &Option<serde_json::Value>| match v {
        None => "—".to_string(),
        Some(serde_json::Value::String(t)) => sanitize(t, false).into_owned(),
        Some(serde_json::Value::Number(n)) => n.as_f64().map_or_else(|| n.to_string(), percent),
        Some(v) => v.to_string(),
    };
    let field = Field::of_key(&e.change.field).map_or(e.change.field.as_str(), |f| s.field(f));
    format!(
        "{field} {} → {}",
        value(&e.change.from),
        value(&e.change.to)
    )
}

/// `since W25: ▲ 2.5 · 联调 → 上线 · due +7d · stalled 3 weeks`
fn since(s: Strings, week: &str, c: &Movement) -> Line<'static> {
    let mut parts = Vec::new();
    let delta = s.delta(c);
    parts.push(if delta.is_empty() {
        s.get(t::NO_CHANGE).to_string()
    } else {
        delta
    });
    if let (Some(from), false) = (&c.stage_from, c.is_new) {
        parts.push(s.stage_was(&sanitize(from, false)));
    }
    if let Some(slip) = c.slip_days {
        parts.push(s.due_slip(slip));
    }
    if c.stalled_weeks > 0 {
        parts.push(s.stalled_weeks(c.stalled_weeks));
    }
    let style = if c.stalled_weeks > 0 || c.slip_days.is_some_and(|d| d > 0) {
        theme::due_soon()
    } else {
        theme::dim()
    };
    Line::from(vec![
        label(s, s.get(t::SINCE)),
        Span::styled(s.week_changes(week, &parts.join(" · ")), style),
    ])
}

/// `trend   ▂▃▅▆  W23 20% → W26 60%  (t)`: the weekly percent, 0 to 100,
/// once history holds two earlier weeks of the item (one says no more
/// than the "since" line).
fn sparkline(app: &App, path: &ItemPath, now: f64) -> Option<Line<'static>> {
    let points = weekly(&app.history, &path.to_string(), app.today, now);
    let (first, last) = (points.first()?, points.last()?);
    if points.len() < 3 {
        return None;
    }
    let s = app.strings();
    let week = |m: chrono::NaiveDate| {
        s.week_short(
            chrono::Datelike::iso_week(&m).week(),
            app.portfolio.settings.week_number(m),
        )
    };
    Some(Line::from(vec![
        label(s, s.get(t::TREND_LABEL)),
        Span::styled(percent_sparkline(&points), theme::key()),
        Span::styled(
            format!(
                "  {} {}% → {} {}%  (t)",
                week(first.monday),
                percent(first.percent),
                week(last.monday),
                percent(last.percent)
            ),
            theme::dim(),
        ),
    ]))
}

fn pipeline(s: Strings, stages: &[String], current: Option<&str>) -> Line<'static> {
    let mut spans = vec![label(s, s.field(Field::Stage))];
    spans.extend(super::common::pipeline_spans(stages, current));
    Line::from(spans)
}

fn broken(app: &App, fi: usize) -> Vec<Line<'static>> {
    let file = &app.portfolio.files[fi];
    let s = app.strings();
    let mut lines = vec![
        Line::styled(
            s.does_not_load(&file.path.display().to_string()),
            theme::error().add_modifier(Modifier::BOLD),
        ),
        Line::styled(s.get(t::HIDDEN_UNTIL_FIXED), theme::dim()),
    ];
    for d in &file.diagnostics {
        lines.push(Line::styled(
            sanitize(&d.to_string(), false).into_owned(),
            if d.is_error() {
                theme::error()
            } else {
                theme::due_soon()
            },
        ));
    }
    lines
}
