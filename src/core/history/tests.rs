//! Tests of history: weekly files round trip, movements since last week.

use std::path::Path;

use chrono::NaiveDate;

use super::file::quoted;
use super::*;
use crate::core::model::Status;

fn rec(percent: f64, status: Status) -> Record {
    Record {
        percent,
        status,
        stage: None,
        due: None,
    }
}

fn snap(week: &str, items: &[(&str, Record)]) -> Snapshot {
    Snapshot::new(
        week.into(),
        None,
        items
            .iter()
            .map(|(p, r)| (p.to_string(), r.clone()))
            .collect(),
    )
}

#[test]
fn render_and_parse_round_trip_with_chinese_and_quotes() {
    let mut r = rec(95.46, Status::Blocked);
    r.stage = Some("联调".into());
    r.due = NaiveDate::from_ymd_opt(2023, 6, 30);
    let s = Snapshot::new(
        "2023-W25".into(),
        NaiveDate::from_ymd_opt(2023, 6, 20),
        vec![
            ("o/p \"q\"/m".into(), r),
            ("o".into(), rec(50.0, Status::InProgress)),
        ],
    );
    let text = render(&s);
    assert!(text.contains("\"o\" = { percent = 50, status = \"in_progress\" }\n"));
    assert_eq!(parse(Path::new("h.toml"), &text).unwrap(), s);
}

#[test]
fn strings_are_quoted_as_toml_edit_quotes_them() {
    for s in [
        "",
        "o1-business/p0001/m000001",
        "o1/联调 上线",
        "it's",
        "a\"b",
        "a\\b",
        "tab\there",
        "new\nline",
        "\u{7f}",
        "\u{1b}[2J",
    ] {
        assert_eq!(quoted(s), toml_edit::Value::from(s).to_string(), "{s:?}");
    }
}

#[test]
fn malformed_files_name_their_place() {
    let e = parse(
        Path::new("h.toml"),
        "[items]\n\"o\" = { status = \"done\" }\n",
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "h.toml:2:7: error: item `o` needs a numeric `percent` and a known `status`"
    );
    let e = parse(Path::new("h.toml"), "[items\n").unwrap_err();
    assert!(e.to_string().starts_with("h.toml:1:"), "{e}");
}

#[test]
fn deltas_stage_moves_slips_and_stalls() {
    let mut then = rec(60.0, Status::InProgress);
    then.stage = Some("联调".into());
    then.due = NaiveDate::from_ymd_opt(2023, 6, 16);
    let h = History {
        earlier: vec![
            snap(
                "2023-W24",
                &[("a", then.clone()), ("s", rec(40.0, Status::InProgress))],
            ),
            snap("2023-W23", &[("s", rec(40.0, Status::InProgress))]),
            snap("2023-W22", &[("s", rec(30.0, Status::InProgress))]),
        ],
        problems: vec![],
    };
    let mut now = rec(80.0, Status::InProgress);
    now.stage = Some("上线".into());
    now.due = NaiveDate::from_ymd_opt(2023, 6, 23);
    let c = h.change("a", &now);
    assert_eq!(c.delta, Some(20.0));
    assert_eq!(c.stage_from.as_deref(), Some("联调"));
    assert_eq!(c.slip_days, Some(7));
    assert_eq!(c.stalled_weeks, 0);
    assert_eq!(delta_label(&c), "▲ 20");

    let s = h.change("s", &rec(40.0, Status::InProgress));
    assert_eq!((s.delta, s.stalled_weeks), (Some(0.0), 2));
    assert_eq!(delta_label(&s), "");
    // done items never stall
    assert_eq!(h.change("s", &rec(40.0, Status::Done)).stalled_weeks, 0);

    let n = h.change("b", &rec(10.0, Status::Todo));
    assert!(n.is_new && n.delta.is_none());
    assert_eq!(delta_label(&n), "new");
    assert_eq!(History::default().change("a", &now), Movement::default());
    assert_eq!(
        delta_label(&h.change("a", &rec(57.5, Status::InProgress))),
        "▼ 2.5"
    );
}

fn write(dir: &Path, week: &str, text: &str) {
    std::fs::create_dir_all(dir.join(DIR)).unwrap();
    std::fs::write(dir.join(DIR).join(format!("{week}.toml")), text).unwrap();
}

fn staged(percent: f64, stage: &str) -> Record {
    Record {
        stage: Some(stage.into()),
        ..rec(percent, Status::InProgress)
    }
}

/// Weeks read one after the other share the table of paths when theirs are
/// the same, in the same order, whichever reader read them; a week with
/// other, more or fewer paths has its own, and every path is found in each.
#[test]
fn weeks_of_the_same_paths_share_one_table() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let items = [
        ("o", rec(40.0, Status::InProgress)),
        ("o/p", staged(40.0, "联调")),
        ("o/p/m \"1\"", staged(20.0, "联调")),
    ];
    let week = |w: &str, items: &[(&str, Record)]| render(&snap(w, items));
    write(dir, "2023-W24", &week("2023-W24", &items));
    // as TOML, not as stride writes it: the other reader
    write(
        dir,
        "2023-W23",
        &week("2023-W23", &items).replace("[items]\n", "[items]\n# by hand\n\n"),
    );
    write(dir, "2023-W22", &week("2023-W22", &items));
    let mut more = items.to_vec();
    more.push(("o/q", rec(5.0, Status::Todo)));
    write(dir, "2023-W21", &week("2023-W21", &more));
    write(dir, "2023-W20", &week("2023-W20", &more[1..]));
    let swapped = [items[1].clone(), items[0].clone(), items[2].clone()];
    write(dir, "2023-W19", &week("2023-W19", &swapped));

    let h = History::load(dir, NaiveDate::from_ymd_opt(2023, 6, 20).unwrap());
    let weeks: Vec<&str> = h.earlier.iter().map(|s| s.week.as_str()).collect();
    assert_eq!(
        weeks,
        [
            "2023-W24", "2023-W23", "2023-W22", "2023-W21", "2023-W20", "2023-W19"
        ]
    );
    let shared =
        |a: usize, b: usize| std::sync::Arc::ptr_eq(h.earlier[a].paths(), h.earlier[b].paths());
    assert!(shared(0, 1) && shared(1, 2));
    assert!(!shared(2, 3) && !shared(3, 4) && !shared(4, 5));
    for (s, items) in
        h.earlier
            .iter()
            .zip([&items[..], &items, &items, &more, &more[1..], &swapped])
    {
        assert_eq!(s.len(), items.len(), "{}", s.week);
        for (path, r) in items {
            assert_eq!(s.get(path), Some(r), "{} {path}", s.week);
        }
        let read: Vec<(&str, &Record)> = s.iter().collect();
        let written: Vec<(&str, &Record)> = items.iter().map(|(p, r)| (*p, r)).collect();
        assert_eq!(read, written, "{}", s.week);
        assert_eq!(s.get("o/p/m"), None);
    }
    // a week's stages are one shared name each
    // the weeks of W24's paths hold W24's records, none differing
    let differing: Vec<Option<usize>> = h.earlier.iter().map(Snapshot::differing).collect();
    assert_eq!(differing, [None, Some(0), Some(0), None, None, None]);
    let (a, b) = (h.earlier[0].record(1), h.earlier[0].record(2));
    assert!(Stage::same(
        a.stage.as_ref().unwrap(),
        b.stage.as_ref().unwrap()
    ));
    // what moved reads the same through shared tables as through own ones
    let own = History {
        earlier: h
            .earlier
            .iter()
            .map(|s| {
                let items = s.iter().map(|(p, r)| (p.to_string(), r.clone()));
                Snapshot::new(s.week.clone(), s.taken, items.collect())
            })
            .collect(),
        problems: vec![],
    };
    assert!(!std::sync::Arc::ptr_eq(
        own.earlier[0].paths(),
        own.earlier[1].paths()
    ));
    for (path, now) in [
        ("o", rec(40.0, Status::InProgress)),
        ("o/p", staged(45.0, "上线")),
        ("o/p/m \"1\"", staged(20.0, "联调")),
        ("o/q", rec(5.0, Status::InProgress)),
    ] {
        assert_eq!(h.change(path, &now), own.change(path, &now), "{path}");
    }
    assert_eq!(
        h.change("o/p/m \"1\"", &staged(20.0, "联调")).stalled_weeks,
        6
    );
    assert_eq!(
        h.change("o", &rec(40.0, Status::InProgress)).stalled_weeks,
        4
    );
}

/// A path given twice is found at its last place, as a map built in order
/// would find it; the file keeps both lines.
#[test]
fn a_path_given_twice_is_found_at_its_last_place() {
    let s = snap(
        "2023-W24",
        &[
            ("a", rec(1.0, Status::Todo)),
            ("b", rec(2.0, Status::Todo)),
            ("a", rec(3.0, Status::Done)),
        ],
    );
    assert_eq!(s.get("a"), Some(&rec(3.0, Status::Done)));
    assert_eq!(s.get("b"), Some(&rec(2.0, Status::Todo)));
    assert_eq!(s.len(), 3);
    assert_eq!(render(&s).matches("\"a\" = ").count(), 2);
}

/// An earlier week of the same paths holds the records that differ from
/// the newer week's; it reads as if it held them all, and changed it holds
/// its own.
#[test]
fn an_earlier_week_holds_what_differs_from_the_newer_one() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let paths: Vec<String> = (0..10).map(|i| format!("o/p/m{i}")).collect();
    let week = |w: &str, f: &dyn Fn(usize) -> Record| {
        let items = paths.iter().enumerate().map(|(i, p)| (p.clone(), f(i)));
        let s = Snapshot::new(w.into(), None, items.collect());
        write(dir, w, &render(&s));
        s
    };
    let w24 = week("2023-W24", &|i| rec(i as f64, Status::InProgress));
    // two moved, one got a stage
    let w23 = week("2023-W23", &|i| match i {
        3 | 7 => rec(0.5, Status::Todo),
        5 => staged(5.0, "联调"),
        _ => rec(i as f64, Status::InProgress),
    });
    // more than half moved: its own records, then W21's against it
    let w22 = week("2023-W22", &|i| rec(i as f64 / 2.0, Status::InProgress));
    let w21 = week("2023-W21", &|i| match i {
        0 => rec(0.0, Status::Blocked),
        _ => rec(i as f64 / 2.0, Status::InProgress),
    });
    let h = History::load(dir, NaiveDate::from_ymd_opt(2023, 6, 20).unwrap());
    let differing: Vec<Option<usize>> = h.earlier.iter().map(Snapshot::differing).collect();
    assert_eq!(differing, [None, Some(3), None, Some(1)]);
    for (read, written) in h.earlier.iter().zip([&w24, &w23, &w22, &w21]) {
        assert_eq!(read, written, "{}", written.week);
        for (i, p) in paths.iter().enumerate() {
            assert_eq!(read.get(p), written.get(p));
            assert_eq!(read.record(i), written.record(i));
        }
    }
    assert_eq!(h.earlier[1].get("o/p/m3"), Some(&rec(0.5, Status::Todo)));
    assert_eq!(
        h.earlier[1].get("o/p/m4"),
        Some(&rec(4.0, Status::InProgress))
    );
    let mut w23 = h.earlier[1].clone();
    for (_, r) in w23.iter_mut() {
        r.percent += 1.0;
    }
    assert_eq!(w23.differing(), None);
    assert_eq!(w23.get("o/p/m4").map(|r| r.percent), Some(5.0));
    assert_eq!(h.earlier[1].get("o/p/m4").map(|r| r.percent), Some(4.0));
    assert_eq!(h.earlier[0].get("o/p/m4").map(|r| r.percent), Some(4.0));
}
