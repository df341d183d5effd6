use super::*;

fn m(base: &str, ours: &str, theirs: &str) -> Merged {
    merge(base, ours, theirs, OnConflict::Mark).unwrap()
}

const BASE: &str = r#"# O2
title = "系统升级"

[project.pos]
title = "POS"  # the rebuild
percent = 80

[project.pos.milestone.rengu]
title = "人谷"
percent = 80
blocker = ""

[project.hive]
title = "Hive"
percent = 97
"#;

#[test]
fn different_fields_of_one_item_merge() {
    let ours = BASE.replace("percent = 80\nblocker", "percent = 90\nblocker");
    let theirs = BASE.replace("blocker = \"\"", "blocker = \"网联测试环境\"");
    let r = m(BASE, &ours, &theirs);
    assert!(r.conflicts.is_empty());
    assert_eq!(
        r.text,
        BASE.replace(
            "percent = 80\nblocker = \"\"",
            "percent = 90\nblocker = \"网联测试环境\""
        )
    );
}

#[test]
fn same_field_two_values_is_marked() {
    let ours = BASE.replace("percent = 97", "percent = 98");
    let theirs = BASE.replace("percent = 97", "percent = 99");
    let r = m(BASE, &ours, &theirs);
    assert_eq!(r.conflicts.len(), 1);
    assert_eq!(r.conflicts[0].key, "percent");
    assert_eq!(r.conflicts[0].table, vec!["project", "hive"]);
    assert!(
        r.text.ends_with(
            "title = \"Hive\"\n<<<<<<< ours\npercent = 98\n=======\npercent = 99\n>>>>>>> theirs\n"
        ),
        "{}",
        r.text
    );
}

#[test]
fn comment_kept_on_conflict_line() {
    let ours = BASE.replace("\"POS\"  # the", "\"POS 1\"  # the");
    let theirs = BASE.replace("\"POS\"  # the", "\"POS 2\"  # the");
    let r = m(BASE, &ours, &theirs);
    assert!(r.text.contains("<<<<<<< ours\ntitle = \"POS 1\"  # the rebuild\n=======\ntitle = \"POS 2\"  # the rebuild\n>>>>>>> theirs\n"), "{}", r.text);
}

#[test]
fn added_tables_on_both_sides_are_kept_in_place() {
    let ours = BASE.replace(
        "[project.hive]",
        "[project.pos.milestone.fusion]\ntitle = \"融合\"\n\n[project.hive]",
    );
    let theirs = format!("{BASE}\n# new\n[project.account]\ntitle = \"账户2.0\"\n");
    let r = m(BASE, &ours, &theirs);
    assert!(r.conflicts.is_empty());
    assert_eq!(
        r.text,
        format!("{}\n# new\n[project.account]\ntitle = \"账户2.0\"\n", ours)
    );
}

#[test]
fn a_milestone_added_by_theirs_follows_its_siblings() {
    let theirs = BASE.replace(
        "[project.hive]",
        "[project.pos.milestone.fusion]\ntitle = \"融合\"\n\n[project.hive]",
    );
    let ours = BASE.replace("percent = 97", "percent = 98");
    let r = m(BASE, &ours, &theirs);
    assert_eq!(r.text, theirs.replace("percent = 97", "percent = 98"));
}

#[test]
fn removal_merges_and_loses_to_a_change() {
    let without_rengu = BASE.replace(
        "[project.pos.milestone.rengu]\ntitle = \"人谷\"\npercent = 80\nblocker = \"\"\n\n",
        "",
    );
    // theirs removed it, ours changed another item: removed
    let ours = BASE.replace("percent = 97", "percent = 98");
    let r = m(BASE, &ours, &without_rengu);
    assert_eq!(
        r.text,
        without_rengu.replace("percent = 97", "percent = 98")
    );
    // theirs removed it, ours changed it: it stays, with our change
    let ours = BASE.replace("blocker = \"\"", "blocker = \"x\"");
    let r = m(BASE, &ours, &without_rengu);
    assert!(r.text.contains("blocker = \"x\""));
}

#[test]
fn incidents_added_on_both_sides_are_all_kept() {
    let base = "title = \"O3\"\n\n[[incident]]\nid = 1\n";
    let ours = format!("{base}\n[[incident]]\nid = 2\n");
    let theirs = format!("{base}\n[[incident]]\nid = 3\n");
    let r = m(base, &ours, &theirs);
    assert!(r.conflicts.is_empty());
    assert_eq!(r.text, format!("{ours}\n[[incident]]\nid = 3\n"));
}

#[test]
fn history_items_merge_and_conflicts_keep_ours() {
    let base = "week = \"2023-W25\"\n\n[items]\n\"a\" = { percent = 1 }\n\"b\" = { percent = 1 }\n\"p\" = { percent = 1 }\n";
    let ours = base
        .replace("\"a\" = { percent = 1 }", "\"a\" = { percent = 5 }")
        .replace("\"p\" = { percent = 1 }", "\"p\" = { percent = 3 }");
    let theirs = base
        .replace("\"b\" = { percent = 1 }", "\"b\" = { percent = 7 }")
        .replace("\"p\" = { percent = 1 }", "\"p\" = { percent = 4 }");
    let r = merge(base, &ours, &theirs, OnConflict::Ours).unwrap();
    assert_eq!(
        r.text,
        ours.replace("\"b\" = { percent = 1 }", "\"b\" = { percent = 7 }")
    );
}

#[test]
fn crlf_markers() {
    let base = "a = 1\r\nb = 2\r\n";
    let r = m(base, "a = 3\r\nb = 2\r\n", "a = 4\r\nb = 2\r\n");
    assert_eq!(
        r.text,
        "<<<<<<< ours\r\na = 3\r\n=======\r\na = 4\r\n>>>>>>> theirs\r\nb = 2\r\n"
    );
}

#[test]
fn a_merged_conflict_reads_back() {
    let base = "[project.hive]\ntitle = \"Hive\"\npercent = 97\nnote = \"n\"\n";
    let r = merge(
        base,
        &base.replace("97", "98"),
        &base.replace("97", "99"),
        OnConflict::Mark,
    )
    .unwrap();
    assert!(has_markers(&r.text));
    let (ours, blocks) = ours_side(&r.text);
    assert_eq!(ours.lines().count(), r.text.lines().count());
    assert_eq!(
        ours,
        "[project.hive]\ntitle = \"Hive\"\n\npercent = 98\n\n\n\nnote = \"n\"\n"
    );
    assert_eq!(blocks.len(), 1);
    let b = &blocks[0];
    assert_eq!((b.first_line, b.last_line), (2, 6));
    assert_eq!(b.table, vec!["project", "hive"]);
    assert_eq!(b.field, Some(("percent".into(), "98".into(), "99".into())));
    assert_eq!(&r.text[b.offset..b.offset + 7], "<<<<<<<");
}

#[test]
fn diff3_blocks_and_unclosed_blocks() {
    let text = "a = 1\n<<<<<<< HEAD\nb = 2\n||||||| base\nb = 0\n=======\nb = 3\n>>>>>>> other\n<<<<<<< x\nc = 1\n";
    let (ours, blocks) = ours_side(text);
    assert_eq!(ours, "a = 1\n\nb = 2\n\n\n\n\n\n\nc = 1\n");
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0].field, Some(("b".into(), "2".into(), "3".into())));
    assert_eq!(blocks[1].last_line, 9);
    assert!(!has_markers("a = \"<<<<<<< not a marker\"\n"));
}

#[test]
fn a_save_edits_around_the_markers() {
    let base = "[project.hive]\ntitle = \"Hive\"\npercent = 97\nnote = \"n\"\n";
    let r = merge(
        base,
        &base.replace("97", "98"),
        &base.replace("97", "99"),
        OnConflict::Mark,
    )
    .unwrap();
    let (_, blocks) = ours_side(&r.text);
    assert_eq!(blocks[0].item("o2"), Some("o2/hive".into()));
    assert_eq!(blocks[0].describe(), "percent 98 (ours) or 99 (theirs)");
    let shielded = shield(&r.text, &blocks);
    assert_eq!(
        shielded,
        "[project.hive]\ntitle = \"Hive\"\n# stride-conflict-0\npercent = 98\nnote = \"n\"\n"
    );
    // another field edited: the block comes back whole
    let edited = shielded.replace("note = \"n\"", "note = \"m\"");
    assert_eq!(
        unshield(&edited, &blocks, |_| false),
        r.text.replace("note = \"n\"", "note = \"m\"")
    );
    // the field itself set: resolved, the tag goes
    let edited = shielded.replace("percent = 98", "percent = 99");
    assert_eq!(
        unshield(&edited, &blocks, |_| true),
        base.replace("97", "99")
    );
}

#[test]
fn a_bom_survives_a_merge() {
    let base = "\u{feff}a = 1\r\nb = 2\r\n";
    let r = m(
        base,
        "\u{feff}a = 3\r\nb = 2\r\n",
        "\u{feff}a = 1\r\nb = 4\r\n",
    );
    assert_eq!(r.text, "\u{feff}a = 3\r\nb = 4\r\n");
    let r = m("a = 1\n", "\u{feff}a = 1\n", "a = 2\n");
    assert_eq!(r.text, "\u{feff}a = 2\n");
}
