//! Reading and writing a week of history, beside the floor parsing the same
//! bytes (a bare `toml::Table` parse of the weekly file, on one thread).
//!
//! ```text
//! cargo bench --bench history                          # 1k, 10k, 100k
//! STRIDE_BENCH_SIZES=10000 cargo bench --bench history
//! ```
//!
//! The portfolios come from `examples/synth.rs`, written into `target/tmp/`
//! with one week of history (`history::record`). Groups `history/{n}`:
//! `floor` (toml::Table of the weekly file's text), `parse` (the text to a
//! `Snapshot`), `load_week` (one earlier week from the folder: find, read,
//! parse), `render` (a snapshot to its text) and `record` (this week's
//! file from the portfolio: snapshot, render, compare, write). None of this
//! runs under `cargo test`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use stride::core::history::{self, History};
use stride::core::load_dir;

#[allow(dead_code)]
#[path = "../examples/synth.rs"]
mod synth;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 6, d).unwrap()
}

fn sizes() -> Vec<usize> {
    std::env::var("STRIDE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

/// A synthetic portfolio of `n` milestones with the history of week 24.
fn portfolio(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("stride-bench-history")
        .join(format!("m{n}"));
    let args = [
        "--milestones".to_string(),
        n.to_string(),
        "--force".into(),
        dir.display().to_string(),
    ];
    let opts = synth::parse_args(args.into_iter()).unwrap().unwrap();
    synth::run(&opts).unwrap();
    let _ = std::fs::remove_dir_all(dir.join("history"));
    let p = load_dir(&dir).unwrap();
    history::record(&p, day(13)).unwrap();
    dir
}

fn bench(c: &mut Criterion) {
    for n in sizes() {
        let dir = portfolio(n);
        let file = dir.join(history::DIR).join("2023-W24.toml");
        let text = std::fs::read_to_string(&file).unwrap();
        let p = load_dir(&dir).unwrap();
        let snap = history::parse(&file, &text).unwrap();
        let label = if n % 1000 == 0 {
            format!("{}k", n / 1000)
        } else {
            n.to_string()
        };
        let mut g = c.benchmark_group(format!("history/{label}"));
        if n >= 100_000 {
            g.sample_size(10);
            g.measurement_time(Duration::from_secs(6));
        } else {
            g.sample_size(20);
            g.measurement_time(Duration::from_secs(3));
        }
        g.bench_function("floor", |b| {
            b.iter(|| black_box(text.parse::<toml::Table>().unwrap().len()))
        });
        g.bench_function("parse", |b| {
            b.iter(|| black_box(history::parse(&file, &text).unwrap().len()))
        });
        g.bench_function("load_week", |b| {
            b.iter(|| black_box(History::load(&dir, day(20)).earlier.len()))
        });
        g.bench_function("render", |b| {
            b.iter(|| black_box(history::render(&snap).len()))
        });
        // this week's file: written once, then compared and left alone
        g.bench_function("record", |b| {
            b.iter(|| black_box(history::record(&p, day(20)).unwrap()))
        });
        g.finish();
        let _ = std::fs::remove_dir_all(&dir);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
