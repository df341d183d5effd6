//! The record of edits: undo and redo, the edits not on disk yet, and
//! whether the week's history file needs writing. It changes the model and
//! calls the core to save; the words of the messages are the app's.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::core::memory;
use crate::core::model::{ItemPath, Portfolio};
use crate::core::save::{Conflict, SaveError, save_changes};
use crate::core::{Change, Edit, EditError, Value};

/// A group of changes to one file, done together and undone together.
#[derive(Clone, Debug)]
pub struct Entry {
    pub file: usize,
    pub changes: Vec<Change>,
    /// The changes that undo `changes`, completed by the save.
    pub inverses: Vec<Change>,
    /// Whether the file on disk holds `changes`.
    pub saved: bool,
}

/// Which way to step through the edits: back (undo) or forward (redo).
/// Also names the stack the entries that step takes come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

impl Direction {
    fn other(self) -> Self {
        match self {
            Direction::Undo => Direction::Redo,
            Direction::Redo => Direction::Undo,
        }
    }
}

/// A change someone else's change on disk stands in the way of: the
/// question to ask before going on.
#[derive(Clone, Debug)]
pub struct Pending {
    pub conflict: Conflict,
    /// The stack the entry is on, and its index there.
    pub stack: Direction,
    pub entry: usize,
    /// Which change of the entry.
    pub change: usize,
    pub ask: Ask,
}

/// What a [`Pending`] question is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// Saving an unsaved edit: the field was changed on disk too.
    Save,
    /// Undoing or redoing the newest entry of `stack`: the field no longer
    /// holds what the entry wrote (someone changed it and it was read again).
    Step,
    /// Deleting an item that was changed on disk since it was read
    /// (`conflict.field` means nothing then): mine deletes it anyway.
    Delete,
}

/// The answer to a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// My value goes over theirs.
    Mine,
    /// Their value stays; my change of that field is dropped.
    Theirs,
}

/// Why changes were not applied.
#[derive(Clone, Debug, PartialEq)]
pub enum Refused {
    /// No changes were given.
    Nothing,
    /// The item's objective is not loaded (its path).
    NotLoaded(String),
    /// The model refused a change.
    Change(EditError),
}

/// Why an undo or redo did nothing.
#[derive(Clone, Debug)]
pub enum StepError {
    /// Nothing to undo or redo.
    Empty,
    Refused(Refused),
    /// A field the step sets was changed by someone else since the entry
    /// wrote it: nothing was changed, the question is to be asked.
    Conflict(Box<Pending>),
}

/// What applying changes did, for the app to bring its views up to date.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The first item changed.
    pub focus: Option<ItemPath>,
    /// Whether items came or went (not only fields changed).
    pub structural: bool,
}

/// What a [`Journal::flush`] did.
#[derive(Debug, Default)]
pub struct Flushed {
    /// Whether any entry was unsaved (and so tried).
    pub tried: bool,
    /// The files written, as paths to show.
    pub saved: Vec<String>,
    /// Files that others had changed too: merged, and read again.
    pub merged: Vec<usize>,
    /// Why saves were refused.
    pub failures: Vec<SaveError>,
    /// The first field changed here and on disk, which needs an answer.
    pub conflict: Option<Pending>,
}

/// Undo and redo stacks, and what is still to be written.
#[derive(Clone, Debug, Default)]
pub struct Journal {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    /// Entries wait to be written: set by edits, cleared by [`Journal::flush`].
    /// A refused save is tried again only on the next edit or `Ctrl-s`.
    pending_saves: bool,
    /// Files were saved since this week's history file was last written.
    /// It is written when the keys pause, not after each save: at 100,000
    /// items it costs more than a keypress may.
    history_pending: bool,
    /// The files the watcher named, as they were seen: a file still being
    /// written, and the content last merged with (so that an unsaved
    /// edit's question is not asked twice for the same bytes).
    pub(super) watched: super::watched::Watched,
    /// An objective the add form asked for (id, title): a new file, which
    /// `App::flush` writes.
    pub new_objective: Option<(String, String)>,
}

impl Journal {
    /// The entries one step in direction `d` would take, oldest first.
    pub fn entries(&self, d: Direction) -> &[Entry] {
        match d {
            Direction::Undo => &self.undo,
            Direction::Redo => &self.redo,
        }
    }

    fn stack(&mut self, d: Direction) -> &mut Vec<Entry> {
        match d {
            Direction::Undo => &mut self.undo,
            Direction::Redo => &mut self.redo,
        }
    }

    fn all(&self) -> impl Iterator<Item = &Entry> {
        self.undo.iter().chain(&self.redo)
    }

    /// Files came or went: each entry follows its file to its new index
    /// (`moved[old]`); the entries of files that are gone are dropped, as
    /// there is nothing left to undo them in.
    pub fn remap(&mut self, moved: &[Option<usize>]) {
        for stack in [&mut self.undo, &mut self.redo] {
            stack.retain_mut(|e| match moved.get(e.file).copied().flatten() {
                Some(now) => {
                    e.file = now;
                    true
                }
                None => false,
            });
        }
    }

    /// Paths with edits that are not on disk yet.
    pub fn unsaved(&self) -> HashSet<ItemPath> {
        self.all()
            .filter(|e| !e.saved)
            .flat_map(|e| e.changes.iter().map(|c| c.path().clone()))
            .collect()
    }

    /// Whether the file has edits not on disk yet.
    pub fn has_unsaved(&self, file: usize) -> bool {
        self.all().any(|e| e.file == file && !e.saved)
    }

    /// Applies changes to one file's items in the model, as a new undo
    /// step (the redo stack is dropped), and queues them for saving.
    pub fn commit(&mut self, p: &mut Portfolio, changes: Vec<Change>) -> Result<Applied, Refused> {
        let (entry, applied) = self.apply(p, changes)?;
        self.undo.push(entry);
        self.redo.clear();
        Ok(applied)
    }

    /// Undoes or redoes the newest entry of that direction's stack. An
    /// entry never saved is undone in memory only, as the file never had it.
    /// Each field it sets must still hold what the entry wrote (the model
    /// is the disk once a change there was read): if one does not, nothing
    /// changes and the step is a [`StepError::Conflict`].
    pub fn step(&mut self, p: &mut Portfolio, d: Direction) -> Result<Applied, StepError> {
        let entry = self.stack(d).pop().ok_or(StepError::Empty)?;
        let changes: Vec<Change> = entry.inverses.iter().rev().cloned().collect();
        match self.apply(p, changes) {
            Ok((back, _)) if let Some((change, theirs)) = moved_on(&entry, &back) => {
                for inv in back.inverses.iter().rev() {
                    let _ = p.apply_change(inv);
                }
                let Change::Field { edit, .. } = &entry.inverses[change] else {
                    unreachable!("moved_on finds fields only")
                };
                let conflict = Conflict {
                    file: p.files[entry.file].path.clone(),
                    item: edit.path.clone(),
                    field: edit.field,
                    theirs,
                    mine: edit.value.clone(),
                };
                let stack = self.stack(d);
                stack.push(entry);
                Err(StepError::Conflict(Box::new(Pending {
                    conflict,
                    stack: d,
                    entry: stack.len() - 1,
                    change,
                    ask: Ask::Step,
                })))
            }
            Ok((mut back, applied)) => {
                back.saved = !entry.saved;
                self.stack(d.other()).push(back);
                Ok(applied)
            }
            Err(e) => {
                self.stack(d).push(entry);
                Err(StepError::Refused(e))
            }
        }
    }

    /// Applies changes to the model, as one entry not yet saved.
    fn apply(
        &mut self,
        p: &mut Portfolio,
        changes: Vec<Change>,
    ) -> Result<(Entry, Applied), Refused> {
        let first = changes.first().ok_or(Refused::Nothing)?;
        let oi = p
            .objective_index(&first.path().objective)
            .ok_or_else(|| Refused::NotLoaded(first.path().to_string()))?;
        let file = p.objectives[oi].file;
        let mut inverses = Vec::with_capacity(changes.len());
        for c in &changes {
            match p.apply_change(c) {
                Ok(inv) => inverses.push(inv),
                Err(e) => {
                    for inv in inverses.iter().rev() {
                        let _ = p.apply_change(inv);
                    }
                    return Err(Refused::Change(e));
                }
            }
        }
        self.pending_saves = true;
        let applied = Applied {
            focus: changes.first().map(|c| c.path().clone()),
            structural: changes.iter().any(|c| !matches!(c, Change::Field { .. })),
        };
        let entry = Entry {
            file,
            changes,
            inverses,
            saved: false,
        };
        Ok((entry, applied))
    }

    /// Asks the next [`Journal::flush`] to write every unsaved entry, also
    /// those whose save was refused.
    pub fn retry(&mut self) {
        self.pending_saves = true;
    }

    /// Writes every unsaved entry, oldest first, if edits were made (or a
    /// retry asked) since the last call; `None` if not. Files others had
    /// changed are merged by the save and read again into the model.
    pub fn flush(&mut self, p: &mut Portfolio) -> Option<Flushed> {
        if !std::mem::take(&mut self.pending_saves) {
            return None;
        }
        let mut out = Flushed::default();
        let mut taken = Vec::new();
        let stacks = self
            .undo
            .iter_mut()
            .enumerate()
            .map(|(i, e)| (Direction::Undo, i, e))
            .chain(
                self.redo
                    .iter_mut()
                    .enumerate()
                    .map(|(i, e)| (Direction::Redo, i, e)),
            );
        for (stack, i, entry) in stacks.filter(|(_, _, e)| !e.saved) {
            out.tried = true;
            let file = &mut p.files[entry.file];
            let (changes, inverses) = (&entry.changes, &mut entry.inverses);
            match memory::aside(|| save_changes(file, changes, inverses)) {
                Ok(saved) => {
                    entry.saved = true;
                    out.saved.push(file.path.display().to_string());
                    if saved.merged {
                        out.merged.push(entry.file);
                    }
                }
                Err(SaveError::Conflict(c)) if out.conflict.is_none() => {
                    let change = entry
                        .changes
                        .iter()
                        .position(|ch| matches!(ch, Change::Field { edit, .. } if edit.path == c.item && edit.field == c.field))
                        .unwrap_or(0);
                    out.failures.push(SaveError::Conflict(c.clone()));
                    out.conflict = Some(Pending {
                        conflict: *c,
                        stack,
                        entry: i,
                        change,
                        ask: Ask::Save,
                    });
                }
                Err(SaveError::Changed { file, item }) if out.conflict.is_none() => {
                    let change = entry
                        .changes
                        .iter()
                        .position(|ch| matches!(ch, Change::Remove { path } if *path == item))
                        .unwrap_or(0);
                    out.conflict = Some(Pending {
                        conflict: Conflict {
                            file: file.clone(),
                            item: item.clone(),
                            field: crate::core::Field::Title,
                            theirs: None,
                            mine: None,
                        },
                        stack,
                        entry: i,
                        change,
                        ask: Ask::Delete,
                    });
                    out.failures.push(SaveError::Changed { file, item });
                }
                Err(e @ SaveError::Taken { .. }) => {
                    // the id is theirs now: my item is not added, and the
                    // model reads theirs
                    taken.push((stack, i));
                    out.merged.push(entry.file);
                    out.failures.push(e);
                }
                Err(e) => out.failures.push(e),
            }
        }
        for &(stack, i) in taken.iter().rev() {
            self.stack(stack).remove(i);
            if let Some(p) = out
                .conflict
                .as_mut()
                .filter(|p| p.stack == stack && p.entry > i)
            {
                p.entry -= 1;
            }
        }
        // files that had changes made on disk: the model follows them
        out.merged.sort_unstable();
        out.merged.dedup();
        for &f in &out.merged {
            p.reload_file(f);
        }
        if !out.saved.is_empty() {
            self.history_pending = true;
        }
        Some(out)
    }

    /// Settles a save's question ([`Ask::Save`], [`Ask::Delete`]): `Mine`
    /// makes my edit replace what is on disk now; `Theirs` puts their value
    /// in the model and drops my change of that field, or my deletion (and
    /// the entry, if nothing is left of it). Either way the next flush
    /// writes the rest. Returns the entry's file, which the app reads again
    /// after a deletion's answer.
    pub fn resolve(
        &mut self,
        p: &mut Portfolio,
        pending: &Pending,
        choice: Choice,
    ) -> Option<usize> {
        self.pending_saves = true;
        let c = &pending.conflict;
        let stack = self.stack(pending.stack);
        let file = stack.get(pending.entry).map(|e| e.file);
        match choice {
            // deleting anyway: the app reads the file again, which makes the
            // removed item the one on disk
            Choice::Mine if pending.ask == Ask::Delete => {}
            Choice::Mine => {
                if let Some(Change::Field { edit, .. }) = stack
                    .get_mut(pending.entry)
                    .and_then(|e| e.inverses.get_mut(pending.change))
                {
                    // what is on disk now is what my edit replaces
                    edit.value = c.theirs.clone();
                }
            }
            Choice::Theirs => {
                if pending.ask == Ask::Save {
                    let theirs = Edit {
                        path: c.item.clone(),
                        field: c.field,
                        value: c.theirs.clone(),
                    };
                    let _ = p.apply(&theirs);
                }
                if let Some(e) = stack.get_mut(pending.entry)
                    && pending.change < e.changes.len()
                    && pending.change < e.inverses.len()
                {
                    e.changes.remove(pending.change);
                    e.inverses.remove(pending.change);
                }
                if stack
                    .get(pending.entry)
                    .is_some_and(|e| e.changes.is_empty())
                {
                    stack.remove(pending.entry);
                }
            }
        }
        file
    }

    /// Settles a [`Ask::Step`] question and takes the step: `Mine` sets my
    /// value over theirs (the step's inverse then puts theirs back),
    /// `Theirs` leaves their value and steps the entry's other changes, if
    /// any. The step may ask again, about another field.
    pub fn resolve_step(
        &mut self,
        p: &mut Portfolio,
        pending: &Pending,
        choice: Choice,
    ) -> Result<Option<Applied>, StepError> {
        let d = pending.stack;
        let stack = self.stack(d);
        let top = stack.len().checked_sub(1);
        let Some(e) = stack
            .get_mut(pending.entry)
            .filter(|_| top == Some(pending.entry))
        else {
            return Err(StepError::Empty);
        };
        if pending.change >= e.changes.len() || pending.change >= e.inverses.len() {
            return Err(StepError::Empty);
        }
        match choice {
            Choice::Mine => {
                if let Change::Field { edit, .. } = &mut e.changes[pending.change] {
                    // what the field holds now is what this step replaces
                    edit.value = pending.conflict.theirs.clone();
                }
            }
            Choice::Theirs => {
                e.changes.remove(pending.change);
                e.inverses.remove(pending.change);
                if e.changes.is_empty() {
                    stack.pop();
                    return Ok(None);
                }
            }
        }
        self.step(p, d).map(Some)
    }

    /// Applies the unsaved edits of `file` again, after it was read again
    /// from disk, and queues them for saving. Returns how many entries.
    pub fn reapply(&mut self, p: &mut Portfolio, file: usize) -> usize {
        let mut reapplied = 0;
        for entry in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            if entry.file == file && !entry.saved {
                let mut inverses = Vec::new();
                for c in &entry.changes {
                    if let Ok(inv) = p.apply_change(c) {
                        inverses.push(inv);
                    }
                }
                entry.inverses = inverses;
                reapplied += 1;
            }
        }
        if reapplied > 0 {
            self.pending_saves = true;
        }
        reapplied
    }

    /// Writes this week's history file if files were saved since it was
    /// last written; `None` if there was nothing to write.
    pub fn record_history(
        &mut self,
        p: &Portfolio,
        today: NaiveDate,
    ) -> Option<std::io::Result<PathBuf>> {
        std::mem::take(&mut self.history_pending)
            .then(|| memory::aside(|| crate::core::history::record(p, today)))
    }
}

/// The first field a step of `entry` sets that no longer holds what the
/// entry wrote, found once the step was applied (`back`, whose inverses
/// are the values before it): its index in the entry, and what it holds.
fn moved_on(entry: &Entry, back: &Entry) -> Option<(usize, Option<Value>)> {
    let n = entry.changes.len();
    // the step applied the entry's inverses last first
    back.inverses.iter().enumerate().find_map(|(j, now)| {
        let i = n.checked_sub(j + 1)?;
        match (&entry.changes[i], now) {
            (Change::Field { edit: wrote, .. }, Change::Field { edit: now, .. })
                if !same(&wrote.value, &now.value) =>
            {
                Some((i, now.value.clone()))
            }
            _ => None,
        }
    })
}

/// Two values of a field, equal as the model holds them (no tags is none).
fn same(a: &Option<Value>, b: &Option<Value>) -> bool {
    let none = |v: &Option<Value>| match v {
        None => true,
        Some(Value::List(l)) => l.is_empty(),
        _ => false,
    };
    a == b || (none(a) && none(b))
}
