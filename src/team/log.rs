//! `stride log`: who changed what, read from the repository's history of
//! the data folder with gix (no `git` process, no porcelain parsing).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use gix::ObjectId;

use std::sync::atomic::{AtomicUsize, Ordering};

use super::chain::{Found, Step, chain_changes};
use super::versions::{Version, file_changes};
use crate::core::diff::FieldChange;

/// One changed field, with the commit that changed it.
#[derive(Clone, Debug)]
pub struct LogEntry {
    pub commit: String,
    pub author: String,
    pub at: DateTime<FixedOffset>,
    pub change: FieldChange,
}

/// Which changes to list.
#[derive(Clone, Debug, Default)]
pub struct LogQuery {
    /// An item's path: its changes and those of the items under it.
    pub path: Option<String>,
    /// Only commits made on or after this day (in their own time zone).
    pub since: Option<NaiveDate>,
    /// Only commits whose author's name or e-mail contains this (any case).
    pub author: Option<String>,
    /// At most this many commits are read (`None`: all).
    pub max_commits: Option<usize>,
}

/// Why there is no log.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("{0} is not inside a git repository")]
    NotARepository(PathBuf),
    #[error("reading the git history of {path}: {message}")]
    Git { path: PathBuf, message: String },
}

type Files = HashMap<String, ObjectId>;

/// The repository holding the data folder `data`, and the folder's path
/// in its work tree.
fn open(data: &Path) -> Result<(gix::Repository, PathBuf), LogError> {
    let git = |e: &dyn std::fmt::Display| LogError::Git {
        path: data.to_path_buf(),
        message: e.to_string(),
    };
    let (repo, _) = super::pack_cache::discover(data)
        .map_err(|_| LogError::NotARepository(data.to_path_buf()))?;
    let Some(workdir) = repo.workdir() else {
        return Err(LogError::NotARepository(data.to_path_buf()));
    };
    let top = workdir.canonicalize().map_err(|e| git(&e))?;
    let here = data.canonicalize().map_err(|e| git(&e))?;
    let rel = here.strip_prefix(&top).map_err(|e| git(&e))?.to_path_buf();
    Ok((repo, rel))
}

/// The changes to the data folder `data`, newest first.
pub fn log(data: &Path, q: &LogQuery) -> Result<Vec<LogEntry>, LogError> {
    log_with(data, q, true)
}

/// [`log`], parsing only the sections of a file that changed in a commit
/// where `cut` (and where the file allows), else every version whole: the
/// same entries either way (tests compare them).
pub fn log_with(data: &Path, q: &LogQuery, cut: bool) -> Result<Vec<LogEntry>, LogError> {
    let git = |e: &dyn std::fmt::Display| LogError::Git {
        path: data.to_path_buf(),
        message: e.to_string(),
    };
    let (repo, rel) = open(data)?;
    let head = match repo.head_id() {
        Ok(id) => id.detach(),
        Err(_) => return Ok(Vec::new()), // no commit yet
    };
    let only = q
        .path
        .as_deref()
        .map(|p| format!("{}.toml", p.split('/').next().unwrap_or(p)));
    let since = q
        .since
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp());
    let who = q.author.as_deref().map(str::to_lowercase);

    let mut files_of: HashMap<ObjectId, Rc<Files>> = HashMap::new();
    let mut commits = Vec::new();
    let walk = repo
        .rev_walk([head])
        .sorting(gix::revision::walk::Sorting::ByCommitTime(
            gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
        ))
        .all()
        .map_err(|e| git(&e))?;
    for (n, info) in walk.enumerate() {
        if q.max_commits.is_some_and(|m| n >= m) {
            break;
        }
        let info = info.map_err(|e| git(&e))?;
        let commit = info.object().map_err(|e| git(&e))?;
        let author = commit.author().map_err(|e| git(&e))?;
        let time = author.time().map_err(|e| git(&e))?;
        if since.is_some_and(|s| commit.time().map(|t| t.seconds).unwrap_or(0) < s) {
            break; // newest first: every later commit is older
        }
        if info.parent_ids.len() > 1 {
            continue; // a merge: its changes are listed where they were made
        }
        let author_name = author.name.to_string();
        if let Some(w) = &who
            && !author_name.to_lowercase().contains(w.as_str())
            && !author.email.to_string().to_lowercase().contains(w.as_str())
        {
            continue;
        }
        let now = data_tree(&repo, commit.tree_id().map_err(|e| git(&e))?.detach(), &rel)
            .map_err(|e| git(&e))?;
        let before = match info.parent_ids.first() {
            Some(p) => {
                let pc = repo.find_commit(*p).map_err(|e| git(&e))?;
                data_tree(&repo, pc.tree_id().map_err(|e| git(&e))?.detach(), &rel)
                    .map_err(|e| git(&e))?
            }
            None => None,
        };
        if now == before {
            continue;
        }
        let files = |tree: Option<ObjectId>, cache: &mut HashMap<ObjectId, Rc<Files>>| {
            let Some(tree) = tree else {
                return Ok(Rc::new(Files::new()));
            };
            if let Some(f) = cache.get(&tree) {
                return Ok(f.clone());
            }
            let f = toml_files(&repo, tree).map_err(|e| git(&e))?;
            let f = Rc::new(f);
            cache.insert(tree, f.clone());
            Ok::<_, LogError>(f)
        };
        let a = files(now, &mut files_of)?;
        let b = files(before, &mut files_of)?;
        let mut names: Vec<&String> = a
            .keys()
            .chain(b.keys().filter(|k| !a.contains_key(*k)))
            .filter(|name| only.as_ref().is_none_or(|o| o == *name))
            .filter(|name| b.get(*name) != a.get(*name))
            .collect();
        names.sort();
        commits.push(Commit {
            id: info.id.to_string(),
            author: author_name,
            at: to_chrono(time.seconds, time.offset),
            files: names
                .into_iter()
                .map(|name| (name.clone(), b.get(name).copied(), a.get(name).copied()))
                .collect(),
        });
    }
    let found = read_changes(data, &commits, cut).map_err(|e| git(&e))?;
    let mut out = Vec::new();
    for ((ci, _), list) in found {
        for change in list {
            if let Some(p) = &q.path
                && !(change.path == *p || change.path.starts_with(&format!("{p}/")))
            {
                continue;
            }
            let c = &commits[ci];
            out.push(LogEntry {
                commit: c.id.clone(),
                author: c.author.clone(),
                at: c.at,
                change,
            });
        }
    }
    Ok(out)
}

/// A commit to list: who, when, and the files it changed (by name, with
/// their blob ids before and after), in name order.
struct Commit {
    id: String,
    author: String,
    at: DateTime<FixedOffset>,
    files: Vec<(String, Option<ObjectId>, Option<ObjectId>)>,
}

/// The field changes of every commit's files, by (commit, file), in that
/// order. Each file's versions are read once each (`chain.rs`); the files
/// are shared out among threads, each with the repository opened again.
fn read_changes(data: &Path, commits: &[Commit], cut: bool) -> Result<Vec<Found>, String> {
    let mut by_name: HashMap<&str, Vec<Step>> = HashMap::new();
    for (ci, c) in commits.iter().enumerate() {
        for (fi, (name, before, after)) in c.files.iter().enumerate() {
            by_name
                .entry(name.as_str())
                .or_default()
                .push(((ci, fi), *before, *after));
        }
    }
    let mut chains: Vec<(&str, Vec<Step>)> = by_name.into_iter().collect();
    // the longest first, for an even share
    chains.sort_by(|x, y| y.1.len().cmp(&x.1.len()).then(x.0.cmp(y.0)));
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(chains.len());
    let mut out = if workers <= 1 {
        let (local, pins) = super::pack_cache::discover(data).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        for (name, chain) in &chains {
            out.extend(chain_changes(&local, &pins, name, chain, cut)?);
        }
        out
    } else {
        let next = AtomicUsize::new(0);
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    // the repository opened again in each thread: without
                    // gix's `parallel` feature a handle cannot be sent
                    let (next, chains) = (&next, &chains);
                    s.spawn(move || {
                        let (local, pins) =
                            super::pack_cache::discover(data).map_err(|e| e.to_string())?;
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some((name, chain)) = chains.get(i) else {
                                break;
                            };
                            done.extend(chain_changes(&local, &pins, name, chain, cut)?);
                        }
                        Ok::<_, String>(done)
                    })
                })
                .collect();
            let mut out = Vec::new();
            for h in handles {
                out.extend(
                    h.join()
                        .map_err(|_| "a reading thread panicked".to_string())??,
                );
            }
            Ok::<_, String>(out)
        })?
    };
    out.sort_unstable_by_key(|(at, _)| *at);
    Ok(out)
}

fn to_chrono(seconds: i64, offset: i32) -> DateTime<FixedOffset> {
    let tz = FixedOffset::east_opt(offset).unwrap_or(FixedOffset::east_opt(0).expect("zero"));
    DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .with_timezone(&tz)
}

/// The id of the tree of the data folder in a commit's tree.
fn data_tree(
    repo: &gix::Repository,
    root: ObjectId,
    rel: &Path,
) -> Result<Option<ObjectId>, String> {
    if rel.as_os_str().is_empty() {
        return Ok(Some(root));
    }
    let tree = repo.find_tree(root).map_err(|e| e.to_string())?;
    let entry = tree.lookup_entry_by_path(rel).map_err(|e| e.to_string())?;
    Ok(entry.filter(|e| e.mode().is_tree()).map(|e| e.object_id()))
}

/// One objective file as committed (`HEAD`) and as in the work tree.
#[derive(Clone, Debug)]
pub struct Versions {
    /// The objective's id (the file's name without `.toml`).
    pub id: String,
    /// Its bytes at `HEAD` (`None`: not committed yet).
    pub committed: Option<Vec<u8>>,
    /// Its bytes in the work tree (`None`: removed).
    pub now: Option<Vec<u8>>,
}

impl Versions {
    /// What changed, field by field: only the sections that differ are
    /// parsed where both versions are written plainly, as `stride log`
    /// does.
    pub fn changes(&self) -> Vec<FieldChange> {
        let version = |b: &Option<Vec<u8>>| b.clone().map(Version::new);
        let (mut before, mut after) = (version(&self.committed), version(&self.now));
        file_changes(&self.id, before.as_mut(), after.as_mut(), true)
    }
}

/// The objective files of the data folder whose work-tree text differs
/// from the last commit (`HEAD`): what `stride sync` is about to commit.
/// Only the files git sees as changed (by its index's file times and
/// sizes, as `git status` does) are read; where git cannot say, every
/// file is compared.
pub fn uncommitted(data: &Path) -> Result<Vec<Versions>, LogError> {
    let git = |e: &dyn std::fmt::Display| LogError::Git {
        path: data.to_path_buf(),
        message: e.to_string(),
    };
    let (repo, rel) = open(data)?;
    let committed: Files = match repo.head_id() {
        Ok(head) => {
            let commit = repo.find_commit(head.detach()).map_err(|e| git(&e))?;
            let tree = commit.tree_id().map_err(|e| git(&e))?.detach();
            match data_tree(&repo, tree, &rel).map_err(|e| git(&e))? {
                Some(t) => toml_files(&repo, t).map_err(|e| git(&e))?,
                None => Files::new(),
            }
        }
        Err(_) => Files::new(),
    };
    let mut names: Vec<String> = crate::core::load::objective_files(data)
        .map_err(|e| git(&e))?
        .iter()
        .filter_map(|p| Some(p.file_name()?.to_str()?.to_string()))
        .collect();
    let more: Vec<String> = committed
        .keys()
        .filter(|k| !names.contains(k))
        .cloned()
        .collect();
    names.extend(more);
    names.sort();
    if let Some(changed) = changed_by_git(data) {
        names.retain(|n| changed.contains(n.as_str()));
    }
    let mut out = Vec::new();
    for name in names {
        let before = match committed.get(&name) {
            Some(id) => Some(repo.find_object(*id).map_err(|e| git(&e))?.detach().data),
            None => None,
        };
        let now = std::fs::read(data.join(&name)).ok();
        if before == now {
            continue;
        }
        out.push(Versions {
            id: name.trim_end_matches(".toml").to_string(),
            committed: before,
            now,
        });
    }
    Ok(out)
}

/// The names of the files directly in `data` that differ from `HEAD`
/// (staged or not) or that git does not track, as git's own index sees
/// them; `None` when git cannot say (no commit yet, no `git`).
fn changed_by_git(data: &Path) -> Option<std::collections::HashSet<String>> {
    let run = |args: &[&str]| {
        let out = super::git::git(data, args).ok()?;
        Some(out.stdout)
    };
    let mut listed = run(&[
        "diff",
        "HEAD",
        "--name-only",
        "--relative",
        "--no-renames",
        "-z",
        "--",
        ".",
    ])?;
    listed.push(0);
    listed.extend(run(&[
        "ls-files",
        "--others",
        "--exclude-standard",
        "-z",
        "--",
        ".",
    ])?);
    Some(
        listed
            .split(|&b| b == 0)
            .filter_map(|n| std::str::from_utf8(n).ok())
            .filter(|n| !n.is_empty() && !n.contains('/'))
            .map(str::to_string)
            .collect(),
    )
}

/// The `*.toml` files of a tree, by name.
fn toml_files(repo: &gix::Repository, tree: ObjectId) -> Result<Files, String> {
    let t = repo.find_tree(tree).map_err(|e| e.to_string())?;
    let decoded = t.decode().map_err(|e| e.to_string())?;
    Ok(decoded
        .entries
        .iter()
        .filter(|e| e.mode.is_blob())
        .filter_map(|e| {
            let name = std::str::from_utf8(e.filename).ok()?;
            crate::core::load::is_objective_file(name).then(|| (name.to_string(), e.oid.to_owned()))
        })
        .collect())
}

/// Who changed what, as the TUI shows it: the last change of each item and
/// the changes of a week, by person.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    /// The newest change of each item, by its path.
    pub last: HashMap<String, LogEntry>,
    /// The changes committed on or after the week's first day, newest first.
    pub this_week: Vec<LogEntry>,
}

impl Changes {
    /// The changes in git's history of `data` (at most `max_commits`
    /// commits back), with `this_week` from `monday` on.
    pub fn read(data: &Path, monday: NaiveDate, max_commits: usize) -> Result<Changes, LogError> {
        let entries = log(
            data,
            &LogQuery {
                max_commits: Some(max_commits),
                ..LogQuery::default()
            },
        )?;
        let mut out = Changes::default();
        for e in entries {
            if e.at.date_naive() >= monday {
                out.this_week.push(e.clone());
            }
            out.last.entry(e.change.path.clone()).or_insert(e);
        }
        Ok(out)
    }

    /// This week's changes of the item at `path` and the items under it,
    /// grouped by author (in the order they first appear), oldest first
    /// within each.
    pub fn by_person(&self, path: &str) -> Vec<(String, Vec<&LogEntry>)> {
        let mut out: Vec<(String, Vec<&LogEntry>)> = Vec::new();
        let under = format!("{path}/");
        for e in self.this_week.iter().rev() {
            if e.change.path != path && !e.change.path.starts_with(&under) {
                continue;
            }
            match out.iter_mut().find(|(a, _)| *a == e.author) {
                Some((_, list)) => list.push(e),
                None => out.push((e.author.clone(), vec![e])),
            }
        }
        out
    }
}
