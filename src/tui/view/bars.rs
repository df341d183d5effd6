//! The header and footer lines.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::line;
use crate::core::text::{fit, percent, sanitize, truncate, width};
use crate::tui::app::{App, Mode};
use crate::tui::keymap::bindings;
use crate::tui::screens::Screen;
use crate::tui::theme;

/// Data folder, today and its ISO week, overall percent, counts, filter.
/// On a narrow screen the folder goes first, then the overall gauge.
pub fn header(app: &App, frame: &mut Frame, area: Rect) {
    let s = &app.stats;
    let folder = sanitize(&app.portfolio.dir.display().to_string(), false).into_owned();
    let count = |n: usize, what: &str, style: Style| {
        Span::styled(
            format!("{n} {what}  "),
            if n > 0 { style } else { theme::dim() },
        )
    };
    let narrow = area.width < 60;
    let counts = vec![
        count(
            s.overdue,
            if narrow { "late" } else { "overdue" },
            theme::overdue(),
        ),
        count(
            s.due_soon,
            if narrow { "soon" } else { "due soon" },
            theme::due_soon(),
        ),
        count(
            s.blocked,
            if narrow { "blk" } else { "blocked" },
            theme::error(),
        ),
    ];
    let (full, empty) = theme::bar(s.percent, 8);
    let gauge = vec![
        Span::styled(full, Style::new().fg(ratatui::style::Color::Cyan)),
        Span::styled(empty, theme::dim()),
        Span::raw(" "),
    ];
    let filter = app.filter.is_active().then(|| {
        Span::styled(
            format!("filter: {}", sanitize(&app.filter.describe(), false)),
            theme::unsaved(),
        )
    });
    let spans_width = |v: &[Span]| v.iter().map(|s| width(&s.content)).sum::<usize>();
    let fixed = 17 + 8 + spans_width(&counts) + filter.as_ref().map_or(0, |f| width(&f.content));
    let room = (area.width as usize).saturating_sub(fixed);
    let show_brand = room >= 8;
    let room = room.saturating_sub(if show_brand { 8 } else { 0 });
    let show_gauge = room >= 11;
    let folder_room = room.saturating_sub(if show_gauge { 11 } else { 0 });
    let mut spans = vec![if show_brand {
        Span::styled(" stride ", theme::key())
    } else {
        Span::raw(" ")
    }];
    if folder_room >= 8 {
        spans.push(Span::raw(format!(
            "{}  ",
            truncate(&folder, folder_room - 2)
        )));
    }
    spans.push(Span::raw(format!(
        "{} W{:02}  ",
        app.today,
        app.today.iso_week().week()
    )));
    if show_gauge {
        spans.extend(gauge);
    }
    spans.push(Span::raw(format!("{}%  ", percent(s.percent))));
    spans.extend(counts);
    spans.extend(filter);
    frame.render_widget(line(Line::from(spans), theme::header()), area);
}

/// The message if there is one, else the keys that work here.
pub fn footer(app: &App, frame: &mut Frame, area: Rect) {
    let w = area.width as usize;
    if let Some(m) = &app.message {
        let style = if m.error {
            theme::error()
        } else {
            theme::info()
        };
        let text = sanitize(&m.text, false);
        frame.render_widget(line(fit(&format!(" {text}"), w), style), area);
        return;
    }
    let pairs: Vec<(String, &str)> = match &app.mode {
        Mode::Form(_) => vec![
            ("Tab".into(), "next field"),
            ("Enter".into(), "save"),
            ("Esc".into(), "cancel"),
        ],
        Mode::StatusMenu(_) | Mode::FilterMenu(_) => vec![
            ("↑↓".into(), "choose"),
            ("Enter".into(), "pick"),
            ("Esc".into(), "cancel"),
        ],
        Mode::Confirm(_) => vec![("y".into(), "delete"), ("n".into(), "keep")],
        Mode::Help => vec![("any key".into(), "close")],
        _ => {
            let mut v: Vec<(String, &str)> = match app.screen {
                Screen::Tree => vec![("↑↓".into(), "move"), ("←→".into(), "fold")],
                _ => vec![],
            };
            v.extend(
                bindings(&app.screen)
                    .into_iter()
                    .filter_map(|b| b.short.map(|(k, s)| (k.to_string(), s))),
            );
            v
        }
    };
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (k, what) in pairs {
        let piece = width(&k) + width(what) + 3;
        if used + piece > w {
            break;
        }
        used += piece;
        spans.push(Span::styled(k, theme::key()));
        spans.push(Span::styled(format!(" {what}  "), theme::dim()));
    }
    frame.render_widget(line(Line::from(spans), Style::new()), area);
}

/// The search prompt, with the cursor in it.
pub fn search(app: &App, frame: &mut Frame, area: Rect) {
    let input = &app.search.input;
    let n = app.search.matches.len();
    let status = if input.value().is_empty() {
        "type to search titles and ids".to_string()
    } else if n == 0 {
        "no match".to_string()
    } else {
        format!(
            "{} of {n}  Tab next  Enter done  Esc cancel",
            app.search.current + 1
        )
    };
    let room = (area.width as usize)
        .saturating_sub(width(&status) + 4)
        .max(8);
    let scroll = input.visual_scroll(room);
    let shown: String = skip_columns(input.value(), scroll);
    let text = format!("/{}", truncate(&shown, room));
    let spans = vec![
        Span::styled(fit(&text, room + 1), theme::key()),
        Span::raw("  "),
        Span::styled(status, if n == 0 { theme::error() } else { theme::dim() }),
    ];
    frame.render_widget(line(Line::from(spans), Style::new()), area);
    let x = area.x + 1 + (input.visual_cursor() - scroll) as u16;
    frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
}

/// `s` without its first `cols` display columns.
pub fn skip_columns(s: &str, cols: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        if used >= cols {
            out.push(c);
        } else {
            used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
    }
    out
}
