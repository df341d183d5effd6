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

    /// `c  clear (derived: in progress)`.
    pub fn status_clear(self, derived: Status) -> String {
        self.pick(
            format!("c  clear (derived: {})", self.status(derived)),
            format!("c  清除（自动：{}）", self.status(derived)),
        )
    }

    /// `i  in progress`, or `i  进行中 in_progress` with the name in files.
    pub fn status_entry(self, key: char, s: Status) -> String {
        match self.lang {
            Language::En => format!("{key}  {}", self.status(s)),
            Language::Zh => format!(
                "{key}  {}{s}",
                crate::core::text::fit(self.status(s), self.status_width() - 1)
            ),
        }
    }

    pub fn filter_status_entry(self, s: Status) -> String {
        self.pick(
            format!("status {}", self.status(s)),
            format!("状态 {}", self.status(s)),
        )
    }

    pub fn filter_owner_entry(self, o: &str) -> String {
        self.pick(format!("owner {o}"), format!("负责人 {o}"))
    }

    // ---- forms -------------------------------------------------------

    pub fn form_edit(self, path: &str) -> String {
        self.pick(format!("Edit {path}"), format!("编辑 {path}"))
    }

    pub fn form_add_objective(self) -> String {
        self.pick(
            "Add an objective: a new file ID.toml in the data folder".to_string(),
            "新建目标：数据文件夹中的新文件 编号.toml".to_string(),
        )
    }

    pub fn objective_added(self, file: &str) -> String {
        self.pick(
            format!("added the objective in {file}"),
            format!("已新建目标 {file}"),
        )
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
pub const NEW_LINE: Text = ("new line", "换行");
pub const SCROLL: Text = ("scroll", "滚动");
pub const HELP_TITLE_MORE: Text = (
    "keys · ↑↓ scroll · any other key closes",
    "按键 · ↑↓ 滚动 · 其他键关闭",
);
pub const CLEAR: Text = ("clear", "清除");
pub const LEAVE: Text = ("leave", "离开");
pub const STAY: Text = ("stay", "留下");

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

impl Strings {
    // ---- the edit form's values ----------------------------------------

    pub fn not_a_weight(self, v: &str) -> String {
        self.pick(
            format!("`{v}` is not a weight above 0"),
            format!("`{v}` 不是大于 0 的权重"),
        )
    }

    pub fn not_a_count(self, v: &str) -> String {
        self.pick(
            format!("`{v}` is not a whole number"),
            format!("`{v}` 不是整数"),
        )
    }

    pub fn not_a_status(self, v: &str) -> String {
        let names: Vec<&str> = Status::ALL.iter().map(|&st| self.status(st)).collect();
        self.pick(
            format!("`{v}` is not a status: {}", names.join(", ")),
            format!("`{v}` 不是状态：{}", names.join("、")),
        )
    }

    pub fn not_a_stage(self, v: &str, stages: &str) -> String {
        self.pick(
            format!("`{v}` is not a stage: {stages}"),
            format!("`{v}` 不是阶段：{stages}"),
        )
    }

    pub fn stage_twice(self, v: &str) -> String {
        self.pick(format!("`{v}` is listed twice"), format!("`{v}` 重复出现"))
    }

    pub fn done_over_total(self, done: u64, total: u64) -> String {
        self.pick(
            format!("done {done} is more than total {total}"),
            format!("完成数 {done} 超过总数 {total}"),
        )
    }

    /// Under an empty reschedule field: the due date now, and what `+3d`
    /// counts from.
    pub fn reschedule_hint(self, due: Option<&str>) -> String {
        match due {
            Some(d) => self.pick(
                format!("now {d} · +3d counts from it"),
                format!("当前 {d} · +3d 从它算起"),
            ),
            None => self.pick(
                "no due date yet · +3d counts from today".into(),
                "尚无截止日期 · +3d 从今天算起".into(),
            ),
        }
    }

    pub fn form_reschedule(self, path: &str) -> String {
        self.pick(
            format!("New due date: {path}"),
            format!("新的截止日期：{path}"),
        )
    }

    /// The heading of the form asking why an item is blocked.
    pub fn form_block(self, title: &str) -> String {
        self.pick(format!("Blocked: {title}"), format!("阻断：{title}"))
    }

    /// `Delete POS收单系统建设 and its 5 milestones?`
    pub fn delete_named(self, kind: Kind, title: &str, children: usize) -> String {
        match (self.lang, kind, children) {
            (Language::En, Kind::Project, 0) => format!("Delete {title}? It has no milestones."),
            (Language::En, Kind::Project, 1) => format!("Delete {title} and its milestone?"),
            (Language::En, Kind::Project, n) => format!("Delete {title} and its {n} milestones?"),
            (Language::En, _, _) => format!("Delete the milestone {title}?"),
            (Language::Zh, Kind::Project, 0) => format!("删除 {title}？它没有里程碑。"),
            (Language::Zh, Kind::Project, n) => format!("删除 {title} 及其 {n} 个里程碑？"),
            (Language::Zh, _, _) => format!("删除里程碑 {title}？"),
        }
    }

    /// Setting another status on a blocked item with a blocker.
    pub fn clear_blocker_what(self, blocker: &str) -> String {
        self.pick(
            format!("Clear the blocker too? “{blocker}”"),
            format!("同时清除阻断原因？“{blocker}”"),
        )
    }
}

pub const FORM_NO_STAGES: Text = ("the project has no stages", "项目没有阶段");
pub const FORM_SAVE_KEY: Text = (" save  ", " 保存  ");
pub const FORM_NEW_LINE: Text = (" new line  ", " 换行  ");
pub const FORM_REASON: Text = ("why is it blocked?", "阻断原因？");
pub const DISCARD_TITLE: Text = ("discard changes?", "放弃修改？");
pub const DISCARD_KEYS: Text = (
    "discard changes?  y discard  n keep editing",
    "放弃修改？  y 放弃  n 继续编辑",
);
pub const CLEAR_BLOCKER_TITLE: Text = ("blocker", "阻断原因");
pub const CLEAR_BLOCKER_KEYS: Text = (
    "y clear it  n keep it  Esc cancel",
    "y 清除  n 保留  Esc 取消",
);

// leaving: Esc in the tree, a stand-up in progress
pub const SEARCH_CLEARED: Text = ("search cleared", "已清除搜索");
pub const Q_QUITS: Text = ("q quits stride", "按 q 退出 stride");
pub const ESC_CLEARS: Text = ("clear the search or filter", "清除搜索或筛选");
pub const STANDUP_PAUSED: Text = (
    "left the stand-up: w resumes it today",
    "已离开站会：今天内按 w 可继续",
);
pub const STANDUP_RESUMED: Text = ("stand-up resumed", "站会已继续");
pub const LEAVE_STANDUP_TITLE: Text = ("leave the stand-up?", "离开站会？");
pub const LEAVE_STANDUP_WHAT: Text = (
    "The meeting is in progress. w resumes it today.",
    "站会进行中，今天内按 w 可继续。",
);
pub const LEAVE_STANDUP_KEYS: Text = ("y leave  n stay", "y 离开  n 留下");
pub const NEW_LINE_KEYS: Text = ("new line in update, note", "进展、备注中换行");
pub const SAVE_FORM_KEYS: Text = ("save the form", "保存表单");
