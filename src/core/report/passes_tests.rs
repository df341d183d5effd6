//! The report in two passes against the report of one load, and what it
//! does when a file changes between its passes.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;

use super::passes::{Form, StreamError, Streamed, current_with};
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

/// Nothing changed between the passes: the same bytes as the report of one
/// load, in every format, also for a folder without objectives.
#[test]
fn two_passes_write_the_report_of_one_load() {
    let d = folder();
    let empty = tempfile::tempdir().unwrap();
    for dir in [d.path(), empty.path()] {
        for form in [Form::Markdown, Form::Json, Form::Html] {
            let mut out = Vec::new();
            let streamed = current_with(dir, today(), form, &mut out, || {}).unwrap();
            assert!(matches!(streamed, Streamed::Written(_)));
            assert_eq!(
                String::from_utf8(out).unwrap(),
                whole(dir, form),
                "{form:?}"
            );
        }
    }
}

/// A file saved between the passes: nothing is written, and the caller is
/// told to make the report from one load.
#[test]
fn a_file_changed_between_the_passes_writes_nothing() {
    let d = folder();
    for changed in ["o1.toml", "o3.toml"] {
        let mut out = Vec::new();
        let streamed = current_with(d.path(), today(), Form::Markdown, &mut out, || {
            fs::write(d.path().join(changed), objective(19, 90)).unwrap();
        })
        .unwrap();
        assert!(matches!(streamed, Streamed::Changed), "{changed}");
        assert!(out.is_empty(), "{changed}");
    }
    // a file added between the passes, or removed
    for change in [
        |d: &Path| fs::write(d.join("o4.toml"), objective(4, 40)).unwrap(),
        |d: &Path| fs::remove_file(d.join("o2.toml")).unwrap(),
    ] {
        let mut out = Vec::new();
        let streamed =
            current_with(d.path(), today(), Form::Json, &mut out, || change(d.path())).unwrap();
        assert!(matches!(streamed, Streamed::Changed));
        assert!(out.is_empty());
    }
    // unchanged since, it is written
    let mut out = Vec::new();
    let streamed = current_with(d.path(), today(), Form::Markdown, &mut out, || {}).unwrap();
    assert!(matches!(streamed, Streamed::Written(_)));
    assert!(String::from_utf8(out).unwrap().contains("M19 逾期"));
    // a folder that cannot be read is the load's error
    let gone = d.path().join("nowhere");
    let e = current_with(&gone, today(), Form::Markdown, &mut Vec::new(), || {}).unwrap_err();
    assert!(matches!(e, StreamError::Load(_)));
}
