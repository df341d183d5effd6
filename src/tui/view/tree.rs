//! The tree: one line per visible row, drawn only for the rows on screen.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::layout::scroll_offset;
use crate::core::model::{ItemPath, ItemRef, Portfolio, Status};
use crate::core::rollup::{is_due_soon, overdue_days};
use crate::core::text::{fit, percent, sanitize, width};
use crate::tui::app::App;
use crate::tui::changes;
use crate::tui::strings::{self as t, Strings};
use crate::tui::theme;
use crate::tui::tree::Node;

/// Which columns fit in a width, beside the title.
#[derive(Clone, Copy, Debug)]
struct Columns {
    gauge: usize,
    count: bool,
    stage: usize,
    delta: bool,
}

impl Columns {
    fn for_width(w: usize) -> Self {
        match w {
            0..70 => Columns {
                gauge: 0,
                count: false,
                stage: 0,
                delta: false,
            },
            70..96 => Columns {
                gauge: 8,
                count: false,
                stage: 6,
                delta: false,
            },
            96..130 => Columns {
                gauge: 12,
                count: true,
                stage: 8,
                delta: true,
            },
            _ => Columns {
                gauge: 20,
                count: true,
                stage: 10,
                delta: true,
            },
        }
    }
}

const PERCENT_W: usize = 7;
const COUNT_W: usize = 8;
const DELTA_W: usize = 9;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let height = area.height as usize;
    let rows = &app.tree.rows;
    let offset = scroll_offset(app.tree.offset, app.tree.selected, rows.len(), height);
    let unsaved = app.unsaved();
    let conflicted: HashSet<ItemPath> = app.merge_conflicts().into_iter().map(|c| c.item).collect();
    // without colour, a marker column shows the selected row
    let theme = app.theme();
    let w = (area.width as usize).saturating_sub(width(theme.selection_marker(false)));
    let cols = Columns::for_width(w);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, node)| {
            let mut line = row(app, *node, w, cols, (&unsaved, &conflicted));
            let marker = theme.selection_marker(i == app.tree.selected);
            if !marker.is_empty() {
                line.spans.insert(0, Span::raw(marker));
            }
            if i == app.tree.selected {
                line.patch_style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    if lines.is_empty() {
        let s = app.strings();
        let text = if app.tree.filter.is_active() {
            s.get(t::NOTHING_MATCHES)
        } else {
            s.get(t::NO_OBJECTIVES)
        };
        let para = Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: false });
        frame.render_widget(para.style(theme::dim()), area);
        return;
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn row<'a>(
    app: &'a App,
    node: Node,
    w: usize,
    cols: Columns,
    (unsaved, conflicted): (&HashSet<ItemPath>, &HashSet<ItemPath>),
) -> Line<'a> {
    let p = &app.portfolio;
    let s = app.strings();
    let Some(item) = node.item(p) else {
        return broken_row(p, node, w, s);
    };
    let path = node.path(p);
    let indent = "  ".repeat(node.depth());
    let marker = if node.has_children(p) {
        if path.as_ref().is_some_and(|x| app.tree.is_expanded(x)) || app.tree.filter.is_active() {
            "▾ "
        } else {
            "▸ "
        }
    } else {
        "  "
    };
    let pct = item.percent();
    let status = item.status_with(pct);
    let f = item.fields();

    let mut right: Vec<Span> = Vec::new();
    if cols.gauge > 0 {
        let (full, empty) = theme::bar(pct, cols.gauge);
        right.push(Span::styled(full, Style::new().fg(theme::gauge(status))));
        right.push(Span::styled(empty, theme::dim()));
        right.push(Span::raw(" "));
    }
    right.push(Span::raw(format!(
        "{:>w$} ",
        format!("{}%", percent(pct)),
        w = PERCENT_W - 1
    )));
    let (total, stage) = match item {
        ItemRef::Milestone(m, _) => (m.total, m.stage.as_deref()),
        _ => (None, None),
    };
    if cols.count {
        let count = total.map(|t| s.of_total(t)).unwrap_or_default();
        right.push(Span::styled(fit(&count, COUNT_W - 1) + " ", theme::dim()));
    }
    if cols.delta && !app.history.earlier.is_empty() {
        let c = path
            .as_ref()
            .map(|x| changes::change_of(&app.history, x, item))
            .unwrap_or_default();
        let (text, style) = if c.stalled_weeks > 0 {
            (s.stall_short(c.stalled_weeks), theme::due_soon())
        } else {
            let d = s.delta(&c);
            let style = if d.starts_with('▼') {
                theme::error()
            } else {
                theme::info()
            };
            (d, style)
        };
        right.push(Span::styled(fit(&text, DELTA_W - 1) + " ", style));
    }
    right.push(Span::styled(
        fit(&format!(" {} ", s.status(status)), s.status_width()),
        theme::status(status),
    ));
    right.push(Span::raw(" "));
    if cols.stage > 0 {
        let s = sanitize(stage.unwrap_or(""), false);
        right.push(Span::raw(fit(&s, cols.stage) + " "));
    }
    right.push(due_span(
        f.due,
        status,
        app.today,
        p.settings.due_soon_days,
        s,
    ));

    let right_w: usize = right.iter().map(|s| width(&s.content)).sum();
    let mut left = vec![Span::raw(indent), Span::styled(marker, theme::dim())];
    let is_unsaved = path.as_ref().is_some_and(|x| unsaved.contains(x));
    if is_unsaved {
        left.push(Span::styled("● ", theme::unsaved()));
    }
    if path.as_ref().is_some_and(|x| conflicted.contains(x)) {
        // a merge left a field with two values: `c` settles it
        left.push(Span::styled("≠ ", theme::overdue()));
    }
    let used: usize = left.iter().map(|s| width(&s.content)).sum();
    let title_w = w.saturating_sub(used + right_w + 1);
    let title_style = match (node, app.search.matches.contains(node)) {
        (_, true) => Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
        (Node::Objective(_), _) => Style::new().add_modifier(Modifier::BOLD),
        _ => Style::new(),
    };
    let title = sanitize(&f.title, false);
    left.push(Span::styled(fit(&title, title_w) + " ", title_style));
    left.extend(right);
    Line::from(left)
}

/// The due column: `06-30`, red with the days when late, yellow when soon.
fn due_span(
    due: Option<NaiveDate>,
    status: Status,
    today: NaiveDate,
    soon_days: i64,
    s: Strings,
) -> Span<'static> {
    let due_w = s.due_width();
    let Some(due) = due else {
        return Span::raw(" ".repeat(due_w));
    };
    let late = overdue_days(Some(due), status, today);
    let date = if due.year() == today.year() {
        due.format("%m-%d").to_string()
    } else {
        due.format("%Y-%m").to_string()
    };
    if late > 0 {
        Span::styled(
            fit(&format!("{date} {}", s.late_short(late)), due_w),
            theme::overdue(),
        )
    } else if is_due_soon(Some(due), status, today, soon_days) {
        Span::styled(fit(&date, due_w), theme::due_soon())
    } else {
        Span::raw(fit(&date, due_w))
    }
}

fn broken_row(p: &Portfolio, node: Node, w: usize, s: Strings) -> Line<'static> {
    let Node::Broken(fi) = node else {
        return Line::raw("");
    };
    let file = &p.files[fi];
    let first = file
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .map(|d| d.to_string())
        .unwrap_or_else(|| s.cannot_load(&file.path.display().to_string()));
    let text = format!("✗ {}", sanitize(&first, false));
    Line::styled(fit(&text, w), theme::error())
}
