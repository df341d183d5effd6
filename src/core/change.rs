//! Changes of every kind the TUI makes, and their exact inverses.
//!
//! A [`Change`] is either one field [`Edit`] or an item added or removed.
//! Applying a change to the model returns its inverse; writing it to the
//! document completes that inverse with what only the file knows (the old
//! value's exact text, the removed table with its comments), so that undo
//! restores a file byte for byte.

use toml_edit::{DocumentMut, Item, Table, TableLike};

use super::edit::{Edit, EditError};
use super::model::{Fields, ItemPath, Kind, Milestone, Portfolio, Project};
use super::ops::Incident;

/// An item taken out of the model and its file, kept so that it can be put back.
#[derive(Clone, Debug)]
pub struct Removed {
    /// Where it stood among its siblings.
    pub index: usize,
    pub item: RemovedItem,
    /// Its table in the file, with comments and position; filled in when written.
    pub doc: Option<Item>,
}

/// The model of a removed item.
#[derive(Clone, Debug)]
pub enum RemovedItem {
    Project(Project),
    Milestone(Milestone),
}

/// One change to the portfolio.
#[derive(Clone, Debug)]
pub enum Change {
    /// Set or remove one field. `repr`, when given, is the exact TOML text to
    /// write (used by undo, to put back the value exactly as it was written).
    Field {
        edit: Edit,
        repr: Option<String>,
        /// The key as it was before it was removed, to put it back exactly.
        restore: Option<Box<super::save::RemovedKey>>,
    },
    /// Add a project (path `o/p`) or a milestone (path `o/p/m`) with a title,
    /// or put back one that was removed.
    Add {
        path: ItemPath,
        title: String,
        restore: Option<Box<Removed>>,
    },
    /// Remove a project or a milestone.
    Remove { path: ItemPath },
    /// Change the incident log of the objective at `path`: insert an
    /// incident at `index` (`insert`), replace the one there, or remove it
    /// (`incident` is `None`). A removed table keeps its comments for undo.
    Incident {
        path: ItemPath,
        index: usize,
        incident: Option<Box<Incident>>,
        insert: bool,
        restore: Option<Box<Table>>,
    },
}

impl Change {
    pub fn field(edit: Edit) -> Self {
        Change::Field {
            edit,
            repr: None,
            restore: None,
        }
    }

    /// The item the change is about.
    pub fn path(&self) -> &ItemPath {
        match self {
            Change::Field { edit, .. } => &edit.path,
            Change::Add { path, .. } | Change::Remove { path } | Change::Incident { path, .. } => {
                path
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
            _ => Err(EditError::Invalid(format!(
                "no incident {} in `{path}`",
                index + 1
            ))),
        }
    }

    /// Checks that an item can be added at `path`.
    pub fn check_add(&self, path: &ItemPath, title: &str) -> Result<(), EditError> {
        let invalid = |m: String| Err(EditError::Invalid(m));
        let id = match path.kind() {
            Kind::Objective => return invalid("objectives are files: create one by hand".into()),
            Kind::Project => path.project.as_deref().unwrap_or_default(),
            Kind::Milestone => path.milestone.as_deref().unwrap_or_default(),
        };
        if let Some(m) = id_problem(id) {
            return invalid(m);
        }
        if title.trim().is_empty() {
            return invalid("a title is required".into());
        }
        if self.get(path).is_some() {
            return invalid(format!("`{path}` already exists"));
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
            return Err(EditError::Invalid(
                "objectives are files: delete the file by hand".into(),
            ));
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
        return Err(EditError::Invalid("an incident needs a title".into()));
    }
    if let Some(r) = i.resolved
        && r < i.at
    {
        return Err(EditError::Invalid(format!(
            "resolved {r} is before the incident's time {}",
            i.at
        )));
    }
    Ok(())
}

/// Why an id cannot be used, if it cannot.
pub fn id_problem(id: &str) -> Option<String> {
    if id.trim().is_empty() {
        Some("an id is required".into())
    } else if id.contains('/') {
        Some(format!("id `{id}` must not contain `/`"))
    } else if id.trim() != id {
        Some(format!("id `{id}` must not start or end with a space"))
    } else if id.chars().any(char::is_control) {
        Some("an id must not contain control characters".into())
    } else {
        None
    }
}

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
            let (old, removed) =
                super::save::set_in_document(doc, edit, repr.as_deref(), restore.as_deref())?;
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
    let datetime = |d: chrono::NaiveDateTime| -> V {
        use chrono::{Datelike, Timelike};
        toml_edit::Datetime {
            date: Some(toml_edit::Date {
                year: d.year() as u16,
                month: d.month() as u8,
                day: d.day() as u8,
            }),
            time: Some(toml_edit::Time {
                hour: d.hour() as u8,
                minute: d.minute() as u8,
                second: Some(d.second() as u8),
                nanosecond: None,
            }),
            offset: None,
        }
        .into()
    };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::edit::{Field, Value};

    const TEXT: &str = "title = 'o'\n[project.a]\ntitle = 'A'\npercent = 55.0 # keep\n[project.a.milestone.x]\ntitle = 'X' # c\n\n# before b\n[project.b]\ntitle = 'B'\n";

    fn portfolio(text: &str) -> Portfolio {
        crate::core::load::portfolio_of(text)
    }

    /// Applies to model and document, returning the completed inverse and the text.
    fn run(p: &mut Portfolio, text: &str, change: &Change) -> (Change, String) {
        let mut inverse = p.apply_change(change).unwrap();
        let mut doc: DocumentMut = text.parse().unwrap();
        apply_to_document(&mut doc, change, Some(&mut inverse)).unwrap();
        (inverse, doc.to_string())
    }

    #[test]
    fn undoing_a_field_edit_restores_the_exact_text() {
        let mut p = portfolio(TEXT);
        let change = Change::field(Edit::set(
            ItemPath::project("o", "a"),
            Field::Percent,
            Value::Number(60.0),
        ));
        let (inverse, text) = run(&mut p, TEXT, &change);
        assert!(text.contains("percent = 60 # keep"));
        let (_, back) = run(&mut p, &text, &inverse);
        assert_eq!(back, TEXT, "55.0 comes back as 55.0, not 55");
        assert_eq!(p.get(&ItemPath::project("o", "a")).unwrap().percent(), 55.0);
    }

    #[test]
    fn removing_a_key_and_undoing_puts_it_back_in_its_place_with_its_comment() {
        let text = "title = 'o'\n[project.a]\ntitle   = 'A'\nstatus  = \"blocked\"   # why\nowner   = '张三'\n";
        let mut p = portfolio(text);
        let path = ItemPath::project("o", "a");
        let (inverse, removed) = run(
            &mut p,
            text,
            &Change::field(Edit::remove(path.clone(), Field::Status)),
        );
        assert_eq!(removed, text.replace("status  = \"blocked\"   # why\n", ""));
        let (_, back) = run(&mut p, &removed, &inverse);
        assert_eq!(back, text);
    }

    #[test]
    fn incidents_are_added_edited_and_undone_byte_for_byte() {
        let text = "title = 'o'\n\n[[incident]]\nat = 2023-06-15T11:01:00   # 发现\ngrade = \"C\"\ntitle = \"账户流水金额差异\"\n";
        let mut p = portfolio(text);
        let o = ItemPath::objective("o");
        let mut edited = p.objectives[0].incidents[0].clone();
        edited.resolved =
            chrono::NaiveDateTime::parse_from_str("2023-06-15T15:57:00", "%Y-%m-%dT%H:%M:%S").ok();
        let change = Change::Incident {
            path: o.clone(),
            index: 0,
            incident: Some(Box::new(edited)),
            insert: false,
            restore: None,
        };
        let (inverse, out) = run(&mut p, text, &change);
        assert_eq!(out, format!("{text}resolved = 2023-06-15T15:57:00\n"));
        let (_, back) = run(&mut p, &out, &inverse);
        assert_eq!(back, text);

        let new = crate::core::ops::Incident {
            at: chrono::NaiveDateTime::parse_from_str("2023-06-16T14:35:00", "%Y-%m-%dT%H:%M:%S")
                .unwrap(),
            title: "502 告警".into(),
            business_impact: true,
            ..Default::default()
        };
        let add = Change::Incident {
            path: o.clone(),
            index: 1,
            incident: Some(Box::new(new)),
            insert: true,
            restore: None,
        };
        let (inverse, out) = run(&mut p, text, &add);
        assert_eq!(
            out,
            format!(
                "{text}\n[[incident]]\nat = 2023-06-16T14:35:00\ntitle = \"502 告警\"\nbusiness_impact = true\n"
            )
        );
        assert_eq!(p.objectives[0].incidents.len(), 2);
        let (_, back) = run(&mut p, &out, &inverse);
        assert_eq!(back, text);
        // an incident resolved before it happened is refused
        let mut bad = p.objectives[0].incidents[0].clone();
        bad.resolved =
            chrono::NaiveDateTime::parse_from_str("2023-06-15T10:00:00", "%Y-%m-%dT%H:%M:%S").ok();
        let err = p
            .apply_change(&Change::Incident {
                path: o,
                index: 0,
                incident: Some(Box::new(bad)),
                insert: false,
                restore: None,
            })
            .unwrap_err();
        assert!(
            err.to_string().contains("is before the incident's time"),
            "{err}"
        );
    }

    #[test]
    fn removing_and_restoring_an_item_is_byte_for_byte() {
        for path in [
            ItemPath::milestone("o", "a", "x"),
            ItemPath::project("o", "b"),
        ] {
            let mut p = portfolio(TEXT);
            let before = p.objectives.clone();
            let (inverse, text) = run(&mut p, TEXT, &Change::Remove { path: path.clone() });
            assert!(p.get(&path).is_none());
            assert!(text.len() < TEXT.len());
            let (_, back) = run(&mut p, &text, &inverse);
            assert_eq!(back, TEXT);
            assert_eq!(p.objectives, before);
        }
    }

    #[test]
    fn a_removed_item_goes_back_between_its_siblings_after_the_file_is_read_again() {
        let text = "title = 'o'\n[project.a]\ntitle = 'A'\n[project.a.milestone.x]\ntitle = 'X'\n\n# y!\n[project.a.milestone.y]\ntitle = 'Y'\n[project.a.milestone.z]\ntitle = 'Z'\n[project.b]\ntitle = 'B'\n[project.b.milestone.w]\ntitle = 'W'\n";
        for path in [
            ItemPath::milestone("o", "a", "y"),
            ItemPath::milestone("o", "a", "x"),
            ItemPath::milestone("o", "a", "z"),
            ItemPath::project("o", "a"),
            ItemPath::project("o", "b"),
        ] {
            let mut p = portfolio(text);
            // run() parses the text anew each time, as a save does
            let (inverse, removed) = run(&mut p, text, &Change::Remove { path: path.clone() });
            let (_, back) = run(&mut p, &removed, &inverse);
            assert_eq!(back, text, "{path}");
        }
    }

    #[test]
    fn adding_a_milestone_places_it_after_its_siblings() {
        let mut p = portfolio(TEXT);
        let path = ItemPath::milestone("o", "a", "新");
        let add = Change::Add {
            path: path.clone(),
            title: "迁移".into(),
            restore: None,
        };
        let (inverse, text) = run(&mut p, TEXT, &add);
        assert_eq!(
            text,
            TEXT.replace(
                "title = 'X' # c\n",
                "title = 'X' # c\n\n[project.a.milestone.\"新\"]\ntitle = \"迁移\"\n"
            )
        );
        assert_eq!(p.get(&path).unwrap().fields().title, "迁移");
        let (_, back) = run(&mut p, &text, &inverse);
        assert_eq!(back, TEXT);
        // a project without milestones gets its first one
        let (_, text) = run(
            &mut p,
            TEXT,
            &Change::Add {
                path: ItemPath::milestone("o", "b", "m"),
                title: "M".into(),
                restore: None,
            },
        );
        assert!(
            text.ends_with("[project.b]\ntitle = 'B'\n\n[project.b.milestone.m]\ntitle = \"M\"\n"),
            "{text}"
        );
    }

    #[test]
    fn bad_additions_are_refused() {
        let p = portfolio(TEXT);
        let check =
            |path: ItemPath, title: &str| p.check_add(&path, title).unwrap_err().to_string();
        assert_eq!(
            check(ItemPath::milestone("o", "a", "x"), "T"),
            "`o/a/x` already exists"
        );
        assert_eq!(
            check(ItemPath::milestone("o", "a", " x"), "T"),
            "id ` x` must not start or end with a space"
        );
        assert_eq!(
            check(ItemPath::milestone("o", "a", "y"), " "),
            "a title is required"
        );
        assert_eq!(
            check(ItemPath::milestone("o", "zz", "y"), "T"),
            "no item `o/zz`"
        );
        assert_eq!(
            check(ItemPath::objective("n"), "T"),
            "objectives are files: create one by hand"
        );
    }
}
