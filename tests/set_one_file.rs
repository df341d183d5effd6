//! `stride set` reads and writes the one objective file it edits (and the
//! week's history file, where only that objective's lines change): what it
//! writes is what the whole-folder path wrote, byte for byte.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{json_list, sample_with, stride_on};
use stride::core::{Edit, Field, ItemPath, Value, history, load_dir, progress};

const TODAY: &str = "2023-06-20";
const WEEK: &str = "history/2023-W25.toml";

/// Every file of `dir` (and of `history/`) by name, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for sub in ["", "history"] {
        for e in fs::read_dir(dir.join(sub)).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_file() {
                let name = format!("{sub}/{}", e.file_name().to_string_lossy());
                out.insert(name, fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

/// What `set` did before it read one file: the whole folder loaded, the
/// edits committed, the whole state recorded.
fn full_load_set(dir: &Path, edits: Vec<Edit>) {
    let today = common::today();
    let mut p = load_dir(dir).unwrap();
    let edits = progress::consistent(&p, edits);
    p.commit(&edits).unwrap();
    history::record(&p, today).unwrap();
}

fn edit(path: &str, field: Field, value: Value) -> Edit {
    Edit {
        path: ItemPath::parse(path).unwrap(),
        field,
        value: Some(value),
    }
}

/// The CLI options of an edit, for the binary.
fn set(dir: &Path, path: &str, args: &[&str]) -> String {
    let out = stride_on(dir, TODAY)
        .arg("set")
        .arg(path)
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    String::from_utf8(out.stdout).unwrap()
}

/// The lines of the week's file, by key (the text before ` = `).
fn lines(dir: &Path) -> BTreeMap<String, String> {
    fs::read_to_string(dir.join(WEEK))
        .unwrap()
        .lines()
        .filter_map(|l| Some((l.split_once(" = ")?.0.to_string(), l.to_string())))
        .collect()
}

#[test]
fn set_writes_what_the_whole_folder_path_wrote_byte_for_byte() {
    let one = sample_with("zh", true);
    let whole = sample_with("zh", true);
    // files with warnings (set reads them a section at a time, dropping
    // the warnings; the model and the save must be the same)
    for dir in [one.path(), whole.path()] {
        for (file, header) in [
            ("o2-upgrade.toml", "[project.pos.milestone.rengu]\n"),
            ("o1-business.toml", "[project.mortgage.milestone.prd]\n"),
        ] {
            let text = fs::read_to_string(dir.join(file)).unwrap();
            assert!(text.contains(header));
            let text = text.replace(header, &format!("{header}blocker = \"x\"\n"));
            fs::write(dir.join(file), text).unwrap();
        }
    }
    let check = stride_on(one.path(), TODAY).arg("check").output().unwrap();
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(said.contains("2 warnings"), "{said}");
    let steps: [(&str, &[&str], Field, Value); 5] = [
        // the first of the week: no file of this week yet
        (
            "o1-business/easypay/fixes",
            &["--percent", "42"],
            Field::Percent,
            Value::Number(42.0),
        ),
        // then only the objective's lines change
        (
            "o2-upgrade/pos/rengu",
            &["--percent", "13.5"],
            Field::Percent,
            Value::Number(13.5),
        ),
        (
            "o2-upgrade/account",
            &["--status", "blocked"],
            Field::Status,
            Value::Status(stride::core::Status::Blocked),
        ),
        (
            "o3-stability/availability",
            &["--value", "99.5"],
            Field::Value,
            Value::Number(99.5),
        ),
        (
            "o1-business/mortgage/prd",
            &["--owner", "王五"],
            Field::Owner,
            Value::Text("王五".into()),
        ),
    ];
    for (path, args, field, value) in steps {
        set(one.path(), path, args);
        full_load_set(whole.path(), vec![edit(path, field, value)]);
        assert_eq!(files(one.path()), files(whole.path()), "after {path}");
    }
    // a week's file that is not as stride writes it is written whole again
    for dir in [one.path(), whole.path()] {
        let mut text = fs::read_to_string(dir.join(WEEK)).unwrap();
        text.push_str("# a note by hand\n");
        fs::write(dir.join(WEEK), text).unwrap();
    }
    set(one.path(), "o2-upgrade/pos/rengu", &["--percent", "14"]);
    full_load_set(
        whole.path(),
        vec![edit(
            "o2-upgrade/pos/rengu",
            Field::Percent,
            Value::Number(14.0),
        )],
    );
    assert_eq!(files(one.path()), files(whole.path()));
    assert!(
        !fs::read_to_string(one.path().join(WEEK))
            .unwrap()
            .contains("by hand")
    );
}

#[test]
fn only_the_changed_items_lines_of_the_week_change() {
    let dir = sample_with("en", true);
    // the week's file, written by a first edit
    set(dir.path(), "o2-upgrade/pos/rengu", &["--percent", "10"]);
    let before = lines(dir.path());
    let text_before = fs::read_to_string(dir.path().join(WEEK)).unwrap();
    set(dir.path(), "o2-upgrade/pos/rengu", &["--percent", "90"]);
    let after = lines(dir.path());
    let changed: Vec<&str> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .map(|(k, _)| k.as_str())
        .collect();
    // the milestone and the two it rolls up into
    assert_eq!(
        changed,
        [
            "\"o2-upgrade\"",
            "\"o2-upgrade/pos\"",
            "\"o2-upgrade/pos/rengu\""
        ]
    );
    assert_eq!(before.len(), after.len());
    // every other line as it was, in its place
    let text_after = fs::read_to_string(dir.path().join(WEEK)).unwrap();
    let kept = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| !l.starts_with("\"o2-upgrade\"") && !l.starts_with("\"o2-upgrade/pos"))
            .map(String::from)
            .collect()
    };
    assert_eq!(kept(&text_before), kept(&text_after));
    assert!(after["\"o2-upgrade/pos/rengu\""].contains("percent = 90"));
}

#[test]
fn a_broken_other_objective_is_not_sets_business() {
    let dir = sample_with("en", true);
    set(dir.path(), "o1-business/easypay/fixes", &["--percent", "5"]);
    let broken = "title = \"Upgrade\"\n[project.pos\npercent = 5\n";
    fs::write(dir.path().join("o2-upgrade.toml"), broken).unwrap();
    let before = lines(dir.path());
    // no word about the other file (set asserts an empty stderr)
    let out = set(
        dir.path(),
        "o1-business/easypay/fixes",
        &["--percent", "77"],
    );
    assert!(out.contains("77%"), "{out}");
    assert_eq!(
        fs::read_to_string(dir.path().join("o2-upgrade.toml")).unwrap(),
        broken
    );
    let after = lines(dir.path());
    // the broken objective's recorded lines are kept
    let of = |m: &BTreeMap<String, String>, p: &str| -> Vec<String> {
        m.iter()
            .filter(|(k, _)| k.starts_with(p))
            .map(|(_, v)| v.clone())
            .collect()
    };
    assert!(!of(&before, "\"o2-upgrade").is_empty());
    assert_eq!(of(&before, "\"o2-upgrade"), of(&after, "\"o2-upgrade"));
    assert!(after["\"o1-business/easypay/fixes\""].contains("percent = 77"));
    // the edited file's own problems still refuse the edit, with their place
    fs::write(
        dir.path().join("o1-business.toml"),
        "title = \"B\"\n[project.easypay]\ntitle = \"E\"\npercent = \"x\"\n",
    )
    .unwrap();
    let out = stride_on(dir.path(), TODAY)
        .args(["set", "o1-business/easypay", "--percent", "3"])
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("o1-business.toml:4:"), "{err}");
    assert!(!err.contains("o2-upgrade"), "{err}");
}

#[test]
fn the_figures_set_prints_are_the_whole_folders() {
    let dir = sample_with("en", true);
    let out = set(dir.path(), "o2-upgrade", &["--owner", "Li"]);
    let rows = json_list(dir.path(), TODAY, &[]);
    let row = rows.iter().find(|r| r["path"] == "o2-upgrade").unwrap();
    let percent = row["percent"].as_f64().unwrap();
    let status = row["status"].as_str().unwrap();
    let shown = stride::core::text::percent(percent);
    assert!(out.contains(&format!("percent  {shown}%")), "{out}\n{row}");
    assert!(out.contains(&format!("status   {status}")), "{out}\n{row}");
}
