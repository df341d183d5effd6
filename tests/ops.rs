//! Metrics and incidents through the real binary.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value as Json;

mod common;
use common::json;

fn stride(dir: &Path) -> Command {
    common::stride_on(dir, "2023-06-20")
}

#[test]
fn metrics_list_values_targets_and_whether_they_are_met() {
    let d = common::sample();
    let out = stride(d.path())
        .arg("metrics")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("o3-stability/deposit-success   入金有效成功率      99.99%   99.95%  ✓ met"),
        "{text}"
    );
    let rows = json(stride(d.path()).args(["metrics", "--format", "json"]));
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let a = &rows[2];
    assert_eq!(a["path"], "o3-stability/availability");
    assert_eq!(a["title"], "支付系统年度可用性");
    assert_eq!(a["value"], 99.998);
    assert_eq!(a["target"], 99.99);
    assert_eq!(a["unit"], "%");
    assert_eq!(a["met"], true);
    assert_eq!(a["delta"], Json::Null, "no earlier record");
}

#[test]
fn set_value_changes_only_that_line_and_feeds_the_history() {
    let d = common::sample();
    let file = d.path().join("o3-stability.toml");
    let before = fs::read_to_string(&file).unwrap();
    // last week's record
    fs::create_dir_all(d.path().join("history")).unwrap();
    stride(d.path())
        .args(["--today", "2023-06-13", "snapshot"])
        .assert()
        .success();
    stride(d.path())
        .args(["set", "o3-stability/availability", "--value", "99.97"])
        .assert()
        .success()
        .stdout(predicate::str::contains("met      ✗ missed"))
        .stdout(predicate::str::contains("delta    -0.028"));
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        before.replace("value  = 99.998\n", "value  = 99.97\n")
    );
    let rows = json(stride(d.path()).args(["metrics", "--format", "json"]));
    assert_eq!(rows[2]["met"], false);
    assert_eq!(rows[2]["delta"], -0.028);
    let w25 = fs::read_to_string(d.path().join("history/2023-W25.toml")).unwrap();
    assert!(
        w25.contains("\"o3-stability/availability\" = 99.97"),
        "{w25}"
    );
}

#[test]
fn bad_metric_edits_are_refused_and_nothing_is_touched() {
    let d = common::sample();
    let file = d.path().join("o3-stability.toml");
    let before = fs::read_to_string(&file).unwrap();
    for (args, message) in [
        (
            &["set", "o3-stability/availability", "--value", "high"][..],
            "--value: `high` is not a number",
        ),
        (
            &["set", "o3-stability/nothing", "--value", "1"],
            "no metric `o3-stability/nothing`",
        ),
        (
            &["set", "o3-stability/availability", "--value", "none"],
            "`value` is required",
        ),
        (
            &["set", "o3-stability/availability/x", "--value", "1"],
            "is not a metric",
        ),
    ] {
        stride(d.path())
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn incidents_of_a_week_newest_first_with_counts() {
    let d = common::sample();
    let list = json(stride(d.path()).args(["incidents", "--week", "2023-W24", "--format", "json"]));
    assert_eq!(list["week"], "2023-W24");
    assert_eq!(list["counts"]["ab"], 0);
    assert_eq!(list["counts"]["cd"], 1);
    assert_eq!(list["counts"]["ungraded"], 5);
    let incidents = list["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), 6);
    assert_eq!(incidents[0]["at"], "2023-06-16T14:35:00");
    assert_eq!(incidents[5]["at"], "2023-06-12T03:30:00");
    let c = incidents.iter().find(|i| i["grade"] == "C").unwrap();
    assert_eq!(c["title"], "账户流水金额差异");
    assert_eq!(c["minutes"], 296);
    assert_eq!(c["business_impact"], true);
    // without --week, the week the report shows: the one just past
    let default = json(stride(d.path()).args(["incidents", "--format", "json"]));
    assert_eq!(default["week"], "2023-W24");
    assert_eq!(default["incidents"].as_array().unwrap().len(), 6);
    let this_week =
        json(stride(d.path()).args(["incidents", "--week", "2023-W25", "--format", "json"]));
    assert_eq!(this_week["incidents"].as_array().unwrap().len(), 0);
    let open = json(stride(d.path()).args(["incidents", "--open", "--format", "json"]));
    let open = open["incidents"].as_array().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["title"], "清结算csp-agent-oss告警");
    assert_eq!(open[0]["open"], true);
    stride(d.path())
        .args(["incidents", "--week", "last"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`last` is not a week"));
}

#[test]
fn check_validates_metrics_and_incidents_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("o.toml"),
        r#"title = "O"
[project.uptime]
title = "P"
[metric.uptime]
title = "可用性"
value = 99.9
[metric.speed]
value = "fast"
[metric.nothing]
title = "no value"
better = "sideways"
[[incident]]
at = 2023-06-15T11:01:00
resolved = 2023-06-15T10:00:00
grade = "E"
title = "x"
[[incident]]
at = 2023-06-15
"#,
    )
    .unwrap();
    let out = stride(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let file = dir.path().join("o.toml").display().to_string();
    for expected in [
        ":8:9: error: `value` must be a number, found a string",
        ":7:9: error: metric `speed` has no `title`",
        ":11:10: error: `better` must be \"higher\" or \"lower\", found `sideways`",
        ":9:9: error: metric `nothing` has no `value`",
        ":15:9: error: unknown grade `E`; allowed: A, B, C, D (or no grade for an event)",
        ":14:12: error: incident 1: resolved 2023-06-15 10:00:00 is before at 2023-06-15 11:01:00",
        ":18:6: error: `at` must be a local date-time like 2023-06-15T11:01:00, found a date",
        ":17:1: error: incident 2 has no `title`",
        ":4:9: error: metric `uptime` has the id of a project; `o/uptime` must name one thing",
    ] {
        assert!(
            text.contains(&format!("{file}{expected}")),
            "missing {expected} in:\n{text}"
        );
    }
}

#[test]
fn the_report_opens_with_operations_and_lists_last_weeks_incidents() {
    let d = common::sample_with("zh", false);
    let out = stride(d.path())
        .arg("report")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    let ops = md.find("## 【系统运行数据】").unwrap();
    assert!(ops < md.find("## 【O1 服务业务】").unwrap());
    assert!(md.contains("- 入金有效成功率：99.99%（目标 99.95%，✓ 达标）"));
    assert!(md.contains("- 事故数AB级0次，CD级1次（另有5个未定级的稳定性事件）"));
    assert!(md.contains("## 【生产稳定性事件】"));
    assert!(md.contains("- 6/15 11:01 账户流水金额差异（C级，4小时56分钟，影响业务）\n  原因："));
    let json_out = stride(d.path())
        .args(["report", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let r: Json = serde_json::from_slice(&json_out).unwrap();
    assert_eq!(r["operations"]["incident_week"], "2023-W24");
    assert_eq!(r["operations"]["counts"]["cd"], 1);
    assert_eq!(r["operations"]["incidents"].as_array().unwrap().len(), 6);
    assert_eq!(r["operations"]["metrics"][1]["title"], "出金有效成功率");
}
