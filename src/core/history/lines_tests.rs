//! Tests of the fast reader: it reads what `render` writes as the TOML
//! reader reads it, refuses what it does not know (the TOML reader then
//! reads it), and "since last week" reads only the weeks it needs.

use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::file::parse_toml;
use super::lines::parse_lines;
use super::*;
use crate::core::model::Status;

fn record() -> impl Strategy<Value = Record> {
    (
        prop_oneof![
            8 => (-1000i64..20000).prop_map(|c| c as f64 / 100.0),
            1 => Just(1e19),
            1 => Just(f64::NAN),
        ],
        proptest::sample::select(Status::ALL.to_vec()),
        proptest::option::of("[a-z联调上线 ]{0,6}"),
        proptest::option::of((2000i32..2100, 1u32..13, 1u32..29)),
    )
        .prop_map(|(percent, status, stage, due)| Record {
            percent,
            status,
            stage: stage.map(Into::into),
            due: due.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        })
}

fn snapshot() -> impl Strategy<Value = Snapshot> {
    (
        // plain paths, and now and then one with a quote, a backslash, a
        // tab or a control character (written escaped or as a literal)
        proptest::collection::vec(
            (
                "[a-c]{1,2}(/[a-c0-9联调]{1,3}){0,2}|[a\"\\\\\t\u{7f}\n']{1,3}",
                record(),
            ),
            0..24,
        ),
        proptest::collection::vec(("[a-c]{1,3}/[A-Z]{1,2}", -1000i64..1000), 0..4),
        proptest::option::of(Just(NaiveDate::from_ymd_opt(2023, 6, 20).unwrap())),
    )
        .prop_map(|(items, metrics, taken)| {
            let mut s = Snapshot::new("2023-W25".into(), taken, items);
            s.metrics = metrics
                .into_iter()
                .map(|(k, v)| (k, v as f64 / 10.0))
                .collect();
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever `render` writes, the fast reader reads as the TOML reader
    /// does, or leaves it to it; plain files it always reads itself.
    #[test]
    fn the_fast_reader_gives_the_toml_readers_snapshot(s in snapshot()) {
        let text = render(&s);
        let path = Path::new("2023-W25.toml");
        let fast = parse_lines(Some("2023-W25"), &text, None);
        let toml = parse_toml(path, &text, None);
        if let Some(fast) = &fast {
            prop_assert_eq!(Some(fast), toml.as_ref().ok(), "{:?}", toml.as_ref().err().map(|d| d.to_string()));
        }
        let plain = s.iter().all(|(p, r)| {
            !p.contains(['"', '\\', '\t', '\u{7f}', '\n', '\''])
                && r.percent.is_finite()
                && r.percent.abs() < 1e15
        });
        let distinct = s.iter().map(|(p, _)| p).collect::<std::collections::HashSet<_>>().len();
        let metrics_distinct = s.metrics.iter().map(|(p, _)| p).collect::<std::collections::HashSet<_>>().len();
        if plain && distinct == s.len() && metrics_distinct == s.metrics.len() {
            prop_assert!(fast.is_some(), "{}", text);
            prop_assert_eq!(fast.unwrap().len(), s.len());
        }
        // and whichever reads it, `parse` agrees with the TOML reader
        prop_assert_eq!(
            parse(path, &text).map_err(|d| d.to_string()),
            toml.map_err(|d| d.to_string())
        );
    }
}

/// The sample's weekly file, written by stride before the fast reader
/// existed, reads the same both ways, through the fast reader.
#[test]
fn a_file_of_the_format_stride_has_always_written_loads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/history/2023-W24.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let fast = parse_lines(Some("2023-W24"), &text, None).expect("read by the fast reader");
    assert_eq!(
        Ok(&fast),
        parse_toml(&path, &text, None).as_ref().map_err(|_| ())
    );
    assert_eq!(fast.week, "2023-W24");
    assert_eq!(fast.taken, NaiveDate::from_ymd_opt(2023, 6, 13));
    let r = fast.get("o1-business/easypay").unwrap();
    assert_eq!((r.percent, r.status), (0.0, Status::Todo));
    assert_eq!(r.due, NaiveDate::from_ymd_opt(2023, 6, 30));
    assert!(fast.len() > 40, "{}", fast.len());
}

/// Files written by hand, or by another TOML writer, still load: the fast
/// reader refuses them and the TOML reader reads them.
#[test]
fn other_spellings_of_the_same_file_load_through_toml() {
    let path = Path::new("2023-W24.toml");
    let want = parse(
        path,
        "week = \"2023-W24\"\n[items]\n\"o/p\" = { percent = 50, status = \"blocked\", stage = \"联调\", due = 2023-06-30 }\n",
    )
    .unwrap();
    for text in [
        "week = \"2023-W24\"\r\n[items]\r\n\"o/p\" = { percent = 50, status = \"blocked\", stage = \"联调\", due = 2023-06-30 }\r\n",
        "week = '2023-W24'\n[items]\n'o/p' = { status = \"blocked\", percent = 50.0, due = 2023-06-30, stage = '联调' }\n",
        "[items]\n\"o/p\".percent = 5e1\n\"o/p\".status = \"Blocked\"\n\"o/p\".stage = \"\\u8054\\u8c03\"\n\"o/p\".due = 2023-06-30T09:00:00\n",
        "[items.\"o/p\"]\npercent = +50\nstatus = \"blocked\"\nstage = \"联调\"\ndue = 2023-06-30\n",
    ] {
        assert_eq!(parse_lines(Some("2023-W24"), text, None), None, "{text}");
        assert_eq!(parse(path, text).as_ref(), Ok(&want), "{text}");
    }
    // what TOML refuses, the fast reader never accepts
    for text in [
        "[items]\n\"o\" = { percent = 1, status = \"done\" }\n\"o\" = { percent = 2, status = \"done\" }\n",
        "[items]\n\"o\" = { percent = 01, status = \"done\" }\n",
        "[items]\n\"o\" = { percent = 9223372036854775808, status = \"done\" }\n",
        "[items]\n\"o\" = { percent = 1, status = \"finished\" }\n",
        "[items]\n\"o\" = { percent = 1, status = \"done\", due = 2023-02-30 }\n",
        "[items]\n[items]\n",
        "[metrics]\n\"o/M\" = 1\n\"o/M\" = 2\n",
    ] {
        assert_eq!(parse_lines(Some("w"), text, None), None, "{text}");
        assert!(parse(path, text).is_err(), "{text}");
    }
}

fn write_week(dir: &Path, week: &str, items: &[(&str, f64)]) {
    let items = items
        .iter()
        .map(|(p, v)| {
            let r = Record {
                percent: *v,
                status: Status::InProgress,
                stage: None,
                due: None,
            };
            (p.to_string(), r)
        })
        .collect();
    let text = render(&Snapshot::new(week.into(), None, items));
    std::fs::create_dir_all(dir.join(DIR)).unwrap();
    std::fs::write(dir.join(DIR).join(format!("{week}.toml")), text).unwrap();
}

/// "Since last week" reads the newest earlier week, and older ones only
/// while an item could still be stalled through them: a broken older week
/// is not read, so it changes nothing and is not reported.
#[test]
fn since_last_week_reads_only_the_weeks_it_needs() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let today = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
    write_week(dir, "2023-W24", &[("a", 40.0), ("b", 10.0)]);
    write_week(dir, "2023-W23", &[("a", 40.0), ("b", 5.0)]);
    write_week(dir, "2023-W22", &[("a", 30.0), ("b", 5.0)]);
    std::fs::write(dir.join("history/2023-W21.toml"), "[items\n").unwrap();
    let now = |v| Record {
        percent: v,
        status: Status::InProgress,
        stage: None,
        due: None,
    };

    // `a` kept 40 through W23: W22 is read, where it moved; W21 is not
    let h = History::load_for_changes(dir, today);
    assert_eq!(
        h.earlier.len(),
        2 + 1,
        "{:?}",
        h.earlier.iter().map(|s| &s.week).collect::<Vec<_>>()
    );
    assert!(h.problems.is_empty(), "{:?}", h.problems);
    let all = History::load(dir, today);
    assert_eq!(
        all.problems.len(),
        1,
        "the whole history meets the broken week"
    );
    for (path, v) in [("a", 40.0), ("b", 10.0), ("b", 5.0), ("c", 1.0)] {
        assert_eq!(
            h.change(path, &now(v)),
            all.change(path, &now(v)),
            "{path} {v}"
        );
    }
    assert_eq!(h.change("a", &now(40.0)).stalled_weeks, 2);

    // when every item moved in the newest earlier week, only it is read
    write_week(dir, "2023-W23", &[("a", 39.0), ("b", 5.0)]);
    let h = History::load_for_changes(dir, today);
    assert_eq!(
        h.earlier.len(),
        2,
        "W24 and W23, where everything had moved"
    );
    write_week(dir, "2023-W24", &[]);
    assert_eq!(History::load_for_changes(dir, today).earlier.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the weeks hold, "since last week" from the weeks it reads is
    /// what it is from the whole history.
    #[test]
    fn since_last_week_is_the_same_from_fewer_weeks(
        weeks in proptest::collection::vec(proptest::collection::vec(0u8..4, 3), 1..6),
        now in proptest::collection::vec(0u8..4, 3),
    ) {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path();
        for (i, w) in weeks.iter().enumerate() {
            let items: Vec<(&str, f64)> = ["a", "b", "c"].into_iter().zip(w.iter().map(|v| f64::from(*v) * 10.0)).collect();
            write_week(dir, &format!("2023-W{}", 24 - i), &items);
        }
        let today = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
        let (few, all) = (History::load_for_changes(dir, today), History::load(dir, today));
        prop_assert!(few.earlier.len() <= all.earlier.len());
        for (path, v) in ["a", "b", "c"].into_iter().zip(now) {
            let r = Record { percent: f64::from(v) * 10.0, status: Status::InProgress, stage: None, due: None };
            prop_assert_eq!(few.change(path, &r), all.change(path, &r));
        }
    }
}
