//! The weekly report carries everything people wrote (its snapshots in
//! both languages are in tests/history.rs): every written text found in it, no
//! English in a Chinese report, percents as written, derived statuses, a
//! broken file's warning and exit code, `[[other]]` entries.

use std::fs;
use std::path::Path;

use serde_json::Value as Json;
use stride::core::load_dir;
use stride::core::model::Fields;

mod common;
use common::stride_on as stride;

const TODAY: &str = "2023-06-20";

/// The report of the sample (with its history) in `language`.
fn report_of_sample(language: &str, format: &str) -> String {
    let d = common::sample_with(language, true);
    let out = stride(d.path(), TODAY)
        .args(["report", "--format", format])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// The Markdown with its escapes removed: text as a reader sees it.
fn unescaped(md: &str) -> String {
    md.replace('\\', "")
}

/// Every text people wrote in the sample: the fields of every item, the
/// incidents' and the `[[other]]` entries' texts, line by line.
fn written_texts(dir: &Path) -> Vec<String> {
    let p = load_dir(dir).unwrap();
    let mut texts = Vec::new();
    let mut fields = |f: &Fields| {
        for t in [&f.update, &f.note, &f.blocker, &f.next]
            .into_iter()
            .flatten()
        {
            texts.extend(
                t.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from),
            );
        }
    };
    for o in &p.objectives {
        fields(&o.fields);
        for pr in &o.projects {
            fields(&pr.fields);
            for m in &pr.milestones {
                fields(&m.fields);
            }
        }
    }
    for o in &p.objectives {
        for other in &o.others {
            texts.extend(
                other
                    .title
                    .iter()
                    .chain(&other.note)
                    .chain(&other.next)
                    .cloned(),
            );
        }
        for i in &o.incidents {
            texts.extend(
                [&i.impact, &i.cause, &i.action]
                    .into_iter()
                    .flatten()
                    .cloned()
                    .chain([i.title.clone()]),
            );
        }
    }
    texts
}

#[test]
fn every_written_text_of_the_sample_is_in_the_chinese_report() {
    let md = unescaped(&report_of_sample("zh", "md"));
    let texts = written_texts(&common::data_dir());
    assert!(texts.len() > 60, "the sample's texts: {}", texts.len());
    for want in [
        "已上线并完成银行验证，待业务接入",
        "处理中10个，已下线32个",
        "先期预计外包2名产品、5名研发",
        "本周稳定性月度沟通会后",
        "98800例会与信息拉齐",
        "年中述职回顾准备",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(want)),
            "{want} not in the sample"
        );
    }
    let missing: Vec<_> = texts.iter().filter(|t| !md.contains(t.as_str())).collect();
    assert!(
        missing.is_empty(),
        "missing from the report: {missing:#?}\n{md}"
    );
    for heading in ["## 【其他】", "## 收获与反思", "# 下周工作及目标"] {
        assert!(md.contains(heading), "{heading}\n{md}");
    }
}

#[test]
fn every_written_text_of_the_sample_is_in_the_html_report() {
    let html = report_of_sample("zh", "html")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let texts = written_texts(&common::data_dir());
    let missing: Vec<_> = texts
        .iter()
        .filter(|t| !html.contains(t.as_str()))
        .collect();
    assert!(missing.is_empty(), "missing from the page: {missing:#?}");
    for heading in ["【其他】", "收获与反思", "下周工作及目标"] {
        assert!(
            html.contains(&format!("<h2>{heading}</h2>"))
                || html.contains(&format!("<h1>{heading}</h1>")),
            "{heading}"
        );
    }
}

#[test]
fn a_chinese_report_holds_no_latin_letters_but_the_datas() {
    let d = common::sample_with("zh", true);
    let md = unescaped(&report_of_sample("zh", "md"));
    // what the data itself holds: titles, owners, stages, units, texts, ids
    let p = load_dir(d.path()).unwrap();
    let mut data = written_texts(d.path());
    for o in &p.objectives {
        data.push(o.id.clone());
        data.push(o.fields.title.clone());
        for pr in &o.projects {
            data.push(format!("{}/{}", o.id, pr.id));
            data.push(pr.fields.title.clone());
            data.extend(pr.stages.iter().cloned());
            for m in &pr.milestones {
                data.push(format!("{}/{}/{}", o.id, pr.id, m.id));
                data.push(m.fields.title.clone());
            }
        }
        for m in &o.metrics {
            data.push(m.title.clone());
        }
    }
    data.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut rest = md.clone();
    for t in &data {
        rest = rest.replace(t.as_str(), "");
    }
    // the ISO week is a value, like a date; grades are letters in Chinese
    // too, as the team writes them (事故数AB级0次，CD级1次)
    rest = rest.replace("2023-W25", "");
    for grade in ["AB级", "CD级", "A级", "B级", "C级", "D级"] {
        rest = rest.replace(grade, "");
    }
    let latin: Vec<&str> = rest
        .lines()
        .filter(|l| l.chars().any(|c| c.is_ascii_alphabetic()))
        .collect();
    assert!(
        latin.is_empty(),
        "English in the Chinese report: {latin:#?}"
    );
    // and the words that used to leak
    for english in ["(new)", "(-7d)", "did not load", "ISO"] {
        assert!(!md.contains(english), "{english} in\n{md}");
    }
}

#[test]
fn percents_keep_the_precision_written_and_no_more() {
    let md = report_of_sample("zh", "md");
    assert!(md.contains("迁移进度：共164个，95.46%"), "{md}");
    assert!(md.contains("人谷系统技术栈改造：80%\n"), "{md}");
    assert!(md.contains("**HIVE标准数仓建设** 97%，"), "{md}");
    // a percent never ends in a written-out zero: no 80.00%, no 12.50%
    for (i, _) in md.match_indices('%') {
        let before = &md[..i];
        let number: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        assert!(
            !(number.starts_with('.') || (number.contains('.') && number.starts_with('0'))),
            "a percent with a trailing zero: {}% in\n{md}",
            number.chars().rev().collect::<String>()
        );
    }
}

#[test]
fn a_project_with_a_written_update_at_zero_is_in_progress() {
    let md = report_of_sample("zh", "md");
    assert!(md.contains("**灯塔系统监控** 0%，进行中，吴九"), "{md}");
    assert!(!md.contains("0%，未开始，吴九"), "{md}");
    // and the same status in the list, the CLI's view of the same rule
    let d = common::sample();
    let rows = common::json_list(d.path(), TODAY, &[]);
    let row = |path: &str| rows.iter().find(|r| r["path"] == path).unwrap().clone();
    assert_eq!(row("o3-stability/lighthouse")["status"], "in_progress");
    // a milestone with nothing written stays to do
    assert_eq!(row("o1-business/xiaobei/dev")["status"], "todo");
}

#[test]
fn incidents_are_listed_oldest_first() {
    let md = report_of_sample("zh", "md");
    let first = md.find("6/12 03:30").unwrap();
    let middle = md.find("6/15 11:01").unwrap();
    let last = md.find("6/16 14:35").unwrap();
    assert!(first < middle && middle < last, "{md}");
}

#[test]
fn json_carries_every_written_text() {
    let json: Json = serde_json::from_str(&report_of_sample("zh", "json")).unwrap();
    let o3 = &json["objectives"][2];
    assert!(
        o3["note"]
            .as_str()
            .unwrap()
            .starts_with("本周稳定性月度沟通会后"),
        "{o3}"
    );
    let channels = &json["objectives"][0]["projects"][4];
    assert_eq!(channels["title"], "新支付能力建设");
    let upcollect = &channels["milestones"][3];
    assert_eq!(upcollect["update"], "已上线并完成银行验证，待业务接入");
    assert_eq!(upcollect["next"], "业务接入");
    let hive = &json["objectives"][1]["projects"][2];
    assert_eq!(hive["next"], "账单切换方案");
    assert_eq!(hive["milestones"][1]["note"], "处理中10个，已下线32个");
    let others: Vec<&str> = json["others"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        others,
        [
            "支付经营分析会，以及稳定性专项筛选方案",
            "98800例会与信息拉齐",
            "企业研发线专利双周会"
        ]
    );
    let last_plan = json["next"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last_plan["next"], "年中述职回顾准备");
    assert_eq!(last_plan["title"], "");
    let at: Vec<&str> = json["operations"]["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["at"].as_str().unwrap())
        .collect();
    let mut sorted = at.clone();
    sorted.sort();
    assert_eq!(at, sorted);
}

#[test]
fn a_broken_file_gives_what_could_be_written_a_warning_on_top_and_exit_1() {
    let d = common::sample_with("zh", true);
    fs::write(
        d.path().join("zz-broken.toml"),
        "title = \"坏\"\npercent = \n",
    )
    .unwrap();
    let out = stride(d.path(), TODAY)
        .arg("report")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let md = String::from_utf8(out.stdout).unwrap();
    let mut blocks = md.split("\n\n");
    assert_eq!(blocks.next(), Some("# 第26周 2023-06-20"));
    let warning = blocks.next().unwrap();
    assert!(
        warning.starts_with("> ⚠ ") && warning.contains("zz-broken.toml 无法加载"),
        "{md}"
    );
    assert!(
        md.contains("## 【O1 服务业务】"),
        "the rest is written:\n{md}"
    );
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("zz-broken.toml")
    );
    // written to a file too, and still exit 1
    let file = d.path().join("week.md");
    stride(d.path(), TODAY)
        .args(["report", "-o"])
        .arg(&file)
        .assert()
        .code(1);
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("zz-broken.toml 无法加载")
    );
}

#[test]
fn other_entries_load_and_a_bad_one_is_named_with_its_place() {
    let d = tempfile::tempdir().unwrap();
    fs::write(
        d.path().join("o9.toml"),
        "title = \"O9\"\n\n[[other]]\ntitle = \"例会\"\ndate = 2023-06-19\nnote = \"信息拉齐\"\n\n[[other]]\nnote = \"没有标题\"\n\n[[other]]\ntitle = \"评审\"\ndate = \"2023-06-19\"\n",
    )
    .unwrap();
    let out = stride(d.path(), TODAY)
        .arg("check")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = String::from_utf8([out.stdout, out.stderr].concat()).unwrap();
    assert!(
        text.contains("o9.toml:8:1: error: other 2 has neither a `title`"),
        "{text}"
    );
    assert!(
        text.contains("o9.toml:13:8: error: `date` must be a date like 2023-06-30, found a string"),
        "{text}"
    );

    // fixed, it loads and shows in the report
    fs::write(
        d.path().join("o9.toml"),
        "title = \"O9\"\n\n[[other]]\ntitle = \"例会\"\ndate = 2023-06-19\nnote = \"信息拉齐\"\n\n[[other]]\nnext = \"述职准备\"\n",
    )
    .unwrap();
    let p = load_dir(d.path()).unwrap();
    let others = &p.objectives[0].others;
    assert_eq!(others.len(), 2);
    assert_eq!(others[0].title.as_deref(), Some("例会"));
    assert_eq!(
        others[0].date.map(|d| d.to_string()).as_deref(),
        Some("2023-06-19")
    );
    assert_eq!(others[1].next.as_deref(), Some("述职准备"));
    let out = stride(d.path(), TODAY)
        .arg("report")
        .assert()
        .success()
        .get_output()
        .clone();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("## Other\n\n1. 例会 (2023-06-19): 信息拉齐\n"),
        "{md}"
    );
    assert!(md.contains("1. 述职准备\n"), "{md}");
}

#[test]
fn percents_written_as_floats_print_as_written() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join(".stride.toml"), "language = \"zh\"\n").unwrap();
    fs::write(
        d.path().join("o1.toml"),
        "title = \"目标\"\n\n[project.p]\ntitle = \"项目\"\npercent = 80.0\n\n\
         [project.p.milestone.a]\ntitle = \"甲\"\npercent = 12.5\n\n\
         [project.p.milestone.b]\ntitle = \"乙\"\npercent = 95.46\n\n\
         [project.p.milestone.c]\ntitle = \"丙\"\ndone = 1\ntotal = 3\n",
    )
    .unwrap();
    let out = stride(d.path(), TODAY)
        .arg("report")
        .assert()
        .success()
        .get_output()
        .clone();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("**项目** 80%，进行中"), "{md}");
    assert!(md.contains("1. 甲：12.5%\n"), "{md}");
    assert!(md.contains("2. 乙：95.46%\n"), "{md}");
    assert!(md.contains("3. 丙：1/3，33.33%\n"), "{md}");
    assert!(!md.contains("80.0") && !md.contains("12.50"), "{md}");
}

/// Written out as it is rendered (standard output: each objective's
/// milestones made in its turn) or whole (`-o FILE`), the report is the
/// same bytes in every format and both languages, also when it is many
/// 64 KiB parts long (an objective of 3,000 milestones), and for a past
/// week whose history does not have that first objective.
#[test]
fn a_report_written_as_it_is_rendered_is_the_report_written_whole() {
    for language in ["zh", "en"] {
        let d = common::sample_with(language, true);
        let mut big = String::from("title = \"大目标 <big> & \\\"quoted\\\"\"\nowner = \"王\"\n");
        for p in 0..30 {
            big += &format!("\n[project.p{p}]\ntitle = \"项目 {p}\"\nnext = \"下周 {p}\"\n");
            for m in 0..100 {
                big += &format!(
                    "\n[project.p{p}.milestone.m{m}]\ntitle = \"里程碑 {p}-{m} *x*\"\npercent = {}\ndue = 2023-06-{:02}\nupdate = \"进展 {m}\"\n",
                    (p * 7 + m) % 101,
                    m % 28 + 1
                );
            }
        }
        fs::write(d.path().join("aa-big.toml"), big).unwrap();
        for (format, week) in [
            ("md", "2023-W25"),
            ("json", "2023-W25"),
            ("html", "2023-W25"),
            ("md", "2023-W24"),
            ("json", "2023-W24"),
        ] {
            let streamed = stride(d.path(), TODAY)
                .args(["report", "--format", format, "--week", week])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone();
            // this week's, from the data; W24's, from its history file
            let past = week != "2023-W25";
            assert!(
                past || streamed.len() > 4 * 64 * 1024,
                "{language} {format}: {} bytes",
                streamed.len()
            );
            assert_eq!(
                past,
                !String::from_utf8_lossy(&streamed).contains("大目标"),
                "{language} {format} {week}"
            );
            let file = d.path().join("reports").join(format!("whole.{format}"));
            stride(d.path(), TODAY)
                .args(["report", "--format", format, "--week", week, "-o"])
                .arg(&file)
                .assert()
                .success();
            assert!(
                fs::read(&file).unwrap() == streamed,
                "{language} {format}: the streamed report differs from the file"
            );
        }
    }
}
