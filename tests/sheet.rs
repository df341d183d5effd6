//! `list --format csv` and `stride import`: the real binary on temporary
//! folders, and a property test of the round trip.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

mod common;
use common::sample;

fn stride(dir: &Path) -> assert_cmd::Command {
    common::stride_on(dir, "2023-06-20")
}

/// What a successful command printed.
fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn export(dir: &Path) -> String {
    stdout(stride(dir).args(["list", "--format", "csv"]))
}

/// Every file under `dir` with its bytes, to prove nothing was touched.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    if !dir.exists() {
        return all;
    }
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            all.extend(contents(&p));
        } else {
            let bytes = fs::read(&p).unwrap();
            all.push((p, bytes));
        }
    }
    all.sort();
    all
}

/// The CSV's records, read back with the csv crate.
fn records(text: &str) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

const HEADER: &str = "path,kind,title,status,percent,due,start,owner,weight,total,done,stage,stages,tags,update,next,blocker,note,effective_status,effective_percent";

#[test]
fn the_sample_as_csv_has_the_header_a_row_per_item_and_quotes_per_rfc_4180() {
    let dir = sample();
    stride(dir.path())
        .args([
            "set",
            "o1-business/channels/netsunion",
            "--note",
            "网联说 \"等环境\", 然后\n再联调",
        ])
        .assert()
        .success();
    let csv = export(dir.path());
    assert!(csv.starts_with(&format!("{HEADER}\r\n")), "{csv}");
    let items = common::json_list(dir.path(), "2023-06-20", &[]).len();
    let rows = records(&csv);
    assert_eq!(rows.len(), items + 1);
    assert_eq!(items, 54);
    // the note with a comma, quotes and a line break, quoted and doubled
    assert!(
        csv.contains("\"网联说 \"\"等环境\"\", 然后\n再联调\""),
        "{csv}"
    );
    let row = rows
        .iter()
        .find(|r| &r[0] == "o1-business/channels/netsunion")
        .unwrap();
    let cells: Vec<&str> = row.iter().collect();
    assert_eq!(
        cells,
        [
            "o1-business/channels/netsunion",
            "milestone",
            "网联代收",
            "blocked",
            "",
            "2023-06-16",
            "",
            "郑十",
            "",
            "",
            "",
            "联调",
            "",
            "",
            "与网联联调中，完成快捷认证、快捷签约、签约查询接口联调",
            "",
            "解约接口由于网联测试环境问题阻断中",
            "网联说 \"等环境\", 然后\n再联调",
            "blocked",
            "60",
        ]
    );
    // a derived status and percent are empty; the computed columns say them
    let fixes = rows
        .iter()
        .find(|r| &r[0] == "o1-business/easypay/fixes")
        .unwrap();
    assert_eq!((&fixes[3], &fixes[4]), ("", ""));
    assert_eq!((&fixes[18], &fixes[19]), ("in_progress", "28.57"));
    let channels = rows
        .iter()
        .find(|r| &r[0] == "o1-business/channels")
        .unwrap();
    assert_eq!(&channels[12], "开发, 测试, 联调, 上线, 投产");
}

#[test]
fn filters_of_list_apply_to_csv() {
    let dir = sample();
    let csv = stdout(stride(dir.path()).args(["list", "--format", "csv", "--overdue"]));
    let rows = records(&csv);
    let paths: Vec<&str> = rows.iter().skip(1).map(|r| &r[0]).collect();
    assert_eq!(paths, ["o1-business/channels/netsunion"]);
}

#[test]
fn import_into_an_empty_folder_lists_as_the_sample_does() {
    let dir = sample();
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("sample.csv");
    fs::write(&file, export(dir.path())).unwrap();
    let new = root.path().join("new");
    let out = stdout(stride(&new).arg("import").arg(&file));
    assert!(out.ends_with("54 items added, 140 fields set\n"), "{out}");
    assert!(out.contains("add objective o2-upgrade (o2-upgrade.toml): O2 系统升级\n"));
    for args in [vec!["list"], vec!["list", "--format", "json"]] {
        assert_eq!(
            stdout(stride(dir.path()).args(&args)),
            stdout(stride(&new).args(&args)),
            "{args:?}"
        );
    }
    // the same file again changes nothing, and says so
    let before = contents(&new);
    let again = stdout(stride(&new).arg("import").arg(&file));
    assert!(again.starts_with("nothing to change"), "{again}");
    assert_eq!(contents(&new), before);
}

#[test]
fn import_of_its_own_export_leaves_the_sample_byte_for_byte() {
    let dir = sample();
    let before = contents(dir.path());
    let file = dir.path().join("..").join(format!(
        "{}.csv",
        dir.path().file_name().unwrap().to_string_lossy()
    ));
    fs::write(&file, export(dir.path())).unwrap();
    let out = stdout(stride(dir.path()).arg("import").arg(&file));
    fs::remove_file(&file).unwrap();
    assert!(out.starts_with("nothing to change"), "{out}");
    assert_eq!(contents(dir.path()), before);
}

#[test]
fn import_sets_what_differs_keeping_comments_and_reads_bom_crlf_and_any_column_order() {
    let dir = sample();
    let csv = "\u{feff}due,path,note,owner\r\n\
               2023-07-07,o1-business/easypay/fixes,\"两行\r\n说明\",\r\n\
               ,o1-business/easypay,,赵六\r\n";
    let file = dir.path().join("..").join("bom-crlf.csv");
    fs::write(&file, csv).unwrap();
    let out = stdout(stride(dir.path()).arg("import").arg(&file));
    fs::remove_file(&file).unwrap();
    assert_eq!(
        out,
        "  o1-business/easypay: due 2023-06-30 → (none)\n  \
         o1-business/easypay/fixes: due 2023-06-30 → 2023-07-07\n  \
         o1-business/easypay/fixes: note \"产运研针对开户失败原因（地址填写、存量用户手机验证码不一致）分析产出\" → \"两行␊说明\"\n\
         0 items added, 3 fields set\n"
    );
    let text = fs::read_to_string(dir.path().join("o1-business.toml")).unwrap();
    assert!(text.contains("done  = 4                              # 本周上线4项 → 进度 = 4/14"));
    assert!(text.contains("due   = 2023-07-07"), "{text}");
    let rows = common::json_list(dir.path(), "2023-06-20", &[]);
    let fixes = rows
        .iter()
        .find(|r| r["path"] == "o1-business/easypay/fixes")
        .unwrap();
    assert_eq!(fixes["due"], "2023-07-07");
    assert_eq!(fixes["owner"], serde_json::Value::Null);
    let easypay = rows
        .iter()
        .find(|r| r["path"] == "o1-business/easypay")
        .unwrap();
    assert_eq!(easypay["due"], serde_json::Value::Null);
    assert_eq!(easypay["owner"], "赵六");
}

#[test]
fn bad_rows_are_reported_with_their_lines_and_nothing_is_touched() {
    let dir = sample();
    let before = contents(dir.path());
    let csv = "path,title,due,percent\n\
               o9,新目标,,\n\
               o9/p,项目,2023-13-01,\n\
               o8/x,无父项,,\n\
               o9/p/m,里程碑,,eighty\n\
               o1-business/easypay/fixes,开户优化需求,,120\n";
    let file = dir.path().join("..").join("import.csv");
    fs::write(&file, csv).unwrap();
    let assert = stride(dir.path())
        .arg("import")
        .arg(&file)
        .assert()
        .failure();
    fs::remove_file(&file).unwrap();
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let name = file.display().to_string();
    for line in [
        format!("{name}:3: due: 2023-13-01 is not a date"),
        format!("{name}:4: path: no objective o8: give its row too (parents before children)"),
        format!("{name}:5: percent: eighty is not a number"),
        format!("{name}:6: percent: 120 is outside 0..100"),
        format!("nothing was imported: 4 problems in {name}"),
    ] {
        assert!(err.contains(&line), "{line}\n{err}");
    }
    assert_eq!(contents(dir.path()), before);
}

#[test]
fn unknown_columns_are_named_and_nothing_is_touched() {
    let dir = sample();
    let before = contents(dir.path());
    let file = dir.path().join("..").join("unknown.csv");
    fs::write(&file, "path,title,colour,负责人\no9,新目标,red,张三\n").unwrap();
    let assert = stride(dir.path())
        .arg("import")
        .arg(&file)
        .assert()
        .failure();
    fs::remove_file(&file).unwrap();
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains(":1: unknown columns `colour`, `负责人` (the columns are: path, kind, title,"),
        "{err}"
    );
    assert_eq!(contents(dir.path()), before);
    assert!(!dir.path().join("o9.toml").exists());
}

#[test]
fn dry_run_prints_the_changes_and_writes_nothing() {
    let dir = sample();
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("s.csv");
    fs::write(&file, export(dir.path())).unwrap();
    let new = root.path().join("new");
    let out = stdout(stride(&new).args(["import", "--dry-run"]).arg(&file));
    assert!(out.contains("add milestone o1-business/channels/netsunion: 网联代收\n"));
    assert!(out.contains("  o1-business/channels/netsunion: due (none) → 2023-06-16\n"));
    assert!(out.ends_with("54 items added, 140 fields set (dry run: nothing written)\n"));
    assert!(!new.exists());
    // into an existing folder too
    let before = contents(dir.path());
    fs::write(&file, "path,owner\no1-business,李四\n").unwrap();
    let out = stdout(stride(dir.path()).args(["import", "--dry-run"]).arg(&file));
    assert_eq!(
        out,
        "  o1-business: owner \"张三\" → \"李四\"\n0 items added, 1 field set (dry run: nothing written)\n"
    );
    assert_eq!(contents(dir.path()), before);
}

#[test]
fn children_before_parents_are_sorted_by_depth() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("s.csv");
    fs::write(
        &file,
        "path,title,stages,stage,total,done\n\
         o/p/m,里程碑,,测试,10,3\n\
         o/p,项目,\"开发, 测试\",,,\n\
         o,目标,,,,\n",
    )
    .unwrap();
    let new = root.path().join("new");
    stride(&new).arg("import").arg(&file).assert().success();
    let rows = common::json_list(&new, "2023-06-20", &[]);
    let paths: Vec<&str> = rows.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["o", "o/p", "o/p/m"]);
    assert_eq!(rows[2]["percent"], 30.0);
    let text = fs::read_to_string(new.join("o.toml")).unwrap();
    assert!(text.contains("stage = \"测试\""), "{text}");
}

// ---------------------------------------------------------------------------
// The round trip of generated portfolios.

/// Text with what CSV must quote: commas, quotes, line breaks, Chinese.
fn text() -> impl Strategy<Value = String> {
    "[a-z迁移网联 ,\"\n]{0,10}[a-z迁移]".prop_map(|s| s)
}

fn list() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[a-z开发测试]{1,4}", 0..3).prop_map(|mut v| {
        v.dedup();
        v.sort();
        v.dedup();
        v
    })
}

#[derive(Clone, Debug)]
struct Common {
    title: String,
    status: Option<&'static str>,
    percent: Option<f64>,
    dates: Option<(u32, u32)>,
    owner: Option<String>,
    weight: Option<f64>,
    tags: Vec<String>,
    note: Option<String>,
}

fn common_fields() -> impl Strategy<Value = Common> {
    (
        text(),
        proptest::option::of(prop::sample::select(vec![
            "todo",
            "in_progress",
            "blocked",
            "at_risk",
            "done",
            "dropped",
        ])),
        proptest::option::of((0u32..=1000).prop_map(|n| f64::from(n) / 10.0)),
        proptest::option::of((1u32..=200, 0u32..=100)),
        proptest::option::of("[张三李四]{1,3}"),
        proptest::option::of((1u32..=40).prop_map(|n| f64::from(n) / 4.0)),
        list(),
        proptest::option::of(text()),
    )
        .prop_map(
            |(title, status, percent, dates, owner, weight, tags, note)| Common {
                title,
                status,
                percent,
                dates,
                owner,
                weight,
                tags,
                note,
            },
        )
}

fn put(t: &mut toml_edit::Table, c: &Common) {
    use toml_edit::value;
    t["title"] = value(c.title.as_str());
    if let Some(s) = c.status {
        t["status"] = value(s);
    }
    if let Some(p) = c.percent {
        t["percent"] = value(p);
    }
    if let Some((start, len)) = c.dates {
        let day = |n: u32| {
            chrono::NaiveDate::from_yo_opt(2023, 1)
                .unwrap()
                .checked_add_days(chrono::Days::new(u64::from(n)))
                .unwrap()
        };
        let d = |n| day(n).to_string().parse::<toml_edit::Value>().unwrap();
        t["start"] = toml_edit::Item::Value(d(start));
        t["due"] = toml_edit::Item::Value(d(start + len));
    }
    if let Some(o) = &c.owner {
        t["owner"] = value(o.as_str());
    }
    if let Some(w) = c.weight {
        t["weight"] = value(w);
    }
    if !c.tags.is_empty() {
        t["tags"] = value(c.tags.iter().collect::<toml_edit::Array>());
    }
    if let Some(n) = &c.note {
        t["note"] = value(n.as_str());
    }
}

/// A milestone: its fields, a count, and the index of its stage.
type GenMilestone = (Common, Option<(u64, u64)>, Option<usize>);
type GenProject = (Common, Vec<String>, Vec<GenMilestone>);

fn portfolio() -> impl Strategy<Value = Vec<(Common, Vec<GenProject>)>> {
    let milestone = (
        common_fields(),
        proptest::option::of((0u64..20, 0u64..20).prop_map(|(a, b)| (a.min(b), a.max(b)))),
        proptest::option::of(0usize..3),
    );
    let project = (
        common_fields(),
        list(),
        prop::collection::vec(milestone, 0..3),
    );
    prop::collection::vec(
        (common_fields(), prop::collection::vec(project, 0..3)),
        1..3,
    )
}

fn write_portfolio(dir: &Path, objectives: &[(Common, Vec<GenProject>)]) {
    for (oi, (o, projects)) in objectives.iter().enumerate() {
        let mut doc = toml_edit::DocumentMut::new();
        put(doc.as_table_mut(), o);
        let mut ps = toml_edit::Table::new();
        ps.set_implicit(true);
        for (pi, (p, stages, milestones)) in projects.iter().enumerate() {
            let mut pt = toml_edit::Table::new();
            put(&mut pt, p);
            if !stages.is_empty() {
                pt["stages"] = toml_edit::value(stages.iter().collect::<toml_edit::Array>());
            }
            let mut ms = toml_edit::Table::new();
            ms.set_implicit(true);
            for (mi, (m, count, stage)) in milestones.iter().enumerate() {
                let mut mt = toml_edit::Table::new();
                put(&mut mt, m);
                if let Some((done, total)) = count {
                    mt["done"] = toml_edit::value(*done as i64);
                    mt["total"] = toml_edit::value(*total as i64);
                }
                if let Some(s) = stage.and_then(|i| stages.get(i)) {
                    mt["stage"] = toml_edit::value(s.as_str());
                }
                ms[&format!("m{mi}")] = toml_edit::Item::Table(mt);
            }
            if !milestones.is_empty() {
                pt["milestone"] = toml_edit::Item::Table(ms);
            }
            ps[&format!("p{pi}")] = toml_edit::Item::Table(pt);
        }
        if !projects.is_empty() {
            doc["project"] = toml_edit::Item::Table(ps);
        }
        fs::write(dir.join(format!("o{oi}.toml")), doc.to_string()).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_into_an_empty_folder_lists_the_same(objectives in portfolio()) {
        let root = tempfile::tempdir().unwrap();
        let source = root.path().join("source");
        fs::create_dir(&source).unwrap();
        write_portfolio(&source, &objectives);
        stride(&source).arg("check").assert().success();
        let file = root.path().join("export.csv");
        fs::write(&file, export(&source)).unwrap();
        let new = root.path().join("new");
        stride(&new).arg("import").arg(&file).assert().success();
        for args in [vec!["list"], vec!["list", "--format", "json"], vec!["list", "--format", "csv"]] {
            prop_assert_eq!(
                stdout(stride(&source).args(&args)),
                stdout(stride(&new).args(&args)),
                "{:?}", args
            );
        }
    }
}

#[test]
fn edits_that_wait_for_each_other_are_made_in_an_order_that_works() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    fs::create_dir(&dir).unwrap();
    fs::write(
        dir.join("o.toml"),
        "title = \"目标\"\n\n[project.p]\ntitle = \"项目\"\nstages = [\"a\", \"b\"]\n\n\
         [project.p.milestone.m]\ntitle = \"里程碑\"  # 留着\nstart = 2023-01-01\ndue = 2023-01-10\n\
         stage = \"a\"\ntotal = 10\ndone = 8\n",
    )
    .unwrap();
    // later dates (the due must move first), fewer counts (done first),
    // and a stage the project's new stages bring (the project's row first)
    let file = root.path().join("s.csv");
    fs::write(
        &file,
        "path,stages,start,due,stage,total,done\n\
         o/p/m,,2023-02-01,2023-02-10,c,3,2\n\
         o/p,\"c, d\",,,,,\n",
    )
    .unwrap();
    stride(&dir).arg("import").arg(&file).assert().success();
    let text = fs::read_to_string(dir.join("o.toml")).unwrap();
    for line in [
        "stages = [\"c\", \"d\"]",
        "title = \"里程碑\"  # 留着",
        "start = 2023-02-01",
        "due = 2023-02-10",
        "stage = \"c\"",
        "total = 3",
        "done = 2",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    stride(&dir).arg("check").assert().success();
}
