//! Windows drawn over the main screen: help, menus, the delete prompt, forms.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::core::model::{ItemPath, Status};
use crate::core::recovery::{Recovery, SavedChange, SavedValue};
use crate::core::save::Conflict;
use crate::core::text::{fit, sanitize, width};
use crate::tui::app::App;
use crate::tui::keymap::{Keymap, OVERLAY_HELP};
use crate::tui::screens::Screen;
use crate::tui::strings::{self as t, Strings};
use crate::tui::theme;

/// A centred rectangle of at most `w` x `h`, cleared, with a titled border;
/// returns the inside.
pub(super) fn window(frame: &mut Frame, area: Rect, w: u16, h: u16, title: &str) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(format!(" {} ", sanitize(title, false)))
        .border_style(theme::key());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// Every key, from the same table that maps them; when they do not fit in
/// two columns, the rows scroll (`at` is the first shown).
pub fn help(keys: &Keymap, screen: &Screen, s: Strings, at: usize, frame: &mut Frame, area: Rect) {
    let mut entries: Vec<(String, String)> = keys
        .bindings(screen)
        .iter()
        .map(|b| (b.label(), s.get(b.help).to_string()))
        .collect();
    entries.extend(
        OVERLAY_HELP
            .iter()
            .map(|(k, _, h)| (k.to_string(), s.get(*h).to_string())),
    );
    let two_columns = area.width >= 100 || entries.len() + 2 > area.height as usize;
    let per_column = if two_columns {
        entries.len().div_ceil(2)
    } else {
        entries.len()
    };
    let w = if two_columns { area.width.min(110) } else { 60 };
    let room = (area.height as usize).saturating_sub(2);
    let more = per_column > room;
    let title = s.get(if more {
        t::HELP_TITLE_MORE
    } else {
        t::HELP_TITLE
    });
    let inner = window(frame, area, w, per_column as u16 + 2, title);
    let skip = at.min(per_column.saturating_sub(room));
    let col_w = if two_columns {
        inner.width as usize / 2
    } else {
        inner.width as usize
    };
    // the longest keys, and a space after them
    let key_w = entries.iter().map(|(k, _)| width(k)).max().unwrap_or(0) + 1;
    let cell = |(k, h): &(String, String)| {
        vec![
            Span::styled(fit(k, key_w), theme::key()),
            Span::raw(fit(h, col_w.saturating_sub(key_w + 1)) + " "),
        ]
    };
    let lines: Vec<Line> = (skip..per_column)
        .map(|i| {
            let mut spans = cell(&entries[i]);
            if two_columns && let Some(e) = entries.get(i + per_column) {
                spans.extend(cell(e));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn menu(app: &App, frame: &mut Frame, area: Rect, title: &str, entries: &[String], at: usize) {
    let w = entries
        .iter()
        .map(|e| width(e))
        .max()
        .unwrap_or(10)
        .max(width(title) + 4)
        + 4;
    let h = entries.len().min(area.height.saturating_sub(2) as usize);
    let inner = window(frame, area, w as u16, h as u16 + 2, title);
    let skip = at.saturating_sub(h.saturating_sub(1));
    let lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(skip)
        .take(h)
        .map(|(i, e)| {
            // without colour, `▶` shows the highlighted entry
            let mark = match app.theme().selection_marker(i == at) {
                "" => " ",
                m => m,
            };
            let text = fit(&format!("{mark}{e}"), inner.width as usize);
            if i == at {
                Line::styled(text, theme::selected().add_modifier(Modifier::REVERSED))
            } else {
                Line::raw(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn status_menu(app: &App, at: usize, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let derived = app
        .selected_item()
        .map(|i| {
            let pct = i.percent();
            crate::core::rollup::effective_status(&Default::default(), pct)
        })
        .unwrap_or(Status::Todo);
    let mut entries = vec![s.status_clear(derived)];
    entries.extend(
        Status::ALL
            .iter()
            .zip("tibadx".chars())
            .map(|(&st, k)| s.status_entry(k, st)),
    );
    menu(app, frame, area, s.get(t::STATUS_TITLE), &entries, at);
}

pub fn filter_menu(app: &App, at: usize, frame: &mut Frame, area: Rect) {
    let entries: Vec<String> = app
        .filter_entries()
        .into_iter()
        .map(|(label, _)| sanitize(&label, false).into_owned())
        .collect();
    menu(
        app,
        frame,
        area,
        app.strings().get(t::FILTER_TITLE),
        &entries,
        at,
    );
}

pub fn confirm(app: &App, path: &ItemPath, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let item = app.portfolio.get(path);
    let title = item
        .map(|i| sanitize(&i.fields().title, false).into_owned())
        .unwrap_or_default();
    let children = match item {
        Some(crate::core::model::ItemRef::Project(p)) => p.milestones.len(),
        _ => 0,
    };
    let text = vec![
        Line::styled(
            s.delete_named(path.kind(), &title, children),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::styled(path.to_string(), theme::dim()),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", theme::key()),
            Span::raw(s.get(t::DELETE_YES)),
            Span::styled("n", theme::key()),
            Span::raw(s.get(t::DELETE_NO)),
        ]),
    ];
    let inner = window(frame, area, 64, 7, s.get(t::DELETE_TITLE));
    frame.render_widget(
        Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
}

/// The mine-or-theirs question, for a save's conflict or (`merged`) for a
/// field a git merge left with two values.
pub fn conflict(app: &App, c: &Conflict, merged: bool, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let title = app
        .portfolio
        .get(&c.item)
        .map(|i| sanitize(&i.fields().title, false).into_owned())
        .unwrap_or_else(|| c.item.to_string());
    let text = vec![
        Line::styled(
            if merged {
                s.merge_conflict_what(s.field(c.field), &title)
            } else {
                s.conflict_what(s.field(c.field), &title)
            },
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::styled(format!("{} · {}", c.item, c.file.display()), theme::dim()),
        Line::raw(""),
        Line::styled(
            s.theirs(&crate::core::edit::show(&c.theirs)),
            theme::due_soon(),
        ),
        Line::styled(s.mine(&crate::core::edit::show(&c.mine)), theme::info()),
        Line::raw(""),
        Line::styled(s.conflict_keys(), theme::key()),
    ];
    let inner = window(frame, area, 72, 9, s.conflict_title());
    frame.render_widget(
        Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
}

/// The question of a delete whose item was changed on disk since it was
/// read: delete it anyway, or keep it with their change.
pub fn changed_before_delete(app: &App, c: &Conflict, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let text = vec![
        Line::styled(
            s.changed_before_delete(&c.item.to_string()),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::styled(c.file.display().to_string(), theme::dim()),
        Line::raw(""),
        Line::styled(s.changed_before_delete_keys(), theme::key()),
    ];
    let inner = window(frame, area, 72, 8, s.conflict_title());
    frame.render_widget(
        Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
}

/// Lines naming at most `max` of `items`, dim, and `…` for the rest.
fn some_of(items: Vec<String>, max: usize) -> Vec<Line<'static>> {
    let more = items.len() > max;
    let mut lines: Vec<Line> = items
        .into_iter()
        .take(max)
        .map(|i| Line::styled(format!("  {}", sanitize(&i, false)), theme::dim()))
        .collect();
    if more {
        lines.push(Line::styled("  …", theme::dim()));
    }
    lines
}

/// Quitting with edits not on disk: which items, and save again, discard
/// or stay.
pub fn quitting(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let mut paths: Vec<String> = app.unsaved().iter().map(|p| p.to_string()).collect();
    paths.sort();
    let mut text = vec![Line::styled(
        s.not_saved_count(paths.len()),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    text.extend(some_of(paths, 5));
    text.push(Line::raw(""));
    text.push(Line::styled(s.get(t::QUIT_KEYS), theme::key()));
    let inner = window(frame, area, 72, text.len() as u16 + 2, s.get(t::QUIT_TITLE));
    frame.render_widget(Paragraph::new(text), inner);
}

/// At start, the edits a session left unsaved: what they change, and apply
/// again, discard or later.
pub fn recover(app: &App, r: &Recovery, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let path = crate::core::recovery::path(&app.portfolio.dir);
    let changes: Vec<String> = r
        .edits
        .iter()
        .flat_map(|e| e.changes.iter().map(move |c| (e, c)))
        .map(|(e, c)| match c {
            SavedChange::Field {
                path, field, value, ..
            } => format!("{path} · {field} = {}", shown(value.as_ref())),
            SavedChange::Add { path, title } => format!("+ {path} {title}"),
            SavedChange::Remove { path } => format!("- {path}"),
            SavedChange::Incident { path, index, .. } => format!("{path} · incident {index}"),
        } + &format!("  ({})", e.file))
        .collect();
    let mut text = vec![Line::styled(
        s.recovery_what(r.len(), &path.display().to_string()),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    text.extend(some_of(changes, 6));
    text.push(Line::raw(""));
    text.push(Line::styled(s.get(t::RECOVER_KEYS), theme::key()));
    let inner = window(
        frame,
        area,
        76,
        text.len() as u16 + 3,
        s.get(t::RECOVER_TITLE),
    );
    frame.render_widget(
        Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
}

/// A recovered value as the question shows it.
fn shown(v: Option<&SavedValue>) -> String {
    match v {
        None => "—".into(),
        Some(SavedValue::Text(x) | SavedValue::Status(x)) => x.clone(),
        Some(SavedValue::Number(n)) => n.to_string(),
        Some(SavedValue::Count(n)) => n.to_string(),
        Some(SavedValue::Date(d)) => d.to_string(),
        Some(SavedValue::List(l)) => l.join(", "),
    }
}
