//! Starting a portfolio from the command line: `init`, `add`, and
//! `set --stages`, on the real binary.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

mod common;

fn stride(dir: &Path) -> assert_cmd::Command {
    common::stride_on(dir, "2023-06-20")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir`, with its bytes, to prove nothing was touched.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                // stride's own folder (locks) is not the user's data
                if !p.ends_with(".stride") {
                    dirs.push(p);
                }
            } else {
                let bytes = fs::read(&p).unwrap();
                all.push((p, bytes));
            }
        }
    }
    all.sort();
    all
}

/// The row of `path` in `list --format json`.
fn listed(dir: &Path, path: &str) -> Json {
    common::json_list(dir, "2023-06-20", &[])
        .into_iter()
        .find(|r| r["path"] == path)
        .unwrap_or_else(|| panic!("{path} is listed"))
}

#[test]
fn init_writes_a_folder_that_check_passes_in_both_languages() {
    for (lang, word) in [("en", "percent"), ("zh", "进度")] {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("new");
        stride(&dir)
            .args(["init", "--language", lang])
            .assert()
            .success();
        let check = stride(&dir).arg("check").output().unwrap();
        assert!(check.status.success(), "{}", stderr(&check));
        let out = String::from_utf8_lossy(&check.stdout).into_owned();
        assert!(out.contains("0 errors, 0 warnings"), "{lang}: {out}");
        let objective = fs::read_to_string(dir.join("o1-first.toml")).unwrap();
        // the comments explain every field, in the language asked for
        for key in [
            "percent",
            "total",
            "done",
            "stages",
            "stage",
            "due",
            "start",
            "owner",
            "weight",
            "tags",
            "status",
            "blocker",
            "update",
            "next",
            "note",
            "进行中",
        ] {
            assert!(objective.contains(key), "{lang}: {key}");
        }
        assert!(objective.contains(word), "{lang}");
        let settings = fs::read_to_string(dir.join(".stride.toml")).unwrap();
        assert!(settings.contains(&format!("language = \"{lang}\"")));
        for key in ["week_numbering", "due_soon_days"] {
            assert!(settings.contains(key), "{lang}: {key}");
        }
        let ignore = fs::read_to_string(dir.join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == ".stride/"), "{ignore}");
        // the folder lists as the template says
        assert_eq!(listed(&dir, "o1-first/launch/fixes")["percent"], 30.0);
    }
}

#[test]
fn init_into_dir_given_by_data_and_example_equals_data() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("sample");
    stride(&dir).args(["init", "--example"]).assert().success();
    let shipped = common::data_dir();
    for f in [
        "o1-business.toml",
        "o2-upgrade.toml",
        "o3-stability.toml",
        ".stride.toml",
        "history/2023-W24.toml",
    ] {
        assert_eq!(
            fs::read(dir.join(f)).unwrap(),
            fs::read(shipped.join(f)).unwrap(),
            "{f}"
        );
    }
    let check = stride(&dir).arg("check").output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn init_refuses_a_folder_with_objectives_and_writes_nothing() {
    let dir = common::sample();
    let before = contents(dir.path());
    let out = stride(dir.path()).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let e = stderr(&out);
    assert!(
        e.contains("already holds objective files") && e.contains("o1-business.toml"),
        "{e}"
    );
    assert!(e.contains("nothing was written"), "{e}");
    assert_eq!(contents(dir.path()), before);
}

/// A folder made by `init`: its objective's text before the additions.
fn started() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    stride(dir.path()).arg("init").assert().success();
    let text = fs::read_to_string(dir.path().join("o1-first.toml")).unwrap();
    (dir, text)
}

#[test]
fn add_an_objective_is_a_new_file_with_its_fields() {
    let (dir, _) = started();
    stride(dir.path())
        .args([
            "add",
            "o2-ops",
            "--title",
            "O2 运维",
            "--owner",
            "王五",
            "--due",
            "2023-12-31",
        ])
        .args([
            "--start",
            "2023-07-01",
            "--weight",
            "2",
            "--tags",
            "ops,稳定",
            "--status",
            "进行中",
        ])
        .args(["--update", "u", "--next", "n", "--note", "备注"])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(dir.path().join("o2-ops.toml")).unwrap(),
        "title = \"O2 运维\"\nstatus = \"in_progress\"\nstart = 2023-07-01\ndue = 2023-12-31\n\
owner = \"王五\"\nweight = 2\ntags = [\"ops\", \"稳定\"]\nupdate = \"u\"\nnext = \"n\"\nnote = \"备注\"\n"
    );
    let row = listed(dir.path(), "o2-ops");
    assert_eq!(row["title"], "O2 运维");
    assert_eq!(row["owner"], "王五");
    assert_eq!(row["due"], "2023-12-31");
    assert_eq!(row["status"], "in_progress");
}

#[test]
fn add_a_project_appends_only_its_lines_and_keeps_the_comments() {
    let (dir, before) = started();
    stride(dir.path())
        .args([
            "add",
            "o1-first/rollout",
            "--title",
            "Rollout",
            "--owner",
            "Carol",
        ])
        .args([
            "--stages",
            "pilot, canary,all",
            "--due",
            "+2w",
            "--percent",
            "10",
        ])
        .args(["--blocker", "waiting for ops", "--status", "blocked"])
        .assert()
        .success();
    let after = fs::read_to_string(dir.path().join("o1-first.toml")).unwrap();
    assert_eq!(
        after,
        format!(
            "{before}\n[project.rollout]\ntitle = \"Rollout\"\nstatus = \"blocked\"\npercent = 10\n\
stages = [\"pilot\", \"canary\", \"all\"]\ndue = 2023-07-04\nowner = \"Carol\"\nblocker = \"waiting for ops\"\n"
        )
    );
    let row = listed(dir.path(), "o1-first/rollout");
    assert_eq!(row["status"], "blocked");
    assert_eq!(row["percent"], 10.0);
    assert_eq!(row["due"], "2023-07-04");
}

#[test]
fn add_a_milestone_with_every_flag_goes_after_its_siblings() {
    let (dir, before) = started();
    let out = stride(dir.path())
        .args([
            "add",
            "o1-first/launch/qa",
            "--title",
            "QA pass",
            "--owner",
            "Q",
        ])
        .args([
            "--due",
            "2030-06-20",
            "--start",
            "2030-06-01",
            "--stage",
            "test",
        ])
        .args([
            "--total", "5", "--done", "2", "--weight", "1.5", "--tags", "x,y",
        ])
        .args([
            "--status", "at_risk", "--update", "u", "--next", "nx", "--note", "n",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        printed.starts_with("o1-first/launch/qa  QA pass\n"),
        "{printed}"
    );
    assert!(printed.contains("40% of 5 (2 done)"), "{printed}");
    let after = fs::read_to_string(dir.path().join("o1-first.toml")).unwrap();
    assert_eq!(
        after,
        format!(
            "{before}\n[project.launch.milestone.qa]\ntitle = \"QA pass\"\nstatus = \"at_risk\"\n\
total = 5\ndone = 2\nstage = \"test\"\nstart = 2030-06-01\ndue = 2030-06-20\nowner = \"Q\"\n\
weight = 1.5\ntags = [\"x\", \"y\"]\nupdate = \"u\"\nnext = \"nx\"\nnote = \"n\"\n"
        )
    );
    let row = listed(dir.path(), "o1-first/launch/qa");
    assert_eq!(row["percent"], 40.0);
    assert_eq!(row["status"], "at_risk");
    assert_eq!(row["owner"], "Q");
    // a milestone of the first project, while a later project exists: it
    // still goes after its siblings, before the next project
    stride(dir.path())
        .args(["add", "o1-first/rollout", "--title", "Rollout"])
        .assert()
        .success();
    stride(dir.path())
        .args(["add", "o1-first/launch/docs", "--title", "Docs"])
        .assert()
        .success();
    let text = fs::read_to_string(dir.path().join("o1-first.toml")).unwrap();
    let docs = text.find("[project.launch.milestone.docs]").unwrap();
    let rollout = text.find("[project.rollout]").unwrap();
    assert!(docs < rollout, "{text}");
}

#[test]
fn add_refusals_say_why_and_write_nothing() {
    let (dir, _) = started();
    let before = contents(dir.path());
    let cases: [(&[&str], &str); 7] = [
        (
            &["o1-first/launch", "--title", "T"],
            "`o1-first/launch` already exists",
        ),
        (&["o1-first", "--title", "T"], "`o1-first` already exists"),
        (
            &["o1-first/nope/m", "--title", "T"],
            "its parent `o1-first/nope` does not exist",
        ),
        (&["o9/p", "--title", "T"], "its parent `o9` does not exist"),
        (
            &["o1-first/ p", "--title", "T"],
            "must not start or end with a space",
        ),
        (
            &["_hidden", "--title", "T"],
            "id `_hidden` must not start with `.` or `_`",
        ),
        (
            &["o1-first/p", "--title", "T", "--due", "2023-13-01"],
            "--due: `2023-13-01` is not a date",
        ),
    ];
    for (args, message) in cases {
        let out = stride(dir.path()).arg("add").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert_eq!(contents(dir.path()), before, "{args:?}");
    }
    // a value the rules refuse: nothing written either
    let out = stride(dir.path())
        .args([
            "add",
            "o1-first/launch/m",
            "--title",
            "T",
            "--stage",
            "prod",
        ])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("unknown stage `prod`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(contents(dir.path()), before);
}

#[test]
fn set_stages_edits_a_pipeline_and_refuses_to_lose_a_stage_in_use() {
    let (dir, before) = started();
    stride(dir.path())
        .args([
            "set",
            "o1-first/launch",
            "--stages",
            "dev,test,release,prod",
        ])
        .assert()
        .success();
    let after = fs::read_to_string(dir.path().join("o1-first.toml")).unwrap();
    assert_eq!(
        after,
        before.replace(
            "stages = [\"dev\", \"test\", \"release\"]",
            "stages = [\"dev\", \"test\", \"release\", \"prod\"]"
        )
    );
    // `build` is at `dev`: a pipeline without it is refused
    let out = stride(dir.path())
        .args(["set", "o1-first/launch", "--stages", "a,b"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("unknown stage `dev`"),
        "{}",
        stderr(&out)
    );
    let out = stride(dir.path())
        .args(["set", "o1-first/launch", "--stages", "none"])
        .output()
        .unwrap();
    assert!(stderr(&out).contains("has no `stages`"), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.path().join("o1-first.toml")).unwrap(),
        after
    );
    // a pipeline no milestone uses goes with `none`
    stride(dir.path())
        .args(["add", "o1-first/p2", "--title", "P2", "--stages", "a,b"])
        .assert()
        .success();
    stride(dir.path())
        .args(["set", "o1-first/p2", "--stages", "none"])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(dir.path().join("o1-first.toml")).unwrap(),
        format!("{after}\n[project.p2]\ntitle = \"P2\"\n")
    );
}
