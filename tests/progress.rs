//! Progress that never contradicts itself, through the real binary: `set`
//! writes status, stage, counts and percent that agree; `check` warns where
//! a file's fields do not, and still succeeds.

use std::fs;
use std::path::Path;

use predicates::prelude::*;

mod common;
use common::sample;

fn stride(dir: &Path) -> assert_cmd::Command {
    common::stride_on(dir, "2023-06-20")
}

/// The lines of `before` and `after` that differ, as `-line`/`+line`: each
/// line counted as often as it appears (a multiset difference).
fn changed_lines(before: &str, after: &str) -> Vec<String> {
    let mut gone: Vec<&str> = before.lines().collect();
    let mut added = Vec::new();
    for l in after.lines() {
        match gone.iter().position(|g| *g == l) {
            Some(i) => {
                gone.remove(i);
            }
            None => added.push(format!("+{l}")),
        }
    }
    let mut out: Vec<String> = gone.iter().map(|l| format!("-{l}")).collect();
    out.extend(added);
    out
}

fn percent_of(dir: &Path, path: &str) -> f64 {
    let rows = common::json_list(dir, "2023-06-20", &[]);
    rows.iter()
        .find(|r| r["path"] == path)
        .unwrap_or_else(|| panic!("{path}"))["percent"]
        .as_f64()
        .unwrap()
}

#[test]
fn set_status_done_on_a_staged_milestone_writes_status_and_last_stage_only() {
    let dir = sample();
    let file = dir.path().join("o1-business.toml");
    let before = fs::read_to_string(&file).unwrap();
    let project_before = percent_of(dir.path(), "o1-business/channels");
    stride(dir.path())
        .args(["set", "o1-business/channels/upinstall", "--status", "done"])
        .assert()
        .success()
        .stdout(predicate::str::contains("stage    投产"))
        .stdout(predicate::str::contains("percent  100%"));
    let after = fs::read_to_string(&file).unwrap();
    assert_eq!(
        changed_lines(&before, &after),
        [
            "-stage  = \"测试\"                         # 通道系统测试完成，前台仍在开发",
            "+stage  = \"投产\"                         # 通道系统测试完成，前台仍在开发",
            "+status = \"done\"",
        ]
    );
    // 40% → 100% of one of seven milestones
    let project_after = percent_of(dir.path(), "o1-business/channels");
    assert!(
        (project_after - project_before - 60.0 / 7.0).abs() < 0.01,
        "{project_before} → {project_after}"
    );
}

#[test]
fn set_status_takes_the_chinese_names() {
    let dir = sample();
    stride(dir.path())
        .args([
            "set",
            "o1-business/channels/upinstall",
            "--status",
            "进行中",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("status   in_progress"));
    let text = fs::read_to_string(dir.path().join("o1-business.toml")).unwrap();
    assert!(text.contains("status = \"in_progress\""), "{text}");
    stride(dir.path())
        .args([
            "set",
            "o1-business/channels/upinstall",
            "--status",
            "已放弃",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("status   dropped"));
    stride(dir.path())
        .args([
            "set",
            "o1-business/channels/upinstall",
            "--status",
            "差不多",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown status `差不多`"))
        .stderr(predicate::str::contains("进行中"));
}

#[test]
fn a_chinese_status_in_a_file_is_read_as_its_keyword() {
    let dir = sample();
    let file = dir.path().join("o1-business.toml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replacen("status = \"in_progress\"", "status = \"阻塞\"", 1),
    )
    .unwrap();
    let rows = common::json_list(dir.path(), "2023-06-20", &["--status", "blocked"]);
    assert_eq!(rows.len(), 2, "{rows:?}");
}

#[test]
fn set_stage_and_done_remove_a_percent_that_would_contradict() {
    let dir = sample();
    let d = dir.path();
    let file = d.join("o1-business.toml");
    stride(d)
        .args(["set", "o1-business/channels/upcollect", "--percent", "85"])
        .assert()
        .success();
    stride(d)
        .args(["set", "o1-business/channels/upcollect", "--stage", "投产"])
        .assert()
        .success()
        .stdout(predicate::str::contains("percent  100%"));
    let text = fs::read_to_string(&file).unwrap();
    assert!(!text.contains("percent = 85"), "{text}");
    stride(d)
        .args(["set", "o1-business/easypay/fixes", "--percent", "33.57"])
        .assert()
        .success();
    stride(d)
        .args(["set", "o1-business/easypay/fixes", "--done", "5"])
        .assert()
        .success()
        .stdout(predicate::str::contains("percent  35.71% of 14 (5 done)"));
    let text = fs::read_to_string(&file).unwrap();
    assert!(!text.contains("33.57"), "{text}");
    stride(d)
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors, 0 warnings"));
}

#[test]
fn the_sample_data_has_no_warnings() {
    let dir = sample();
    stride(dir.path())
        .arg("check")
        .assert()
        .success()
        .stdout("checked 3 files: 0 errors, 0 warnings\n");
}

#[test]
fn check_warns_of_contradictions_at_their_places_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("o.toml");
    fs::write(
        &file,
        "title = \"O\"
[project.p]
title = \"P\"
stages = [\"开发\", \"测试\", \"投产\"]
[project.p.milestone.a]
title = \"A\"
stage = \"测试\"
status = \"done\"
[project.p.milestone.b]
title = \"B\"
total = 14
done = 4
percent = 33.57
[project.p.milestone.c]
title = \"C\"
stage = \"投产\"
percent = 90
[project.p.milestone.d]
title = \"D\"
blocker = \"环境\"
[project.p.milestone.e]
title = \"E\"
status = \"blocked\"
",
    )
    .unwrap();
    let out = stride(dir.path())
        .arg("check")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let f = file.display();
    let expected = format!(
        "{f}:8:10: warning: milestone `a` is done but its percent is 66.67% (a done item counts as 100%)
{f}:13:11: warning: milestone `b`: percent 33.57 disagrees with done/total (4/14 = 28.57%)
{f}:16:9: warning: milestone `c` is at the last stage `投产` but its percent is 90%
{f}:20:11: warning: milestone `d` has a blocker but its status is not blocked
{f}:23:10: warning: milestone `e` is blocked but has no blocker
checked 1 file: 0 errors, 5 warnings
warnings are not errors: every file loads, and check exits 0
"
    );
    assert_eq!(String::from_utf8(out).unwrap(), expected);
    // in a Chinese data folder, the last line is in Chinese
    fs::write(dir.path().join(".stride.toml"), "language = \"zh\"\n").unwrap();
    stride(dir.path())
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "警告不是错误：文件照常读取，check 的退出码仍为 0",
        ));
}

#[test]
fn set_help_lists_every_value_a_field_takes() {
    let dir = sample();
    let out = stride(dir.path())
        .args(["set", "--help"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let help = String::from_utf8(out).unwrap();
    for needle in [
        "in_progress (in progress, in-progress, 进行中)",
        "todo (to do, to_do, 未开始, 待办, 待开始)",
        "blocked (阻断, 阻塞)",
        "done (已完成, 完成)",
        "dropped (已取消, 取消, 已放弃, 放弃)",
        "+3d",
        "today",
        "`none`",
    ] {
        assert!(help.contains(needle), "{needle} in\n{help}");
    }
}
