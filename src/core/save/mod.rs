//! Writing edits back: format-preserving, atomic, and never over someone
//! else's change.
//!
//! The file is read again and parsed into a `toml_edit` document only when
//! it is edited; only the edited values change, each keeping the comments and
//! spacing around it (see [`crate::core::edit::document`]). The new text is
//! written with [`fsio::write_atomic_on`]. This module owns the merge with
//! changes made on disk since the file was read, and the conflicts.

use std::io;
use std::path::{Path, PathBuf};

use toml_edit::DocumentMut;

use super::edit::document::{apply_to_document, field_in_document, has_item};
use super::edit::{Change, Edit, EditError, Field, RemovedItem, Value, show};
use super::fsio::{self, Disk, RealDisk, fingerprint};
use super::model::{ItemPath, Portfolio, SourceFile};

mod section;

/// Why a save did not happen. The file on disk is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The same field was changed on disk since it was read, to another value.
    #[error(
        "{}: `{}` {} was changed on disk to {} (yours: {}); not overwriting it",
        .0.file.display(),
        .0.item,
        .0.field,
        show(&.0.theirs),
        show(&.0.mine)
    )]
    Conflict(Box<Conflict>),
    /// The item this save adds was added on disk meanwhile, by someone else.
    #[error("{}: `{item}` was added on disk meanwhile; not adding yours over it", file.display())]
    Taken { file: PathBuf, item: ItemPath },
    /// The item this save removes was changed on disk since it was read.
    #[error("{}: `{item}` was changed on disk since it was read; not deleting it", file.display())]
    Changed { file: PathBuf, item: ItemPath },
    /// The file no longer parses, or lacks the edited item.
    #[error("cannot edit {}: {message}", path.display())]
    Document { path: PathBuf, message: String },
    /// Reading or writing failed.
    #[error("cannot write {}: {error}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        error: io::Error,
    },
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

/// What a save did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Saved {
    /// The file had been changed on disk by someone else; the changes were
    /// applied over it, so the model of this file is behind the file.
    pub merged: bool,
}

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

/// How long a save waits for another program to finish writing the file.
pub const SAVE_PATIENCE: std::time::Duration = std::time::Duration::from_secs(2);

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
    let data = file.path.parent().unwrap_or(Path::new("."));
    let _lock = fsio::lock(data, &file.path).map_err(io_err)?;
    // another program writing the file in place: let it finish first
    fsio::wait_for_writers(&file.path, SAVE_PATIENCE).map_err(io_err)?;
    let bytes = fsio::read_regular(&file.path).map_err(io_err)?;
    let merged = fingerprint(&bytes) != file.fingerprint;
    let doc_err = |message: String| SaveError::Document {
        path: file.path.clone(),
        message,
    };
    let raw = String::from_utf8(bytes).map_err(|_| doc_err("not valid UTF-8".into()))?;
    // edited without its BOM and with LF lines, both put back on the way out
    let spelling = Spelling::of(&raw);
    let text = spelling.normalize(&raw);
    if !merged && file.plain {
        // the file is as read, a run of plain sections: edit only the
        // sections of the edited items (the inverses are kept aside in case
        // it cannot be done that way)
        let mut trial = inverses.to_vec();
        if let Some(new_text) = section::edit(&text, changes, &mut trial) {
            inverses.clone_from_slice(&trial);
            let new_text = spelling.restore(&raw, &text, &new_text);
            if new_text != raw {
                fsio::write_atomic_on(disk, &file.path, new_text.as_bytes()).map_err(io_err)?;
            }
            file.fingerprint = fingerprint(new_text.as_bytes());
            return Ok(Saved { merged });
        }
    }
    // a merge left conflict markers: edit our side, then put back the
    // blocks this save did not settle
    let (_, blocks) = super::merge::ours_side(&text);
    let shielded = (!blocks.is_empty()).then(|| super::merge::shield(&text, &blocks));
    let mut doc: DocumentMut = shielded
        .as_deref()
        .unwrap_or(&text)
        .parse()
        .map_err(|e: toml_edit::TomlError| doc_err(e.message().to_string()))?;
    // what toml_edit writes of the file unedited: lines it writes its own
    // way (`[ project . p ]` as `[project.p]`) are kept as they were unless
    // edited
    let unedited = blocks.is_empty().then(|| doc.to_string());
    if merged {
        for (i, change) in changes.iter().enumerate() {
            check_merge(&doc, &text, change, inverses.get(i), &file.path)?;
        }
    }
    for (i, change) in changes.iter().enumerate() {
        apply_to_document(&mut doc, change, inverses.get_mut(i)).map_err(doc_err)?;
    }
    let mut new_text = doc.to_string();
    if !blocks.is_empty() {
        let objective = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let settles = |b: &super::merge::MarkedBlock| {
            changes.iter().any(|c| match c {
                Change::Field { edit, .. } => {
                    b.field
                        .as_ref()
                        .is_some_and(|(key, _, _)| key == edit.field.key())
                        && b.item(&objective).as_deref() == Some(edit.path.to_string().as_str())
                }
                _ => false,
            })
        };
        new_text = super::merge::unshield(&new_text, &blocks, settles);
        file.conflicts = super::merge::ours_side(&new_text).1;
    }
    let new_text = spelling.restore(&raw, unedited.as_deref().unwrap_or(&text), &new_text);
    if new_text != raw {
        fsio::write_atomic_on(disk, &file.path, new_text.as_bytes()).map_err(io_err)?;
    }
    file.fingerprint = fingerprint(new_text.as_bytes());
    file.plain = super::load::is_plain(&file.path, &new_text);
    Ok(Saved { merged })
}

/// How a file is spelt beyond its TOML: a byte order mark, and CRLF line
/// endings. An edit is made on the text without them and they are put
/// back, so that one edit changes one line of a CRLF or BOM file.
struct Spelling {
    bom: bool,
    /// Most lines end with CRLF: new lines do too.
    crlf: bool,
}

impl Spelling {
    fn of(raw: &str) -> Spelling {
        let lines = raw.matches('\n').count();
        let crlf = raw.matches("\r\n").count();
        Spelling {
            bom: raw.starts_with('\u{feff}'),
            crlf: crlf > 0 && crlf * 2 >= lines,
        }
    }

    /// The text as it is edited: no BOM, LF lines.
    fn normalize(&self, raw: &str) -> String {
        let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        if text.contains("\r\n") {
            text.replace("\r\n", "\n")
        } else {
            text.to_string()
        }
    }

    /// `new`, the edited normalized text, written as `raw` was: the lines
    /// before and after the edited ones (those that `new` shares with
    /// `base`, the normalized text as the editor would write it unedited)
    /// are `raw`'s own lines, byte for byte; the edited ones get the file's
    /// line ending; the BOM is put back.
    fn restore(&self, raw: &str, base: &str, new: &str) -> String {
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        if !self.bom && !self.crlf && raw == base {
            // the lines of `raw` are `base`'s and keep their endings: the
            // lines `new` shares with `base` are `raw`'s, the others as
            // written; that is `new` (a large file is not split in lines)
            return new.to_string();
        }
        let (r, b, n): (Vec<&str>, Vec<&str>, Vec<&str>) = (
            raw.split_inclusive('\n').collect(),
            base.split_inclusive('\n').collect(),
            new.split_inclusive('\n').collect(),
        );
        let mut out = String::with_capacity(raw.len() + new.len() / 8 + 3);
        if self.bom {
            out.push('\u{feff}');
        }
        let ending = |out: &mut String, line: &str| match line.strip_suffix('\n') {
            Some(l) if self.crlf && !l.ends_with('\r') => {
                out.push_str(l);
                out.push_str("\r\n");
            }
            _ => out.push_str(line),
        };
        if r.len() != b.len() {
            // the lines do not match up: the new text, in the file's endings
            for line in &n {
                ending(&mut out, line);
            }
            return out;
        }
        let prefix = b.iter().zip(&n).take_while(|(x, y)| x == y).count();
        let most = b.len().min(n.len()) - prefix;
        let suffix = b
            .iter()
            .rev()
            .zip(n.iter().rev())
            .take(most)
            .take_while(|(x, y)| x == y)
            .count();
        r[..prefix].iter().for_each(|l| out.push_str(l));
        for line in &n[prefix..n.len() - suffix] {
            ending(&mut out, line);
        }
        r[r.len() - suffix..].iter().for_each(|l| out.push_str(l));
        out
    }
}

/// Whether `change` can go over a file someone else changed: the field it
/// sets must hold, on disk, either the value it had before (`inverse`) or
/// the value it is set to; an item it adds must not be there yet; an item it
/// removes must be on disk as the model read it (`text` is the file now).
fn check_merge(
    doc: &DocumentMut,
    text: &str,
    change: &Change,
    inverse: Option<&Change>,
    file: &Path,
) -> Result<(), SaveError> {
    let (edit, before) = match (change, inverse) {
        (Change::Field { edit, .. }, Some(Change::Field { edit: before, .. })) => (edit, before),
        (Change::Add { path, .. }, _) if has_item(doc, path) => {
            return Err(SaveError::Taken {
                file: file.to_path_buf(),
                item: path.clone(),
            });
        }
        (
            Change::Remove { path },
            Some(Change::Add {
                restore: Some(r), ..
            }),
        ) if !on_disk_as_read(file, text, path, &r.item) => {
            return Err(SaveError::Changed {
                file: file.to_path_buf(),
                item: path.clone(),
            });
        }
        _ => return Ok(()),
    };
    let theirs = field_in_document(doc, edit).map_err(|message| SaveError::Document {
        path: file.to_path_buf(),
        message,
    })?;
    // numbers are stored as typed, so they compare exactly: 99.989 on disk
    // is not the 99.99 this edit started from
    if theirs == before.value || theirs == edit.value {
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

/// Whether the item at `path` in `text` (the file on disk) is `read`, the
/// model's item: every field, and for a project its stages and milestones.
/// A file that does not load counts as changed.
fn on_disk_as_read(file: &Path, text: &str, path: &ItemPath, read: &RemovedItem) -> bool {
    let id = file.file_stem().unwrap_or_default().to_string_lossy();
    let Some(objective) = super::load::parse_objective(file, &id, text).0 else {
        return false;
    };
    let project = objective
        .projects
        .iter()
        .find(|p| Some(&p.id) == path.project.as_ref());
    match read {
        RemovedItem::Project(p) => project == Some(p),
        RemovedItem::Milestone(m) => project
            .and_then(|p| p.milestones.iter().find(|x| x.id == m.id))
            .is_some_and(|x| x == m),
    }
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
            return Err(CommitError::Edit(EditError::NoSuchItem(first.path.clone())));
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
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    #[error(transparent)]
    Edit(EditError),
    #[error(transparent)]
    Save(SaveError),
}

#[cfg(test)]
mod tests;

/// The fields a merge left between conflict markers in `file`, as
/// conflicts to settle: `mine` is our side's value, `theirs` the other's.
/// Setting the field (to either, or to anything) settles it at the next
/// save. Blocks that are not one field of an item (git's own line merge
/// can leave those) are left to an editor.
pub fn marked_conflicts(file: &SourceFile) -> Vec<Conflict> {
    let objective = file
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    file.conflicts
        .iter()
        .filter_map(|b| {
            let (key, ours, theirs) = b.field.as_ref()?;
            let field = Field::of_key(key)?;
            let t: Vec<&str> = b.table.iter().map(String::as_str).collect();
            let item = match t.as_slice() {
                [] => ItemPath::objective(&objective),
                ["project", p] => ItemPath::project(&objective, p),
                ["metric", m] if field == Field::Value => ItemPath::project(&objective, m),
                ["project", p, "milestone", m] => ItemPath::milestone(&objective, p, m),
                _ => return None,
            };
            let read = |text: &str| {
                text.parse::<toml_edit::Value>()
                    .ok()
                    .map(|v| crate::core::edit::document::value_of(field, &v))
            };
            Some(Conflict {
                file: file.path.clone(),
                item,
                field,
                mine: read(ours),
                theirs: read(theirs),
            })
        })
        .collect()
}
