//! Values as typed, hostile values, exit codes when something could not be
//! read, and Markdown from files made inert in the report (issue 13).

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value as Json;

mod common;

/// A temporary data folder with the given files.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn stride(dir: &Path) -> Command {
    common::stride_on(dir, "2023-06-20")
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap()
}

const O: &str = "title = 'O'\n\
[project.p]\ntitle = 'P'\n\
[project.p.milestone.m]\ntitle = 'M'\npercent = 10\n\
[metric.avail]\ntitle = 'A'\nvalue = 99.9\ntarget = 99.99\nunit = '%'\n";

#[test]
fn numbers_are_stored_as_typed() {
    let dir = folder(&[("o.toml", O)]);
    for typed in [
        "99.989",
        "99.9985",
        "99.998",
        "0.001",
        "1e-7",
        "12345678.125",
    ] {
        stride(dir.path())
            .args(["set", "o/avail", "--value", typed])
            .assert()
            .success();
        let text = read(dir.path(), "o.toml");
        let stored = text
            .lines()
            .find_map(|l| l.strip_prefix("value = "))
            .unwrap();
        assert_eq!(
            stored.parse::<f64>().unwrap(),
            typed.parse::<f64>().unwrap()
        );
        assert!(stored.len() <= typed.len(), "{typed} stored as {stored}");
    }
    // 99.989 misses a 99.99 target: the report says so
    stride(dir.path())
        .args(["set", "o/avail", "--value", "99.989"])
        .assert()
        .success();
    let report = common::json(stride(dir.path()).args(["report", "--format", "json"]));
    let metric = &report["operations"]["metrics"][0];
    assert_eq!(metric["value"], 99.989);
    assert_eq!(metric["met"], false);
    // a tiny weight stays a weight: the objective does not disappear
    stride(dir.path())
        .args(["set", "o/p", "--weight", "0.001"])
        .assert()
        .success();
    assert!(read(dir.path(), "o.toml").contains("weight = 0.001\n"));
    stride(dir.path())
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
    let rows = common::json_list(dir.path(), "2023-06-20", &[]);
    assert_eq!(rows.len(), 3, "{rows:?}");
}

#[test]
fn counts_and_dates_toml_cannot_hold_are_refused() {
    let dir = folder(&[("o.toml", O)]);
    for (args, message) in [
        (
            ["--total", "18446744073709551615"],
            "total 18446744073709551615 is too large: at most 9223372036854775807",
        ),
        (
            ["--done", "9223372036854775808"],
            "done 9223372036854775808 is too large",
        ),
        (
            ["--due", "0000-01-01"],
            "due 0000-01-01 is out of range: dates go from 0001-01-01 to 9999-12-31",
        ),
        (
            ["--start", "0000-12-31"],
            "start 0000-12-31 is out of range",
        ),
    ] {
        stride(dir.path())
            .args(["set", "o/p/m"])
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
        assert_eq!(read(dir.path(), "o.toml"), O, "{args:?}");
    }
    // the largest count TOML holds is taken, and reads back
    stride(dir.path())
        .args(["set", "o/p/m", "--total", "9223372036854775807"])
        .assert()
        .success();
    assert!(read(dir.path(), "o.toml").contains("total = 9223372036854775807\n"));
}

#[test]
fn hostile_integers_in_unread_keys_stop_the_file_with_their_place() {
    for value in ["0x", "0b", "0o", "1_0\u{660}", "9223372036854775808"] {
        let text = format!("{O}[project.p.extra]\nx = {value}\n");
        let dir = folder(&[("o.toml", &text)]);
        stride(dir.path())
            .arg("check")
            .assert()
            .code(1)
            .stdout(predicate::str::contains(format!(
                "o.toml:13:5: error: `{value}` is "
            )));
        // `set` names the place, not an unplaced "integer number overflowed"
        stride(dir.path())
            .args(["set", "o/p/m", "--percent", "50"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("o.toml:13:5: error:"))
            .stderr(predicate::str::contains("overflowed").not());
        assert_eq!(read(dir.path(), "o.toml"), text);
    }
}

#[test]
fn list_and_report_fail_when_a_file_or_the_settings_cannot_be_read() {
    // a folder named like a data file, and settings that do not parse
    let dir = folder(&[("o.toml", O), (".stride.toml", "language = \n")]);
    fs::create_dir(dir.path().join("x.toml")).unwrap();
    for args in [&["list"][..], &["list", "--format", "json"], &["report"]] {
        let out = stride(dir.path())
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("x.toml"))
            .stderr(predicate::str::contains(".stride.toml:1:"))
            .get_output()
            .clone();
        // what could be read is printed all the same
        let stdout = String::from_utf8(out.stdout).unwrap();
        let expected = if args[0] == "report" {
            "**P**"
        } else {
            "o/p/m"
        };
        assert!(stdout.contains(expected), "{args:?}: {stdout}");
    }
    // the report says on top that it is partial
    let out = stride(dir.path()).arg("report").output().unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("x.toml"), "{md}");
    stride(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("x.toml"));
}

#[test]
fn report_fails_when_an_objective_file_did_not_load() {
    let dir = folder(&[("o.toml", O), ("bad.toml", "title = 'B'\n[project\n")]);
    let out = stride(dir.path())
        .arg("report")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.toml:2:"))
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    let warning = md.find("bad.toml").expect("a warning names the file");
    let first_objective = md.find("## ").unwrap();
    assert!(warning < first_objective, "{md}");
    // written to a file too, and still a failure
    let file = dir.path().join("week.md");
    stride(dir.path())
        .args(["report", "-o"])
        .arg(&file)
        .assert()
        .code(1);
    assert!(read(dir.path(), "week.md").contains("bad.toml"));
    // all files fine: success
    fs::remove_file(dir.path().join("bad.toml")).unwrap();
    stride(dir.path()).arg("report").assert().success();
}

#[test]
fn markdown_and_html_from_files_are_inert_in_the_report() {
    let text = "title = '<script>alert(1)</script> &copy; & 迁移（一期）'\n\
update = '# not a heading'\n\
[project.p]\ntitle = '[x](javascript:alert(1)) *bold* _it_ `code` \\\\ | ~'\n\
owner = '<img src=x onerror=alert(1)>'\n\
update = '- not a list'\n\
blocker = '![i](http://x/i.png)'\n\
[[incident]]\nat = 2023-06-14T10:00:00\ntitle = '<b>down</b>'\ngrade = 'C'\n\
cause = '[c](javascript:x)'\n";
    let dir = folder(&[("o.toml", text)]);
    let out = stride(dir.path()).arg("report").assert().success();
    let md = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for raw in [
        "<script>",
        "<img",
        "<b>",
        "](javascript:",
        "[x]",
        "*bold*",
        "_it_",
        "`code`",
        "![i]",
        "&copy;",
        "\n# not",
    ] {
        assert!(!md.contains(raw), "{raw} passed into the report:\n{md}");
    }
    for escaped in [
        "&lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp;copy; & 迁移（一期）",
        "\\[x\\]",
        "\\*bold\\*",
        "\\_it\\_",
        "\\`code\\`",
        "&lt;img src=x onerror=alert\\(1\\)&gt;",
        "\\- not a list",
        "\\# not a heading",
        "&lt;b&gt;down&lt;/b&gt;",
    ] {
        assert!(md.contains(escaped), "{escaped} missing from:\n{md}");
    }
    // JSON is data, not Markdown: as written
    let json: Json = common::json(stride(dir.path()).args(["report", "--format", "json"]));
    assert_eq!(
        json["objectives"][0]["title"],
        "<script>alert(1)</script> &copy; & 迁移（一期）"
    );
}

#[test]
fn hostile_values_in_settings_and_history_are_reported_at_their_place() {
    let dir = folder(&[("o.toml", O), (".stride.toml", "language = 'en'\nx = 0x\n")]);
    fs::create_dir(dir.path().join("history")).unwrap();
    fs::write(
        dir.path().join("history").join("2023-W24.toml"),
        "week = '2023-W24'\nextra = 9223372036854775808\n",
    )
    .unwrap();
    stride(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            ".stride.toml:2:5: error: `0x` is not a number: it has no digits",
        ))
        .stdout(predicate::str::contains(
            "2023-W24.toml:2:9: error: `9223372036854775808` is out of range",
        ));
}
