//! The words of overlays, forms and search, and of the refusals a form
//! or an edit meets (rendered by [`crate::core::l10n`]).

use super::{Strings, Text};
use crate::core::dates::DateError;
use crate::core::edit::{EditError, IdProblem};
use crate::core::model::{Kind, Status};
use crate::core::save::SaveError;
use crate::core::settings::Language;

impl Strings {
    // ---- overlays ----------------------------------------------------

    /// A paste longer than a field may hold.
    pub fn paste_cut(self, max: usize) -> String {
        self.pick(
            format!("pasted text cut: a field holds at most {max} characters"),
            format!("粘贴的文字已截断：一栏最多 {max} 个字符"),
        )
    }

    /// `c  clear (derived: in_progress)`.
    pub fn status_clear(self, derived: Status) -> String {
        self.pick(
            format!("c  clear (derived: {derived})"),
            format!("c  清除（自动：{}）", self.status(derived)),
        )
    }

    /// `i  in_progress`, or `i  进行中 in_progress` with the name in files.
    pub fn status_entry(self, key: char, s: Status) -> String {
        match self.lang {
            Language::En => format!("{key}  {s}"),
            Language::Zh => format!(
                "{key}  {}{s}",
                crate::core::text::fit(self.status(s), self.status_width() - 1)
            ),
        }
    }

    pub fn filter_status_entry(self, s: Status) -> String {
        self.pick(format!("status {s}"), format!("状态 {}", self.status(s)))
    }

    pub fn filter_owner_entry(self, o: &str) -> String {
        self.pick(format!("owner {o}"), format!("负责人 {o}"))
    }

    /// `Delete the milestone `, before its title.
    pub fn delete_what(self, kind: Kind) -> String {
        self.pick(
            format!("Delete the {} ", kind.as_str()),
            format!("删除{} ", self.kind(kind)),
        )
    }

    /// `(o1/p/m) and everything in it?`
    pub fn delete_path(self, path: &str) -> String {
        self.pick(
            format!("({path}) and everything in it?"),
            format!("（{path}）及其中的所有内容？"),
        )
    }

    // ---- forms -------------------------------------------------------

    pub fn form_edit(self, path: &str) -> String {
        self.pick(format!("Edit {path}"), format!("编辑 {path}"))
    }

    pub fn form_add_project(self, path: &str) -> String {
        self.pick(
            format!("Add a project to {path}"),
            format!("在 {path} 下新增项目"),
        )
    }

    pub fn form_add_milestone(self, path: &str) -> String {
        self.pick(
            format!("Add a milestone to {path}"),
            format!("在 {path} 下新增里程碑"),
        )
    }

    pub fn already_exists(self, path: &str) -> String {
        self.pick(
            format!("`{path}` already exists"),
            format!("`{path}` 已存在"),
        )
    }

    /// Why an id cannot be used (see `core::edit::apply::id_problem`).
    pub fn id_problem(self, p: &IdProblem) -> String {
        self.lang.id_problem(p)
    }

    /// Why a date cannot be read (see `core::dates::parse_relative`).
    pub fn date_error(self, e: &DateError) -> String {
        self.lang.date_error(e)
    }

    /// Why an edit was refused.
    pub fn edit_error(self, e: &EditError) -> String {
        self.lang.edit_error(e)
    }

    /// Why a save did not happen.
    pub fn save_error(self, e: &SaveError) -> String {
        self.lang.save_error(e)
    }

    pub fn not_a_percent(self, v: &str) -> String {
        self.pick(
            format!("`{v}` is not a percent from 0 to 100"),
            format!("`{v}` 不是 0 到 100 之间的百分比"),
        )
    }

    /// `due: ...`: a field's problem, in the footer.
    pub fn field_problem(self, name: &str, problem: &str) -> String {
        self.pick(format!("{name}: {problem}"), format!("{name}：{problem}"))
    }

    // ---- search ------------------------------------------------------

    /// `2 of 5  Tab next  Enter done  Esc cancel`.
    pub fn search_position(self, at: usize, n: usize) -> String {
        self.pick(
            format!("{at} of {n}  Tab next  Enter done  Esc cancel"),
            format!("{at}/{n}  Tab 下一个  Enter 完成  Esc 取消"),
        )
    }

    pub fn no_match_for(self, query: &str) -> String {
        self.pick(
            format!("no match for `{query}`"),
            format!("没有匹配 `{query}` 的结果"),
        )
    }

    pub fn matches_for(self, n: usize, query: &str) -> String {
        self.pick(
            format!(
                "{n} {} for `{query}`: n next, N previous",
                if n == 1 { "match" } else { "matches" }
            ),
            format!("`{query}` 有 {n} 个匹配：n 下一个，N 上一个"),
        )
    }

    pub fn match_of(self, at: usize, n: usize) -> String {
        self.pick(format!("match {at} of {n}"), format!("第 {at}/{n} 个匹配"))
    }
}

// footer hints
pub const NEXT_FIELD: Text = ("next field", "下一项");
pub const SAVE: Text = ("save", "保存");
pub const CANCEL: Text = ("cancel", "取消");
pub const CHOOSE: Text = ("choose", "选择");
pub const PICK: Text = ("pick", "确定");
pub const DELETE: Text = ("delete", "删除");
pub const KEEP: Text = ("keep", "保留");
pub const ANY_KEY: Text = ("any key", "任意键");
pub const CLOSE: Text = ("close", "关闭");
pub const MOVE: Text = ("move", "移动");
pub const FOLD: Text = ("fold", "折叠");

// search
pub const TYPE_TO_SEARCH: Text = ("type to search titles and ids", "输入以搜索标题和 id");
pub const NO_MATCH: Text = ("no match", "无匹配");

// overlays
pub const HELP_TITLE: Text = ("keys · any key closes", "按键 · 任意键关闭");
pub const STATUS_TITLE: Text = ("status", "状态");
pub const FILTER_TITLE: Text = ("filter", "筛选");
pub const DELETE_TITLE: Text = ("delete?", "删除？");
pub const FILTER_OVERDUE_ONLY: Text = ("overdue only", "仅看逾期");
pub const FILTER_DUE_SOON_ONLY: Text = ("due soon", "即将到期");
pub const FILTER_CLEAR: Text = ("clear the filter", "清除筛选");
pub const DELETE_YES: Text = (" delete   ", " 删除   ");
pub const DELETE_NO: Text = (" keep   (u undoes a delete)", " 保留   （u 可撤销删除）");
pub const FORM_SAVE: Text = (" save  ", " 保存  ");
pub const FORM_NEXT: Text = (" next  ", " 下一项  ");
pub const FORM_CANCEL: Text = (" cancel   ", " 取消   ");
pub const FORM_DATES: Text = (
    "dates: today +3d +2w · empty removes",
    "日期：today +3d +2w · 留空即删除",
);
pub const ID: Text = ("id", "编号");
pub const TITLE_REQUIRED: Text = ("a title is required", "标题不能为空");
pub const CANNOT_ADD_HERE: Text = ("cannot add here", "不能在这里新增");
