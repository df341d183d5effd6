//! The stand-up's last page: what moved, what is late, blocked or
//! stalled, and the time per project. Every line of every list shows; a
//! summary longer than the screen scrolls (`↑`/`↓`, `PgUp`/`PgDn`).

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::page::{clock, scrolled};
use crate::core::text::{fit, sanitize};
use crate::tui::app::App;
use crate::tui::changes;
use crate::tui::screens::{Standup, Summary};
use crate::tui::strings::{self as t, Strings};
use crate::tui::theme;

/// The summary's lists of the portfolio as it is: what moved since last
/// week, what is late, blocked or stalled.
pub fn summary_of(app: &App) -> Summary {
    changes::summary_of(&app.portfolio, &app.history, app.today)
}

/// The summary in `area`, from the line `s.scroll`.
pub(super) fn render(app: &App, s: &Standup, frame: &mut Frame, area: Rect) {
    let lines = lines(app, s, area.width as usize);
    let shown = scrolled(
        app.strings(),
        lines,
        s.scroll,
        area.height as usize,
        area.width as usize,
    );
    frame.render_widget(Paragraph::new(shown), area);
}

/// Every line of the summary at `w` columns: two columns side by side
/// when there is room (the lists, then the time per project), else one
/// after the other.
pub(super) fn lines(app: &App, s: &Standup, w: usize) -> Vec<Line<'static>> {
    let tr = app.strings();
    // made by the state when the page opened; made here only if it was not
    let made;
    let lists = match &s.summary {
        Some(lists) => lists,
        None => {
            made = summary_of(app);
            &made
        }
    };
    let Summary {
        moved,
        late,
        blocked,
        stalled,
    } = lists;
    let section = |title, v, none, style| list_section(tr, title, v, none, style);
    let mut sections = Vec::new();
    if s.ops.is_some() {
        let (heading, items) = super::ops::summary(app);
        sections.push(Section {
            heading,
            items: items.into_iter().map(|(x, s)| (Cow::Owned(x), s)).collect(),
            none: "",
        });
    }
    sections.extend([
        section(t::STILL_OVERDUE, late, t::NOTHING, theme::overdue()),
        section(t::BLOCKED_SECTION, blocked, t::NOTHING, theme::error()),
        section(t::STALLED_SECTION, stalled, t::NOTHING, theme::due_soon()),
        section(t::MOVED, moved, t::NOTHING_MOVED, theme::info()),
    ]);
    if w >= 60 {
        let left_w = w * 58 / 100;
        let left = section_lines(&sections, left_w);
        let right = times(app, s, w - left_w);
        let rows = left.len().max(right.len());
        let blank = || Line::raw(" ".repeat(left_w));
        let mut left = left.into_iter();
        let mut right = right.into_iter();
        (0..rows)
            .map(|_| {
                let mut l = left.next().unwrap_or_else(blank);
                if let Some(r) = right.next() {
                    l.spans
                        .extend(r.spans.into_iter().map(|x| x.patch_style(r.style)));
                }
                l
            })
            .collect()
    } else {
        let mut out = section_lines(&sections, w);
        out.extend(times(app, s, w));
        out
    }
}

/// The time per project, one row per project, then the operations page's.
fn times(app: &App, s: &Standup, w: usize) -> Vec<Line<'static>> {
    let tr = app.strings();
    let rows = s.projects.iter().zip(&s.spent).map(|(path, d)| {
        let t = app
            .portfolio
            .get(path)
            .map(|i| sanitize(&i.fields().title, false).into_owned())
            .unwrap_or_default();
        (
            Cow::Owned(format!("{}  {}", fit(&t, 24), clock(*d))),
            Style::new(),
        )
    });
    let section = Section {
        heading: tr.section(tr.get(t::TIME_PER_PROJECT), s.projects.len()),
        items: rows.collect(),
        none: "",
    };
    let mut out = section_lines(&[section], w);
    if s.ops.is_some() {
        // not a project: under the list, not in it
        out.push(Line::raw(" ".repeat(w)));
        out.push(Line::styled(
            fit(
                &format!("{}  {}", fit(tr.get(t::OPS_PAGE), 26), clock(s.ops_spent)),
                w,
            ),
            theme::label(),
        ));
    }
    out
}

/// A section of the summary listing `v`, each line in `style`.
fn list_section<'a>(
    tr: Strings,
    title: t::Text,
    v: &'a [String],
    none: t::Text,
    style: Style,
) -> Section<'a> {
    Section {
        heading: tr.section(tr.get(title), v.len()),
        items: v
            .iter()
            .map(|x| (Cow::Borrowed(x.as_str()), style))
            .collect(),
        none: tr.get(none),
    }
}

/// A section of the summary: its heading (with its count), its lines, and
/// the text shown when it has none.
struct Section<'a> {
    heading: String,
    items: Vec<(Cow<'a, str>, Style)>,
    none: &'static str,
}

/// The sections' lines at `w` columns: each heading, every item (or the
/// text for none), and a blank line between sections.
fn section_lines(sections: &[Section], w: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (i, sec) in sections.iter().enumerate() {
        if i > 0 {
            out.push(Line::raw(" ".repeat(w)));
        }
        out.push(Line::from(Span::styled(
            fit(&sec.heading, w),
            theme::label().add_modifier(Modifier::UNDERLINED),
        )));
        if sec.items.is_empty() {
            out.push(Line::from(Span::styled(
                fit(&format!("  {}", sec.none), w),
                theme::dim(),
            )));
        }
        for (item, style) in &sec.items {
            out.push(Line::from(Span::styled(
                fit(&format!("  {item}"), w),
                *style,
            )));
        }
    }
    out
}
