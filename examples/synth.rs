//! A deterministic synthetic portfolio, for benchmarks.
//!
//! ```text
//! cargo run --release --example synth -- --milestones 100000 \
//!     [--objectives 10] [--seed 42] [--today 2023-06-20] [--force] OUT_DIR
//! ```
//!
//! Writes one file per objective (`o01-business.toml`, `o02-upgrade.toml`, ...)
//! into OUT_DIR, which is created; it must not exist or be empty, unless
//! `--force` is given, which first removes the objective files (`*.toml`) it
//! holds. There is one project per 20 milestones, each with 10 to 30 of them.
//!
//! The data looks like the real files: half Chinese and half ASCII titles,
//! due dates from 60 days before to 90 days after `--today`, about 20% of the
//! milestones overdue, progress given as a percent, as done/total, as a stage
//! or as a status alone, and a comment here and there. It is about 250 bytes
//! per milestone, and passes `stride check` with no errors and no warnings.
//! The same arguments always give the same bytes.
//!
//! A one-line summary goes to stderr: files, projects, milestones, bytes, and
//! the milestones overdue as of `--today`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Days, NaiveDate};

const USAGE: &str = "usage: synth --milestones N [--objectives 10] [--seed 42] \
                     [--today 2023-06-20] [--force] OUT_DIR";

fn main() -> ExitCode {
    let opts = match parse_args(std::env::args().skip(1)) {
        Ok(Some(opts)) => opts,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("synth: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The command line.
pub struct Options {
    milestones: usize,
    objectives: usize,
    seed: u64,
    today: NaiveDate,
    force: bool,
    out: PathBuf,
}

/// The options, or `None` for `--help`.
pub fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut milestones = None;
    let mut objectives = 10;
    let mut seed = 42;
    let mut today = NaiveDate::from_ymd_opt(2023, 6, 20).expect("a valid date");
    let mut force = false;
    let mut out = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--milestones" => milestones = Some(number(&value(&arg)?, &arg)?),
            "--objectives" => objectives = number(&value(&arg)?, &arg)?,
            "--seed" => seed = number(&value(&arg)?, &arg)?,
            "--today" => {
                let v = value(&arg)?;
                today = NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                    .map_err(|_| format!("--today `{v}` is not a date like 2023-06-20"))?;
            }
            "--force" => force = true,
            s if s.starts_with('-') => return Err(format!("unknown option `{s}`")),
            s if out.is_none() => out = Some(PathBuf::from(s)),
            s => return Err(format!("unexpected argument `{s}`")),
        }
    }
    let milestones = milestones.ok_or("--milestones is required")?;
    if milestones == 0 || objectives == 0 {
        return Err("--milestones and --objectives must be at least 1".into());
    }
    Ok(Some(Options {
        milestones,
        objectives,
        seed,
        today,
        force,
        out: out.ok_or("OUT_DIR is required")?,
    }))
}

fn number<T: std::str::FromStr>(s: &str, name: &str) -> Result<T, String> {
    s.parse()
        .map_err(|_| format!("{name} `{s}` is not a whole number"))
}

/// Writes the portfolio. (`pub`, like [`parse_args`], for benches/, which
/// include this file as a module.)
pub fn run(opts: &Options) -> Result<(), String> {
    prepare_dir(&opts.out, opts.force)?;
    let mut g = Generator::new(opts);
    let sizes = project_sizes(&mut g.rng, opts.milestones);
    let width = digits(opts.objectives).max(2);
    let mut bytes = 0;
    let mut next_project = 0;
    for i in 0..opts.objectives {
        // contiguous, nearly equal blocks of projects per objective
        let end = (i + 1) * sizes.len() / opts.objectives;
        let slug = OBJECTIVES[i % OBJECTIVES.len()].0;
        let id = format!("o{:0width$}-{slug}", i + 1);
        let text = g.objective(i, &sizes[next_project..end]);
        next_project = end;
        let path = opts.out.join(format!("{id}.toml"));
        std::fs::write(&path, &text)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        bytes += text.len();
    }
    eprintln!(
        "synth: {} files, {} projects, {} milestones, {bytes} bytes in {}; \
         {} milestones overdue as of {} ({:.1}%)",
        opts.objectives,
        sizes.len(),
        g.milestones,
        opts.out.display(),
        g.overdue,
        opts.today,
        g.overdue as f64 * 100.0 / g.milestones as f64,
    );
    Ok(())
}

/// Creates `dir`; an existing one must be empty, or `force` clears its objective files.
fn prepare_dir(dir: &Path, force: bool) -> Result<(), String> {
    let err = |e: std::io::Error| format!("{}: {e}", dir.display());
    if !dir.exists() {
        return std::fs::create_dir_all(dir).map_err(err);
    }
    let entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(err)?
        .collect::<Result<_, _>>()
        .map_err(err)?;
    if entries.is_empty() {
        return Ok(());
    }
    if !force {
        return Err(format!(
            "{} exists and is not empty (give --force to replace its .toml files)",
            dir.display()
        ));
    }
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // the files stride reads as objectives; anything else is left alone
        let objective = name.ends_with(".toml") && !name.starts_with(['.', '_']);
        if objective && entry.file_type().map_err(err)?.is_file() {
            std::fs::remove_file(entry.path()).map_err(err)?;
        }
    }
    Ok(())
}

/// Milestones per project: `total / 20` projects (at least one) of 10 to 30
/// milestones each, adding up to exactly `total`.
fn project_sizes(rng: &mut Rng, total: usize) -> Vec<usize> {
    let projects = (total / 20).max(1);
    let mut left = total;
    let mut sizes = Vec::with_capacity(projects);
    for k in (1..=projects).rev() {
        let size = if k == 1 {
            left
        } else {
            // whatever is picked, the k - 1 projects after this one can still fit
            let lo = 10.max(left.saturating_sub(30 * (k - 1)));
            let hi = 30.min(left - 10 * (k - 1));
            lo + rng.below(hi - lo + 1)
        };
        sizes.push(size);
        left -= size;
    }
    sizes
}

fn digits(n: usize) -> usize {
    n.to_string().len()
}

/// SplitMix64: small, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) < p * (1u64 << 53) as f64
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// How a milestone records its progress.
#[derive(Clone, Copy)]
enum Progress {
    Percent,
    Count,
    Stage,
    StatusOnly,
    /// Title and dates only: todo.
    Bare,
}

/// The state of the generation: the random stream, the ids handed out so
/// far and the running counts.
struct Generator {
    rng: Rng,
    today: NaiveDate,
    project_width: usize,
    milestone_width: usize,
    projects: usize,
    milestones: usize,
    overdue: usize,
}

impl Generator {
    fn new(opts: &Options) -> Self {
        Generator {
            rng: Rng(opts.seed),
            today: opts.today,
            project_width: digits((opts.milestones / 20).max(1)).max(4),
            milestone_width: digits(opts.milestones).max(4),
            projects: 0,
            milestones: 0,
            overdue: 0,
        }
    }

    /// The text of objective file `index`, with projects of these sizes.
    fn objective(&mut self, index: usize, sizes: &[usize]) -> String {
        let (_, zh, en) = OBJECTIVES[index % OBJECTIVES.len()];
        let name = if index.is_multiple_of(2) { zh } else { en };
        let title = format!("O{} {name}", index + 1);
        let mut w = Writer::new(false);
        writeln!(
            w.text,
            "# {title} —— {} projects, synthetic (examples/synth.rs)\n",
            sizes.len()
        )
        .expect("writing to a String");
        w.string("title", &title);
        let owner = self.owner();
        w.string("owner", owner);
        if self.rng.chance(0.5) {
            let tags = self.tags();
            w.list("tags", &tags);
        }
        if self.rng.chance(0.6) {
            let next = self.rng.pick(NEXTS);
            w.string("next", next);
        }
        for &size in sizes {
            self.project(&mut w, size);
        }
        w.text
    }

    fn project(&mut self, w: &mut Writer, size: usize) {
        self.projects += 1;
        let id = format!("p{:0width$}", self.projects, width = self.project_width);
        let title = self.project_title();
        let stages: &[&str] = if self.rng.chance(0.2) {
            self.rng.pick(STAGES)
        } else {
            &[]
        };
        // the milestones first, to give the project the latest of their due dates
        let mut body = Writer::new(self.rng.chance(0.15));
        let mut last_due = None;
        for _ in 0..size {
            let due = self.milestone(&mut body, &id, stages);
            last_due = last_due.max(due);
        }

        w.text.push('\n');
        if self.rng.chance(0.3) {
            let rule = "#".repeat(20 + self.rng.below(50));
            writeln!(w.text, "\n## {id}. {title} {rule}").expect("writing to a String");
        }
        writeln!(w.text, "\n[project.{id}]").expect("writing to a String");
        w.align = body.align;
        w.string("title", &title);
        if self.rng.chance(0.85) {
            let owner = self.owner();
            w.string("owner", owner);
        }
        if let Some(due) = last_due.filter(|_| self.rng.chance(0.7)) {
            w.raw("due", due);
        }
        if self.rng.chance(0.05) {
            let percent = 5 * self.rng.below(20);
            w.raw_commented("percent", percent, "周报给出的总进度，优先于里程碑汇总");
        }
        if self.rng.chance(0.1) {
            let weight = self.rng.pick(&[2, 3, 5]);
            w.raw("weight", weight);
        }
        if !stages.is_empty() {
            w.list("stages", stages);
        }
        if self.rng.chance(0.8) {
            let update = self.sentence();
            w.string("update", &update);
        }
        if self.rng.chance(0.4) {
            let next = self.rng.pick(NEXTS);
            w.string("next", next);
        }
        if self.rng.chance(0.15) {
            let tags = self.tags();
            w.list("tags", &tags);
        }
        w.align = false;
        w.text.push_str(&body.text);
    }

    /// Writes one milestone; returns its due date.
    fn milestone(&mut self, w: &mut Writer, project: &str, stages: &[&str]) -> Option<NaiveDate> {
        self.milestones += 1;
        let id = format!("m{:0width$}", self.milestones, width = self.milestone_width);
        let rng = &mut self.rng;

        // first what it should be: due when, and finished or not; about 20%
        // end up overdue (0.96 dated * 60/151 past * 0.53 open)
        let offset = rng.range(-60, 90);
        let due = rng.chance(0.96).then(|| shift(self.today, offset));
        let closed = rng.chance(if offset < 0 { 0.47 } else { 0.08 });

        // then how the file says it
        let progress = if !stages.is_empty() && rng.chance(0.7) {
            Progress::Stage
        } else {
            match rng.below(100) {
                0..35 => Progress::Percent,
                35..60 => Progress::Count,
                60..90 => Progress::StatusOnly,
                _ if closed => Progress::StatusOnly,
                _ => Progress::Bare,
            }
        };
        let mut status = None;
        let (mut percent, mut total, mut done, mut stage) = (None, None, None, None);
        match (progress, closed) {
            (Progress::Percent, true) => {
                percent = Some(10_000);
                status = rng.chance(0.5).then_some("done");
            }
            (Progress::Percent, false) => {
                percent = Some(if rng.chance(0.5) {
                    500 * rng.below(20)
                } else {
                    rng.below(10_000)
                });
                status = rng.chance(0.4).then(|| open_status(rng));
            }
            (Progress::Count, _) => {
                let n = 5 + rng.below(496);
                total = Some(n);
                done = Some(if closed { n } else { rng.below(n) });
                status = if closed {
                    rng.chance(0.3).then_some("done")
                } else {
                    rng.chance(0.4).then(|| open_status(rng))
                };
            }
            (Progress::Stage, true) => {
                stage = Some(stages.len() - 1);
                status = rng.chance(0.5).then_some("done");
            }
            (Progress::Stage, false) => {
                stage = Some(rng.below(stages.len() - 1));
                status = rng.chance(0.5).then(|| open_status(rng));
            }
            (Progress::StatusOnly, true) => {
                status = Some(if rng.chance(0.88) { "done" } else { "dropped" });
            }
            (Progress::StatusOnly, false) => status = Some(open_status(rng)),
            (Progress::Bare, _) => {}
        }
        let effective_closed = is_closed(status, percent, total.zip(done), stage, stages.len());
        debug_assert_eq!(effective_closed, closed);
        if due.is_some_and(|d| d < self.today) && !effective_closed {
            self.overdue += 1;
        }

        if rng.chance(0.04) {
            w.text.push_str("\n# ");
            w.text.push_str(rng.pick(COMMENTS));
        }
        writeln!(w.text, "\n[project.{project}.milestone.{id}]").expect("writing to a String");
        let title = self.milestone_title();
        let rng = &mut self.rng;
        w.string("title", &title);
        if let Some(p) = percent {
            let p = hundredths(p);
            if rng.chance(0.05) {
                w.raw_commented("percent", p, rng.pick(COMMENTS));
            } else {
                w.raw("percent", p);
            }
        }
        if let Some(n) = total {
            w.raw("total", n);
        }
        if let Some(n) = done {
            w.raw("done", n);
        }
        if rng.chance(0.08) {
            w.raw("weight", rng.pick(&["2", "3", "0.5", "1.5", "5"]));
        }
        if let Some(due) = due {
            if rng.chance(0.5) {
                w.raw("start", shift(due, -rng.range(7, 90)));
            }
            if rng.chance(0.08) {
                w.raw_commented("due", due, rng.pick(DUE_COMMENTS));
            } else {
                w.raw("due", due);
            }
        }
        if let Some(s) = status {
            w.string("status", s);
        }
        if let Some(i) = stage {
            w.string("stage", stages[i]);
        }
        let blocker_odds = match status {
            Some("blocked") => 0.8,
            Some("at_risk") => 0.3,
            _ => 0.0,
        };
        if rng.chance(blocker_odds) {
            w.string("blocker", rng.pick(BLOCKERS));
        }
        if rng.chance(0.7) {
            let owner = self.owner();
            w.string("owner", owner);
        }
        if self.rng.chance(0.3) {
            let note = self.rng.pick(NOTES);
            w.string("note", note);
        }
        if self.rng.chance(0.8) {
            let update = self.sentence();
            w.string("update", &update);
        }
        if self.rng.chance(0.3) {
            let tags = self.tags();
            w.list("tags", &tags);
        }
        due
    }

    /// A line of a weekly report, with some numbers in it.
    fn sentence(&mut self) -> String {
        let rng = &mut self.rng;
        let (n, m) = (1 + rng.below(40), 1 + rng.below(12));
        let day = 1 + rng.below(28);
        if rng.chance(0.5) {
            let what = format!("{}{}", rng.pick(NOUNS_ZH), rng.pick(ACTIONS_ZH));
            let first = match rng.below(5) {
                0 => format!("{what}已完成{}%", 5 * rng.below(20)),
                1 => format!("{what}按计划推进中"),
                2 => format!("本周完成{what}{n}项"),
                3 => format!("{what}延期，预计{m}月{day}日完成"),
                _ => format!("{what}方案评审通过"),
            };
            let second = match rng.below(5) {
                0 => format!("剩余问题单{n}个，已安排专人跟进"),
                1 => format!("已覆盖{}家商户", n * 10),
                2 => format!("日均交易{n}万笔，运行稳定"),
                3 => format!("与{}对齐中", rng.pick(OWNERS_ZH)),
                _ => String::from("数据核对与旁路保持一致"),
            };
            if rng.chance(0.6) {
                let third = match rng.below(3) {
                    0 => format!("下周计划完成{}项", 1 + rng.below(9)),
                    1 => String::from("需协调测试资源"),
                    _ => format!("风险已在{m}月例会同步"),
                };
                format!("{first}；{second}；{third}。")
            } else {
                format!("{first}；{second}。")
            }
        } else {
            let what = format!("{} {}", rng.pick(ACTIONS_EN), rng.pick(NOUNS_EN)).to_lowercase();
            let first = match rng.below(4) {
                0 => format!("{what}: {n} of {} done", n + rng.below(30)),
                1 => format!("{what} on track"),
                2 => format!("{what} slipped to 2023-{:02}-{day:02}", 1 + rng.below(12)),
                _ => format!("{what} signed off in review"),
            };
            let second = match rng.below(4) {
                0 => format!("{n} open defects, owner {}", rng.pick(OWNERS_EN)),
                1 => format!("{}% of traffic moved", 5 * rng.below(21)),
                2 => String::from("waiting for the ops window"),
                _ => String::from("no issues in the last rehearsal"),
            };
            if rng.chance(0.6) {
                let third = match rng.below(3) {
                    0 => format!("next: {} more items next week", 1 + rng.below(9)),
                    1 => String::from("needs test resources from the platform team"),
                    _ => String::from("risk raised at the monthly review"),
                };
                format!("{first}; {second}; {third}.")
            } else {
                format!("{first}; {second}.")
            }
        }
    }

    fn owner(&mut self) -> &'static str {
        if self.rng.chance(0.5) {
            self.rng.pick(OWNERS_ZH)
        } else {
            self.rng.pick(OWNERS_EN)
        }
    }

    fn tags(&mut self) -> Vec<&'static str> {
        let first = self.rng.pick(TAGS);
        let second = self.rng.pick(TAGS);
        if self.rng.chance(0.7) || first == second {
            vec![first]
        } else {
            vec![first, second]
        }
    }

    fn project_title(&mut self) -> String {
        let rng = &mut self.rng;
        if rng.chance(0.5) {
            let (a, b) = (rng.pick(NOUNS_ZH), rng.pick(NOUNS_ZH));
            let b = if a == b { "" } else { b };
            format!("{a}{b}{}", rng.pick(PROJECT_SUFFIXES_ZH))
        } else {
            let (a, b) = (rng.pick(NOUNS_EN), rng.pick(NOUNS_EN));
            format!(
                "{}{} {b} {}",
                a[..1].to_uppercase(),
                &a[1..],
                rng.pick(PROJECT_SUFFIXES_EN)
            )
        }
    }

    fn milestone_title(&mut self) -> String {
        let rng = &mut self.rng;
        if rng.chance(0.5) {
            let a = rng.pick(NOUNS_ZH);
            let b = if rng.chance(0.75) {
                rng.pick(NOUNS_ZH)
            } else {
                ""
            };
            let b = if a == b { "" } else { b };
            let phase = if rng.chance(0.15) {
                rng.pick(&["（一期）", "（二期）", "V2", "2.0"])
            } else {
                ""
            };
            format!("{a}{b}{}{phase}", rng.pick(ACTIONS_ZH))
        } else {
            let b = if rng.chance(0.75) {
                format!(" {}", rng.pick(NOUNS_EN))
            } else {
                String::new()
            };
            let phase = if rng.chance(0.15) {
                rng.pick(&[" (phase 1)", " (phase 2)", " v2", " for Q3"])
            } else {
                ""
            };
            format!("{} {}{b}{phase}", rng.pick(ACTIONS_EN), rng.pick(NOUNS_EN))
        }
    }
}

fn open_status(rng: &mut Rng) -> &'static str {
    match rng.below(100) {
        0..25 => "todo",
        25..70 => "in_progress",
        70..85 => "blocked",
        _ => "at_risk",
    }
}

/// Whether a milestone is done or dropped, by stride's rules: its status, or
/// else a derived percent of 100 (from `percent`, done/total or the stage).
fn is_closed(
    status: Option<&str>,
    percent: Option<usize>,
    count: Option<(usize, usize)>,
    stage: Option<usize>,
    stages: usize,
) -> bool {
    if let Some(s) = status {
        return s == "done" || s == "dropped";
    }
    match (percent, count, stage) {
        (Some(p), _, _) => p >= 10_000,
        (None, Some((total, done)), _) if total > 0 => done >= total,
        (None, _, Some(i)) => i + 1 == stages,
        _ => false,
    }
}

/// `9546` as `95.46`, `9500` as `95`.
fn hundredths(h: usize) -> String {
    match h % 100 {
        0 => (h / 100).to_string(),
        r if r % 10 == 0 => format!("{}.{}", h / 100, r / 10),
        r => format!("{}.{r:02}", h / 100),
    }
}

fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let shifted = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    shifted.expect("dates stay within a year of --today")
}

/// TOML text being written, one `key = value` line at a time.
struct Writer {
    text: String,
    /// Pad keys to one width, as some people do (`title   = ...`).
    align: bool,
}

impl Writer {
    fn new(align: bool) -> Self {
        Writer {
            text: String::new(),
            align,
        }
    }

    fn key(&mut self, key: &str) {
        self.text.push_str(key);
        if self.align {
            for _ in key.len()..7 {
                self.text.push(' ');
            }
        }
        self.text.push_str(" = ");
    }

    fn raw(&mut self, key: &str, value: impl std::fmt::Display) {
        self.key(key);
        writeln!(self.text, "{value}").expect("writing to a String");
    }

    fn raw_commented(&mut self, key: &str, value: impl std::fmt::Display, comment: &str) {
        self.key(key);
        writeln!(self.text, "{value}    # {comment}").expect("writing to a String");
    }

    fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        quote(&mut self.text, value);
        self.text.push('\n');
    }

    fn list(&mut self, key: &str, values: &[&str]) {
        self.key(key);
        self.text.push('[');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            quote(&mut self.text, v);
        }
        self.text.push_str("]\n");
    }
}

/// Appends `s` as a TOML basic string.
fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                write!(out, "\\u{:04X}", u32::from(c)).expect("writing to a String");
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Objectives: file slug, Chinese name, English name.
const OBJECTIVES: &[(&str, &str, &str)] = &[
    ("business", "业务支撑", "Business support"),
    ("upgrade", "系统升级", "Platform upgrade"),
    ("stability", "稳定性建设", "Stability"),
    ("risk", "风控能力提升", "Risk control"),
    ("settlement", "清结算优化", "Clearing and settlement"),
    ("channels", "支付通道拓展", "Payment channels"),
    ("data", "数据治理", "Data governance"),
    ("accounts", "账户体系建设", "Accounts"),
    ("cashier", "收银台体验", "Cashier experience"),
    ("compliance", "合规整改", "Compliance"),
    ("merchants", "商户服务", "Merchant services"),
    ("costs", "降本增效", "Cost reduction"),
];

const NOUNS_ZH: &[&str] = &[
    "支付",
    "通道",
    "对账",
    "网联",
    "银联",
    "风控",
    "账户",
    "收银台",
    "清结算",
    "报表",
    "商户",
    "退款",
    "代扣",
    "代付",
    "分账",
    "鉴权",
    "账单",
    "数仓",
    "手续费",
    "快捷支付",
    "聚合支付",
    "跨境",
    "营销",
    "发票",
    "监控",
    "告警",
    "限额",
    "路由",
    "证书",
    "日终",
    "差错",
    "备付金",
    "网关",
    "签约",
    "二维码",
    "POS",
    "人谷",
    "对账单",
    "结算单",
    "交易",
];

const ACTIONS_ZH: &[&str] = &[
    "迁移", "联调", "上线", "改造", "优化", "切换", "整改", "评审", "压测", "灰度", "对接", "重构",
    "扩容", "开发", "验收", "投产", "演练", "核对", "下线", "升级", "方案", "进度",
];

const PROJECT_SUFFIXES_ZH: &[&str] = &[
    "系统建设",
    "能力建设",
    "2.0升级",
    "专项",
    "平台建设",
    "改造",
    "标准化",
    "治理",
];

const NOUNS_EN: &[&str] = &[
    "payment",
    "channel",
    "reconciliation",
    "settlement",
    "ledger",
    "cashier",
    "refund",
    "risk engine",
    "gateway",
    "merchant",
    "billing",
    "report",
    "routing",
    "card vault",
    "token service",
    "payout",
    "wallet",
    "KYC",
    "FX",
    "notification",
    "UnionPay",
    "NetsUnion",
    "clearing",
    "invoice",
];

const ACTIONS_EN: &[&str] = &[
    "Migrate",
    "Integrate",
    "Launch",
    "Refactor",
    "Harden",
    "Load-test",
    "Cut over",
    "Review",
    "Roll out",
    "Decommission",
    "Upgrade",
    "Backfill",
    "Audit",
    "Document",
];

const PROJECT_SUFFIXES_EN: &[&str] = &[
    "platform",
    "2.0",
    "upgrade",
    "rebuild",
    "programme",
    "hardening",
];

const STAGES: &[&[&str]] = &[
    &["开发", "测试", "联调", "上线", "投产"],
    &["需求", "设计", "开发", "测试", "上线"],
    &["design", "build", "test", "release"],
    &["方案", "开发", "灰度", "全量"],
];

const OWNERS_ZH: &[&str] = &[
    "张三", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十", "陈晨", "刘洋", "杨帆", "黄磊",
    "林峰", "何静", "高远", "马超", "罗敏", "梁爽",
];

const OWNERS_EN: &[&str] = &[
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
    "oscar", "peggy", "trent", "victor", "wendy",
];

const TAGS: &[&str] = &[
    "网联",
    "银联",
    "人谷",
    "融合系统",
    "一期",
    "二期",
    "infra",
    "compliance",
    "q3",
    "tech-debt",
    "风控",
    "对账",
];

const BLOCKERS: &[&str] = &[
    "等待银联测试环境",
    "依赖网联证书下发",
    "上游接口未就绪",
    "资源未到位",
    "需求变更待确认",
    "合规审批中",
    "waiting for the UnionPay test environment",
    "upstream API not ready",
    "blocked on security review",
    "vendor contract pending",
];

const NOTES: &[&str] = &[
    "周报口径，按自然周统计",
    "按月统计，数据来自运营看板",
    "需与财务确认口径后再对外同步",
    "含历史存量单（空中付无单，每月10笔左右）",
    "产运研针对失败原因（地址填写、验证码不一致）分析产出",
    "see the weekly report for the full list",
    "numbers from the ops dashboard, refreshed daily",
    "estimate, to be confirmed with the vendor",
    "split from the original milestone after the scope review",
];

const NEXTS: &[&str] = &[
    "启动投产评审",
    "完成压测报告",
    "推进存量商户迁移",
    "账单切换方案",
    "prepare the cut-over plan",
    "close the open audit findings",
];

const DUE_COMMENTS: &[&str] = &[
    "“预计下周完成”",
    "“预计6月底前完成”",
    "周报未给日期，按季度末估计",
    "moved twice already",
    "as agreed in the kickoff",
];

const COMMENTS: &[&str] = &[
    "周报第26周补充",
    "数据来自运营看板",
    "与财务对齐后更新",
    "TODO: confirm the due date with ops",
    "moved here from another project last week",
    "estimate",
];
