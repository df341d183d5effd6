//! Reading a data folder: one typed pass over each file, files in parallel.
//!
//! Each file is parsed once into `toml`'s spanned tree (which borrows from the
//! text), walked into the model, and validated on the way, so that every
//! problem carries its line and column. A file with errors is kept out of the
//! tree; the other files are unaffected.
//!
//! This module owns the commands' ways through a folder (all of it, one
//! file, a file at a time); `folder` lists the objective files, `file` reads
//! one, `rescan` looks at a loaded folder again, `ordered` works on all
//! cores and hands results on in order; `context` is the file being read with its diagnostics, `fields` reads and
//! checks the values of its keys, `walk` reads a parsed file into the model,
//! `sections` is the fast path of plain files.

use std::path::{Path, PathBuf};

mod context;
mod contradictions;
mod fields;
mod file;
mod folder;
mod lines;
#[cfg(test)]
mod lines_tests;
mod ordered;
mod rescan;
mod sections;
#[cfg(test)]
mod tests;
mod walk;

use super::fsio::clean_temporaries;
use super::model::{Objective, Portfolio, SourceFile};
#[cfg(test)]
pub(crate) use file::portfolio_of;
pub use file::{is_plain, load_file, parse_objective, parse_sectioned, parse_whole};
use file::{load_file_with, parallel_map, read_data};
pub use folder::{LoadError, is_objective_file, objective_files, skipped};
pub use rescan::Rescanned;

/// Loads every objective file of `dir`, in parallel, into a portfolio.
pub fn load_dir(dir: &Path) -> Result<Portfolio, LoadError> {
    let paths = objective_files(dir)?;
    // what a killed save left behind
    clean_temporaries(dir);
    clean_temporaries(&dir.join(super::history::DIR));
    let results = parallel_map(&paths, |path| {
        let bytes = read_data(path);
        load_file(path, bytes)
    });
    let (settings, settings_diagnostics) = super::settings::load(dir);
    let mut portfolio = Portfolio {
        dir: dir.to_path_buf(),
        files: Vec::with_capacity(paths.len()),
        objectives: Vec::new(),
        settings,
        settings_diagnostics,
    };
    for (i, (file, objective)) in results.into_iter().enumerate() {
        if let Some(mut o) = objective {
            o.file = i;
            portfolio.objectives.push(o);
        }
        portfolio.files.push(file);
    }
    Ok(portfolio)
}

/// Loads the one objective file of `dir` whose id is `id` (`id.toml`), and
/// the settings, as [`load_dir`] would read them: for a command that edits
/// one objective and needs nothing of the others (`stride set`). The other
/// files are not read, so their problems are not reported, nor are the
/// warnings of this one (an error refuses the edit). When there is
/// no such objective file, the portfolio has no file (an edit of it is then
/// refused as an edit of a folder without it would be).
pub fn load_one(dir: &Path, id: &str) -> Result<Portfolio, LoadError> {
    let meta = std::fs::metadata(dir).map_err(|e| LoadError {
        dir: dir.to_path_buf(),
        message: e.to_string(),
    })?;
    if !meta.is_dir() {
        return Err(LoadError {
            dir: dir.to_path_buf(),
            message: "not a folder".into(),
        });
    }
    clean_temporaries(dir);
    clean_temporaries(&dir.join(super::history::DIR));
    let name = format!("{id}.toml");
    let path = dir.join(&name);
    // named and typed as `objective_files` would list it
    let listed = is_objective_file(&name)
        && Path::new(&name).file_name() == Some(std::ffi::OsStr::new(&name))
        && match std::fs::metadata(&path) {
            Ok(m) => m.is_file(),
            Err(e) => {
                e.kind() == std::io::ErrorKind::NotFound && std::fs::symlink_metadata(&path).is_ok()
            }
        };
    let (settings, settings_diagnostics) = super::settings::load(dir);
    let mut portfolio = Portfolio {
        dir: dir.to_path_buf(),
        files: Vec::with_capacity(1),
        objectives: Vec::new(),
        settings,
        settings_diagnostics,
    };
    if listed {
        // set reports the file's errors, not its warnings
        let (file, objective) = load_file_with(&path, read_data(&path), true);
        if let Some(mut o) = objective {
            o.file = 0;
            portfolio.objectives.push(o);
        }
        portfolio.files.push(file);
    }
    Ok(portfolio)
}

/// Reads the objective files of `dir` as [`load_dir`] does, in parallel,
/// but hands each objective to `f` as soon as it is read and keeps only
/// what `f` returns: for a command that goes through the portfolio once,
/// this holds a file or two in memory instead of the whole portfolio.
/// Returns every file, loaded or not, and `f`'s results for the objectives
/// that loaded, both in file-name order. Settings are not read, and the
/// files' warnings are not kept (their errors are): a plain file with
/// warnings is read a section at a time, in little memory.
pub fn map_dir<R: Send>(
    dir: &Path,
    f: impl Fn(&Objective) -> R + Sync,
) -> Result<(Vec<SourceFile>, Vec<R>), LoadError> {
    let mut out = Vec::new();
    let files = map_dir_each(dir, f, |r| out.push(r))?;
    Ok((files, out))
}

/// [`map_dir`] without holding the results: each objective's result goes
/// to `sink`, on this thread and in file-name order, as soon as its file
/// and those before it are read (while the next files are being read), so
/// that a command can write it out and drop it (`stride list --format
/// json`). Returns every file, loaded or not, in file-name order.
pub fn map_dir_each<R: Send>(
    dir: &Path,
    f: impl Fn(&Objective) -> R + Sync,
    mut sink: impl FnMut(R),
) -> Result<Vec<SourceFile>, LoadError> {
    let paths = objective_files(dir)?;
    clean_temporaries(dir);
    clean_temporaries(&dir.join(super::history::DIR));
    let indexed: Vec<(usize, &PathBuf)> = paths.iter().enumerate().collect();
    let mut files = Vec::with_capacity(paths.len());
    ordered::parallel_each(
        &indexed,
        |&(i, path)| {
            // warnings are not kept: plain files read a section at a time
            let (file, objective) = load_file_with(path, read_data(path), true);
            let r = objective.map(|mut o| {
                o.file = i;
                f(&o)
            });
            (file, r)
        },
        |(file, r)| {
            files.push(file);
            if let Some(r) = r {
                sink(r);
            }
        },
    );
    Ok(files)
}

/// Reads the objective files of `dir` and the settings as [`load_dir`]
/// does, for their diagnostics only (`stride check`): the portfolio has
/// every file and the settings, and no objective, each one dropped as soon
/// as its file is read, so that a file or two is in memory at a time.
pub fn check_dir(dir: &Path) -> Result<Portfolio, LoadError> {
    let paths = objective_files(dir)?;
    clean_temporaries(dir);
    clean_temporaries(&dir.join(super::history::DIR));
    let files = parallel_map(&paths, |path| load_file(path, read_data(path)).0);
    let (settings, settings_diagnostics) = super::settings::load(dir);
    Ok(Portfolio {
        dir: dir.to_path_buf(),
        files,
        objectives: Vec::new(),
        settings,
        settings_diagnostics,
    })
}
