//! `stride sync`: commit what changed in the data folder, merge the
//! team's changes in, and push, with the user's own git.

use std::fs;
use std::path::{Path, PathBuf};

use super::git::{GitError, git, line, top};

/// How a sync ended.
#[derive(Debug, PartialEq)]
pub enum Synced {
    /// Everything is committed, merged and (with an upstream) pushed.
    Done {
        committed: Option<String>,
        pulled: bool,
        pushed: bool,
        /// Why nothing was pulled or pushed, when so (no remote, no upstream).
        local_only: Option<String>,
    },
    /// The merge stopped on conflicts, in these files.
    Conflicts(Vec<PathBuf>),
}

/// Why a sync could not go on. Nothing is lost: what was committed stays.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error("HEAD is detached in {0}: check out a branch first (`git switch main`)")]
    Detached(PathBuf),
    #[error(
        "{0} still holds merge conflicts: resolve them (in stride or by hand), then run `stride sync` again"
    )]
    Unresolved(String),
    #[error("the push was rejected (someone pushed first): {0}\nrun `stride sync` again")]
    Rejected(String),
}

/// Options of a sync.
#[derive(Clone, Debug, Default)]
pub struct SyncOptions {
    /// The commit message; without it, one that says what changed.
    pub message: Option<String>,
    /// The language of a generated message.
    pub zh: bool,
}

/// Commits what changed in the data folder `data` (and only there), merges
/// the upstream branch in (stride's merge driver does the files), and
/// pushes. A merge left unfinished by conflicts is finished once they are
/// settled.
pub fn sync(data: &Path, opts: &SyncOptions) -> Result<Synced, SyncError> {
    let top = top(data)?;
    if line(&top, &["symbolic-ref", "-q", "HEAD"]).is_err() {
        return Err(SyncError::Detached(top));
    }
    let data_arg = data.to_string_lossy().into_owned();
    let merging = git(&top, &["rev-parse", "-q", "--verify", "MERGE_HEAD"]).is_ok();
    let committed = if merging {
        let left = conflicted_files(data);
        if !left.is_empty() {
            let names: Vec<String> = left.iter().map(|p| p.display().to_string()).collect();
            return Err(SyncError::Unresolved(names.join(", ")));
        }
        git(&top, &["add", "-A", "--", &data_arg])?;
        git(&top, &["commit", "-q", "--no-edit"])?;
        Some("merge".to_string())
    } else {
        let message = match &opts.message {
            Some(m) => m.clone(),
            None => {
                let files = super::log::uncommitted(data).map_err(|e| GitError::Failed {
                    args: "diff".into(),
                    said: e.to_string(),
                })?;
                let mut changes = Vec::new();
                for f in &files {
                    changes.extend(with_derived_percents(f, f.changes()));
                }
                message_of(&changes, opts.zh)
            }
        };
        git(&top, &["add", "-A", "--", &data_arg])?;
        let staged = git(&top, &["diff", "--cached", "--quiet", "--", &data_arg]).is_err();
        if staged {
            git(&top, &["commit", "-q", "-m", &message, "--", &data_arg])?;
            Some(message)
        } else {
            None
        }
    };
    if line(
        &top,
        &["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"],
    )
    .is_err()
    {
        let remotes = line(&top, &["remote"]).unwrap_or_default();
        let why = if remotes.is_empty() {
            "no remote: committed here only (add one with `git remote add origin URL`)".to_string()
        } else {
            let branch = line(&top, &["branch", "--show-current"]).unwrap_or_default();
            format!(
                "the branch has no upstream: committed here only (set one with `git push -u origin {branch}`)"
            )
        };
        return Ok(Synced::Done {
            committed,
            pulled: false,
            pushed: false,
            local_only: Some(why),
        });
    }
    let mut tries = 0;
    loop {
        tries += 1;
        if let Some(conflicts) = pull(&top, data)? {
            return Ok(Synced::Conflicts(conflicts));
        }
        match git(&top, &["push", "-q"]) {
            Ok(_) => break,
            Err(GitError::Failed { said, .. }) if tries < 3 && rejected(&said) => continue,
            Err(GitError::Failed { said, .. }) if rejected(&said) => {
                return Err(SyncError::Rejected(said));
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(Synced::Done {
        committed,
        pulled: true,
        pushed: true,
        local_only: None,
    })
}

fn rejected(said: &str) -> bool {
    said.contains("rejected") || said.contains("non-fast-forward") || said.contains("fetch first")
}

/// Merges the upstream branch in; the conflicted files when it stops on them.
fn pull(top: &Path, data: &Path) -> Result<Option<Vec<PathBuf>>, SyncError> {
    match git(top, &["pull", "-q", "--no-rebase", "--no-edit"]) {
        Ok(_) => Ok(None),
        Err(GitError::Failed { args, said }) => {
            let conflicted = conflicted_files(data);
            if conflicted.is_empty() {
                Err(GitError::Failed { args, said }.into())
            } else {
                Ok(Some(conflicted))
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// The files of the data folder (and its history) with conflict markers.
pub fn conflicted_files(data: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [data.to_path_buf(), data.join(crate::core::history::DIR)] {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        names.sort();
        for p in names {
            if fs::read_to_string(&p).is_ok_and(|t| crate::core::merge::has_markers(&t)) {
                out.push(p);
            }
        }
    }
    out
}

/// The changes with each percent that was not written (derived from
/// counts, stage or status) filled in from the item as stride shows it, so
/// that a message reads `60% → 70%`, not `— → 70%`. A version is read
/// whole only when a percent of it is missing.
fn with_derived_percents(
    f: &super::log::Versions,
    mut changes: Vec<crate::core::diff::FieldChange>,
) -> Vec<crate::core::diff::FieldChange> {
    let percents = |bytes: &Option<Vec<u8>>| {
        let mut out = std::collections::HashMap::new();
        let Some(bytes) = bytes else { return out };
        let text = crate::core::merge::ours_side(&String::from_utf8_lossy(bytes)).0;
        let path = PathBuf::from(format!("{}.toml", f.id));
        if let (Some(o), _) = crate::core::load::parse_objective(&path, &f.id, &text) {
            // a percent does not depend on the day
            crate::core::listing::each_in(&o, chrono::NaiveDate::default(), |i| {
                out.insert(i.path_string(), i.percent);
            });
        }
        out
    };
    let is_percent = |c: &crate::core::diff::FieldChange| c.field == "percent";
    let (mut before, mut after) = (None, None);
    let number = serde_json::Value::from;
    for c in changes.iter_mut().filter(|c| is_percent(c)) {
        if c.from.is_none() {
            let known = before.get_or_insert_with(|| percents(&f.committed));
            c.from = known.get(&c.path).copied().map(number);
        }
        if c.to.is_none() {
            let known = after.get_or_insert_with(|| percents(&f.now));
            c.to = known.get(&c.path).copied().map(number);
        }
    }
    changes
}

/// A commit message that says what changed: `网联代收 60% → 70%, 银联代收
/// stage 上线 → 投产`, the first few on the first line and all below it.
pub fn message_of(changes: &[crate::core::diff::FieldChange], zh: bool) -> String {
    use serde_json::Value as Json;
    let show = |v: &Option<Json>| match v {
        None => "—".to_string(),
        Some(Json::String(s)) => s.clone(),
        Some(Json::Number(n)) => n
            .as_f64()
            .map_or_else(|| n.to_string(), crate::core::text::percent),
        Some(v) => v.to_string(),
    };
    // one phrase per item: added, removed, or its fields
    let mut phrases: Vec<String> = Vec::new();
    let mut i = 0;
    while i < changes.len() {
        let path = &changes[i].path;
        let mut j = i;
        while j < changes.len() && changes[j].path == *path {
            j += 1;
        }
        let group = &changes[i..j];
        let title = if group[0].title.is_empty() {
            path.clone()
        } else {
            group[0].title.clone()
        };
        if group.iter().all(|c| c.from.is_none()) && group.iter().any(|c| c.field == "title") {
            phrases.push(if zh {
                format!("新增 {title}")
            } else {
                format!("add {title}")
            });
        } else if group.iter().all(|c| c.to.is_none()) && group.iter().any(|c| c.field == "title") {
            phrases.push(if zh {
                format!("删除 {title}")
            } else {
                format!("remove {title}")
            });
        } else {
            let fields: Vec<String> = group
                .iter()
                .map(|c| {
                    if c.field == "percent" {
                        format!("{}% → {}%", show(&c.from), show(&c.to))
                    } else {
                        format!("{} {} → {}", c.field, show(&c.from), show(&c.to))
                    }
                })
                .collect();
            phrases.push(format!("{title} {}", fields.join(", ")));
        }
        i = j;
    }
    if phrases.is_empty() {
        return if zh {
            "stride：更新".into()
        } else {
            "stride: update".into()
        };
    }
    const FIRST: usize = 3;
    let mut subject = phrases[..phrases.len().min(FIRST)].join(", ");
    if phrases.len() > FIRST {
        let more = phrases.len() - FIRST;
        subject.push_str(&if zh {
            format!(" 等{}项", phrases.len())
        } else {
            format!(" and {more} more")
        });
    }
    if phrases.len() == 1 {
        return subject;
    }
    format!(
        "{subject}\n\n{}\n",
        phrases
            .iter()
            .map(|p| format!("- {p}"))
            .collect::<Vec<_>>()
            .join("\n")
    )
}

/// What a person reads about the conflicts in `files`: one line a block,
/// `path:line: item: percent 97 (ours) or 98 (theirs)`.
pub fn describe_conflicts(files: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        let text = fs::read_to_string(f).unwrap_or_default();
        let (_, blocks) = crate::core::merge::ours_side(&text);
        let id = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for b in blocks {
            let item = b.item(&id).unwrap_or_else(|| id.clone());
            out.push(format!(
                "{}:{}: {item}: {}",
                f.display(),
                b.first_line + 1,
                b.describe()
            ));
        }
    }
    out
}
