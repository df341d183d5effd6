//! The overdue review: overdue items, most overdue first, then those due soon.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::core::rollup::overdue_days;
use crate::core::text::{fit, sanitize, width};
use crate::tui::app::App;
use crate::tui::screens::Review;
use crate::tui::strings as t;
use crate::tui::theme;

pub fn render(app: &App, r: &Review, frame: &mut Frame, area: Rect) {
    let p = &app.portfolio;
    let s = app.strings();
    let late = r
        .items
        .iter()
        .filter(|x| {
            p.get(x)
                .is_some_and(|i| overdue_days(i.fields().due, i.status(), app.today) > 0)
        })
        .count();
    let title = s.review_title(late, r.items.len() - late, p.settings.due_soon_days);
    let inner = super::common::titled(frame, area, title);
    let [list, detail] = Layout::vertical([Constraint::Min(3), Constraint::Length(9)]).areas(inner);
    if r.items.is_empty() {
        frame.render_widget(
            Paragraph::new(s.get(t::NOTHING_DUE_BACK)).style(theme::dim()),
            list,
        );
        return;
    }
    let w = list.width as usize;
    let height = list.height as usize;
    // the columns after the title: due date, when, status badge, owner
    let when_w = s.pick(17, 12);
    let status_w = s.status_width() + 1;
    let skip = (r.selected + 1).saturating_sub(height);
    // the titles as wide as the widest of them, when there is room: the
    // dates stay next to the titles on a wide screen
    let widest = r
        .items
        .iter()
        .filter_map(|x| p.get(x))
        .map(|i| width(&sanitize(&i.fields().title, false)))
        .max()
        .unwrap_or(0);
    let room = w.saturating_sub(2 + 11 + when_w + status_w + 10).max(10);
    let title_w = widest.clamp(10, room);
    let lines: Vec<Line> = r
        .items
        .iter()
        .enumerate()
        .skip(skip)
        .take(height)
        .map(|(i, path)| {
            let Some(item) = p.get(path) else {
                return Line::raw("");
            };
            let f = item.fields();
            let status = item.status();
            let late = overdue_days(f.due, status, app.today);
            let due = f.due.map(|d| d.to_string()).unwrap_or_default();
            let (when, style) = if late > 0 {
                (s.days_overdue(late), theme::overdue())
            } else if status.is_closed() {
                (s.status(status).to_string(), theme::info())
            } else {
                let days = f.due.map_or(0, |d| (d - app.today).num_days());
                (s.due_in(days), theme::due_soon())
            };
            let line = Line::from(vec![
                Span::raw(if i == r.selected { "▶ " } else { "  " }),
                Span::raw(fit(&sanitize(&f.title, false), title_w) + " "),
                Span::raw(fit(&due, 11)),
                Span::styled(fit(&when, when_w), style),
                Span::styled(
                    fit(&format!(" {} ", s.status(status)), status_w),
                    theme::status(status),
                ),
                Span::styled(
                    fit(&sanitize(f.owner.as_deref().unwrap_or(""), false), 10),
                    theme::dim(),
                ),
            ]);
            if i == r.selected {
                line.patch_style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    super::detail::render(app, frame, detail, false);
}
