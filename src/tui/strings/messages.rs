//! The footer's messages: what was done, saved, refused or went wrong.

use super::{Strings, Text};
use crate::core::save::{Conflict, SaveError};

impl Strings {
    // ---- messages ----------------------------------------------------

    pub fn broken_files(self, n: usize) -> String {
        self.pick(
            format!(
                "{} {} errors and {} shown as error rows; fix them and press R",
                crate::core::l10n::plural(n as i64, "file", "files"),
                if n == 1 { "has" } else { "have" },
                if n == 1 { "is" } else { "are" },
            ),
            format!("{n} 个文件有错误，显示为错误行；修复后按 R"),
        )
    }

    pub fn history_problem(self, problem: &str) -> String {
        self.pick(
            format!("history: {problem} (weekly changes leave it out)"),
            format!("历史记录：{problem}（周变化不计入该文件）"),
        )
    }

    /// The user's config file could not be read: stride started without it.
    pub fn config_problem(self, problem: &str) -> String {
        self.pick(
            format!("config: {problem} (started with the default theme and keys)"),
            format!("配置文件：{problem}（已按默认主题和按键启动）"),
        )
    }

    /// `what` is a [`Text`] of `WHAT_*`.
    pub fn cannot_edit_broken(self, what: Text, file: &str) -> String {
        self.pick(
            format!(
                "cannot {}: {file} has errors; fix it and press R to reload",
                what.0
            ),
            format!("无法{}：{file} 有错误；修复后按 R 重新读取", what.1),
        )
    }

    pub fn filter_on(self, what: &str, rows: usize) -> String {
        self.pick(
            format!(
                "filter: {what} ({}); F clears it",
                crate::core::l10n::plural(rows as i64, "row", "rows")
            ),
            format!("筛选：{what}（{rows} 行）；按 F 清除"),
        )
    }

    pub fn no_report(self, e: &str) -> String {
        self.pick(format!("no report: {e}"), format!("未生成周报：{e}"))
    }

    pub fn wrote_report(self, path: &str) -> String {
        self.pick(
            format!("wrote the report to {path}"),
            format!("周报已写入 {path}"),
        )
    }

    pub fn cannot_write(self, path: &str, e: &str) -> String {
        self.pick(
            format!("cannot write {path}: {e}"),
            format!("无法写入 {path}：{e}"),
        )
    }

    pub fn percent_already(self, p: &str) -> String {
        self.pick(format!("percent is already {p}%"), format!("进度已是 {p}%"))
    }

    pub fn no_stages(self, project: &str) -> String {
        self.pick(
            format!("project `{project}` has no stages"),
            format!("项目 `{project}` 没有阶段"),
        )
    }

    pub fn not_saved(self, why: &str) -> String {
        self.pick(format!("not saved: {why}"), format!("未保存：{why}"))
    }

    pub fn not_loaded(self, path: &str) -> String {
        self.pick(
            format!("`{path}` is not loaded"),
            format!("`{path}` 未加载"),
        )
    }

    pub fn not_changed(self, why: &str) -> String {
        self.pick(format!("not changed: {why}"), format!("未修改：{why}"))
    }

    pub fn cannot_undo(self, why: &str) -> String {
        self.pick(format!("cannot undo: {why}"), format!("无法撤销：{why}"))
    }

    pub fn cannot_redo(self, why: &str) -> String {
        self.pick(format!("cannot redo: {why}"), format!("无法重做：{why}"))
    }

    pub fn history_not_written(self, e: &str) -> String {
        self.pick(
            format!("this week's history was not written: {e}"),
            format!("本周历史记录未写入：{e}"),
        )
    }

    pub fn save_refused(self, why: &str) -> String {
        self.pick(
            format!("not saved: {why} (the edit is kept: Ctrl-s retries, R reloads)"),
            format!("未保存：{why}（修改已保留：Ctrl-s 重试，R 重新读取）"),
        )
    }

    /// A conflict left undecided: the edit is not saved.
    pub fn conflict_refused(self, c: Conflict) -> String {
        self.save_refused(&self.save_error(&SaveError::Conflict(Box::new(c))))
    }

    pub fn saved(self, file: &str) -> String {
        self.pick(format!("saved {file}"), format!("已保存 {file}"))
    }

    /// `undone; saved data/o1.toml`.
    pub fn and_saved(self, what: &str, file: &str) -> String {
        self.pick(
            format!("{what}; saved {file}"),
            format!("{what}；已保存 {file}"),
        )
    }

    pub fn still_has_errors(self, file: &str, first: &str) -> String {
        self.pick(
            format!("{file} still has errors: {first}"),
            format!("{file} 仍有错误：{first}"),
        )
    }

    pub fn reloaded_and_reapplied(self, file: &str, n: usize) -> String {
        self.pick(
            format!(
                "reloaded {file}; {} applied again and saved",
                crate::core::l10n::plural(n as i64, "unsaved edit", "unsaved edits")
            ),
            format!("已重新读取 {file}；{n} 处未保存的修改已重新应用并保存"),
        )
    }

    pub fn reloaded(self, file: &str) -> String {
        self.pick(format!("reloaded {file}"), format!("已重新读取 {file}"))
    }

    /// A file changed on disk and was read again.
    pub fn changed_on_disk(self, file: &str) -> String {
        self.pick(
            format!("{file} changed on disk; read it again"),
            format!("{file} 已在磁盘上被修改；已重新读取"),
        )
    }

    /// A save that also kept someone else's changes.
    pub fn saved_merged(self, file: &str) -> String {
        self.pick(
            format!("saved {file} (merged with changes made on disk)"),
            format!("已保存 {file}（已合并磁盘上的修改）"),
        )
    }

    /// The conflict prompt's title.
    pub fn conflict_title(self) -> &'static str {
        self.pick("changed on both sides", "两边都修改了")
    }

    /// `percent of 迁移进度 was changed on disk.`
    pub fn conflict_what(self, field: &str, title: &str) -> String {
        self.pick(
            format!("{field} of {title} was changed on disk and here."),
            format!("{title} 的 {field} 在磁盘上和这里都被修改了。"),
        )
    }

    pub fn theirs(self, v: &str) -> String {
        self.pick(
            format!("on disk (theirs): {v}"),
            format!("磁盘上（他人）：{v}"),
        )
    }

    pub fn mine(self, v: &str) -> String {
        self.pick(
            format!("here (mine):      {v}"),
            format!("这里（我的）：  {v}"),
        )
    }

    pub fn conflict_keys(self) -> &'static str {
        self.pick(
            "m keep mine   t take theirs   Esc decide later",
            "m 保留我的   t 采用他人的   Esc 稍后决定",
        )
    }

    /// The question of deleting an item changed on disk meanwhile.
    pub fn changed_before_delete(self, item: &str) -> String {
        self.pick(
            format!("`{item}` was changed on disk since it was read: delete it anyway?"),
            format!("`{item}` 读取后已在磁盘上被修改：仍要删除吗？"),
        )
    }

    pub fn changed_before_delete_keys(self) -> &'static str {
        self.pick(
            "m delete anyway   t keep it (with their change)   Esc decide later",
            "m 仍然删除   t 保留（含他人的修改）   Esc 稍后决定",
        )
    }

    pub fn kept_mine(self) -> &'static str {
        self.pick("kept yours over the change on disk", "已保留你的修改")
    }

    pub fn took_theirs(self) -> &'static str {
        self.pick(
            "took the value on disk; your edit is dropped",
            "已采用磁盘上的值；你的修改已放弃",
        )
    }

    pub fn cannot_set_up_terminal(self, e: &str) -> String {
        self.pick(
            format!("cannot set up the terminal: {e}"),
            format!("无法设置终端：{e}"),
        )
    }

    pub fn terminal_error(self, e: &str) -> String {
        self.pick(format!("terminal error: {e}"), format!("终端错误：{e}"))
    }
}

// what a broken file keeps from being done: "cannot edit: ..."
pub const WHAT_STATUS: Text = ("status", "修改状态");
pub const WHAT_EDIT: Text = ("edit", "编辑");
pub const WHAT_DELETE: Text = ("delete", "删除");
pub const WHAT_MARK_DONE: Text = ("mark done", "标记完成");
pub const WHAT_PERCENT: Text = ("change the percent", "修改进度");
pub const WHAT_STAGE: Text = ("change the stage", "修改阶段");
pub const WHAT_ADD: Text = ("add", "新增");

// messages
pub const FILTER_CLEARED: Text = ("filter cleared", "已清除筛选");
pub const OBJECTIVES_ARE_FILES: Text = (
    "objectives are files: delete the file by hand",
    "目标就是文件：请手动删除该文件",
);
pub const NO_PROJECTS: Text = ("no projects to walk through", "没有可逐个过的项目");
pub const NOTHING_DUE: Text = ("nothing is overdue or due soon", "没有逾期或即将到期的事项");
pub const BOARD_NEEDS_STAGES: Text = (
    "p opens the board of a project with `stages`; select one",
    "p 打开有 `stages` 的项目的看板；请先选中一个",
);
pub const PARENT_PERCENT: Text = (
    "+ and - change milestones; a parent's percent is rolled up (set it with e)",
    "+ 和 - 只改里程碑；上级的进度由下级汇总（可用 e 设置）",
);
pub const STAGES_ONLY: Text = (
    "< and > move milestones of a project with stages",
    "< 和 > 只移动有阶段的项目中的里程碑",
);
pub const NO_FURTHER_STAGE: Text = ("no further stage", "没有更多阶段了");
pub const NOT_DELETED: Text = ("not deleted", "未删除");
pub const NO_SEARCH: Text = ("no search: press / to search", "没有搜索：按 / 开始搜索");
pub const CANCELLED: Text = ("cancelled; nothing changed", "已取消，未作修改");
pub const NOTHING_CHANGED: Text = ("nothing changed", "没有修改");
pub const NOTHING_TO_CHANGE: Text = ("nothing to change", "没有要修改的内容");
pub const NOTHING_TO_UNDO: Text = ("nothing to undo", "没有可撤销的修改");
pub const NOTHING_TO_REDO: Text = ("nothing to redo", "没有可重做的修改");
pub const UNDONE: Text = ("undone", "已撤销");
pub const REDONE: Text = ("redone", "已重做");
pub const ALL_SAVED: Text = ("everything is saved", "全部已保存");
pub const NEEDS_TERMINAL: Text = (
    "the TUI needs a terminal (stdin or stdout is not a TTY); for scripts use `stride list`, `stride set`, `stride check`",
    "界面需要终端（stdin 或 stdout 不是 TTY）；脚本请用 `stride list`、`stride set`、`stride check`",
);
