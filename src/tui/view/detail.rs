//! The detail pane: every field of the selected item, wrapped.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::core::history::{Change, delta_label};
use crate::core::model::{ItemPath, ItemRef, Status};
use crate::core::rollup::{is_due_soon, overdue_days};
use crate::core::text::{percent, sanitize};
use crate::tui::app::App;
use crate::tui::screens::Screen;
use crate::tui::theme;
use crate::tui::tree::Node;

/// `beside` is true when the pane stands to the right of the tree.
pub(super) fn render(app: &App, frame: &mut Frame, area: Rect, beside: bool) {
    let block = Block::new()
        .borders(if beside { Borders::LEFT } else { Borders::TOP })
        .border_style(theme::dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = match (&app.screen, app.tree.selected_node()) {
        (Screen::Tree, Some(Node::Broken(fi))) => broken(app, fi),
        _ => match (app.selected_path(), app.selected_item()) {
            (Some(path), Some(i)) => item(app, &path, i),
            _ => vec![],
        },
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn label(name: &str) -> Span<'static> {
    Span::styled(format!("{name:<8}"), theme::label())
}

fn text_line(name: &str, value: &str, style: Style) -> Line<'static> {
    Line::from(vec![
        label(name),
        Span::styled(sanitize(value, false).into_owned(), style),
    ])
}

fn item(app: &App, path: &ItemPath, item: ItemRef<'_>) -> Vec<Line<'static>> {
    let f = item.fields();
    let pct = item.percent();
    let status = item.status_with(pct);
    let mut lines = vec![Line::styled(
        sanitize(&f.title, false).into_owned(),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    let mut summary = vec![
        Span::styled(format!(" {status} "), theme::status(status)),
        Span::raw(format!("  {}%", percent(pct))),
    ];
    if let ItemRef::Milestone(m, _) = item
        && let Some(total) = m.total
    {
        summary.push(Span::raw(format!(" of {total}")));
        if let Some(done) = m.done {
            summary.push(Span::styled(format!(" ({done} done)"), theme::dim()));
        }
    }
    summary.push(Span::styled(
        format!("  {}", item.kind().as_str()),
        theme::dim(),
    ));
    lines.push(Line::from(summary));
    if let Some(prev) = app.history.previous() {
        lines.push(since(&prev.week, &super::change_of(app, path, item)));
    }
    match item {
        ItemRef::Objective(o) => lines.push(Line::styled(
            match o.projects.len() {
                1 => "1 project".to_string(),
                n => format!("{n} projects"),
            },
            theme::dim(),
        )),
        ItemRef::Project(p) => {
            let done = p
                .milestones
                .iter()
                .filter(|m| m.status(&p.stages) == Status::Done)
                .count();
            lines.push(Line::styled(
                format!(
                    "{} milestone{}, {done} done",
                    p.milestones.len(),
                    if p.milestones.len() == 1 { "" } else { "s" }
                ),
                theme::dim(),
            ));
        }
        ItemRef::Milestone(..) => {}
    }
    if let Some(o) = &f.owner {
        lines.push(text_line("owner", o, Style::new()));
    }
    if let Some(s) = f.start {
        lines.push(text_line("start", &s.to_string(), Style::new()));
    }
    if let Some(due) = f.due {
        let late = overdue_days(Some(due), status, app.today);
        let (note, style) = if late > 0 {
            (format!("{due}  {late} days overdue"), theme::overdue())
        } else if is_due_soon(
            Some(due),
            status,
            app.today,
            app.portfolio.settings.due_soon_days,
        ) {
            let days = (due - app.today).num_days();
            let when = match days {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                n => format!("in {n} days"),
            };
            (format!("{due}  due {when}"), theme::due_soon())
        } else {
            (due.to_string(), Style::new())
        };
        lines.push(text_line("due", &note, style));
    }
    if let Some(w) = f.weight {
        lines.push(text_line("weight", &percent(w), Style::new()));
    }
    if let ItemRef::Milestone(m, p) = item
        && !p.stages.is_empty()
    {
        lines.push(pipeline(&p.stages, m.stage.as_deref()));
    }
    if let ItemRef::Project(p) = item
        && !p.stages.is_empty()
    {
        lines.push(pipeline(&p.stages, None));
    }
    for (name, value, style) in [
        ("update", &f.update, Style::new()),
        ("next", &f.next, Style::new()),
        ("blocker", &f.blocker, theme::error()),
        ("note", &f.note, Style::new()),
    ] {
        if let Some(v) = value {
            lines.push(text_line(name, v, style));
        }
    }
    if !f.tags.is_empty() {
        lines.push(text_line("tags", &f.tags.join(", "), theme::dim()));
    }
    lines
}

/// `since 2023-W24: ▲ 2.5 · 联调 → 上线 · due +7d · stalled 3 weeks`
fn since(week: &str, c: &Change) -> Line<'static> {
    let mut parts = Vec::new();
    let delta = delta_label(c);
    parts.push(if delta.is_empty() {
        "no change".to_string()
    } else {
        delta
    });
    if let (Some(from), false) = (&c.stage_from, c.is_new) {
        parts.push(format!("stage was {}", sanitize(from, false)));
    }
    if let Some(slip) = c.slip_days {
        parts.push(format!("due {slip:+}d"));
    }
    if c.stalled_weeks > 0 {
        parts.push(format!("stalled {} weeks", c.stalled_weeks));
    }
    let style = if c.stalled_weeks > 0 || c.slip_days.is_some_and(|d| d > 0) {
        theme::due_soon()
    } else {
        theme::dim()
    };
    Line::from(vec![
        label("since"),
        Span::styled(format!("{week}: {}", parts.join(" · ")), style),
    ])
}

fn pipeline(stages: &[String], current: Option<&str>) -> Line<'static> {
    let mut spans = vec![label("stage")];
    spans.extend(super::pipeline_spans(stages, current));
    Line::from(spans)
}

fn broken(app: &App, fi: usize) -> Vec<Line<'static>> {
    let file = &app.portfolio.files[fi];
    let mut lines = vec![
        Line::styled(
            format!("{} does not load", file.path.display()),
            theme::error().add_modifier(Modifier::BOLD),
        ),
        Line::styled(
            "Its items are hidden and cannot be edited. Fix the file, then press R.",
            theme::dim(),
        ),
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
