//! Fuzzing the loader and the `check` path with arbitrary bytes, mutated
//! sample files and generated TOML with every field of every type.
//!
//! `cargo test --test fuzz` runs 10,000 inputs of each kind; for the figure in
//! docs/RELIABILITY.md run `FUZZ_CASES=1000000 cargo test --release --test fuzz -- --nocapture`.

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use stride::core::listing::rows;
use stride::core::load::load_file;
use stride::core::model::{Portfolio, SourceFile};

mod common;

fn cases() -> u64 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

use common::rng::Rng;

const KEYS: &[&str] = &[
    "title",
    "status",
    "percent",
    "due",
    "start",
    "owner",
    "weight",
    "note",
    "update",
    "next",
    "blocker",
    "tags",
    "total",
    "done",
    "stage",
    "stages",
    "project",
    "milestone",
    "标题",
    "x y",
];

const VALUES: &[&str] = &[
    "\"迁移进度\"",
    "'lit'",
    "\"\"\"multi\nline\"\"\"",
    "\"esc \\u001b[2J \\u0007\"",
    "0",
    "-1",
    "100",
    "120",
    "95.46",
    "nan",
    "inf",
    "-0.0",
    "1e400",
    "0x1F",
    "true",
    "2023-06-30",
    "2023-02-30",
    "2023-06-30T10:00:00",
    "10:00:00",
    "[]",
    "[1, \"a\"]",
    "[\"开发\", \"测试\"]",
    "{}",
    "{ a = 1 }",
    "\"in_progress\"",
    "\"blocked\"",
    "\"done\"",
    "\"联调\"",
    "9999999999999999999999",
];

/// A TOML-ish objective: the documented shape with random keys and values.
fn generated(r: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..r.below(4) {
        let _ = writeln!(s, "{} = {}", r.pick(KEYS), r.pick(VALUES));
    }
    for p in 0..r.below(4) {
        let header = match r.below(6) {
            0 => format!("[project.\"p {p}\"]"),
            1 => format!("[[project.p{p}]]"),
            2 => format!("[project.p{p}.milestone]"),
            _ => format!("[project.p{p}]"),
        };
        let _ = writeln!(s, "{header}");
        for _ in 0..r.below(5) {
            let _ = writeln!(s, "{} = {}", r.pick(KEYS), r.pick(VALUES));
        }
        for m in 0..r.below(4) {
            let _ = writeln!(
                s,
                "[project.p{p}.milestone.{}]",
                if r.below(5) == 0 {
                    format!("\"里程碑{m}\"")
                } else {
                    format!("m{m}")
                }
            );
            for _ in 0..r.below(6) {
                let _ = writeln!(s, "{} = {}", r.pick(KEYS), r.pick(VALUES));
            }
        }
    }
    s
}

/// A sample file with random bytes flipped, inserted, deleted or repeated.
fn mutated(r: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut b = r.pick(seeds).clone();
    const SNIPPETS: &[&[u8]] = &[
        b"[project.",
        b"= [",
        b"\"",
        b"]]",
        b"\n",
        b"\x1b]52;c;",
        b"\xff\xfe",
        b"#",
        b"=",
        b"'''",
        b"{",
        "迁".as_bytes(),
    ];
    for _ in 0..1 + r.below(8) {
        if b.is_empty() {
            let snippet: &[u8] = r.pick::<&[u8]>(SNIPPETS);
            b.extend_from_slice(snippet);
            continue;
        }
        let at = r.below(b.len());
        match r.below(5) {
            0 => b[at] = r.next() as u8,
            1 => {
                let snippet: &[u8] = r.pick::<&[u8]>(SNIPPETS);
                b.splice(at..at, snippet.iter().copied());
            }
            2 => {
                let end = (at + r.below(64)).min(b.len());
                b.drain(at..end);
            }
            3 => {
                let end = (at + r.below(64)).min(b.len());
                let copy = b[at..end].to_vec();
                b.splice(at..at, copy);
            }
            _ => b.truncate(at),
        }
    }
    b
}

/// Everything `check` and `list` do with one file's bytes.
fn exercise(bytes: Vec<u8>) {
    let path = Path::new("f.toml");
    let (file, objective) = load_file(path, Ok(bytes.clone()));
    for d in &file.diagnostics {
        let _ = d.to_string();
    }
    if let Some(o) = objective {
        let p = Portfolio {
            files: vec![SourceFile {
                loaded: true,
                ..file
            }],
            objectives: vec![o],
            ..Portfolio::default()
        };
        let today = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
        for r in rows(&p, today) {
            assert!(
                r.percent.is_finite() && (0.0..=100.0).contains(&r.percent),
                "{}",
                r.percent
            );
        }
    }
    if let Ok(text) = std::str::from_utf8(&bytes) {
        let _ = stride::core::settings::parse(path, text);
        let _ = stride::core::history::parse(path, text);
    }
}

#[test]
fn nothing_panics_on_any_input() {
    let seeds: Vec<Vec<u8>> = [
        "o1-business.toml",
        "o2-upgrade.toml",
        "o3-stability.toml",
        ".stride.toml",
    ]
    .iter()
    .map(|f| std::fs::read(common::data_dir().join(f)).unwrap())
    .chain(std::iter::once(
        std::fs::read(common::data_dir().join("history/2023-W24.toml")).unwrap(),
    ))
    .collect();
    let n = cases();
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let start = Instant::now();
    let mut panics = Vec::new();
    for i in 0..n * 3 {
        let input = match i % 3 {
            0 => (0..r.below(512)).map(|_| r.next() as u8).collect(),
            1 => mutated(&mut r, &seeds),
            _ => generated(&mut r).into_bytes(),
        };
        if catch_unwind(AssertUnwindSafe(|| exercise(input.clone()))).is_err() {
            panics.push(String::from_utf8_lossy(&input).into_owned());
        }
    }
    eprintln!(
        "fuzz: {} inputs in {:?}, {} panics",
        n * 3,
        start.elapsed(),
        panics.len()
    );
    assert!(
        panics.is_empty(),
        "panicked on:\n{}",
        panics.join("\n-----\n")
    );
}

#[test]
fn huge_and_deep_inputs_are_reported_not_fatal() {
    let deep = format!(
        "title = 'x'\na = {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (file, o) = load_file(Path::new("deep.toml"), Ok(deep.into_bytes()));
    assert!(o.is_none());
    assert!(
        file.diagnostics[0].to_string().contains("recursion"),
        "{:?}",
        file.diagnostics
    );

    // a 50 MB note loads
    let note = "迁".repeat(50 * 1024 * 1024 / 3);
    let text = format!("title = 'x'\nnote = \"{note}\"\n");
    let (_, o) = load_file(Path::new("big.toml"), Ok(text.into_bytes()));
    assert_eq!(o.unwrap().fields.note.unwrap().len(), note.len());
}
