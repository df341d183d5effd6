//! Progress that never contradicts itself: the edits a change of status,
//! stage or counts brings with it, so that status, stage, `done`/`total`
//! and `percent` agree. The CLI's `set` and every TUI edit go through
//! [`consistent`]; the TUI's `+`/`-`/`]`/`[` through [`step_progress`].
//!
//! The rules, for fields the edits do not set themselves:
//! - status set to `done`: a staged milestone moves to the last stage,
//!   `done` becomes `total`, an explicit percent below 100 becomes 100;
//! - stage set: an explicit percent outside the new stage's range
//!   ([`percent_fits_stage`]) is removed;
//! - `done` or `total` set: an explicit percent that disagrees with
//!   `done/total` is removed;
//! - a percent set below 100 at the last stage: back to the stage before
//!   (the last stage is 100%);
//! - percent, stage or counts set below 100% on an item whose status is
//!   `done` (and stays so by the edits): the status is removed, back to
//!   the one derived from the percent.

use super::edit::{Change, Edit, Field, Value, round_percent};
use super::model::{ItemPath, ItemRef, Milestone, Portfolio, Status};
use super::rollup::percent_fits_stage;

/// `edits` followed by the edits that keep each item they touch
/// consistent (see the module's rules). Edits of unknown items pass as they are.
pub fn consistent(p: &Portfolio, edits: Vec<Edit>) -> Vec<Edit> {
    let mut extra = Vec::new();
    let mut seen: Vec<&ItemPath> = Vec::new();
    for e in &edits {
        if seen.contains(&&e.path) {
            continue;
        }
        seen.push(&e.path);
        let mine: Vec<&Edit> = edits.iter().filter(|x| x.path == e.path).collect();
        if let Some(item) = p.get(&e.path) {
            extra.extend(follow(item, &e.path, &mine));
        }
    }
    let mut edits = edits;
    edits.extend(extra);
    edits
}

/// [`consistent`] over changes: the field edits among them bring theirs,
/// put after the last of them.
pub fn consistent_changes(p: &Portfolio, changes: Vec<Change>) -> Vec<Change> {
    let plain: Vec<Edit> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Field {
                edit,
                repr: None,
                restore: None,
            } => Some(edit.clone()),
            _ => None,
        })
        .collect();
    let n = plain.len();
    if n == 0 {
        return changes;
    }
    let extra = consistent(p, plain).split_off(n);
    let mut changes = changes;
    changes.extend(extra.into_iter().map(Change::field));
    changes
}

/// The edits the set of `mine` (all to the item at `path`) brings.
fn follow(item: ItemRef<'_>, path: &ItemPath, mine: &[&Edit]) -> Vec<Edit> {
    let set = |f: Field| mine.iter().rev().find(|e| e.field == f).map(|e| &e.value);
    let untouched = |f: Field| set(f).is_none();
    let mut out = Vec::new();
    let fields = item.fields();
    let to_done = matches!(set(Field::Status), Some(Some(Value::Status(Status::Done))));
    // the explicit percent once the edits are in
    let percent = match set(Field::Percent) {
        Some(Some(Value::Number(n))) => Some(*n),
        Some(_) => None,
        None => fields.percent,
    };
    let remove_percent = |out: &mut Vec<Edit>| {
        if untouched(Field::Percent) && percent.is_some() {
            out.push(Edit::remove(path.clone(), Field::Percent));
        }
    };
    // done: an explicit percent below 100 says 100
    let full_percent = |out: &mut Vec<Edit>| {
        if untouched(Field::Percent) && percent.is_some_and(|p| p < 100.0) {
            out.push(Edit::set(
                path.clone(),
                Field::Percent,
                Value::Number(100.0),
            ));
        }
    };
    // a done item whose progress is set below 100 is no longer done
    let progress_moved = [Field::Percent, Field::Stage, Field::Done, Field::Total]
        .into_iter()
        .any(|f| !untouched(f));
    let still_done = untouched(Field::Status) && fields.status == Some(Status::Done);
    let undone = |own: Option<f64>, out: &mut Vec<Edit>| {
        if still_done && progress_moved && own.is_some_and(|p| p < 100.0) {
            out.push(Edit::remove(path.clone(), Field::Status));
        }
    };
    let ItemRef::Milestone(m, project) = item else {
        if to_done {
            full_percent(&mut out);
        }
        undone(percent, &mut out);
        return out;
    };
    let mut after = milestone_after(m, mine);
    let stages = &project.stages;
    if to_done {
        if let Some(last) = stages.last()
            && untouched(Field::Stage)
            && after.stage.as_deref().is_some_and(|s| s != last)
        {
            out.push(Edit::set(
                path.clone(),
                Field::Stage,
                Value::Text(last.clone()),
            ));
        }
        if let (Some(done), Some(total)) = (after.done, after.total)
            && done < total
            && untouched(Field::Done)
        {
            out.push(Edit::set(path.clone(), Field::Done, Value::Count(total)));
        }
        full_percent(&mut out);
        return out;
    }
    after.fields.percent = percent;
    // a percent set below 100 at the last stage: the stage before it
    if let (Some(Some(Value::Number(pct))), Some(last)) = (set(Field::Percent), stages.last())
        && *pct < 100.0
        && stages.len() > 1
        && untouched(Field::Stage)
        && after.stage.as_deref() == Some(last.as_str())
    {
        let before = stages[stages.len() - 2].clone();
        out.push(Edit::set(
            path.clone(),
            Field::Stage,
            Value::Text(before.clone()),
        ));
        after.stage = Some(before.into_boxed_str());
    }
    if let Some(pct) = percent {
        let counts_moved = !untouched(Field::Done) || !untouched(Field::Total);
        let disagrees = counts_moved
            && after
                .count_percent()
                .is_some_and(|ratio| round_percent(ratio) != round_percent(pct));
        let off_stage = !untouched(Field::Stage)
            && after.stage.as_deref().is_some_and(|stage| {
                stages
                    .iter()
                    .position(|s| s == stage)
                    .is_some_and(|i| !percent_fits_stage(pct, i, stages.len()))
            });
        if (disagrees || off_stage) && untouched(Field::Percent) {
            remove_percent(&mut out);
            after.fields.percent = None;
        }
    }
    undone(after.own_percent(stages), &mut out);
    out
}

/// The milestone's stage and counts once `mine` are applied.
fn milestone_after(m: &Milestone, mine: &[&Edit]) -> Milestone {
    let mut after = Milestone {
        stage: m.stage.clone(),
        done: m.done,
        total: m.total,
        ..Milestone::default()
    };
    for e in mine {
        match (e.field, &e.value) {
            (Field::Stage, Some(Value::Text(s))) => after.stage = Some(s.as_str().into()),
            (Field::Stage, None) => after.stage = None,
            (Field::Done, Some(Value::Count(n))) => after.done = Some(*n),
            (Field::Done, None) => after.done = None,
            (Field::Total, Some(Value::Count(n))) => after.total = Some(*n),
            (Field::Total, None) => after.total = None,
            _ => {}
        }
    }
    after
}

/// What `+`/`-`/`]`/`[` write on a milestone, `delta` percent points up or
/// down: on a milestone counting (`total` with `done`, or `total` without
/// a percent) `done` moves by one, clamped to `0..=total`; otherwise the
/// percent moves by `delta`, clamped to 0..100. `None` when nothing would
/// change.
pub fn step_progress(
    m: &Milestone,
    stages: &[String],
    path: &ItemPath,
    delta: f64,
) -> Option<Edit> {
    if let Some(total) = m.total
        && (m.done.is_some() || m.fields.percent.is_none())
    {
        let done = m.done.unwrap_or(0);
        let new = if delta > 0.0 {
            (done + 1).min(total)
        } else {
            done.saturating_sub(1)
        };
        return (Some(new) != m.done)
            .then(|| Edit::set(path.clone(), Field::Done, Value::Count(new)));
    }
    let now = m.percent(stages);
    let new = round_percent((now + delta).clamp(0.0, 100.0));
    (new != now).then(|| Edit::set(path.clone(), Field::Percent, Value::Number(new)))
}

#[cfg(test)]
mod tests;
