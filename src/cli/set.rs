//! `stride set PATH --field VALUE...`: edits one item through the
//! format-preserving atomic save, then prints it as it now stands.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::data::{load_one, record_objective_history};
use super::failure::Failure;
use crate::core::dates::parse_relative;
use crate::core::listing::rows;
use crate::core::text::{percent, sanitize};
use crate::core::{Edit, Field, ItemPath, Portfolio, Value};

/// The word that removes a key instead of setting it.
const NONE: &str = "none";

#[derive(Debug, Args)]
#[command(after_help = after_help())]
pub struct SetArgs {
    /// The item: objective, objective/project or objective/project/milestone.
    path: String,
    /// A percent from 0 to 100 (decimals allowed); `none` goes back to the
    /// roll-up or to what done/total or the stage give.
    #[arg(long, value_name = "N")]
    percent: Option<String>,
    /// A status: its keyword or its English or Chinese name (see below);
    /// `done` also moves a staged milestone to the last stage; `none` goes
    /// back to the status derived from the percent.
    #[arg(long, value_name = "S")]
    status: Option<String>,
    /// One of the project's `stages`; a percent outside the stage's range
    /// is removed.
    #[arg(long, value_name = "STAGE")]
    stage: Option<String>,
    /// A date: YYYY-MM-DD, today, tomorrow, +3d, +2w; or none.
    #[arg(long, value_name = "DATE")]
    due: Option<String>,
    /// A date: YYYY-MM-DD, today, tomorrow, +3d, +2w; or none.
    #[arg(long, value_name = "DATE")]
    start: Option<String>,
    /// Any text; or none.
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Any text (required: cannot be none).
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Any text; or none.
    #[arg(long, value_name = "TEXT")]
    update: Option<String>,
    /// Any text; or none.
    #[arg(long, value_name = "TEXT")]
    next: Option<String>,
    /// Any text; or none.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Any text (what blocks the item); or none.
    #[arg(long, value_name = "TEXT")]
    blocker: Option<String>,
    /// A number above 0 (its share in the roll-up; 1 when absent); or none.
    #[arg(long, value_name = "N")]
    weight: Option<String>,
    /// A whole number of 0 or more (milestones); or none.
    #[arg(long, value_name = "N")]
    total: Option<String>,
    /// A whole number from 0 to total (milestones); a percent that
    /// disagrees with done/total is removed; or none.
    #[arg(long, value_name = "N")]
    done: Option<String>,
    /// Comma-separated tags; or none.
    #[arg(long, value_name = "A,B")]
    tags: Option<String>,
    /// A project's pipeline, comma-separated (every milestone's stage must
    /// be among them); or none.
    #[arg(long, value_name = "A,B,C")]
    stages: Option<String>,
    /// The value of a metric (PATH is objective/ID): a number.
    #[arg(long, value_name = "N")]
    value: Option<String>,
}

/// What follows the options in `--help`: `none`, dates and every status.
fn after_help() -> String {
    format!(
        "Every option but --title and --value takes `none` to remove the key \
from the file (percent: back to the roll-up; status: back to derived).\n\
Dates: YYYY-MM-DD, today, tomorrow, yesterday, +3d, -2d, +2w.\n\
Statuses (keyword, then the other names accepted; files keep the keyword):\n{}",
        crate::core::Status::described()
            .lines()
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    )
}

pub fn run(
    dir: &Path,
    today: NaiveDate,
    args: &SetArgs,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let path = item_path(&args.path)?;
    let edits = edits(&path, args, today)?;
    if edits.is_empty() {
        return Err(Failure::new(
            "nothing to set: give at least one of --percent, --status, --stage, --due, ... (see stride set --help)",
        ));
    }
    // one objective's file: the others are not this edit's business
    let mut portfolio = load_one(dir, &path.objective)?;
    // a status, stage or count brings what keeps the item consistent
    let edits = crate::core::progress::consistent(&portfolio, edits);
    portfolio.commit(&edits).map_err(|e| {
        let mut message = format!("{path}: {e}");
        // a file with errors: say where they are
        if let Some(f) = portfolio.files.iter().find(|f| {
            !f.loaded && f.path.file_stem().and_then(|s| s.to_str()) == Some(&path.objective)
        }) {
            for d in f.diagnostics.iter().filter(|d| d.is_error()) {
                message.push_str(&format!("\n  {}", sanitize(&d.to_string(), false)));
            }
        }
        Failure::new(message)
    })?;
    record_objective_history(&portfolio, &path.objective, today);
    describe(&portfolio, &path, today, out)?;
    Ok(ExitCode::SUCCESS)
}

/// The edits the options ask for, in an order that validates one at a time.
fn edits(path: &ItemPath, a: &SetArgs, today: NaiveDate) -> Result<Vec<Edit>, Failure> {
    let options = [
        (Field::Title, &a.title),
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
        (Field::Update, &a.update),
        (Field::Next, &a.next),
        (Field::Note, &a.note),
        (Field::Blocker, &a.blocker),
        (Field::Tags, &a.tags),
        (Field::Value, &a.value),
    ];
    let mut edits = parse_edits(path, &options, today, true)?;
    // a start moved later must follow the due date that makes room for it
    if let (Some(s), Some(d)) = (
        edits.iter().position(|e| e.field == Field::Start),
        edits.iter().position(|e| e.field == Field::Due),
    ) && let (Some(Value::Date(start)), Some(Value::Date(_))) =
        (&edits[s].value, &edits[d].value)
        && *start > today
    {
        edits.swap(s, d);
    }
    Ok(edits)
}

/// The item a command line names, or a message saying what a path is.
pub(super) fn item_path(text: &str) -> Result<ItemPath, Failure> {
    ItemPath::parse(text).ok_or_else(|| {
        Failure::new(format!(
            "`{text}` is not an item path: use objective, objective/project or objective/project/milestone"
        ))
    })
}

/// The edits of `options` (each field with its option's text, in the order
/// to apply them); `none` removes a key when `none_removes`.
pub(super) fn parse_edits(
    path: &ItemPath,
    options: &[(Field, &Option<String>)],
    today: NaiveDate,
    none_removes: bool,
) -> Result<Vec<Edit>, Failure> {
    let mut edits = Vec::new();
    let text = |s: &str| Ok(Value::Text(s.to_string()));
    let number = |s: &str| match s.trim().parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(Value::Number(n)),
        _ => Err(format!("`{s}` is not a number")),
    };
    let count = |s: &str| {
        s.trim()
            .parse::<u64>()
            .map(Value::Count)
            .map_err(|_| format!("`{s}` is not a whole number of 0 or more"))
    };
    let date = |s: &str| {
        parse_relative(s, today)
            .map(Value::Date)
            .map_err(|e| e.to_string())
    };
    let status = |s: &str| super::list::parse_status(s.trim()).map(Value::Status);
    let list = |s: &str| {
        Ok(Value::List(
            s.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect(),
        ))
    };
    for (field, raw) in options {
        let Some(raw) = raw else { continue };
        let parse: &dyn Fn(&str) -> Result<Value, String> = match field {
            Field::Status => &status,
            Field::Total | Field::Done => &count,
            Field::Percent | Field::Weight | Field::Value => &number,
            Field::Start | Field::Due => &date,
            Field::Tags | Field::Stages => &list,
            _ => &text,
        };
        let value = if none_removes && raw.trim() == NONE {
            None
        } else {
            Some(parse(raw).map_err(|m| Failure::new(format!("--{field}: {m}")))?)
        };
        edits.push(Edit {
            path: path.clone(),
            field: *field,
            value,
        });
    }
    Ok(edits)
}

/// Prints an item and its effective values.
pub(super) fn describe(
    p: &Portfolio,
    path: &ItemPath,
    today: NaiveDate,
    out: &mut impl Write,
) -> std::io::Result<()> {
    if let Some(o) = p.objectives.iter().find(|o| o.id == path.objective)
        && let Some(m) = o
            .metrics
            .iter()
            .find(|m| Some(&m.id) == path.project.as_ref())
        && path.kind() == crate::core::Kind::Project
        && !o.projects.iter().any(|x| x.id == m.id)
    {
        return super::ops::describe_metric(p, today, &o.id, m, out);
    }
    let all = rows(p, today);
    let Some(row) = all.iter().find(|r| &r.path == path) else {
        return Ok(());
    };
    let f = row.item.fields();
    let clean = |s: &str| sanitize(s, false).into_owned();
    writeln!(out, "{}  {}", clean(&path.to_string()), clean(&f.title))?;
    let mut line = |k: &str, v: String| writeln!(out, "  {k:<8} {v}");
    line("status", row.status.to_string())?;
    let mut pct = format!("{}%", percent(row.percent));
    if let crate::core::ItemRef::Milestone(m, proj) = row.item {
        if let Some(total) = m.total {
            pct.push_str(&format!(" of {total}"));
            if let Some(done) = m.done {
                pct.push_str(&format!(" ({done} done)"));
            }
        }
        if let Some(stage) = &m.stage {
            line(
                "stage",
                format!("{} ({})", clean(stage), clean(&proj.stages.join(" → "))),
            )?;
        }
    }
    line("percent", pct)?;
    if let Some(due) = f.due {
        let late = if row.overdue_days > 0 {
            format!("  ({} days overdue)", row.overdue_days)
        } else {
            String::new()
        };
        line("due", format!("{due}{late}"))?;
    }
    if let Some(start) = f.start {
        line("start", start.to_string())?;
    }
    for (k, v) in [
        ("owner", f.owner.as_deref()),
        ("update", f.update.as_deref()),
        ("next", f.next.as_deref()),
        ("blocker", f.blocker.as_deref()),
        ("note", f.note.as_deref()),
    ] {
        if let Some(v) = v {
            line(k, clean(v))?;
        }
    }
    if let Some(w) = f.weight {
        line("weight", percent(w))?;
    }
    if !f.tags.is_empty() {
        line("tags", clean(&f.tags.join(", ")))?;
    }
    Ok(())
}
