//! What an import changes: the rows of a CSV against the folder as it is,
//! checked on a copy of the model, so that nothing is written unless every
//! row is good.

use std::collections::HashMap;

use super::read::{Problem, SheetRow};
use crate::core::edit::apply::id_problem;
use crate::core::edit::{Change, Edit, EditError, Field, Value, show};
use crate::core::load::is_objective_file;
use crate::core::model::{Fields, ItemPath, Kind, Objective, Portfolio};

/// The changes an import makes.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// New objectives (new files): id and title.
    pub objectives: Vec<(String, String)>,
    /// The changes to each objective's file, in order, by objective id.
    pub changes: Vec<(String, Vec<Change>)>,
    /// What the import does, a line each, for people.
    pub lines: Vec<String>,
    /// Items added (objectives included).
    pub added: usize,
    /// Fields set or removed.
    pub fields: usize,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.objectives.is_empty() && self.changes.is_empty()
    }

    fn push(&mut self, objective: &str, change: Change) {
        match self.changes.iter_mut().find(|(o, _)| o == objective) {
            Some((_, list)) => list.push(change),
            None => self.changes.push((objective.to_string(), vec![change])),
        }
    }
}

/// Plans the import of `rows` into `portfolio`: rows by depth (parents
/// first, otherwise in file order), new items added, existing ones given
/// the values that differ. Every problem is returned (`problems`, those
/// found reading, with them), or none.
pub fn plan(
    portfolio: &Portfolio,
    mut rows: Vec<SheetRow>,
    mut problems: Vec<Problem>,
) -> Result<Plan, Vec<Problem>> {
    rows.sort_by_key(|r| depth(r.path.kind()));
    let mut model = portfolio.clone();
    let mut plan = Plan::default();
    let mut seen: HashMap<ItemPath, u64> = HashMap::new();
    // edits refused in the order given, tried again once the rest is in
    let mut pending: Vec<(u64, Edit, Option<Value>)> = Vec::new();
    for row in rows {
        if let Some(first) = seen.insert(row.path.clone(), row.line) {
            problems.push(Problem::new(
                row.line,
                Some("path"),
                format!("{} is on line {first} too", row.path),
            ));
            continue;
        }
        let new = model.get(&row.path).is_none();
        if row.bad {
            // reported already: only there for its children
            if new {
                let _ = add(&mut model, portfolio, &row, &mut plan);
            }
            continue;
        }
        if new {
            match add(&mut model, portfolio, &row, &mut plan) {
                Ok(()) => plan.added += 1,
                Err(p) => {
                    problems.push(p);
                    continue;
                }
            }
        }
        let Some(item) = model.get(&row.path) else {
            continue;
        };
        let mut edits: Vec<(Edit, Option<Value>)> = row
            .values
            .iter()
            .filter(|(f, _)| !(new && *f == Field::Title))
            .filter_map(|(f, v)| {
                let old = super::columns::value_of(item, *f);
                (old != *v).then(|| {
                    (
                        Edit {
                            path: row.path.clone(),
                            field: *f,
                            value: v.clone(),
                        },
                        old,
                    )
                })
            })
            .collect();
        edits.sort_by_key(|(e, _)| rank(e.field));
        for (edit, old) in edits {
            if model.apply(&edit).is_ok() {
                record(&mut plan, edit, old);
            } else {
                pending.push((row.line, edit, old));
            }
        }
    }
    // what waited for another edit (a start for its due, stages for a
    // milestone's new stage): again while that makes progress
    loop {
        let before = pending.len();
        let mut still = Vec::new();
        for (line, edit, old) in pending {
            match model.apply(&edit) {
                Ok(_) => record(&mut plan, edit, old),
                Err(e) => still.push((line, edit, old, e)),
            }
        }
        if still.is_empty() {
            break;
        }
        // a milestone's stage waiting for its project's new stages, which
        // wait for the old stage to go: the old stage goes first
        if still.len() == before && !unblock_stages(&mut model, &mut plan, &still) {
            for (line, edit, _, e) in still {
                problems.push(Problem::new(line, Some(edit.field.key()), e.to_string()));
            }
            break;
        }
        pending = still.into_iter().map(|(l, e, o, _)| (l, e, o)).collect();
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

/// Removes the stage of each milestone whose edit to a new stage waits;
/// whether any was removed.
fn unblock_stages(
    model: &mut Portfolio,
    plan: &mut Plan,
    waiting: &[(u64, Edit, Option<Value>, EditError)],
) -> bool {
    let mut any = false;
    for (_, edit, old, _) in waiting {
        let has_stage = model
            .get(&edit.path)
            .is_some_and(|i| super::columns::value_of(i, Field::Stage).is_some());
        if edit.field == Field::Stage && has_stage {
            let remove = Edit::remove(edit.path.clone(), Field::Stage);
            if model.apply(&remove).is_ok() {
                record(plan, remove, old.clone());
                any = true;
            }
        }
    }
    any
}

fn depth(kind: Kind) -> u8 {
    match kind {
        Kind::Objective => 0,
        Kind::Project => 1,
        Kind::Milestone => 2,
    }
}

/// The order a row's edits are tried in: stages before a stage, counts
/// before a percent.
fn rank(field: Field) -> u8 {
    match field {
        Field::Title => 0,
        Field::Stages => 1,
        Field::Status => 2,
        Field::Total | Field::Done => 3,
        Field::Percent => 4,
        Field::Stage => 5,
        Field::Start | Field::Due => 6,
        _ => 7,
    }
}

fn record(plan: &mut Plan, edit: Edit, old: Option<Value>) {
    plan.lines.push(format!(
        "  {}: {} {} → {}",
        edit.path,
        edit.field,
        show(&old),
        show(&edit.value)
    ));
    plan.fields += 1;
    let objective = edit.path.objective.clone();
    plan.push(&objective, Change::field(edit));
}

/// Adds the row's item to the model (an objective as a new file), or says
/// why it cannot be.
fn add(
    model: &mut Portfolio,
    on_disk: &Portfolio,
    row: &SheetRow,
    plan: &mut Plan,
) -> Result<(), Problem> {
    let path = &row.path;
    let at = |column: &str, message: String| Problem::new(row.line, Some(column), message);
    let title = match row.values.iter().find(|(f, _)| *f == Field::Title) {
        Some((_, Some(Value::Text(t)))) => t.clone(),
        _ if row.bad => "?".to_string(),
        _ => {
            return Err(at(
                "title",
                format!("{path} is new and needs a title (no title column)"),
            ));
        }
    };
    let Some(parent) = path.parent() else {
        let id = &path.objective;
        if let Some(p) = id_problem(id) {
            return Err(at("path", p.to_string()));
        }
        if !is_objective_file(&format!("{id}.toml")) {
            return Err(at(
                "path",
                format!("`{id}` cannot name an objective file (it starts with . or _)"),
            ));
        }
        if on_disk.file_of(id).is_some() {
            return Err(at(
                "path",
                format!("{id}.toml has errors; fix it first (see `stride check`)"),
            ));
        }
        model.objectives.push(Objective {
            id: id.clone(),
            file: usize::MAX,
            fields: Fields {
                title: title.clone(),
                ..Fields::default()
            },
            ..Objective::default()
        });
        plan.lines
            .push(format!("add objective {id} ({id}.toml): {title}"));
        plan.objectives.push((id.clone(), title));
        return Ok(());
    };
    if model.get(&parent).is_none() {
        return Err(at(
            "path",
            format!(
                "no {} {parent}: give its row too (parents before children)",
                parent.kind().as_str()
            ),
        ));
    }
    let change = Change::Add {
        path: path.clone(),
        title: title.clone(),
        restore: None,
    };
    model
        .apply_change(&change)
        .map_err(|e| at("path", e.to_string()))?;
    plan.lines
        .push(format!("add {} {path}: {title}", path.kind().as_str()));
    plan.push(&path.objective, change);
    Ok(())
}
