//! The team commands: `git-setup`, `merge-driver`, `log`, `sync`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::failure::Failure;
use crate::team::driver::{DriverOutcome, merge_driver};
use crate::team::log::{LogQuery, log};
use crate::team::sync::{SyncOptions, Synced, describe_conflicts, sync};

#[derive(Debug, Args)]
pub struct DriverArgs {
    /// The common ancestor's version (git's %O).
    base: PathBuf,
    /// Our version, where the result is written (git's %A).
    ours: PathBuf,
    /// Their version (git's %B).
    theirs: PathBuf,
    /// The file's path in the repository (git's %P).
    path: String,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only this item and the items under it (`o2-upgrade/hive`).
    path: Option<String>,
    /// Only changes committed on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = super::data::parse_day)]
    since: Option<NaiveDate>,
    /// Only changes by this author (part of the name or e-mail, any case).
    #[arg(long, value_name = "NAME")]
    author: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LogFormat::Table)]
    format: LogFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LogFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The commit message (default: one that says what changed).
    #[arg(short, long)]
    message: Option<String>,
}

/// `stride git-setup`.
pub fn git_setup(data: &Path, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let exe = std::env::current_exe()
        .and_then(|e| e.canonicalize())
        .map_err(|e| Failure::new(format!("cannot find the stride binary: {e}")))?;
    for line in crate::team::setup::git_setup(data, &exe)? {
        writeln!(out, "{line}")?;
    }
    writeln!(
        out,
        "git config is not versioned: every clone runs `stride git-setup` once; commit .gitattributes and .gitignore"
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `stride merge-driver BASE OURS THEIRS PATH`.
pub fn merge(args: &DriverArgs) -> Result<ExitCode, Failure> {
    match merge_driver(&args.base, &args.ours, &args.theirs, &args.path) {
        Ok(DriverOutcome::Clean) => Ok(ExitCode::SUCCESS),
        Ok(DriverOutcome::Conflicts(list)) => {
            for c in list {
                eprintln!("stride: conflict: {c}");
            }
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(Failure {
            message: e.to_string(),
            code: 2,
        }),
    }
}

/// One row of `stride log --format json`.
#[derive(Serialize)]
struct LogRow<'a> {
    commit: &'a str,
    author: &'a str,
    at: String,
    path: &'a str,
    field: &'a str,
    from: &'a Option<serde_json::Value>,
    to: &'a Option<serde_json::Value>,
}

/// `stride log`.
pub fn show_log(data: &Path, args: &LogArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let q = LogQuery {
        path: args.path.clone(),
        since: args.since,
        author: args.author.clone(),
        max_commits: None,
    };
    crate::core::memory::for_many_large_blocks();
    let entries = log(data, &q)?;
    match args.format {
        LogFormat::Json => {
            let rows: Vec<LogRow> = entries
                .iter()
                .map(|e| LogRow {
                    commit: &e.commit,
                    author: &e.author,
                    at: e.at.to_rfc3339(),
                    path: &e.change.path,
                    field: &e.change.field,
                    from: &e.change.from,
                    to: &e.change.to,
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rows)
                .map_err(|e| Failure::new(e.to_string()))?;
            writeln!(out)?;
        }
        LogFormat::Table => {
            let show = |v: &Option<serde_json::Value>| match v {
                None => "—".to_string(),
                Some(serde_json::Value::String(s)) => {
                    crate::core::text::sanitize(s, false).into_owned()
                }
                Some(v) => v.to_string(),
            };
            for e in &entries {
                writeln!(
                    out,
                    "{}  {}  {}  {}  {}  {} → {}",
                    &e.commit[..e.commit.len().min(8)],
                    e.at.format("%Y-%m-%d %H:%M"),
                    crate::core::text::sanitize(&e.author, false),
                    e.change.path,
                    e.change.field,
                    show(&e.change.from),
                    show(&e.change.to),
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `stride sync`.
pub fn run_sync(data: &Path, args: &SyncArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let (settings, _) = crate::core::settings::load(data);
    let opts = SyncOptions {
        message: args.message.clone(),
        zh: settings.language == crate::core::settings::Language::Zh,
    };
    match sync(data, &opts)? {
        Synced::Done {
            committed,
            pulled,
            pushed,
            local_only,
        } => {
            match committed {
                Some(m) => writeln!(out, "committed: {}", m.lines().next().unwrap_or_default())?,
                None => writeln!(out, "nothing to commit")?,
            }
            if pulled {
                writeln!(out, "merged the team's changes")?;
            }
            if pushed {
                writeln!(out, "pushed")?;
            }
            if let Some(why) = local_only {
                writeln!(out, "{why}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Synced::Conflicts(files) => {
            writeln!(
                out,
                "the merge stopped on conflicts (the same field changed on both sides):"
            )?;
            for line in describe_conflicts(&files) {
                writeln!(out, "  {line}")?;
            }
            writeln!(
                out,
                "settle each in the TUI (`stride`, the item shows as conflicted: pick mine or theirs) or by editing the file, then run `stride sync` again"
            )?;
            Ok(ExitCode::FAILURE)
        }
    }
}
