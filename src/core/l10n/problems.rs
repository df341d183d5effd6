//! The core's typed refusals in each language. English is each enum's
//! `Display` (what the CLI prints); Chinese is written here, beside it, so
//! that no English reaches a Chinese screen. Values (paths, numbers, dates,
//! the user's text) and key names in backticks are shown as they are.

use super::Language;
use crate::core::dates::DateError;
use crate::core::edit::{EditError, Field, IdProblem};
use crate::core::save::SaveError;

impl Language {
    /// Why an id cannot be used.
    pub fn id_problem(self, p: &IdProblem) -> String {
        if self == Language::En {
            return p.to_string();
        }
        match p {
            IdProblem::Missing => "需要填写编号".into(),
            IdProblem::Slash(id) => format!("编号 `{id}` 不能包含 `/`"),
            IdProblem::EdgeSpace(id) => format!("编号 `{id}` 不能以空格开头或结尾"),
            IdProblem::ControlCharacter => "编号不能包含控制字符".into(),
            IdProblem::Reserved(id) => {
                format!("编号 `{id}` 不能以 `.` 或 `_` 开头（这样的文件不是目标）")
            }
        }
    }

    /// Why a text is not a date, with what is accepted.
    pub fn date_error(self, e: &DateError) -> String {
        self.pick(
            e.to_string(),
            format!(
                "`{}` 不是日期：请用 YYYY-MM-DD、today、tomorrow、+3d 或 +2w",
                e.input
            ),
        )
    }

    /// Why an edit was refused.
    pub fn edit_error(self, e: &EditError) -> String {
        if self == Language::En {
            return e.to_string();
        }
        let zh = Language::Zh;
        let field = |f: Field| zh.field(f);
        match e {
            EditError::NoSuchItem(p) => format!("没有 `{p}` 这一项"),
            EditError::FileNotLoaded(p) => {
                format!("`{p}` 所在的文件有错误；请先修复（见 `stride check`）")
            }
            EditError::NotForKind {
                field: f,
                path,
                kind,
            } => format!("{}只适用于里程碑；`{path}` 是{}", field(*f), zh.kind(*kind)),
            EditError::Required(f) => format!("{}是必填项，不能删除", field(*f)),
            EditError::EmptyTitle | EditError::NoTitle => "标题不能为空".into(),
            EditError::PercentOutOfRange(p) => format!("进度 {p} 超出 0 到 100 的范围"),
            EditError::WeightNotPositive(w) => format!("权重 {w} 必须大于 0"),
            EditError::DueBeforeStart { due, start } => {
                format!("截止日期 {due} 早于开始日期 {start}")
            }
            EditError::StartAfterDue { start, due } => {
                format!("开始日期 {start} 晚于截止日期 {due}")
            }
            EditError::NoStages { project } => format!("项目 `{project}` 没有阶段"),
            EditError::UnknownStage { stage, stages } => {
                format!("没有阶段 `{stage}`；可选的阶段：{}", stages.join("、"))
            }
            EditError::DoneOverTotal { done, total } => {
                format!("完成数（{done}）将大于总数（{total}）")
            }
            EditError::CountTooLarge { field: f, value } => {
                format!("{} {value} 太大：最多为 {}", field(*f), i64::MAX)
            }
            EditError::DateOutOfRange { field: f, date } => {
                format!(
                    "{} {date} 超出范围：日期须在 0001-01-01 到 9999-12-31 之间",
                    field(*f)
                )
            }
            EditError::WrongValue { field: f, value } => {
                format!("{}不能取值 {}", field(*f), zh.value(&Some(value.clone())))
            }
            EditError::NotANumber(v) => {
                format!("数值必须是数字，而不是 {}", zh.value(&Some(v.clone())))
            }
            EditError::NotAMetric(p) => format!("`{p}` 不是指标：指标的路径是“目标/编号”"),
            EditError::NoMetric(p) => format!("没有指标 `{p}`"),
            EditError::NoIncident { path, number } => {
                format!("`{path}` 中没有第 {number} 个事件")
            }
            EditError::AddObjective => {
                "目标就是文件：请用 `stride add 编号 --title 标题` 新建".into()
            }
            EditError::RemoveObjective => "目标就是文件：请手动删除该文件".into(),
            EditError::Id(p) => zh.id_problem(p),
            EditError::AlreadyExists(p) => format!("`{p}` 已存在"),
            EditError::IncidentWithoutTitle => "事件需要标题".into(),
            EditError::ResolvedBeforeAt { resolved, at } => {
                format!("解决时间 {resolved} 早于发生时间 {at}")
            }
        }
    }

    /// Why a save did not happen. The causes from outside (the system's
    /// I/O error, the TOML parser's message) are shown as they come.
    pub fn save_error(self, e: &SaveError) -> String {
        if self == Language::En {
            return e.to_string();
        }
        let zh = Language::Zh;
        match e {
            SaveError::Conflict(c) => format!(
                "{}：`{}` 的{}在磁盘上已被改为 {}（你的：{}）；未覆盖",
                c.file.display(),
                c.item,
                zh.field(c.field),
                zh.value(&c.theirs),
                zh.value(&c.mine)
            ),
            SaveError::Taken { file, item } => {
                format!("{}：`{item}` 已在磁盘上被他人添加；未覆盖", file.display())
            }
            SaveError::Changed { file, item } => {
                format!(
                    "{}：`{item}` 读取后已在磁盘上被修改；未删除",
                    file.display()
                )
            }
            SaveError::Document { path, message } => {
                format!("无法编辑 {}：{message}", path.display())
            }
            SaveError::Io { path, error } => format!("无法写入 {}：{error}", path.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use chrono::NaiveDate;

    use super::*;
    use crate::core::edit::Value;
    use crate::core::model::{ItemPath, Kind, Status};
    use crate::core::save::Conflict;

    /// The text outside backticks, where only Chinese and digits may be.
    fn outside_backticks(s: &str) -> String {
        s.split('`').step_by(2).collect()
    }

    /// Chinese with no English word, apart from values and key names in
    /// backticks, and the date formats a form accepts.
    fn assert_chinese(s: &str) {
        let rest = outside_backticks(s).replace("YYYY-MM-DD、today、tomorrow、+3d 或 +2w", "");
        assert!(
            !rest.chars().any(|c| c.is_ascii_alphabetic()),
            "English in a Chinese text: {s}"
        );
        assert!(!s.is_ascii(), "{s}");
    }

    fn day(s: &str) -> NaiveDate {
        crate::core::dates::parse_iso(s).unwrap()
    }

    fn every_edit_error() -> Vec<EditError> {
        let path = ItemPath::milestone("1", "2", "3");
        let at = day("2023-06-15").and_hms_opt(11, 1, 0).unwrap();
        vec![
            EditError::NoSuchItem(path.clone()),
            EditError::FileNotLoaded(path.clone()),
            EditError::NotForKind {
                field: Field::Stage,
                path: ItemPath::objective("1"),
                kind: Kind::Objective,
            },
            EditError::Required(Field::Title),
            EditError::EmptyTitle,
            EditError::PercentOutOfRange(120.0),
            EditError::WeightNotPositive(0.0),
            EditError::DueBeforeStart {
                due: day("2023-06-01"),
                start: day("2023-06-10"),
            },
            EditError::StartAfterDue {
                start: day("2023-06-10"),
                due: day("2023-06-01"),
            },
            EditError::NoStages {
                project: "2".into(),
            },
            EditError::UnknownStage {
                stage: "上线".into(),
                stages: vec!["联调".into(), "投产".into()],
            },
            EditError::DoneOverTotal { done: 5, total: 4 },
            EditError::WrongValue {
                field: Field::Percent,
                value: Value::Status(Status::Blocked),
            },
            EditError::NotANumber(Value::Text("很多".into())),
            EditError::NotAMetric(path.clone()),
            EditError::NoMetric(ItemPath::project("1", "9")),
            EditError::NoIncident {
                path: ItemPath::objective("1"),
                number: 3,
            },
            EditError::AddObjective,
            EditError::RemoveObjective,
            EditError::Id(IdProblem::Slash("1/2".into())),
            EditError::NoTitle,
            EditError::AlreadyExists(path),
            EditError::IncidentWithoutTitle,
            EditError::ResolvedBeforeAt {
                resolved: at - chrono::Duration::hours(1),
                at,
            },
        ]
    }

    #[test]
    fn every_edit_error_reads_in_both_languages() {
        for e in every_edit_error() {
            let en = Language::En.edit_error(&e);
            assert_eq!(en, e.to_string(), "English is the Display");
            assert!(!en.is_empty());
            assert_chinese(&Language::Zh.edit_error(&e));
        }
        assert_eq!(
            Language::Zh.edit_error(&EditError::PercentOutOfRange(120.0)),
            "进度 120 超出 0 到 100 的范围"
        );
        assert_eq!(
            Language::En.edit_error(&EditError::PercentOutOfRange(120.0)),
            "percent 120 is outside 0..100"
        );
        assert_eq!(
            Language::En.edit_error(&EditError::NotForKind {
                field: Field::Stage,
                path: ItemPath::objective("o1"),
                kind: Kind::Objective,
            }),
            "`stage` is a milestone field; `o1` is an objective"
        );
    }

    #[test]
    fn every_id_problem_reads_in_both_languages() {
        let all = [
            (IdProblem::Missing, "an id is required", "需要填写编号"),
            (
                IdProblem::Slash("a/b".into()),
                "id `a/b` must not contain `/`",
                "编号 `a/b` 不能包含 `/`",
            ),
            (
                IdProblem::EdgeSpace(" a".into()),
                "id ` a` must not start or end with a space",
                "编号 ` a` 不能以空格开头或结尾",
            ),
            (
                IdProblem::ControlCharacter,
                "an id must not contain control characters",
                "编号不能包含控制字符",
            ),
            (
                IdProblem::Reserved("_a".into()),
                "id `_a` must not start with `.` or `_` (such files are not objectives)",
                "编号 `_a` 不能以 `.` 或 `_` 开头（这样的文件不是目标）",
            ),
        ];
        for (p, en, zh) in all {
            assert_eq!(Language::En.id_problem(&p), en);
            assert_eq!(Language::Zh.id_problem(&p), zh);
            assert_chinese(zh);
        }
    }

    #[test]
    fn a_date_error_reads_in_both_languages() {
        let today = day("2023-06-20");
        let e = crate::core::dates::parse_relative(" next week ", today).unwrap_err();
        assert_eq!(
            Language::En.date_error(&e),
            "`next week` is not a date: use YYYY-MM-DD, today, tomorrow, +3d or +2w"
        );
        let zh = Language::Zh.date_error(&e);
        assert!(zh.starts_with("`next week` 不是日期"), "{zh}");
        assert_chinese(&zh);
    }

    #[test]
    fn every_save_error_reads_in_both_languages() {
        let path = PathBuf::from("1.toml");
        let all = [
            SaveError::Conflict(Box::new(Conflict {
                file: path.clone(),
                item: ItemPath::project("1", "2"),
                field: Field::Percent,
                theirs: Some(Value::Number(40.0)),
                mine: None,
            })),
            SaveError::Taken {
                file: path.clone(),
                item: ItemPath::project("1", "2"),
            },
            SaveError::Changed {
                file: path.clone(),
                item: ItemPath::project("1", "2"),
            },
            SaveError::Document {
                path: path.clone(),
                message: "（解析错误）".into(),
            },
            SaveError::Io {
                path,
                error: std::io::Error::other("磁盘已满"),
            },
        ];
        for e in &all {
            assert_eq!(Language::En.save_error(e), e.to_string());
            let zh = Language::Zh.save_error(e);
            assert_chinese(&zh.replace(".toml", ""));
        }
        assert_eq!(
            Language::Zh.save_error(&all[0]),
            "1.toml：`1/2` 的进度在磁盘上已被改为 40（你的：（无））；未覆盖"
        );
    }
}
