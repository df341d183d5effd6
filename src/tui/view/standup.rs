//! The stand-up walkthrough: one project per page, then the summary.
//!
//! A project's page: its title, a large gauge, then its milestones
//! ([`super::milestones`]) and its texts, each as long as it needs; a page
//! longer than the screen scrolls ([`super::page`]).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::titled;
use super::ops::wrap::wrap;
pub use super::page::clock;
use super::page::{max_scroll, scrolled};
pub use super::summary::summary_of;
use crate::core::Field;
use crate::core::model::{ItemPath, ItemRef, Project};
use crate::core::text::{percent, sanitize, width};
use crate::tui::app::App;
use crate::tui::changes;
use crate::tui::screens::Standup;
use crate::tui::strings::Strings;
use crate::tui::theme;

pub fn render(app: &App, s: &Standup, frame: &mut Frame, area: Rect) {
    let spent = s.spent.get(s.project_index()).copied().unwrap_or_default();
    let tr = app.strings();
    let title = if let Some(ops) = s.ops_page() {
        tr.standup_ops_title(
            &super::ops::week_label(app, ops.week),
            &clock(s.ops_spent),
            &clock(s.total),
        )
    } else if s.on_summary() {
        tr.standup_summary_title(&clock(s.total))
    } else {
        let page = s.project_index() + 1;
        tr.standup_title(page, s.projects.len(), &clock(spent), &clock(s.total))
    };
    let inner = titled(frame, area, title);
    if let Some(ops) = s.ops_page() {
        super::ops::body(app, ops, frame, inner);
    } else if s.on_summary() {
        super::summary::render(app, s, frame, inner);
    } else if let Some(path) = s.project() {
        project_page(app, s, path, frame, inner);
    }
}

/// The rows of the page's scrolled part, and its lines, for the stand-up
/// drawn in `area` (the screen's body, under the header): what the draw
/// keeps the scroll within. `None` on the operations page.
pub fn scroll_room(app: &App, s: &Standup, area: Rect) -> Option<(usize, usize)> {
    // the title's rule, then the page
    let inner_h = area.height.saturating_sub(1) as usize;
    let w = area.width as usize;
    if s.on_ops() {
        return None;
    }
    let (h, total) = if s.on_summary() {
        (inner_h, super::summary::lines(app, s, w).len())
    } else {
        let Some(ItemRef::Project(pr)) = s.project().and_then(|p| app.portfolio.get(p)) else {
            return None;
        };
        let path = s.project()?;
        (
            inner_h.saturating_sub(2),
            page_lines(app, s, path, pr, w).len(),
        )
    };
    Some((h, max_scroll(total, h)))
}

fn project_page(app: &App, s: &Standup, path: &ItemPath, frame: &mut Frame, area: Rect) {
    let p = &app.portfolio;
    let tr = app.strings();
    let Some(ItemRef::Project(pr)) = p.get(path) else {
        return;
    };
    let item = ItemRef::Project(pr);
    let pct = item.percent();
    let status = item.status_with(pct);
    let change = changes::change_of(&app.history, path, item);
    let [head, gauge, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);

    let obj_title = p
        .objectives
        .iter()
        .find(|o| o.id == path.objective)
        .map(|o| o.fields.title.as_str())
        .unwrap_or_default();
    let mut head_spans = vec![
        Span::styled(
            sanitize(&pr.fields.title, false).into_owned(),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::styled(format!("  {}", sanitize(obj_title, false)), theme::dim()),
        Span::raw("  "),
        Span::styled(format!(" {} ", tr.status(status)), theme::status(status)),
    ];
    if let Some(o) = &pr.fields.owner {
        head_spans.push(Span::raw(format!("  {}", sanitize(o, false))));
    }
    frame.render_widget(Paragraph::new(Line::from(head_spans)), head);

    let label = format!("{}%  {}", percent(pct), tr.delta(&change));
    frame.render_widget(
        Paragraph::new(big_gauge(
            pct,
            status,
            label.trim_end(),
            gauge.width as usize,
        )),
        gauge,
    );

    let w = body.width as usize;
    let lines = page_lines(app, s, path, pr, w);
    let shown = scrolled(tr, lines, s.scroll, body.height as usize, w);
    frame.render_widget(Paragraph::new(shown), body);
}

/// The large gauge: a bar, a space, and the label after it (never over
/// the bar, so it reads the same with colours or without).
pub fn big_gauge(
    pct: f64,
    status: crate::core::model::Status,
    label: &str,
    w: usize,
) -> Line<'static> {
    let bar_w = w.saturating_sub(width(label) + 1);
    let (full, empty) = theme::bar(pct, bar_w);
    Line::from(vec![
        Span::styled(full, Style::new().fg(theme::gauge(status))),
        Span::styled(empty, theme::dim()),
        Span::raw(" "),
        Span::styled(label.to_string(), Style::new().add_modifier(Modifier::BOLD)),
    ])
}

/// The page's scrolled part at `w` columns: the milestones (line `row` is
/// the selected one), a blank line, then the update, next and blocker
/// wrapped whole under their labels, and this week's changes by person.
fn page_lines(
    app: &App,
    s: &Standup,
    path: &ItemPath,
    pr: &Project,
    w: usize,
) -> Vec<Line<'static>> {
    let tr = app.strings();
    let mut lines = super::milestones::rows(app, s, path, pr, w);
    let mut text = Vec::new();
    for (field, value, style) in [
        (Field::Update, &pr.fields.update, Style::new()),
        (Field::Next, &pr.fields.next, Style::new()),
        (Field::Blocker, &pr.fields.blocker, theme::error()),
    ] {
        if let Some(v) = value {
            text.extend(labelled(tr, tr.field(field), v, w, style));
        }
    }
    let people = app.changes.by_person(&path.to_string());
    // this week's changes, by person: who moved what since Monday
    for (i, (who, changes)) in people.iter().enumerate() {
        // an item that was added reads "added", not as each of its fields
        let added: std::collections::HashSet<(&str, &str)> = changes
            .iter()
            .filter(|e| e.change.from.is_none() && e.change.field == "title")
            .map(|e| (e.commit.as_str(), e.change.path.as_str()))
            .collect();
        let changes: Vec<_> = changes
            .iter()
            .filter(|e| {
                e.change.field == "title"
                    || !added.contains(&(e.commit.as_str(), e.change.path.as_str()))
            })
            .collect();
        // the first few, and how many more
        const SHOWN: usize = 4;
        let mut what: Vec<String> = changes
            .iter()
            .take(SHOWN)
            .map(|e| super::detail::change_what(tr, e))
            .collect();
        if changes.len() > SHOWN {
            what.push(tr.and_more(changes.len() - SHOWN));
        }
        let head = if i == 0 {
            tr.get(crate::tui::strings::team::THIS_WEEK)
        } else {
            ""
        };
        text.extend(labelled(
            tr,
            head,
            &tr.person_changes(&sanitize(who, false), &what.join(" · ")),
            w,
            theme::dim(),
        ));
    }
    if !text.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(text);
    }
    lines
}

/// A labelled text wrapped under its label at `w` columns, whole.
fn labelled(tr: Strings, name: &str, text: &str, w: usize, style: Style) -> Vec<Line<'static>> {
    let indent = tr.label_width();
    wrap(&sanitize(text, false), w.saturating_sub(indent))
        .into_iter()
        .enumerate()
        .map(|(n, part)| {
            let head = if n == 0 {
                super::detail::label(tr, name)
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![head, Span::styled(part, style)])
        })
        .collect()
}
