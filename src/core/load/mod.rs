//! Reading a data folder: one typed pass over each file, files in parallel.
//!
//! Each file is parsed once into `toml`'s spanned tree (which borrows from the
//! text), walked into the model, and validated on the way, so that every
//! problem carries its line and column. A file with errors is kept out of the
//! tree; the other files are unaffected.
//!
//! This module owns the folder (which files, in parallel, reloading one);
//! `context` is the file being read with its diagnostics, `fields` reads and
//! checks the values of its keys, `walk` reads a parsed file into the model,
//! `sections` is the fast path of plain files.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use toml::de::DeTable;

mod context;
mod contradictions;
mod fields;
mod sections;
#[cfg(test)]
mod tests;
mod walk;

use super::diag::{Diagnostic, LineIndex, Severity};
use super::fsio::{clean_temporaries, fingerprint};
use super::model::{Objective, Portfolio, SourceFile};
use context::Cx;

/// The data folder itself could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read data folder {}: {message}", dir.display())]
pub struct LoadError {
    pub dir: PathBuf,
    pub message: String,
}

/// Whether a file name is an objective file: `*.toml`, not starting with `.` or `_`.
pub fn is_objective_file(name: &str) -> bool {
    name.ends_with(".toml") && name.len() > 5 && !name.starts_with('.') && !name.starts_with('_')
}

/// The objective files of `dir`, in file-name order: regular files
/// (through links), and links whose target is missing (reading them is an
/// error with the file's name, not a silent absence). Other entries named
/// like objective files (a FIFO, a folder, a device) are left out, and
/// [`skipped`] reports them.
pub fn objective_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let (mut files, _) = entries(dir)?;
    files.sort();
    Ok(files)
}

/// The entries of `dir` named like objective files that are not read, as
/// warnings: a FIFO, a folder, a device (a link to `/dev/zero`). For
/// `stride check`.
pub fn skipped(dir: &Path) -> Vec<Diagnostic> {
    let Ok((_, mut skipped)) = entries(dir) else {
        return Vec::new();
    };
    skipped.sort();
    skipped
        .into_iter()
        .map(|(path, what)| Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::whole_file(&path, format!("skipped: {what}, not a regular file"))
        })
        .collect()
}

/// The objective files of `dir`, and the entries named like them that are
/// skipped, with what they are.
#[allow(clippy::type_complexity)]
fn entries(dir: &Path) -> Result<(Vec<PathBuf>, Vec<(PathBuf, String)>), LoadError> {
    let err = |e: std::io::Error| LoadError {
        dir: dir.to_path_buf(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(dir).map_err(err)?;
    if !meta.is_dir() {
        return Err(LoadError {
            dir: dir.to_path_buf(),
            message: "not a folder".into(),
        });
    }
    let (mut files, mut skipped) = (Vec::new(), Vec::new());
    for entry in std::fs::read_dir(dir).map_err(err)? {
        let entry = entry.map_err(err)?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_objective_file(name) {
            continue;
        }
        // follows symlinks: a linked data file is a data file
        let path = entry.path();
        match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => files.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => files.push(path),
            _ => {
                let what = super::fsio::not_regular(&path).unwrap_or_default();
                skipped.push((path, what));
            }
        }
    }
    Ok((files, skipped))
}

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
    let paths = objective_files(dir)?;
    clean_temporaries(dir);
    clean_temporaries(&dir.join(super::history::DIR));
    let indexed: Vec<(usize, &PathBuf)> = paths.iter().enumerate().collect();
    let results = parallel_map(&indexed, |&(i, path)| {
        // warnings are not kept: plain files read a section at a time
        let (file, objective) = load_file_with(path, read_data(path), true);
        let r = objective.map(|mut o| {
            o.file = i;
            f(&o)
        });
        (file, r)
    });
    let mut files = Vec::with_capacity(results.len());
    let mut out = Vec::with_capacity(results.len());
    for (file, r) in results {
        files.push(file);
        out.extend(r);
    }
    Ok((files, out))
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

/// What [`Portfolio::rescan`] found: objective files that came or went.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rescanned {
    /// For each file index before, its index now (`None`: the file is gone).
    pub moved: Vec<Option<usize>>,
    /// The indices of the files that are new.
    pub added: Vec<usize>,
    /// The files that are gone.
    pub removed: Vec<PathBuf>,
}

impl Portfolio {
    /// Looks at the folder's objective files again: files that appeared
    /// (a `git pull`, a copy) are read, files that are gone leave the model,
    /// the others are kept as they are. `None` when the set of files is the
    /// same.
    pub fn rescan(&mut self) -> Result<Option<Rescanned>, LoadError> {
        let paths = objective_files(&self.dir)?;
        if paths.len() == self.files.len()
            && paths.iter().zip(&self.files).all(|(p, f)| *p == f.path)
        {
            return Ok(None);
        }
        let mut old_files: Vec<Option<SourceFile>> = std::mem::take(&mut self.files)
            .into_iter()
            .map(Some)
            .collect();
        let mut old_objectives: Vec<Option<Objective>> = std::mem::take(&mut self.objectives)
            .into_iter()
            .map(Some)
            .collect();
        let mut out = Rescanned {
            moved: vec![None; old_files.len()],
            ..Rescanned::default()
        };
        for (j, path) in paths.iter().enumerate() {
            let before = old_files
                .iter()
                .position(|f| f.as_ref().is_some_and(|f| f.path == *path));
            let (file, objective) = match before {
                Some(i) => {
                    out.moved[i] = Some(j);
                    let o = old_objectives
                        .iter_mut()
                        .find(|o| o.as_ref().is_some_and(|o| o.file == i))
                        .and_then(Option::take);
                    (old_files[i].take().unwrap_or_default(), o)
                }
                None => {
                    out.added.push(j);
                    load_file(path, read_data(path))
                }
            };
            self.files.push(file);
            if let Some(mut o) = objective {
                o.file = j;
                self.objectives.push(o);
            }
        }
        out.removed = old_files.into_iter().flatten().map(|f| f.path).collect();
        Ok(Some(out))
    }

    /// The portfolio as its files are on disk now, or `None` when that is
    /// `self`: only the files whose bytes differ from what was read (by
    /// fingerprint) are read again, and the folder's list of files is
    /// looked at (files that came or went). For what must record the disk,
    /// not a model that may have missed a change (the weekly history).
    pub fn on_disk(&self) -> Option<Portfolio> {
        // every file is read and hashed, on all cores
        let changed = parallel_map(&self.files, |f| {
            super::fsio::read_regular(&f.path)
                .ok()
                .map(|b| super::fsio::fingerprint(&b))
                != Some(f.fingerprint)
        });
        let stale: Vec<usize> = (0..changed.len()).filter(|&i| changed[i]).collect();
        let same_files = objective_files(&self.dir).ok().is_none_or(|l| {
            l.len() == self.files.len() && l.iter().zip(&self.files).all(|(a, f)| *a == f.path)
        });
        if stale.is_empty() && same_files {
            return None;
        }
        let mut fresh = self.clone();
        for i in stale {
            fresh.reload_file(i);
        }
        if !same_files {
            let _ = fresh.rescan();
        }
        Some(fresh)
    }

    /// The portfolio with its file `file` as it is on disk now, or `None`
    /// when its bytes are those read (by fingerprint): [`Portfolio::on_disk`]
    /// for one file, the folder's other files not looked at.
    pub fn file_on_disk(&self, file: usize) -> Option<Portfolio> {
        let f = self.files.get(file)?;
        let now = super::fsio::read_regular(&f.path)
            .ok()
            .map(|b| super::fsio::fingerprint(&b));
        if now == Some(f.fingerprint) {
            return None;
        }
        let mut fresh = self.clone();
        fresh.reload_file(file);
        Some(fresh)
    }

    /// Reads the file `file` (an index into `files`) again from disk into
    /// the model, in place of what was read before. Returns whether it loaded.
    pub fn reload_file(&mut self, file: usize) -> bool {
        let Some(path) = self.files.get(file).map(|f| f.path.clone()) else {
            return false;
        };
        let (source, objective) = load_file(&path, read_data(&path));
        let at = self.objectives.iter().position(|o| o.file == file);
        match (objective, at) {
            (Some(mut o), Some(i)) => {
                o.file = file;
                self.objectives[i] = o;
            }
            (Some(mut o), None) => {
                o.file = file;
                let at = self.objectives.partition_point(|x| x.file < file);
                self.objectives.insert(at, o);
            }
            (None, Some(i)) => {
                self.objectives.remove(i);
            }
            (None, None) => {}
        }
        self.files[file] = source;
        self.files[file].loaded
    }
}

/// Applies `f` to every item on all cores, keeping the order of `items`.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut out: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

/// Reads an objective file: a regular file of a sane size
/// ([`super::fsio::read_regular`]); a link whose target is missing says so.
fn read_data(path: &Path) -> std::io::Result<Vec<u8>> {
    super::fsio::read_regular(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound
            && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        {
            let target = std::fs::read_link(path).unwrap_or_default();
            std::io::Error::new(
                e.kind(),
                format!("the link's target {} is missing", target.display()),
            )
        } else {
            e
        }
    })
}

/// Loads one file from the result of reading it.
pub fn load_file(path: &Path, bytes: std::io::Result<Vec<u8>>) -> (SourceFile, Option<Objective>) {
    load_file_with(path, bytes, false)
}

/// [`load_file`]; when `quiet`, a plain file with warnings (and no error)
/// is read a section at a time and its warnings are not kept: for a
/// command that reports errors only (`set`).
fn load_file_with(
    path: &Path,
    bytes: std::io::Result<Vec<u8>>,
    quiet: bool,
) -> (SourceFile, Option<Objective>) {
    let mut file = SourceFile {
        path: path.to_path_buf(),
        fingerprint: 0,
        loaded: false,
        diagnostics: Vec::new(),
        plain: false,
        conflicts: Vec::new(),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            file.diagnostics.push(Diagnostic::whole_file(
                path,
                format!("cannot read file: {e}"),
            ));
            return (file, None);
        }
    };
    file.fingerprint = fingerprint(&bytes);
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.valid_up_to();
            // valid_up_to is a char boundary, so the prefix is valid UTF-8
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
            file.diagnostics.push(Diagnostic::at(
                path,
                prefix,
                valid,
                Severity::Error,
                format!("the file is not valid UTF-8 (bad byte at offset {valid})"),
            ));
            return (file, None);
        }
    };
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    if super::merge::has_markers(text) {
        // a merge left conflicts: the file loads as our side wrote it, and
        // each block is an error at its line until it is settled
        let (ours, blocks) = super::merge::ours_side(text);
        let (objective, mut diagnostics) = parse_whole(path, &id, &ours);
        let lines = LineIndex::new(text);
        for b in &blocks {
            let place = b.item(&id).unwrap_or_else(|| id.clone());
            diagnostics.push(Diagnostic::at_index(
                path,
                &lines,
                b.offset,
                Severity::Error,
                format!("unresolved merge conflict in {place}: {}", b.describe()),
            ));
        }
        diagnostics.sort_by_key(|d| (d.line, d.column));
        file.diagnostics = diagnostics;
        file.conflicts = blocks;
        file.loaded = objective.is_some();
        return (file, objective);
    }
    let sectioned = if quiet {
        sections::parse_quiet(path, &id, text).map(|o| (o, Vec::new()))
    } else {
        sections::parse_warnings(path, &id, text)
    };
    let objective = match sectioned {
        Some((objective, diagnostics)) => {
            // plain: read a section at a time without a problem
            file.plain = diagnostics.is_empty();
            file.diagnostics = diagnostics;
            Some(objective)
        }
        None => {
            let (objective, diagnostics) = parse_whole(path, &id, text);
            file.diagnostics = diagnostics;
            objective
        }
    };
    file.loaded = objective.is_some();
    (file, objective)
}

/// Whether `text`, the text of the objective file at `path`, is a run of
/// plain sections that the sectioned loader reads exactly (and without a
/// problem): what [`SourceFile::plain`] says.
pub fn is_plain(path: &Path, text: &str) -> bool {
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    sections::parse(path, id, text).is_some()
}

/// A portfolio of one objective file, `o.toml`, parsed from `text`
/// (which must have no error): what unit tests build on.
#[cfg(test)]
pub(crate) fn portfolio_of(text: &str) -> Portfolio {
    let (o, d) = parse_objective(Path::new("o.toml"), "o", text);
    // warnings (fields that contradict each other) are the tests' to make
    assert!(!d.iter().any(Diagnostic::is_error), "{d:?}");
    Portfolio {
        files: vec![SourceFile {
            path: "o.toml".into(),
            fingerprint: 0,
            loaded: true,
            diagnostics: vec![],
            plain: false,
            conflicts: Vec::new(),
        }],
        objectives: vec![o.expect("the objective loads")],
        ..Portfolio::default()
    }
}

/// Parses the text of one objective file. The objective is `None` when the
/// file has any error; the diagnostics list errors and warnings alike.
pub fn parse_objective(path: &Path, id: &str, text: &str) -> (Option<Objective>, Vec<Diagnostic>) {
    // most files read a table at a time, in little memory; any other file,
    // and any file with a problem, is parsed whole
    if let Some((objective, diagnostics)) = sections::parse_warnings(path, id, text) {
        return (Some(objective), diagnostics);
    }
    parse_whole(path, id, text)
}

/// [`parse_objective`] a section at a time, or `None` where that path
/// leaves the file to [`parse_whole`]: for the tests that compare the two.
pub fn parse_sectioned(path: &Path, id: &str, text: &str) -> Option<(Objective, Vec<Diagnostic>)> {
    sections::parse_warnings(path, id, text)
}

/// [`parse_objective`] in one parse of the whole text: the slow path, and
/// the one that finds every problem with its place.
pub fn parse_whole(path: &Path, id: &str, text: &str) -> (Option<Objective>, Vec<Diagnostic>) {
    let mut cx = Cx::new(path, text);
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let message = e.message().trim().replace('\n', "; ");
            cx.at(offset, Severity::Error, format!("TOML syntax: {message}"));
            return (None, cx.diags);
        }
    };
    // every value of the file, read by stride or not, must be a valid one
    for (span, message) in super::scalar::problems(root.get_ref(), text) {
        cx.error(span, message);
    }
    let objective = cx.objective(id, root.get_ref(), root.span());
    let ok = !cx.diags.iter().any(Diagnostic::is_error);
    (ok.then_some(objective), cx.diags)
}
