//! The real binary on temporary copies of data.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value as Json;

mod common;
use common::sample;

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

fn json_list(dir: &Path, args: &[&str]) -> Vec<Json> {
    common::json_list(dir, "2023-06-20", args)
}

fn paths(rows: &[Json]) -> Vec<String> {
    rows.iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect()
}

/// Snapshot of every file of a folder, to prove nothing was touched.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    all.sort();
    all
}

const ODD: &str = r#"# Objective with odd formatting, kept byte for byte
title    =   "O2 系统升级"     # the title
owner = '王五'

[project.hive]   # HIVE标准数仓建设
title="HIVE标准数仓建设"
percent = 97 # explicit

	# an indented comment
[project.hive.milestone.migration]
title = "迁移进度"   # 164 张表
percent = 95.46   # 本周
total = 164
due = 2023-06-30 # 6月底

[project.hive.milestone.reports]
title = """帆软报表"""
percent = 55
"#;

#[test]
fn sample_data_is_valid() {
    let dir = sample();
    stride(dir.path())
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
}

#[test]
fn list_json_has_the_documented_keys_and_rolled_up_values() {
    let dir = folder(&[(
        "o2.toml",
        "title='O2'\nowner='王五'\n[project.hive]\ntitle='HIVE'\n[project.hive.milestone.a]\ntitle='A'\npercent=50\ndue=2023-06-10\n[project.hive.milestone.b]\ntitle='B'\ntotal=4\ndone=4\nweight=3\n",
    )]);
    let rows = json_list(dir.path(), &[]);
    assert_eq!(paths(&rows), ["o2", "o2/hive", "o2/hive/a", "o2/hive/b"]);
    let a = &rows[2];
    assert_eq!(a["kind"], "milestone");
    assert_eq!(a["title"], "A");
    assert_eq!(a["status"], "in_progress");
    assert_eq!(a["percent"], 50.0);
    assert_eq!(a["due"], "2023-06-10");
    assert_eq!(a["owner"], Json::Null);
    assert_eq!(a["overdue_days"], 10);
    assert_eq!(a["delta"], Json::Null, "no history yet");
    assert_eq!(a["stalled_weeks"], 0);
    assert_eq!(rows[3]["status"], "done");
    assert_eq!(rows[3]["overdue_days"], 0);
    // (50*1 + 100*3) / 4
    assert_eq!(rows[1]["percent"], 87.5);
    assert_eq!(rows[0]["owner"], "王五");
    assert_eq!(rows[0]["kind"], "objective");
    let mut keys: Vec<_> = a.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "delta",
            "due",
            "kind",
            "overdue_days",
            "owner",
            "path",
            "percent",
            "stalled_weeks",
            "status",
            "title"
        ]
    );
}

#[test]
fn list_filters_keep_file_order() {
    let dir = sample();
    let overdue = json_list(dir.path(), &["--overdue"]);
    assert_eq!(paths(&overdue), ["o1-business/channels/netsunion"]);
    assert_eq!(overdue[0]["overdue_days"], 4);

    let blocked = json_list(dir.path(), &["--status", "blocked"]);
    assert!(blocked.iter().all(|r| r["status"] == "blocked"));
    assert!(!blocked.is_empty());

    let soon = json_list(dir.path(), &["--due-within", "10"]);
    assert!(!soon.is_empty());
    for r in &soon {
        let due = r["due"].as_str().unwrap();
        assert!(("2023-06-20".."2023-07-01").contains(&due), "{due}");
        assert_eq!(r["overdue_days"], 0);
    }
    let either = json_list(dir.path(), &["--due-within", "10", "--overdue"]);
    assert_eq!(either.len(), soon.len() + 1);

    let mine = json_list(dir.path(), &["--owner", "李四"]);
    assert!(!mine.is_empty() && mine.iter().all(|r| r["owner"] == "李四"));

    let all = paths(&json_list(dir.path(), &[]));
    let done_or_blocked = paths(&json_list(
        dir.path(),
        &["--status", "done", "--status", "blocked"],
    ));
    let mut last = 0;
    for p in &done_or_blocked {
        let i = all.iter().position(|x| x == p).unwrap();
        assert!(i >= last, "file order kept");
        last = i;
    }
}

#[test]
fn list_table_aligns_chinese_by_display_width() {
    let dir = folder(&[(
        "o.toml",
        "title='目标'\n[project.a]\ntitle='迁移进度'\n[project.b]\ntitle='abc'\npercent=5\n",
    )]);
    let out = stride(dir.path())
        .arg("list")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    // the STATUS column starts at the same display column on every line
    let col = |line: &str, word: &str| {
        let byte = line.find(word).unwrap();
        unicode_width::UnicodeWidthStr::width(&line[..byte])
    };
    let header = col(lines[0], "STATUS");
    assert_eq!(col(lines[1], "in_progress"), header);
    assert_eq!(col(lines[2], "todo"), header);
    assert_eq!(col(lines[3], "in_progress"), header);
}

#[test]
fn set_changes_only_the_edited_line() {
    let dir = folder(&[("o2.toml", ODD)]);
    let path = dir.path().join("o2.toml");
    stride(dir.path())
        .args(["set", "o2/hive/migration", "--percent", "96.5"])
        .assert()
        .success()
        .stdout(predicate::str::contains("o2/hive/migration  迁移进度"))
        .stdout(predicate::str::contains("96.5% of 164"));
    let after = fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        ODD.replace("percent = 95.46   # 本周", "percent = 96.5   # 本周")
    );

    // a key that was absent is added at the end of its own table
    stride(dir.path())
        .args(["set", "o2/hive", "--status", "at_risk", "--owner", "李四"])
        .assert()
        .success();
    let after2 = fs::read_to_string(&path).unwrap();
    let expected = after.replace(
        "percent = 97 # explicit\n",
        "percent = 97 # explicit\nstatus = \"at_risk\"\nowner = \"李四\"\n",
    );
    assert_eq!(after2, expected);

    // `none` removes the key and its line
    stride(dir.path())
        .args(["set", "o2/hive/migration", "--due", "none"])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        expected.replace("due = 2023-06-30 # 6月底\n", "")
    );
}

#[test]
fn set_then_list_returns_what_was_set() {
    let dir = sample();
    stride(dir.path())
        .args([
            "set",
            "o1-business/channels/netsunion",
            "--stage",
            "上线",
            "--status",
            "in_progress",
            "--due",
            "+2w",
            "--blocker",
            "none",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("2023-07-04"));
    let rows = json_list(dir.path(), &[]);
    let n = rows
        .iter()
        .find(|r| r["path"] == "o1-business/channels/netsunion")
        .unwrap();
    assert_eq!(n["percent"], 80.0);
    assert_eq!(n["status"], "in_progress");
    assert_eq!(n["due"], "2023-07-04");
    assert_eq!(n["overdue_days"], 0);
    let text = fs::read_to_string(dir.path().join("o1-business.toml")).unwrap();
    assert!(!text.contains("解约接口由于网联测试环境问题阻断中"));
}

#[test]
fn bad_input_is_refused_with_a_message_and_no_file_touched() {
    let dir = sample();
    let before = contents(dir.path());
    let cases: &[(&[&str], &str)] = &[
        (
            &["set", "o1-business/nope/x", "--percent", "5"],
            "no item `o1-business/nope/x`",
        ),
        (
            &["set", "o2-upgrade/hive/migration", "--percent", "120"],
            "percent 120 is outside 0..100",
        ),
        (
            &["set", "o2-upgrade/hive/migration", "--percent", "lots"],
            "--percent: `lots` is not a number",
        ),
        (
            &["set", "o2-upgrade/hive/migration", "--due", "2023-02-30"],
            "--due: `2023-02-30` is not a date",
        ),
        (
            &["set", "o2-upgrade/hive/migration", "--status", "finished"],
            "unknown status `finished`",
        ),
        (
            &["set", "o1-business/channels/netsunion", "--stage", "验收"],
            "unknown stage `验收`; the stages are: 开发, 测试, 联调, 上线, 投产",
        ),
        (
            &["set", "o2-upgrade/hive", "--stage", "开发"],
            "`stage` is a milestone field",
        ),
        (
            &["set", "o2-upgrade/hive/migration", "--title", "none"],
            "`title` is required",
        ),
        (
            &["set", "o2-upgrade//x", "--percent", "1"],
            "is not an item path",
        ),
        (&["set", "o2-upgrade/hive/migration"], "nothing to set"),
    ];
    for (args, message) in cases {
        stride(dir.path())
            .args(*args)
            .assert()
            .failure()
            .stdout("")
            .stderr(predicate::str::contains(*message));
    }
    assert_eq!(contents(dir.path()), before);
}

#[test]
fn a_missing_data_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    for cmd in [&["list"][..], &["check"], &["set", "a/b", "--percent", "1"]] {
        stride(&missing)
            .args(cmd)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("cannot read data folder"))
            .stderr(predicate::str::contains("nowhere"));
    }
}

#[test]
fn a_bad_today_is_a_usage_error() {
    let dir = sample();
    Command::cargo_bin("stride")
        .unwrap()
        .args(["--data"])
        .arg(dir.path())
        .args(["--today", "2023-13-01", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`2023-13-01` is not a date"));
}

#[test]
fn today_comes_from_the_environment_too() {
    let dir = sample();
    let mut cmd = Command::cargo_bin("stride").unwrap();
    let out = cmd
        .arg("--data")
        .arg(dir.path())
        .env("STRIDE_TODAY", "2023-06-18")
        .args(["list", "--overdue", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows: Vec<Json> = serde_json::from_slice(&out).unwrap();
    assert_eq!(rows[0]["overdue_days"], 2);
}

#[test]
fn check_prints_file_line_column_and_keeps_going_past_a_broken_file() {
    let dir = folder(&[
        ("a.toml", "title = 'A'\n[project.p]\ntitle = \n"),
        (
            "b.toml",
            "title = 'B'\n[project.p]\ntitle = 'P'\npercent = 120\ncolour = 'red'\n",
        ),
        ("c.toml", "title = 'C'\n"),
        ("_draft.toml", "not toml at all ["),
        (".stride.toml", "language = 'zh'\n"),
        ("notes.md", "# ignored"),
    ]);
    let a = dir.path().join("a.toml");
    let b = dir.path().join("b.toml");
    let out = stride(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{}:3:", a.display())),
        "{text}"
    );
    assert!(lines[0].contains("TOML syntax"), "{text}");
    assert_eq!(
        lines[1],
        format!("{}:4:11: error: percent 120 is outside 0..100", b.display())
    );
    assert_eq!(
        lines[2],
        format!(
            "{}:5:1: warning: unknown key `colour` in project `p` (kept as is)",
            b.display()
        )
    );
    assert_eq!(lines[3], "checked 3 files: 2 errors, 1 warning");
}

#[test]
fn list_shows_good_files_and_names_the_broken_one() {
    let dir = folder(&[
        ("a.toml", "title = 'A'\n[project\n"),
        ("b.toml", "title = 'B'\n"),
    ]);
    let out = stride(dir.path())
        .args(["list", "--format", "json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("a.toml:2:"))
        .stderr(predicate::str::contains("was skipped"))
        .get_output()
        .stdout
        .clone();
    let rows: Vec<Json> = serde_json::from_slice(&out).unwrap();
    assert_eq!(paths(&rows), ["b"]);
    // and an item of the broken file cannot be edited
    stride(dir.path())
        .args(["set", "a", "--percent", "5"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is in a file with errors"));
}

#[test]
fn warnings_alone_pass_check_and_unknown_keys_survive_a_save() {
    let text = "title = 'A'\ncolour = 'red' # mine\n[project.p]\ntitle = 'P'\nextra = [1, 2]\n";
    let dir = folder(&[("a.toml", text)]);
    stride(dir.path()).arg("check").assert().success();
    stride(dir.path())
        .args(["set", "a/p", "--percent", "5"])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(dir.path().join("a.toml")).unwrap(),
        text.replace("extra = [1, 2]\n", "extra = [1, 2]\npercent = 5\n")
    );
}

#[test]
fn control_characters_in_titles_are_printed_harmlessly() {
    let dir = folder(&[(
        "a.toml",
        "title = \"evil \\u001b[2J \\u001b]52;c;aGk=\\u0007 end\"\n",
    )]);
    let out = stride(dir.path())
        .arg("list")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
    assert!(text.contains("evil ␛[2J ␛]52;c;aGk=␇ end"), "{text}");
}

#[test]
fn no_subcommand_prints_help_for_now_and_every_subcommand_has_help() {
    for sub in ["check", "list", "set"] {
        Command::cargo_bin("stride")
            .unwrap()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: stride"));
    }
}
