//! The current week's report written out as the files are read
//! (`stride report` to standard output), the model never held whole.
//!
//! The files are read in parallel (`load::map_dir_each`); each reading
//! thread walks its objective once, renders its section to bytes and keeps
//! what the report says outside the sections (its part of the header
//! figures, overdue, stalled, plans and other, its metrics and incidents),
//! the objective dropped then. The sections, in file order, go to a spool
//! file in the data folder's own folder (`.stride/`), unlinked as soon as
//! it is made; once every file is read the header is written from the
//! parts kept, then the spool, then the rest. Each file is read once, so
//! the report never mixes two versions of a file. Where the spool cannot
//! be made nothing is written ([`Streamed::NoSpool`]): the caller makes
//! the report from one load.

use std::io::{self, Seek, Write};
use std::path::Path;

use chrono::NaiveDate;

use super::build::{Gathered, Walk, burn_up, operations, problems, settle};
use super::data::{Late, ObjectiveReport, OtherReport, Plan, Report, Stalled, WeekPoint};
use super::html::{html_head, html_objective, html_tail};
use super::json::{json_head, json_objective, json_separator, json_tail};
use super::render::{markdown_head, markdown_objective, markdown_tail};
use super::sink::Sink;
use crate::core::history::History;
use crate::core::l10n::Language;
use crate::core::load::{LoadError, map_dir_each};
use crate::core::model::{Objective, Portfolio, Status};
use crate::core::settings::iso_week_name;

/// The format a report is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Markdown,
    Json,
    Html,
}

/// What [`current_to`] did.
#[derive(Debug)]
pub enum Streamed {
    /// The report is written: the folder's files as read and its settings
    /// (no objective), for what could not be read.
    Written(Portfolio),
    /// Nothing is written: the sections could not be held on disk (the
    /// data folder's own folder cannot be written to).
    NoSpool,
}

/// Why the report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Writes the report of `today`'s week of the folder `dir` to `out` in
/// `form`, reading each file once (see the module).
pub fn current_to(
    dir: &Path,
    today: NaiveDate,
    form: Form,
    out: &mut dyn Write,
) -> Result<Streamed, StreamError> {
    let history = History::load(dir, today);
    let (settings, settings_diagnostics) = crate::core::settings::load(dir);
    let lang = settings.language;
    let week = iso_week_name(today);
    let Some(mut spool) = spool(dir) else {
        return Ok(Streamed::NoSpool);
    };
    let walk = Walk::current(today, &history, true);
    let mut parts = Vec::new();
    let mut sections = 0;
    let mut error = None;
    let files = map_dir_each(
        dir,
        |o| {
            let mut acc = Gathered::default();
            let section = walk.objective(o, &mut acc);
            let bytes = section.as_ref().map(|s| section_bytes(s, form, lang));
            let figures = section.map(|s| {
                let weeks = burn_up(&history, &week, &s.path, s.percent);
                (s.path, s.percent, s.delta, s.status, weeks)
            });
            (Part::of(o, figures, acc), bytes)
        },
        |(part, bytes)| {
            parts.push(part);
            let Some(bytes) = bytes else { return };
            let written = bytes.and_then(|b| {
                if form == Form::Json {
                    spool.write_all(json_separator(sections))?;
                }
                spool.write_all(&b)
            });
            sections += 1;
            if let (Err(e), None) = (written, &error) {
                error = Some(e);
            }
        },
    )?;
    if let Some(e) = error {
        return Err(e.into());
    }
    let mut kept = Vec::with_capacity(parts.len());
    let mut texts = Vec::with_capacity(parts.len());
    let mut rests = Vec::with_capacity(parts.len());
    for p in parts {
        kept.push(p.objective);
        texts.push(p.texts);
        rests.push(p.rest);
    }
    let p = Portfolio {
        dir: dir.to_path_buf(),
        files,
        objectives: kept,
        settings,
        settings_diagnostics,
    };
    let report = outline_of(&p, &texts, rests, today, &history);
    out.write_all(&head(&report, form, lang).map_err(io::Error::other)?)?;
    spool.seek(io::SeekFrom::Start(0))?;
    io::copy(&mut spool, out)?;
    drop(spool);
    tail(&report, form, lang, sections > 0, out)?;
    Ok(Streamed::Written(Portfolio {
        objectives: Vec::new(),
        ..p
    }))
}

/// A file in the data folder's own folder (`.stride/`) to hold the
/// sections until the header can be written, unlinked as soon as made:
/// nothing is left behind, whatever happens; none when it cannot be made
/// (a folder that cannot be written to).
fn spool(dir: &Path) -> Option<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let own = crate::core::fsio::own_dir(dir).ok()?;
    // a spool of a report killed between making and unlinking it
    crate::core::fsio::clean_temporaries(&own);
    let path = own.join(format!(
        ".report{}{}-0.tmp",
        crate::core::fsio::TEMP_MARK,
        std::process::id()
    ));
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .ok()?;
    std::fs::remove_file(&path).ok()?;
    Some(file)
}

/// What is kept of an objective once it is read and its section rendered.
struct Part {
    /// The objective without its projects: its texts, metrics, incidents.
    objective: Objective,
    texts: Texts,
    rest: Rest,
}

/// The texts of an objective's overdue, stalled, planned and other items.
#[derive(Default)]
struct Texts {
    /// Title and owner.
    late: Vec<(Box<str>, Option<Box<str>>)>,
    stalled: Vec<Box<str>>,
    /// Title and plan.
    next: Vec<(Box<str>, Box<str>)>,
    /// Title and note.
    others: Vec<(Box<str>, Option<Box<str>>)>,
}

/// An objective's section's path, percent, change, status and burn-up.
type Figures = (String, f64, Option<f64>, Status, Vec<WeekPoint>);

/// The rest of an objective's part: its section's figures (none when it
/// has none) and its items' paths and figures.
#[derive(Default)]
struct Rest {
    section: Option<Figures>,
    weighted: (f64, f64, f64, f64),
    late: Vec<(String, NaiveDate, i64, Status)>,
    stalled: Vec<(String, f64, u32)>,
    next: Vec<String>,
    others: Vec<(String, Option<NaiveDate>)>,
}

impl Part {
    /// What is kept of `o`, whose section's figures are `figures` (none
    /// without a section) and whose walk gathered `acc`.
    fn of(o: &Objective, figures: Option<Figures>, acc: Gathered) -> Part {
        let own = |s: &str| Box::from(s);
        let texts = Texts {
            late: acc
                .late
                .iter()
                .map(|l| (own(l.title), l.owner.map(own)))
                .collect(),
            stalled: acc.stalled.iter().map(|s| own(s.title)).collect(),
            next: acc
                .next
                .iter()
                .map(|n| (own(n.title), own(n.next)))
                .collect(),
            others: acc
                .others
                .iter()
                .map(|x| (own(x.title), x.note.map(own)))
                .collect(),
        };
        let rest = Rest {
            section: figures,
            weighted: acc.weighted,
            late: acc
                .late
                .into_iter()
                .map(|l| (l.path, l.due, l.overdue_days, l.status))
                .collect(),
            stalled: acc
                .stalled
                .into_iter()
                .map(|s| (s.path, s.percent, s.weeks))
                .collect(),
            next: acc.next.into_iter().map(|n| n.path).collect(),
            others: acc
                .others
                .into_iter()
                .map(|x| (x.objective, x.date))
                .collect(),
        };
        let objective = Objective {
            id: o.id.clone(),
            file: o.file,
            fields: o.fields.clone(),
            projects: Vec::new(),
            metrics: o.metrics.clone(),
            incidents: o.incidents.clone(),
            others: Vec::new(),
        };
        Part {
            objective,
            texts,
            rest,
        }
    }
}

/// The report without its objectives' projects, from the parts kept: its
/// objectives have their figures and texts, not their projects.
fn outline_of<'a>(
    p: &'a Portfolio,
    texts: &'a [Texts],
    rests: Vec<Rest>,
    today: NaiveDate,
    history: &History,
) -> Report<'a> {
    let mut report = Report {
        iso_week: iso_week_name(today),
        week_number: p.settings.week_number(today),
        date: today,
        percent: 0.0,
        delta: None,
        operations: operations(p, None, today, history),
        objectives: Vec::new(),
        overdue: Vec::new(),
        stalled: Vec::new(),
        next: Vec::new(),
        others: Vec::new(),
        problems: problems(p, history, None),
    };
    let mut acc = Gathered::default();
    // exactly as long as they will be: the lists of a large portfolio are
    // long (70,000 stalled milestones in 100,000)
    acc.late
        .reserve_exact(rests.iter().map(|r| r.late.len()).sum());
    acc.stalled
        .reserve_exact(rests.iter().map(|r| r.stalled.len()).sum());
    acc.next
        .reserve_exact(rests.iter().map(|r| r.next.len()).sum());
    acc.others
        .reserve_exact(rests.iter().map(|r| r.others.len()).sum());
    for ((o, t), r) in p.objectives.iter().zip(texts).zip(rests) {
        if let Some((path, percent, delta, status, weeks)) = r.section {
            let f = &o.fields;
            report.objectives.push(ObjectiveReport {
                path,
                title: &f.title,
                owner: f.owner.as_deref(),
                percent,
                delta,
                status,
                update: f.update.as_deref(),
                weeks,
                note: f.note.as_deref(),
                blocker: f.blocker.as_deref(),
                projects: Vec::new(),
            });
        }
        // in the order one walk through the objectives adds them up
        acc.weighted.0 += r.weighted.0;
        acc.weighted.1 += r.weighted.1;
        acc.weighted.2 += r.weighted.2;
        acc.weighted.3 += r.weighted.3;
        let late = r.late.into_iter().zip(&t.late);
        acc.late.extend(
            late.map(|((path, due, overdue_days, status), (title, owner))| Late {
                path,
                title,
                owner: owner.as_deref(),
                due,
                overdue_days,
                status,
            }),
        );
        let stalled = r.stalled.into_iter().zip(&t.stalled);
        acc.stalled
            .extend(stalled.map(|((path, percent, weeks), title)| Stalled {
                path,
                title,
                percent,
                weeks,
            }));
        let next = r.next.into_iter().zip(&t.next);
        acc.next
            .extend(next.map(|(path, (title, next))| Plan { path, title, next }));
        let others = r.others.into_iter().zip(&t.others);
        acc.others.extend(
            others.map(|((objective, date), (title, note))| OtherReport {
                objective,
                title,
                note: note.as_deref(),
                date,
            }),
        );
    }
    settle(&mut report, acc, history);
    report
}

fn head(r: &Report, form: Form, lang: Language) -> serde_json::Result<Vec<u8>> {
    Ok(match form {
        Form::Markdown => markdown_head(r, lang).into_bytes(),
        Form::Html => html_head(r, lang).into_bytes(),
        Form::Json => json_head(r)?,
    })
}

fn section_bytes(o: &ObjectiveReport, form: Form, lang: Language) -> io::Result<Vec<u8>> {
    Ok(match form {
        Form::Markdown => {
            let mut out = String::new();
            markdown_objective(&mut out, &mut Sink::string(), o, lang);
            out.into_bytes()
        }
        Form::Html => html_objective(o, lang).into_bytes(),
        Form::Json => json_objective(o).map_err(io::Error::other)?,
    })
}

fn tail(r: &Report, form: Form, lang: Language, any: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut text = String::new();
    let mut sink = Sink::writer(out);
    match form {
        Form::Markdown => markdown_tail(&mut text, &mut sink, r, lang),
        Form::Html => html_tail(&mut text, &mut sink, r, lang),
        Form::Json => {
            sink.finish(text)?;
            return json_tail(r, any, out);
        }
    }
    sink.finish(text).map(drop)
}
