//! Every text the TUI shows, in English and Chinese, in one place.
//!
//! A fixed text is a [`Text`] const, an `(english, chinese)` pair, read
//! through [`Strings::get`]; a text with values in it is a method of
//! [`Strings`] returning a `String`. The language is the data folder's
//! `language` setting. English is the default, and what the files say:
//! status names in English are the names used in files (`in_progress`).
//! Key names (`j`, `Ctrl-r`, `Enter`) are never translated.

use crate::core::model::{Kind, Status};
use crate::core::settings::Language;
use crate::core::text::width;
use crate::core::{Field, Portfolio};
use crate::tui::form::IncidentField;

/// A fixed text: English, then Chinese.
pub type Text = (&'static str, &'static str);

/// The texts of one language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Strings {
    pub lang: Language,
}

impl Strings {
    pub fn new(lang: Language) -> Self {
        Strings { lang }
    }

    /// The texts in the language of a portfolio's settings.
    pub fn of(p: &Portfolio) -> Self {
        Strings::new(p.settings.language)
    }

    /// One of two values by language: texts, or the widths that fit them.
    pub fn pick<T>(self, en: T, zh: T) -> T {
        match self.lang {
            Language::En => en,
            Language::Zh => zh,
        }
    }

    /// A fixed text in this language.
    pub fn get(self, text: Text) -> &'static str {
        self.pick(text.0, text.1)
    }

    fn zh(self) -> bool {
        self.lang == Language::Zh
    }

    // ---- names -------------------------------------------------------

    /// A status as badges and menus show it: in English its name in files.
    pub fn status(self, s: Status) -> &'static str {
        match self.lang {
            Language::En => s.as_str(),
            Language::Zh => s.zh(),
        }
    }

    /// Columns of a status badge: the widest status and a space each side.
    pub fn status_width(self) -> usize {
        Status::ALL
            .iter()
            .map(|&s| width(self.status(s)))
            .max()
            .unwrap_or(0)
            + 2
    }

    pub fn kind(self, k: Kind) -> &'static str {
        match self.lang {
            Language::En => k.as_str(),
            Language::Zh => match k {
                Kind::Objective => "目标",
                Kind::Project => "项目",
                Kind::Milestone => "里程碑",
            },
        }
    }

    /// A field's name as labels show it: in English its key in files.
    pub fn field(self, f: Field) -> &'static str {
        match self.lang {
            Language::En => f.key(),
            Language::Zh => match f {
                Field::Title => "标题",
                Field::Status => "状态",
                Field::Percent => "进度",
                Field::Due => "截止",
                Field::Start => "开始",
                Field::Owner => "负责人",
                Field::Weight => "权重",
                Field::Note => "备注",
                Field::Update => "进展",
                Field::Next => "下周计划",
                Field::Blocker => "阻断",
                Field::Tags => "标签",
                Field::Stage => "阶段",
                Field::Total => "总数",
                Field::Done => "完成数",
                Field::Value => "数值",
            },
        }
    }

    /// A form field's label: its TOML key, after its name in Chinese
    /// (`截止 due`), so that the keys of the files stay discoverable.
    pub fn form_label(self, key: &str, name: &str) -> String {
        self.pick(key.to_string(), format!("{name} {key}"))
    }

    // ---- header ------------------------------------------------------

    /// `2023-06-20 W25  `, or `2023-06-20 第26周  ` as the team counts weeks.
    pub fn date_and_week(self, day: &str, iso_week: u32, team_week: u32) -> String {
        match self.lang {
            Language::En => format!("{day} W{iso_week:02}  "),
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
        self.pick(format!("status={s}"), format!("状态={}", self.status(s)))
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
        if c.is_new && self.zh() {
            return "新增".into();
        }
        crate::core::history::delta_label(c)
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
        match (self.lang, n) {
            (Language::En, 1) => "1 project".to_string(),
            (Language::En, n) => format!("{n} projects"),
            (Language::Zh, n) => format!("{n} 个项目"),
        }
    }

    /// `7 milestones, 3 done`.
    pub fn milestones_done(self, n: usize, done: usize) -> String {
        self.pick(
            format!(
                "{n} milestone{}, {done} done",
                if n == 1 { "" } else { "s" }
            ),
            format!("{n} 个里程碑，已完成 {done} 个"),
        )
    }

    /// `4 days overdue`.
    pub fn days_overdue(self, days: i64) -> String {
        self.pick(format!("{days} days overdue"), format!("逾期{days}天"))
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
        self.pick(format!("due {days:+}d"), format!("截止 {days:+}天"))
    }

    /// `stalled 3 weeks`.
    pub fn stalled_weeks(self, weeks: u32) -> String {
        self.pick(
            format!("stalled {weeks} weeks"),
            format!("连续{weeks}周未推进"),
        )
    }

    /// `2023-W24: ▲ 2.5 · due +7d`: the changes since that week.
    pub fn week_changes(self, week: &str, changes: &str) -> String {
        self.pick(format!("{week}: {changes}"), format!("{week}：{changes}"))
    }

    pub fn does_not_load(self, path: &str) -> String {
        self.pick(format!("{path} does not load"), format!("{path} 无法加载"))
    }

    // ---- overlays ----------------------------------------------------

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

    /// Why an id cannot be used, from `core::change::id_problem`'s English.
    pub fn id_problem(self, id: &str, english: String) -> String {
        if !self.zh() {
            return english;
        }
        if id.trim().is_empty() {
            "需要填写编号".into()
        } else if id.contains('/') {
            format!("编号 `{id}` 不能包含 `/`")
        } else if id.trim() != id {
            format!("编号 `{id}` 不能以空格开头或结尾")
        } else if id.chars().any(char::is_control) {
            "编号不能包含控制字符".into()
        } else {
            english
        }
    }

    /// Why a date cannot be read, from `core::dates::parse_relative`'s English.
    pub fn not_a_date(self, v: &str, english: String) -> String {
        self.pick(
            english,
            format!("`{v}` 不是日期：请用 YYYY-MM-DD、today、tomorrow、+3d 或 +2w"),
        )
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

    // ---- messages ----------------------------------------------------

    pub fn broken_files(self, n: usize) -> String {
        self.pick(
            format!("{n} file(s) have errors and are shown as error rows; fix them and press R"),
            format!("{n} 个文件有错误，显示为错误行；修复后按 R"),
        )
    }

    pub fn history_problem(self, problem: &str) -> String {
        self.pick(
            format!("history: {problem} (weekly changes leave it out)"),
            format!("历史记录：{problem}（周变化不计入该文件）"),
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
            format!("filter: {what} ({rows} rows); F clears it"),
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
            format!("reloaded {file}; {n} unsaved edit(s) applied again and saved"),
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
        self.pick(format!("{n} milestones"), format!("{n} 个里程碑"))
    }

    pub fn milestones_project_selected(self, n: usize) -> String {
        self.pick(
            format!("▶ {n} milestones (the project is selected)"),
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
            format!("{title}  {days} days"),
            format!("{title}  逾期{days}天"),
        )
    }

    /// `迁移进度  3 weeks`, in the summary's stalled list.
    pub fn stalled_for(self, title: &str, weeks: u32) -> String {
        self.pick(
            format!("{title}  {weeks} weeks"),
            format!("{title}  连续{weeks}周未推进"),
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

    // ---- operations: metrics and incidents ---------------------------

    /// An incident form field's name: in English its key in files.
    pub fn incident_field(self, f: IncidentField) -> &'static str {
        match self.lang {
            Language::En => f.key(),
            Language::Zh => match f {
                IncidentField::At => "时间",
                IncidentField::Grade => "级别",
                IncidentField::Title => "标题",
                IncidentField::Impact => "影响",
                IncidentField::Cause => "原因",
                IncidentField::Action => "措施",
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
    pub fn week_span(self, monday: chrono::NaiveDate, iso_week: u32, team_week: u32) -> String {
        let sunday = monday + chrono::Days::new(6);
        let span = format!("{monday}–{}", sunday.format("%m-%d"));
        self.pick(
            format!("W{iso_week:02} {span}"),
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
        let m = minutes.max(0);
        let (d, h, mm) = (m / 1440, m / 60 % 24, m % 60);
        match self.lang {
            Language::En if d > 0 => format!("{d}d{h}h"),
            Language::En if h > 0 => format!("{h}h{mm:02}m"),
            Language::En => format!("{mm}m"),
            Language::Zh if d > 0 => format!("{d}天{h}小时"),
            Language::Zh if h > 0 => format!("{h}小时{mm}分"),
            Language::Zh => format!("{mm}分钟"),
        }
    }

    /// `C`, or `C级`: a grade in the incident list.
    pub fn grade(self, g: crate::core::model::Grade) -> String {
        self.pick(g.as_str().to_string(), format!("{}级", g.as_str()))
    }

    /// `grade C`, `C级`, in the incident's detail.
    pub fn grade_long(self, g: crate::core::model::Grade) -> String {
        self.pick(format!("grade {}", g.as_str()), format!("{}级", g.as_str()))
    }

    /// `took 4h56m`, `耗时4小时56分`.
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
            format!("✓ all {n} targets met"),
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
    pub fn week_short(self, iso_week: u32, team_week: u32) -> String {
        self.pick(format!("W{iso_week:02}"), format!("第{team_week}周"))
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
            format!("trend {line} over {points} weeks"),
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

    // ---- the overdue review and the board ----------------------------

    pub fn review_title(self, late: usize, soon: usize, days: i64) -> String {
        self.pick(
            format!(" Overdue review · {late} overdue · {soon} due within {days} days "),
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

// ---- fixed texts ------------------------------------------------------

// header
pub const OVERDUE: Text = ("overdue", "逾期");
pub const DUE_SOON: Text = ("due soon", "即将到期");
pub const BLOCKED: Text = ("blocked", "阻断");
pub const LATE_SHORT: Text = ("late", "逾期");
pub const SOON_SHORT: Text = ("soon", "临期");
pub const BLOCKED_SHORT: Text = ("blk", "阻断");
pub const FILTER_OVERDUE: Text = ("overdue", "逾期");

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

// the tree
pub const NOTHING_MATCHES: Text = (
    "Nothing matches the filter. F clears it.",
    "没有符合筛选条件的事项。按 F 清除。",
);
pub const NO_OBJECTIVES: Text = (
    "No objectives: add a TOML file to the data folder (see README).",
    "没有目标：请在数据文件夹中添加 TOML 文件（见 README）。",
);

// the detail pane
pub const SINCE: Text = ("since", "对比");
pub const NO_CHANGE: Text = ("no change", "无变化");
pub const HIDDEN_UNTIL_FIXED: Text = (
    "Its items are hidden and cannot be edited. Fix the file, then press R.",
    "其中的事项已隐藏，无法编辑。修复文件后按 R。",
);

// overlays
pub const HELP_TITLE: Text = ("keys · any key closes", "按键 · 任意键关闭");
pub const STATUS_TITLE: Text = ("status", "状态");
pub const FILTER_TITLE: Text = ("filter", "筛选");
pub const DELETE_TITLE: Text = ("delete?", "删除？");
pub const FILTER_OVERDUE_ONLY: Text = ("overdue only", "仅看逾期");
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
pub const MET: Text = ("✓ met", "✓ 达标");
pub const MISSED: Text = ("✗ missed", "✗ 未达标");
pub const NO_TARGET: Text = ("– none", "– 无目标");
pub const EVENT: Text = ("event", "事件");
pub const OPEN: Text = ("open", "未解决");
pub const YES: Text = ("yes", "是");
pub const NO: Text = ("no", "否");
pub const UNGRADED: Text = ("event (no grade)", "事件（未定级）");
pub const BUSINESS_AFFECTED: Text = ("business affected", "影响业务");
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

/// What the keys do, for the help and the footer (see `keymap.rs`).
pub mod keys {
    use super::Text;

    // moving
    pub const MOVE_DOWN: Text = ("move down", "下移");
    pub const MOVE_UP: Text = ("move up", "上移");
    pub const PAGE_DOWN: Text = ("page down", "下一页");
    pub const PAGE_UP: Text = ("page up", "上一页");
    pub const FIRST_ROW: Text = ("first row", "第一行");
    pub const LAST_ROW: Text = ("last row", "最后一行");
    pub const EXPAND: Text = ("expand", "展开");
    pub const COLLAPSE: Text = ("collapse / go to parent", "折叠 / 回到上级");
    pub const TOGGLE_ALL: Text = ("fold/unfold all", "全部折叠/展开");
    pub const MOVE: Text = ("move", "移动");
    // the stand-up
    pub const NEXT_PROJECT: Text = ("next project", "下一个项目");
    pub const PREV_PROJECT: Text = ("previous project", "上一个项目");
    pub const NEXT: Text = ("next", "下一个");
    pub const BACK: Text = ("back", "上一个");
    pub const NEXT_MILESTONE: Text = ("next milestone", "下一个里程碑");
    pub const PREV_MILESTONE: Text = ("previous milestone", "上一个里程碑");
    pub const MILESTONE: Text = ("milestone", "里程碑");
    // the overdue review
    pub const NEW_DUE: Text = ("new due date", "修改截止日期");
    pub const RESCHEDULE: Text = ("reschedule", "改期");
    pub const MARK_DONE: Text = ("mark done", "标记完成");
    pub const DONE: Text = ("done", "完成");
    pub const RECORD_BLOCKER: Text = ("record a blocker", "记录阻断");
    pub const BLOCKER: Text = ("blocker", "阻断");
    // the board
    pub const COLUMN_LEFT: Text = ("column to the left", "左边一列");
    pub const COLUMN_RIGHT: Text = ("column to the right", "右边一列");
    pub const COLUMN: Text = ("column", "列");
    pub const NEXT_CARD: Text = ("next card", "下一张卡片");
    pub const PREV_CARD: Text = ("previous card", "上一张卡片");
    pub const CARD: Text = ("card", "卡片");
    // editing
    pub const PERCENT_UP_5: Text = ("percent +5", "进度 +5");
    pub const PERCENT_DOWN_5: Text = ("percent -5", "进度 -5");
    pub const PERCENT_UP_1: Text = ("percent +1", "进度 +1");
    pub const PERCENT_DOWN_1: Text = ("percent -1", "进度 -1");
    pub const PERCENT: Text = ("percent", "进度");
    pub const NEXT_STAGE: Text = ("next stage", "下一阶段");
    pub const PREV_STAGE: Text = ("previous stage", "上一阶段");
    pub const STAGE: Text = ("stage", "阶段");
    pub const SET_STATUS: Text = ("set the status", "设置状态");
    pub const STATUS: Text = ("status", "状态");
    pub const EDIT_FORM: Text = ("edit in a form", "在表单中编辑");
    pub const EDIT: Text = ("edit", "编辑");
    pub const ADD: Text = ("add milestone/project", "新增里程碑/项目");
    pub const DELETE: Text = ("delete (asks first)", "删除（先确认）");
    pub const UNDO: Text = ("undo", "撤销");
    pub const REDO: Text = ("redo", "重做");
    pub const RETRY: Text = ("retry unsaved edits", "重试保存未保存的修改");
    pub const RELOAD: Text = ("reload file from disk", "从磁盘重新读取文件");
    // the tree's own
    pub const SEARCH: Text = ("search titles and ids", "搜索标题和 id");
    pub const SEARCH_SHORT: Text = ("search", "搜索");
    pub const NEXT_MATCH: Text = ("next match", "下一个匹配");
    pub const PREV_MATCH: Text = ("previous match", "上一个匹配");
    pub const FILTER_MENU: Text = ("filter menu", "筛选菜单");
    pub const FILTER: Text = ("filter", "筛选");
    pub const CLEAR_FILTER: Text = ("clear the filter", "清除筛选");
    pub const STANDUP: Text = ("stand-up walkthrough", "站会：逐个过项目");
    pub const STANDUP_SHORT: Text = ("stand-up", "站会");
    pub const REVIEW: Text = ("overdue review", "逾期检查");
    pub const REVIEW_SHORT: Text = ("overdue", "逾期");
    pub const BOARD: Text = ("pipeline board", "阶段看板");
    pub const REPORT: Text = ("write the weekly report", "生成周报");
    pub const DETAIL: Text = ("toggle detail pane", "显示/隐藏详情");
    pub const HELP: Text = ("this help", "本帮助");
    pub const HELP_SHORT: Text = ("help", "帮助");
    pub const QUIT: Text = ("quit", "退出");
    pub const BACK_TO_TREE: Text = ("back to the tree", "返回树视图");
    pub const BACK_SHORT: Text = ("back", "返回");
    // operations
    pub const OPS: Text = ("metrics and incidents", "指标和生产事件");
    pub const OPS_SHORT: Text = ("ops", "运行");
    pub const PREV_WEEK: Text = ("previous week", "上一周");
    pub const NEXT_WEEK: Text = ("next week", "下一周");
    pub const WEEK: Text = ("week", "周");
    pub const NEXT_ROW: Text = ("next metric/incident", "下一个指标/事件");
    pub const PREV_ROW: Text = ("previous metric/incident", "上一个指标/事件");
    pub const ADD_INCIDENT: Text = ("record an incident", "记录事件");
    pub const ADD_SHORT: Text = ("incident", "事件");
    pub const EDIT_OPS: Text = ("edit incident/set value", "编辑事件/设置数值");
    // menus, forms and prompts
    pub const FORM_FIELDS: Text = ("form: next/prev field", "表单：下/上一项");
    pub const CONFIRM: Text = ("confirm", "确认");
    pub const CANCEL: Text = ("cancel", "取消");
    pub const MENU_MOVE: Text = ("menu: move", "菜单：移动");
    pub const YES_NO: Text = ("yes / no", "是 / 否");
    pub const TEXT_KEYS: Text = ("text: clear/word/home/end", "文本：清空/删词/行首尾");
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Strings = Strings { lang: Language::En };
    const ZH: Strings = Strings { lang: Language::Zh };

    #[test]
    fn english_statuses_are_the_names_in_files_and_chinese_ones_are_the_teams() {
        for s in Status::ALL {
            assert_eq!(EN.status(s), s.as_str());
            let zh = ZH.status(s);
            assert!(!zh.is_empty() && !zh.is_ascii(), "{s}: {zh}");
        }
        let zh: Vec<&str> = Status::ALL.iter().map(|&s| ZH.status(s)).collect();
        assert_eq!(
            zh,
            ["未开始", "进行中", "阻断", "有风险", "已完成", "已取消"]
        );
    }

    #[test]
    fn status_badges_fit_the_widest_label() {
        assert_eq!(EN.status_width(), " in_progress ".len());
        assert_eq!(ZH.status_width(), width(" 进行中 "));
        for s in Status::ALL {
            assert!(width(ZH.status(s)) + 2 <= ZH.status_width());
        }
    }

    #[test]
    fn english_field_names_are_the_toml_keys() {
        use Field::*;
        for f in [
            Title, Status, Percent, Due, Start, Owner, Weight, Note, Update, Next, Blocker, Tags,
            Stage, Total, Done,
        ] {
            assert_eq!(EN.field(f), f.key());
            assert!(!ZH.field(f).is_ascii(), "{}", f.key());
            assert!(width(ZH.field(f)) < ZH.label_width(), "{}", f.key());
            // the form keeps the key discoverable
            let label = ZH.form_label(f.key(), ZH.field(f));
            assert!(label.ends_with(f.key()), "{label}");
        }
        assert_eq!(EN.form_label("id", EN.get(ID)), "id");
        assert_eq!(ZH.form_label("id", ZH.get(ID)), "编号 id");
    }

    #[test]
    fn english_texts_read_as_before() {
        assert_eq!(EN.projects(1), "1 project");
        assert_eq!(EN.projects(3), "3 projects");
        assert_eq!(EN.milestones_done(1, 0), "1 milestone, 0 done");
        assert_eq!(EN.milestones_done(7, 3), "7 milestones, 3 done");
        assert_eq!(EN.due_in(0), "due today");
        assert_eq!(EN.due_in(1), "due tomorrow");
        assert_eq!(EN.due_in(5), "due in 5 days");
        assert_eq!(EN.date_and_week("2023-06-20", 25, 26), "2023-06-20 W25  ");
        assert_eq!(EN.count(1, EN.get(OVERDUE)), "1 overdue  ");
        assert_eq!(
            EN.matches_for(1, "x"),
            "1 match for `x`: n next, N previous"
        );
        assert_eq!(
            EN.matches_for(2, "x"),
            "2 matches for `x`: n next, N previous"
        );
        assert_eq!(
            EN.cannot_edit_broken(WHAT_EDIT, "o.toml"),
            "cannot edit: o.toml has errors; fix it and press R to reload"
        );
    }

    #[test]
    fn chinese_texts_read_like_the_teams_report() {
        assert_eq!(
            ZH.date_and_week("2023-06-20", 25, 26),
            "2023-06-20 第26周  "
        );
        assert_eq!(ZH.days_overdue(4), "逾期4天");
        assert_eq!(ZH.due_in(3), "3天后到期");
        assert_eq!(ZH.get(STILL_OVERDUE), "逾期事项");
        assert_eq!(ZH.projects(1), "1 个项目");
        assert_eq!(
            ZH.status_entry('i', Status::InProgress),
            "i  进行中 in_progress"
        );
        assert_eq!(ZH.status_entry('b', Status::Blocked), "b  阻断   blocked");
        let new = crate::core::history::Movement {
            is_new: true,
            ..Default::default()
        };
        assert_eq!(EN.delta(&new), "new");
        assert_eq!(ZH.delta(&new), "新增");
        let why = || "english".to_string();
        assert_eq!(EN.id_problem("a/b", why()), "english");
        assert_eq!(ZH.id_problem("a/b", why()), "编号 `a/b` 不能包含 `/`");
        assert_eq!(ZH.id_problem("", why()), "需要填写编号");
        assert!(ZH.not_a_date("x", why()).starts_with("`x` 不是日期"));
    }

    #[test]
    fn every_fixed_text_has_both_languages() {
        let all: &[Text] = &[
            OVERDUE,
            DUE_SOON,
            BLOCKED,
            NEXT_FIELD,
            NOTHING_MATCHES,
            HELP_TITLE,
            FORM_DATES,
            WHAT_EDIT,
            UNDONE,
            MOVED,
            keys::MOVE_DOWN,
            keys::TEXT_KEYS,
        ];
        for (en, zh) in all {
            assert!(!en.is_empty() && !zh.is_empty());
            assert_ne!(en, zh);
        }
    }
}
