//! Writing edits back: format-preserving, atomic, and never over someone
//! else's change.
//!
//! The file is read again and parsed into a `toml_edit` document only when
//! it is edited; only the edited values change, each keeping the comments and
//! spacing around it. The new text goes to a temporary file in the same
//! folder, is flushed to disk, and renamed over the old one.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use toml_edit::{DocumentMut, Item, TableLike};

use super::change::{Change, apply_to_document};
use super::edit::{Edit, Field, Value, round_percent};
use super::load::fingerprint;
use super::model::{ItemPath, Portfolio, SourceFile};

mod section;

/// Why a save did not happen. The file on disk is untouched in every case.
#[derive(Debug)]
pub enum SaveError {
    /// The same field was changed on disk since it was read, to another value.
    Conflict(Box<Conflict>),
    /// The file no longer parses, or lacks the edited item.
    Document { path: PathBuf, message: String },
    /// Reading or writing failed.
    Io { path: PathBuf, error: io::Error },
}

/// A field changed both here and on disk.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub file: PathBuf,
    pub item: ItemPath,
    pub field: Field,
    /// The value on disk now.
    pub theirs: Option<Value>,
    /// The value this edit sets.
    pub mine: Option<Value>,
}

/// A value as a person reads it, for messages: `95.46`, `"迁移"`, `(none)`.
pub fn show(v: &Option<Value>) -> String {
    match v {
        None => "(none)".into(),
        Some(Value::Text(t)) => format!("\"{}\"", super::text::sanitize(t, false)),
        Some(Value::Number(n)) => super::text::percent(*n),
        Some(Value::Count(n)) => n.to_string(),
        Some(Value::Date(d)) => d.to_string(),
        Some(Value::Status(s)) => s.to_string(),
        Some(Value::List(l)) => format!("[{}]", super::text::sanitize(&l.join(", "), false)),
    }
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Conflict(c) => write!(
                f,
                "{}: `{}` {} was changed on disk to {} (yours: {}); not overwriting it",
                c.file.display(),
                c.item,
                c.field,
                show(&c.theirs),
                show(&c.mine)
            ),
            SaveError::Document { path, message } => {
                write!(f, "cannot edit {}: {message}", path.display())
            }
            SaveError::Io { path, error } => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for SaveError {}

/// What a save did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Saved {
    /// The file had been changed on disk by someone else; the changes were
    /// applied over it, so the model of this file is behind the file.
    pub merged: bool,
}

/// A step of an atomic write, for faults injected by tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    CreateTemp,
    Write,
    Fsync,
    Rename,
}

/// The file system as saves use it. [`RealDisk`] is the real one; tests
/// put faults in (a full disk, a failed fsync) through [`Disk::before`].
pub trait Disk: Send + Sync {
    /// Called before each step of a write; an error stops the write there.
    fn before(&self, _step: Step, _path: &Path) -> io::Result<()> {
        Ok(())
    }
}

/// The file system, with no faults.
pub struct RealDisk;

impl Disk for RealDisk {}

/// Writes `edits`, all to `file`, through [`save_changes`].
pub fn save_edits(
    file: &mut SourceFile,
    edits: &[Edit],
    undo: &[Edit],
) -> Result<Saved, SaveError> {
    let changes: Vec<Change> = edits.iter().cloned().map(Change::field).collect();
    let mut inverses: Vec<Change> = undo.iter().cloned().map(Change::field).collect();
    save_changes(file, &changes, &mut inverses)
}

/// Writes `changes`, all to `file`, on the real disk. See [`save_changes_on`].
pub fn save_changes(
    file: &mut SourceFile,
    changes: &[Change],
    inverses: &mut [Change],
) -> Result<Saved, SaveError> {
    save_changes_on(&RealDisk, file, changes, inverses)
}

/// Writes `changes`, all to `file`: takes the file's lock, reads it again,
/// and applies the changes to what is on disk now. If someone changed the
/// file since it was read, their changes are kept and ours applied over
/// them, unless they changed a field we change (to another value), which is
/// a [`Conflict`]. `inverses` holds one inverse per change, as the model
/// returned them: their values are what each field held before, and they
/// are completed with what the file knew (exact text, removed tables).
pub fn save_changes_on(
    disk: &dyn Disk,
    file: &mut SourceFile,
    changes: &[Change],
    inverses: &mut [Change],
) -> Result<Saved, SaveError> {
    let io_err = |error| SaveError::Io {
        path: file.path.clone(),
        error,
    };
    let _lock = lock(&file.path).map_err(io_err)?;
    let bytes = fs::read(&file.path).map_err(io_err)?;
    let merged = fingerprint(&bytes) != file.fingerprint;
    let doc_err = |message: String| SaveError::Document {
        path: file.path.clone(),
        message,
    };
    let text = String::from_utf8(bytes).map_err(|_| doc_err("not valid UTF-8".into()))?;
    if !merged && file.plain {
        // the file is as read, a run of plain sections: edit only the
        // sections of the edited items (the inverses are kept aside in case
        // it cannot be done that way)
        let mut trial = inverses.to_vec();
        if let Some(new_text) = section::edit(&text, changes, &mut trial) {
            inverses.clone_from_slice(&trial);
            if new_text != text {
                write_atomic_on(disk, &file.path, new_text.as_bytes()).map_err(io_err)?;
            }
            file.fingerprint = fingerprint(new_text.as_bytes());
            return Ok(Saved { merged });
        }
    }
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| doc_err(e.message().to_string()))?;
    if merged {
        for (i, change) in changes.iter().enumerate() {
            check_merge(&doc, change, inverses.get(i), &file.path)?;
        }
    }
    for (i, change) in changes.iter().enumerate() {
        apply_to_document(&mut doc, change, inverses.get_mut(i)).map_err(doc_err)?;
    }
    let new_text = doc.to_string();
    if new_text != text {
        write_atomic_on(disk, &file.path, new_text.as_bytes()).map_err(io_err)?;
    }
    file.fingerprint = fingerprint(new_text.as_bytes());
    file.plain = super::load::is_plain(&file.path, &new_text);
    Ok(Saved { merged })
}

/// Whether `change` can go over a file someone else changed: the field it
/// sets must hold, on disk, either the value it had before (`inverse`) or
/// the value it is set to.
fn check_merge(
    doc: &DocumentMut,
    change: &Change,
    inverse: Option<&Change>,
    file: &Path,
) -> Result<(), SaveError> {
    let (Change::Field { edit, .. }, Some(Change::Field { edit: before, .. })) = (change, inverse)
    else {
        return Ok(());
    };
    let theirs = field_in_document(doc, edit).map_err(|message| SaveError::Document {
        path: file.to_path_buf(),
        message,
    })?;
    let same = |a: &Option<Value>, b: &Option<Value>| match (a, b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => round_percent(*x) == round_percent(*y),
        _ => a == b,
    };
    if same(&theirs, &before.value) || same(&theirs, &edit.value) {
        return Ok(());
    }
    Err(SaveError::Conflict(Box::new(Conflict {
        file: file.to_path_buf(),
        item: edit.path.clone(),
        field: edit.field,
        theirs,
        mine: edit.value.clone(),
    })))
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
    let Some(v) = table.get(edit.field.key()).and_then(Item::as_value) else {
        return Ok(None);
    };
    use super::edit::Field as F;
    let raw = || {
        let mut bare = v.clone();
        bare.decor_mut().clear();
        Some(Value::Text(bare.to_string()))
    };
    Ok(match edit.field {
        F::Percent | F::Weight | F::Value => v
            .as_float()
            .or_else(|| v.as_integer().map(|i| i as f64))
            .map(Value::Number)
            .or_else(raw),
        F::Total | F::Done => v
            .as_integer()
            .and_then(|i| u64::try_from(i).ok())
            .map(Value::Count)
            .or_else(raw),
        F::Due | F::Start => v
            .as_datetime()
            .and_then(|dt| dt.date)
            .and_then(|d| {
                chrono::NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
            })
            .map(Value::Date)
            .or_else(raw),
        F::Status => v
            .as_str()
            .and_then(super::model::Status::parse)
            .map(Value::Status)
            .or_else(raw),
        F::Tags => v.as_array().map(|a| {
            Value::List(
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect(),
            )
        }),
        _ => v.as_str().map(|s| Value::Text(s.to_string())).or_else(raw),
    })
}

fn child<'a>(parent: &'a dyn TableLike, kind: &str, id: &str) -> Option<&'a dyn TableLike> {
    parent.get(kind)?.as_table_like()?.get(id)?.as_table_like()
}

/// An advisory lock on a data file, held while it is read and written. It
/// lives in a file of its own (`.NAME.lock` beside it), since the rename of
/// a save replaces the data file itself.
pub struct FileLock {
    _file: File,
}

/// Takes the lock of the file at `path` (of its target, for a symlink),
/// waiting for another writer to finish.
pub fn lock(path: &Path) -> io::Result<FileLock> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lock_path = target.with_file_name(format!(".{name}.lock"));
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)?;
    file.lock()?;
    Ok(FileLock { _file: file })
}

impl Portfolio {
    /// Applies `edits` to the model and writes them to their files, returning
    /// the edits that undo them. All edits must be to items of one file.
    /// Nothing is written, and the model is left as it was, if any edit is
    /// refused or the write fails.
    pub fn commit(&mut self, edits: &[Edit]) -> Result<Vec<Edit>, CommitError> {
        let Some(first) = edits.first() else {
            return Ok(Vec::new());
        };
        let file = self
            .objective_index(&first.path.objective)
            .map(|i| self.objectives[i].file);
        let mut undo = Vec::with_capacity(edits.len());
        for edit in edits {
            match self.apply(edit) {
                Ok(inverse) => undo.push(inverse),
                Err(e) => {
                    self.revert(&undo);
                    return Err(CommitError::Edit(e));
                }
            }
        }
        let Some(file) = file else {
            self.revert(&undo);
            return Err(CommitError::Edit(super::edit::EditError::NoSuchItem(
                first.path.clone(),
            )));
        };
        match save_edits(&mut self.files[file], edits, &undo) {
            Err(e) => {
                self.revert(&undo);
                return Err(CommitError::Save(e));
            }
            // someone else's changes are in the file too: read it again
            Ok(saved) if saved.merged => {
                self.reload_file(file);
            }
            Ok(_) => {}
        }
        undo.reverse();
        Ok(undo)
    }

    fn revert(&mut self, undo: &[Edit]) {
        for inverse in undo.iter().rev() {
            // the inverse restores a value that was valid a moment ago
            let _ = self.apply(inverse);
        }
    }
}

/// A refused edit or a failed save.
#[derive(Debug)]
pub enum CommitError {
    Edit(super::edit::EditError),
    Save(SaveError),
}

impl fmt::Display for CommitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommitError::Edit(e) => e.fmt(f),
            CommitError::Save(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CommitError {}

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

/// A key as it stood in its table before it was removed: its name as
/// written, its value with comments, and its place, to put it back exactly.
#[derive(Clone, Debug)]
pub struct RemovedKey {
    pub key: toml_edit::Key,
    pub item: Item,
    pub index: usize,
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

/// The TOML value for a model value: whole percents as integers, dates bare.
fn to_toml(value: &Value) -> toml_edit::Value {
    match value {
        Value::Text(s) => s.as_str().into(),
        Value::Number(n) => {
            let n = round_percent(*n);
            if n.fract() == 0.0 && n.abs() < 1e15 {
                (n as i64).into()
            } else {
                n.into()
            }
        }
        Value::Count(n) => i64::try_from(*n).unwrap_or(i64::MAX).into(),
        Value::Date(d) => {
            use chrono::Datelike;
            toml_edit::Datetime {
                date: Some(toml_edit::Date {
                    year: d.year() as u16,
                    month: d.month() as u8,
                    day: d.day() as u8,
                }),
                time: None,
                offset: None,
            }
            .into()
        }
        Value::Status(s) => s.as_str().into(),
        Value::List(items) => items
            .iter()
            .map(String::as_str)
            .collect::<toml_edit::Array>()
            .into(),
    }
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// The prefix and suffix of stride's temporary files: `.NAME.stride-PID-N.tmp`.
pub const TEMP_MARK: &str = ".stride-";

/// Replaces the file at `path` with `bytes` atomically on the real disk.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_on(&RealDisk, path, bytes)
}

/// Replaces the file at `path` with `bytes` atomically: a temporary file in
/// the same folder is written, flushed to disk and renamed over it, so a
/// crash leaves either the old or the new file. A symlink is written through
/// to its target. The file keeps its permissions. On any failure the
/// temporary file is removed and the old file is untouched.
pub fn write_atomic_on(disk: &dyn Disk, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = if fs::symlink_metadata(path)?.file_type().is_symlink() {
        fs::canonicalize(path)?
    } else {
        path.to_path_buf()
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}{TEMP_MARK}{}-{}.tmp",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let permissions = fs::metadata(&target)?.permissions();
    let result = (|| {
        disk.before(Step::CreateTemp, &tmp)?;
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        disk.before(Step::Write, &tmp)?;
        f.write_all(bytes)?;
        f.set_permissions(permissions)?;
        disk.before(Step::Fsync, &tmp)?;
        f.sync_all()?;
        drop(f);
        disk.before(Step::Rename, &target)?;
        fs::rename(&tmp, &target)?;
        // make the rename itself durable
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes temporary files left by saves that were killed, in `dir`: those
/// of processes that are gone (or, where that cannot be told, older than
/// an hour). They start with `.`, so they are never read as data anyway.
pub fn clean_temporaries(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_suffix(".tmp") else {
            continue;
        };
        let Some((_, ids)) = rest.rsplit_once(TEMP_MARK) else {
            continue;
        };
        if !name.starts_with('.') {
            continue;
        }
        let pid = ids.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let gone = match pid {
            Some(pid) if pid == std::process::id() => false,
            Some(pid) if Path::new("/proc").is_dir() => {
                !Path::new(&format!("/proc/{pid}")).exists()
            }
            _ => e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600),
        };
        if gone && fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::edit::Field;
    use crate::core::model::{ItemPath, Status};

    const FILE: &str = r#"# the objective
title = "O2"   # title comment

[project.hive]   # hive!
title = "HIVE"
percent   =   97    # explicit
  due = 2023-06-30

# a milestone
[project.hive.milestone.migration]
title = 'migration'
percent = 95.46 # of 164
"#;

    fn mig() -> ItemPath {
        ItemPath::milestone("o2", "hive", "migration")
    }

    #[test]
    fn replacing_a_value_keeps_everything_around_it() {
        let out = edit_text(
            FILE,
            &[Edit::set(mig(), Field::Percent, Value::Number(96.0))],
        )
        .unwrap();
        assert_eq!(out, FILE.replace("95.46 # of 164", "96 # of 164"));
        let out = edit_text(
            FILE,
            &[Edit::set(
                ItemPath::project("o2", "hive"),
                Field::Percent,
                Value::Number(97.5),
            )],
        )
        .unwrap();
        assert_eq!(out, FILE.replace("=   97    #", "=   97.5    #"));
    }

    #[test]
    fn adding_a_key_appends_it_to_its_own_table() {
        let out = edit_text(
            FILE,
            &[Edit::set(
                ItemPath::project("o2", "hive"),
                Field::Status,
                Value::Status(Status::AtRisk),
            )],
        )
        .unwrap();
        assert_eq!(
            out,
            FILE.replace(
                "  due = 2023-06-30\n",
                "  due = 2023-06-30\nstatus = \"at_risk\"\n"
            )
        );
    }

    #[test]
    fn removing_a_key_removes_its_line() {
        let out = edit_text(
            FILE,
            &[Edit::remove(ItemPath::project("o2", "hive"), Field::Due)],
        )
        .unwrap();
        assert_eq!(out, FILE.replace("  due = 2023-06-30\n", ""));
    }

    #[test]
    fn dates_are_written_bare() {
        let d = chrono::NaiveDate::from_ymd_opt(2023, 7, 4).unwrap();
        let out = edit_text(FILE, &[Edit::set(mig(), Field::Due, Value::Date(d))]).unwrap();
        assert!(
            out.ends_with("percent = 95.46 # of 164\ndue = 2023-07-04\n"),
            "{out}"
        );
    }

    #[test]
    fn inline_and_dotted_tables_are_edited_in_place() {
        let text = "title = 'o'\nproject.a = { title = 'A', percent = 5 }\n[project.b.milestone]\nm = { title = 'M' }\n";
        let out = edit_text(
            text,
            &[
                Edit::set(
                    ItemPath::project("o", "a"),
                    Field::Percent,
                    Value::Number(10.0),
                ),
                Edit::set(
                    ItemPath::milestone("o", "b", "m"),
                    Field::Owner,
                    Value::Text("张三".into()),
                ),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            "title = 'o'\nproject.a = { title = 'A', percent = 10 }\n[project.b.milestone]\nm = { title = 'M' , owner = \"张三\" }\n"
        );
    }

    #[test]
    fn a_missing_item_is_an_error() {
        let err = edit_text(
            FILE,
            &[Edit::remove(ItemPath::project("o2", "nope"), Field::Due)],
        )
        .unwrap_err();
        assert_eq!(err, "`o2/nope` is not in the file any more");
    }

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("o.toml");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, "new".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["o.toml"]);
    }

    fn source(path: &Path) -> SourceFile {
        SourceFile {
            path: path.to_path_buf(),
            fingerprint: fingerprint(&fs::read(path).unwrap()),
            loaded: true,
            diagnostics: vec![],
            plain: crate::core::load::is_plain(path, &fs::read_to_string(path).unwrap()),
        }
    }

    fn pct(path: ItemPath, n: f64) -> (Change, Change) {
        (
            Change::field(Edit::set(path.clone(), Field::Percent, Value::Number(n))),
            Change::field(Edit::set(path, Field::Percent, Value::Number(95.46))),
        )
    }

    #[test]
    fn a_change_made_on_disk_to_another_field_is_kept_and_ours_applied_over_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("o2.toml");
        fs::write(&path, FILE).unwrap();
        let mut file = source(&path);
        let theirs = FILE.replace("title = 'migration'", "title = '迁移进度'");
        fs::write(&path, &theirs).unwrap();
        let (change, inverse) = pct(mig(), 96.0);
        let saved = save_changes(&mut file, &[change], &mut [inverse]).unwrap();
        assert!(saved.merged);
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            theirs.replace("95.46 # of 164", "96 # of 164")
        );
        assert_eq!(file.fingerprint, fingerprint(&fs::read(&path).unwrap()));
        // nothing changed on disk since: not a merge
        let (change, _) = pct(mig(), 97.0);
        let inverse = Change::field(Edit::set(mig(), Field::Percent, Value::Number(96.0)));
        assert!(
            !save_changes(&mut file, &[change], &mut [inverse])
                .unwrap()
                .merged
        );
    }

    #[test]
    fn the_same_field_changed_on_disk_is_a_conflict_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("o2.toml");
        fs::write(&path, FILE).unwrap();
        let mut file = source(&path);
        let theirs = FILE.replace("95.46 # of 164", "90 # of 164");
        fs::write(&path, &theirs).unwrap();
        let (change, inverse) = pct(mig(), 96.0);
        let err = save_changes(&mut file, &[change], &mut [inverse]).unwrap_err();
        let SaveError::Conflict(c) = &err else {
            panic!("{err}")
        };
        assert_eq!(
            (c.theirs.clone(), c.mine.clone()),
            (Some(Value::Number(90.0)), Some(Value::Number(96.0)))
        );
        assert!(err.to_string().ends_with("`o2/hive/migration` percent was changed on disk to 90 (yours: 96); not overwriting it"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
        // the same value on both sides is no conflict
        let (change, inverse) = pct(mig(), 90.0);
        assert!(save_changes(&mut file, &[change], &mut [inverse]).is_ok());
        assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    }

    #[test]
    fn an_item_removed_on_disk_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("o2.toml");
        fs::write(&path, FILE).unwrap();
        let mut file = source(&path);
        let cut = FILE.find("# a milestone").unwrap();
        fs::write(&path, &FILE[..cut]).unwrap();
        let (change, inverse) = pct(mig(), 96.0);
        let err = save_changes(&mut file, &[change], &mut [inverse]).unwrap_err();
        assert!(
            err.to_string()
                .contains("`o2/hive/migration` is no longer in the file"),
            "{err}"
        );
    }

    /// Fails one step of every write.
    struct FailAt(Step);

    impl Disk for FailAt {
        fn before(&self, step: Step, _path: &Path) -> io::Result<()> {
            if step == self.0 {
                Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    "No space left on device",
                ))
            } else {
                Ok(())
            }
        }
    }

    #[test]
    fn a_failure_at_any_step_leaves_the_old_file_and_no_temporary() {
        for step in [Step::CreateTemp, Step::Write, Step::Fsync, Step::Rename] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("o2.toml");
            fs::write(&path, FILE).unwrap();
            let mut file = source(&path);
            let before = file.fingerprint;
            let (change, inverse) = pct(mig(), 96.0);
            let err =
                save_changes_on(&FailAt(step), &mut file, &[change], &mut [inverse]).unwrap_err();
            assert!(
                err.to_string().contains("No space left on device"),
                "{step:?}: {err}"
            );
            assert_eq!(fs::read_to_string(&path).unwrap(), FILE, "{step:?}");
            assert_eq!(
                file.fingerprint, before,
                "{step:?}: the edit is still to be saved"
            );
            let names: Vec<String> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| !n.ends_with(".lock"))
                .collect();
            assert_eq!(names, ["o2.toml"], "{step:?}");
        }
    }

    #[test]
    fn temporaries_of_dead_processes_are_cleaned_up() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".o.toml.stride-4000000-1.tmp");
        let mine = dir
            .path()
            .join(format!(".o.toml.stride-{}-9.tmp", std::process::id()));
        let other = dir.path().join(".notes.tmp");
        for p in [&dead, &mine, &other] {
            fs::write(p, "x").unwrap();
        }
        assert_eq!(clean_temporaries(dir.path()), 1);
        assert!(!dead.exists() && mine.exists() && other.exists());
    }

    #[test]
    fn a_read_only_file_gives_a_clear_message() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("o2.toml");
        fs::write(&path, FILE).unwrap();
        let mut file = source(&path);
        // a read-only folder: no temporary file can be made beside the data
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let (change, inverse) = pct(mig(), 96.0);
        let result = save_changes(&mut file, &[change], &mut [inverse]);
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        if let Err(e) = result {
            assert!(e.to_string().contains("Permission denied"), "{e}");
            assert_eq!(fs::read_to_string(&path).unwrap(), FILE);
        } else {
            // root ignores permissions: nothing to check but the result
            assert!(fs::read_to_string(&path).unwrap().contains("percent = 96"));
        }
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_goes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let link = dir.path().join("link.toml");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }
}
