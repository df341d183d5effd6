//! Creating items with their fields, as `stride add` and the TUI's add form
//! do: a project or milestone is one save of a [`Change::Add`] followed by
//! the [`Change::Field`]s of its other fields (so its keys are appended to
//! its new table, after its siblings, and nothing else in the file moves);
//! an objective is a new file, written atomically.

use std::path::{Path, PathBuf};

use toml_edit::DocumentMut;

use super::edit::apply::id_problem;
use super::edit::document::edit_text;
use super::edit::{Change, Edit, EditError, IdProblem};
use super::fsio;
use super::load::{is_objective_file, load_file};
use super::model::{ItemPath, Portfolio};
use super::progress::consistent;
use super::save::{CommitError, SaveError, save_changes};

/// Adds the project or milestone at `path` with `title` and the `fields`
/// (edits of that same path), in one save. Nothing is written, and the
/// model is left as it was, if anything is refused.
pub fn add_item(
    p: &mut Portfolio,
    path: &ItemPath,
    title: &str,
    fields: Vec<Edit>,
) -> Result<(), CommitError> {
    let add = Change::Add {
        path: path.clone(),
        title: title.to_string(),
        restore: None,
    };
    let mut inverses = vec![p.apply_change(&add).map_err(CommitError::Edit)?];
    let mut changes = vec![add];
    // a status, stage or count brings what keeps the item consistent
    for edit in consistent(p, fields) {
        match p.apply(&edit) {
            Ok(inverse) => {
                changes.push(Change::field(edit));
                inverses.push(Change::field(inverse));
            }
            Err(e) => {
                revert(p, &inverses);
                return Err(CommitError::Edit(e));
            }
        }
    }
    let Some(file) = p.file_of(&path.objective) else {
        revert(p, &inverses);
        return Err(CommitError::Edit(EditError::NoSuchItem(path.clone())));
    };
    match save_changes(&mut p.files[file], &changes, &mut inverses) {
        Err(e) => {
            revert(p, &inverses);
            Err(CommitError::Save(e))
        }
        Ok(saved) => {
            if saved.merged {
                p.reload_file(file);
            }
            Ok(())
        }
    }
}

fn revert(p: &mut Portfolio, inverses: &[Change]) {
    for inverse in inverses.iter().rev() {
        // the inverse restores what was valid a moment ago
        let _ = p.apply_change(inverse);
    }
}

/// Why an objective's id cannot be used: the item rules, and a file name
/// the loader reads as an objective (not starting with `.` or `_`).
pub fn objective_id_problem(id: &str) -> Option<IdProblem> {
    id_problem(id).or_else(|| {
        (!is_objective_file(&format!("{id}.toml"))).then(|| IdProblem::Reserved(id.to_string()))
    })
}

/// Creates the objective `id` in the data folder `dir`: the file `ID.toml`
/// with `title` and the `fields` (edits of the objective's path), checked
/// as `set` checks them and written atomically. An id already taken (a
/// file of that name, loaded or not) is refused.
pub fn create_objective(
    dir: &Path,
    id: &str,
    title: &str,
    fields: &[Edit],
) -> Result<PathBuf, CommitError> {
    let refuse = |e: EditError| CommitError::Edit(e);
    if let Some(problem) = objective_id_problem(id) {
        return Err(refuse(problem.into()));
    }
    if title.trim().is_empty() {
        return Err(refuse(EditError::NoTitle));
    }
    let path = ItemPath::objective(id);
    if let Some(e) = fields.iter().find(|e| e.path != path) {
        return Err(refuse(EditError::NoSuchItem(e.path.clone())));
    }
    let file = dir.join(format!("{id}.toml"));
    if std::fs::symlink_metadata(&file).is_ok() {
        return Err(refuse(EditError::AlreadyExists(path)));
    }
    let mut doc = DocumentMut::new();
    doc["title"] = toml_edit::value(title);
    let first = doc.to_string();
    // the fields checked on a model of the new file alone
    let (source, objective) = load_file(&file, Ok(first.clone().into_bytes()));
    let mut scratch = Portfolio {
        dir: dir.to_path_buf(),
        files: vec![source],
        objectives: objective.into_iter().collect(),
        ..Portfolio::default()
    };
    for edit in fields {
        scratch.apply(edit).map_err(refuse)?;
    }
    let doc_err = |message: String| {
        CommitError::Save(SaveError::Document {
            path: file.clone(),
            message,
        })
    };
    let text = edit_text(&first, fields).map_err(doc_err)?;
    let io_err = |error| {
        CommitError::Save(SaveError::Io {
            path: file.clone(),
            error,
        })
    };
    let _lock = fsio::lock(dir, &file).map_err(io_err)?;
    if std::fs::symlink_metadata(&file).is_ok() {
        return Err(refuse(EditError::AlreadyExists(path)));
    }
    fsio::write_atomic(&file, text.as_bytes()).map_err(io_err)?;
    Ok(file)
}
