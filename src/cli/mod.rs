//! The command line: parses arguments, calls the core, prints.

mod add;
mod check;
mod data;
mod failure;
mod import;
mod init;
mod list;
mod ops;
mod report;
mod set;
mod snapshot;
mod team;

pub use failure::Failure;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

/// Track project milestones kept in plain TOML files. Without a command,
/// opens the interactive terminal UI.
#[derive(Debug, Parser)]
#[command(name = "stride", version, about, long_about = None, args_override_self = true)]
pub struct Cli {
    /// The data folder: one TOML file per objective.
    #[arg(long, global = true, env = "STRIDE_DATA", default_value = "data")]
    pub data: PathBuf,

    /// The day to judge due dates by (YYYY-MM-DD), instead of the local date.
    #[arg(long, global = true, env = "STRIDE_TODAY", value_parser = data::parse_day)]
    pub today: Option<NaiveDate>,

    /// The TUI's config file (theme, keys), instead of
    /// ~/.config/stride/config.toml.
    #[arg(long, global = true, env = "STRIDE_CONFIG")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a data folder: one objective whose comments explain every
    /// field, the settings, a .gitignore (or --example: the sample).
    Init(init::InitArgs),
    /// Create an objective (a new file), a project or a milestone.
    Add(Box<add::AddArgs>),
    /// Validate every file; print each problem as file:line:column: message.
    Check,
    /// List objectives, projects and milestones, with filters.
    List(list::ListArgs),
    /// Build or update the folder from a CSV (as `list --format csv` writes).
    Import(import::ImportArgs),
    /// Change fields of one item, keeping the rest of its file as it is.
    Set(Box<set::SetArgs>),
    /// List the service metrics with their targets.
    Metrics(ops::MetricsArgs),
    /// List the incidents of a week (or the open ones).
    Incidents(ops::IncidentsArgs),
    /// Write the weekly report (Markdown or JSON).
    Report(report::ReportArgs),
    /// Record this week's state in history/ (stride also does it on every save).
    Snapshot,
    /// Open the TUI on the stand-up walkthrough.
    Standup,
    /// Make this clone merge stride's files through stride (once per clone).
    GitSetup,
    /// What git runs to merge a stride file (set up by git-setup).
    MergeDriver(team::DriverArgs),
    /// Who changed what: each changed field of each item, from git's history.
    Log(team::LogArgs),
    /// Commit the data folder's changes, merge the team's, and push.
    Sync(team::SyncArgs),
}

/// Runs stride with the process's arguments.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(f) => {
            eprintln!("stride: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// Runs one parsed command line.
pub fn run(cli: &Cli) -> Result<ExitCode, Failure> {
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut out = std::io::stdout().lock();
    let result = match &cli.command {
        Some(Command::Init(args)) => init::run(&cli.data, args, &mut out),
        Some(Command::Add(args)) => add::run(&cli.data, today, args, &mut out),
        Some(Command::Check) => check::run(&cli.data, &mut out),
        Some(Command::List(args)) => list::run(&cli.data, today, args, &mut out),
        Some(Command::Import(args)) => import::run(&cli.data, today, args, &mut out),
        Some(Command::Set(args)) => set::run(&cli.data, today, args, &mut out),
        Some(Command::Report(args)) => report::run(&cli.data, today, args, &mut out),
        Some(Command::Metrics(args)) => ops::metrics(&cli.data, today, args, &mut out),
        Some(Command::Incidents(args)) => ops::incidents(&cli.data, today, args, &mut out),
        Some(Command::Snapshot) => snapshot::run(&cli.data, today, &mut out),
        Some(Command::GitSetup) => team::git_setup(&cli.data, &mut out),
        Some(Command::MergeDriver(args)) => team::merge(args),
        Some(Command::Log(args)) => team::show_log(&cli.data, args, &mut out),
        Some(Command::Sync(args)) => team::run_sync(&cli.data, args, &mut out),
        Some(Command::Standup) => {
            drop(out);
            crate::core::memory::for_a_long_session();
            // the history is read beside the load
            let history = crate::tui::HistoryReader::start(&cli.data, today);
            let portfolio = data::load(&cli.data)?;
            crate::tui::run(
                portfolio,
                history,
                today,
                cli.today.is_none(),
                crate::tui::Start::Standup,
                cli.config.as_deref(),
            )
            .map_err(Failure::new)?;
            return Ok(ExitCode::SUCCESS);
        }
        None => {
            drop(out);
            crate::core::memory::for_a_long_session();
            // the history is read beside the load
            let history = crate::tui::HistoryReader::start(&cli.data, today);
            let portfolio = data::load(&cli.data)?;
            crate::tui::run(
                portfolio,
                history,
                today,
                cli.today.is_none(),
                crate::tui::Start::Tree,
                cli.config.as_deref(),
            )
            .map_err(Failure::new)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    // a closed pipe (`stride list | head`) is not an error
    let _ = out.flush();
    result
}
