//! Weeks as the team counts them (`week_numbering = "jan1"`): in English
//! too, in `--week`, in the report's file name; `stride incidents` shows
//! the week the report shows.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use stride::tui::action::Action;

#[macro_use]
mod common;
use common::json;
use common::screen::{draw, text};

fn stride(dir: &Path) -> Command {
    common::stride_on(dir, "2023-06-20")
}

#[test]
fn report_week_takes_the_teams_numbering_and_iso() {
    // the sample counts weeks from 1 January: 2023-06-12 is week 25, ISO W24
    let d = common::sample_with("en", true);
    let week = |w: &str| {
        json(stride(d.path()).args(["report", "--format", "json", "--week", w]))["iso_week"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(week("25"), "2023-W24");
    assert_eq!(week("2023-25"), "2023-W24");
    assert_eq!(week("2023-W24"), "2023-W24");
    assert_eq!(week("26"), "2023-W25", "this week, from the data");
    stride(d.path())
        .args(["report", "--week", "W"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "write it like 2023-W25, 26 or 2023-26",
        ));
}

#[test]
fn incidents_week_takes_the_teams_numbering_and_iso() {
    let d = common::sample();
    let count = |w: &str| {
        let list = json(stride(d.path()).args(["incidents", "--format", "json", "--week", w]));
        (
            list["week"].clone(),
            list["incidents"].as_array().unwrap().len(),
        )
    };
    assert_eq!(count("25"), ("2023-W24".into(), 6));
    assert_eq!(count("2023-25"), ("2023-W24".into(), 6));
    assert_eq!(count("2023-W24"), ("2023-W24".into(), 6));
    assert_eq!(count("26"), ("2023-W25".into(), 0));
}

#[test]
fn incidents_without_a_week_are_the_reports() {
    let d = common::sample();
    let report = json(stride(d.path()).args(["report", "--format", "json"]));
    let incidents = json(stride(d.path()).args(["incidents", "--format", "json"]));
    assert_eq!(incidents["week"], report["operations"]["incident_week"]);
    assert_eq!(
        incidents["incidents"].as_array().unwrap().len(),
        report["operations"]["incidents"].as_array().unwrap().len()
    );
}

#[test]
fn english_counts_weeks_as_the_team_does() {
    let (_d, mut app) = common::app_in("en", false);
    let screen = text(&draw(&mut app, 100, 30));
    assert!(
        screen.lines().next().unwrap().contains("2023-06-20 W26"),
        "{screen}"
    );
    app.dispatch(Action::Operations);
    let screen = text(&draw(&mut app, 100, 30));
    // the ops view shows the week just past: the team's 25th
    assert!(screen.contains("W25 2023-06-12–06-18"), "{screen}");
    assert!(!screen.contains("W24"), "{screen}");
}

#[test]
fn the_report_file_is_named_by_the_teams_week() {
    let (d, mut app) = common::app_in("en", false);
    app.dispatch(Action::Report);
    let written = d.path().join("data/reports/2023-26.md");
    assert!(written.exists(), "{:?}", app.message);
}

#[test]
fn earlier_weeks_of_the_ops_view_show_the_values_history_recorded() {
    let w24 = std::fs::read_to_string(common::data_dir().join("history/2023-W24.toml")).unwrap();
    let w24 = format!("{w24}\n[metrics]\n\"o3-stability/deposit-success\" = 99.91\n");
    let (_d, mut app) = common::app_with("en", true, &[("history/2023-W24.toml", &w24)]);
    app.dispatch(Action::Operations);
    let row = |app: &mut stride::tui::app::App| {
        let screen = text(&draw(app, 120, 40));
        screen
            .lines()
            .find(|l| {
                l.trim_start_matches(['▶', ' '])
                    .starts_with("入金有效成功率 ")
            })
            .unwrap()
            .to_string()
    };
    // the week just past: today's values, and the change since W24's record
    let now = row(&mut app);
    assert!(now.contains("99.99%") && now.contains("▲ 0.08"), "{now}");
    // the week before: the values its report had, recorded in W24
    app.dispatch(Action::PrevWeek);
    let then = row(&mut app);
    assert!(
        then.contains("99.91%") && !then.contains("99.99%"),
        "{then}"
    );
    assert!(then.contains("✗ missed"), "below its target then: {then}");
    // a week nothing was recorded for shows no value
    app.dispatch(Action::PrevWeek);
    let none = row(&mut app);
    assert!(!none.contains('%'), "{none}");
    app.dispatch(Action::NextWeek);
    app.dispatch(Action::NextWeek);
    assert!(row(&mut app).contains("99.99%"));
}
