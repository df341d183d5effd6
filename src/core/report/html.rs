//! The report as one self-contained HTML page: the sections of the
//! Markdown, with pictures (`svg`): a gauge per objective and project, a
//! burn-up per objective, the pipeline of staged projects, overdue items
//! in red, metrics against their targets with a sparkline. Inline CSS
//! (`report.css`: light, dark and print), inline SVG, no script, no link
//! out, so it reads the same offline, pasted into an email or a wiki.
//! One function per section; every text from the files goes through
//! [`esc`].

use std::fmt::Write as _;

use super::data::{
    MetricReport, MilestoneReport, ObjectiveReport, Operations, ProjectReport, Report,
};
use super::html_notes::{self, labelled};
use super::sink::{Sections, Sink};
use super::svg::{self, esc};
use super::words::{Words, late_label};
use crate::core::history::Movement;
use crate::core::l10n::terms::{ACTION, BUSINESS_AFFECTED, CAUSE, IMPACT, MET, MISSED, OPEN};
use crate::core::l10n::{Language, with_unit};
use crate::core::model::Status;
use crate::core::text::percent;

const STYLE: &str = include_str!("report.css");

/// The report as an HTML page, in the team's language.
pub fn html(r: &Report, lang: Language) -> String {
    // kept whole, the text cannot fail to be written
    html_with(r, lang, Sink::string(), None).unwrap_or_default()
}

/// [`html`] written to `out` a part at a time as it is rendered, each
/// objective's section made by `whole` in its turn.
pub fn html_to<'a>(
    r: &Report<'a>,
    whole: Sections<'_, 'a>,
    lang: Language,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    html_with(r, lang, Sink::writer(out), Some(whole)).map(drop)
}

fn html_with<'a>(
    r: &Report<'a>,
    lang: Language,
    mut sink: Sink,
    whole: Option<Sections<'_, 'a>>,
) -> std::io::Result<String> {
    let w = Words { lang };
    let mut out = html_head(r, lang);
    for (i, o) in r.objectives.iter().enumerate() {
        match whole {
            Some(whole) => objective(&mut out, &mut sink, &w, &whole(i)),
            None => objective(&mut out, &mut sink, &w, o),
        }
    }
    html_tail(&mut out, &mut sink, r, lang);
    sink.finish(out)
}

/// The page up to its first objective's section.
pub(super) fn html_head(r: &Report, lang: Language) -> String {
    let w = Words { lang };
    let title = heading(&w, r);
    let mut out = String::with_capacity(32 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n",
        lang.pick("en", "zh-CN"),
        esc(&title)
    );
    summary(&mut out, &w, r, &title);
    problems(&mut out, &w, r);
    let _ = writeln!(out, "<h1>{}</h1>", w.t("Last week's progress", "上周进展"));
    operations(&mut out, &w, &r.operations);
    out
}

/// One objective's section of the page, whole.
pub(super) fn html_objective(o: &ObjectiveReport, lang: Language) -> String {
    let mut out = String::new();
    let mut sink = Sink::string();
    objective(&mut out, &mut sink, &Words { lang }, o);
    out
}

/// The page after its objectives' sections, added to `out`.
pub(super) fn html_tail(out: &mut String, sink: &mut Sink, r: &Report, lang: Language) {
    let w = Words { lang };
    incidents(out, &w, &r.operations);
    html_notes::others(out, &w, r);
    html_notes::reflections(out, &w, r);
    sink.part(out);
    overdue(out, sink, &w, r);
    stalled(out, sink, &w, r);
    next(out, sink, &w, r);
    let _ = writeln!(
        out,
        "<footer>{} · ISO {}</footer>\n</main>\n</body>\n</html>",
        w.t("Written by stride", "由 stride 生成"),
        esc(&r.iso_week)
    );
}

/// `Week 26 · 2023-06-20`, `第26周 2023-06-20`.
fn heading(w: &Words, r: &Report) -> String {
    match w.lang {
        Language::Zh => format!("第{}周 {}", r.week_number, r.date),
        Language::En => format!("Week {} · {}", r.week_number, r.date),
    }
}

/// The status a percent is drawn in when no item's status applies.
fn overall_status(p: f64) -> Status {
    if p >= 100.0 {
        Status::Done
    } else {
        Status::InProgress
    }
}

/// The change since last week after a percent: green up, red down, `new`.
fn delta(w: &Words, d: Option<f64>, is_new: bool) -> String {
    let label = w.lang.delta(&Movement {
        delta: d,
        is_new,
        ..Movement::default()
    });
    if label.is_empty() {
        return String::new();
    }
    let class = match d {
        _ if is_new => "new",
        Some(d) if d < 0.0 => "down",
        _ => "up",
    };
    format!(" <span class=\"delta {class}\">{}</span>", esc(&label))
}

/// A status as a coloured badge.
fn badge(w: &Words, s: Status) -> String {
    format!(
        "<span class=\"badge\" style=\"background:{}\">{}</span>",
        svg::colour(s),
        esc(w.status(s))
    )
}

/// The top: the overall gauge, the counts of overdue and stalled items.
fn summary(out: &mut String, w: &Words, r: &Report, title: &str) {
    let late = if r.overdue.is_empty() { "" } else { " late" };
    let _ = writeln!(
        out,
        "<header class=\"summary\">{}<div><h1 class=\"title\">{}</h1>\
         <p class=\"counts\"><span class=\"big\">{}%</span>{} · \
         <span class=\"count{late}\">{} {}</span> · <span class=\"count\">{} {}</span> · ISO {}</p></div></header>",
        svg::ring(
            r.percent,
            overall_status(r.percent),
            88,
            w.t("Overall", "总进度")
        ),
        esc(title),
        percent(r.percent),
        delta(w, r.delta, false),
        w.t("overdue", "逾期"),
        r.overdue.len(),
        w.t("stalled", "停滞"),
        r.stalled.len(),
        esc(&r.iso_week),
    );
}

/// What readers must know about the data: a file left out, a past week.
fn problems(out: &mut String, w: &Words, r: &Report) {
    for p in &r.problems {
        let _ = writeln!(out, "<p class=\"warn\">⚠ {}</p>", esc(&w.problem(p)));
    }
}

/// 系统运行数据: each metric with its value, target, verdict, change and
/// trend; the incident counts of the week.
fn operations(out: &mut String, w: &Words, ops: &Operations) {
    if ops.metrics.is_empty() && ops.incidents.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"ops\">\n<h2>{}</h2>",
        w.t("System operations", "【系统运行数据】")
    );
    if !ops.metrics.is_empty() {
        let _ = writeln!(
            out,
            "<table class=\"metrics\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th></th><th>{}</th><th>{}</th></tr></thead><tbody>",
            w.t("Metric", "指标"),
            w.t("Value", "数值"),
            w.t("Target", "目标"),
            w.t("Change", "变化"),
            w.t("Trend", "趋势"),
        );
        for m in &ops.metrics {
            metric(out, w, m);
        }
        out.push_str("</tbody></table>\n");
    }
    let c = &ops.counts;
    let _ = match w.lang {
        Language::Zh => writeln!(
            out,
            "<p>事故数AB级<b>{}</b>次，CD级<b>{}</b>次（另有{}个未定级的稳定性事件）</p>",
            c.ab, c.cd, c.ungraded
        ),
        Language::En => writeln!(
            out,
            "<p>Incidents: A/B <b>{}</b>, C/D <b>{}</b> ({} without a grade)</p>",
            c.ab,
            c.cd,
            esc(&crate::core::l10n::plural(
                c.ungraded as i64,
                "stability event",
                "stability events"
            ))
        ),
    };
    out.push_str("</section>\n");
}

fn metric(out: &mut String, w: &Words, m: &MetricReport) {
    let unit = m.unit;
    let verdict = match (m.target, m.met) {
        (None, _) => String::new(),
        (Some(_), Some(true)) => format!("<span class=\"met\">{}</span>", esc(w.lang.get(MET))),
        (Some(_), _) => format!("<span class=\"missed\">{}</span>", esc(w.lang.get(MISSED))),
    };
    let change = match m.delta.filter(|d| *d != 0.0) {
        Some(d) if d > 0.0 => format!("▲ {d}"),
        Some(d) => format!("▼ {}", -d),
        None => String::new(),
    };
    let _ = writeln!(
        out,
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{verdict}</td><td class=\"num\">{}</td><td>{}</td></tr>",
        esc(m.title),
        esc(&with_unit(m.value, unit)),
        m.target
            .map(|t| esc(&with_unit(t, unit)))
            .unwrap_or_default(),
        esc(&change),
        svg::sparkline(&m.series, m.target, m.met),
    );
}

/// An objective: its gauge and burn-up, its update, its projects.
fn objective(out: &mut String, sink: &mut Sink, w: &Words, o: &ObjectiveReport) {
    let title = match w.lang {
        Language::Zh => format!("【{}】", o.title),
        Language::En => o.title.to_string(),
    };
    let points: Vec<(String, f64)> = o
        .weeks
        .iter()
        .map(|p| (p.week.clone(), p.percent))
        .collect();
    let _ = writeln!(
        out,
        "<section class=\"objective\">\n<div class=\"objhead\">{}<div class=\"grow\"><h2>{}</h2>\
         <p class=\"meta\"><span class=\"big\">{}%</span>{} · {}{}</p></div>\
         <figure class=\"chart\">{}<figcaption>{}</figcaption></figure></div>",
        svg::ring(o.percent, o.status, 64, o.title),
        esc(&title),
        percent(o.percent),
        delta(w, o.delta, false),
        badge(w, o.status),
        o.owner
            .map(|x| format!(" · {}", esc(x)))
            .unwrap_or_default(),
        svg::burn_up(&points, o.title),
        w.t("Burn-up by week", "每周累计进度"),
    );
    if let Some(u) = &o.update {
        let _ = writeln!(out, "<p class=\"text\">{}</p>", esc(u));
    }
    out.push_str(&labelled(w, "blocker", w.t("Blocker", "阻断"), o.blocker));
    for p in &o.projects {
        project(out, w, p);
        sink.part(out);
    }
    out.push_str("</section>\n");
}

/// A due date, red with its days when overdue.
fn due(w: &Words, due: Option<chrono::NaiveDate>, overdue_days: i64) -> String {
    match due {
        None => String::new(),
        Some(d) if overdue_days > 0 => format!(
            " · <span class=\"late\">{} {d}{}</span>",
            w.t("due", "截止"),
            esc(&late_label(w, overdue_days))
        ),
        Some(d) => format!(" · {} {d}", w.t("due", "截止")),
    }
}

/// A project: its bar gauge, status, owner and due date, its update and
/// blocker, its milestones (with the pipeline when it has stages).
fn project(out: &mut String, w: &Words, p: &ProjectReport) {
    let late = if p.overdue_days > 0 { " overdue" } else { "" };
    let _ = writeln!(
        out,
        "<article class=\"project{late}\">\n<div class=\"phead\"><h3>{}</h3>{}\
         <span class=\"pct\">{}%{}</span></div>\n<p class=\"meta\">{}{}{}</p>",
        esc(p.title),
        svg::bar(p.percent, p.status, 160),
        percent(p.percent),
        delta(w, p.delta, p.is_new),
        badge(w, p.status),
        p.owner
            .map(|x| format!(" · {}", esc(x)))
            .unwrap_or_default(),
        due(w, p.due, p.overdue_days),
    );
    if let Some(u) = &p.update {
        let _ = writeln!(out, "<p class=\"text\">{}</p>", esc(u));
    }
    if let Some(b) = &p.blocker {
        let _ = writeln!(
            out,
            "<p class=\"blocker\"><b>{}</b>{}{}</p>",
            w.t("Blocker", "阻断"),
            w.colon(),
            esc(b)
        );
    }
    out.push_str(&labelled(w, "text", w.t("Note", "备注"), p.note));
    if !p.milestones.is_empty() {
        out.push_str("<ol class=\"milestones\">\n");
        for m in &p.milestones {
            milestone(out, w, m, p.stages);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</article>\n");
}

/// A milestone: its pipeline (or bar), then what the Markdown says of it.
fn milestone(out: &mut String, w: &Words, m: &MilestoneReport, stages: &[String]) {
    let sep = w.lang.comma();
    let at = m
        .stage
        .as_ref()
        .and_then(|s| stages.iter().position(|x| x == s));
    let picture = if stages.is_empty() || at.is_none() {
        svg::bar(m.percent, m.status, 80)
    } else {
        svg::pipeline(stages, at, m.status)
    };
    let mut facts = Vec::new();
    if let (Some(from), Some(to)) = (&m.stage_from, &m.stage) {
        facts.push(format!("{} → {}", esc(from), esc(to)));
    }
    match (m.done, m.total) {
        (Some(done), Some(total)) => facts.push(format!("{done}/{total}")),
        (None, Some(total)) => {
            facts.push(w.lang.pick(format!("of {total}"), format!("共{total}个")))
        }
        _ => {}
    }
    facts.push(format!(
        "{}%{}",
        percent(m.percent),
        delta(w, m.delta, m.is_new)
    ));
    if m.status != Status::InProgress {
        facts.push(badge(w, m.status));
    }
    if let Some(d) = m.due {
        let mut s = format!("{} {d}", w.t("due", "截止"));
        if let Some(slip) = m.slip_days {
            let _ = write!(
                s,
                "{}{}",
                w.t(" ", ""),
                esc(&w.lang.aside(&w.lang.day_shift(slip)))
            );
        }
        if m.overdue_days > 0 {
            s = format!(
                "<span class=\"late\">{s}{}</span>",
                esc(&late_label(w, m.overdue_days))
            );
        }
        facts.push(s);
    }
    if m.stalled_weeks > 0 {
        facts.push(format!(
            "<span class=\"stalled\">{}</span>",
            esc(&w.lang.stalled_weeks(m.stalled_weeks))
        ));
    }
    if let Some(b) = &m.blocker {
        facts.push(format!(
            "<span class=\"blocker\">{}{}{}</span>",
            w.t("blocker", "阻断"),
            w.colon(),
            esc(b)
        ));
    }
    let late = if m.overdue_days > 0 {
        " class=\"overdue\""
    } else {
        ""
    };
    let mut texts = String::new();
    if let Some(u) = &m.update {
        let _ = write!(texts, "<p class=\"text\">{}</p>", esc(u));
    }
    texts.push_str(labelled(w, "text", w.t("Note", "备注"), m.note).trim_end());
    let _ = writeln!(
        out,
        "<li{late}><span class=\"mtitle\">{}</span>{picture}<span class=\"meta\">{}</span>{texts}</li>",
        esc(m.title),
        facts.join(sep),
    );
}

/// 生产稳定性事件: each incident with time, grade, duration and impact,
/// and its cause, handling and impact.
fn incidents(out: &mut String, w: &Words, ops: &Operations) {
    if ops.incidents.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"incidents\">\n<h2>{}</h2>\n<ul>",
        w.t("Production incidents", "【生产稳定性事件】")
    );
    for i in &ops.incidents {
        let duration = match i.minutes {
            None => w.lang.get(OPEN).to_string(),
            Some(m) => w.lang.duration(m),
        };
        let business = if i.business_impact {
            format!(
                "{}<span class=\"late\">{}</span>",
                w.lang.comma(),
                w.lang.get(BUSINESS_AFFECTED)
            )
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<li><b>{} {}</b>{}{}{}{}{business}{}",
            i.at.format("%-m/%-d %H:%M"),
            esc(i.title),
            w.t(" (", "（"),
            esc(&w.lang.grade_or_event(i.grade)),
            w.lang.comma(),
            esc(&duration),
            w.t(")", "）"),
        );
        for (label, text) in [
            (w.lang.get(CAUSE), &i.cause),
            (w.lang.get(ACTION), &i.action),
            (w.lang.get(IMPACT), &i.impact),
        ] {
            if let Some(t) = text {
                let _ = write!(
                    out,
                    "<br><span class=\"label\">{label}</span>{}{}",
                    w.colon(),
                    esc(t)
                );
            }
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}

/// 逾期事项: a table, most overdue first, in red.
fn overdue(out: &mut String, sink: &mut Sink, w: &Words, r: &Report) {
    let _ = writeln!(
        out,
        "<section class=\"overdue-list\">\n<h1>{}</h1>",
        w.t("Overdue", "逾期事项")
    );
    if r.overdue.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", w.t("Nothing is overdue.", "无逾期事项。"));
    } else {
        let _ = writeln!(
            out,
            "<table><thead><tr><th>{}</th></tr></thead><tbody>",
            w.overdue_columns().join("</th><th>")
        );
        for l in &r.overdue {
            let _ = writeln!(
                out,
                "<tr class=\"overdue\"><td>{} <code>{}</code></td><td>{}</td><td>{}</td><td class=\"num late\">{}</td><td>{}</td></tr>",
                esc(l.title),
                esc(&l.path),
                esc(l.owner.unwrap_or("")),
                l.due,
                l.overdue_days,
                badge(w, l.status)
            );
            sink.part(out);
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</section>\n");
}

/// 停滞事项: what has not moved, for how many weeks.
fn stalled(out: &mut String, sink: &mut Sink, w: &Words, r: &Report) {
    let _ = writeln!(out, "<section>\n<h1>{}</h1>", w.t("Stalled", "停滞事项"));
    if r.stalled.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", w.t("Nothing stalled.", "无停滞事项。"));
    } else {
        out.push_str("<ul>\n");
        for s in &r.stalled {
            let weeks = w.lang.pick(
                format!("unchanged for {}", w.lang.weeks(s.weeks)),
                w.lang.stalled_weeks(s.weeks),
            );
            let _ = writeln!(
                out,
                "<li><b>{}</b> {}%{}<span class=\"stalled\">{}</span></li>",
                esc(s.title),
                percent(s.percent),
                w.lang.comma(),
                esc(&weeks)
            );
            sink.part(out);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// 下周工作及目标: the `next` fields.
fn next(out: &mut String, sink: &mut Sink, w: &Words, r: &Report) {
    let _ = writeln!(
        out,
        "<section>\n<h1>{}</h1>",
        w.t("Next week", "下周工作及目标")
    );
    if r.next.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}</p>",
            w.t(
                "No plans recorded (<code>next</code> fields).",
                "未填写（next 字段）。"
            )
        );
    } else {
        out.push_str("<ol>\n");
        for n in &r.next {
            let _ = writeln!(
                out,
                "<li><b>{}</b>{}<span class=\"text\">{}</span></li>",
                esc(n.title),
                w.colon(),
                esc(n.next)
            );
            sink.part(out);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}
