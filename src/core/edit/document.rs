//! Writing edits and changes into a TOML document (`toml_edit`), changing
//! only the edited values and keeping comments and spacing, and reading a
//! field back as the model reads it. The inverse of a change is completed
//! here with what only the file knows (exact text, removed tables), so that
//! undo restores a file byte for byte.

use toml_edit::{DocumentMut, Item, Table, TableLike};

use super::{Change, Edit, Field, RemovedKey, Value};
use crate::core::model::{Incident, ItemPath, Status};
use crate::core::scalar::{Scalar, toml_date, toml_datetime};

/// Writes one change into the document. When `inverse` is given, it is
/// completed with what the file knew: the old value's exact text, or the
/// removed table.
pub fn apply_to_document(
    doc: &mut DocumentMut,
    change: &Change,
    inverse: Option<&mut Change>,
) -> Result<(), String> {
    match change {
        Change::Field {
            edit,
            repr,
            restore,
        } => {
            let (old, removed) = set_in_document(doc, edit, repr.as_deref(), restore.as_deref())?;
            if let Some(Change::Field { repr, restore, .. }) = inverse {
                *repr = old;
                *restore = removed.map(Box::new);
            }
            Ok(())
        }
        Change::Add {
            path,
            title,
            restore,
        } => {
            let item = match restore
                .as_ref()
                .and_then(|r| r.doc.clone().map(|d| (d, r.index)))
            {
                Some((mut item, index)) => {
                    make_room(doc, path, index, &mut item)?;
                    item
                }
                None => {
                    let mut t = Table::new();
                    t.insert("title", toml_edit::value(title.as_str()));
                    Item::Table(t)
                }
            };
            let (parent, id) = parent_table(doc, path, true)?;
            if parent.contains_key(&id) {
                return Err(format!("`{path}` is already in the file"));
            }
            parent.insert(&id, item);
            Ok(())
        }
        Change::Incident {
            index,
            incident,
            insert,
            restore,
            ..
        } => {
            if doc.get("incident").is_none() {
                doc.insert(
                    "incident",
                    Item::ArrayOfTables(toml_edit::ArrayOfTables::new()),
                );
            }
            let log = doc
                .get_mut("incident")
                .and_then(Item::as_array_of_tables_mut)
                .ok_or("`incident` is not an array of tables in the file")?;
            let missing = || format!("incident {} is not in the file any more", index + 1);
            match (incident, *insert) {
                (Some(i), true) => {
                    let table = match restore {
                        Some(t) => (**t).clone(),
                        None => {
                            let mut t = Table::new();
                            write_incident(&mut t, i);
                            t
                        }
                    };
                    if *index >= log.len() {
                        log.push(table);
                    } else {
                        log.insert(*index, table);
                    }
                }
                (Some(i), false) => {
                    let t = log.get_mut(*index).ok_or_else(missing)?;
                    write_incident(t, i);
                }
                (None, _) => {
                    if *index >= log.len() {
                        return Err(missing());
                    }
                    let removed = log.remove(*index);
                    if let Some(Change::Incident { restore, .. }) = inverse {
                        *restore = Some(Box::new(removed));
                    }
                }
            }
            Ok(())
        }
        Change::Remove { path } => {
            let (parent, id) = parent_table(doc, path, false)?;
            let item = parent
                .remove(&id)
                .ok_or_else(|| format!("`{path}` is not in the file any more"))?;
            if let Some(Change::Add {
                restore: Some(r), ..
            }) = inverse
            {
                r.doc = Some(item);
            }
            Ok(())
        }
    }
}

/// Writes an incident's fields into its table, changing only the keys whose
/// value differs, each keeping its comments.
fn write_incident(t: &mut Table, i: &Incident) {
    use toml_edit::Value as V;
    let datetime = |t: chrono::NaiveDateTime| V::from(toml_datetime(t));
    let text = |s: &Option<String>| s.as_deref().map(V::from);
    let wanted: [(&str, Option<V>); 8] = [
        ("at", Some(datetime(i.at))),
        ("resolved", i.resolved.map(datetime)),
        ("grade", i.grade.map(|g| V::from(g.as_str()))),
        ("title", Some(V::from(i.title.as_str()))),
        ("impact", text(&i.impact)),
        ("cause", text(&i.cause)),
        ("action", text(&i.action)),
        ("business_impact", i.business_impact.then(|| V::from(true))),
    ];
    for (key, value) in wanted {
        let same = |old: &V, new: &V| {
            let (mut a, mut b) = (old.clone(), new.clone());
            a.decor_mut().clear();
            b.decor_mut().clear();
            a.to_string() == b.to_string()
                || (a.as_str().is_some() && a.as_str() == b.as_str())
                || (a.as_datetime().is_some() && a.as_datetime() == b.as_datetime())
        };
        match (t.get_mut(key), value) {
            (Some(Item::Value(old)), Some(new)) if same(old, &new) => {}
            (Some(Item::Value(old)), Some(mut new)) => {
                *new.decor_mut() = old.decor().clone();
                *old = new;
            }
            (Some(_), None) => {
                t.remove(key);
            }
            (Some(other), Some(new)) => *other = Item::Value(new),
            (None, Some(new)) => {
                t.insert(key, Item::Value(new));
            }
            (None, None) => {}
        }
    }
}

/// Table positions (the order of `[headers]` in the file) in an item's subtree.
fn positions(item: &Item, out: &mut Vec<isize>) {
    if let Item::Table(t) = item {
        out.extend(t.position());
        for (_, child) in t.iter() {
            positions(child, out);
        }
    }
}

/// Adds `by` to every table position at or after `from`, the tables of
/// arrays (`[[incident]]`) too.
fn shift_positions(t: &mut Table, from: isize, by: isize) {
    if let Some(p) = t.position()
        && p >= from
    {
        t.set_position(Some(p + by));
    }
    for (_, child) in t.iter_mut() {
        match child {
            Item::Table(c) => shift_positions(c, from, by),
            Item::ArrayOfTables(a) => {
                for c in a.iter_mut() {
                    shift_positions(c, from, by);
                }
            }
            _ => {}
        }
    }
}

/// Numbers the tables of an item's subtree from `next`, in file order.
fn renumber(item: &mut Item, next: &mut isize) {
    if let Item::Table(t) = item {
        if t.position().is_some() {
            t.set_position(Some(*next));
            *next += 1;
        }
        for (_, child) in t.iter_mut() {
            renumber(child, next);
        }
    }
}

/// Before a removed item goes back as child `index` of its parent, gives
/// its tables the positions just before its next sibling's (or just after
/// its previous sibling's), moving later tables down, so that its headers
/// land where they were in the file.
fn make_room(
    doc: &mut DocumentMut,
    path: &ItemPath,
    index: usize,
    item: &mut Item,
) -> Result<(), String> {
    let mut own = Vec::new();
    positions(item, &mut own);
    if own.is_empty() {
        return Ok(());
    }
    let target = {
        let (parent, _) = parent_table(doc, path, true)?;
        let siblings: Vec<&Item> = parent.iter().map(|(_, v)| v).collect();
        let span = |i: &Item| {
            let mut v = Vec::new();
            positions(i, &mut v);
            v
        };
        match siblings.get(index).map(|s| span(s)) {
            Some(next) if !next.is_empty() => next.iter().copied().min(),
            _ => index
                .checked_sub(1)
                .and_then(|i| siblings.get(i))
                .and_then(|prev| span(prev).into_iter().max())
                .map(|p| p + 1),
        }
    };
    let Some(target) = target else {
        return Ok(());
    };
    shift_positions(doc.as_table_mut(), target, own.len() as isize);
    let mut next = target;
    renumber(item, &mut next);
    Ok(())
}

/// The table holding the item at `path` (`project` or `milestone`), and the
/// item's id; created (as an implicit table) when `create` is set.
fn parent_table<'a>(
    doc: &'a mut DocumentMut,
    path: &ItemPath,
    create: bool,
) -> Result<(&'a mut dyn TableLike, String), String> {
    let missing = || format!("`{path}` has no parent in the file");
    let root = doc.as_table_mut();
    let ensure = |t: &'a mut dyn TableLike, key: &str| -> Option<&'a mut dyn TableLike> {
        if create && t.get(key).is_none() {
            let mut implicit = Table::new();
            implicit.set_implicit(true);
            t.insert(key, Item::Table(implicit));
        }
        t.get_mut(key)?.as_table_like_mut()
    };
    let projects = ensure(root, "project").ok_or_else(missing)?;
    let pid = path.project.clone().ok_or_else(missing)?;
    match &path.milestone {
        None => Ok((projects, pid)),
        Some(mid) => {
            let project = projects
                .get_mut(&pid)
                .and_then(Item::as_table_like_mut)
                .ok_or_else(missing)?;
            let milestones = ensure(project, "milestone").ok_or_else(missing)?;
            Ok((milestones, mid.clone()))
        }
    }
}

/// Applies `edits` to the TOML `text`, changing only the edited values.
pub fn edit_text(text: &str, edits: &[Edit]) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    for edit in edits {
        set_in_document(&mut doc, edit, None, None)?;
    }
    Ok(doc.to_string())
}

/// Sets or removes one key of one item in the document, keeping the old
/// value's comments and spacing. `repr` is exact TOML text to write instead
/// of the formatted value; `restore` puts back a key that was removed, as it
/// was. Returns the old value's exact text, and the key itself if it was
/// removed.
pub fn set_in_document(
    doc: &mut DocumentMut,
    edit: &Edit,
    repr: Option<&str>,
    restore: Option<&RemovedKey>,
) -> Result<(Option<String>, Option<RemovedKey>), String> {
    let missing = || format!("`{}` is not in the file any more", edit.path);
    let mut table: &mut dyn TableLike = doc.as_table_mut();
    let parent = if edit.field == Field::Value {
        "metric"
    } else {
        "project"
    };
    if let Some(pid) = &edit.path.project {
        table = child_table(table, parent, pid).ok_or_else(missing)?;
        if let Some(mid) = &edit.path.milestone {
            table = child_table(table, "milestone", mid).ok_or_else(missing)?;
        }
    }
    let key = edit.field.key();
    let old = table.get(key).and_then(Item::as_value).map(|v| {
        let mut bare = v.clone();
        bare.decor_mut().clear();
        bare.to_string()
    });
    let mut removed = None;
    match &edit.value {
        None => {
            let index = table.iter().position(|(k, _)| k == key);
            let format = table.key(key).cloned();
            if let (Some(index), Some(format), Some(item)) = (index, format, table.remove(key)) {
                removed = Some(RemovedKey {
                    key: format,
                    item,
                    index,
                });
            }
        }
        Some(value) => {
            let mut new = match repr.map(str::parse::<toml_edit::Value>) {
                Some(Ok(v)) => v,
                _ => to_toml(value),
            };
            match (table.get_mut(key), restore) {
                (Some(Item::Value(old)), _) => {
                    *new.decor_mut() = old.decor().clone();
                    *old = new;
                }
                (Some(other), _) => *other = Item::Value(new),
                (None, Some(r)) if r.key.get() == key => {
                    table.entry_format(&r.key).or_insert(r.item.clone());
                    move_key(table, key, r.index);
                }
                (None, _) => {
                    table.insert(key, Item::Value(new));
                }
            }
        }
    }
    Ok((old, removed))
}

/// Moves `key`, which stands last, back to place `index` among the table's
/// keys, keeping every key's own formatting.
fn move_key(table: &mut dyn TableLike, key: &str, index: usize) {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    if keys
        .iter()
        .position(|k| k == key)
        .is_none_or(|at| at <= index)
    {
        return;
    }
    for k in keys.iter().skip(index).filter(|k| *k != key) {
        if let (Some(format), Some(item)) = (table.key(k).cloned(), table.remove(k)) {
            table.entry_format(&format).or_insert(item);
        }
    }
}

/// `parent[kind][id]` as a table, whether written as a table, inline or dotted.
fn child_table<'a>(
    parent: &'a mut dyn TableLike,
    kind: &str,
    id: &str,
) -> Option<&'a mut dyn TableLike> {
    parent
        .get_mut(kind)?
        .as_table_like_mut()?
        .get_mut(id)?
        .as_table_like_mut()
}

/// The TOML value for a model value: numbers as typed (the shortest text
/// that reads back as the same `f64`; whole ones as integers), dates bare.
fn to_toml(value: &Value) -> toml_edit::Value {
    match value {
        Value::Text(s) => s.as_str().into(),
        Value::Number(n) => number(*n),
        Value::Count(n) => i64::try_from(*n).unwrap_or(i64::MAX).into(),
        Value::Date(d) => toml_date(*d).into(),
        Value::Status(s) => s.as_str().into(),
        Value::List(items) => items
            .iter()
            .map(String::as_str)
            .collect::<toml_edit::Array>()
            .into(),
    }
}

/// A number as TOML, reading back as exactly `n`: `95.46`, `99.998`,
/// `0.001`, `40`; very large or small ones with an exponent (`1e300`).
/// Never rounded: rounding is for display.
pub fn number(n: f64) -> toml_edit::Value {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        return (n as i64).into();
    }
    if n.is_finite() && !(1e-5..1e15).contains(&n.abs()) {
        // Rust's `{:e}` is the shortest digits too, and valid TOML
        if let Ok(v) = format!("{n:e}").parse::<toml_edit::Value>() {
            return v;
        }
    }
    n.into()
}

/// The value of an edit's field in the document, read as the model reads it.
pub fn field_in_document(doc: &DocumentMut, edit: &Edit) -> Result<Option<Value>, String> {
    let missing = || format!("`{}` is no longer in the file", edit.path);
    let mut table: &dyn TableLike = doc.as_table();
    let parent = if edit.field == Field::Value {
        "metric"
    } else {
        "project"
    };
    if let Some(pid) = &edit.path.project {
        table = child(table, parent, pid).ok_or_else(missing)?;
        if let Some(mid) = &edit.path.milestone {
            table = child(table, "milestone", mid).ok_or_else(missing)?;
        }
    }
    Ok(table
        .get(edit.field.key())
        .and_then(Item::as_value)
        .map(|v| value_of(edit.field, v)))
}

/// A TOML value as the model reads it for `field`; a value of the wrong
/// type is kept as its text, so that it still shows (and compares) as
/// written.
pub fn value_of(field: Field, v: &toml_edit::Value) -> Value {
    use Field as F;
    let raw = || {
        let mut bare = v.clone();
        bare.decor_mut().clear();
        Some(Value::Text(bare.to_string()))
    };
    let value = match field {
        F::Percent | F::Weight | F::Value => v.number().map(Value::Number).or_else(raw),
        F::Total | F::Done => v.unsigned().map(Value::Count).or_else(raw),
        F::Due | F::Start => v.date().map(Value::Date).or_else(raw),
        F::Status => v
            .as_str()
            .and_then(Status::parse)
            .map(Value::Status)
            .or_else(raw),
        F::Tags | F::Stages => v.as_array().map(|a| {
            Value::List(
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect(),
            )
        }),
        _ => v.as_str().map(|s| Value::Text(s.to_string())).or_else(raw),
    };
    value.unwrap_or_else(|| raw().expect("the text of a value"))
}

/// Whether the document has the project or milestone at `path`.
pub fn has_item(doc: &DocumentMut, path: &ItemPath) -> bool {
    let Some(project) = path
        .project
        .as_ref()
        .and_then(|pid| child(doc.as_table(), "project", pid))
    else {
        return false;
    };
    match &path.milestone {
        None => true,
        Some(mid) => child(project, "milestone", mid).is_some(),
    }
}

fn child<'a>(parent: &'a dyn TableLike, kind: &str, id: &str) -> Option<&'a dyn TableLike> {
    parent.get(kind)?.as_table_like()?.get(id)?.as_table_like()
}
