//! One change to one field of one item: the single kind of edit that the CLI
//! and the TUI make, that saving writes, and that undo inverts.

use std::fmt;

use chrono::NaiveDate;

use super::model::{Fields, ItemPath, Kind, Milestone, Portfolio, Project, Status};

/// A field that can be edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Status,
    Percent,
    Due,
    Start,
    Owner,
    Weight,
    Note,
    Update,
    Next,
    Blocker,
    Tags,
    Stage,
    Total,
    Done,
    /// The value of a metric (`objective/ID` names the metric).
    Value,
}

impl Field {
    /// The key in the TOML file.
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Status => "status",
            Field::Percent => "percent",
            Field::Due => "due",
            Field::Start => "start",
            Field::Owner => "owner",
            Field::Weight => "weight",
            Field::Note => "note",
            Field::Update => "update",
            Field::Next => "next",
            Field::Blocker => "blocker",
            Field::Tags => "tags",
            Field::Stage => "stage",
            Field::Total => "total",
            Field::Done => "done",
            Field::Value => "value",
        }
    }

    /// Whether items of `kind` have this field.
    pub fn applies_to(self, kind: Kind) -> bool {
        match self {
            Field::Stage | Field::Total | Field::Done => kind == Kind::Milestone,
            Field::Value => kind == Kind::Project,
            _ => true,
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A typed value for a field.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Count(u64),
    Date(NaiveDate),
    Status(Status),
    List(Vec<String>),
}

/// Set `field` of the item at `path` to `value`, or remove it when `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub path: ItemPath,
    pub field: Field,
    pub value: Option<Value>,
}

impl Edit {
    pub fn set(path: ItemPath, field: Field, value: Value) -> Self {
        Edit {
            path,
            field,
            value: Some(value),
        }
    }

    pub fn remove(path: ItemPath, field: Field) -> Self {
        Edit {
            path,
            field,
            value: None,
        }
    }
}

/// Why an edit was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    /// No item at that path.
    NoSuchItem(ItemPath),
    /// The item's file did not load, so it cannot be edited.
    FileNotLoaded(ItemPath),
    /// The value is not valid for the field.
    Invalid(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchItem(p) => write!(f, "no item `{p}`"),
            EditError::FileNotLoaded(p) => write!(
                f,
                "`{p}` is in a file with errors; fix it first (see `stride check`)"
            ),
            EditError::Invalid(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for EditError {}

/// Rounds a percent to two decimals, the precision files and reports use.
pub fn round_percent(p: f64) -> f64 {
    (p * 100.0).round() / 100.0
}

impl Portfolio {
    /// Applies `edit` to the model after checking it, and returns the edit
    /// that undoes it. Files are not touched: see [`crate::core::save`].
    pub fn apply(&mut self, edit: &Edit) -> Result<Edit, EditError> {
        if edit.field == Field::Value {
            return self.apply_metric(edit);
        }
        self.check_edit(edit)?;
        let kind = edit.path.kind();
        let no_item = || EditError::NoSuchItem(edit.path.clone());
        let o = self
            .objectives
            .iter_mut()
            .find(|o| o.id == edit.path.objective)
            .ok_or_else(no_item)?;
        let old = match kind {
            Kind::Objective => set_field(&mut o.fields, None, edit),
            Kind::Project | Kind::Milestone => {
                let p = o
                    .projects
                    .iter_mut()
                    .find(|p| Some(&p.id) == edit.path.project.as_ref())
                    .ok_or_else(no_item)?;
                if kind == Kind::Project {
                    set_field(&mut p.fields, None, edit)
                } else {
                    let m = p
                        .milestones
                        .iter_mut()
                        .find(|m| Some(&m.id) == edit.path.milestone.as_ref())
                        .ok_or_else(no_item)?;
                    let mut fields = std::mem::take(&mut m.fields);
                    let old = set_field(&mut fields, Some(m), edit);
                    m.fields = fields;
                    old
                }
            }
        };
        Ok(Edit {
            path: edit.path.clone(),
            field: edit.field,
            value: old,
        })
    }

    /// Sets a metric's value; returns the edit that undoes it.
    fn apply_metric(&mut self, edit: &Edit) -> Result<Edit, EditError> {
        let no_item = || EditError::NoSuchItem(edit.path.clone());
        let value = match &edit.value {
            Some(Value::Number(n)) if n.is_finite() => *n,
            Some(other) => {
                return Err(EditError::Invalid(format!(
                    "`value` must be a number, not {other:?}"
                )));
            }
            None => {
                return Err(EditError::Invalid(
                    "`value` is required and cannot be removed".into(),
                ));
            }
        };
        if edit.path.kind() != Kind::Project {
            return Err(EditError::Invalid(format!(
                "`{}` is not a metric: metrics are named objective/ID",
                edit.path
            )));
        }
        if let Some(f) = self.file_of(&edit.path.objective)
            && !self.files[f].loaded
        {
            return Err(EditError::FileNotLoaded(edit.path.clone()));
        }
        let o = self
            .objectives
            .iter_mut()
            .find(|o| o.id == edit.path.objective)
            .ok_or_else(no_item)?;
        let m = o
            .metrics
            .iter_mut()
            .find(|m| Some(&m.id) == edit.path.project.as_ref())
            .ok_or_else(|| EditError::Invalid(format!("no metric `{}`", edit.path)))?;
        let old = std::mem::replace(&mut m.value, value);
        Ok(Edit::set(
            edit.path.clone(),
            Field::Value,
            Value::Number(old),
        ))
    }

    /// Checks that `edit` names an editable item and a valid value, without applying it.
    pub fn check_edit(&self, edit: &Edit) -> Result<(), EditError> {
        let invalid = |m: String| Err(EditError::Invalid(m));
        let Some(item) = self.get(&edit.path) else {
            if let Some(f) = self.file_of(&edit.path.objective)
                && !self.files[f].loaded
            {
                return Err(EditError::FileNotLoaded(edit.path.clone()));
            }
            return Err(EditError::NoSuchItem(edit.path.clone()));
        };
        let kind = edit.path.kind();
        if !edit.field.applies_to(kind) {
            return invalid(format!(
                "`{}` is a milestone field; `{}` is {} {}",
                edit.field,
                edit.path,
                if kind == Kind::Objective { "an" } else { "a" },
                kind.as_str()
            ));
        }
        let fields = item.fields();
        let Some(value) = &edit.value else {
            return match edit.field {
                Field::Title => invalid("`title` is required and cannot be removed".into()),
                _ => Ok(()),
            };
        };
        use Field as F;
        match (edit.field, value) {
            (F::Title, Value::Text(t)) if t.trim().is_empty() => {
                invalid("`title` cannot be empty".into())
            }
            (F::Title | F::Owner | F::Note | F::Update | F::Next | F::Blocker, Value::Text(_)) => {
                Ok(())
            }
            (F::Status, Value::Status(_)) | (F::Tags, Value::List(_)) => Ok(()),
            (F::Percent, Value::Number(p)) => {
                if p.is_finite() && (0.0..=100.0).contains(p) {
                    Ok(())
                } else {
                    invalid(format!("percent {p} is outside 0..100"))
                }
            }
            (F::Weight, Value::Number(w)) => {
                if w.is_finite() && *w > 0.0 {
                    Ok(())
                } else {
                    invalid(format!("weight {w} must be greater than 0"))
                }
            }
            (F::Due, Value::Date(d)) => match fields.start {
                Some(start) if *d < start => {
                    invalid(format!("due {d} would be before start {start}"))
                }
                _ => Ok(()),
            },
            (F::Start, Value::Date(d)) => match fields.due {
                Some(due) if due < *d => invalid(format!("start {d} would be after due {due}")),
                _ => Ok(()),
            },
            (F::Stage, Value::Text(s)) => {
                let project = project_of(self, &edit.path);
                let stages = project.map(|p| p.stages.as_slice()).unwrap_or_default();
                if stages.is_empty() {
                    invalid(format!(
                        "project `{}` has no `stages`",
                        edit.path.project.as_deref().unwrap_or_default()
                    ))
                } else if !stages.contains(s) {
                    invalid(format!(
                        "unknown stage `{s}`; the stages are: {}",
                        stages.join(", ")
                    ))
                } else {
                    Ok(())
                }
            }
            (F::Total | F::Done, Value::Count(n)) => {
                let m = milestone_of(self, &edit.path);
                let (done, total) = match edit.field {
                    F::Done => (Some(*n), m.and_then(|m| m.total)),
                    _ => (m.and_then(|m| m.done), Some(*n)),
                };
                match (done, total) {
                    (Some(d), Some(t)) if d > t => {
                        invalid(format!("done ({d}) would be greater than total ({t})"))
                    }
                    _ => Ok(()),
                }
            }
            (field, value) => invalid(format!("`{field}` cannot take the value {value:?}")),
        }
    }
}

fn project_of<'a>(p: &'a Portfolio, path: &ItemPath) -> Option<&'a Project> {
    let o = p.objectives.iter().find(|o| o.id == path.objective)?;
    o.projects
        .iter()
        .find(|x| Some(&x.id) == path.project.as_ref())
}

fn milestone_of<'a>(p: &'a Portfolio, path: &ItemPath) -> Option<&'a Milestone> {
    project_of(p, path)?
        .milestones
        .iter()
        .find(|m| Some(&m.id) == path.milestone.as_ref())
}

/// Sets one field, returning its old value. Values were checked before.
fn set_field(f: &mut Fields, m: Option<&mut Milestone>, edit: &Edit) -> Option<Value> {
    let v = edit.value.clone();
    let text = |v: Option<Value>| match v {
        Some(Value::Text(s)) => Some(s),
        _ => None,
    };
    let number = |v: Option<Value>| match v {
        Some(Value::Number(n)) => Some(n),
        _ => None,
    };
    let date = |v: Option<Value>| match v {
        Some(Value::Date(d)) => Some(d),
        _ => None,
    };
    let count = |v: Option<Value>| match v {
        Some(Value::Count(n)) => Some(n),
        _ => None,
    };
    match edit.field {
        Field::Title => {
            let new = text(v).unwrap_or_default();
            Some(Value::Text(std::mem::replace(&mut f.title, new)))
        }
        Field::Status => {
            let new = match v {
                Some(Value::Status(s)) => Some(s),
                _ => None,
            };
            std::mem::replace(&mut f.status, new).map(Value::Status)
        }
        Field::Percent => std::mem::replace(&mut f.percent, number(v)).map(Value::Number),
        Field::Weight => std::mem::replace(&mut f.weight, number(v)).map(Value::Number),
        Field::Due => std::mem::replace(&mut f.due, date(v)).map(Value::Date),
        Field::Start => std::mem::replace(&mut f.start, date(v)).map(Value::Date),
        Field::Owner => std::mem::replace(&mut f.owner, text(v)).map(Value::Text),
        Field::Note => std::mem::replace(&mut f.note, text(v)).map(Value::Text),
        Field::Update => std::mem::replace(&mut f.update, text(v)).map(Value::Text),
        Field::Next => std::mem::replace(&mut f.next, text(v)).map(Value::Text),
        Field::Blocker => std::mem::replace(&mut f.blocker, text(v)).map(Value::Text),
        Field::Tags => {
            let new = match v {
                Some(Value::List(l)) => l,
                _ => Vec::new(),
            };
            let old = std::mem::replace(&mut f.tags, new);
            (!old.is_empty()).then_some(Value::List(old))
        }
        // metric values are set by apply_metric
        Field::Value => None,
        Field::Stage | Field::Total | Field::Done => {
            let m = m?;
            match edit.field {
                Field::Stage => std::mem::replace(&mut m.stage, text(v)).map(Value::Text),
                Field::Total => std::mem::replace(&mut m.total, count(v)).map(Value::Count),
                _ => std::mem::replace(&mut m.done, count(v)).map(Value::Count),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn portfolio() -> Portfolio {
        crate::core::load::portfolio_of(
            "title='O'\n[project.p]\ntitle='P'\nstages=['a','b']\n[project.p.milestone.m]\ntitle='M'\nstage='a'\ntotal=10\ndone=2\nstart=2023-06-01\n",
        )
    }

    fn m() -> ItemPath {
        ItemPath::milestone("o", "p", "m")
    }

    #[test]
    fn apply_returns_the_inverse_edit() {
        let mut p = portfolio();
        let edit = Edit::set(m(), Field::Percent, Value::Number(40.0));
        let undo = p.apply(&edit).unwrap();
        assert_eq!(undo, Edit::remove(m(), Field::Percent));
        assert_eq!(p.get(&m()).unwrap().percent(), 40.0);
        assert_eq!(p.get(&ItemPath::project("o", "p")).unwrap().percent(), 40.0);
        p.apply(&undo).unwrap();
        assert_eq!(p.get(&m()).unwrap().percent(), 20.0, "back to done/total");
        let undo = p
            .apply(&Edit::set(m(), Field::Stage, Value::Text("b".into())))
            .unwrap();
        assert_eq!(undo.value, Some(Value::Text("a".into())));
    }

    #[test]
    fn invalid_edits_are_refused_and_change_nothing() {
        let mut p = portfolio();
        let before = p.objectives.clone();
        let cases = [
            (
                Edit::set(m(), Field::Percent, Value::Number(120.0)),
                "percent 120 is outside 0..100",
            ),
            (
                Edit::set(m(), Field::Stage, Value::Text("z".into())),
                "unknown stage `z`; the stages are: a, b",
            ),
            (
                Edit::set(m(), Field::Done, Value::Count(11)),
                "done (11) would be greater than total (10)",
            ),
            (
                Edit::set(
                    m(),
                    Field::Due,
                    Value::Date(NaiveDate::from_ymd_opt(2023, 5, 1).unwrap()),
                ),
                "due 2023-05-01 would be before start 2023-06-01",
            ),
            (
                Edit::remove(m(), Field::Title),
                "`title` is required and cannot be removed",
            ),
            (
                Edit::set(
                    ItemPath::project("o", "p"),
                    Field::Stage,
                    Value::Text("a".into()),
                ),
                "`stage` is a milestone field; `o/p` is a project",
            ),
            (
                Edit::set(
                    ItemPath::milestone("o", "p", "x"),
                    Field::Percent,
                    Value::Number(1.0),
                ),
                "no item `o/p/x`",
            ),
        ];
        for (edit, message) in cases {
            assert_eq!(p.apply(&edit).unwrap_err().to_string(), message);
        }
        assert_eq!(p.objectives, before);
    }

    #[test]
    fn rounding_keeps_two_decimals() {
        assert_eq!(round_percent(95.456), 95.46);
        assert_eq!(round_percent(0.1 + 0.2), 0.3);
    }
}
