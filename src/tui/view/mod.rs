//! Views: pure functions from the state to widgets.

mod bars;
mod board;
mod detail;
mod ops;
mod overlay;
mod review;
mod standup;
pub use standup::summary_of;
mod tree;

pub use standup::clock;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use ratatui::text::Span;

use super::app::{App, Mode};
use super::screens::Screen;
use crate::core::history::{Movement, Record};
use crate::core::model::{ItemPath, ItemRef};
use crate::core::text::sanitize;

/// Below this size the screen says so instead of drawing a cramped UI.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

/// Where each part of the main screen goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub tree: Rect,
    pub detail: Option<Rect>,
    pub footer: Rect,
}

/// The layout for a screen of this size: the detail pane beside the tree on
/// wide screens, below it on tall ones, hidden when there is no room.
pub fn layout(area: Rect, show_detail: bool) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let (tree, detail) = if !show_detail {
        (body, None)
    } else if area.width >= 120 {
        let [t, d] = Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
            .areas(body);
        (t, Some(d))
    } else if area.height >= 22 {
        let detail_height = (body.height / 3).clamp(7, 14);
        let [t, d] =
            Layout::vertical([Constraint::Min(5), Constraint::Length(detail_height)]).areas(body);
        (t, Some(d))
    } else {
        (body, None)
    };
    Some(Areas {
        header,
        tree,
        detail,
        footer,
    })
}

/// One frame as the event loop draws it: the tree's page height and
/// scroll offset follow the layout, then everything is rendered. Returns
/// the areas (for the mouse), `None` when the terminal is too small.
pub fn draw(app: &mut App, frame: &mut Frame) -> Option<Areas> {
    let areas = layout(frame.area(), app.show_detail);
    if let Some(a) = areas {
        app.page = a.tree.height as usize;
        app.tree.offset = scroll_offset(
            app.tree.offset,
            app.tree.selected,
            app.tree.rows.len(),
            app.page,
        );
    }
    render(app, frame);
    areas
}

/// A screen's frame: a rule along the top carrying the screen's title.
/// Draws it over `area` and returns the area inside.
fn titled<'a>(frame: &mut Frame, area: Rect, title: impl Into<ratatui::text::Line<'a>>) -> Rect {
    let block = ratatui::widgets::Block::new()
        .borders(ratatui::widgets::Borders::TOP)
        .title(title)
        .title_style(super::theme::key())
        .border_style(super::theme::dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(areas) = layout(area, app.show_detail) else {
        let text = app
            .strings()
            .too_small(area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(Block::new().borders(Borders::NONE)),
            area,
        );
        return;
    };
    bars::header(app, frame, areas.header);
    let body = Rect {
        height: areas.footer.y - areas.tree.y,
        width: area.width,
        ..areas.tree
    };
    match &app.screen {
        Screen::Tree => {
            tree::render(app, frame, areas.tree);
            if let Some(d) = areas.detail {
                detail::render(app, frame, d, areas.tree.y == d.y);
            }
        }
        Screen::Standup(s) => standup::render(app, s, frame, body),
        Screen::Overdue(r) => review::render(app, r, frame, body),
        Screen::Board(b) => board::render(app, b, frame, body),
        Screen::Ops(o) => ops::render(app, o, frame, body),
    }
    match &app.mode {
        Mode::Search => bars::search(app, frame, areas.footer),
        _ => bars::footer(app, frame, areas.footer),
    }
    match &app.mode {
        Mode::Help => overlay::help(&app.screen, app.strings(), frame, area),
        Mode::StatusMenu(i) => overlay::status_menu(app, *i, frame, area),
        Mode::FilterMenu(i) => overlay::filter_menu(app, *i, frame, area),
        Mode::Confirm(path) => overlay::confirm(app, path, frame, area),
        Mode::Conflict(p) => overlay::conflict(app, &p.conflict, false, frame, area),
        Mode::Settle(c) => overlay::conflict(app, c, true, frame, area),
        Mode::Form(form) => overlay::form(form, frame, area),
        Mode::Normal | Mode::Search => {}
    }
}

/// The first row to draw so that the selected row is on screen.
pub fn scroll_offset(offset: usize, selected: usize, rows: usize, height: usize) -> usize {
    if height == 0 {
        return 0;
    }
    let mut offset = offset;
    if selected < offset {
        offset = selected;
    } else if selected >= offset + height {
        offset = selected + 1 - height;
    }
    offset.min(rows.saturating_sub(height))
}

/// A one-line paragraph.
fn line<'a>(l: impl Into<Line<'a>>, style: Style) -> Paragraph<'a> {
    Paragraph::new(l.into()).style(style)
}

/// What changed for an item since the newest earlier week.
pub fn change_of(app: &App, path: &ItemPath, item: ItemRef<'_>) -> Movement {
    if app.history.earlier.is_empty() {
        return Movement::default();
    }
    let pct = item.percent();
    let record = Record {
        percent: (pct * 100.0).round() / 100.0,
        status: item.status_with(pct),
        stage: match item {
            ItemRef::Milestone(m, _) => m.stage.clone(),
            _ => None,
        },
        due: item.fields().due,
    };
    app.history.change(&path.to_string(), &record)
}

/// `✓开发 › ✓测试 › [联调] › 上线 › 投产`: passed stages green, the current
/// one marked, later ones dim.
pub fn pipeline_spans(stages: &[String], current: Option<&str>) -> Vec<Span<'static>> {
    use ratatui::style::Modifier;
    let at = current.and_then(|c| stages.iter().position(|s| s == c));
    let mut spans = Vec::new();
    for (i, s) in stages.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", super::theme::dim()));
        }
        let s = sanitize(s, false).into_owned();
        spans.push(match at {
            Some(a) if i < a => Span::styled(format!("✓{s}"), super::theme::info()),
            Some(a) if i == a => Span::styled(
                format!("[{s}]"),
                Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            ),
            _ => Span::styled(s, super::theme::dim()),
        });
    }
    spans
}
