//! Looking at a loaded folder again: files that came, went or changed.

use std::path::PathBuf;

use super::file::{load_file, parallel_map, read_data};
use super::folder::{LoadError, objective_files};
use crate::core::model::{Objective, Portfolio, SourceFile};

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
            crate::core::fsio::read_regular(&f.path)
                .ok()
                .map(|b| crate::core::fsio::fingerprint(&b))
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
        let now = crate::core::fsio::read_regular(&f.path)
            .ok()
            .map(|b| crate::core::fsio::fingerprint(&b));
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
