//! Tests of edits: applied to the model, changes with their inverses, and
//! edits written into TOML text.

/// Field edits applied to the model.
mod fields {
    use chrono::NaiveDate;

    use crate::core::edit::{Edit, Field, Value, round_percent};
    use crate::core::model::{ItemPath, Portfolio};

    fn portfolio() -> Portfolio {
        crate::core::load::portfolio_of(
            "title='O'\n[project.p]\ntitle='P'\nstages=['a','b']\n[project.p.milestone.m]\ntitle='M'\nstage='a'\ntotal=10\ndone=2\nstart=2023-06-01\n",
        )
    }

    fn m() -> ItemPath {
        ItemPath::milestone("o", "p", "m")
    }

    #[test]
    fn apply_returns_the_inverse_edit() {
        let mut p = portfolio();
        let edit = Edit::set(m(), Field::Percent, Value::Number(40.0));
        let undo = p.apply(&edit).unwrap();
        assert_eq!(undo, Edit::remove(m(), Field::Percent));
        assert_eq!(p.get(&m()).unwrap().percent(), 40.0);
        assert_eq!(p.get(&ItemPath::project("o", "p")).unwrap().percent(), 40.0);
        p.apply(&undo).unwrap();
        assert_eq!(p.get(&m()).unwrap().percent(), 20.0, "back to done/total");
        let undo = p
            .apply(&Edit::set(m(), Field::Stage, Value::Text("b".into())))
            .unwrap();
        assert_eq!(undo.value, Some(Value::Text("a".into())));
    }

    #[test]
    fn invalid_edits_are_refused_and_change_nothing() {
        let mut p = portfolio();
        let before = p.objectives.clone();
        let cases = [
            (
                Edit::set(m(), Field::Percent, Value::Number(120.0)),
                "percent 120 is outside 0..100",
            ),
            (
                Edit::set(m(), Field::Stage, Value::Text("z".into())),
                "unknown stage `z`; the stages are: a, b",
            ),
            (
                Edit::set(m(), Field::Done, Value::Count(11)),
                "done (11) would be greater than total (10)",
            ),
            (
                Edit::set(
                    m(),
                    Field::Due,
                    Value::Date(NaiveDate::from_ymd_opt(2023, 5, 1).unwrap()),
                ),
                "due 2023-05-01 would be before start 2023-06-01",
            ),
            (
                Edit::remove(m(), Field::Title),
                "`title` is required and cannot be removed",
            ),
            (
                Edit::set(
                    ItemPath::project("o", "p"),
                    Field::Stage,
                    Value::Text("a".into()),
                ),
                "`stage` is a milestone field; `o/p` is a project",
            ),
            (
                Edit::set(
                    ItemPath::milestone("o", "p", "x"),
                    Field::Percent,
                    Value::Number(1.0),
                ),
                "no item `o/p/x`",
            ),
        ];
        for (edit, message) in cases {
            assert_eq!(p.apply(&edit).unwrap_err().to_string(), message);
        }
        assert_eq!(p.objectives, before);
    }

    #[test]
    fn rounding_keeps_two_decimals() {
        assert_eq!(round_percent(95.456), 95.46);
        assert_eq!(round_percent(0.1 + 0.2), 0.3);
    }
}

/// Changes of every kind, applied to model and document, and undone.
mod changes {
    use toml_edit::DocumentMut;

    use crate::core::edit::document::apply_to_document;
    use crate::core::edit::{Change, Edit, Field, Value};
    use crate::core::model::{Incident, ItemPath, Portfolio};

    const TEXT: &str = "title = 'o'\n[project.a]\ntitle = 'A'\npercent = 55.0 # keep\n[project.a.milestone.x]\ntitle = 'X' # c\n\n# before b\n[project.b]\ntitle = 'B'\n";

    fn portfolio(text: &str) -> Portfolio {
        crate::core::load::portfolio_of(text)
    }

    /// Applies to model and document, returning the completed inverse and the text.
    fn run(p: &mut Portfolio, text: &str, change: &Change) -> (Change, String) {
        let mut inverse = p.apply_change(change).unwrap();
        let mut doc: DocumentMut = text.parse().unwrap();
        apply_to_document(&mut doc, change, Some(&mut inverse)).unwrap();
        (inverse, doc.to_string())
    }

    #[test]
    fn undoing_a_field_edit_restores_the_exact_text() {
        let mut p = portfolio(TEXT);
        let change = Change::field(Edit::set(
            ItemPath::project("o", "a"),
            Field::Percent,
            Value::Number(60.0),
        ));
        let (inverse, text) = run(&mut p, TEXT, &change);
        assert!(text.contains("percent = 60 # keep"));
        let (_, back) = run(&mut p, &text, &inverse);
        assert_eq!(back, TEXT, "55.0 comes back as 55.0, not 55");
        assert_eq!(p.get(&ItemPath::project("o", "a")).unwrap().percent(), 55.0);
    }

    #[test]
    fn removing_a_key_and_undoing_puts_it_back_in_its_place_with_its_comment() {
        let text = "title = 'o'\n[project.a]\ntitle   = 'A'\nstatus  = \"blocked\"   # why\nowner   = '张三'\n";
        let mut p = portfolio(text);
        let path = ItemPath::project("o", "a");
        let (inverse, removed) = run(
            &mut p,
            text,
            &Change::field(Edit::remove(path.clone(), Field::Status)),
        );
        assert_eq!(removed, text.replace("status  = \"blocked\"   # why\n", ""));
        let (_, back) = run(&mut p, &removed, &inverse);
        assert_eq!(back, text);
    }

    #[test]
    fn incidents_are_added_edited_and_undone_byte_for_byte() {
        let text = "title = 'o'\n\n[[incident]]\nat = 2023-06-15T11:01:00   # 发现\ngrade = \"C\"\ntitle = \"账户流水金额差异\"\n";
        let mut p = portfolio(text);
        let o = ItemPath::objective("o");
        let mut edited = p.objectives[0].incidents[0].clone();
        edited.resolved =
            chrono::NaiveDateTime::parse_from_str("2023-06-15T15:57:00", "%Y-%m-%dT%H:%M:%S").ok();
        let change = Change::Incident {
            path: o.clone(),
            index: 0,
            incident: Some(Box::new(edited)),
            insert: false,
            restore: None,
        };
        let (inverse, out) = run(&mut p, text, &change);
        assert_eq!(out, format!("{text}resolved = 2023-06-15T15:57:00\n"));
        let (_, back) = run(&mut p, &out, &inverse);
        assert_eq!(back, text);

        let new = Incident {
            at: chrono::NaiveDateTime::parse_from_str("2023-06-16T14:35:00", "%Y-%m-%dT%H:%M:%S")
                .unwrap(),
            title: "502 告警".into(),
            business_impact: true,
            ..Default::default()
        };
        let add = Change::Incident {
            path: o.clone(),
            index: 1,
            incident: Some(Box::new(new)),
            insert: true,
            restore: None,
        };
        let (inverse, out) = run(&mut p, text, &add);
        assert_eq!(
            out,
            format!(
                "{text}\n[[incident]]\nat = 2023-06-16T14:35:00\ntitle = \"502 告警\"\nbusiness_impact = true\n"
            )
        );
        assert_eq!(p.objectives[0].incidents.len(), 2);
        let (_, back) = run(&mut p, &out, &inverse);
        assert_eq!(back, text);
        // an incident resolved before it happened is refused
        let mut bad = p.objectives[0].incidents[0].clone();
        bad.resolved =
            chrono::NaiveDateTime::parse_from_str("2023-06-15T10:00:00", "%Y-%m-%dT%H:%M:%S").ok();
        let err = p
            .apply_change(&Change::Incident {
                path: o,
                index: 0,
                incident: Some(Box::new(bad)),
                insert: false,
                restore: None,
            })
            .unwrap_err();
        assert!(
            err.to_string().contains("is before the incident's time"),
            "{err}"
        );
    }

    #[test]
    fn removing_and_restoring_an_item_is_byte_for_byte() {
        for path in [
            ItemPath::milestone("o", "a", "x"),
            ItemPath::project("o", "b"),
        ] {
            let mut p = portfolio(TEXT);
            let before = p.objectives.clone();
            let (inverse, text) = run(&mut p, TEXT, &Change::Remove { path: path.clone() });
            assert!(p.get(&path).is_none());
            assert!(text.len() < TEXT.len());
            let (_, back) = run(&mut p, &text, &inverse);
            assert_eq!(back, TEXT);
            assert_eq!(p.objectives, before);
        }
    }

    #[test]
    fn a_removed_item_goes_back_between_its_siblings_after_the_file_is_read_again() {
        let text = "title = 'o'\n[project.a]\ntitle = 'A'\n[project.a.milestone.x]\ntitle = 'X'\n\n# y!\n[project.a.milestone.y]\ntitle = 'Y'\n[project.a.milestone.z]\ntitle = 'Z'\n[project.b]\ntitle = 'B'\n[project.b.milestone.w]\ntitle = 'W'\n";
        for path in [
            ItemPath::milestone("o", "a", "y"),
            ItemPath::milestone("o", "a", "x"),
            ItemPath::milestone("o", "a", "z"),
            ItemPath::project("o", "a"),
            ItemPath::project("o", "b"),
        ] {
            let mut p = portfolio(text);
            // run() parses the text anew each time, as a save does
            let (inverse, removed) = run(&mut p, text, &Change::Remove { path: path.clone() });
            let (_, back) = run(&mut p, &removed, &inverse);
            assert_eq!(back, text, "{path}");
        }
    }

    #[test]
    fn adding_a_milestone_places_it_after_its_siblings() {
        let mut p = portfolio(TEXT);
        let path = ItemPath::milestone("o", "a", "新");
        let add = Change::Add {
            path: path.clone(),
            title: "迁移".into(),
            restore: None,
        };
        let (inverse, text) = run(&mut p, TEXT, &add);
        assert_eq!(
            text,
            TEXT.replace(
                "title = 'X' # c\n",
                "title = 'X' # c\n\n[project.a.milestone.\"新\"]\ntitle = \"迁移\"\n"
            )
        );
        assert_eq!(p.get(&path).unwrap().fields().title, "迁移");
        let (_, back) = run(&mut p, &text, &inverse);
        assert_eq!(back, TEXT);
        // a project without milestones gets its first one
        let (_, text) = run(
            &mut p,
            TEXT,
            &Change::Add {
                path: ItemPath::milestone("o", "b", "m"),
                title: "M".into(),
                restore: None,
            },
        );
        assert!(
            text.ends_with("[project.b]\ntitle = 'B'\n\n[project.b.milestone.m]\ntitle = \"M\"\n"),
            "{text}"
        );
    }

    #[test]
    fn bad_additions_are_refused() {
        let p = portfolio(TEXT);
        let check =
            |path: ItemPath, title: &str| p.check_add(&path, title).unwrap_err().to_string();
        assert_eq!(
            check(ItemPath::milestone("o", "a", "x"), "T"),
            "`o/a/x` already exists"
        );
        assert_eq!(
            check(ItemPath::milestone("o", "a", " x"), "T"),
            "id ` x` must not start or end with a space"
        );
        assert_eq!(
            check(ItemPath::milestone("o", "a", "y"), " "),
            "a title is required"
        );
        assert_eq!(
            check(ItemPath::milestone("o", "zz", "y"), "T"),
            "no item `o/zz`"
        );
        assert_eq!(
            check(ItemPath::objective("n"), "T"),
            "objectives are files: add one with `stride add ID --title T`"
        );
    }
}

/// Edits written into TOML text.
mod text {
    use crate::core::edit::document::edit_text;
    use crate::core::edit::{Edit, Field, Value};
    use crate::core::model::{ItemPath, Status};

    const FILE: &str = r#"# the objective
title = "O2"   # title comment

[project.hive]   # hive!
title = "HIVE"
percent   =   97    # explicit
  due = 2023-06-30

# a milestone
[project.hive.milestone.migration]
title = 'migration'
percent = 95.46 # of 164
"#;

    fn mig() -> ItemPath {
        ItemPath::milestone("o2", "hive", "migration")
    }

    #[test]
    fn replacing_a_value_keeps_everything_around_it() {
        let out = edit_text(
            FILE,
            &[Edit::set(mig(), Field::Percent, Value::Number(96.0))],
        )
        .unwrap();
        assert_eq!(out, FILE.replace("95.46 # of 164", "96 # of 164"));
        let out = edit_text(
            FILE,
            &[Edit::set(
                ItemPath::project("o2", "hive"),
                Field::Percent,
                Value::Number(97.5),
            )],
        )
        .unwrap();
        assert_eq!(out, FILE.replace("=   97    #", "=   97.5    #"));
    }

    #[test]
    fn adding_a_key_appends_it_to_its_own_table() {
        let out = edit_text(
            FILE,
            &[Edit::set(
                ItemPath::project("o2", "hive"),
                Field::Status,
                Value::Status(Status::AtRisk),
            )],
        )
        .unwrap();
        assert_eq!(
            out,
            FILE.replace(
                "  due = 2023-06-30\n",
                "  due = 2023-06-30\nstatus = \"at_risk\"\n"
            )
        );
    }

    #[test]
    fn removing_a_key_removes_its_line() {
        let out = edit_text(
            FILE,
            &[Edit::remove(ItemPath::project("o2", "hive"), Field::Due)],
        )
        .unwrap();
        assert_eq!(out, FILE.replace("  due = 2023-06-30\n", ""));
    }

    #[test]
    fn dates_are_written_bare() {
        let d = chrono::NaiveDate::from_ymd_opt(2023, 7, 4).unwrap();
        let out = edit_text(FILE, &[Edit::set(mig(), Field::Due, Value::Date(d))]).unwrap();
        assert!(
            out.ends_with("percent = 95.46 # of 164\ndue = 2023-07-04\n"),
            "{out}"
        );
    }

    #[test]
    fn inline_and_dotted_tables_are_edited_in_place() {
        let text = "title = 'o'\nproject.a = { title = 'A', percent = 5 }\n[project.b.milestone]\nm = { title = 'M' }\n";
        let out = edit_text(
            text,
            &[
                Edit::set(
                    ItemPath::project("o", "a"),
                    Field::Percent,
                    Value::Number(10.0),
                ),
                Edit::set(
                    ItemPath::milestone("o", "b", "m"),
                    Field::Owner,
                    Value::Text("张三".into()),
                ),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            "title = 'o'\nproject.a = { title = 'A', percent = 10 }\n[project.b.milestone]\nm = { title = 'M' , owner = \"张三\" }\n"
        );
    }

    #[test]
    fn a_missing_item_is_an_error() {
        let err = edit_text(
            FILE,
            &[Edit::remove(ItemPath::project("o2", "nope"), Field::Due)],
        )
        .unwrap_err();
        assert_eq!(err, "`o2/nope` is not in the file any more");
    }
}
