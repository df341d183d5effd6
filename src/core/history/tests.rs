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
