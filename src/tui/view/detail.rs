//! The detail pane: every field of the selected item, wrapped.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::core::model::{ItemRef, Status};
use crate::core::rollup::{DUE_SOON_DAYS, is_due_soon, overdue_days};
use crate::core::text::{percent, sanitize};
use crate::tui::app::App;
use crate::tui::theme;
use crate::tui::tree::Node;

/// `beside` is true when the pane stands to the right of the tree.
pub fn render(app: &App, frame: &mut Frame, area: Rect, beside: bool) {
    let block = Block::new()
        .borders(if beside { Borders::LEFT } else { Borders::TOP })
        .border_style(theme::dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = match app.tree.selected_node() {
        Some(Node::Broken(fi)) => broken(app, fi),
        Some(node) => node
            .item(&app.portfolio)
            .map(|i| item(app, i))
            .unwrap_or_default(),
        None => vec![],
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

fn item(app: &App, item: ItemRef<'_>) -> Vec<Line<'static>> {
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
    match item {
        ItemRef::Objective(o) => lines.push(Line::styled(
            format!("{} projects", o.projects.len()),
            theme::dim(),
        )),
        ItemRef::Project(p) => {
            let done = p
                .milestones
                .iter()
                .filter(|m| m.status(&p.stages) == Status::Done)
                .count();
            lines.push(Line::styled(
                format!("{} milestones, {done} done", p.milestones.len()),
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
        } else if is_due_soon(Some(due), status, app.today, DUE_SOON_DAYS) {
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

/// `stage   开发 › 测试 › [联调] › 上线 › 投产`: passed stages green, the
/// current one marked, later ones dim.
fn pipeline(stages: &[String], current: Option<&str>) -> Line<'static> {
    let at = current.and_then(|c| stages.iter().position(|s| s == c));
    let mut spans = vec![label("stage")];
    for (i, s) in stages.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme::dim()));
        }
        let s = sanitize(s, false).into_owned();
        spans.push(match at {
            Some(a) if i < a => Span::styled(format!("✓{s}"), theme::info()),
            Some(a) if i == a => Span::styled(
                format!("[{s}]"),
                Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            ),
            _ => Span::styled(s, theme::dim()),
        });
    }
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
