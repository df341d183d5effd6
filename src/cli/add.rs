//! `stride add PATH --title T [--field VALUE...]`: creates an objective (a
//! new file `ID.toml`), a project (`o/p`) or a milestone (`o/p/m`) through
//! the same format-preserving atomic save as the TUI's add, then prints it.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::data::{load, record_history};
use super::failure::Failure;
use super::set::{describe, item_path, parse_edits};
use crate::core::create::{add_item, create_objective};
use crate::core::save::CommitError;
use crate::core::{EditError, Field, Kind};

#[derive(Debug, Args)]
#[command(
    after_help = "Dates: YYYY-MM-DD, today, tomorrow, yesterday, +3d, -2d, +2w.\n\
Statuses: the keyword or its English or Chinese name (see stride set --help).\n\
The new item's keys follow its title, in the order of the options above; \
the rest of the file is kept byte for byte."
)]
pub struct AddArgs {
    /// The new item: OBJECTIVE (a new file OBJECTIVE.toml),
    /// OBJECTIVE/PROJECT or OBJECTIVE/PROJECT/MILESTONE.
    path: String,
    /// Its title (required).
    #[arg(long, value_name = "TEXT")]
    title: String,
    /// A status: its keyword or its English or Chinese name.
    #[arg(long, value_name = "S")]
    status: Option<String>,
    /// A percent from 0 to 100 (decimals allowed).
    #[arg(long, value_name = "N")]
    percent: Option<String>,
    /// A whole number of 0 or more (milestones).
    #[arg(long, value_name = "N")]
    total: Option<String>,
    /// A whole number from 0 to total (milestones).
    #[arg(long, value_name = "N")]
    done: Option<String>,
    /// A project's pipeline, comma-separated (projects).
    #[arg(long, value_name = "A,B,C")]
    stages: Option<String>,
    /// One of the project's stages (milestones).
    #[arg(long, value_name = "STAGE")]
    stage: Option<String>,
    /// A date: YYYY-MM-DD, today, tomorrow, +3d, +2w.
    #[arg(long, value_name = "DATE")]
    start: Option<String>,
    /// A date: YYYY-MM-DD, today, tomorrow, +3d, +2w.
    #[arg(long, value_name = "DATE")]
    due: Option<String>,
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// A number above 0: its share in the roll-up.
    #[arg(long, value_name = "N")]
    weight: Option<String>,
    /// Comma-separated tags.
    #[arg(long, value_name = "A,B")]
    tags: Option<String>,
    /// This week's progress.
    #[arg(long, value_name = "TEXT")]
    update: Option<String>,
    /// Next week's plan.
    #[arg(long, value_name = "TEXT")]
    next: Option<String>,
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// What blocks the item (with --status blocked).
    #[arg(long, value_name = "TEXT")]
    blocker: Option<String>,
}

pub fn run(
    dir: &Path,
    today: NaiveDate,
    a: &AddArgs,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let path = item_path(&a.path)?;
    let options = [
        (Field::Status, &a.status),
        (Field::Total, &a.total),
        (Field::Done, &a.done),
        (Field::Percent, &a.percent),
        (Field::Stages, &a.stages),
        (Field::Stage, &a.stage),
        (Field::Start, &a.start),
        (Field::Due, &a.due),
        (Field::Owner, &a.owner),
        (Field::Weight, &a.weight),
        (Field::Tags, &a.tags),
        (Field::Update, &a.update),
        (Field::Next, &a.next),
        (Field::Note, &a.note),
        (Field::Blocker, &a.blocker),
    ];
    let fields = parse_edits(&path, &options, today, false)?;
    let refused = |e: &dyn std::fmt::Display| Failure::new(format!("{path}: {e}"));
    if path.kind() == Kind::Objective {
        if !dir.is_dir() {
            return Err(Failure::new(format!(
                "{} is not a folder: start one with `stride init {}`",
                dir.display(),
                dir.display()
            )));
        }
        create_objective(dir, &path.objective, &a.title, &fields).map_err(|e| refused(&e))?;
        let portfolio = load(dir)?;
        record_history(&portfolio, today);
        describe(&portfolio, &path, today, out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut portfolio = load(dir)?;
    add_item(&mut portfolio, &path, &a.title, fields).map_err(|e| match e {
        CommitError::Edit(EditError::NoSuchItem(parent)) if Some(&parent) == path.parent().as_ref() => {
            Failure::new(format!(
                "{path}: its parent `{parent}` does not exist; add it first (stride add {parent} --title ...)"
            ))
        }
        e => refused(&e),
    })?;
    record_history(&portfolio, today);
    describe(&portfolio, &path, today, out)?;
    Ok(ExitCode::SUCCESS)
}
