//! The report written as the files are read against the report of one
//! load, and its spool.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;

use super::passes::{Form, Streamed, current_to};
use crate::core::l10n::Language;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 6, 20).unwrap()
}

fn objective(n: u32, percent: u32) -> String {
    format!(
        "title = \"O{n}\"\nnote = \"反思 {n}\"\n\n[project.p1]\ntitle = \"P{n}\"\nnext = \"下周 {n}\"\n\n\
         [project.p1.milestone.m1]\ntitle = \"M{n} 逾期\"\ndue = 2023-06-01\nstatus = \"in_progress\"\npercent = {percent}\n\n\
         [project.p1.milestone.m2]\ntitle = \"M{n} done\"\nstatus = \"done\"\n"
    )
}

fn folder() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for n in 1..=3 {
        fs::write(d.path().join(format!("o{n}.toml")), objective(n, 10 * n)).unwrap();
    }
    d
}

/// The report of one load of `dir`, whole.
fn whole(dir: &Path, form: Form) -> String {
    let p = crate::core::load::load_dir(dir).unwrap();
    let r = super::build::for_week(&p, today(), None).unwrap();
    match form {
        Form::Markdown => super::render::markdown(&r, Language::En),
        Form::Json => super::json::json(&r).unwrap(),
        Form::Html => super::html::html(&r, Language::En),
    }
}

/// The same bytes as the report of one load, in every format, also for a
/// folder without objectives.
#[test]
fn written_as_read_is_the_report_of_one_load() {
    let d = folder();
    let empty = tempfile::tempdir().unwrap();
    for dir in [d.path(), empty.path()] {
        for form in [Form::Markdown, Form::Json, Form::Html] {
            let mut out = Vec::new();
            let streamed = current_to(dir, today(), form, &mut out).unwrap();
            assert!(matches!(streamed, Streamed::Written(_)));
            assert_eq!(
                String::from_utf8(out).unwrap(),
                whole(dir, form),
                "{form:?}"
            );
        }
    }
}

/// The spool leaves nothing in the data folder; where it cannot be made
/// (`.stride` a file, no folder) nothing is written and the caller is
/// told.
#[test]
fn the_spool_leaves_nothing_and_its_absence_writes_nothing() {
    let d = folder();
    let listing = |dir: &Path| {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    current_to(d.path(), today(), Form::Json, &mut Vec::new()).unwrap();
    let own = d.path().join(".stride");
    let before = listing(&own);
    let mut out = Vec::new();
    let streamed = current_to(d.path(), today(), Form::Markdown, &mut out).unwrap();
    assert!(matches!(streamed, Streamed::Written(_)));
    assert!(String::from_utf8(out).unwrap().contains("M3 逾期"));
    assert_eq!(listing(&own), before);
    assert!(
        before
            .iter()
            .all(|n| !n.to_string_lossy().ends_with(".tmp")),
        "{before:?}"
    );

    let blocked = folder();
    fs::write(blocked.path().join(".stride"), "").unwrap();
    let mut out = Vec::new();
    let streamed = current_to(blocked.path(), today(), Form::Html, &mut out).unwrap();
    assert!(matches!(streamed, Streamed::NoSpool));
    assert!(out.is_empty());

    // nor in a folder that is not there (the caller's load says why)
    let gone = d.path().join("nowhere");
    let streamed = current_to(&gone, today(), Form::Markdown, &mut out).unwrap();
    assert!(matches!(streamed, Streamed::NoSpool));
    assert!(out.is_empty() && !gone.exists());
}
