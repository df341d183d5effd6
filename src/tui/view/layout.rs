//! Where things go on the screen: the main screen's areas for a terminal
//! size, the smallest size drawn, and the scrolling that keeps the
//! selected row on screen.

use ratatui::layout::{Constraint, Layout, Rect};

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
