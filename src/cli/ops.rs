//! `stride metrics` and `stride incidents`: the operations data.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::data::{load, report_unloaded};
use super::failure::Failure;
use crate::core::Portfolio;
use crate::core::history::History;
use crate::core::l10n::terms::{MET, MISSED};
use crate::core::l10n::{Language, with_unit};
use crate::core::model::{Grade, Metric};
use crate::core::ops::{GradeCounts, grade_counts};
use crate::core::settings::iso_week_name;
use crate::core::text::{fit, sanitize, width};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Debug, Args)]
pub struct IncidentsArgs {
    /// The week to list: ISO (2023-W24) or as the team counts weeks (25,
    /// 2023-25). Default: the week the report shows, the one just past.
    #[arg(long, value_name = "WEEK")]
    week: Option<String>,
    /// Only incidents without a `resolved` time, of any week.
    #[arg(long)]
    open: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// One metric, as `metrics --format json` prints it.
#[derive(Serialize)]
struct MetricRow<'a> {
    path: String,
    title: &'a str,
    value: f64,
    target: Option<f64>,
    unit: Option<&'a str>,
    better: crate::core::model::Better,
    met: Option<bool>,
    delta: Option<f64>,
}

fn metric_rows<'a>(p: &'a Portfolio, history: &History) -> Vec<MetricRow<'a>> {
    p.metrics()
        .map(|(o, m)| {
            let path = format!("{o}/{}", m.id);
            MetricRow {
                delta: history.metric_delta(&path, m.value),
                path,
                title: &m.title,
                value: m.value,
                target: m.target,
                unit: m.unit.as_deref(),
                better: m.better,
                met: m.met(),
            }
        })
        .collect()
}

/// `✓ met`, `✗ missed` or `-` without a target.
pub fn met_label(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => Language::En.get(MET),
        Some(false) => Language::En.get(MISSED),
        None => "-",
    }
}

pub fn metrics(
    dir: &Path,
    today: NaiveDate,
    args: &MetricsArgs,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let p = load(dir)?;
    let history = History::load(dir, today);
    let rows = metric_rows(&p, &history);
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut *out, &rows)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Table => table(
            out,
            &["PATH", "TITLE", "VALUE", "TARGET", "MET", "DELTA"],
            rows.iter()
                .map(|r| {
                    vec![
                        r.path.clone(),
                        sanitize(r.title, false).into_owned(),
                        with_unit(r.value, r.unit),
                        r.target.map(|t| with_unit(t, r.unit)).unwrap_or_default(),
                        met_label(r.met).to_string(),
                        r.delta.map(|d| format!("{d:+}")).unwrap_or_default(),
                    ]
                })
                .collect(),
            "no metrics",
        ),
    };
    finish(written, &p)
}

/// Prints a metric as it now stands (after `set --value`).
pub fn describe_metric(
    p: &Portfolio,
    today: NaiveDate,
    objective: &str,
    m: &Metric,
    out: &mut impl Write,
) -> io::Result<()> {
    let path = format!("{objective}/{}", m.id);
    let history = History::load(&p.dir, today);
    writeln!(
        out,
        "{}  {}",
        sanitize(&path, false),
        sanitize(&m.title, false)
    )?;
    writeln!(
        out,
        "  {:<8} {}",
        "value",
        with_unit(m.value, m.unit.as_deref())
    )?;
    if let Some(t) = m.target {
        writeln!(out, "  {:<8} {}", "target", with_unit(t, m.unit.as_deref()))?;
    }
    writeln!(out, "  {:<8} {}", "met", met_label(m.met()))?;
    if let Some(d) = history.metric_delta(&path, m.value) {
        writeln!(out, "  {:<8} {d:+}", "delta")?;
    }
    Ok(())
}

/// One incident, as `incidents --format json` prints it.
#[derive(Serialize)]
pub struct IncidentRow<'a> {
    pub objective: &'a str,
    pub at: NaiveDateTime,
    pub resolved: Option<NaiveDateTime>,
    pub open: bool,
    pub minutes: Option<i64>,
    pub grade: Option<Grade>,
    pub title: &'a str,
    pub impact: Option<&'a str>,
    pub cause: Option<&'a str>,
    pub action: Option<&'a str>,
    pub business_impact: bool,
}

#[derive(Serialize)]
struct IncidentList<'a> {
    week: Option<String>,
    counts: GradeCounts,
    incidents: Vec<IncidentRow<'a>>,
}

pub fn incidents(
    dir: &Path,
    today: NaiveDate,
    args: &IncidentsArgs,
    out: &mut impl Write,
) -> Result<ExitCode, Failure> {
    let p = load(dir)?;
    let monday = match &args.week {
        Some(w) => super::data::week_arg(&p.settings, w, today)?,
        None => Portfolio::reported_week(today),
    };
    let list = if args.open {
        p.open_incidents()
    } else {
        p.incidents_of_week(monday, false)
    };
    let rows: Vec<IncidentRow> = list
        .iter()
        .map(|l| {
            let i = l.incident;
            IncidentRow {
                objective: l.objective,
                at: i.at,
                resolved: i.resolved,
                open: i.is_open(),
                minutes: i.minutes(),
                grade: i.grade,
                title: &i.title,
                impact: i.impact.as_deref(),
                cause: i.cause.as_deref(),
                action: i.action.as_deref(),
                business_impact: i.business_impact,
            }
        })
        .collect();
    let counts = grade_counts(list.iter().map(|l| l.incident));
    let week = (!args.open).then(|| iso_week_name(monday));
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(
            &mut *out,
            &IncidentList {
                week,
                counts,
                incidents: rows,
            },
        )
        .map_err(io::Error::from)
        .and_then(|()| writeln!(out)),
        Format::Table => {
            let body = table(
                out,
                &["AT", "GRADE", "DURATION", "BUSINESS", "TITLE"],
                rows.iter()
                    .map(|r| {
                        vec![
                            r.at.format("%Y-%m-%d %H:%M").to_string(),
                            r.grade.map_or("event", Grade::as_str).to_string(),
                            r.minutes
                                .map_or("open".to_string(), |m| Language::En.duration(m)),
                            if r.business_impact { "affected" } else { "" }.to_string(),
                            sanitize(r.title, false).into_owned(),
                        ]
                    })
                    .collect(),
                "no incidents",
            );
            body.and_then(|()| {
                writeln!(
                    out,
                    "{}: A/B {}, C/D {}, events without a grade {}",
                    week.as_deref().unwrap_or("open"),
                    counts.ab,
                    counts.cd,
                    counts.ungraded
                )
            })
        }
    };
    finish(written, &p)
}

fn finish(written: io::Result<()>, p: &Portfolio) -> Result<ExitCode, Failure> {
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    Ok(if report_unloaded(p) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// An aligned table (display width, so Chinese lines up).
fn table(
    out: &mut impl Write,
    header: &[&str],
    rows: Vec<Vec<String>>,
    none: &str,
) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "{none}");
    }
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(c)).min(60);
        }
    }
    let line = |cells: Vec<&str>| {
        let last = cells.len() - 1;
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    c.to_string()
                } else {
                    fit(c, widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for r in &rows {
        writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}
