//! The main screen's words: the header, the tree and the detail pane.

use super::{Strings, Text};
use crate::core::l10n::plural;
use crate::core::model::Status;
use crate::core::settings::Language;

impl Strings {
    // ---- header ------------------------------------------------------

    /// `2023-06-20 W26  `, `2023-06-20 第26周  `: the week as the team
    /// counts weeks (`week_numbering`; ISO weeks by default).
    pub fn date_and_week(self, day: &str, _iso_week: u32, team_week: u32) -> String {
        match self.lang {
            Language::En => format!("{day} W{team_week:02}  "),
            Language::Zh => format!("{day} 第{team_week}周  "),
        }
    }

    /// `1 overdue  `, `逾期 1  `.
    pub fn count(self, n: usize, what: &str) -> String {
        self.pick(format!("{n} {what}  "), format!("{what} {n}  "))
    }

    pub fn filter_shown(self, what: &str) -> String {
        self.pick(format!("filter: {what}"), format!("筛选：{what}"))
    }

    /// `status=blocked owner=李四 overdue`.
    pub fn filter_status(self, s: Status) -> String {
        self.pick(
            format!("status={}", self.status(s)),
            format!("状态={}", self.status(s)),
        )
    }

    pub fn filter_owner(self, o: &str) -> String {
        self.pick(format!("owner={o}"), format!("负责人={o}"))
    }

    // ---- the tree ----------------------------------------------------

    /// `of 164`, `共164`.
    pub fn of_total(self, total: u64) -> String {
        self.pick(format!("of {total}"), format!("共{total}"))
    }

    /// `+4d`: days overdue, after a due date.
    pub fn late_short(self, days: i64) -> String {
        self.pick(format!("+{days}d"), format!("+{days}天"))
    }

    /// Columns of the tree's due column: `06-16 +4d`, `06-16 +12天`.
    pub fn due_width(self) -> usize {
        self.pick(11, 12)
    }

    /// `stall 3w`, in the tree's delta column.
    pub fn stall_short(self, weeks: u32) -> String {
        self.pick(format!("stall {weeks}w"), format!("停滞{weeks}周"))
    }

    /// `▲ 2.5`, or `new` (`新增`) for an item new since last week.
    pub fn delta(self, c: &crate::core::history::Movement) -> String {
        self.lang.delta(c)
    }

    pub fn cannot_load(self, path: &str) -> String {
        self.pick(
            format!("{path}: cannot be loaded"),
            format!("{path}：无法加载"),
        )
    }

    pub fn too_small(self, w: u16, h: u16, min_w: u16, min_h: u16) -> String {
        self.pick(
            format!(
                "Terminal too small: {w}x{h}.\nstride needs at least {min_w}x{min_h}.\nEnlarge the window, or press q to quit."
            ),
            format!(
                "终端太小：{w}x{h}。\nstride 至少需要 {min_w}x{min_h}。\n请放大窗口，或按 q 退出。"
            ),
        )
    }

    // ---- the detail pane ---------------------------------------------

    /// Columns of a label in the detail pane, with the space after it.
    pub fn label_width(self) -> usize {
        self.pick(8, 10)
    }

    /// ` of 164`, ` 共164`, after a percent.
    pub fn of_total_after(self, total: u64) -> String {
        format!(" {}", self.of_total(total))
    }

    /// ` (3 done)`.
    pub fn done_count(self, done: u64) -> String {
        self.pick(format!(" ({done} done)"), format!("（已完成 {done}）"))
    }

    pub fn projects(self, n: usize) -> String {
        self.pick(
            plural(n as i64, "project", "projects"),
            format!("{n} 个项目"),
        )
    }

    /// `7 milestones, 3 done`.
    pub fn milestones_done(self, n: usize, done: usize) -> String {
        self.pick(
            format!(
                "{}, {done} done",
                plural(n as i64, "milestone", "milestones")
            ),
            format!("{n} 个里程碑，已完成 {done} 个"),
        )
    }

    /// `1 day overdue`, `4 days overdue`.
    pub fn days_overdue(self, days: i64) -> String {
        self.lang.days_overdue(days)
    }

    /// `due today`, `due tomorrow`, `due in 3 days`.
    pub fn due_in(self, days: i64) -> String {
        match (self.lang, days) {
            (Language::En, 0) => "due today".to_string(),
            (Language::En, 1) => "due tomorrow".to_string(),
            (Language::En, n) => format!("due in {n} days"),
            (Language::Zh, 0) => "今天到期".to_string(),
            (Language::Zh, 1) => "明天到期".to_string(),
            (Language::Zh, n) => format!("{n}天后到期"),
        }
    }

    /// `stage was 联调`, in the line about last week.
    pub fn stage_was(self, stage: &str) -> String {
        self.pick(format!("stage was {stage}"), format!("原阶段 {stage}"))
    }

    /// `due +7d`: how far the due date moved.
    pub fn due_slip(self, days: i64) -> String {
        let shift = self.lang.day_shift(days);
        self.pick(format!("due {shift}"), format!("截止 {shift}"))
    }

    /// `stalled 3 weeks`.
    pub fn stalled_weeks(self, weeks: u32) -> String {
        self.lang.stalled_weeks(weeks)
    }

    /// `2023-W24: ▲ 2.5 · due +7d`: the changes since that week.
    pub fn week_changes(self, week: &str, changes: &str) -> String {
        self.pick(format!("{week}: {changes}"), format!("{week}：{changes}"))
    }

    pub fn does_not_load(self, path: &str) -> String {
        self.pick(format!("{path} does not load"), format!("{path} 无法加载"))
    }
}

// header
pub const OVERDUE: Text = ("overdue", "逾期");
pub const DUE_SOON: Text = ("due soon", "即将到期");
pub const BLOCKED: Text = ("blocked", "阻断");
pub const LATE_SHORT: Text = ("late", "逾期");
pub const SOON_SHORT: Text = ("soon", "临期");
pub const BLOCKED_SHORT: Text = ("blk", "阻断");
pub const FILTER_OVERDUE: Text = ("overdue", "逾期");
pub const FILTER_DUE_SOON: Text = ("due soon", "即将到期");

// the tree
pub const NOTHING_MATCHES: Text = (
    "Nothing matches the filter. F clears it.",
    "没有符合筛选条件的事项。按 F 清除。",
);
pub const NO_OBJECTIVES: Text = (
    "No objectives yet. To start:\n\n  a   add an objective here (a new file ID.toml in the data folder)\n\n  or run `stride init` in a terminal: a starter folder whose comments\n  explain every field (`stride init --example` writes the sample).",
    "还没有目标。开始：\n\n  a   在这里新建一个目标（数据文件夹中的新文件 编号.toml）\n\n  或在终端运行 `stride init`：生成一个起步文件夹，注释说明每个字段\n  （`stride init --example` 写入示例数据）。",
);

// the detail pane
pub const SINCE: Text = ("since", "对比");
pub const NO_CHANGE: Text = ("no change", "无变化");
pub const HIDDEN_UNTIL_FIXED: Text = (
    "Its items are hidden and cannot be edited. Fix the file, then press R.",
    "其中的事项已隐藏，无法编辑。修复文件后按 R。",
);
