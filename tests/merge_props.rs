//! The merge driver's three-way merge against the model: two people's
//! random edit sets on the sample file, merged, equal both sets applied
//! one after the other; the same field set to two values is exactly one
//! marked conflict each, and the rest still merges.

use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;
use stride::core::edit::document::edit_text;
use stride::core::merge::{OnConflict, merge, ours_side};
use stride::core::{Edit, Field, ItemPath, Value};

mod common;

fn base() -> String {
    std::fs::read_to_string(common::data_dir().join("o2-upgrade.toml")).unwrap()
}

/// Every project and milestone of the sample file.
fn items(text: &str) -> Vec<ItemPath> {
    let (o, d) =
        stride::core::load::parse_objective(Path::new("o2-upgrade.toml"), "o2-upgrade", text);
    assert!(d.is_empty(), "{d:?}");
    let o = o.unwrap();
    let mut out = Vec::new();
    for p in &o.projects {
        out.push(ItemPath::project("o2-upgrade", &p.id));
        for m in &p.milestones {
            out.push(ItemPath::milestone("o2-upgrade", &p.id, &m.id));
        }
    }
    out
}

/// An edit drawn as numbers: item, field, value seed, whether it removes.
type Raw = (usize, usize, u32, bool);

const FIELDS: [Field; 6] = [
    Field::Percent,
    Field::Note,
    Field::Owner,
    Field::Due,
    Field::Blocker,
    Field::Update,
];

/// An edit from numbers: which item, which field, which value (or removal).
fn edit(items: &[ItemPath], (item, field, seed, remove): Raw) -> Edit {
    let path = items[item % items.len()].clone();
    let field = FIELDS[field % FIELDS.len()];
    if remove {
        return Edit::remove(path, field);
    }
    let value = match field {
        Field::Percent => Value::Number(f64::from(seed % 10001) / 100.0),
        Field::Due => Value::Date(
            NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + chrono::Days::new(u64::from(seed % 700)),
        ),
        _ => Value::Text(format!("值{seed} \"quoted\" #{seed}")),
    };
    Edit::set(path, field, value)
}

fn table(text: &str) -> toml::Table {
    text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn disjoint_edit_sets_merge_to_both_applied(raw in proptest::collection::vec((0usize..64, 0usize..6, any::<u32>(), proptest::bool::weighted(0.2)), 1..24)) {
        let base = base();
        let items = items(&base);
        // each (item, field) goes to the side that named it first
        let mut side: std::collections::HashMap<(String, Field), usize> = Default::default();
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for (n, r) in raw.iter().enumerate() {
            let e = edit(&items, *r);
            let key = (e.path.to_string(), e.field);
            let s = *side.entry(key).or_insert(n % 2);
            if s == 0 { ours.push(e) } else { theirs.push(e) }
        }
        let our_text = edit_text(&base, &ours).unwrap();
        let their_text = edit_text(&base, &theirs).unwrap();
        let both = edit_text(&our_text, &theirs).unwrap();
        let merged = merge(&base, &our_text, &their_text, OnConflict::Mark).unwrap();
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        prop_assert_eq!(table(&merged.text), table(&both));
        // and it is a file stride reads without a problem
        let (o, d) = stride::core::load::parse_objective(Path::new("o2-upgrade.toml"), "o2-upgrade", &merged.text);
        prop_assert!(o.is_some() && d.iter().all(|d| !d.is_error()), "{:?}", d);
        // the merge is the same seen from the other side
        let mirrored = merge(&base, &their_text, &our_text, OnConflict::Mark).unwrap();
        prop_assert_eq!(table(&mirrored.text), table(&both));
    }

    #[test]
    fn each_field_set_to_two_values_is_one_conflict(raw in proptest::collection::vec((0usize..64, 0usize..3, 1u32..10000, Just(false)), 1..8)) {
        let base = base();
        let items = items(&base);
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        let mut keys = std::collections::HashSet::new();
        for r in &raw {
            let e = edit(&items, *r);
            if keys.insert((e.path.to_string(), e.field)) {
                // theirs: the same field, another value
                let mut t = edit(&items, (r.0, r.1, r.2 + 1, false));
                if t.value == e.value {
                    t = edit(&items, (r.0, r.1, r.2 + 2, false));
                }
                ours.push(e);
                theirs.push(t);
            }
        }
        let our_text = edit_text(&base, &ours).unwrap();
        let their_text = edit_text(&base, &theirs).unwrap();
        let merged = merge(&base, &our_text, &their_text, OnConflict::Mark).unwrap();
        // a side that left the base's value as it was is no conflict
        let changes = |text: &str, e: &Edit| edit_text(text, std::slice::from_ref(e)).unwrap() != text;
        let differ = ours.iter().zip(&theirs).filter(|(o, t)| {
            changes(&base, o) && changes(&base, t) && changes(&our_text, t)
        }).count();
        prop_assert_eq!(merged.conflicts.len(), differ);
        prop_assert_eq!(merged.text.matches("<<<<<<< ours").count(), differ);
        // around the markers, the file reads as our side, with their
        // values where our side left the base's value as it was
        let (ours_read, blocks) = ours_side(&merged.text);
        prop_assert_eq!(blocks.len(), differ);
        let taken: Vec<Edit> = ours.iter().zip(&theirs)
            .filter(|(o, _)| !changes(&base, o))
            .map(|(_, t)| t.clone())
            .collect();
        prop_assert_eq!(table(&ours_read), table(&edit_text(&our_text, &taken).unwrap()));
    }
}
