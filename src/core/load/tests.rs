//! Tests of loading: the documented example, problems at their places.

use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::core::model::Status;

fn parse(text: &str) -> (Option<Objective>, Vec<String>) {
    let (o, d) = parse_objective(Path::new("o.toml"), "o", text);
    (o, d.iter().map(|d| d.to_string()).collect())
}

#[test]
fn reads_the_documented_example() {
    let (o, diags) = parse(
        r#"title = "O2 系统升级"
owner = "王五"
[project.hive]
title = "HIVE标准数仓建设"
percent = 97
due = 2023-06-30
[project.hive.milestone.migration]
title = "迁移进度"
percent = 95.46
total = 164
[project.channels]
title = "新支付能力建设"
stages = ["开发", "测试", "联调"]
[project.channels.milestone.netsunion]
title = "网联代收"
stage = "联调"
status = "blocked"
blocker = "测试环境"
tags = ["网联"]
"#,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let o = o.unwrap();
    assert_eq!(o.fields.title, "O2 系统升级");
    assert_eq!(o.fields.owner.as_deref(), Some("王五"));
    let ids: Vec<_> = o.projects.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["hive", "channels"]);
    let hive = &o.projects[0];
    assert_eq!(hive.fields.percent, Some(97.0));
    assert_eq!(hive.fields.due, NaiveDate::from_ymd_opt(2023, 6, 30));
    assert_eq!(hive.milestones[0].total, Some(164));
    let n = &o.projects[1].milestones[0];
    assert_eq!(n.stage.as_deref(), Some("联调"));
    assert_eq!(n.fields.status, Some(Status::Blocked));
    assert_eq!(n.fields.tags, ["网联"]);
}

#[test]
fn keeps_file_order_not_alphabetical_order() {
    let (o, _) = parse("title='t'\n[project.zeta]\ntitle='z'\n[project.alpha]\ntitle='a'\n");
    let ids: Vec<_> = o.unwrap().projects.into_iter().map(|p| p.id).collect();
    assert_eq!(ids, ["zeta", "alpha"]);
}

#[test]
fn reports_each_problem_at_its_line_and_column() {
    let (o, diags) = parse(
        "title = 't'\n[project.p]\ntitle = 'p'\nstatus = 'finished'\npercent = 120\ndue = '2023-06-30'\ncolour = 'red'\n[project.p.milestone.m]\ntitle = 'm'\ntotal = 3\ndone = 5\nstage = 'x'\n",
    );
    assert!(o.is_none());
    assert_eq!(
        diags,
        [
            "o.toml:4:10: error: unknown status `finished`; allowed: todo, in_progress, blocked, at_risk, done, dropped",
            "o.toml:5:11: error: percent 120 is outside 0..100",
            "o.toml:6:7: error: `due` must be a date like 2023-06-30, found a string (write it bare, without quotes: due = 2023-06-30)",
            "o.toml:7:1: warning: unknown key `colour` in project `p` (kept as is)",
            "o.toml:12:9: error: stage `x` given, but project `p` has no `stages`",
            "o.toml:11:8: error: done (5) is greater than total (3)",
        ]
    );
}

#[test]
fn a_syntax_error_names_its_place() {
    let (o, diags) = parse("title = 't'\n[project.p]\ntitle = \n");
    assert!(o.is_none());
    assert_eq!(diags.len(), 1);
    assert!(diags[0].starts_with("o.toml:3:"), "{diags:?}");
    assert!(diags[0].contains("TOML syntax"), "{diags:?}");
}

#[test]
fn unknown_stage_lists_the_allowed_ones_and_due_before_start_is_an_error() {
    let (_, diags) = parse(
        "title='t'\n[project.p]\ntitle='p'\nstages=['a','b']\nstart=2023-07-01\ndue=2023-06-01\n[project.p.milestone.m]\ntitle='m'\nstage='c'\n",
    );
    assert_eq!(
        diags,
        [
            "o.toml:9:7: error: unknown stage `c`; the stages of project `p` are: a, b",
            "o.toml:6:5: error: project `p`: due 2023-06-01 is before start 2023-07-01",
        ]
    );
}

#[test]
fn missing_title_and_wrong_shapes_are_errors() {
    let (_, diags) = parse("owner = 1\nproject = 3\n");
    assert_eq!(
        diags,
        [
            "o.toml:1:9: error: `owner` must be a string, found an integer",
            "o.toml:2:11: error: `project` must be a table of projects like [project.ID], found an integer",
            "o.toml:1:1: error: objective `o` has no `title`",
        ]
    );
}

#[test]
fn unknown_keys_are_only_warnings() {
    let (o, diags) = parse("title='t'\nextra = { a = 1 }\n");
    assert!(o.is_some());
    assert_eq!(
        diags,
        ["o.toml:2:1: warning: unknown key `extra` in objective `o` (kept as is)"]
    );
}

#[test]
fn non_utf8_is_reported_with_its_place() {
    let (file, o) = load_file(Path::new("x.toml"), Ok(b"title = \"a\xff\"\n".to_vec()));
    assert!(o.is_none());
    assert_eq!(
        file.diagnostics[0].to_string(),
        "x.toml:1:11: error: the file is not valid UTF-8 (bad byte at offset 10)"
    );
}

#[test]
fn objective_file_names() {
    assert!(is_objective_file("o1.toml"));
    assert!(!is_objective_file(".stride.toml"));
    assert!(!is_objective_file("_draft.toml"));
    assert!(!is_objective_file("notes.md"));
    assert!(!is_objective_file(".toml"));
}

#[test]
fn a_rescan_reads_new_files_and_drops_removed_ones_keeping_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, title: &str| {
        std::fs::write(dir.path().join(name), format!("title = \"{title}\"\n")).unwrap()
    };
    write("b.toml", "B");
    write("d.toml", "D");
    let mut p = load_dir(dir.path()).unwrap();
    assert_eq!(p.rescan().unwrap(), None);
    // kept files are not read again: a change there waits for its reload
    write("b.toml", "B2");
    write("a.toml", "A");
    write("c.toml", "C");
    std::fs::remove_file(dir.path().join("d.toml")).unwrap();
    let r = p.rescan().unwrap().expect("files came and went");
    assert_eq!(r.moved, vec![Some(1), None]);
    assert_eq!(r.added, vec![0, 2]);
    assert_eq!(r.removed, vec![dir.path().join("d.toml")]);
    let titles: Vec<(&str, usize, &str)> = p
        .objectives
        .iter()
        .map(|o| (o.id.as_str(), o.file, o.fields.title.as_str()))
        .collect();
    assert_eq!(titles, vec![("a", 0, "A"), ("b", 1, "B"), ("c", 2, "C")]);
    assert_eq!(p.files.len(), 3);
    assert!(p.files.iter().all(|f| f.loaded));
}

/// 100,000 problems in one file: each placed right, the first and the last
/// (the time it takes is a figure in docs/RELIABILITY.md, not a test).
#[test]
fn a_hundred_thousand_problems_are_each_at_their_place() {
    let n = 100_000;
    let mut text = String::from("title = 't'\n[project.p]\ntitle = '迁移'\n");
    for i in 0..n {
        text.push_str(&format!("  k{i} = {i}\n"));
    }
    let (o, diags) = parse_objective(Path::new("o.toml"), "o", &text);
    assert!(o.is_some());
    assert_eq!(diags.len(), n);
    assert!(diags.iter().all(|d| !d.is_error()));
    assert_eq!(
        diags[0].to_string(),
        "o.toml:4:3: warning: unknown key `k0` in project `p` (kept as is)"
    );
    assert_eq!(
        diags[n - 1].to_string(),
        format!(
            "o.toml:{}:3: warning: unknown key `k{}` in project `p` (kept as is)",
            n + 3,
            n - 1
        )
    );
}

/// Integers that are not integers, in keys stride does not read and in
/// fields it reads: each an error at its place, the file left out, and
/// the sectioned fast path no different.
#[test]
fn invalid_values_anywhere_are_errors_at_their_place() {
    for (value, message) in [
        ("0x", "`0x` is not a number: it has no digits"),
        ("0b", "`0b` is not a number: it has no digits"),
        ("0o", "`0o` is not a number: it has no digits"),
        (
            "1_0\u{660}",
            "`1_0\u{660}` is not a number: `\u{660}` is not a digit",
        ),
        (
            "9223372036854775808",
            "`9223372036854775808` is out of range: integers go from -9223372036854775808 to 9223372036854775807",
        ),
    ] {
        // a key no one reads, in a plain file the fast path would take
        let text = format!("title = 't'\n[project.p]\ntitle = 'p'\nx = {value}\n");
        let (o, diags) = parse(&text);
        assert!(o.is_none(), "{value}");
        assert_eq!(
            diags,
            [
                format!("o.toml:4:5: error: {message}"),
                "o.toml:4:1: warning: unknown key `x` in project `p` (kept as is)".to_string(),
            ],
            "{value}"
        );
        // a field stride reads: the same message, once
        let text = format!("title = 't'\n[project.p]\ntitle = 'p'\npercent = {value}\n");
        let (o, diags) = parse(&text);
        assert!(o.is_none(), "{value}");
        assert_eq!(diags, [format!("o.toml:4:11: error: {message}")], "{value}");
    }
    let (o, diags) = parse("title = 't'\n[project.p]\ntitle = 'p'\ndue = 0000-01-01\n");
    assert!(o.is_none());
    assert_eq!(
        diags,
        ["o.toml:4:7: error: `0000-01-01` is out of range: years go from 0001 to 9999"]
    );
}

#[test]
fn fields_that_contradict_each_other_are_warnings_at_their_places() {
    let (o, diags) = parse(
        r#"title = "O"
[project.p]
title = "P"
status = "done"
percent = 80
stages = ["开发", "测试", "投产"]
[project.p.milestone.a]
title = "A"
status = "已完成"
stage = "测试"
[project.p.milestone.b]
title = "B"
total = 14
done = 4
percent = 33.57
[project.p.milestone.c]
title = "C"
stage = "投产"
percent = 90
blocker = "环境"
[project.p.milestone.d]
title = "D"
status = "阻塞"
"#,
    );
    assert!(o.is_some(), "warnings keep the file in the tree");
    assert_eq!(
        diags,
        [
            "o.toml:9:10: warning: milestone `a` is done but its percent is 66.67% (a done item counts as 100%)",
            "o.toml:15:11: warning: milestone `b`: percent 33.57 disagrees with done/total (4/14 = 28.57%)",
            "o.toml:18:9: warning: milestone `c` is at the last stage `投产` but its percent is 90%",
            "o.toml:20:11: warning: milestone `c` has a blocker but its status is not blocked",
            "o.toml:23:10: warning: milestone `d` is blocked but has no blocker",
            "o.toml:4:10: warning: project `p` is done but its percent is 80% (a done item counts as 100%)",
        ]
    );
    let o = o.unwrap();
    assert_eq!(
        o.projects[0].milestones[0].fields.status,
        Some(Status::Done)
    );
    assert_eq!(
        o.projects[0].milestones[0].percent(&o.projects[0].stages),
        100.0
    );
}

#[test]
fn an_owner_named_again_in_a_file_is_held_once() {
    let text = "title = 'o'\nowner = '王五'\n[project.a]\ntitle = 'A'\nowner = '王五'\n\
                [project.a.milestone.x]\ntitle = 'X'\nowner = 'ivan'\n\
                [project.a.milestone.y]\ntitle = 'Y'\nowner = '王五'\n";
    let whole = parse(text).0.unwrap();
    let (_, read) = load_file(Path::new("o.toml"), Ok(text.as_bytes().to_vec()));
    for o in [whole, read.unwrap()] {
        let a = &o.projects[0];
        let owners = [
            &o.fields.owner,
            &a.fields.owner,
            &a.milestones[1].fields.owner,
        ];
        let [o_, p, y] = owners.map(|w| w.clone().expect("an owner"));
        assert_eq!((&*o_, &*y), ("王五", "王五"));
        assert!(std::sync::Arc::ptr_eq(&o_, &p) && std::sync::Arc::ptr_eq(&p, &y));
        assert_eq!(a.milestones[0].fields.owner.as_deref(), Some("ivan"));
    }
}
