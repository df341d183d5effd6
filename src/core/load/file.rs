//! Reading one objective file: bytes to model and diagnostics, by the
//! section reader where the file is plain, whole otherwise.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use toml::de::DeTable;

use super::context::Cx;
use super::sections;
use crate::core::diag::{Diagnostic, LineIndex, Severity};
use crate::core::fsio::fingerprint;
#[cfg(test)]
use crate::core::model::Portfolio;
use crate::core::model::{Objective, SourceFile};

/// Applies `f` to every item on all cores, keeping the order of `items`.
pub(super) fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
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
/// ([`crate::core::fsio::read_regular`]); a link whose target is missing says so.
pub(super) fn read_data(path: &Path) -> std::io::Result<Vec<u8>> {
    crate::core::fsio::read_regular(path).map_err(|e| {
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
pub(super) fn load_file_with(
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
    if crate::core::merge::has_markers(text) {
        // a merge left conflicts: the file loads as our side wrote it, and
        // each block is an error at its line until it is settled
        let (ours, blocks) = crate::core::merge::ours_side(text);
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
    for (span, message) in crate::core::scalar::problems(root.get_ref(), text) {
        cx.error(span, message);
    }
    let objective = cx.objective(id, root.get_ref(), root.span());
    let ok = !cx.diags.iter().any(Diagnostic::is_error);
    (ok.then_some(objective), cx.diags)
}
