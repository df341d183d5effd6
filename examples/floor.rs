//! The floor for `stride list --overdue`: the least any tool must do to
//! answer "what is late?" from the same files.
//!
//! ```text
//! cargo run --release --example floor -- [--today 2023-06-20] DIR
//! ```
//!
//! Reads every objective file of DIR (`*.toml`, not starting with `.` or
//! `_`), parses each into a `toml::Table` on one thread, one file after the
//! other, and counts the milestones that are overdue as of `--today` by the
//! same rule as stride (due before today, and neither done nor dropped, the
//! status being derived from percent, done/total or stage when not given).
//! Prints `overdue milestones: N`. No model, no validation, no output per
//! item: whatever stride costs above this is stride's own.
//!
//! The benchmarks include this file as a module and call [`count_dir`].

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use toml::{Table, Value};

/// A day as (year, month, day), compared as a tuple.
pub type Day = (u32, u32, u32);

fn main() -> ExitCode {
    let mut today = (2023, 6, 20);
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--today" => {
                let v = args.next().unwrap_or_default();
                let parts: Vec<u32> = v.split('-').filter_map(|p| p.parse().ok()).collect();
                let [y, m, d] = parts[..] else {
                    eprintln!("floor: --today needs a date like 2023-06-20");
                    return ExitCode::from(2);
                };
                today = (y, m, d);
            }
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: floor [--today 2023-06-20] DIR");
        return ExitCode::from(2);
    };
    match count_dir(&dir, today) {
        Ok(n) => {
            println!("overdue milestones: {n}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Reads and parses every objective file of `dir` in turn, on this thread,
/// and counts the overdue milestones.
pub fn count_dir(dir: &Path, today: Day) -> Result<usize, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".toml") && !n.starts_with(['.', '_']))
        })
        .collect();
    files.sort();
    let mut overdue = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let table: Table = text
            .parse()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        overdue += count_overdue(&table, today);
    }
    Ok(overdue)
}

/// Overdue milestones of one objective file.
pub fn count_overdue(objective: &Table, today: Day) -> usize {
    let mut n = 0;
    let projects = objective.get("project").and_then(Value::as_table);
    for project in projects.into_iter().flat_map(|t| t.values()) {
        let Some(project) = project.as_table() else {
            continue;
        };
        let stages: Vec<&str> = project
            .get("stages")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let milestones = project.get("milestone").and_then(Value::as_table);
        for m in milestones.into_iter().flat_map(|t| t.values()) {
            let Some(m) = m.as_table() else { continue };
            let Some(due) = m
                .get("due")
                .and_then(Value::as_datetime)
                .and_then(|d| d.date)
            else {
                continue;
            };
            if (
                u32::from(due.year),
                u32::from(due.month),
                u32::from(due.day),
            ) >= today
            {
                continue;
            }
            if !is_closed(m, &stages) {
                n += 1;
            }
        }
    }
    n
}

/// Done or dropped: the status given, else derived from the percent.
fn is_closed(m: &Table, stages: &[&str]) -> bool {
    if let Some(s) = m.get("status").and_then(Value::as_str) {
        return s == "done" || s == "dropped";
    }
    let number = |k: &str| match m.get(k) {
        Some(Value::Integer(i)) => Some(*i as f64),
        Some(Value::Float(f)) => Some(*f),
        _ => None,
    };
    let percent = number("percent")
        .or_else(|| match (number("done"), number("total")) {
            (Some(d), Some(t)) if t > 0.0 => Some(d / t * 100.0),
            _ => None,
        })
        .or_else(|| {
            let s = m.get("stage")?.as_str()?;
            let i = stages.iter().position(|x| *x == s)?;
            Some((i + 1) as f64 / stages.len() as f64 * 100.0)
        })
        .unwrap_or(0.0);
    percent >= 100.0
}
