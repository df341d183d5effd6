//! Weekly history and the weekly report, through the real binary.

use std::fs;
use std::path::Path;

use predicates::prelude::*;
use serde_json::Value as Json;

mod common;
use common::stride_on as stride;

fn list(dir: &Path, today: &str) -> Vec<Json> {
    common::json_list(dir, today, &[])
}

fn row<'a>(rows: &'a [Json], path: &str) -> &'a Json {
    rows.iter().find(|r| r["path"] == path).unwrap()
}

const MIGRATION: &str = "o2-upgrade/hive/migration";
const NETSUNION: &str = "o1-business/channels/netsunion";

#[test]
fn two_weeks_recorded_through_today_give_deltas() {
    let d = common::sample();
    let dir = d.path();
    // week 24: a snapshot of the state as shipped
    stride(dir, "2023-06-13")
        .arg("snapshot")
        .assert()
        .success()
        .stdout(predicate::str::contains("2023-W24.toml"));
    let w24 = fs::read_to_string(dir.join("history/2023-W24.toml")).unwrap();
    assert!(
        w24.contains(&format!(
            "\"{MIGRATION}\" = {{ percent = 95.46, status = \"in_progress\", due = 2023-06-30 }}"
        )),
        "{w24}"
    );
    assert!(w24.contains("stage = \"联调\""));

    // week 25: edits through `set` bring this week's file up to date
    stride(dir, "2023-06-20")
        .args(["set", MIGRATION, "--percent", "97.96"])
        .assert()
        .success();
    stride(dir, "2023-06-20")
        .args(["set", NETSUNION, "--stage", "上线", "--due", "2023-06-23"])
        .assert()
        .success();
    let w25 = fs::read_to_string(dir.join("history/2023-W25.toml")).unwrap();
    assert!(
        w25.contains(&format!("\"{MIGRATION}\" = {{ percent = 97.96")),
        "{w25}"
    );

    let rows = list(dir, "2023-06-20");
    assert_eq!(row(&rows, MIGRATION)["delta"], 2.5);
    assert_eq!(row(&rows, NETSUNION)["delta"], 20.0, "联调 60% → 上线 80%");
    assert_eq!(row(&rows, "o2-upgrade/hive/reports")["delta"], 0.0);
    assert_eq!(row(&rows, MIGRATION)["stalled_weeks"], 0);

    // the report shows the stage move, the slip and the deltas
    let out = stride(dir, "2023-06-20")
        .args(["report", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: Json = serde_json::from_slice(&out).unwrap();
    let channels = &report["objectives"][0]["projects"][4];
    assert_eq!(channels["title"], "新支付能力建设");
    let n = channels["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["path"] == NETSUNION)
        .unwrap();
    assert_eq!(n["stage"], "上线");
    assert_eq!(n["stage_from"], "联调");
    assert_eq!(n["slip_days"], 7);
    assert_eq!(n["delta"], 20.0);
    assert_eq!(report["iso_week"], "2023-W25");
    assert_eq!(
        report["week_number"], 26,
        "the sample settings count weeks from 1 January"
    );
}

#[test]
fn an_item_that_does_not_move_for_two_weeks_is_stalled() {
    let d = common::sample();
    let dir = d.path();
    for day in ["2023-06-06", "2023-06-13"] {
        stride(dir, day).arg("snapshot").assert().success();
    }
    let rows = list(dir, "2023-06-20");
    // in progress and unchanged in both earlier weeks
    assert_eq!(row(&rows, MIGRATION)["stalled_weeks"], 2);
    // done items never stall, however long they stay at 100
    assert_eq!(
        row(&rows, "o1-business/channels/chinaums")["stalled_weeks"],
        0
    );
    // a move this week ends the stall
    stride(dir, "2023-06-20")
        .args(["set", MIGRATION, "--percent", "96"])
        .assert()
        .success();
    let rows = list(dir, "2023-06-20");
    assert_eq!(row(&rows, MIGRATION)["stalled_weeks"], 0);
    // a week later, unchanged since week 25 only: one record, not stalled
    let rows = list(dir, "2023-06-27");
    assert_eq!(row(&rows, MIGRATION)["stalled_weeks"], 0);
    assert_eq!(row(&rows, MIGRATION)["delta"], 0.0);
}

#[test]
fn no_history_means_null_deltas_and_new_items_show_as_new() {
    let d = common::sample();
    let dir = d.path();
    assert_eq!(
        row(&list(dir, "2023-06-20"), MIGRATION)["delta"],
        Json::Null
    );
    stride(dir, "2023-06-13").arg("snapshot").assert().success();
    // an item added after the snapshot
    let path = dir.join("o2-upgrade.toml");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\n[project.hive.milestone.export]\ntitle = \"账单切换\"\npercent = 10\n");
    fs::write(&path, text).unwrap();
    let out = stride(dir, "2023-06-20")
        .arg("report")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    assert!(md.contains("账单切换: 10% (new)"), "{md}");
    assert_eq!(
        row(&list(dir, "2023-06-20"), "o2-upgrade/hive/export")["delta"],
        Json::Null
    );
}

#[test]
fn a_malformed_history_file_is_named_and_the_data_still_loads() {
    let d = common::sample();
    let dir = d.path();
    fs::create_dir_all(dir.join("history")).unwrap();
    fs::write(
        dir.join("history/2023-W24.toml"),
        "[items]\n\"o1\" = { status = 3 }\n",
    )
    .unwrap();
    let out = stride(dir, "2023-06-20")
        .args(["list", "--format", "json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("2023-W24.toml:2:8"))
        .get_output()
        .stdout
        .clone();
    let rows: Vec<Json> = serde_json::from_slice(&out).unwrap();
    assert_eq!(row(&rows, MIGRATION)["delta"], Json::Null);
    stride(dir, "2023-06-20")
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "2023-W24.toml:2:8: error: item `o1` needs a numeric `percent` and a known `status`",
        ));
    // the report says the history was left out
    stride(dir, "2023-06-20")
        .arg("report")
        .assert()
        .success()
        .stdout(predicate::str::contains("⚠"))
        .stdout(predicate::str::contains("2023-W24.toml"));
}

#[test]
fn settings_are_checked_and_unknown_ones_reported() {
    let d = common::sample();
    fs::write(
        d.path().join(".stride.toml"),
        "language = \"fr\"\nweek_numbering = \"jan1\"\ncolour = \"red\"\n",
    )
    .unwrap();
    stride(d.path(), "2023-06-20")
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            ".stride.toml:1:12: error: `language` must be \"en\" or \"zh\"",
        ))
        .stdout(predicate::str::contains(
            ".stride.toml:3:1: warning: unknown setting `colour`",
        ));
}

#[test]
fn due_soon_days_come_from_the_settings() {
    let d = common::sample();
    let within = |days: &str| {
        let out = stride(d.path(), "2023-06-20")
            .args(["list", "--format", "json", "--due-within", days])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice::<Vec<Json>>(&out).unwrap().len()
    };
    assert!(within("10") > within("0"));
    fs::write(d.path().join(".stride.toml"), "due_soon_days = 30\n").unwrap();
    let out = stride(d.path(), "2023-06-20")
        .args(["report", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let r: Json = serde_json::from_slice(&out).unwrap();
    assert_eq!(r["week_number"], 25, "iso numbering by default");
}

#[test]
fn report_snapshots_in_english_and_chinese() {
    for lang in ["en", "zh"] {
        let d = common::sample_with(lang, true);
        let out = stride(d.path(), "2023-06-20")
            .arg("report")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let md = String::from_utf8(out).unwrap();
        insta::assert_snapshot!(format!("report_{lang}"), md);
    }
}

#[test]
fn the_chinese_report_reads_like_the_teams_own() {
    let d = common::sample_with("zh", true);
    let out = stride(d.path(), "2023-06-20")
        .arg("report")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    // their heading counts weeks from 1 January: 2023-06-20 is week 26
    assert!(md.starts_with("# 第26周 2023-06-20\n"), "{md}");
    for heading in [
        "# 上周进展",
        "## 【O1 服务业务】",
        "# 逾期事项",
        "# 停滞事项",
        "# 下周工作及目标",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    assert!(md.contains("迁移进度：共164个，95.46%"));
    assert!(md.contains("开户优化需求：4/14，28.57%（▲ 28.57）"));
    assert!(md.contains(
        "| 网联代收 (`o1-business/channels/netsunion`) | 郑十 | 2023-06-16 | 4 | 阻断 |"
    ));
    assert!(md.contains("**HIVE标准数仓建设**：账单切换方案"));
}

#[test]
fn a_past_week_renders_from_its_history_file_and_output_goes_to_a_file() {
    let d = common::sample_with("en", true);
    let dir = d.path();
    let file = dir.join("w24.md");
    stride(dir, "2023-06-20")
        .args(["report", "--week", "2023-W24", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    let md = fs::read_to_string(&file).unwrap();
    // as of the snapshot's day, with week 24's values
    assert!(md.starts_with("# Week 25 · 2023-06-13\n"), "{md}");
    assert!(
        md.contains("开户优化需求: of 14, 0%, to do, due 2023-06-30"),
        "{md}"
    );
    assert!(md.contains("texts and counts are not kept in history"));
    assert!(
        !md.contains("本周开户成功率57%"),
        "today's texts are not a past week's"
    );
    // a week with no file, and a malformed week
    stride(dir, "2023-06-20")
        .args(["report", "--week", "2023-W10"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no history for 2023-W10"));
    stride(dir, "2023-06-20")
        .args(["report", "--week", "June"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`June` is not a week"));
}

#[test]
fn report_json_carries_the_same_content() {
    let d = common::sample_with("en", true);
    let out = stride(d.path(), "2023-06-20")
        .args(["report", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let r: Json = serde_json::from_slice(&out).unwrap();
    assert_eq!(r["date"], "2023-06-20");
    assert_eq!(r["objectives"].as_array().unwrap().len(), 3);
    assert_eq!(r["overdue"][0]["path"], NETSUNION);
    assert_eq!(r["overdue"][0]["overdue_days"], 4);
    assert!(
        r["next"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["next"] == "账单切换方案")
    );
    let fixes = &r["objectives"][0]["projects"][0]["milestones"][0];
    assert_eq!(
        (fixes["done"].clone(), fixes["total"].clone()),
        (Json::from(4), Json::from(14))
    );
    assert_eq!(fixes["delta"], 28.57);
}

/// The TUI starts on the newest earlier week and takes the rest when read:
/// "since last week" is whole at once, stalls come with the rest.
#[test]
fn the_newest_week_alone_gives_the_deltas_and_the_rest_the_stalls() {
    use chrono::NaiveDate;
    use stride::core::history::{History, Record};
    let d = common::sample();
    let dir = d.path();
    for day in ["2023-06-06", "2023-06-13"] {
        stride(dir, day).arg("snapshot").assert().success();
    }
    let today = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
    let mut first = None;
    let older = History::load_in_two(dir, today, |h| first = Some(h));
    let newest = first.expect("the newest week was handed over");
    let all = History::load(dir, today);
    assert_eq!(newest.earlier.len(), 1);
    assert!(all.earlier.len() >= 2, "{}", all.earlier.len());
    assert_eq!(older.earlier.len(), all.earlier.len() - 1);
    assert_eq!(newest.earlier[0].week, all.earlier[0].week);
    assert_eq!(older.earlier[0].week, all.earlier[1].week);
    let p = stride::core::load_dir(dir).unwrap();
    let item = p
        .get(&stride::core::ItemPath::parse(MIGRATION).unwrap())
        .unwrap();
    let now = Record::of_item(&stride::core::listing::Item {
        objective: &p.objectives[1],
        item,
        status: item.status(),
        percent: item.percent(),
        due: item.fields().due,
        overdue_days: 0,
    });
    let (first, whole) = (newest.change(MIGRATION, &now), all.change(MIGRATION, &now));
    assert_eq!(first.delta, whole.delta);
    assert_eq!((first.stalled_weeks, whole.stalled_weeks), (0, 2));
    // the TUI's state puts the rest behind the first part: the whole history
    let mut app = stride::tui::app::App::with_history(p, today, newest);
    app.add_older_history(older);
    let weeks = |h: &History| h.earlier.iter().map(|s| s.week.clone()).collect::<Vec<_>>();
    assert_eq!(weeks(&app.history), weeks(&all));
}

/// `list --format json` reads only the weeks "since last week" needs: when
/// every item moved between the two newest earlier weeks, an older week is
/// not read, so a broken one changes nothing there; `check` still names it.
#[test]
fn a_broken_week_list_does_not_need_is_not_read() {
    let d = common::sample();
    let dir = d.path();
    stride(dir, "2023-06-13").arg("snapshot").assert().success();
    // W23: every item 0.5 lower than in W24, so none stood still through it
    let w24 = fs::read_to_string(dir.join("history/2023-W24.toml")).unwrap();
    let mut h = stride::core::history::parse(Path::new("2023-W24.toml"), &w24).unwrap();
    h.week = "2023-W23".into();
    for (_, r) in h.iter_mut() {
        r.percent -= 0.5;
    }
    fs::write(
        dir.join("history/2023-W23.toml"),
        stride::core::history::render(&h),
    )
    .unwrap();
    fs::write(dir.join("history/2023-W22.toml"), "[items\n").unwrap();
    let out = stride(dir, "2023-06-20")
        .args(["list", "--format", "json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("2023-W22").not())
        .get_output()
        .stdout
        .clone();
    let rows: Vec<Json> = serde_json::from_slice(&out).unwrap();
    assert_eq!(row(&rows, MIGRATION)["delta"], 0.0);
    assert_eq!(row(&rows, MIGRATION)["stalled_weeks"], 0);
    stride(dir, "2023-06-20")
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2023-W22.toml:1:"));
}
