//! The report as text: Markdown in the shape of the team's own, in the
//! team's language, and JSON.

use std::fmt::Write as _;

use super::data::{MilestoneReport, Operations, Report, ReportProblem};
use crate::core::history::Movement;
use crate::core::l10n::terms::{ACTION, BUSINESS_AFFECTED, CAUSE, IMPACT, MET, MISSED, OPEN};
use crate::core::l10n::{Language, plural, with_unit};
use crate::core::model::Status;
use crate::core::text::{percent, sanitize};

/// The report as pretty-printed JSON, with a final line break.
pub fn json(r: &Report) -> serde_json::Result<String> {
    Ok(serde_json::to_string_pretty(r)? + "\n")
}

/// The labels of one language: the report's own, beside the shared terms
/// of [`crate::core::l10n`].
pub(super) struct Words {
    pub(super) lang: Language,
}

impl Words {
    pub(super) fn t(&self, en: &'static str, zh: &'static str) -> &'static str {
        self.lang.pick(en, zh)
    }

    pub(super) fn colon(&self) -> &'static str {
        self.lang.colon()
    }

    pub(super) fn status(&self, s: Status) -> &'static str {
        self.lang.status_in_prose(s)
    }

    /// A problem of the report's data, above the report.
    pub(super) fn problem(&self, p: &ReportProblem) -> String {
        match (self.lang, p) {
            (Language::En, p) => p.to_string(),
            (Language::Zh, ReportProblem::NotLoaded(path)) => {
                format!("{} 无法加载，未计入周报", path.display())
            }
            (Language::Zh, ReportProblem::NotAFile(path)) => {
                format!("{} 不是普通文件，未计入周报", path.display())
            }
            (Language::Zh, ReportProblem::History(d)) => format!("历史记录：{d}"),
            (Language::Zh, ReportProblem::PastWeek(week)) => format!(
                "{week} 周的数据取自历史文件：进度、状态、阶段和截止日期为当时的记录；历史中不保存文字和数量"
            ),
        }
    }
}

/// Text from a file as inline Markdown that shows as written and does
/// nothing else: control characters made visible, line breaks folded,
/// `<` and `>` as entities (no HTML: no `<script>`, no `<img onerror>`),
/// `&` too where it would start an entity (`&copy;`), and a backslash
/// before each character that makes links, emphasis, code or tables
/// (`\ ` * _ [ ] ( ) # | ~`). Other text, Chinese included, is untouched.
fn md(s: &str) -> String {
    let folded = s.replace(['\n', '\r'], " ");
    let clean = sanitize(&folded, false);
    let mut out = String::with_capacity(clean.len() + 8);
    for (i, c) in clean.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if starts_entity(&clean[i + 1..]) => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether the text after a `&` would make it an entity: `copy;`, `#38;`.
fn starts_entity(after: &str) -> bool {
    let name = after
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name > 0 && after.as_bytes().get(name) == Some(&b';')
}

/// [`md`] for text that starts a line, where `- `, `+ `, `= `, `1. ` or
/// leading spaces would make a list, a heading or code: escaped too.
fn md_line(s: &str) -> String {
    let text = md(s.trim_start());
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if text.starts_with(['-', '+', '=']) {
        format!("\\{text}")
    } else if digits > 0 && text[digits..].starts_with('.') {
        format!("{}\\{}", &text[..digits], &text[digits..])
    } else {
        text
    }
}

/// An item's path as code, or escaped text when a backtick would end the code.
fn code(path: &str) -> String {
    if path.contains('`') {
        md(path)
    } else {
        format!("`{}`", sanitize(path, false))
    }
}

/// `48.95%（▲ 1.2）` or `48.95% (▲ 1.2)`.
pub(super) fn pct_with_delta(w: &Words, p: f64, delta: Option<f64>, is_new: bool) -> String {
    let label = w.lang.delta(&Movement {
        delta,
        is_new,
        ..Movement::default()
    });
    match (label.is_empty(), w.lang) {
        (true, _) => format!("{}%", percent(p)),
        (false, Language::Zh) => format!("{}%（{label}）", percent(p)),
        (false, Language::En) => format!("{}% ({label})", percent(p)),
    }
}

/// The report as Markdown, in the shape of the team's own.
pub fn markdown(r: &Report, lang: Language) -> String {
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
    let _ = writeln!(
        out,
        "> {} {}{sep}{} {}{sep}{} {}{sep}ISO {}\n",
        w.t("Overall", "总进度"),
        pct_with_delta(&w, r.percent, r.delta, false),
        w.t("overdue", "逾期"),
        r.overdue.len(),
        w.t("stalled", "停滞"),
        r.stalled.len(),
        r.iso_week
    );
    for problem in &r.problems {
        let _ = writeln!(out, "> ⚠ {}\n", md(&w.problem(problem)));
    }
    let _ = writeln!(out, "# {}\n", w.t("Last week's progress", "上周进展"));
    operations_md(&mut out, &w, &r.operations);
    for o in &r.objectives {
        let pct = pct_with_delta(&w, o.percent, o.delta, false);
        let _ = match lang {
            Language::Zh => writeln!(out, "## 【{}】 {pct}\n", md(&o.title)),
            Language::En => writeln!(out, "## {} · {pct}\n", md(&o.title)),
        };
        if let Some(u) = &o.update {
            let _ = writeln!(out, "{}\n", md_line(u));
        }
        for p in &o.projects {
            let mut head = format!(
                "- **{}** {}{sep}{}",
                md(&p.title),
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
                let _ = writeln!(
                    out,
                    "  **{}**{}{}",
                    w.t("Blocker", "阻断"),
                    w.colon(),
                    md(b)
                );
            }
            for (i, m) in p.milestones.iter().enumerate() {
                let _ = writeln!(out, "  {}. {}", i + 1, milestone_line(&w, m));
            }
        }
        out.push('\n');
    }
    incidents_md(&mut out, &w, &r.operations);
    let _ = writeln!(out, "# {}\n", w.t("Overdue", "逾期事项"));
    if r.overdue.is_empty() {
        let _ = writeln!(out, "{}\n", w.t("Nothing is overdue.", "无逾期事项。"));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |",
            w.t("Item", "事项"),
            w.t("Owner", "负责人"),
            w.t("Due", "截止"),
            w.t("Days overdue", "逾期天数"),
            w.t("Status", "状态")
        );
        for l in &r.overdue {
            let _ = writeln!(
                out,
                "| {} ({}) | {} | {} | {} | {} |",
                md(&l.title),
                code(&l.path),
                md(l.owner.as_deref().unwrap_or("")),
                l.due,
                l.overdue_days,
                w.status(l.status)
            );
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
                md(&s.title),
                percent(s.percent),
                lang.pick(
                    format!("unchanged for {}", lang.weeks(s.weeks)),
                    lang.stalled_weeks(s.weeks)
                )
            );
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
        let _ = writeln!(
            out,
            "{}. **{}**{}{}",
            i + 1,
            md(&n.title),
            w.colon(),
            md(&n.next)
        );
    }
    out
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
            md(&m.title),
            w.colon(),
            md(&with_unit(m.value, m.unit.as_deref()))
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
                md(&with_unit(t, m.unit.as_deref())),
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
            md(&i.title),
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

/// ` (4 days overdue)`, `（逾期4天）`, after a due date.
pub(super) fn late_label(w: &Words, days: i64) -> String {
    let late = w.lang.days_overdue(days);
    w.lang
        .pick(format!(" {}", w.lang.aside(&late)), w.lang.aside(&late))
}

fn milestone_line(w: &Words, m: &MilestoneReport) -> String {
    let sep = w.lang.comma();
    let mut s = format!("{}{}", md(&m.title), w.colon());
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
    use crate::core::report::{ObjectiveReport, ProjectReport, Stalled};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, 6, d).unwrap()
    }

    /// A report with a new project, a milestone whose due date moved back a
    /// week and is a day late, one stalled item, and a file that did not load.
    fn report() -> Report {
        let milestone = MilestoneReport {
            path: "o/p/m".into(),
            title: "联调".into(),
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
        };
        let project = ProjectReport {
            path: "o/p".into(),
            title: "网联代收".into(),
            owner: None,
            percent: 40.0,
            delta: None,
            is_new: true,
            status: Status::InProgress,
            due: Some(day(19)),
            overdue_days: 1,
            update: None,
            blocker: None,
            stages: Vec::new(),
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
                title: "服务业务".into(),
                owner: None,
                percent: 40.0,
                delta: None,
                status: Status::InProgress,
                update: None,
                weeks: Vec::new(),
                projects: vec![project],
            }],
            overdue: Vec::new(),
            stalled: vec![Stalled {
                path: "o/p/m".into(),
                title: "联调".into(),
                percent: 40.0,
                weeks: 1,
            }],
            next: Vec::new(),
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
            .replace("ISO 2023-W25", "")
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
