//! The header and footer lines.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::common::line;
use crate::core::text::{fit, percent, sanitize, truncate, width};
use crate::tui::app::{App, Mode};
use crate::tui::screens::Screen;
use crate::tui::strings as t;
use crate::tui::theme;

/// Data folder, today and its ISO week, overall percent, counts, the
/// reported week's incidents by grade and the missed targets, filter.
/// When the counts do not fit with their long labels they take short ones;
/// then the folder goes first, then the overall gauge, then the name.
pub fn header(app: &App, frame: &mut Frame, area: Rect) {
    let s = &app.stats;
    let tr = app.strings();
    let folder = sanitize(&app.portfolio.dir.display().to_string(), false).into_owned();
    let count = |n: usize, what: t::Text, style: Style| {
        Span::styled(
            tr.count(n, tr.get(what)),
            if n > 0 { style } else { theme::dim() },
        )
    };
    let counts_of = |short: bool, short_ops: bool| {
        let mut v = vec![
            count(
                s.overdue,
                if short { t::LATE_SHORT } else { t::OVERDUE },
                theme::overdue(),
            ),
            count(
                s.due_soon,
                if short { t::SOON_SHORT } else { t::DUE_SOON },
                theme::due_soon(),
            ),
            count(
                s.blocked,
                if short { t::BLOCKED_SHORT } else { t::BLOCKED },
                theme::error(),
            ),
        ];
        if s.ops {
            let graded = |label: &str, n: usize, style: Style, last: bool| {
                let mut text = tr.grade_count(label, n, short_ops);
                if last {
                    text.push(' ');
                }
                Span::styled(text, if n > 0 { style } else { theme::dim() })
            };
            v.push(graded("AB", s.incidents.ab, theme::overdue(), false));
            v.push(graded("CD", s.incidents.cd, theme::due_soon(), true));
            v.push(Span::styled(
                tr.missed_count(s.missed, short_ops),
                if s.missed > 0 {
                    theme::overdue()
                } else {
                    theme::dim()
                },
            ));
        }
        v
    };
    let (full, empty) = theme::bar(s.percent, 8);
    let gauge = vec![
        Span::styled(full, Style::new().fg(ratatui::style::Color::Cyan)),
        Span::styled(empty, theme::dim()),
        Span::raw(" "),
    ];
    let filter = app.tree.filter.is_active().then(|| {
        Span::styled(
            tr.filter_shown(&sanitize(&app.tree.filter.describe_in(tr), false)),
            theme::unsaved(),
        )
    });
    let date = tr.date_and_week(
        &app.today.to_string(),
        app.today.iso_week().week(),
        app.portfolio.settings.week_number(app.today),
    );
    let spans_width = |v: &[Span]| v.iter().map(|s| width(&s.content)).sum::<usize>();
    // a space, the date, and the percent
    let fixed_with = |counts: &[Span]| {
        1 + width(&date)
            + 8
            + spans_width(counts)
            + filter.as_ref().map_or(0, |f| width(&f.content))
    };
    // long labels; else short ones for the item counts, keeping the
    // team's `AB级0次 CD级1次`; else short ones for all. The last count's
    // two spaces may go past the edge.
    let narrow = area.width < 60;
    // (a filter comes last, and shows whole)
    let slack = if filter.is_some() { 0 } else { 2 };
    let fits = |c: &[Span]| fixed_with(c).saturating_sub(slack) <= area.width as usize;
    let mut counts = counts_of(narrow, narrow);
    if !fits(&counts) {
        counts = counts_of(true, false);
    }
    if !fits(&counts) {
        counts = counts_of(true, true);
    }
    // still too wide: the missed targets go, then both grade counts
    if !fits(&counts) && counts.len() == 6 {
        counts.pop();
    }
    if !fits(&counts) && counts.len() == 5 {
        counts.truncate(3);
    }
    // the whole filter shows, before any count
    if !fits(&counts) && filter.is_some() {
        counts.clear();
    }
    let fixed = fixed_with(&counts);
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
    spans.push(Span::raw(date));
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
    let tr = app.strings();
    let pairs: Vec<(String, t::Text)> = match &app.mode {
        Mode::Form(f) if f.on_multiline() => vec![
            ("Tab".into(), t::NEXT_FIELD),
            ("Enter".into(), t::NEW_LINE),
            ("Ctrl-s".into(), t::SAVE),
            ("Esc".into(), t::CANCEL),
        ],
        Mode::Form(_) => vec![
            ("Tab".into(), t::NEXT_FIELD),
            ("Enter".into(), t::SAVE),
            ("Esc".into(), t::CANCEL),
        ],
        Mode::ClearBlocker(_) => vec![
            ("y".into(), t::CLEAR),
            ("n".into(), t::KEEP),
            ("Esc".into(), t::CANCEL),
        ],
        Mode::LeaveStandup => vec![("y".into(), t::LEAVE), ("n".into(), t::STAY)],
        Mode::StatusMenu(_) | Mode::FilterMenu(_) => vec![
            ("↑↓".into(), t::CHOOSE),
            ("Enter".into(), t::PICK),
            ("Esc".into(), t::CANCEL),
        ],
        Mode::Confirm(_) => vec![("y".into(), t::DELETE), ("n".into(), t::KEEP)],
        Mode::Help(_) => vec![
            ("↑↓".into(), t::SCROLL),
            (tr.get(t::ANY_KEY).into(), t::CLOSE),
        ],
        _ => {
            let mut v: Vec<(String, t::Text)> = match app.screen {
                Screen::Tree => vec![("↑↓".into(), t::MOVE), ("←→".into(), t::FOLD)],
                _ => vec![],
            };
            let keys = app.keymap().bindings(&app.screen);
            v.extend(keys.iter().filter_map(|b| b.footer()));
            v
        }
    };
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (k, what) in pairs {
        let what = tr.get(what);
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
    let tr = app.strings();
    let status = if input.value().is_empty() {
        tr.get(t::TYPE_TO_SEARCH).to_string()
    } else if n == 0 {
        tr.get(t::NO_MATCH).to_string()
    } else {
        tr.search_position(app.search.current + 1, n)
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
