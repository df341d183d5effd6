//! The stand-up page's milestone rows, in one column order: title, gauge,
//! percent, change, status, stage, due (then the blocked and stalled
//! marks). Each column is as wide as its widest cell; the title and the
//! stage share what the width leaves, so no row runs over the edge and
//! every pipeline starts in the same column.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::common::pipeline_spans;
use crate::core::model::{ItemPath, ItemRef, Project, Status};
use crate::core::rollup::overdue_days;
use crate::core::text::{fit, percent, sanitize, width};
use crate::tui::app::App;
use crate::tui::changes;
use crate::tui::screens::Standup;
use crate::tui::strings as t;
use crate::tui::theme;

/// What one milestone's row shows, before the columns are sized.
struct Cells {
    title: String,
    percent: f64,
    status: Status,
    pct: String,
    delta: String,
    badge: String,
    /// The stage it came from since last week, and where it is.
    moved_from: Option<String>,
    stage: Option<String>,
    due: Option<(String, bool)>,
    marks: Vec<Span<'static>>,
    blocker: Option<String>,
}

/// How much of a pipeline the stage column shows.
#[derive(Clone, Copy, PartialEq)]
enum StageForm {
    /// `联调 → ✓开发 › ✓测试 › [上线] › 投产`
    Full,
    /// `[上线] 4/5`, `联调→[上线]`
    Short,
    /// `联调→上线`, `[上线]`
    Tiny,
}

/// The heading line, then a row per milestone of `pr` (the selected one
/// with its blocker under it), at `w` columns.
pub(super) fn rows(
    app: &App,
    s: &Standup,
    path: &ItemPath,
    pr: &Project,
    w: usize,
) -> Vec<Line<'static>> {
    let tr = app.strings();
    // the year only where there is room for it
    let date = |d: chrono::NaiveDate| {
        if w >= 120 {
            d.to_string()
        } else {
            d.format("%m-%d").to_string()
        }
    };
    let cells: Vec<Cells> = pr
        .milestones
        .iter()
        .map(|m| {
            let mpath = ItemPath::milestone(&path.objective, &pr.id, &m.id);
            let mitem = ItemRef::Milestone(m, pr);
            let mp = mitem.percent();
            let ms = mitem.status_with(mp);
            let c = changes::change_of(&app.history, &mpath, mitem);
            let mut pct = format!("{}%", percent(mp));
            if let Some(total) = m.total {
                pct.push_str(&tr.of_total_after(total));
            }
            let due = m.fields.due.map(|due| {
                let late = overdue_days(Some(due), ms, app.today);
                if late > 0 {
                    (format!("{} {}", date(due), tr.late_short(late)), true)
                } else {
                    (date(due), false)
                }
            });
            let mut marks = Vec::new();
            if ms == Status::Blocked {
                marks.push(Span::styled(tr.get(t::BLOCKED_MARK), theme::error()));
            }
            if c.stalled_weeks > 0 {
                marks.push(Span::styled(
                    tr.stalled_short(c.stalled_weeks),
                    theme::due_soon(),
                ));
            }
            let staged = !pr.stages.is_empty();
            Cells {
                title: sanitize(&m.fields.title, false).into_owned(),
                percent: mp,
                status: ms,
                pct,
                delta: tr.delta(&c),
                badge: format!(" {} ", tr.status(ms)),
                moved_from: c
                    .stage_from
                    .filter(|_| staged && !c.is_new)
                    .map(|x| sanitize(&x, false).into_owned()),
                stage: m.stage.as_deref().map(str::to_string).filter(|_| staged),
                due,
                marks,
                blocker: m.fields.blocker.as_deref().map(str::to_string),
            }
        })
        .collect();

    // the columns' widths, by content
    let max = |f: &dyn Fn(&Cells) -> usize| cells.iter().map(f).max().unwrap_or(0);
    let gauge_w = match w {
        0..100 => 8,
        100..160 => 10,
        _ => 20,
    };
    let pct_w = max(&|c| width(&c.pct));
    let delta_w = max(&|c| width(&c.delta));
    let badge_w = max(&|c| width(&c.badge));
    let due_w = max(&|c| c.due.as_ref().map_or(0, |d| width(&d.0)));
    let gap = |n: usize| if n > 0 { n + 1 } else { 0 };
    // the marker, the title's space, the gauge, the percent between spaces
    let fixed = 2 + 1 + gauge_w + 1 + pct_w + 1 + gap(delta_w) + gap(badge_w) + gap(due_w);
    let room = w.saturating_sub(fixed);
    let title_need = max(&|c| width(&c.title)).max(4);
    let staged = !pr.stages.is_empty();
    let from_w = max(&|c| c.moved_from.as_ref().map_or(0, |f| width(f) + 3));
    let stage_need =
        |form: StageForm| max(&|c| width_of(&stage_spans(&pr.stages, c, form, from_w)));
    // the title as wide as the widest, the stage as full as it can be
    let (title_w, stage) = if !staged {
        (title_need.min(room), None)
    } else {
        let fits = |form: StageForm| {
            let need = stage_need(form);
            (title_need + 1 + need <= room).then_some((title_need, Some((form, need))))
        };
        fits(StageForm::Full)
            .or_else(|| fits(StageForm::Short))
            .unwrap_or_else(|| {
                // the title gives way, down to a few characters
                let title_min = title_need.min(12);
                let short = stage_need(StageForm::Short);
                let (form, need) = if title_min + 1 + short <= room {
                    (StageForm::Short, short)
                } else {
                    (StageForm::Tiny, stage_need(StageForm::Tiny))
                };
                let title_w = room.saturating_sub(need + 1).max(title_need.min(6));
                (
                    title_w,
                    Some((form, need.min(room.saturating_sub(title_w + 1)))),
                )
            })
    };

    let mut lines = vec![Line::styled(
        if s.row == 0 {
            tr.milestones_project_selected(cells.len())
        } else {
            tr.milestones(cells.len())
        },
        theme::label(),
    )];
    for (i, c) in cells.iter().enumerate() {
        let selected = s.row == i + 1;
        let mut spans = vec![Span::raw(if selected { "▶ " } else { "  " })];
        spans.push(Span::raw(fit(&c.title, title_w) + " "));
        let (full, empty) = theme::bar(c.percent, gauge_w);
        spans.push(Span::styled(full, Style::new().fg(theme::gauge(c.status))));
        spans.push(Span::styled(empty, theme::dim()));
        spans.push(Span::raw(format!(" {:>pct_w$} ", c.pct)));
        if delta_w > 0 {
            spans.push(Span::styled(
                fit(&c.delta, delta_w) + " ",
                if c.delta.starts_with('▼') {
                    theme::error()
                } else {
                    theme::info()
                },
            ));
        }
        if badge_w > 0 {
            spans.push(Span::styled(c.badge.clone(), theme::status(c.status)));
            spans.push(Span::raw(" ".repeat(badge_w - width(&c.badge) + 1)));
        }
        if let Some((form, stage_w)) = stage {
            let cell = cut(stage_spans(&pr.stages, c, form, from_w), stage_w);
            let used = width_of(&cell);
            spans.extend(cell);
            spans.push(Span::raw(" ".repeat(stage_w - used + 1)));
        }
        if due_w > 0 {
            let (text, late) = c.due.clone().unwrap_or_default();
            let style = if late { theme::overdue() } else { Style::new() };
            spans.push(Span::styled(fit(&text, due_w) + " ", style));
        }
        let used = width_of(&spans);
        spans.extend(cut(c.marks.clone(), w.saturating_sub(used)));
        let line = Line::from(cut(spans, w));
        lines.push(if selected {
            line.patch_style(theme::selected())
        } else {
            line
        });
        if selected && let Some(b) = &c.blocker {
            lines.push(Line::styled(
                fit(&tr.blocker_under(&sanitize(b, false)), w),
                theme::error(),
            ));
        }
    }
    lines
}

/// The stage cell of a milestone in `form`: empty for one without a stage.
/// In the full form, the stage it came from takes `from_w` columns on every
/// row, so that all pipelines start in one column.
fn stage_spans(stages: &[String], c: &Cells, form: StageForm, from_w: usize) -> Vec<Span<'static>> {
    let Some(stage) = &c.stage else {
        return Vec::new();
    };
    let stage = sanitize(stage, false).into_owned();
    let mut spans = Vec::new();
    let bold = Style::new().add_modifier(Modifier::BOLD);
    match (form, &c.moved_from) {
        (StageForm::Tiny, Some(from)) => {
            spans.push(Span::styled(format!("{from}→"), theme::dim()));
            spans.push(Span::styled(stage, bold));
        }
        (StageForm::Tiny, None) => spans.push(Span::styled(format!("[{stage}]"), bold)),
        (StageForm::Short, Some(from)) => {
            spans.push(Span::styled(format!("{from}→"), theme::dim()));
            spans.push(Span::styled(format!("[{stage}]"), bold));
        }
        (StageForm::Full, from) => {
            let from = from.as_ref().map(|f| format!("{f} → ")).unwrap_or_default();
            if from_w > 0 {
                spans.push(Span::styled(fit(&from, from_w), theme::dim()));
            }
            spans.extend(pipeline_spans(stages, c.stage.as_deref()));
        }
        (StageForm::Short, None) => {
            let at = stages
                .iter()
                .position(|x| Some(x) == c.stage.as_ref())
                .map_or(0, |i| i + 1);
            spans.push(Span::styled(
                format!("[{stage}] {at}/{}", stages.len()),
                bold,
            ));
        }
    }
    spans
}

fn width_of(spans: &[Span]) -> usize {
    spans.iter().map(|s| width(&s.content)).sum()
}

/// `spans` cut to at most `w` columns (the cut one ending in `…`).
fn cut(spans: Vec<Span<'static>>, w: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let sw = width(&s.content);
        if used + sw <= w {
            used += sw;
            out.push(s);
        } else {
            let room = w - used;
            if room > 0 {
                let text = fit(&s.content, room);
                out.push(Span::styled(text, s.style));
            }
            break;
        }
    }
    out
}
