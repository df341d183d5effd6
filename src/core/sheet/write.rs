//! Carrying out a checked import: new objective files first, then each
//! file's changes through the format-preserving save, one save a file.

use std::path::Path;

use super::plan::Plan;
use crate::core::fsio::write_atomic;
use crate::core::load::load_dir;
use crate::core::model::Portfolio;
use crate::core::save::save_changes;

/// Writes `plan` into the folder `dir` (created if missing) and returns
/// the folder as it now is.
pub fn write(dir: &Path, plan: &Plan) -> Result<Portfolio, String> {
    if !plan.objectives.is_empty() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    for (id, title) in &plan.objectives {
        let path = dir.join(format!("{id}.toml"));
        if path.exists() {
            return Err(format!(
                "{} appeared meanwhile; not writing over it",
                path.display()
            ));
        }
        let mut doc = toml_edit::DocumentMut::new();
        doc["title"] = toml_edit::value(title.as_str());
        write_atomic(&path, doc.to_string().as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let mut portfolio = load_dir(dir).map_err(|e| e.to_string())?;
    for (objective, changes) in &plan.changes {
        let Some(file) = portfolio.file_of(objective) else {
            return Err(format!("no file for objective {objective}"));
        };
        let mut inverses = Vec::with_capacity(changes.len());
        for change in changes {
            let inverse = portfolio
                .apply_change(change)
                .map_err(|e| format!("{}: {e}", change.path()))?;
            inverses.push(inverse);
        }
        let saved = save_changes(&mut portfolio.files[file], changes, &mut inverses)
            .map_err(|e| e.to_string())?;
        if saved.merged {
            portfolio.reload_file(file);
        }
    }
    Ok(portfolio)
}
