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

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use stride::core::listing::{Filter, select, write_table};
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
fn tune(g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, n: usize) {
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

fn bench_floor(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    dir: &Path,
) {
    g.bench_function("floor", |b| {
        b.iter(|| black_box(floor::count_dir(dir, TODAY).unwrap()))
    });
}

/// Load, validate and roll up: `load_dir` and the portfolio's percent.
fn load(c: &mut Criterion) {
    for n in sizes() {
        let dir = portfolio(n, 10);
        let mut g = c.benchmark_group(format!("load/{}", label(n)));
        tune(&mut g, n);
        bench_floor(&mut g, &dir);
        g.bench_function("stride", |b| {
            b.iter(|| {
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
fn list_overdue(c: &mut Criterion) {
    let filter = Filter {
        overdue: true,
        ..Filter::default()
    };
    for n in sizes() {
        let dir = portfolio(n, 10);
        let mut g = c.benchmark_group(format!("list_overdue/{}", label(n)));
        tune(&mut g, n);
        bench_floor(&mut g, &dir);
        g.bench_function("stride", |b| {
            let mut out = Vec::new();
            b.iter(|| {
                out.clear();
                let p = load_dir(&dir).unwrap();
                write_table(&select(&p, today(), &filter), &mut out).unwrap();
                black_box(out.len());
                p
            })
        });
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
            if let Some(a) = view::layout(frame.area(), app.show_detail) {
                app.page = a.tree.height as usize;
                app.tree.offset = view::scroll_offset(
                    app.tree.offset,
                    app.tree.selected,
                    app.tree.rows.len(),
                    app.page,
                );
            }
            view::render(app, frame);
        })
        .unwrap();
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 50)).unwrap()
}

/// One frame of the tree, of the stand-up's first page and of its summary,
/// at 200x50; and the TUI's start: load, state, first frame.
fn render(c: &mut Criterion) {
    for n in sizes() {
        let dir = portfolio(n, 10);
        let mut g = c.benchmark_group(format!("render/{}", label(n)));
        tune(&mut g, n);
        bench_floor(&mut g, &dir);
        g.bench_function("first_frame", |b| {
            b.iter(|| {
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
            s.page = s.projects.len();
        }
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
fn edit(c: &mut Criterion) {
    let one_file = portfolio(1_000, 1);
    let mut g = c.benchmark_group("edit_save/1k_file");
    tune(&mut g, 1_000);
    bench_floor(&mut g, &one_file);
    let (_tmp, mut app, mut t) = app_on_milestone(&one_file);
    let mut up = true;
    g.bench_function("plus_and_save", |b| {
        b.iter(|| {
            app.dispatch(Action::Percent(if up { 5.0 } else { -5.0 }));
            up = !up;
            draw(&mut t, &mut app);
        })
    });
    g.finish();
}

/// Each keypress, handled and redrawn, at every size: move, expand (and
/// collapse), `+` with its save, a search keystroke.
fn keys(c: &mut Criterion) {
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
        app.dispatch(Action::Down);
        let mut up = true;
        g.bench_function("plus_and_save", |b| {
            b.iter(|| {
                app.dispatch(Action::Percent(if up { 5.0 } else { -5.0 }));
                up = !up;
                draw(&mut t, &mut app);
            })
        });
        app.dispatch(Action::Search);
        // the first letter of a query (the most matches), and the fifth
        for (name, prefix, next) in [
            ("search_first_letter", "", 'l'),
            ("search_keystroke", "ledg", 'e'),
        ] {
            g.bench_function(name, |b| {
                // the query is set back to `prefix` between keystrokes, untimed
                b.iter_custom(|iters| {
                    let mut spent = Duration::ZERO;
                    for _ in 0..iters {
                        while !app.search.input.value().is_empty() {
                            app.dispatch(Action::Input(InputRequest::DeletePrevChar));
                        }
                        for ch in prefix.chars() {
                            app.dispatch(Action::Input(InputRequest::InsertChar(ch)));
                        }
                        let start = Instant::now();
                        app.dispatch(Action::Input(InputRequest::InsertChar(next)));
                        draw(&mut t, &mut app);
                        spent += start.elapsed();
                    }
                    spent
                })
            });
        }
        app.dispatch(Action::Cancel);
        g.finish();
    }
}

/// The weekly report, Markdown, from a loaded portfolio.
fn report(c: &mut Criterion) {
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

criterion_group!(benches, load, list_overdue, render, edit, keys, report);
criterion_main!(benches);
