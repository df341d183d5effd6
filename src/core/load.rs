//! Reading a data folder: one typed pass over each file, files in parallel.
//!
//! Each file is parsed once into `toml`'s spanned tree (which borrows from the
//! text), walked into the model, and validated on the way, so that every
//! problem carries its line and column. A file with errors is kept out of the
//! tree; the other files are unaffected.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{NaiveDate, NaiveDateTime};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

mod sections;

use super::diag::{Diagnostic, Severity};
use super::model::{Fields, Milestone, Objective, Portfolio, Project, SourceFile, Status};
use super::ops::{Better, Grade, Incident, Metric};

/// The data folder itself could not be read.
#[derive(Debug)]
pub struct LoadError {
    pub dir: PathBuf,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot read data folder {}: {}",
            self.dir.display(),
            self.message
        )
    }
}

impl std::error::Error for LoadError {}

/// Whether a file name is an objective file: `*.toml`, not starting with `.` or `_`.
pub fn is_objective_file(name: &str) -> bool {
    name.ends_with(".toml") && name.len() > 5 && !name.starts_with('.') && !name.starts_with('_')
}

/// The objective files of `dir`, in file-name order.
pub fn objective_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let err = |e: std::io::Error| LoadError {
        dir: dir.to_path_buf(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(dir).map_err(err)?;
    if !meta.is_dir() {
        return Err(LoadError {
            dir: dir.to_path_buf(),
            message: "not a folder".into(),
        });
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(err)? {
        let entry = entry.map_err(err)?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_objective_file(name) {
            continue;
        }
        // follows symlinks: a linked data file is a data file
        if std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()) {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

/// Loads every objective file of `dir`, in parallel, into a portfolio.
pub fn load_dir(dir: &Path) -> Result<Portfolio, LoadError> {
    let paths = objective_files(dir)?;
    // what a killed save left behind
    super::save::clean_temporaries(dir);
    super::save::clean_temporaries(&dir.join(super::history::DIR));
    let results = parallel_map(&paths, |path| {
        let bytes = std::fs::read(path);
        load_file(path, bytes)
    });
    let (settings, settings_diagnostics) = super::settings::load(dir);
    let mut portfolio = Portfolio {
        dir: dir.to_path_buf(),
        files: Vec::with_capacity(paths.len()),
        objectives: Vec::new(),
        settings,
        settings_diagnostics,
    };
    for (i, (file, objective)) in results.into_iter().enumerate() {
        if let Some(mut o) = objective {
            o.file = i;
            portfolio.objectives.push(o);
        }
        portfolio.files.push(file);
    }
    Ok(portfolio)
}

/// Reads the objective files of `dir` as [`load_dir`] does, in parallel,
/// but hands each objective to `f` as soon as it is read and keeps only
/// what `f` returns: for a command that goes through the portfolio once,
/// this holds a file or two in memory instead of the whole portfolio.
/// Returns every file, loaded or not, and `f`'s results for the objectives
/// that loaded, both in file-name order. Settings are not read.
pub fn map_dir<R: Send>(
    dir: &Path,
    f: impl Fn(&Objective) -> R + Sync,
) -> Result<(Vec<SourceFile>, Vec<R>), LoadError> {
    let paths = objective_files(dir)?;
    super::save::clean_temporaries(dir);
    super::save::clean_temporaries(&dir.join(super::history::DIR));
    let indexed: Vec<(usize, &PathBuf)> = paths.iter().enumerate().collect();
    let results = parallel_map(&indexed, |&(i, path)| {
        let (file, objective) = load_file(path, std::fs::read(path));
        let r = objective.map(|mut o| {
            o.file = i;
            f(&o)
        });
        (file, r)
    });
    let mut files = Vec::with_capacity(results.len());
    let mut out = Vec::with_capacity(results.len());
    for (file, r) in results {
        files.push(file);
        out.extend(r);
    }
    Ok((files, out))
}

impl Portfolio {
    /// Reads the file `file` (an index into `files`) again from disk into
    /// the model, in place of what was read before. Returns whether it loaded.
    pub fn reload_file(&mut self, file: usize) -> bool {
        let Some(path) = self.files.get(file).map(|f| f.path.clone()) else {
            return false;
        };
        let (source, objective) = load_file(&path, std::fs::read(&path));
        let at = self.objectives.iter().position(|o| o.file == file);
        match (objective, at) {
            (Some(mut o), Some(i)) => {
                o.file = file;
                self.objectives[i] = o;
            }
            (Some(mut o), None) => {
                o.file = file;
                let at = self.objectives.partition_point(|x| x.file < file);
                self.objectives.insert(at, o);
            }
            (None, Some(i)) => {
                self.objectives.remove(i);
            }
            (None, None) => {}
        }
        self.files[file] = source;
        self.files[file].loaded
    }
}

/// Applies `f` to every item on all cores, keeping the order of `items`.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut out: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

/// A fingerprint of a file's bytes, to notice later changes on disk.
///
/// A fast 64-bit hash, eight bytes a step (SipHash, the standard hasher,
/// took a tenth of the load of a large portfolio): it tells a changed file
/// from an unchanged one, and is no defence against a chosen collision.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    // the folded 128-bit product: every bit of `h ^ w` moves every bit
    let mix = |h: u64, w: u64| {
        let m = u128::from(h ^ w) * u128::from(K);
        (m as u64) ^ ((m >> 64) as u64)
    };
    let mut h = (bytes.len() as u64).wrapping_mul(K) ^ 0x2545_f491_4f6c_dd1d;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        h = mix(h, u64::from_le_bytes(w.try_into().unwrap_or([0; 8])));
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    h = mix(h, u64::from_le_bytes(last));
    // the finaliser of MurmurHash3: every bit of `h` reaches every bit
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Loads one file from the result of reading it.
pub fn load_file(path: &Path, bytes: std::io::Result<Vec<u8>>) -> (SourceFile, Option<Objective>) {
    let mut file = SourceFile {
        path: path.to_path_buf(),
        fingerprint: 0,
        loaded: false,
        diagnostics: Vec::new(),
        plain: false,
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            file.diagnostics.push(Diagnostic::whole_file(
                path,
                format!("cannot read file: {e}"),
            ));
            return (file, None);
        }
    };
    file.fingerprint = fingerprint(&bytes);
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.valid_up_to();
            // valid_up_to is a char boundary, so the prefix is valid UTF-8
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
            file.diagnostics.push(Diagnostic::at(
                path,
                prefix,
                valid,
                Severity::Error,
                format!("the file is not valid UTF-8 (bad byte at offset {valid})"),
            ));
            return (file, None);
        }
    };
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let objective = match sections::parse(path, &id, text) {
        Some(objective) => {
            file.plain = true;
            Some(objective)
        }
        None => {
            let (objective, diagnostics) = parse_whole(path, &id, text);
            file.diagnostics = diagnostics;
            objective
        }
    };
    file.loaded = objective.is_some();
    (file, objective)
}

/// Whether `text`, the text of the objective file at `path`, is a run of
/// plain sections that the sectioned loader reads exactly (and without a
/// problem): what [`SourceFile::plain`] says.
pub fn is_plain(path: &Path, text: &str) -> bool {
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    sections::parse(path, id, text).is_some()
}

/// A portfolio of one objective file, `o.toml`, parsed from `text`
/// (which must have no problem): what unit tests build on.
#[cfg(test)]
pub(crate) fn portfolio_of(text: &str) -> Portfolio {
    let (o, d) = parse_objective(Path::new("o.toml"), "o", text);
    assert!(d.is_empty(), "{d:?}");
    Portfolio {
        files: vec![SourceFile {
            path: "o.toml".into(),
            fingerprint: 0,
            loaded: true,
            diagnostics: vec![],
            plain: false,
        }],
        objectives: vec![o.expect("the objective loads")],
        ..Portfolio::default()
    }
}

/// Parses the text of one objective file. The objective is `None` when the
/// file has any error; the diagnostics list errors and warnings alike.
pub fn parse_objective(path: &Path, id: &str, text: &str) -> (Option<Objective>, Vec<Diagnostic>) {
    // most files read a table at a time, in little memory; any other file,
    // and any file with a problem, is parsed whole
    if let Some(objective) = sections::parse(path, id, text) {
        return (Some(objective), Vec::new());
    }
    parse_whole(path, id, text)
}

/// [`parse_objective`] in one parse of the whole text: the slow path, and
/// the one that finds every problem with its place.
pub fn parse_whole(path: &Path, id: &str, text: &str) -> (Option<Objective>, Vec<Diagnostic>) {
    let mut cx = Cx {
        path,
        text,
        diags: Vec::new(),
        projects: None,
    };
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let message = e.message().trim().replace('\n', "; ");
            cx.diags.push(Diagnostic::at(
                path,
                text,
                offset,
                Severity::Error,
                format!("TOML syntax: {message}"),
            ));
            return (None, cx.diags);
        }
    };
    let objective = cx.objective(id, root.get_ref(), root.span());
    let ok = !cx.diags.iter().any(Diagnostic::is_error);
    (ok.then_some(objective), cx.diags)
}

type Table<'i> = DeTable<'i>;
type Value<'i> = Spanned<DeValue<'i>>;

/// The walk over one file, collecting diagnostics.
struct Cx<'a> {
    path: &'a Path,
    text: &'a str,
    diags: Vec<Diagnostic>,
    /// Projects already read by [`sections`], for the objective to take.
    projects: Option<Vec<Project>>,
}

impl Cx<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.diags.push(Diagnostic::at(
            self.path,
            self.text,
            span.start,
            Severity::Error,
            message,
        ));
    }

    fn warn(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.diags.push(Diagnostic::at(
            self.path,
            self.text,
            span.start,
            Severity::Warning,
            message,
        ));
    }

    fn objective(&mut self, id: &str, table: &Table<'_>, span: Range<usize>) -> Objective {
        let what = format!("objective `{id}`");
        let mut o = Objective {
            id: id.to_string(),
            projects: self.projects.take().unwrap_or_default(),
            ..Objective::default()
        };
        for (key, value) in table.iter() {
            let k = key.get_ref().as_ref();
            if k == "project" {
                o.projects = self.children(key, value, "project", |cx, pid, t, span| {
                    cx.project(pid, t, span)
                });
            } else if k == "metric" {
                o.metrics = self.children(key, value, "metric", |cx, mid, t, span| {
                    cx.metric(mid, t, span)
                });
            } else if k == "incident" {
                o.incidents = self.incidents(key, value);
            } else if !self.common_field(&mut o.fields, k, key, value) {
                self.unknown(key, &what);
            }
        }
        self.finish_fields(&o.fields, table, span, &what);
        // a metric is addressed like a project: the ids must differ
        for m in &o.metrics {
            if o.projects.iter().any(|p| p.id == m.id)
                && let Some(t) = table.get("metric").and_then(|v| v.get_ref().as_table())
                && let Some((k, _)) = t.get_key_value(m.id.as_str())
            {
                self.error(
                    k.span(),
                    format!(
                        "metric `{}` has the id of a project; `{id}/{}` must name one thing",
                        m.id, m.id
                    ),
                );
            }
        }
        o
    }

    fn metric(&mut self, id: &str, table: &Table<'_>, span: Range<usize>) -> Metric {
        let mut m = Metric {
            id: id.to_string(),
            ..Metric::default()
        };
        let what = format!("metric `{id}`");
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "title" => m.title = self.string(key, value).unwrap_or_default(),
                "value" => m.value = self.number(key, value).unwrap_or(f64::NAN),
                "target" => m.target = self.number(key, value),
                "unit" => m.unit = self.string(key, value),
                "better" => match self.string(key, value).as_deref() {
                    Some("higher") => m.better = Better::Higher,
                    Some("lower") => m.better = Better::Lower,
                    Some(other) => self.error(
                        value.span(),
                        format!("`better` must be \"higher\" or \"lower\", found `{other}`"),
                    ),
                    None => {}
                },
                _ => self.unknown(key, &what),
            }
        }
        if !table.contains_key("title") {
            self.error(span.clone(), format!("{what} has no `title`"));
        }
        if !table.contains_key("value") {
            self.error(span, format!("{what} has no `value`"));
        }
        if m.value.is_nan() {
            m.value = 0.0;
        }
        m
    }

    /// Reads `[[incident]]`, an array of tables.
    fn incidents(&mut self, key: &Spanned<Cow<'_, str>>, value: &Value<'_>) -> Vec<Incident> {
        let Some(items) = value.get_ref().as_array() else {
            self.error(
                value.span(),
                format!(
                    "`incident` must be an array of tables like [[incident]], found {}",
                    describe(value.get_ref())
                ),
            );
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (n, item) in items.iter().enumerate() {
            let Some(t) = item.get_ref().as_table() else {
                self.error(
                    item.span(),
                    format!(
                        "incident {} must be a table, found {}",
                        n + 1,
                        describe(item.get_ref())
                    ),
                );
                continue;
            };
            out.push(self.incident(n + 1, t, item.span()));
        }
        let _ = key;
        out
    }

    fn incident(&mut self, n: usize, table: &Table<'_>, span: Range<usize>) -> Incident {
        let what = format!("incident {n}");
        let mut i = Incident::default();
        let mut resolved_span = None;
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "at" => i.at = self.datetime(key, value).unwrap_or_default(),
                "resolved" => {
                    i.resolved = self.datetime(key, value);
                    resolved_span = Some(value.span());
                }
                "grade" => {
                    if let Some(g) = self.string(key, value) {
                        i.grade = Grade::parse(&g);
                        if i.grade.is_none() {
                            self.error(
                                value.span(),
                                format!("unknown grade `{g}`; allowed: A, B, C, D (or no grade for an event)"),
                            );
                        }
                    }
                }
                "title" => i.title = self.string(key, value).unwrap_or_default(),
                "impact" => i.impact = self.string(key, value),
                "cause" => i.cause = self.string(key, value),
                "action" => i.action = self.string(key, value),
                "business_impact" => match value.get_ref() {
                    DeValue::Boolean(b) => i.business_impact = *b,
                    _ => self.type_error(key, value, "true or false"),
                },
                _ => self.unknown(key, &what),
            }
        }
        if !table.contains_key("title") {
            self.error(span.clone(), format!("{what} has no `title`"));
        }
        if !table.contains_key("at") {
            self.error(span, format!("{what} has no `at` time"));
        }
        if let (Some(r), Some(s)) = (i.resolved, resolved_span)
            && r < i.at
        {
            self.error(s, format!("{what}: resolved {r} is before at {}", i.at));
        }
        i
    }

    fn datetime(
        &mut self,
        key: &Spanned<Cow<'_, str>>,
        value: &Value<'_>,
    ) -> Option<NaiveDateTime> {
        let dt = match value.get_ref() {
            DeValue::Datetime(dt) if dt.offset.is_none() => match (dt.date, dt.time) {
                (Some(d), Some(t)) => {
                    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()).and_then(
                        |d| {
                            d.and_hms_nano_opt(
                                t.hour.into(),
                                t.minute.into(),
                                t.second.unwrap_or(0).into(),
                                t.nanosecond.unwrap_or(0),
                            )
                        },
                    )
                }
                _ => None,
            },
            _ => None,
        };
        if dt.is_none() {
            self.type_error(key, value, "a local date-time like 2023-06-15T11:01:00");
        }
        dt
    }

    fn project(&mut self, id: &str, table: &Table<'_>, span: Range<usize>) -> Project {
        let what = format!("project `{id}`");
        let mut p = Project {
            id: id.to_string(),
            ..Project::default()
        };
        // stages first: milestones are checked against them, wherever they stand
        if let Some((key, value)) = table.get_key_value("stages") {
            p.stages = self.string_list(key, value);
            let mut seen = std::collections::HashSet::new();
            for s in &p.stages {
                if !seen.insert(s) {
                    self.error(
                        value.span(),
                        format!("stage `{s}` appears twice in `stages`"),
                    );
                }
            }
        }
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "stages" => {}
                "milestone" => {
                    let stages = p.stages.clone();
                    p.milestones = self.children(key, value, "milestone", |cx, mid, t, span| {
                        cx.milestone(mid, t, span, &stages, id)
                    });
                }
                k => {
                    if !self.common_field(&mut p.fields, k, key, value) {
                        self.unknown(key, &what);
                    }
                }
            }
        }
        self.finish_fields(&p.fields, table, span, &what);
        p
    }

    fn milestone(
        &mut self,
        id: &str,
        table: &Table<'_>,
        span: Range<usize>,
        stages: &[String],
        project: &str,
    ) -> Milestone {
        let what = format!("milestone `{id}`");
        let mut m = Milestone {
            id: id.to_string(),
            ..Milestone::default()
        };
        let mut done_span = None;
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "total" => m.total = self.count(key, value),
                "done" => {
                    m.done = self.count(key, value);
                    done_span = Some(value.span());
                }
                "stage" => {
                    let Some(s) = self.string(key, value) else {
                        continue;
                    };
                    if stages.is_empty() {
                        self.error(
                            value.span(),
                            format!("stage `{s}` given, but project `{project}` has no `stages`"),
                        );
                    } else if !stages.contains(&s) {
                        self.error(
                            value.span(),
                            format!(
                                "unknown stage `{s}`; the stages of project `{project}` are: {}",
                                stages.join(", ")
                            ),
                        );
                    }
                    m.stage = Some(s);
                }
                k => {
                    if !self.common_field(&mut m.fields, k, key, value) {
                        self.unknown(key, &what);
                    }
                }
            }
        }
        if let (Some(done), Some(total), Some(span)) = (m.done, m.total, done_span.clone())
            && done > total
        {
            self.error(
                span,
                format!("done ({done}) is greater than total ({total})"),
            );
        }
        if m.done.is_some()
            && m.total.is_none()
            && let Some(span) = done_span
        {
            self.warn(span, "`done` has no effect without `total`");
        }
        self.finish_fields(&m.fields, table, span, &what);
        m
    }

    /// Reads a table of child tables (`project` or `milestone`), in file order.
    fn children<T>(
        &mut self,
        key: &Spanned<Cow<'_, str>>,
        value: &Value<'_>,
        kind: &str,
        mut each: impl FnMut(&mut Self, &str, &Table<'_>, Range<usize>) -> T,
    ) -> Vec<T> {
        let Some(table) = value.get_ref().as_table() else {
            self.error(
                value.span(),
                format!(
                    "`{}` must be a table of {kind}s like [{}.ID], found {}",
                    key.get_ref(),
                    key.get_ref(),
                    describe(value.get_ref())
                ),
            );
            return Vec::new();
        };
        let mut out = Vec::with_capacity(table.len());
        for (id_key, child) in table.iter() {
            let id = id_key.get_ref().as_ref();
            if id.is_empty() || id.contains('/') {
                self.error(
                    id_key.span(),
                    format!("{kind} id `{id}` must be non-empty and must not contain `/`"),
                );
                continue;
            }
            let Some(t) = child.get_ref().as_table() else {
                self.error(
                    child.span(),
                    format!(
                        "{kind} `{id}` must be a table, found {}",
                        describe(child.get_ref())
                    ),
                );
                continue;
            };
            out.push(each(self, id, t, id_key.span()));
        }
        out
    }

    /// Reads a field every level has; false when `k` is not one.
    fn common_field(
        &mut self,
        f: &mut Fields,
        k: &str,
        key: &Spanned<Cow<'_, str>>,
        value: &Value<'_>,
    ) -> bool {
        match k {
            "title" => f.title = self.string(key, value).unwrap_or_default(),
            "status" => {
                if let Some(s) = self.string(key, value) {
                    f.status = Status::parse(&s);
                    if f.status.is_none() {
                        self.error(
                            value.span(),
                            format!("unknown status `{s}`; allowed: {}", Status::allowed()),
                        );
                    }
                }
            }
            "percent" => {
                f.percent = self.number(key, value);
                if let Some(p) = f.percent
                    && !(0.0..=100.0).contains(&p)
                {
                    self.error(value.span(), format!("percent {p} is outside 0..100"));
                }
            }
            "weight" => {
                f.weight = self.number(key, value);
                if let Some(w) = f.weight
                    && w <= 0.0
                {
                    self.error(value.span(), format!("weight {w} must be greater than 0"));
                }
            }
            "due" => f.due = self.date(key, value),
            "start" => f.start = self.date(key, value),
            "owner" => f.owner = self.string(key, value),
            "note" => f.note = self.string(key, value),
            "update" => f.update = self.string(key, value),
            "next" => f.next = self.string(key, value),
            "blocker" => f.blocker = self.string(key, value),
            "tags" => f.tags = self.string_list(key, value),
            _ => return false,
        }
        true
    }

    /// Checks that need several fields: a title, and due not before start.
    fn finish_fields(&mut self, f: &Fields, table: &Table<'_>, span: Range<usize>, what: &str) {
        if !table.contains_key("title") {
            self.error(span, format!("{what} has no `title`"));
        }
        if let (Some(due), Some(start)) = (f.due, f.start)
            && due < start
            && let Some(v) = table.get("due")
        {
            self.error(
                v.span(),
                format!("{what}: due {due} is before start {start}"),
            );
        }
    }

    fn unknown(&mut self, key: &Spanned<Cow<'_, str>>, what: &str) {
        self.warn(
            key.span(),
            format!("unknown key `{}` in {what} (kept as is)", key.get_ref()),
        );
    }

    fn type_error(&mut self, key: &Spanned<Cow<'_, str>>, value: &Value<'_>, expected: &str) {
        self.error(
            value.span(),
            format!(
                "`{}` must be {expected}, found {}",
                key.get_ref(),
                describe(value.get_ref())
            ),
        );
    }

    fn string(&mut self, key: &Spanned<Cow<'_, str>>, value: &Value<'_>) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.type_error(key, value, "a string");
                None
            }
        }
    }

    fn string_list(&mut self, key: &Spanned<Cow<'_, str>>, value: &Value<'_>) -> Vec<String> {
        let Some(items) = value.get_ref().as_array() else {
            self.type_error(key, value, "an array of strings");
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(s.to_string()),
                other => self.error(
                    item.span(),
                    format!(
                        "`{}` must hold only strings, found {}",
                        key.get_ref(),
                        describe(other)
                    ),
                ),
            }
        }
        out
    }

    fn number(&mut self, key: &Spanned<Cow<'_, str>>, value: &Value<'_>) -> Option<f64> {
        let n = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|i| i as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => {
                self.type_error(key, value, "a number");
                return None;
            }
        };
        match n {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                self.error(
                    value.span(),
                    format!("`{}` must be a finite number", key.get_ref()),
                );
                None
            }
        }
    }

    fn count(&mut self, key: &Spanned<Cow<'_, str>>, value: &Value<'_>) -> Option<u64> {
        match value.get_ref() {
            DeValue::Integer(i) => match u64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(n),
                Err(_) => {
                    self.error(
                        value.span(),
                        format!("`{}` must be a whole number of 0 or more", key.get_ref()),
                    );
                    None
                }
            },
            _ => {
                self.type_error(key, value, "a whole number");
                None
            }
        }
    }

    fn date(&mut self, key: &Spanned<Cow<'_, str>>, value: &Value<'_>) -> Option<NaiveDate> {
        let date = match value.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
                .date
                .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())),
            DeValue::String(s) => {
                let hint = if super::dates::parse_iso(s).is_some() {
                    format!(" (write it bare, without quotes: {} = {s})", key.get_ref())
                } else {
                    String::new()
                };
                self.error(
                    value.span(),
                    format!(
                        "`{}` must be a date like 2023-06-30, found a string{hint}",
                        key.get_ref()
                    ),
                );
                return None;
            }
            _ => None,
        };
        if date.is_none() {
            self.type_error(key, value, "a date like 2023-06-30");
        }
        date
    }
}

/// Names a value's type for messages.
fn describe(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(dt) if dt.time.is_some() => "a date-time",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Objective>, Vec<String>) {
        let (o, d) = parse_objective(Path::new("o.toml"), "o", text);
        (o, d.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn reads_the_documented_example() {
        let (o, diags) = parse(
            r#"title = "O2 系统升级"
owner = "王五"
[project.hive]
title = "HIVE标准数仓建设"
percent = 97
due = 2023-06-30
[project.hive.milestone.migration]
title = "迁移进度"
percent = 95.46
total = 164
[project.channels]
title = "新支付能力建设"
stages = ["开发", "测试", "联调"]
[project.channels.milestone.netsunion]
title = "网联代收"
stage = "联调"
status = "blocked"
tags = ["网联"]
"#,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let o = o.unwrap();
        assert_eq!(o.fields.title, "O2 系统升级");
        assert_eq!(o.fields.owner.as_deref(), Some("王五"));
        let ids: Vec<_> = o.projects.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["hive", "channels"]);
        let hive = &o.projects[0];
        assert_eq!(hive.fields.percent, Some(97.0));
        assert_eq!(hive.fields.due, NaiveDate::from_ymd_opt(2023, 6, 30));
        assert_eq!(hive.milestones[0].total, Some(164));
        let n = &o.projects[1].milestones[0];
        assert_eq!(n.stage.as_deref(), Some("联调"));
        assert_eq!(n.fields.status, Some(Status::Blocked));
        assert_eq!(n.fields.tags, ["网联"]);
    }

    #[test]
    fn keeps_file_order_not_alphabetical_order() {
        let (o, _) = parse("title='t'\n[project.zeta]\ntitle='z'\n[project.alpha]\ntitle='a'\n");
        let ids: Vec<_> = o.unwrap().projects.into_iter().map(|p| p.id).collect();
        assert_eq!(ids, ["zeta", "alpha"]);
    }

    #[test]
    fn reports_each_problem_at_its_line_and_column() {
        let (o, diags) = parse(
            "title = 't'\n[project.p]\ntitle = 'p'\nstatus = 'finished'\npercent = 120\ndue = '2023-06-30'\ncolour = 'red'\n[project.p.milestone.m]\ntitle = 'm'\ntotal = 3\ndone = 5\nstage = 'x'\n",
        );
        assert!(o.is_none());
        assert_eq!(
            diags,
            [
                "o.toml:4:10: error: unknown status `finished`; allowed: todo, in_progress, blocked, at_risk, done, dropped",
                "o.toml:5:11: error: percent 120 is outside 0..100",
                "o.toml:6:7: error: `due` must be a date like 2023-06-30, found a string (write it bare, without quotes: due = 2023-06-30)",
                "o.toml:7:1: warning: unknown key `colour` in project `p` (kept as is)",
                "o.toml:12:9: error: stage `x` given, but project `p` has no `stages`",
                "o.toml:11:8: error: done (5) is greater than total (3)",
            ]
        );
    }

    #[test]
    fn a_syntax_error_names_its_place() {
        let (o, diags) = parse("title = 't'\n[project.p]\ntitle = \n");
        assert!(o.is_none());
        assert_eq!(diags.len(), 1);
        assert!(diags[0].starts_with("o.toml:3:"), "{diags:?}");
        assert!(diags[0].contains("TOML syntax"), "{diags:?}");
    }

    #[test]
    fn unknown_stage_lists_the_allowed_ones_and_due_before_start_is_an_error() {
        let (_, diags) = parse(
            "title='t'\n[project.p]\ntitle='p'\nstages=['a','b']\nstart=2023-07-01\ndue=2023-06-01\n[project.p.milestone.m]\ntitle='m'\nstage='c'\n",
        );
        assert_eq!(
            diags,
            [
                "o.toml:9:7: error: unknown stage `c`; the stages of project `p` are: a, b",
                "o.toml:6:5: error: project `p`: due 2023-06-01 is before start 2023-07-01",
            ]
        );
    }

    #[test]
    fn missing_title_and_wrong_shapes_are_errors() {
        let (_, diags) = parse("owner = 1\nproject = 3\n");
        assert_eq!(
            diags,
            [
                "o.toml:1:9: error: `owner` must be a string, found an integer",
                "o.toml:2:11: error: `project` must be a table of projects like [project.ID], found an integer",
                "o.toml:1:1: error: objective `o` has no `title`",
            ]
        );
    }

    #[test]
    fn unknown_keys_are_only_warnings() {
        let (o, diags) = parse("title='t'\nextra = { a = 1 }\n");
        assert!(o.is_some());
        assert_eq!(
            diags,
            ["o.toml:2:1: warning: unknown key `extra` in objective `o` (kept as is)"]
        );
    }

    #[test]
    fn non_utf8_is_reported_with_its_place() {
        let (file, o) = load_file(Path::new("x.toml"), Ok(b"title = \"a\xff\"\n".to_vec()));
        assert!(o.is_none());
        assert_eq!(
            file.diagnostics[0].to_string(),
            "x.toml:1:11: error: the file is not valid UTF-8 (bad byte at offset 10)"
        );
    }

    #[test]
    fn fingerprints_tell_any_change() {
        let text = b"title = \"O2\"\n[project.a]\ntitle = \"A\"\npercent = 95.46\n".to_vec();
        let base = fingerprint(&text);
        assert_eq!(base, fingerprint(&text.clone()));
        let mut seen = std::collections::HashSet::from([base]);
        for i in 0..text.len() {
            for bit in 0..8 {
                let mut t = text.clone();
                t[i] ^= 1 << bit;
                assert!(seen.insert(fingerprint(&t)), "byte {i} bit {bit}");
            }
            assert!(seen.insert(fingerprint(&text[..i])), "prefix {i}");
        }
        let mut longer = text.clone();
        longer.push(0);
        assert!(seen.insert(fingerprint(&longer)));
    }

    #[test]
    fn objective_file_names() {
        assert!(is_objective_file("o1.toml"));
        assert!(!is_objective_file(".stride.toml"));
        assert!(!is_objective_file("_draft.toml"));
        assert!(!is_objective_file("notes.md"));
        assert!(!is_objective_file(".toml"));
    }
}
