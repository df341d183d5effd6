//! The report as text: Markdown in the shape of the team's own, in the
//! team's language, and JSON.

use std::fmt::Write as _;

use super::data::{MilestoneReport, Operations, Report};
use crate::core::history::{Movement, delta_label};
use crate::core::model::Status;
use crate::core::settings::Language;
use crate::core::text::{percent, sanitize};

/// The report as pretty-printed JSON, with a final line break.
pub fn json(r: &Report) -> serde_json::Result<String> {
    Ok(serde_json::to_string_pretty(r)? + "\n")
}

/// The labels of one language.
struct Words {
    lang: Language,
}

impl Words {
    fn t(&self, en: &'static str, zh: &'static str) -> &'static str {
        match self.lang {
            Language::En => en,
            Language::Zh => zh,
        }
    }

    fn colon(&self) -> &'static str {
        self.t(": ", "：")
    }

    fn status(&self, s: Status) -> &'static str {
        match (self.lang, s) {
            (Language::En, s) => match s {
                Status::Todo => "to do",
                Status::InProgress => "in progress",
                Status::Blocked => "blocked",
                Status::AtRisk => "at risk",
                Status::Done => "done",
                Status::Dropped => "dropped",
            },
            (Language::Zh, s) => s.zh(),
        }
    }
}

/// One line of Markdown text from file text: control characters made
/// visible, line breaks folded, Markdown's own characters left alone.
fn md(s: &str) -> String {
    sanitize(&s.replace(['\n', '\r'], " "), false).into_owned()
}

/// `48.95%（▲ 1.2）` or `48.95% (▲ 1.2)`.
fn pct_with_delta(w: &Words, p: f64, delta: Option<f64>, is_new: bool) -> String {
    let label = delta_label(&Movement {
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
    let sep = w.t(", ", "，");
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
        let _ = writeln!(out, "> ⚠ {}\n", md(problem));
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
            let _ = writeln!(out, "{}\n", md(u));
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
                let _ = writeln!(out, "  {}", md(u));
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
                "| {} (`{}`) | {} | {} | {} | {} |",
                md(&l.title).replace('|', "\\|"),
                l.path,
                md(l.owner.as_deref().unwrap_or("")).replace('|', "\\|"),
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
                match lang {
                    Language::Zh => format!("连续{}周未推进", s.weeks),
                    Language::En => format!("unchanged for {} weeks", s.weeks),
                }
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

fn with_unit(v: f64, unit: &Option<String>) -> String {
    match unit.as_deref() {
        Some("%") => format!("{v}%"),
        Some(u) => format!("{v} {}", md(u)),
        None => format!("{v}"),
    }
}

/// 系统运行数据: the metrics with values and targets, the incident counts.
fn operations_md(out: &mut String, w: &Words, ops: &Operations) {
    if ops.metrics.is_empty() && ops.incidents.is_empty() {
        return;
    }
    let sep = w.t(", ", "，");
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
            with_unit(m.value, &m.unit)
        );
        if let Some(t) = m.target {
            let verdict = match m.met {
                Some(true) => w.t("✓ met", "✓ 达标"),
                _ => w.t("✗ missed", "✗ 未达标"),
            };
            let _ = write!(
                line,
                "{}{} {}{sep}{verdict}{}",
                w.t(" (", "（"),
                w.t("target", "目标"),
                with_unit(t, &m.unit),
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
            "- Incidents: A/B {}, C/D {} ({} stability events without a grade)\n",
            c.ab, c.cd, c.ungraded
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
        let grade = match (i.grade, w.lang) {
            (Some(g), Language::Zh) => format!("{}级", g.as_str()),
            (Some(g), Language::En) => format!("grade {}", g.as_str()),
            (None, _) => w.t("event", "事件").to_string(),
        };
        let duration = match (i.minutes, w.lang) {
            (None, _) => w.t("open", "未解决").to_string(),
            (Some(m), Language::Zh) if m >= 60 => format!("{}小时{}分钟", m / 60, m % 60),
            (Some(m), Language::Zh) => format!("{m}分钟"),
            (Some(m), Language::En) if m >= 60 => format!("{}h{:02}m", m / 60, m % 60),
            (Some(m), Language::En) => format!("{m} min"),
        };
        let business = if i.business_impact {
            format!(
                "{}{}",
                w.t(", ", "，"),
                w.t("business affected", "影响业务")
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "- {} {}{}{grade}{}{duration}{business}{}",
            i.at.format("%-m/%-d %H:%M"),
            md(&i.title),
            w.t(" (", "（"),
            w.t(", ", "，"),
            w.t(")", "）")
        );
        for (label, text) in [
            (w.t("Cause", "原因"), &i.cause),
            (w.t("Handling", "处置"), &i.action),
            (w.t("Impact", "影响"), &i.impact),
        ] {
            if let Some(t) = text {
                let _ = writeln!(out, "  {label}{}{}", w.colon(), md(t));
            }
        }
    }
    out.push('\n');
}

fn late_label(w: &Words, days: i64) -> String {
    match w.lang {
        Language::Zh => format!("（逾期{days}天）"),
        Language::En => format!(" ({days} days overdue)"),
    }
}

fn milestone_line(w: &Words, m: &MilestoneReport) -> String {
    let sep = w.t(", ", "，");
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
            let _ = write!(s, " ({slip:+}d)");
        }
        if m.overdue_days > 0 {
            s.push_str(&late_label(w, m.overdue_days));
        }
    }
    if m.stalled_weeks > 0 {
        let _ = write!(
            s,
            "{sep}{}",
            match w.lang {
                Language::Zh => format!("连续{}周未推进", m.stalled_weeks),
                Language::En => format!("stalled {} weeks", m.stalled_weeks),
            }
        );
    }
    if let Some(b) = &m.blocker {
        let _ = write!(s, "{sep}{}{}{}", w.t("blocker", "阻断"), w.colon(), md(b));
    }
    s
}
