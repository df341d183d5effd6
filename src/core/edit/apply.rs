//! Applying edits and changes to the model, after checking them; each
//! returns its inverse. Files are not touched: see [`crate::core::save`].

use chrono::Datelike;

use super::{Change, Edit, EditError, Field, IdProblem, Removed, RemovedItem, Value};
use crate::core::model::{Fields, Incident, ItemPath, Kind, Milestone, Portfolio, Project};

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
                if kind == Kind::Project && edit.field == Field::Stages {
                    let new = match &edit.value {
                        Some(Value::List(l)) => l.clone(),
                        _ => Vec::new(),
                    };
                    let old = std::mem::replace(&mut p.stages, new);
                    (!old.is_empty()).then_some(Value::List(old))
                } else if kind == Kind::Project {
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
            Some(other) => return Err(EditError::NotANumber(other.clone())),
            None => return Err(EditError::Required(Field::Value)),
        };
        if edit.path.kind() != Kind::Project {
            return Err(EditError::NotAMetric(edit.path.clone()));
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
            .ok_or_else(|| EditError::NoMetric(edit.path.clone()))?;
        let old = std::mem::replace(&mut m.value, value);
        Ok(Edit::set(
            edit.path.clone(),
            Field::Value,
            Value::Number(old),
        ))
    }

    /// Checks that `edit` names an editable item and a valid value, without applying it.
    pub fn check_edit(&self, edit: &Edit) -> Result<(), EditError> {
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
            return Err(EditError::NotForKind {
                field: edit.field,
                path: edit.path.clone(),
                kind,
            });
        }
        let fields = item.fields();
        if edit.field == Field::Stages {
            return self.check_stages(edit);
        }
        let Some(value) = &edit.value else {
            return match edit.field {
                Field::Title => Err(EditError::Required(Field::Title)),
                _ => Ok(()),
            };
        };
        use Field as F;
        match (edit.field, value) {
            (F::Title, Value::Text(t)) if t.trim().is_empty() => Err(EditError::EmptyTitle),
            (F::Title | F::Owner | F::Note | F::Update | F::Next | F::Blocker, Value::Text(_)) => {
                Ok(())
            }
            (F::Status, Value::Status(_)) | (F::Tags, Value::List(_)) => Ok(()),
            (F::Percent, Value::Number(p)) => {
                if p.is_finite() && (0.0..=100.0).contains(p) {
                    Ok(())
                } else {
                    Err(EditError::PercentOutOfRange(*p))
                }
            }
            (F::Weight, Value::Number(w)) => {
                if w.is_finite() && *w > 0.0 {
                    Ok(())
                } else {
                    Err(EditError::WeightNotPositive(*w))
                }
            }
            (F::Due | F::Start, Value::Date(d)) if !(1..=9999).contains(&d.year()) => {
                Err(EditError::DateOutOfRange {
                    field: edit.field,
                    date: *d,
                })
            }
            (F::Total | F::Done, Value::Count(n)) if i64::try_from(*n).is_err() => {
                Err(EditError::CountTooLarge {
                    field: edit.field,
                    value: *n,
                })
            }
            (F::Due, Value::Date(d)) => match fields.start {
                Some(start) if *d < start => Err(EditError::DueBeforeStart { due: *d, start }),
                _ => Ok(()),
            },
            (F::Start, Value::Date(d)) => match fields.due {
                Some(due) if due < *d => Err(EditError::StartAfterDue { start: *d, due }),
                _ => Ok(()),
            },
            (F::Stage, Value::Text(s)) => {
                let project = project_of(self, &edit.path);
                let stages = project.map(|p| p.stages.as_slice()).unwrap_or_default();
                if stages.is_empty() {
                    Err(EditError::NoStages {
                        project: edit.path.project.clone().unwrap_or_default(),
                    })
                } else if !stages.contains(s) {
                    Err(EditError::UnknownStage {
                        stage: s.clone(),
                        stages: stages.to_vec(),
                    })
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
                    (Some(done), Some(total)) if done > total => {
                        Err(EditError::DoneOverTotal { done, total })
                    }
                    _ => Ok(()),
                }
            }
            (field, value) => Err(EditError::WrongValue {
                field,
                value: value.clone(),
            }),
        }
    }
}

impl Portfolio {
    /// A project's new stages: names, each once, that include the stage
    /// of every milestone of the project (else its file would not load).
    fn check_stages(&self, edit: &Edit) -> Result<(), EditError> {
        let new: &[String] = match &edit.value {
            Some(Value::List(l)) => l,
            None => &[],
            Some(other) => {
                return Err(EditError::WrongValue {
                    field: Field::Stages,
                    value: other.clone(),
                });
            }
        };
        if new
            .iter()
            .enumerate()
            .any(|(i, s)| s.trim().is_empty() || new[..i].contains(s))
        {
            return Err(EditError::WrongValue {
                field: Field::Stages,
                value: Value::List(new.to_vec()),
            });
        }
        let used = project_of(self, &edit.path)
            .into_iter()
            .flat_map(|p| p.milestones.iter())
            .filter_map(|m| m.stage.as_deref());
        for stage in used {
            if !new.iter().any(|s| s == stage) {
                return Err(if new.is_empty() {
                    EditError::NoStages {
                        project: edit.path.project.clone().unwrap_or_default(),
                    }
                } else {
                    EditError::UnknownStage {
                        stage: stage.to_string(),
                        stages: new.to_vec(),
                    }
                });
            }
        }
        Ok(())
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

/// Puts an edit's text where the model holds it (boxed, or shared),
/// returning the old one as an edit's value.
fn put<S: From<String> + std::ops::Deref<Target = str>>(
    slot: &mut Option<S>,
    new: Option<String>,
) -> Option<Value> {
    std::mem::replace(slot, new.map(S::from)).map(|old| Value::Text(old.to_string()))
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
        Field::Owner => put(&mut f.owner, text(v)),
        Field::Note => put(&mut f.note, text(v)),
        Field::Update => put(&mut f.update, text(v)),
        Field::Next => put(&mut f.next, text(v)),
        Field::Blocker => put(&mut f.blocker, text(v)),
        Field::Tags => {
            let new = match v {
                Some(Value::List(l)) => l,
                _ => Vec::new(),
            };
            let old = std::mem::replace(&mut f.tags, new);
            (!old.is_empty()).then_some(Value::List(old))
        }
        // metric values are set by apply_metric, stages by apply
        Field::Value | Field::Stages => None,
        Field::Stage | Field::Total | Field::Done => {
            let m = m?;
            match edit.field {
                Field::Stage => put(&mut m.stage, text(v)),
                Field::Total => std::mem::replace(&mut m.total, count(v)).map(Value::Count),
                _ => std::mem::replace(&mut m.done, count(v)).map(Value::Count),
            }
        }
    }
}

impl Portfolio {
    /// Applies a change to the model and returns its inverse.
    pub fn apply_change(&mut self, change: &Change) -> Result<Change, EditError> {
        match change {
            Change::Field { edit, .. } => Ok(Change::field(self.apply(edit)?)),
            Change::Add {
                path,
                title,
                restore,
            } => {
                self.add_item(path, title, restore.as_deref())?;
                Ok(Change::Remove { path: path.clone() })
            }
            Change::Incident {
                path,
                index,
                incident,
                insert,
                ..
            } => self.change_incident(path, *index, incident.as_deref(), *insert),
            Change::Remove { path } => {
                let removed = self.remove_item(path)?;
                let title = match &removed.item {
                    RemovedItem::Project(p) => p.fields.title.clone(),
                    RemovedItem::Milestone(m) => m.fields.title.clone(),
                };
                Ok(Change::Add {
                    path: path.clone(),
                    title,
                    restore: Some(Box::new(removed)),
                })
            }
        }
    }

    fn change_incident(
        &mut self,
        path: &ItemPath,
        index: usize,
        incident: Option<&Incident>,
        insert: bool,
    ) -> Result<Change, EditError> {
        if let Some(i) = incident {
            check_incident(i)?;
        }
        if let Some(f) = self.file_of(&path.objective)
            && !self.files[f].loaded
        {
            return Err(EditError::FileNotLoaded(path.clone()));
        }
        let o = self
            .objectives
            .iter_mut()
            .find(|o| o.id == path.objective)
            .ok_or_else(|| EditError::NoSuchItem(path.clone()))?;
        let n = o.incidents.len();
        let inverse = |incident: Option<Incident>, insert: bool| Change::Incident {
            path: path.clone(),
            index,
            incident: incident.map(Box::new),
            insert,
            restore: None,
        };
        match (incident, insert) {
            (Some(i), true) if index <= n => {
                o.incidents.insert(index, i.clone());
                Ok(inverse(None, false))
            }
            (Some(i), false) if index < n => {
                let old = std::mem::replace(&mut o.incidents[index], i.clone());
                Ok(inverse(Some(old), false))
            }
            (None, _) if index < n => {
                let old = o.incidents.remove(index);
                Ok(inverse(Some(old), true))
            }
            _ => Err(EditError::NoIncident {
                path: path.clone(),
                number: index + 1,
            }),
        }
    }

    /// Checks that an item can be added at `path`.
    pub fn check_add(&self, path: &ItemPath, title: &str) -> Result<(), EditError> {
        let id = match path.kind() {
            Kind::Objective => return Err(EditError::AddObjective),
            Kind::Project => path.project.as_deref().unwrap_or_default(),
            Kind::Milestone => path.milestone.as_deref().unwrap_or_default(),
        };
        if let Some(problem) = id_problem(id) {
            return Err(problem.into());
        }
        if title.trim().is_empty() {
            return Err(EditError::NoTitle);
        }
        if self.get(path).is_some() {
            return Err(EditError::AlreadyExists(path.clone()));
        }
        let parent = path.parent().unwrap_or_else(|| path.clone());
        if self.get(&parent).is_none() {
            return Err(EditError::NoSuchItem(parent));
        }
        Ok(())
    }

    fn add_item(
        &mut self,
        path: &ItemPath,
        title: &str,
        restore: Option<&Removed>,
    ) -> Result<(), EditError> {
        self.check_add(path, title)?;
        let no_item = || EditError::NoSuchItem(path.clone());
        let o = self
            .objectives
            .iter_mut()
            .find(|o| o.id == path.objective)
            .ok_or_else(no_item)?;
        let fields = Fields {
            title: title.to_string(),
            ..Fields::default()
        };
        match (&path.project, &path.milestone) {
            (Some(pid), None) => {
                let p = match restore.map(|r| &r.item) {
                    Some(RemovedItem::Project(p)) => p.clone(),
                    _ => Project {
                        id: pid.clone(),
                        fields,
                        ..Project::default()
                    },
                };
                let at = restore.map_or(o.projects.len(), |r| r.index.min(o.projects.len()));
                o.projects.insert(at, p);
            }
            (Some(pid), Some(mid)) => {
                let p = o
                    .projects
                    .iter_mut()
                    .find(|p| &p.id == pid)
                    .ok_or_else(no_item)?;
                let m = match restore.map(|r| &r.item) {
                    Some(RemovedItem::Milestone(m)) => m.clone(),
                    _ => Milestone {
                        id: mid.clone(),
                        fields,
                        ..Milestone::default()
                    },
                };
                let at = restore.map_or(p.milestones.len(), |r| r.index.min(p.milestones.len()));
                p.milestones.insert(at, m);
            }
            _ => return Err(no_item()),
        }
        Ok(())
    }

    fn remove_item(&mut self, path: &ItemPath) -> Result<Removed, EditError> {
        let no_item = || EditError::NoSuchItem(path.clone());
        let o = self
            .objectives
            .iter_mut()
            .find(|o| o.id == path.objective)
            .ok_or_else(no_item)?;
        let Some(pid) = &path.project else {
            return Err(EditError::RemoveObjective);
        };
        let pi = o
            .projects
            .iter()
            .position(|p| &p.id == pid)
            .ok_or_else(no_item)?;
        let Some(mid) = &path.milestone else {
            let p = o.projects.remove(pi);
            return Ok(Removed {
                index: pi,
                item: RemovedItem::Project(p),
                doc: None,
            });
        };
        let p = &mut o.projects[pi];
        let mi = p
            .milestones
            .iter()
            .position(|m| &m.id == mid)
            .ok_or_else(no_item)?;
        Ok(Removed {
            index: mi,
            item: RemovedItem::Milestone(p.milestones.remove(mi)),
            doc: None,
        })
    }
}

/// Why an incident cannot be saved, if it cannot.
pub fn check_incident(i: &Incident) -> Result<(), EditError> {
    if i.title.trim().is_empty() {
        return Err(EditError::IncidentWithoutTitle);
    }
    if let Some(r) = i.resolved
        && r < i.at
    {
        return Err(EditError::ResolvedBeforeAt {
            resolved: r,
            at: i.at,
        });
    }
    Ok(())
}

/// Why an id cannot be used, if it cannot.
pub fn id_problem(id: &str) -> Option<IdProblem> {
    if id.trim().is_empty() {
        Some(IdProblem::Missing)
    } else if id.contains('/') {
        Some(IdProblem::Slash(id.to_string()))
    } else if id.trim() != id {
        Some(IdProblem::EdgeSpace(id.to_string()))
    } else if id.chars().any(char::is_control) {
        Some(IdProblem::ControlCharacter)
    } else {
        None
    }
}
