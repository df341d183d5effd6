//! The report as text: Markdown in the shape of the team's own, in the
//! team's language, and JSON.

use std::fmt::Write as _;

use super::data::{MilestoneReport, ObjectiveReport, Operations, Report};
use super::sink::{Sections, Sink};
use super::words::{Words, code, late_label, md, md_line, pct_with_delta};
use crate::core::l10n::terms::{ACTION, BUSINESS_AFFECTED, CAUSE, IMPACT, MET, MISSED, OPEN};
use crate::core::l10n::{Language, plural, with_unit};
use crate::core::model::Status;
use crate::core::text::percent;

/// The report as Markdown, in the shape of the team's own.
pub fn markdown(r: &Report, lang: Language) -> String {
    // kept whole, the text cannot fail to be written
    markdown_with(r, lang, Sink::string(), None).unwrap_or_default()
}

/// [`markdown`] written to `out` a part at a time as it is rendered, each
/// objective's section made by `whole` in its turn.
pub fn markdown_to<'a>(
    r: &Report<'a>,
    whole: Sections<'_, 'a>,
    lang: Language,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    markdown_with(r, lang, Sink::writer(out), Some(whole)).map(drop)
}

fn markdown_with<'a>(
    r: &Report<'a>,
    lang: Language,
    mut sink: Sink,
    whole: Option<Sections<'_, 'a>>,
) -> std::io::Result<String> {
    let mut out = markdown_head(r, lang);
    sink.part(&mut out);
    for (i, o) in r.objectives.iter().enumerate() {
        let made;
        let o = match whole {
            Some(whole) => {
                made = whole(i);
                &made
            }
            None => o,
        };
        markdown_objective(&mut out, &mut sink, o, lang);
    }
    markdown_tail(&mut out, &mut sink, r, lang);
    sink.finish(out)
}

/// The Markdown up to its first objective's section.
pub(super) fn markdown_head(r: &Report, lang: Language) -> String {
    let w = Words { lang };
    let mut out = String::new();
    let sep = lang.comma();
    match lang {
        Language::Zh => {
            let _ = writeln!(out, "# 第{}周 {}\n", r.week_number, r.date);
        }
        Language::En => {
            let _ = writeln!(out, "# Week {} · {}\n", r.week_number, r.date);
        }
    }
    // what readers must know first: the report is partial, or from history
    for problem in &r.problems {
        let _ = writeln!(out, "> ⚠ {}\n", md(&w.problem(problem)));
    }
    let _ = writeln!(
        out,
        "> {} {}{sep}{} {}{sep}{} {}{sep}{} {}\n",
        w.t("Overall", "总进度"),
        pct_with_delta(&w, r.percent, r.delta, false),
        w.t("overdue", "逾期"),
        r.overdue.len(),
        w.t("stalled", "停滞"),
        r.stalled.len(),
        w.t("ISO week", "国际标准周"),
        r.iso_week
    );
    let _ = writeln!(out, "# {}\n", w.t("Last week's progress", "上周进展"));
    operations_md(&mut out, &w, &r.operations);
    out
}

/// One objective's section of the Markdown, added to `out`.
pub(super) fn markdown_objective(
    out: &mut String,
    sink: &mut Sink,
    o: &ObjectiveReport,
    lang: Language,
) {
    let w = Words { lang };
    let sep = lang.comma();
    let pct = pct_with_delta(&w, o.percent, o.delta, false);
    let _ = match lang {
        Language::Zh => writeln!(out, "## 【{}】 {pct}\n", md(o.title)),
        Language::En => writeln!(out, "## {} · {pct}\n", md(o.title)),
    };
    if let Some(u) = &o.update {
        let _ = writeln!(out, "{}\n", md_line(u));
    }
    if let Some(b) = &o.blocker {
        let _ = writeln!(out, "{}\n", labelled(&w, w.t("Blocker", "阻断"), b));
    }
    for p in &o.projects {
        let mut head = format!(
            "- **{}** {}{sep}{}",
            md(p.title),
            pct_with_delta(&w, p.percent, p.delta, p.is_new),
            w.status(p.status)
        );
        if let Some(owner) = &p.owner {
            let _ = write!(head, "{sep}{}", md(owner));
        }
        if let Some(due) = p.due {
            let _ = write!(head, "{sep}{} {due}", w.t("due", "截止"));
            if p.overdue_days > 0 {
                let _ = write!(head, "{}", late_label(&w, p.overdue_days));
            }
        }
        let _ = writeln!(out, "{head}");
        if let Some(u) = &p.update {
            let _ = writeln!(out, "  {}", md_line(u));
        }
        if let Some(b) = &p.blocker {
            let _ = writeln!(out, "  {}", labelled(&w, w.t("Blocker", "阻断"), b));
        }
        if let Some(n) = &p.note {
            let _ = writeln!(out, "  {}", labelled(&w, w.t("Note", "备注"), n));
        }
        for (i, m) in p.milestones.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", i + 1, milestone_line(&w, m));
            // under the item, at its text's column
            let indent = " ".repeat(format!("  {}. ", i + 1).len());
            if let Some(u) = &m.update {
                let _ = writeln!(out, "{indent}{}", md_line(u));
            }
            if let Some(n) = &m.note {
                let _ = writeln!(out, "{indent}{}", labelled(&w, w.t("Note", "备注"), n));
            }
            sink.part(out);
        }
    }
    out.push('\n');
}

/// The Markdown after its objectives' sections, added to `out`.
pub(super) fn markdown_tail(out: &mut String, sink: &mut Sink, r: &Report, lang: Language) {
    let w = Words { lang };
    let sep = lang.comma();
    incidents_md(out, &w, &r.operations);
    others_md(out, &w, r);
    reflections_md(out, &w, r);
    sink.part(out);
    let _ = writeln!(out, "# {}\n", w.t("Overdue", "逾期事项"));
    if r.overdue.is_empty() {
        let _ = writeln!(out, "{}\n", w.t("Nothing is overdue.", "无逾期事项。"));
    } else {
        let _ = writeln!(
            out,
            "| {} |\n| --- | --- | --- | --- | --- |",
            w.overdue_columns().join(" | ")
        );
        for l in &r.overdue {
            let _ = writeln!(
                out,
                "| {} ({}) | {} | {} | {} | {} |",
                md(l.title),
                code(&l.path),
                md(l.owner.unwrap_or("")),
                l.due,
                l.overdue_days,
                w.status(l.status)
            );
            sink.part(out);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "# {}\n", w.t("Stalled", "停滞事项"));
    if r.stalled.is_empty() {
        let _ = writeln!(out, "{}\n", w.t("Nothing stalled.", "无停滞事项。"));
    } else {
        for s in &r.stalled {
            let _ = writeln!(
                out,
                "- **{}** {}%{sep}{}",
                md(s.title),
                percent(s.percent),
                lang.pick(
                    format!("unchanged for {}", lang.weeks(s.weeks)),
                    lang.stalled_weeks(s.weeks)
                )
            );
            sink.part(out);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "# {}\n", w.t("Next week", "下周工作及目标"));
    if r.next.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            w.t(
                "No plans recorded (`next` fields).",
                "未填写（next 字段）。"
            )
        );
    }
    for (i, n) in r.next.iter().enumerate() {
        if n.title.is_empty() {
            let _ = writeln!(out, "{}. {}", i + 1, md(n.next));
        } else {
            let _ = writeln!(
                out,
                "{}. **{}**{}{}",
                i + 1,
                md(n.title),
                w.colon(),
                md(n.next)
            );
        }
        sink.part(out);
    }
}

/// `**阻断**：text`, `**Note**: text`.
fn labelled(w: &Words, label: &str, text: &str) -> String {
    format!("**{label}**{}{}", w.colon(), md(text))
}

/// 其他: the free items of the week (`[[other]]`), with their dates and notes.
fn others_md(out: &mut String, w: &Words, r: &Report) {
    if r.others.is_empty() {
        return;
    }
    let _ = match w.lang {
        Language::Zh => writeln!(out, "## 【其他】\n"),
        Language::En => writeln!(out, "## Other\n"),
    };
    for (i, o) in r.others.iter().enumerate() {
        let mut line = format!("{}. {}", i + 1, md(o.title));
        if let Some(d) = o.date {
            let _ = write!(line, "{}{d}{}", w.t(" (", "（"), w.t(")", "）"));
        }
        if let Some(n) = &o.note {
            let _ = write!(line, "{}{}", w.colon(), md(n));
        }
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
}

/// 收获与反思: the objectives' notes, each line of them as written.
fn reflections_md(out: &mut String, w: &Words, r: &Report) {
    let notes: Vec<_> = r
        .objectives
        .iter()
        .filter_map(|o| Some((o, o.note?)))
        .collect();
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", w.t("Lessons and reflections", "收获与反思"));
    let several = notes.len() > 1;
    for (o, note) in notes {
        if several {
            let _ = writeln!(out, "**{}**\n", md(o.title));
        }
        for line in note.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let _ = writeln!(out, "{}\n", md_line(line));
        }
    }
}

/// 系统运行数据: the metrics with values and targets, the incident counts.
fn operations_md(out: &mut String, w: &Words, ops: &Operations) {
    if ops.metrics.is_empty() && ops.incidents.is_empty() {
        return;
    }
    let sep = w.lang.comma();
    match w.lang {
        Language::Zh => {
            let _ = writeln!(out, "## 【系统运行数据】\n");
        }
        Language::En => {
            let _ = writeln!(out, "## System operations\n");
        }
    }
    for m in &ops.metrics {
        let mut line = format!(
            "- {}{}{}",
            md(m.title),
            w.colon(),
            md(&with_unit(m.value, m.unit))
        );
        if let Some(t) = m.target {
            let verdict = match m.met {
                Some(true) => w.lang.get(MET),
                _ => w.lang.get(MISSED),
            };
            let _ = write!(
                line,
                "{}{} {}{sep}{verdict}{}",
                w.t(" (", "（"),
                w.t("target", "目标"),
                md(&with_unit(t, m.unit)),
                w.t(")", "）")
            );
        }
        if let Some(d) = m.delta.filter(|d| *d != 0.0) {
            let _ = write!(
                line,
                " {}",
                if d > 0.0 {
                    format!("▲ {d}")
                } else {
                    format!("▼ {}", -d)
                }
            );
        }
        let _ = writeln!(out, "{line}");
    }
    let c = &ops.counts;
    let _ = match w.lang {
        Language::Zh => writeln!(
            out,
            "- 事故数AB级{}次，CD级{}次（另有{}个未定级的稳定性事件）\n",
            c.ab, c.cd, c.ungraded
        ),
        Language::En => writeln!(
            out,
            "- Incidents: A/B {}, C/D {} ({} without a grade)\n",
            c.ab,
            c.cd,
            plural(c.ungraded as i64, "stability event", "stability events")
        ),
    };
}

/// 生产稳定性事件: each incident with time, cause, handling and impact.
fn incidents_md(out: &mut String, w: &Words, ops: &Operations) {
    if ops.incidents.is_empty() {
        return;
    }
    match w.lang {
        Language::Zh => {
            let _ = writeln!(out, "## 【生产稳定性事件】\n");
        }
        Language::En => {
            let _ = writeln!(out, "## Production incidents\n");
        }
    }
    for i in &ops.incidents {
        let grade = w.lang.grade_or_event(i.grade);
        let duration = match i.minutes {
            None => w.lang.get(OPEN).to_string(),
            Some(m) => w.lang.duration(m),
        };
        let business = if i.business_impact {
            format!("{}{}", w.lang.comma(), w.lang.get(BUSINESS_AFFECTED))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "- {} {}{}{grade}{}{duration}{business}{}",
            i.at.format("%-m/%-d %H:%M"),
            md(i.title),
            w.t(" (", "（"),
            w.lang.comma(),
            w.t(")", "）")
        );
        for (label, text) in [
            (w.lang.get(CAUSE), &i.cause),
            (w.lang.get(ACTION), &i.action),
            (w.lang.get(IMPACT), &i.impact),
        ] {
            if let Some(t) = text {
                let _ = writeln!(out, "  {label}{}{}", w.colon(), md(t));
            }
        }
    }
    out.push('\n');
}

fn milestone_line(w: &Words, m: &MilestoneReport) -> String {
    let sep = w.lang.comma();
    let mut s = format!("{}{}", md(m.title), w.colon());
    if let Some(stage) = &m.stage {
        match &m.stage_from {
            Some(from) => {
                let _ = write!(s, "{} → {}{sep}", md(from), md(stage));
            }
            None => {
                let _ = write!(s, "{}{sep}", md(stage));
            }
        }
    }
    match (m.done, m.total) {
        (Some(done), Some(total)) => {
            let _ = write!(s, "{done}/{total}{sep}");
        }
        (None, Some(total)) => {
            let _ = write!(
                s,
                "{}{sep}",
                match w.lang {
                    Language::Zh => format!("共{total}个"),
                    Language::En => format!("of {total}"),
                }
            );
        }
        _ => {}
    }
    s.push_str(&pct_with_delta(w, m.percent, m.delta, m.is_new));
    if m.status != Status::InProgress {
        let _ = write!(s, "{sep}{}", w.status(m.status));
    }
    if let Some(due) = m.due {
        let _ = write!(s, "{sep}{} {due}", w.t("due", "截止"));
        if let Some(slip) = m.slip_days {
            let shift = w.lang.aside(&w.lang.day_shift(slip));
            let _ = write!(s, "{}{shift}", w.t(" ", ""));
        }
        if m.overdue_days > 0 {
            s.push_str(&late_label(w, m.overdue_days));
        }
    }
    if m.stalled_weeks > 0 {
        let _ = write!(s, "{sep}{}", w.lang.stalled_weeks(m.stalled_weeks));
    }
    if let Some(b) = &m.blocker {
        let _ = write!(s, "{sep}{}{}{}", w.t("blocker", "阻断"), w.colon(), md(b));
    }
    s
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use chrono::NaiveDate;

    use super::*;
    use crate::core::report::{ObjectiveReport, ProjectReport, ReportProblem, Stalled};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, 6, d).unwrap()
    }

    /// A report with a new project, a milestone whose due date moved back a
    /// week and is a day late, one stalled item, and a file that did not load.
    fn report() -> Report<'static> {
        let milestone = MilestoneReport {
            path: "o/p/m".into(),
            title: "联调",
            percent: 40.0,
            delta: None,
            is_new: true,
            status: Status::Blocked,
            total: Some(164),
            done: None,
            stage: None,
            stage_from: None,
            due: Some(day(19)),
            overdue_days: 1,
            slip_days: Some(-7),
            stalled_weeks: 1,
            blocker: None,
            update: None,
            note: None,
            next: None,
        };
        let project = ProjectReport {
            path: "o/p".into(),
            title: "网联代收",
            owner: None,
            percent: 40.0,
            delta: None,
            is_new: true,
            status: Status::InProgress,
            due: Some(day(19)),
            overdue_days: 1,
            update: None,
            blocker: None,
            note: None,
            next: None,
            stages: &[],
            milestones: vec![milestone],
        };
        Report {
            iso_week: "2023-W25".into(),
            week_number: 25,
            date: day(20),
            percent: 40.0,
            delta: None,
            operations: Operations::default(),
            objectives: vec![ObjectiveReport {
                path: "o".into(),
                title: "服务业务",
                owner: None,
                percent: 40.0,
                delta: None,
                status: Status::InProgress,
                update: None,
                weeks: Vec::new(),
                note: None,
                blocker: None,
                projects: vec![project],
            }],
            overdue: Vec::new(),
            stalled: vec![Stalled {
                path: "o/p/m".into(),
                title: "联调",
                percent: 40.0,
                weeks: 1,
            }],
            next: Vec::new(),
            others: Vec::new(),
            problems: vec![
                ReportProblem::NotLoaded(PathBuf::from("坏.toml")),
                ReportProblem::PastWeek("2023-W24".into()),
            ],
        }
    }

    #[test]
    fn a_chinese_report_has_no_english_label() {
        let zh = markdown(&report(), Language::Zh);
        for want in [
            "（新增）",
            "（-7天）",
            "（逾期1天）",
            "坏.toml 无法加载",
            "连续1周未推进",
        ] {
            assert!(zh.contains(want), "{want} missing:\n{zh}");
        }
        // only values (paths, the ISO week) and key names are in Latin letters
        let rest = zh
            .replace("2023-W24", "")
            .replace("2023-W25", "")
            .replace(".toml", "")
            .replace("（next 字段）", "");
        assert!(
            !rest.chars().any(|c| c.is_ascii_alphabetic()),
            "English in the Chinese report:\n{zh}"
        );
    }

    #[test]
    fn an_english_report_counts_in_the_singular_for_one() {
        let en = markdown(&report(), Language::En);
        for want in [
            "(new)",
            "(-7d)",
            "(1 day overdue)",
            "stalled 1 week",
            "unchanged for 1 week",
            "坏.toml did not load and is left out",
        ] {
            assert!(en.contains(want), "{want} missing:\n{en}");
        }
        assert!(!en.contains("1 days") && !en.contains("1 weeks"), "{en}");
    }
}
