//! Operations: metrics and incidents, their view, forms and summary.

use super::{Strings, Text};
use crate::core::l10n::plural;
use crate::core::l10n::terms::{ACTION, CAUSE, IMPACT};
pub use crate::core::l10n::terms::{BUSINESS_AFFECTED, EVENT, MET, MISSED, OPEN};
use crate::core::model::Grade;
use crate::core::settings::Language;
use crate::tui::form::IncidentField;

impl Strings {
    // ---- operations: metrics and incidents ---------------------------

    /// An incident form field's name: in English its key in files.
    pub fn incident_field(self, f: IncidentField) -> &'static str {
        match self.lang {
            Language::En => f.key(),
            Language::Zh => match f {
                IncidentField::At => "时间",
                IncidentField::Grade => "级别",
                IncidentField::Title => "标题",
                IncidentField::Impact => IMPACT.1,
                IncidentField::Cause => CAUSE.1,
                IncidentField::Action => ACTION.1,
                IncidentField::Resolved => "解决时间",
                IncidentField::Business => "影响业务",
            },
        }
    }

    /// `AB 0 `, `AB级0次 `: one grade pair's count, in the header.
    pub fn grade_count(self, grades: &str, n: usize, short: bool) -> String {
        match (self.lang, short) {
            (Language::En, false) => format!("{grades} {n} "),
            (Language::En, true) => format!("{grades}{n} "),
            (Language::Zh, false) => format!("{grades}级{n}次 "),
            (Language::Zh, true) => format!("{grades}{n} "),
        }
    }

    /// `1 missed  `: metrics that miss their target, in the header.
    pub fn missed_count(self, n: usize, short: bool) -> String {
        match (self.lang, short) {
            (_, true) => format!("✗{n}  "),
            (Language::En, false) => format!("{n} missed  "),
            (Language::Zh, false) => format!("未达标 {n}  "),
        }
    }

    /// `W24 2023-06-12–06-18`, `第25周 2023-06-12–06-18`: a week of incidents.
    /// The week's number is the team's (`week_numbering`), in English too.
    pub fn week_span(self, monday: chrono::NaiveDate, _iso_week: u32, team_week: u32) -> String {
        let sunday = monday + chrono::Days::new(6);
        let span = format!("{monday}–{}", sunday.format("%m-%d"));
        self.pick(
            format!("W{team_week:02} {span}"),
            format!("第{team_week}周 {span}"),
        )
    }

    /// The operations view's title. `which` says whether the week is the
    /// one reported on (`Some(true)`) or the current one (`Some(false)`).
    pub fn ops_title(
        self,
        week: &str,
        which: Option<bool>,
        ab: usize,
        cd: usize,
        open: usize,
    ) -> String {
        let which_en = match which {
            Some(true) => " (reported)",
            Some(false) => " (this week)",
            None => "",
        };
        let which_zh = match which {
            Some(true) => "（周报）",
            Some(false) => "（本周）",
            None => "",
        };
        self.pick(
            format!(" Operations · {week}{which_en} · AB {ab} · CD {cd} · {open} open "),
            format!(" 系统运行 · {week}{which_zh} · AB级{ab}次 CD级{cd}次 · 未解决 {open} "),
        )
    }

    /// The stand-up's operations page title.
    pub fn standup_ops_title(self, week: &str, spent: &str, total: &str) -> String {
        self.pick(
            format!(" Stand-up · operations {week} · this page {spent} · meeting {total} "),
            format!(" 站会 · 系统运行 {week} · 本页 {spent} · 会议 {total} "),
        )
    }

    /// How long an incident lasted: `9m`, `4h56m`, `1d3h`.
    pub fn duration(self, minutes: i64) -> String {
        self.lang.duration(minutes)
    }

    /// Columns of the incident list's duration column (`4小时56分钟`).
    pub fn duration_width(self) -> usize {
        self.pick(10, 13)
    }

    /// `C`, or `C级`: a grade in the incident list.
    pub fn grade(self, g: Grade) -> String {
        self.lang.grade(g)
    }

    /// `grade C`, `C级`, in the incident's detail.
    pub fn grade_long(self, g: Grade) -> String {
        self.lang.grade_long(g)
    }

    /// `took 4h56m`, `耗时4小时56分钟`.
    pub fn took(self, minutes: i64) -> String {
        let d = self.duration(minutes);
        self.pick(format!("took {d}"), format!("耗时{d}"))
    }

    /// The summary's operations heading: `Operations W24 …: AB 0 · CD 1`.
    pub fn ops_heading(self, week: &str, ab: usize, cd: usize) -> String {
        self.pick(
            format!("Operations {week}: AB {ab} · CD {cd}"),
            format!("系统运行 {week}：AB级{ab}次 CD级{cd}次"),
        )
    }

    /// `✗ 出金有效成功率  99.9% (target 99.95%)`.
    pub fn missed_line(self, title: &str, value: &str, target: &str) -> String {
        self.pick(
            format!("✗ {title}  {value} (target {target})"),
            format!("✗ {title}  {value}（目标 {target}）"),
        )
    }

    pub fn all_met(self, n: usize) -> String {
        self.pick(
            format!("✓ all {} met", plural(n as i64, "target", "targets")),
            format!("✓ {n} 项指标全部达标"),
        )
    }

    /// `open: 清结算告警 (since 06-16)`.
    pub fn open_line(self, title: &str, since: &str) -> String {
        self.pick(
            format!("open: {title} (since {since})"),
            format!("未解决：{title}（{since}起）"),
        )
    }

    /// `W24`, `第25周`: a week as the summary names it.
    pub fn week_short(self, _iso_week: u32, team_week: u32) -> String {
        self.pick(format!("W{team_week:02}"), format!("第{team_week}周"))
    }

    /// `value 99.99%  target ≥ 99.95%`, in a metric's detail.
    pub fn metric_value_target(self, value: &str, target: Option<(&str, bool)>) -> String {
        match target {
            Some((t, higher)) => {
                let op = if higher { "≥" } else { "≤" };
                self.pick(
                    format!("value {value}  target {op} {t}"),
                    format!("数值 {value}  目标 {op} {t}"),
                )
            }
            None => self.pick(format!("value {value}"), format!("数值 {value}")),
        }
    }

    /// `since 2023-W24 ▲ 0.01`, in a metric's detail.
    pub fn metric_since(self, week: &str, delta: &str) -> String {
        self.pick(
            format!("since {week}: {delta}"),
            format!("对比 {week}：{delta}"),
        )
    }

    /// `trend ▁▄█ over 3 weeks`.
    pub fn metric_trend(self, line: &str, points: usize) -> String {
        self.pick(
            format!("trend {line} over {}", self.lang.weeks(points as u32)),
            format!("趋势 {line}（{points} 周）"),
        )
    }

    /// Why a time cannot be read (the value is shown just above).
    pub fn not_a_time(self) -> &'static str {
        self.pick(
            "not a time: use YYYY-MM-DD HH:MM, HH:MM (today) or now",
            "不是时间：YYYY-MM-DD HH:MM、HH:MM（今天）或 now",
        )
    }

    pub fn not_a_grade(self, v: &str) -> String {
        self.pick(
            format!("`{v}` is not a grade: A, B, C, D, or empty for an event"),
            format!("`{v}` 不是级别：请填 A、B、C、D，事件留空"),
        )
    }

    pub fn not_yes_no(self, v: &str) -> String {
        self.pick(
            format!("`{v}`: answer y or n"),
            format!("`{v}`：请填 y 或 n"),
        )
    }

    /// A resolved time before the incident's `at`.
    pub fn resolved_before(self, at: &str) -> String {
        self.pick(
            format!("before the incident's time {at}"),
            format!("早于发生时间 {at}"),
        )
    }

    pub fn not_a_number(self, v: &str) -> String {
        self.pick(format!("`{v}` is not a number"), format!("`{v}` 不是数字"))
    }

    pub fn form_add_incident(self, objective: &str) -> String {
        self.pick(
            format!("Add an incident to {objective}"),
            format!("在 {objective} 新增事件"),
        )
    }

    pub fn form_edit_incident(self, objective: &str, at: &str) -> String {
        self.pick(
            format!("Edit the incident of {at} in {objective}"),
            format!("编辑 {objective} 中 {at} 的事件"),
        )
    }

    pub fn form_metric(self, title: &str, path: &str) -> String {
        self.pick(
            format!("Value of {title} ({path})"),
            format!("{title} 的数值（{path}）"),
        )
    }
}

// operations: metrics and incidents
pub const OPS_PAGE: Text = ("Operations", "系统运行");
pub const METRICS: Text = ("Metrics", "系统运行数据");
pub const INCIDENTS: Text = ("Incidents", "生产事件");
pub const COL_VALUE: Text = ("value", "数值");
pub const COL_TARGET: Text = ("target", "目标");
pub const COL_MET: Text = ("met?", "达标");
pub const COL_DELTA: Text = ("Δ week", "较上周");
pub const COL_TREND: Text = ("trend", "趋势");
pub const COL_GRADE: Text = ("grade", "级别");
pub const COL_DURATION: Text = ("duration", "耗时");
pub const COL_BUSINESS: Text = ("business", "影响业务");
pub const COL_TITLE: Text = ("title", "标题");
pub const NO_TARGET: Text = ("– none", "– 无目标");
pub const YES: Text = ("yes", "是");
pub const NO: Text = ("no", "否");
pub const UNGRADED: Text = ("event (no grade)", "事件（未定级）");
pub const NO_BUSINESS_IMPACT: Text = ("no business impact", "未影响业务");
pub const NO_METRICS: Text = (
    "no metrics: add [metric.ID] tables to an objective file",
    "没有指标：在目标文件中添加 [metric.ID]",
);
pub const NO_INCIDENTS: Text = (
    "no incidents this week · a adds one",
    "本周没有事件 · 按 a 新增",
);
pub const NO_OPEN: Text = ("no open incidents", "无未解决事件");
pub const NO_OPS_DATA: Text = (
    "no metrics or incidents yet: a records an incident",
    "尚无指标和事件：按 a 记录事件",
);
pub const NOTHING_SELECTED: Text = ("nothing selected", "未选中任何内容");
pub const NO_OBJECTIVE_FOR_INCIDENT: Text = (
    "no objective to record an incident in",
    "没有可记录事件的目标",
);
pub const SET_VALUE_HINT: Text = ("e sets the value", "按 e 设置数值");
pub const VALUE_REQUIRED: Text = ("a value is required", "数值不能为空");
pub const FORM_TIMES: Text = (
    "times: 2023-06-15 11:01 · 11:01 · now",
    "时间：2023-06-15 11:01、11:01、now",
);
pub const FORM_NUMBER: Text = ("a number, like 99.95", "一个数字，如 99.95");
