//! Property tests: saving keeps files byte for byte, and what is set is what loads.

use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;
use stride::core::edit::document::edit_text;
use stride::core::load::parse_objective;
use stride::core::{Edit, Field, ItemPath, ItemRef, Objective, Status, Value};

/// Spacing and comments as people leave them in hand-edited files.
fn space() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(" ".to_string()),
        Just("".to_string()),
        Just("   ".to_string()),
        Just("\t".to_string())
    ]
}

fn comment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("  # 注释".to_string()),
        Just(" #x".to_string()),
        "[a-z 迁移进度]{0,8}".prop_map(|c| format!(" # {c}")),
    ]
}

fn quoted(s: String) -> impl Strategy<Value = String> {
    prop_oneof![
        Just(format!("\"{s}\"")),
        Just(format!("'{s}'")),
        Just(format!("\"\"\"{s}\"\"\"")),
    ]
}

fn title() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 迁移进度帆软报表网联代收]{1,12}".prop_flat_map(quoted)
}

/// One `key = value` line with random spacing and a trailing comment.
fn line(key: &'static str, value: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (space(), space(), value, comment())
        .prop_map(move |(a, b, v, c)| format!("{key}{a}={b}{v}{c}\n"))
}

fn optional_lines() -> impl Strategy<Value = String> {
    (
        proptest::option::of(line(
            "percent",
            (0u32..=10000)
                .prop_map(|n| {
                    if n % 3 == 0 {
                        format!("{}", n / 100)
                    } else {
                        format!("{}.{:02}", n / 100, n % 100)
                    }
                })
                .prop_filter("in range", |s| s.parse::<f64>().unwrap() <= 100.0),
        )),
        proptest::option::of(line(
            "due",
            (1u32..=28, 1u32..=12).prop_map(|(d, m)| format!("2023-{m:02}-{d:02}")),
        )),
        proptest::option::of(line("owner", "[张三李四ab]{1,4}".prop_flat_map(quoted))),
        proptest::option::of(line(
            "status",
            prop::sample::select(Status::ALL.to_vec()).prop_map(|s| format!("\"{s}\"")),
        )),
    )
        .prop_map(|(a, b, c, d)| [a, b, c, d].into_iter().flatten().collect::<String>())
}

/// A whole objective file: projects of milestones, randomly formatted.
fn objective_file() -> impl Strategy<Value = String> {
    let milestone = (line("title", title()), optional_lines(), comment());
    let project = (
        line("title", title()),
        optional_lines(),
        prop::collection::vec(milestone, 0..4),
    );
    (
        line("title", title()),
        prop::collection::vec(project, 1..4),
        prop::bool::ANY,
    )
        .prop_map(|(otitle, projects, blank_lines)| {
            let gap = if blank_lines { "\n" } else { "" };
            let mut s = format!("# generated{gap}\n{otitle}");
            for (pi, (ptitle, plines, milestones)) in projects.into_iter().enumerate() {
                s.push_str(&format!("{gap}\n[project.p{pi}]\n{ptitle}{plines}"));
                for (mi, (mtitle, mlines, c)) in milestones.into_iter().enumerate() {
                    s.push_str(&format!(
                        "{gap}[project.p{pi}.milestone.m{mi}]{c}\n{mtitle}{mlines}"
                    ));
                }
            }
            s
        })
}

fn parse(text: &str) -> Objective {
    let (o, diags) = parse_objective(Path::new("o.toml"), "o", text);
    assert!(!diags.iter().any(|d| d.is_error()), "{diags:?}\n{text}");
    o.unwrap()
}

fn items(o: &Objective) -> Vec<ItemPath> {
    let mut out = vec![ItemPath::objective("o")];
    for p in &o.projects {
        out.push(ItemPath::project("o", &p.id));
        for m in &p.milestones {
            out.push(ItemPath::milestone("o", &p.id, &m.id));
        }
    }
    out
}

fn get<'a>(o: &'a Objective, path: &ItemPath) -> ItemRef<'a> {
    let Some(pid) = &path.project else {
        return ItemRef::Objective(o);
    };
    let p = o.projects.iter().find(|p| &p.id == pid).unwrap();
    let Some(mid) = &path.milestone else {
        return ItemRef::Project(p);
    };
    ItemRef::Milestone(p.milestones.iter().find(|m| &m.id == mid).unwrap(), p)
}

fn edit_value() -> impl Strategy<Value = (Field, Option<Value>)> {
    prop_oneof![
        (0u32..=10000).prop_map(|n| (Field::Percent, Some(Value::Number(n as f64 / 100.0)))),
        Just((Field::Percent, None)),
        prop::sample::select(Status::ALL.to_vec())
            .prop_map(|s| (Field::Status, Some(Value::Status(s)))),
        (1u32..=28).prop_map(|d| (
            Field::Due,
            Some(Value::Date(NaiveDate::from_ymd_opt(2024, 2, d).unwrap()))
        )),
        Just((Field::Due, None)),
        "[a-z张三\"'\\\\ ]{0,10}".prop_map(|s| (Field::Owner, Some(Value::Text(s)))),
        "[a-z迁移\n\"]{1,10}".prop_map(|s| (Field::Note, Some(Value::Text(s)))),
        Just((Field::Owner, None)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn saving_an_unchanged_document_is_byte_for_byte(text in objective_file()) {
        parse(&text);
        prop_assert_eq!(edit_text(&text, &[]).unwrap(), text);
    }

    #[test]
    fn set_then_load_returns_the_value_and_nothing_else_changes(
        text in objective_file(),
        pick in any::<prop::sample::Index>(),
        (field, value) in edit_value(),
    ) {
        let before = parse(&text);
        let paths = items(&before);
        let path = paths[pick.index(paths.len())].clone();
        let edit = Edit { path: path.clone(), field, value: value.clone() };
        let out = edit_text(&text, std::slice::from_ref(&edit)).unwrap();
        let after = parse(&out);

        // the edited field holds the value that was set
        let f = get(&after, &path).fields().clone();
        let got = match field {
            Field::Percent => f.percent.map(Value::Number),
            Field::Status => f.status.map(Value::Status),
            Field::Due => f.due.map(Value::Date),
            Field::Owner => f.owner.as_deref().map(|s| Value::Text(s.into())),
            Field::Note => f.note.as_deref().map(|s| Value::Text(s.into())),
            _ => unreachable!(),
        };
        prop_assert_eq!(got, value);

        // every other item and field is as it was
        let mut expected = before.clone();
        let mut model = stride::core::Portfolio { objectives: vec![expected.clone()], ..Default::default() };
        model.files.push(stride::core::model::SourceFile { path: "o.toml".into(), fingerprint: 0, loaded: true, diagnostics: vec![], plain: false, conflicts: Vec::new() });
        if model.apply(&edit).is_ok() {
            expected = model.objectives.remove(0);
            prop_assert_eq!(&after, &expected);
        }

        // and lines not touched by the edit are kept as they were
        let kept = text.lines().filter(|l| !out.contains(l)).count();
        prop_assert!(kept <= 1, "more than one line changed:\n{}\n---\n{}", text, out);
    }
}
