//! The team's words: conflicts a git merge left, sync, who changed what.

use super::{Strings, Text};

pub const SETTLE: Text = ("settle a merge conflict", "解决合并冲突");
pub const SYNC: Text = ("sync: commit, merge, push", "同步：提交合并推送");
/// The detail pane's label for a field a merge left with two values.
pub const CONFLICT: Text = ("merge", "冲突");
pub const NO_MERGE_CONFLICT: Text = ("no merge conflict on this item", "此条目没有合并冲突");
pub const CANNOT_SETTLE_HERE: Text = (
    "this conflict spans more than one field: settle it in an editor",
    "此冲突不止一个字段：请在编辑器中解决",
);
/// An item's first appearance in the log.
pub const ADDED: Text = ("added", "新增");
pub const SYNCING: Text = ("syncing with the team…", "正在与团队同步…");
pub const SYNC_BUSY: Text = ("a sync is already running", "同步正在进行");
pub const SYNCED: Text = (
    "synced: committed, merged and pushed",
    "已同步：提交、合并并推送",
);
/// The detail pane's label for the item's last change (fits the labels' 8 columns).
pub const LAST_CHANGE: Text = ("changed", "最近修改");
/// The stand-up page's label for the week's changes by person (fits 8 columns).
pub const THIS_WEEK: Text = ("week", "本周修改");

impl Strings {
    /// The question's first line, for a field a merge left with two values.
    pub fn merge_conflict_what(self, field: &str, title: &str) -> String {
        self.pick(
            format!("A merge left {field} of {title} with two values."),
            format!("合并后 {title} 的 {field} 有两个值。"),
        )
    }

    /// The detail pane's line for a conflicted field.
    pub fn conflict_line(self, field: &str, ours: &str, theirs: &str) -> String {
        self.pick(
            format!("{field}: {ours} (ours) or {theirs} (theirs); c to settle"),
            format!("{field}：{ours}（我们的）或 {theirs}（他们的）；按 c 解决"),
        )
    }

    pub fn settled(self, field: &str) -> String {
        self.pick(
            format!("settled {field}; u undoes"),
            format!("已解决 {field}；u 撤销"),
        )
    }

    /// Who changed a field and when: `李四 06-20 14:03: percent 60 → 70`.
    pub fn change_line(self, who: &str, when: &str, what: &str) -> String {
        self.pick(
            format!("{who} {when}: {what}"),
            format!("{who} {when}：{what}"),
        )
    }

    /// One person's changes this week: `李四：进度 60 → 70 · 备注 …`.
    pub fn person_changes(self, who: &str, what: &str) -> String {
        self.pick(format!("{who}: {what}"), format!("{who}：{what}"))
    }

    /// `+3 more`.
    pub fn and_more(self, n: usize) -> String {
        self.pick(format!("+{n} more"), format!("另有 {n} 项"))
    }

    pub fn sync_local_only(self, why: &str) -> String {
        self.pick(
            format!("committed here only: {why}"),
            format!("仅在本地提交：{why}"),
        )
    }

    pub fn sync_nothing(self) -> &'static str {
        self.pick(
            "nothing to commit; up to date",
            "没有需要提交的修改；已是最新",
        )
    }

    pub fn sync_conflicts(self, n: usize) -> String {
        self.pick(
            format!(
                "the merge stopped on {}: settle each (≠ rows, c), then S again",
                crate::core::l10n::plural(n as i64, "conflict", "conflicts")
            ),
            format!("合并因 {n} 处冲突停止：逐个解决（≠ 行，按 c），然后再按 S"),
        )
    }

    pub fn sync_failed(self, why: &str) -> String {
        self.pick(format!("sync failed: {why}"), format!("同步失败：{why}"))
    }
}
