//! The current week's report written out in two passes over the files,
//! the model never held whole (`stride report` to standard output).
//!
//! The first pass reads the files in parallel and keeps of each objective
//! what the report says outside its section (its part of the header
//! figures, overdue, stalled, plans, other, its metrics and incidents),
//! each objective dropped once read. The second reads them again in
//! parallel, each worker rendering its objective's section, written out
//! in file order after the header. A file whose bytes differ between the
//! passes (saved in between) would make a report that disagrees with
//! itself: the files' sizes and times are compared before the second
//! pass, and a change found then, or by a second reading's fingerprint
//! before anything is written, writes nothing ([`Streamed::Changed`]: the
//! caller makes the report from one load); a file saved while the
//! sections are being written makes the report an error.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;

use super::build::{Gathered, Walk, burn_up, operations, problems, settle};
use super::data::{Late, ObjectiveReport, OtherReport, Plan, Report, Stalled, WeekPoint};
use super::html::{html_head, html_objective, html_tail};
use super::json::{json_head, json_objective, json_tail};
use super::render::{markdown_head, markdown_objective, markdown_tail};
use super::sink::Sink;
use crate::core::history::History;
use crate::core::l10n::Language;
use crate::core::load::{LoadError, map_dir, map_files_each};
use crate::core::model::{Objective, Portfolio, SourceFile, Status};
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
    /// A file changed between the passes, found before anything was
    /// written: nothing is.
    Changed,
}

/// Why the report in two passes could not be written.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Io(#[from] io::Error),
    /// A file changed between the passes once the report was being written.
    #[error(
        "{} changed while the report was written: the report may disagree with itself; write it again",
        .0.display()
    )]
    Changed(PathBuf),
}

/// Writes the report of `today`'s week of the folder `dir` to `out` in
/// `form`, in two passes over the files (see the module).
pub fn current_to(
    dir: &Path,
    today: NaiveDate,
    form: Form,
    out: &mut dyn Write,
) -> Result<Streamed, StreamError> {
    current_with(dir, today, form, out, || {})
}

/// [`current_to`], calling `between` between the passes (what a test
/// changes a file in).
pub(crate) fn current_with(
    dir: &Path,
    today: NaiveDate,
    form: Form,
    out: &mut dyn Write,
    between: impl FnOnce(),
) -> Result<Streamed, StreamError> {
    let history = History::load(dir, today);
    let (settings, settings_diagnostics) = crate::core::settings::load(dir);
    let lang = settings.language;
    let week = iso_week_name(today);
    let outline = Walk::current(today, &history, false);
    let before = stamps(dir);
    let (files, parts) = map_dir(dir, |o| Part::of(o, &outline, &history, &week))?;
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
    between();
    // a file saved since the first pass began: nothing written yet
    if stamps(dir) != before {
        return Ok(Streamed::Changed);
    }

    let changed = AtomicBool::new(false);
    let whole = Walk::current(today, &history, true);
    let mut w = Writer {
        out,
        form,
        head: Some(head(&report, form, lang).map_err(io::Error::other)?),
        sections: 0,
        changed: None,
        error: None,
    };
    let read = map_files_each(
        dir,
        |i, file, o| {
            if changed.load(Ordering::Relaxed) {
                return Piece::Skipped;
            }
            if !p.files.get(i).is_some_and(|f| same(f, file)) {
                changed.store(true, Ordering::Relaxed);
                return Piece::Changed(file.path.clone());
            }
            let Some(section) = o.and_then(|o| whole.objective(o, &mut Gathered::default())) else {
                return Piece::Skipped;
            };
            match section_bytes(&section, form, lang) {
                // it may wait for its turn: without the room it grew into
                Ok(mut bytes) => {
                    bytes.shrink_to_fit();
                    Piece::Section(bytes)
                }
                Err(e) => Piece::Failed(e),
            }
        },
        |piece| w.take(piece, &changed),
    )?;
    if read.len() != p.files.len() && w.changed.is_none() {
        let path = p
            .files
            .get(read.len())
            .or(read.last())
            .map(|f| f.path.clone());
        w.changed = Some(path.unwrap_or_default());
    }
    if let Some(path) = w.changed.take() {
        return match w.head {
            Some(_) => Ok(Streamed::Changed),
            None => Err(StreamError::Changed(path)),
        };
    }
    w.write_head();
    if let Some(e) = w.error.take() {
        return Err(e.into());
    }
    tail(&report, form, lang, w.sections > 0, w.out)?;
    Ok(Streamed::Written(Portfolio {
        files: read,
        objectives: Vec::new(),
        ..p
    }))
}

/// The objective files of `dir` with their sizes and times of change:
/// what tells cheaply that a file was saved between two moments.
fn stamps(dir: &Path) -> Vec<(PathBuf, Option<(u64, std::time::SystemTime)>)> {
    let paths = crate::core::load::objective_files(dir).unwrap_or_default();
    paths
        .into_iter()
        .map(|p| {
            let meta = std::fs::metadata(&p).ok();
            let stamp = meta.and_then(|m| Some((m.len(), m.modified().ok()?)));
            (p, stamp)
        })
        .collect()
}

/// Whether a file read in the second pass is the one read in the first.
fn same(first: &SourceFile, second: &SourceFile) -> bool {
    first.path == second.path
        && first.fingerprint == second.fingerprint
        && first.loaded == second.loaded
}

/// What the first pass keeps of an objective.
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
    fn of(o: &Objective, walk: &Walk, history: &History, week: &str) -> Part {
        let mut acc = Gathered::default();
        let section = walk.objective(o, &mut acc);
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
            section: section.map(|s| {
                let weeks = burn_up(history, week, &s.path, s.percent);
                (s.path, s.percent, s.delta, s.status, weeks)
            }),
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

/// The report without its objectives' projects, from the first pass: its
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

/// What the second pass makes of a file.
enum Piece {
    /// An objective's section, rendered.
    Section(Vec<u8>),
    /// Nothing to write: no objective, or the report is not written.
    Skipped,
    /// The file is not the one the first pass read.
    Changed(PathBuf),
    Failed(io::Error),
}

/// The second pass's writer: the header, held until the first section
/// can be written, then the sections in file order.
struct Writer<'w> {
    out: &'w mut dyn Write,
    form: Form,
    head: Option<Vec<u8>>,
    sections: usize,
    /// A file that changed between the passes.
    changed: Option<PathBuf>,
    error: Option<io::Error>,
}

impl Writer<'_> {
    fn take(&mut self, piece: Piece, changed: &AtomicBool) {
        if self.changed.is_some() || self.error.is_some() {
            return;
        }
        match piece {
            Piece::Skipped => {}
            Piece::Changed(path) => self.changed = Some(path),
            Piece::Failed(e) => self.error = Some(e),
            Piece::Section(bytes) => {
                // a later file found changed already: nothing written yet
                if self.head.is_some() && changed.load(Ordering::Relaxed) {
                    self.changed = Some(PathBuf::new());
                    return;
                }
                self.write_head();
                if self.form == Form::Json {
                    let sep: &[u8] = if self.sections == 0 {
                        b"\n    "
                    } else {
                        b",\n    "
                    };
                    self.write(sep);
                }
                self.write(&bytes);
                self.sections += 1;
            }
        }
    }

    fn write_head(&mut self) {
        if let Some(head) = self.head.take() {
            self.write(&head);
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(bytes)
        {
            self.error = Some(e);
        }
    }
}
