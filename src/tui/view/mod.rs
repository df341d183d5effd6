//! Views: pure functions from the state to widgets.
//!
//! This file routes a frame to the screen's view and the overlay's;
//! `layout` places the parts, `common` holds the pieces views share.

mod bars;
mod board;
mod common;
mod detail;
mod form;
mod layout;
mod milestones;
mod ops;
mod overlay;
mod page;
mod review;
mod standup;
mod summary;
mod tree;
mod trend;

pub use layout::{Areas, MIN_HEIGHT, MIN_WIDTH, layout, scroll_offset};
pub use standup::{clock, summary_of};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::{App, Ask, Mode};
use super::screens::Screen;

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
        // the stand-up's page and the detail pane scroll no further than
        // their text goes
        let body = body_of(frame.area(), &a);
        if let Screen::Standup(s) = &app.screen
            && let Some((height, max)) = standup::scroll_room(app, s, body)
            && let Screen::Standup(s) = &mut app.screen
        {
            s.height = height;
            s.scroll = s.scroll.min(max);
        }
        if let (Screen::Tree, Some(d)) = (&app.screen, a.detail) {
            let max = detail::max_scroll(app, d, a.tree.y == d.y);
            app.tree.detail_scroll = app.tree.detail_scroll.min(max);
        }
    }
    render(app, frame);
    areas
}

/// Where a screen other than the tree goes: between header and footer.
fn body_of(area: Rect, areas: &Areas) -> Rect {
    Rect {
        height: areas.footer.y - areas.tree.y,
        width: area.width,
        ..areas.tree
    }
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
    let body = body_of(area, &areas);
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
        Screen::Trend(t) => trend::render(app, t, frame, body),
    }
    match &app.mode {
        Mode::Search => bars::search(app, frame, areas.footer),
        _ => bars::footer(app, frame, areas.footer),
    }
    match &app.mode {
        Mode::Help(at) => overlay::help(app.keymap(), &app.screen, app.strings(), *at, frame, area),
        Mode::StatusMenu(i) => overlay::status_menu(app, *i, frame, area),
        Mode::FilterMenu(i) => overlay::filter_menu(app, *i, frame, area),
        Mode::Confirm(path) => overlay::confirm(app, path, frame, area),
        Mode::Conflict(p) if p.ask == Ask::Delete => {
            overlay::changed_before_delete(app, &p.conflict, frame, area)
        }
        Mode::Conflict(p) => overlay::conflict(app, &p.conflict, false, frame, area),
        Mode::Settle(c) => overlay::conflict(app, c, true, frame, area),
        Mode::Form(form) => form::form(form, frame, area),
        Mode::ClearBlocker(b) => form::clear_blocker(app, &b.0, frame, area),
        Mode::LeaveStandup => form::leave_standup(app, frame, area),
        Mode::Quitting => overlay::quitting(app, frame, area),
        Mode::Recover(r) => overlay::recover(app, r, frame, area),
        Mode::Normal | Mode::Search => {}
    }
    app.theme().apply(frame.buffer_mut());
}
