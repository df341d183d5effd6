//! Quitting with edits not on disk, and the edits of a session that ended
//! without asking, offered at the next start.

use super::{Strings, Text};

pub const QUIT_TITLE: Text = ("quit with unsaved edits?", "有未保存的修改，退出吗？");
pub const QUIT_KEYS: Text = (
    "s save again   d discard and quit   Esc stay",
    "s 再次保存   d 放弃并退出   Esc 留下",
);
pub const STAYED: Text = (
    "not quit: the edits are kept (Ctrl-s saves again)",
    "未退出：修改已保留（Ctrl-s 再次保存）",
);
pub const RECOVER_TITLE: Text = ("edits not saved last time", "上次未保存的修改");
pub const RECOVER_KEYS: Text = (
    "r apply again and save   d discard   Esc later",
    "r 重新应用并保存   d 放弃   Esc 以后再说",
);
pub const RECOVERY_DISCARDED: Text = ("discarded the edits of last time", "已放弃上次的修改");

/// `1 edit`, `2 edits`.
fn edits(n: usize) -> String {
    crate::core::l10n::plural(n as i64, "edit", "edits")
}

/// `1 unsaved edit`, `2 unsaved edits`.
fn unsaved(n: usize) -> String {
    crate::core::l10n::plural(n as i64, "unsaved edit", "unsaved edits")
}

impl Strings {
    /// The quit question's first line.
    pub fn not_saved_count(self, n: usize) -> String {
        self.pick(
            format!("{} could not be saved; they are only here:", edits(n)),
            format!("有 {n} 处修改未能保存，只在这里："),
        )
    }

    /// The recovery question's first line.
    pub fn recovery_what(self, n: usize, path: &str) -> String {
        self.pick(
            format!("stride ended with {} not saved, kept in {path}:", edits(n)),
            format!("stride 上次结束时有 {n} 处修改未保存，保存在 {path}："),
        )
    }

    /// After `r`: how many were applied again (and saved as usual).
    pub fn recovered(self, n: usize) -> String {
        self.pick(
            format!("applied again: {}", edits(n)),
            format!("已重新应用 {n} 处修改"),
        )
    }

    /// After `r`, when some could not be applied.
    pub fn recovered_but(self, n: usize, left: usize, path: &str, why: &str) -> String {
        self.pick(
            format!(
                "applied again: {}; {left} could not be ({why}), kept in {path}",
                edits(n)
            ),
            format!("已重新应用 {n} 处修改；{left} 处未能应用（{why}），保存在 {path}"),
        )
    }

    pub fn recovery_later(self, path: &str) -> String {
        self.pick(
            format!("the edits of last time stay in {path} for the next start"),
            format!("上次的修改留在 {path}，下次启动时再问"),
        )
    }

    pub fn recovery_unreadable(self, path: &str, why: &str) -> String {
        self.pick(
            format!("cannot read the edits of last time in {path}: {why}"),
            format!("无法读取 {path} 中上次的修改：{why}"),
        )
    }

    /// On stderr, when a signal or a lost terminal ended stride.
    pub fn kept_for_next_start(self, n: usize, path: &str) -> String {
        self.pick(
            format!(
                "stride: {} kept in {path}; the next start offers them",
                unsaved(n)
            ),
            format!("stride：{n} 处未保存的修改已保存在 {path}；下次启动时会询问"),
        )
    }

    /// On stderr, when even the recovery file could not be written.
    pub fn not_kept(self, n: usize, why: &str) -> String {
        self.pick(
            format!(
                "stride: {} lost: the recovery file cannot be written: {why}",
                unsaved(n)
            ),
            format!("stride：{n} 处未保存的修改丢失：无法写入恢复文件：{why}"),
        )
    }
}
