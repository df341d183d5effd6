//! The stand-up walkthrough, the overdue review and the board.

use super::{Strings, Text};
use crate::core::l10n::plural;

impl Strings {
    // ---- the stand-up ------------------------------------------------

    pub fn standup_title(self, page: usize, pages: usize, spent: &str, total: &str) -> String {
        self.pick(
            format!(" Stand-up · {page}/{pages} · this project {spent} · meeting {total} "),
            format!(" 站会 · {page}/{pages} · 本项目 {spent} · 会议 {total} "),
        )
    }

    pub fn standup_summary_title(self, total: &str) -> String {
        self.pick(
            format!(" Stand-up · summary · meeting {total} "),
            format!(" 站会 · 总结 · 会议 {total} "),
        )
    }

    pub fn milestones(self, n: usize) -> String {
        self.pick(
            plural(n as i64, "milestone", "milestones"),
            format!("{n} 个里程碑"),
        )
    }

    pub fn milestones_project_selected(self, n: usize) -> String {
        self.pick(
            format!(
                "▶ {} (the project is selected)",
                plural(n as i64, "milestone", "milestones")
            ),
            format!("▶ {n} 个里程碑（已选中项目）"),
        )
    }

    /// `stalled 3w `, on a milestone's row.
    pub fn stalled_short(self, weeks: u32) -> String {
        self.pick(format!("stalled {weeks}w "), format!("停滞{weeks}周 "))
    }

    /// `    blocker: ...`, under the selected milestone.
    pub fn blocker_under(self, why: &str) -> String {
        self.pick(format!("    blocker: {why}"), format!("    阻断：{why}"))
    }

    /// `网联代收  4 days`, in the summary's overdue list.
    pub fn late_days(self, title: &str, days: i64) -> String {
        self.pick(
            format!("{title}  {}", self.lang.days(days)),
            format!("{title}  {}", self.lang.days_overdue(days)),
        )
    }

    /// `迁移进度  3 weeks`, in the summary's stalled list.
    pub fn stalled_for(self, title: &str, weeks: u32) -> String {
        self.pick(
            format!("{title}  {}", self.lang.weeks(weeks)),
            format!("{title}  {}", self.lang.stalled_weeks(weeks)),
        )
    }

    /// `: why`, after a blocked item's title.
    pub fn because(self, why: &str) -> String {
        self.pick(format!(": {why}"), format!("：{why}"))
    }

    /// A section heading with its count: `Blocked (1)`.
    pub fn section(self, title: &str, n: usize) -> String {
        self.pick(format!("{title} ({n})"), format!("{title}（{n}）"))
    }

    // ---- the overdue review and the board ----------------------------

    pub fn review_title(self, late: usize, soon: usize, days: i64) -> String {
        self.pick(
            format!(
                " Overdue review · {late} overdue · {soon} due within {} ",
                self.lang.days(days)
            ),
            format!(" 逾期检查 · 逾期 {late} 项 · {days} 天内到期 {soon} 项 "),
        )
    }

    pub fn board_title(self, project: &str) -> String {
        self.pick(
            format!(" Board · {project} · < > move a card "),
            format!(" 看板 · {project} · < > 移动卡片 "),
        )
    }
}

// the stand-up
pub const BLOCKED_MARK: Text = ("⛔ blocked ", "⛔ 阻断 ");
pub const MOVED: Text = ("Moved since last week", "较上周有进展");
pub const NOTHING_MOVED: Text = (
    "nothing moved (or no history yet)",
    "无变化（或尚无历史记录）",
);
pub const STILL_OVERDUE: Text = ("Still overdue", "逾期事项");
pub const BLOCKED_SECTION: Text = ("Blocked", "阻断事项");
pub const STALLED_SECTION: Text = ("Stalled", "停滞事项");
pub const NOTHING: Text = ("nothing", "无");
pub const TIME_PER_PROJECT: Text = ("Time per project", "各项目用时");

// the overdue review and the board
pub const NOTHING_DUE_BACK: Text = (
    "Nothing is overdue or due soon. q goes back.",
    "没有逾期或即将到期的事项。按 q 返回。",
);
pub const BLOCKED_CARD: Text = ("blocked", "阻断");

impl Strings {
    /// `↓ 3 more lines`, in the last row of a page that scrolls.
    pub fn lines_below(self, n: usize) -> String {
        self.pick(
            format!("↓ {}", plural(n as i64, "more line", "more lines")),
            format!("↓ 下面还有 {n} 行"),
        )
    }

    /// `↑ 3 lines above`, in the last row of a page scrolled to its end.
    pub fn lines_above(self, n: usize) -> String {
        self.pick(
            format!("↑ {} above", plural(n as i64, "line", "lines")),
            format!("↑ 上面还有 {n} 行"),
        )
    }
}
