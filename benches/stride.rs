//! Benchmarks of stride's costs, each beside the floor: a bare `toml::Table`
//! parse of the same files on one thread, counting overdue milestones
//! (`examples/floor.rs`), measured in the same run so that the ratio holds
//! whatever else the machine is doing.
//!
//! ```text
//! cargo bench --bench stride                     # everything (a few minutes)
//! cargo bench --bench stride -- 'load/'          # one group
//! STRIDE_BENCH_SIZES=1000,10000 cargo bench ...  # fewer sizes
//! ```
//!
//! The portfolios come from `examples/synth.rs` (10 objectives, about 20
//! milestones a project, half Chinese titles, about 20% overdue), written
//! afresh into `target/tmp/` at the start of each run. Timings go to
//! criterion's usual output; docs/PERFORMANCE.md has the figures and how
//! they were taken. None of this runs under `cargo test`.

use std::cell::RefCell;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BatchSize, BenchmarkGroup, Criterion, criterion_group};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stride::core::listing::{Filter, each_in, item_cells, select, write_cells, write_table};
use stride::core::load::map_dir;
use stride::core::load_dir;
use stride::tui::action::Action;
use stride::tui::app::App;
use stride::tui::view;
use tui_input::InputRequest;

#[allow(dead_code)]
#[path = "../examples/floor.rs"]
mod floor;
#[allow(dead_code)]
#[path = "../examples/synth.rs"]
mod synth;

const TODAY: (u32, u32, u32) = (2023, 6, 20);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0 as i32, TODAY.1, TODAY.2).unwrap()
}

/// The sizes to run, from `STRIDE_BENCH_SIZES` (default 1000,10000,100000).
fn sizes() -> Vec<usize> {
    std::env::var("STRIDE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

/// `1k`, `10k`, `100k`.
fn label(n: usize) -> String {
    if n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

/// A synthetic portfolio of `n` milestones in `objectives` files, written
/// once per run under the target folder.
fn portfolio(n: usize, objectives: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("stride-bench")
        .join(format!("m{n}-o{objectives}"));
    static MADE: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    let mut made = MADE.lock().unwrap();
    if !made.contains(&dir) {
        let args = [
            "--milestones".to_string(),
            n.to_string(),
            "--objectives".into(),
            objectives.to_string(),
            "--force".into(),
            dir.display().to_string(),
        ];
        let opts = synth::parse_args(args.into_iter()).unwrap().unwrap();
        synth::run(&opts).unwrap();
        // history and reports of an earlier run's edits
        let _ = std::fs::remove_dir_all(dir.join("history"));
        let _ = std::fs::remove_dir_all(dir.join("reports"));
        made.push(dir.clone());
    }
    dir
}

/// A copy of a portfolio, for benchmarks that save edits.
fn scratch_copy(dir: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
        }
    }
    tmp
}

/// Fewer samples for the big sizes, so that a full run stays in minutes.
fn tune<M: Measurement>(g: &mut BenchmarkGroup<'_, M>, n: usize) {
    if n >= 100_000 {
        g.sample_size(10);
        g.warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(8));
    } else if n >= 10_000 {
        g.sample_size(20);
        g.measurement_time(Duration::from_secs(4));
    } else {
        g.sample_size(30);
        g.measurement_time(Duration::from_secs(2));
    }
}

fn bench_floor<M: Measurement>(g: &mut BenchmarkGroup<'_, M>, dir: &Path) {
    g.bench_function("floor", |b| {
        b.iter(|| black_box(floor::count_dir(dir, TODAY).unwrap()))
    });
}

/// Load, validate and roll up: `load_dir` and the portfolio's percent.
fn load<M: Measurement>(c: &mut Criterion<M>) {
    for n in sizes() {
        let dir = portfolio(n, 10);
        let mut g = c.benchmark_group(format!("load/{}", label(n)));
        tune(&mut g, n);
        bench_floor(&mut g, &dir);
        // the portfolio is dropped untimed: a process that exits never frees it
        g.bench_function("stride", |b| {
            b.iter_with_large_drop(|| {
                let p = load_dir(&dir).unwrap();
                black_box(p.percent());
                p
            })
        });
        // what a format-preserving document of every file would cost
        g.bench_function("toml_edit", |b| {
            b.iter(|| {
                let mut n = 0;
                for path in stride::core::load::objective_files(&dir).unwrap() {
                    let text = std::fs::read_to_string(path).unwrap();
                    let doc: toml_edit::DocumentMut = text.parse().unwrap();
                    n += doc.len();
                }
                n
            })
        });
        g.finish();
    }
}

/// `stride list --overdue` in the process: load, the overdue rows, the table.
fn list_overdue<M: Measurement>(c: &mut Criterion<M>) {
    let filter = Filter {
        overdue: true,
        ..Filter::default()
    };
    for n in sizes() {
        let dir = portfolio(n, 10);
        let mut g = c.benchmark_group(format!("list_overdue/{}", label(n)));
        tune(&mut g, n);
        bench_floor(&mut g, &dir);
        // as src/cli/list.rs does it: each objective turned into the lines
        // it shows as it is read, then the table
        g.bench_function("stride", |b| {
            let mut out = Vec::new();
            b.iter(|| {
                out.clear();
                let (_files, lines) = map_dir(&dir, |o| {
                    let mut lines = Vec::new();
                    each_in(o, today(), |i| {
                        if filter.matches_item(&i, today()) {
                            lines.push(item_cells(&i));
                        }
                    });
                    lines
                })
                .unwrap();
                let lines: Vec<_> = lines.into_iter().flatten().collect();
                write_cells(&lines, &mut out).unwrap();
                out.len()
            })
        });
        // the same rows from a portfolio in memory, as the TUI would list them
        let p = load_dir(&dir).unwrap();
        g.bench_function("stride_listing_only", |b| {
            let mut out = Vec::new();
            b.iter(|| {
                out.clear();
                write_table(&select(&p, today(), &filter), &mut out).unwrap();
                out.len()
            })
        });
        g.finish();
    }
}

/// Draws one frame as the event loop does: scroll, then render.
fn draw(terminal: &mut Terminal<TestBackend>, app: &mut App) {
    terminal
        .draw(|frame| {
            view::draw(app, frame);
        })
        .unwrap();
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 50)).unwrap()
}

/// One frame of the tree, of the stand-up's first page and of its summary,
/// at 200x50; and the TUI's start: load, state, first frame.
fn render<M: Measurement>(c: &mut Criterion<M>) {
    for n in sizes() {
        let dir = portfolio(n, 10);
        let mut g = c.benchmark_group(format!("render/{}", label(n)));
        tune(&mut g, n);
        bench_floor(&mut g, &dir);
        g.bench_function("first_frame", |b| {
            b.iter_with_large_drop(|| {
                let mut app = App::new(load_dir(&dir).unwrap(), today());
                let mut t = terminal();
                draw(&mut t, &mut app);
                app
            })
        });
        let mut app = App::new(load_dir(&dir).unwrap(), today());
        let mut t = terminal();
        g.bench_function("tree_frame", |b| b.iter(|| draw(&mut t, &mut app)));
        app.open_standup();
        g.bench_function("standup_frame", |b| b.iter(|| draw(&mut t, &mut app)));
        if let stride::tui::screens::Screen::Standup(s) = &mut app.screen {
            s.page = stride::tui::screens::Page::Summary;
        }
        // as a key does: the page's lists are made once, not each frame
        app.update(Action::Tick(Duration::ZERO));
        g.bench_function("standup_summary_frame", |b| {
            b.iter(|| draw(&mut t, &mut app))
        });
        g.finish();
    }
}

/// An app on a scratch copy, with the first milestone of the first
/// project selected.
fn app_on_milestone(dir: &Path) -> (tempfile::TempDir, App, Terminal<TestBackend>) {
    let tmp = scratch_copy(dir);
    let mut app = App::new(load_dir(tmp.path()).unwrap(), today());
    for a in [Action::Down, Action::Expand, Action::Down] {
        app.dispatch(a);
    }
    let mut t = terminal();
    draw(&mut t, &mut app);
    (tmp, app, t)
}

/// `+` on a milestone, with its save, and the frame after it: on a file of
/// 1,000 milestones (the brief's case), and in the 100,000 portfolio.
fn edit<M: Measurement>(c: &mut Criterion<M>) {
    let one_file = portfolio(1_000, 1);
    let mut g = c.benchmark_group("edit_save/1k_file");
    tune(&mut g, 1_000);
    bench_floor(&mut g, &one_file);
    let (_tmp, mut app, mut t) = app_on_milestone(&one_file);
    let mut up = true;
    g.bench_function("plus_and_save", |b| {
        b.iter(|| plus(&mut app, &mut t, &mut up))
    });
    g.finish();
}

/// `+` (or `-`) as the event loop handles it: the key, the frame, the
/// save. This week's history file is written when the keys pause, not
/// here (`edit_parts/history_record` measures it).
fn plus(app: &mut App, t: &mut Terminal<TestBackend>, up: &mut bool) {
    // up, then down again; down where up would pass 100 (a done milestone)
    let room = app.selected_item().is_some_and(|i| i.percent() <= 95.0);
    let step = if *up && room { 5.0 } else { -5.0 };
    app.update(Action::Percent(step));
    *up = step < 0.0;
    draw(t, app);
    assert!(app.flush(), "the edit was saved");
}

/// Each keypress, handled and redrawn, at every size: move, expand (and
/// collapse), `+` with its save, a search keystroke.
fn keys<M: Measurement>(c: &mut Criterion<M>) {
    for n in sizes() {
        let dir = portfolio(n, 10);
        let mut g = c.benchmark_group(format!("keys/{}", label(n)));
        tune(&mut g, n);
        bench_floor(&mut g, &dir);
        let (_tmp, mut app, mut t) = app_on_milestone(&dir);
        let mut down = true;
        g.bench_function("move", |b| {
            b.iter(|| {
                app.dispatch(if down { Action::Down } else { Action::Up });
                down = !down;
                draw(&mut t, &mut app);
            })
        });
        // the project row, open: collapse it, expand it
        app.dispatch(Action::First);
        app.dispatch(Action::Down);
        let mut open = true;
        g.bench_function("collapse_expand", |b| {
            b.iter(|| {
                app.dispatch(if open {
                    Action::Collapse
                } else {
                    Action::Expand
                });
                open = !open;
                draw(&mut t, &mut app);
            })
        });
        if !open {
            app.dispatch(Action::Expand);
        }
        let mut up = true;
        // on a milestone whatever ran before (a filter may skip the above)
        let (_tmp2, mut on_milestone, mut t2) = app_on_milestone(&dir);
        g.bench_function("plus_and_save", |b| {
            b.iter(|| plus(&mut on_milestone, &mut t2, &mut up))
        });
        app.dispatch(Action::Search);
        // the first letter of a query (the most matches), and the fifth; the
        // query is set back to the prefix between keystrokes, untimed
        let shared = RefCell::new((app, t));
        for (name, prefix, next) in [
            ("search_first_letter", "", 'l'),
            ("search_keystroke", "ledg", 'e'),
        ] {
            g.bench_function(name, |b| {
                b.iter_batched(
                    || {
                        let (app, _) = &mut *shared.borrow_mut();
                        while !app.search.input.value().is_empty() {
                            app.dispatch(Action::Input(InputRequest::DeletePrevChar));
                        }
                        for ch in prefix.chars() {
                            app.dispatch(Action::Input(InputRequest::InsertChar(ch)));
                        }
                    },
                    |()| {
                        let (app, t) = &mut *shared.borrow_mut();
                        app.dispatch(Action::Input(InputRequest::InsertChar(next)));
                        draw(t, app);
                    },
                    BatchSize::PerIteration,
                )
            });
        }
        let (mut app, _) = shared.into_inner();
        app.dispatch(Action::Cancel);
        g.finish();
    }
}

/// The parts of a `+` with its save, apart, to say where its time goes:
/// the header counts over everything and for the edited objective alone,
/// the tree's rows listed again, the format-preserving save of the edited
/// file (read, check, edit, write, fsync), and this week's history file
/// written again (when the keys pause, in the TUI).
fn edit_parts<M: Measurement>(c: &mut Criterion<M>) {
    for n in sizes() {
        let dir = portfolio(n, 10);
        let tmp = scratch_copy(&dir);
        let mut p = load_dir(tmp.path()).unwrap();
        let mut g = c.benchmark_group(format!("edit_parts/{}", label(n)));
        tune(&mut g, n);
        bench_floor(&mut g, &dir);
        g.bench_function("stats_of", |b| {
            b.iter(|| stride::core::stats::Stats::of(&p, today()))
        });
        // what an edit costs the header: its objective recounted
        let mut stats = stride::core::stats::Stats::of(&p, today());
        g.bench_function("stats_refresh_one_objective", |b| {
            b.iter(|| stats.refresh(&p, today(), Some(0)))
        });
        let mut tree = stride::tui::tree::Tree::new(&p, today());
        g.bench_function("tree_rebuild", |b| b.iter(|| tree.rebuild(&p, today())));
        let o = &p.objectives[0];
        let path = stride::core::ItemPath::milestone(
            &o.id,
            &o.projects[0].id,
            &o.projects[0].milestones[0].id,
        );
        let file = o.file;
        let mut value = 10.0;
        g.bench_function("save_one_field", |b| {
            b.iter(|| {
                value = if value == 10.0 { 15.0 } else { 10.0 };
                let change = stride::core::Change::field(stride::core::Edit::set(
                    path.clone(),
                    stride::core::Field::Percent,
                    stride::core::Value::Number(value),
                ));
                let inverse = p.apply_change(&change).unwrap();
                stride::core::save::save_changes(&mut p.files[file], &[change], &mut [inverse])
                    .unwrap()
            })
        });
        // with a value changed in the model each time, so the file is written
        g.bench_function("history_record", |b| {
            b.iter(|| {
                value = if value == 10.0 { 15.0 } else { 10.0 };
                let change = stride::core::Change::field(stride::core::Edit::set(
                    path.clone(),
                    stride::core::Field::Percent,
                    stride::core::Value::Number(value),
                ));
                p.apply_change(&change).unwrap();
                stride::core::history::record(&p, today()).unwrap()
            })
        });
        g.finish();
    }
}

/// The weekly report, Markdown, from a loaded portfolio.
fn report<M: Measurement>(c: &mut Criterion<M>) {
    for n in sizes() {
        let dir = portfolio(n, 10);
        let mut g = c.benchmark_group(format!("report/{}", label(n)));
        tune(&mut g, n);
        bench_floor(&mut g, &dir);
        let p = load_dir(&dir).unwrap();
        g.bench_function("markdown", |b| {
            b.iter(|| {
                let r = stride::core::report::for_week(&p, today(), None).unwrap();
                stride::core::report::markdown(&r, p.settings.language)
            })
        });
        g.finish();
    }
}

criterion_group!(
    name = wall;
    config = Criterion::default();
    targets = load, list_overdue, render, edit, keys, edit_parts, report
);
criterion_group!(
    name = cpu;
    config = Criterion::default().with_measurement(CpuTime);
    targets = load, list_overdue, render, edit, keys, edit_parts, report
);

/// Wall time, as criterion measures it; with `STRIDE_BENCH_CPU=1`, the CPU
/// time of the whole process instead (every thread's), which a busy machine
/// disturbs less.
fn main() {
    if std::env::var_os("STRIDE_BENCH_CPU").is_some_and(|v| v != "0") {
        cpu();
    } else {
        wall();
    }
    Criterion::default().configure_from_args().final_summary();
}

/// CPU time used by the process, all threads together (Linux:
/// `clock_gettime(CLOCK_PROCESS_CPUTIME_ID)`), in nanoseconds.
struct CpuTime;

#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

unsafe extern "C" {
    fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
}

const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;

fn cpu_nanos() -> u64 {
    let mut t = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to write into.
    let rc = unsafe { clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

static WALL: WallTime = WallTime;

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = Duration;

    fn start(&self) -> u64 {
        cpu_nanos()
    }
    fn end(&self, start: u64) -> Duration {
        Duration::from_nanos(cpu_nanos().saturating_sub(start))
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, v: &Duration) -> f64 {
        v.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}
