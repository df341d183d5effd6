//! The pipeline board: a column per stage, a card per milestone.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::core::model::{ItemRef, Status};
use crate::core::rollup::overdue_days;
use crate::core::text::{fit, percent, sanitize, truncate};
use crate::tui::app::App;
use crate::tui::screens::Board;
use crate::tui::strings as t;
use crate::tui::theme;

pub fn render(app: &App, b: &Board, frame: &mut Frame, area: Rect) {
    let p = &app.portfolio;
    let s = app.strings();
    let Some(ItemRef::Project(pr)) = p.get(&b.project) else {
        return;
    };
    let inner = super::common::titled(
        frame,
        area,
        s.board_title(&sanitize(&pr.fields.title, false)),
    );
    let [board, detail] =
        Layout::vertical([Constraint::Min(6), Constraint::Length(7)]).areas(inner);
    let columns = b.columns(p);
    let areas = Layout::horizontal(vec![
        Constraint::Ratio(1, columns.len().max(1) as u32);
        columns.len()
    ])
    .split(board);
    for (c, (stage, cards)) in pr.stages.iter().zip(&columns).enumerate() {
        let here = c == b.column;
        let col = Block::bordered()
            .title(format!(
                " {} ",
                s.section(&sanitize(stage, false), cards.len())
            ))
            .border_style(if here { theme::key() } else { theme::dim() });
        let cin = col.inner(areas[c]);
        frame.render_widget(col, areas[c]);
        let w = cin.width as usize;
        let mut lines = Vec::new();
        for (r, &mi) in cards.iter().enumerate() {
            let m = &pr.milestones[mi];
            let item = ItemRef::Milestone(m, pr);
            let status = item.status();
            let selected = here && r == b.card;
            let base = if selected {
                theme::selected().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            lines.push(Line::styled(
                fit(&sanitize(&m.fields.title, false), w),
                base,
            ));
            let late = overdue_days(m.fields.due, status, app.today);
            let mut info = format!("{}% {}", percent(item.percent()), s.status(status));
            if late > 0 {
                info.push_str(&format!(" {}", s.late_short(late)));
            }
            let style = if late > 0 {
                theme::overdue()
            } else if status == Status::Done {
                theme::info()
            } else {
                theme::dim()
            };
            lines.push(Line::styled(fit(&info, w), style));
            if status == Status::Blocked {
                let why = m
                    .fields
                    .blocker
                    .as_deref()
                    .unwrap_or(s.get(t::BLOCKED_CARD));
                lines.push(Line::styled(
                    fit(&format!("⛔ {}", truncate(&sanitize(why, false), w * 2)), w),
                    theme::error(),
                ));
            }
            lines.push(Line::raw(""));
        }
        frame.render_widget(Paragraph::new(lines), cin);
    }
    super::detail::render(app, frame, detail, false);
}
