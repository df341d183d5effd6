use super::*;

const EN: Strings = Strings { lang: Language::En };
const ZH: Strings = Strings { lang: Language::Zh };

#[test]
fn english_statuses_are_words_and_chinese_ones_are_the_teams() {
    let en: Vec<&str> = Status::ALL.iter().map(|&s| EN.status(s)).collect();
    assert_eq!(
        en,
        [
            "to do",
            "in progress",
            "blocked",
            "at risk",
            "done",
            "dropped"
        ]
    );
    for s in Status::ALL {
        let zh = ZH.status(s);
        assert!(!zh.is_empty() && !zh.is_ascii(), "{s}: {zh}");
    }
    let zh: Vec<&str> = Status::ALL.iter().map(|&s| ZH.status(s)).collect();
    assert_eq!(
        zh,
        ["未开始", "进行中", "阻断", "有风险", "已完成", "已取消"]
    );
}

#[test]
fn status_badges_fit_the_widest_label() {
    assert_eq!(EN.status_width(), " in progress ".len());
    assert_eq!(ZH.status_width(), width(" 进行中 "));
    for s in Status::ALL {
        assert!(width(ZH.status(s)) + 2 <= ZH.status_width());
    }
}

#[test]
fn english_field_names_are_the_toml_keys() {
    use Field::*;
    for f in [
        Title, Status, Percent, Due, Start, Owner, Weight, Note, Update, Next, Blocker, Tags,
        Stage, Total, Done,
    ] {
        assert_eq!(EN.field(f), f.key());
        assert!(!ZH.field(f).is_ascii(), "{}", f.key());
        assert!(width(ZH.field(f)) < ZH.label_width(), "{}", f.key());
        // the form keeps the key discoverable
        let label = ZH.form_label(f.key(), ZH.field(f));
        assert!(label.ends_with(f.key()), "{label}");
    }
    assert_eq!(EN.form_label("id", EN.get(ID)), "id");
    assert_eq!(ZH.form_label("id", ZH.get(ID)), "编号 id");
}

#[test]
fn english_texts_read_as_before() {
    assert_eq!(EN.projects(1), "1 project");
    assert_eq!(EN.projects(3), "3 projects");
    assert_eq!(EN.milestones_done(1, 0), "1 milestone, 0 done");
    assert_eq!(EN.milestones_done(7, 3), "7 milestones, 3 done");
    assert_eq!(EN.milestones(1), "1 milestone");
    assert_eq!(EN.days_overdue(1), "1 day overdue");
    assert_eq!(EN.late_days("x", 1), "x  1 day");
    assert_eq!(EN.stalled_for("x", 1), "x  1 week");
    assert_eq!(EN.duration(296), "4h56m");
    assert_eq!(ZH.duration(296), "4小时56分钟");
    assert_eq!(ZH.took(296), "耗时4小时56分钟");
    assert!(width(&ZH.duration(23 * 60 + 59)) < ZH.duration_width());
    assert_eq!(EN.due_in(0), "due today");
    assert_eq!(EN.due_in(1), "due tomorrow");
    assert_eq!(EN.due_in(5), "due in 5 days");
    assert_eq!(EN.date_and_week("2023-06-20", 25, 26), "2023-06-20 W26  ");
    assert_eq!(EN.count(1, EN.get(OVERDUE)), "1 overdue  ");
    assert_eq!(
        EN.matches_for(1, "x"),
        "1 match for `x`: n next, N previous"
    );
    assert_eq!(
        EN.matches_for(2, "x"),
        "2 matches for `x`: n next, N previous"
    );
    assert_eq!(
        EN.cannot_edit_broken(WHAT_EDIT, "o.toml"),
        "cannot edit: o.toml has errors; fix it and press R to reload"
    );
}

#[test]
fn chinese_texts_read_like_the_teams_report() {
    assert_eq!(
        ZH.date_and_week("2023-06-20", 25, 26),
        "2023-06-20 第26周  "
    );
    assert_eq!(ZH.days_overdue(4), "逾期4天");
    assert_eq!(ZH.due_slip(7), "截止 +7天");
    assert_eq!(
        ZH.incident_field(crate::tui::form::IncidentField::Action),
        "处置"
    );
    assert_eq!(ZH.due_in(3), "3天后到期");
    assert_eq!(ZH.get(STILL_OVERDUE), "逾期事项");
    assert_eq!(ZH.projects(1), "1 个项目");
    assert_eq!(
        ZH.status_entry('i', Status::InProgress),
        "i  进行中 in_progress"
    );
    assert_eq!(ZH.status_entry('b', Status::Blocked), "b  阻断   blocked");
    let new = crate::core::history::Movement {
        is_new: true,
        ..Default::default()
    };
    assert_eq!(EN.delta(&new), "new");
    assert_eq!(ZH.delta(&new), "新增");
    use crate::core::edit::apply::id_problem;
    let slash = id_problem("a/b").unwrap();
    assert_eq!(EN.id_problem(&slash), "id `a/b` must not contain `/`");
    assert_eq!(ZH.id_problem(&slash), "编号 `a/b` 不能包含 `/`");
    assert_eq!(ZH.id_problem(&id_problem("").unwrap()), "需要填写编号");
    let today = chrono::NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
    let bad = crate::core::dates::parse_relative("x", today).unwrap_err();
    assert!(ZH.date_error(&bad).starts_with("`x` 不是日期"));
}

#[test]
fn every_fixed_text_has_both_languages() {
    let all: &[Text] = &[
        OVERDUE,
        DUE_SOON,
        BLOCKED,
        NEXT_FIELD,
        NOTHING_MATCHES,
        HELP_TITLE,
        FORM_DATES,
        WHAT_EDIT,
        UNDONE,
        MOVED,
        keys::MOVE_DOWN,
        keys::TEXT_KEYS,
    ];
    for (en, zh) in all {
        assert!(!en.is_empty() && !zh.is_empty());
        assert_ne!(en, zh);
    }
}

#[test]
fn english_counts_are_singular_for_one() {
    assert_eq!(EN.days_overdue(2), "2 days overdue");
    assert_eq!(EN.recovered(1), "applied again: 1 edit");
    assert_eq!(EN.recovered(2), "applied again: 2 edits");
    assert!(EN.not_saved_count(1).starts_with("1 edit could not"));
    assert!(
        EN.kept_for_next_start(1, "p")
            .starts_with("stride: 1 unsaved edit kept")
    );
    assert!(
        EN.kept_for_next_start(3, "p")
            .starts_with("stride: 3 unsaved edits kept")
    );
    assert!(EN.filter_on("x", 1).contains("(1 row)"));
    assert!(EN.filter_on("x", 2).contains("(2 rows)"));
    let no_parenthesised_plural = [
        EN.not_saved_count(2),
        EN.recovery_what(1, "p"),
        EN.recovered_but(1, 1, "p", "w"),
        EN.not_kept(1, "w"),
    ];
    for text in no_parenthesised_plural {
        assert!(!text.contains("(s)"), "{text}");
    }
}
