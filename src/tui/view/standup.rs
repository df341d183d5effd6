//! The stand-up walkthrough: one project per page, then the summary.

use std::borrow::Cow;
use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Wrap};

use super::common::{pipeline_spans, titled};
use crate::core::Field;
use crate::core::model::{ItemPath, ItemRef, Status};
use crate::core::rollup::overdue_days;
use crate::core::text::{fit, percent, sanitize, width};
use crate::tui::app::App;
use crate::tui::changes;
use crate::tui::screens::{Standup, Summary};
use crate::tui::strings as t;
use crate::tui::theme;

/// `mm:ss`, or `h:mm:ss` past an hour.
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

pub fn render(app: &App, s: &Standup, frame: &mut Frame, area: Rect) {
    let spent = s.spent.get(s.project_index()).copied().unwrap_or_default();
    let tr = app.strings();
    let title = if let Some(ops) = s.ops_page() {
        tr.standup_ops_title(
            &super::ops::week_label(app, ops.week),
            &clock(s.ops_spent),
            &clock(s.total),
        )
    } else if s.on_summary() {
        tr.standup_summary_title(&clock(s.total))
    } else {
        let page = s.project_index() + 1;
        tr.standup_title(page, s.projects.len(), &clock(spent), &clock(s.total))
    };
    let inner = titled(frame, area, title);
    if let Some(ops) = s.ops_page() {
        super::ops::body(app, ops, frame, inner);
    } else if s.on_summary() {
        summary(app, s, frame, inner);
    } else if let Some(path) = s.project() {
        project_page(app, s, path, frame, inner);
    }
}

fn project_page(app: &App, s: &Standup, path: &ItemPath, frame: &mut Frame, area: Rect) {
    let p = &app.portfolio;
    let tr = app.strings();
    let Some(ItemRef::Project(pr)) = p.get(path) else {
        return;
    };
    let item = ItemRef::Project(pr);
    let pct = item.percent();
    let status = item.status_with(pct);
    let change = changes::change_of(&app.history, path, item);
    let n = pr.milestones.len() as u16;
    let people = app.changes.by_person(&path.to_string());
    let texts = [&pr.fields.update, &pr.fields.next, &pr.fields.blocker]
        .iter()
        .filter(|t| t.is_some())
        .count() as u16
        + people.len() as u16;
    let [head, gauge, list, notes] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(n.min(3) + 2),
        Constraint::Length((texts * 2).min(area.height / 3)),
    ])
    .areas(area);

    let obj_title = p
        .objectives
        .iter()
        .find(|o| o.id == path.objective)
        .map(|o| o.fields.title.as_str())
        .unwrap_or_default();
    let mut head_spans = vec![
        Span::styled(
            sanitize(&pr.fields.title, false).into_owned(),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::styled(format!("  {}", sanitize(obj_title, false)), theme::dim()),
        Span::raw("  "),
        Span::styled(format!(" {} ", tr.status(status)), theme::status(status)),
    ];
    if let Some(o) = &pr.fields.owner {
        head_spans.push(Span::raw(format!("  {}", sanitize(o, false))));
    }
    frame.render_widget(Paragraph::new(Line::from(head_spans)), head);

    let label = format!("{}%  {}", percent(pct), tr.delta(&change));
    frame.render_widget(
        Gauge::default()
            .gauge_style(Style::new().fg(theme::gauge(status)))
            .ratio((pct / 100.0).clamp(0.0, 1.0))
            .label(label.trim_end().to_string()),
        gauge,
    );

    let w = list.width as usize;
    let mut lines = vec![Line::styled(
        tr.milestones(pr.milestones.len()),
        theme::label(),
    )];
    for (i, m) in pr.milestones.iter().enumerate() {
        let mpath = ItemPath::milestone(&path.objective, &pr.id, &m.id);
        let mitem = ItemRef::Milestone(m, pr);
        let mp = mitem.percent();
        let ms = mitem.status_with(mp);
        let c = changes::change_of(&app.history, &mpath, mitem);
        let selected = s.row == i + 1;
        let mut spans = vec![Span::raw(if selected { "▶ " } else { "  " })];
        let title_w = (w / 3).clamp(10, 30);
        spans.push(Span::raw(
            fit(&sanitize(&m.fields.title, false), title_w) + " ",
        ));
        let (full, empty) = theme::bar(mp, 10);
        spans.push(Span::styled(full, Style::new().fg(theme::gauge(ms))));
        spans.push(Span::styled(empty, theme::dim()));
        let mut pct_text = format!(" {:>6}", format!("{}%", percent(mp)));
        if let Some(t) = m.total {
            pct_text.push_str(&tr.of_total_after(t));
        }
        spans.push(Span::raw(pct_text + " "));
        let d = tr.delta(&c);
        spans.push(Span::styled(
            fit(&d, 8),
            if d.starts_with('▼') {
                theme::error()
            } else {
                theme::info()
            },
        ));
        spans.push(Span::styled(
            fit(&format!(" {} ", tr.status(ms)), tr.status_width()),
            theme::status(ms),
        ));
        spans.push(Span::raw(" "));
        if let Some(due) = m.fields.due {
            let late = overdue_days(Some(due), ms, app.today);
            if late > 0 {
                spans.push(Span::styled(
                    format!("{due} {} ", tr.late_short(late)),
                    theme::overdue(),
                ));
            } else {
                spans.push(Span::raw(format!("{due} ")));
            }
        }
        if ms == Status::Blocked {
            spans.push(Span::styled(tr.get(t::BLOCKED_MARK), theme::error()));
        }
        if c.stalled_weeks > 0 {
            spans.push(Span::styled(
                tr.stalled_short(c.stalled_weeks),
                theme::due_soon(),
            ));
        }
        if !pr.stages.is_empty() {
            if let Some(from) = &c.stage_from {
                spans.push(Span::styled(
                    format!("{} → ", sanitize(from, false)),
                    theme::dim(),
                ));
            }
            let used: usize = spans.iter().map(|x| width(&x.content)).sum();
            let full = pipeline_spans(&pr.stages, m.stage.as_deref());
            let full_w: usize = full.iter().map(|x| width(&x.content)).sum();
            if used + full_w <= w {
                spans.extend(full);
            } else if let Some(stage) = &m.stage {
                let at = pr
                    .stages
                    .iter()
                    .position(|x| x == stage)
                    .map_or(0, |i| i + 1);
                spans.push(Span::styled(
                    format!("[{}] {at}/{}", sanitize(stage, false), pr.stages.len()),
                    Style::new().add_modifier(Modifier::BOLD),
                ));
            }
        }
        let line = Line::from(spans);
        lines.push(if selected {
            line.patch_style(theme::selected())
        } else {
            line
        });
        if selected && let Some(b) = &m.fields.blocker {
            lines.push(Line::styled(
                tr.blocker_under(&sanitize(b, false)),
                theme::error(),
            ));
        }
    }
    if s.row == 0 {
        lines[0] = Line::styled(
            tr.milestones_project_selected(pr.milestones.len()),
            theme::label(),
        );
    }
    // keep the selected milestone on screen
    let height = list.height as usize;
    let skip = (s.row + 1).saturating_sub(height.saturating_sub(1));
    frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), list);

    let mut text = Vec::new();
    for (field, value, style) in [
        (Field::Update, &pr.fields.update, Style::new()),
        (Field::Next, &pr.fields.next, Style::new()),
        (Field::Blocker, &pr.fields.blocker, theme::error()),
    ] {
        if let Some(v) = value {
            text.push(Line::from(vec![
                super::detail::label(tr, tr.field(field)),
                Span::styled(sanitize(v, false).into_owned(), style),
            ]));
        }
    }
    // this week's changes, by person: who moved what since Monday
    for (i, (who, changes)) in people.iter().enumerate() {
        // an item that was added reads "added", not as each of its fields
        let added: std::collections::HashSet<(&str, &str)> = changes
            .iter()
            .filter(|e| e.change.from.is_none() && e.change.field == "title")
            .map(|e| (e.commit.as_str(), e.change.path.as_str()))
            .collect();
        let changes: Vec<_> = changes
            .iter()
            .filter(|e| {
                e.change.field == "title"
                    || !added.contains(&(e.commit.as_str(), e.change.path.as_str()))
            })
            .collect();
        // the first few, and how many more
        const SHOWN: usize = 4;
        let mut what: Vec<String> = changes
            .iter()
            .take(SHOWN)
            .map(|e| super::detail::change_what(tr, e))
            .collect();
        if changes.len() > SHOWN {
            what.push(tr.and_more(changes.len() - SHOWN));
        }
        let head = if i == 0 {
            tr.get(crate::tui::strings::team::THIS_WEEK)
        } else {
            ""
        };
        text.push(Line::from(vec![
            super::detail::label(tr, head),
            Span::styled(
                tr.person_changes(&sanitize(who, false), &what.join(" · ")),
                theme::dim(),
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), notes);
}

/// The summary's lists of the portfolio as it is: what moved since last
/// week, what is late, blocked or stalled.
pub fn summary_of(app: &App) -> Summary {
    changes::summary_of(&app.portfolio, &app.history, app.today)
}

/// The last page: what moved, what is late, blocked or stalled, and the time.
fn summary(app: &App, s: &Standup, frame: &mut Frame, area: Rect) {
    let p = &app.portfolio;
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
    let mut times: Vec<String> = Vec::new();
    if s.ops.is_some() {
        times.push(format!(
            "{}  {}",
            fit(tr.get(t::OPS_PAGE), 24),
            clock(s.ops_spent)
        ));
    }
    times.extend(s.projects.iter().zip(&s.spent).map(|(path, d)| {
        let t = p
            .get(path)
            .map(|i| sanitize(&i.fields().title, false).into_owned())
            .unwrap_or_default();
        format!("{}  {}", fit(&t, 24), clock(*d))
    }));
    // two columns when there is room; every section fits its share of the
    // height, the longest lists cut with "+N more", nothing wrapped off screen
    let (l, r) = if area.width >= 60 {
        let [l, r] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
            .areas(area);
        (l, Some(r))
    } else {
        (area, None)
    };
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
    let times_section = Section {
        heading: tr.section(tr.get(t::TIME_PER_PROJECT), s.projects.len()),
        items: times
            .into_iter()
            .map(|x| (Cow::Owned(x), Style::new()))
            .collect(),
        none: "",
    };
    let right = match r {
        Some(_) => vec![times_section],
        None => {
            sections.push(times_section);
            vec![]
        }
    };
    frame.render_widget(Paragraph::new(fit_sections(tr, &sections, l)), l);
    if let Some(r) = r {
        frame.render_widget(Paragraph::new(fit_sections(tr, &right, r)), r);
    }
}

/// A section of the summary listing `v`, each line in `style`.
fn list_section<'a>(
    tr: crate::tui::strings::Strings,
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

/// Sections cut to fit `area`: each keeps its heading and at least one
/// line, and the items that fit.
fn fit_sections(
    tr: crate::tui::strings::Strings,
    sections: &[Section],
    area: Rect,
) -> Vec<Line<'static>> {
    let w = area.width as usize;
    let mut room = area.height as usize;
    let mut out = Vec::new();
    for (i, sec) in sections.iter().enumerate() {
        let (items, none) = (&sec.items, sec.none);
        // what the sections after this one need at the least
        let later = (sections.len() - i - 1) * 3;
        let budget = room.saturating_sub(later).saturating_sub(2).max(1);
        out.push(Line::styled(
            fit(&sec.heading, w),
            theme::label().add_modifier(Modifier::UNDERLINED),
        ));
        let mut used = 2;
        if items.is_empty() {
            out.push(Line::styled(fit(&format!("  {none}"), w), theme::dim()));
            used += 1;
        } else {
            let shown = if items.len() <= budget {
                items.len()
            } else {
                budget.saturating_sub(1)
            };
            for (item, style) in items.iter().take(shown) {
                out.push(Line::styled(fit(&format!("  {item}"), w), *style));
            }
            used += shown;
            if shown < items.len() {
                let more = items.len() - shown;
                let text = tr.pick(format!("  … {more} more"), format!("  … 另有 {more} 项"));
                out.push(Line::styled(fit(&text, w), theme::dim()));
                used += 1;
            }
        }
        out.push(Line::raw(""));
        room = room.saturating_sub(used);
    }
    out
}
