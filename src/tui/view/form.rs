//! The forms, and the questions asked around them: clear a blocker too,
//! leave a stand-up in progress. One row per field, a field of paragraphs
//! (`update`, `note`) several rows while focused and its beginning when
//! not; errors and hints under their field; the keys at the bottom.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::bars::skip_columns;
use super::overlay::window;
use crate::core::model::ItemPath;
use crate::core::text::{fit, sanitize, truncate, width};
use crate::tui::app::App;
use crate::tui::form::{Form, FormField, FormKind};
use crate::tui::strings::{self as t, Strings};
use crate::tui::theme;

/// Rows a focused field of paragraphs shows.
const PARAGRAPH_ROWS: usize = 4;

/// The form, with the cursor in the focused field.
pub fn form(form: &Form, frame: &mut Frame, area: Rect) {
    let s = form.strings;
    // a mark for a changed value, the longest label, and a space
    let label_w = form
        .fields
        .iter()
        .map(|f| width(&f.shown_label(s)) + 2)
        .max()
        .unwrap_or(0)
        .max(9);
    let w = area.width.min(90);
    let input_w = (w.saturating_sub(2) as usize)
        .saturating_sub(label_w + 1)
        .max(4);
    let mut lines = Vec::new();
    // the focused field's rows, and the cursor in them (row, column)
    let mut focus = (0, 0);
    let mut cursor = (0, 0);
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label = Span::styled(
            fit(
                &format!(
                    "{}{}",
                    if f.changed() { "*" } else { " " },
                    f.shown_label(s)
                ),
                label_w,
            ),
            if focused {
                theme::key()
            } else {
                theme::label()
            },
        );
        let value_style = if focused {
            Style::new().add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new()
        };
        let start = lines.len();
        let (rows, at) = shown(f, focused, input_w);
        for (j, row) in rows.into_iter().enumerate() {
            let head = if j == 0 {
                label.clone()
            } else {
                Span::raw(" ".repeat(label_w))
            };
            lines.push(Line::from(vec![
                head,
                Span::raw(" "),
                Span::styled(fit(&sanitize(&row, false), input_w), value_style),
            ]));
        }
        if focused {
            focus = (start, lines.len());
            cursor = (start + at.0, at.1);
        }
        // under the value; a long one starts further left, to show whole
        let under = |text: &str| {
            let inner_w = w.saturating_sub(2) as usize;
            let pad = (label_w + 1).min(inner_w.saturating_sub(width(text)));
            format!("{}{}", " ".repeat(pad), truncate(text, inner_w - pad))
        };
        if let Some(e) = &f.error {
            lines.push(Line::styled(under(e), theme::error()));
        } else if let Some(hint) = &f.hint {
            lines.push(Line::styled(under(hint), theme::dim()));
        }
    }
    let fields_h = lines.len();
    lines.push(Line::raw(""));
    lines.push(keys_line(form, s));
    let h = (lines.len() + 2) as u16;
    let inner = window(frame, area, w, h, &form.heading());
    // when the fields do not fit, scroll to keep the focused one in sight
    let room = (inner.height as usize).saturating_sub(2);
    let skip = if fields_h > room {
        focus.1.saturating_sub(room).min(focus.0)
    } else {
        0
    };
    let keys = lines.split_off(fields_h);
    let mut shown_lines: Vec<Line> = lines.into_iter().skip(skip).take(room).collect();
    while shown_lines.len() < room.min(fields_h) {
        shown_lines.push(Line::raw(""));
    }
    shown_lines.extend(keys);
    frame.render_widget(Paragraph::new(shown_lines), inner);
    if !form.asking && cursor.0 >= skip && cursor.0 < skip + room {
        let x = inner.x + (label_w + 1 + cursor.1) as u16;
        frame.set_cursor_position((
            x.min(inner.right().saturating_sub(1)),
            inner.y + (cursor.0 - skip) as u16,
        ));
    }
}

/// The rows a field shows, and where in them the cursor is (row, column).
/// A focused field scrolls to its cursor; another shows its beginning.
fn shown(f: &FormField, focused: bool, input_w: usize) -> (Vec<String>, (usize, usize)) {
    let value = f.value();
    let before: String = value.chars().take(f.input.cursor()).collect();
    let line_at = before.matches('\n').count();
    let col = width(before.rsplit('\n').next().unwrap_or(""));
    let lines: Vec<&str> = value.split('\n').collect();
    if !focused {
        let more = if lines.len() > 1 { " ⏎…" } else { "" };
        let first = lines.first().copied().unwrap_or("");
        return (vec![format!("{first}{more}")], (0, 0));
    }
    let scroll = col.saturating_sub(input_w.saturating_sub(1));
    let rows = if f.multiline() {
        PARAGRAPH_ROWS.min(lines.len()).max(1)
    } else {
        1
    };
    let top = line_at.saturating_sub(rows - 1);
    let shown = lines
        .iter()
        .enumerate()
        .skip(top)
        .take(rows)
        .map(|(i, l)| {
            if i == line_at {
                skip_columns(l, scroll)
            } else {
                (*l).to_string()
            }
        })
        .collect();
    (shown, (line_at - top, col - scroll))
}

/// The keys at the bottom: save, next, cancel (in a field of paragraphs
/// Enter makes a new line and Ctrl-s saves), or the discard question.
fn keys_line(form: &Form, s: Strings) -> Line<'static> {
    if form.asking {
        return Line::styled(s.get(t::DISCARD_KEYS), theme::error());
    }
    let mut spans = Vec::new();
    if form.on_multiline() {
        spans.extend([
            Span::styled("Enter", theme::key()),
            Span::raw(s.get(t::FORM_NEW_LINE)),
            Span::styled("Ctrl-s", theme::key()),
            Span::raw(s.get(t::FORM_SAVE)),
        ]);
    } else {
        spans.extend([
            Span::styled("Enter", theme::key()),
            Span::raw(s.get(t::FORM_SAVE)),
        ]);
    }
    spans.extend([
        Span::styled("Tab", theme::key()),
        Span::raw(s.get(t::FORM_NEXT)),
        Span::styled("Esc", theme::key()),
        Span::raw(s.get(t::FORM_CANCEL)),
    ]);
    // how to write dates, where there are dates (not in the reason asked
    // by `s` `b`)
    if !form.on_multiline() && !matches!(form.kind, FormKind::Block(..)) {
        spans.push(Span::styled(s.get(form.reminder()), theme::dim()));
    }
    Line::from(spans)
}

/// A yes/no question in a small window: what, a dim detail, the keys.
fn question(frame: &mut Frame, area: Rect, title: &str, what: String, detail: String, keys: &str) {
    let text = vec![
        Line::styled(what, Style::new().add_modifier(Modifier::BOLD)),
        Line::styled(detail, theme::dim()),
        Line::raw(""),
        Line::styled(keys.to_string(), theme::key()),
    ];
    let inner = window(frame, area, 64, 7, title);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
}

/// Another status for a blocked item with a blocker: clear it too?
pub fn clear_blocker(app: &App, path: &ItemPath, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let blocker = app
        .portfolio
        .get(path)
        .and_then(|i| i.fields().blocker.clone())
        .unwrap_or_default();
    let blocker = sanitize(&blocker, false).replace('\n', " ");
    question(
        frame,
        area,
        s.get(t::CLEAR_BLOCKER_TITLE),
        s.clear_blocker_what(&truncate(&blocker, 40)),
        path.to_string(),
        s.get(t::CLEAR_BLOCKER_KEYS),
    );
}

/// Leaving a stand-up in progress: really?
pub fn leave_standup(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    question(
        frame,
        area,
        s.get(t::LEAVE_STANDUP_TITLE),
        s.get(t::LEAVE_STANDUP_WHAT).to_string(),
        String::new(),
        s.get(t::LEAVE_STANDUP_KEYS),
    );
}
