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
use super::edit::{Edit, Value, round_percent};
use super::load::fingerprint;
use super::model::{Portfolio, SourceFile};

/// Why a save did not happen. The file on disk is untouched in every case.
#[derive(Debug)]
pub enum SaveError {
    /// The file changed on disk since it was read.
    ChangedOnDisk(PathBuf),
    /// The file no longer parses, or lacks the edited item.
    Document { path: PathBuf, message: String },
    /// Reading or writing failed.
    Io { path: PathBuf, error: io::Error },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::ChangedOnDisk(p) => write!(
                f,
                "{} changed on disk since it was read; not overwriting it (reload and try again)",
                p.display()
            ),
            SaveError::Document { path, message } => {
                write!(f, "cannot edit {}: {message}", path.display())
            }
            SaveError::Io { path, error } => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for SaveError {}

/// Writes `edits`, all to `file`, if the file is still as it was read.
/// On success the file's fingerprint is brought up to date.
pub fn save_edits(file: &mut SourceFile, edits: &[Edit]) -> Result<(), SaveError> {
    let changes: Vec<Change> = edits.iter().cloned().map(Change::field).collect();
    save_changes(file, &changes, &mut [])
}

/// Writes `changes`, all to `file`, if the file is still as it was read.
/// `inverses`, when not empty, holds one inverse per change (as the model
/// returned them), to complete with what the file knew.
pub fn save_changes(
    file: &mut SourceFile,
    changes: &[Change],
    inverses: &mut [Change],
) -> Result<(), SaveError> {
    let io_err = |error| SaveError::Io {
        path: file.path.clone(),
        error,
    };
    let bytes = fs::read(&file.path).map_err(io_err)?;
    if fingerprint(&bytes) != file.fingerprint {
        return Err(SaveError::ChangedOnDisk(file.path.clone()));
    }
    let doc_err = |message: String| SaveError::Document {
        path: file.path.clone(),
        message,
    };
    let text = String::from_utf8(bytes).map_err(|_| doc_err("not valid UTF-8".into()))?;
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| doc_err(e.message().to_string()))?;
    for (i, change) in changes.iter().enumerate() {
        apply_to_document(&mut doc, change, inverses.get_mut(i)).map_err(doc_err)?;
    }
    let new_text = doc.to_string();
    if new_text != text {
        write_atomic(&file.path, new_text.as_bytes()).map_err(io_err)?;
    }
    file.fingerprint = fingerprint(new_text.as_bytes());
    Ok(())
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
            // apply() succeeded, so the objective exists
            unreachable!("edited objective has a file")
        };
        if let Err(e) = save_edits(&mut self.files[file], edits) {
            self.revert(&undo);
            return Err(CommitError::Save(e));
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
        set_in_document(&mut doc, edit, None)?;
    }
    Ok(doc.to_string())
}

/// Sets or removes one key of one item in the document, keeping the old
/// value's comments and spacing. `repr` is exact TOML text to write instead
/// of the formatted value. Returns the old value's exact text, if any.
pub fn set_in_document(
    doc: &mut DocumentMut,
    edit: &Edit,
    repr: Option<&str>,
) -> Result<Option<String>, String> {
    let missing = || format!("`{}` is not in the file any more", edit.path);
    let mut table: &mut dyn TableLike = doc.as_table_mut();
    if let Some(pid) = &edit.path.project {
        table = child_table(table, "project", pid).ok_or_else(missing)?;
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
    match &edit.value {
        None => {
            table.remove(key);
        }
        Some(value) => {
            let mut new = match repr.map(str::parse::<toml_edit::Value>) {
                Some(Ok(v)) => v,
                _ => to_toml(value),
            };
            match table.get_mut(key) {
                Some(Item::Value(old)) => {
                    *new.decor_mut() = old.decor().clone();
                    *old = new;
                }
                Some(other) => *other = Item::Value(new),
                None => {
                    table.insert(key, Item::Value(new));
                }
            }
        }
    }
    Ok(old)
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

/// Replaces the file at `path` with `bytes` atomically: a temporary file in
/// the same folder is written, flushed to disk and renamed over it, so a
/// crash leaves either the old or the new file. A symlink is written through
/// to its target. The file keeps its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
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
        ".{name}.stride-{}-{}.tmp",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let permissions = fs::metadata(&target)?.permissions();
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.set_permissions(permissions)?;
        f.sync_all()?;
        drop(f);
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
