//! The names of the model's things in each language: statuses, kinds,
//! fields, grades, changes since last week and values in messages.
//! In English a kind or field is named as files name it; a status in words
//! (`in progress`), files keeping the keyword (`in_progress`).

use super::{Language, Text};
use crate::core::edit::{Field, Value};
use crate::core::history::{Movement, delta_label};
use crate::core::model::{Grade, Kind, Status};
use crate::core::text::{percent, sanitize};

/// An incident's cause, as the report labels it (the TUI's English labels
/// are the keys in files).
pub const CAUSE: Text = ("Cause", "原因");
/// What was done about an incident.
pub const ACTION: Text = ("Handling", "处置");
/// What an incident affected.
pub const IMPACT: Text = ("Impact", "影响");
/// An incident without a grade.
pub const EVENT: Text = ("event", "事件");
/// An incident not yet resolved.
pub const OPEN: Text = ("open", "未解决");
/// An incident that affected business.
pub const BUSINESS_AFFECTED: Text = ("business affected", "影响业务");
/// A metric at its target.
pub const MET: Text = ("✓ met", "✓ 达标");
/// A metric short of its target.
pub const MISSED: Text = ("✗ missed", "✗ 未达标");

impl Language {
    /// A status as badges, menus and the report show it: `in progress`,
    /// `进行中`. Files and the CLI's tables keep the keyword
    /// ([`Status::as_str`]).
    pub fn status(self, s: Status) -> &'static str {
        match self {
            Language::En => match s {
                Status::Todo => "to do",
                Status::InProgress => "in progress",
                Status::Blocked => "blocked",
                Status::AtRisk => "at risk",
                Status::Done => "done",
                Status::Dropped => "dropped",
            },
            Language::Zh => match s {
                Status::Todo => "未开始",
                Status::InProgress => "进行中",
                Status::Blocked => "阻断",
                Status::AtRisk => "有风险",
                Status::Done => "已完成",
                Status::Dropped => "已取消",
            },
        }
    }

    /// A status as prose says it, in the report: the same as
    /// [`Language::status`].
    pub fn status_in_prose(self, s: Status) -> &'static str {
        self.status(s)
    }

    /// A kind of item: `milestone`, `里程碑`.
    pub fn kind(self, k: Kind) -> &'static str {
        match self {
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
        match self {
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
                Field::Stages => "阶段列表",
                Field::Value => "数值",
            },
        }
    }

    /// `C`, `C级`: a grade in a list.
    pub fn grade(self, g: Grade) -> String {
        self.pick(g.as_str().to_string(), format!("{}级", g.as_str()))
    }

    /// `grade C`, `C级`: a grade in a sentence.
    pub fn grade_long(self, g: Grade) -> String {
        self.pick(format!("grade {}", g.as_str()), format!("{}级", g.as_str()))
    }

    /// A grade in a sentence, or `event` for an incident without one.
    pub fn grade_or_event(self, g: Option<Grade>) -> String {
        match g {
            Some(g) => self.grade_long(g),
            None => self.get(EVENT).to_string(),
        }
    }

    /// `▲ 2.5`, `▼ 1`, or `new` (`新增`) for an item new since last week;
    /// empty when nothing moved.
    pub fn delta(self, c: &Movement) -> String {
        if c.is_new {
            return self.get(("new", "新增")).to_string();
        }
        delta_label(c)
    }

    /// A value as a person reads it, in messages: `95.46`, `"迁移"`,
    /// `(none)`; a status by its name in this language.
    pub fn value(self, v: &Option<Value>) -> String {
        match v {
            None => self.get(("(none)", "（无）")).to_string(),
            Some(Value::Text(t)) => format!("\"{}\"", sanitize(t, false)),
            Some(Value::Number(n)) => percent(*n),
            Some(Value::Count(n)) => n.to_string(),
            Some(Value::Date(d)) => d.to_string(),
            Some(Value::Status(s)) => self.status(*s).to_string(),
            Some(Value::List(l)) => format!("[{}]", sanitize(&l.join(", "), false)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_a_name_per_language() {
        let zh: Vec<&str> = Status::ALL.map(|s| Language::Zh.status(s)).to_vec();
        assert_eq!(
            zh,
            ["未开始", "进行中", "阻断", "有风险", "已完成", "已取消"]
        );
        for s in Status::ALL {
            assert_eq!(Status::parse(Language::En.status(s)), Some(s));
            assert_eq!(Status::parse(Language::Zh.status(s)), Some(s));
            assert_eq!(Language::Zh.status_in_prose(s), Language::Zh.status(s));
        }
        assert_eq!(
            Language::En.status_in_prose(Status::InProgress),
            "in progress"
        );
        assert_eq!(Language::En.status(Status::Todo), "to do");
    }

    #[test]
    fn grades_deltas_and_values() {
        assert_eq!(Language::En.grade(Grade::C), "C");
        assert_eq!(Language::Zh.grade(Grade::C), "C级");
        assert_eq!(Language::En.grade_or_event(None), "event");
        assert_eq!(Language::Zh.grade_or_event(Some(Grade::A)), "A级");
        let new = Movement {
            is_new: true,
            ..Movement::default()
        };
        assert_eq!(Language::En.delta(&new), "new");
        assert_eq!(Language::Zh.delta(&new), "新增");
        assert_eq!(Language::En.value(&None), "(none)");
        assert_eq!(Language::Zh.value(&None), "（无）");
        let blocked = Some(Value::Status(Status::Blocked));
        assert_eq!(Language::Zh.value(&blocked), "阻断");
        assert_eq!(Language::En.value(&blocked), "blocked");
    }
}
