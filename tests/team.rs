//! A team sharing the data folder through git, with the real `git`: a bare
//! origin and three clones with their own authors, each set up with
//! `stride git-setup`, editing, committing, pulling and pushing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value as Json;

mod common;

const TODAY: &str = "2023-06-20";

/// `git -C dir ARGS`, which must succeed; its output.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_status(dir, args);
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn git_status(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .expect("git runs")
}

/// A bare origin holding the sample data (set up by its first member) and
/// clones of it, one per author, each set up.
struct Team {
    _root: tempfile::TempDir,
    origin: PathBuf,
    clones: Vec<PathBuf>,
}

impl Team {
    fn new(authors: &[&str]) -> Team {
        let root = tempfile::tempdir().unwrap();
        let origin = root.path().join("origin.git");
        git(
            root.path(),
            &["init", "-q", "--bare", "-b", "main", "origin.git"],
        );
        let seed = root.path().join("seed");
        git(root.path(), &["clone", "-q", "origin.git", "seed"]);
        identity(&seed, "Seed");
        let data = seed.join("data");
        fs::create_dir(&data).unwrap();
        common::sample_into(&data, "zh", true);
        stride(&data).arg("git-setup").assert().success();
        git(&seed, &["add", "-A"]);
        git(&seed, &["commit", "-q", "-m", "the portfolio"]);
        git(&seed, &["push", "-q", "origin", "main"]);
        let mut clones = Vec::new();
        for a in authors {
            let dir = root.path().join(a);
            git(root.path(), &["clone", "-q", "origin.git", a]);
            identity(&dir, a);
            let out = stride(&dir.join("data"))
                .arg("git-setup")
                .assert()
                .success();
            let said = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
            assert!(said.contains("merge.stride.driver"), "{said}");
            // a clone of a set-up repository: no tracked file changes
            assert_eq!(git(&dir, &["status", "--porcelain"]), "", "{a}");
            clones.push(dir);
        }
        Team {
            _root: root,
            origin,
            clones,
        }
    }

    fn data(&self, i: usize) -> PathBuf {
        self.clones[i].join("data")
    }

    /// Commits everything in clone `i` (when anything changed).
    fn commit(&self, i: usize, message: &str) {
        git(&self.clones[i], &["add", "-A"]);
        if !git(&self.clones[i], &["status", "--porcelain"]).is_empty() {
            git(&self.clones[i], &["commit", "-q", "-m", message]);
        }
    }

    /// Pulls (with a merge) into clone `i`; whether it merged cleanly.
    fn pull(&self, i: usize) -> bool {
        git_status(&self.clones[i], &["pull", "-q", "--no-rebase", "--no-edit"])
            .status
            .success()
    }

    fn push(&self, i: usize) {
        git(&self.clones[i], &["push", "-q"]);
    }
}

fn identity(dir: &Path, name: &str) {
    git(dir, &["config", "user.name", name]);
    git(
        dir,
        &["config", "user.email", &format!("{name}@example.com")],
    );
}

fn stride(data: &Path) -> assert_cmd::Command {
    common::stride_on(data, TODAY)
}

fn set(data: &Path, args: &[&str]) {
    stride(data).arg("set").args(args).assert().success();
}

/// `list --format json` as (path → row).
fn rows(data: &Path) -> std::collections::BTreeMap<String, Json> {
    common::json_list(data, TODAY, &[])
        .into_iter()
        .map(|r| (r["path"].as_str().unwrap().to_string(), r))
        .collect()
}

/// Every comment line of the shipped sample's objective files.
fn sample_comments() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in ["o1-business.toml", "o2-upgrade.toml", "o3-stability.toml"] {
        let text = fs::read_to_string(common::data_dir().join(name)).unwrap();
        for line in text.lines() {
            if let Some(at) = line.find('#') {
                out.push((name.to_string(), line[at..].to_string()));
            }
        }
    }
    out
}

fn field(data: &Path, file: &str, table: &str, key: &str) -> Option<String> {
    let text = fs::read_to_string(data.join(file)).unwrap();
    let doc: toml::Table = text.parse().unwrap();
    let mut t = &doc;
    for k in table.split('.').filter(|k| !k.is_empty()) {
        t = t.get(k)?.as_table()?;
    }
    t.get(key).map(|v| match v {
        toml::Value::String(s) => s.clone(),
        v => v.to_string(),
    })
}

#[test]
fn three_people_change_items_fields_adds_and_deletes_and_everything_arrives_everywhere() {
    let team = Team::new(&["Alice", "李四", "Carol"]);
    let (a, b, c) = (team.data(0), team.data(1), team.data(2));
    let items = [
        (
            "o1-business/channels/upcollect",
            "o1-business.toml",
            "project.channels.milestone.upcollect",
        ),
        (
            "o2-upgrade/pos/rengu",
            "o2-upgrade.toml",
            "project.pos.milestone.rengu",
        ),
        (
            "o2-upgrade/hive/migration",
            "o2-upgrade.toml",
            "project.hive.milestone.migration",
        ),
        (
            "o3-stability/guomi/plan",
            "o3-stability.toml",
            "project.guomi.milestone.plan",
        ),
    ];
    for round in 0..4usize {
        let (path, file, table) = items[round % items.len()];
        let (other, other_file, other_table) = items[(round + 1) % items.len()];
        // Alice: a percent; 李四: another field of the same item, and a
        // field of another; Carol: adds a milestone and removes the one
        // she added the round before. All in the same week, so every
        // commit also changes history/2023-W25.toml.
        set(&a, &[path, "--percent", &format!("{}", 50 + round)]);
        set(&b, &[path, "--note", &format!("第{round}轮备注")]);
        set(&b, &[other, "--owner", &format!("owner{round}")]);
        let added = format!("project.pos.milestone.r{round}");
        let mut text = fs::read_to_string(c.join("o2-upgrade.toml")).unwrap();
        text.push_str(&format!(
            "\n[{added}]\ntitle = \"第{round}轮新增\"\npercent = 10\n"
        ));
        if round > 0 {
            let prev = format!(
                "\n[project.pos.milestone.r{}]\ntitle = \"第{}轮新增\"\npercent = 10\n",
                round - 1,
                round - 1
            );
            assert!(text.contains(&prev), "{text}");
            text = text.replace(&prev, "");
        }
        fs::write(c.join("o2-upgrade.toml"), text).unwrap();
        set(
            &c,
            &[
                "o3-stability/lighthouse",
                "--update",
                &format!("round {round}"),
            ],
        );

        // each commits, pulls and pushes in turn; then all pull
        for i in 0..3 {
            team.commit(i, &format!("round {round}"));
            assert!(
                team.pull(i),
                "round {round}: clone {i} did not merge cleanly"
            );
            team.push(i);
        }
        for i in 0..3 {
            assert!(team.pull(i), "round {round}: clone {i}");
        }
        let heads: Vec<String> = (0..3)
            .map(|i| git(&team.clones[i], &["rev-parse", "HEAD^{tree}"]))
            .collect();
        assert!(
            heads.iter().all(|h| *h == heads[0]),
            "round {round}: {heads:?}"
        );
        for d in [&a, &b, &c] {
            let out = stride(d).arg("check").output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stdout)
            );
            assert_eq!(
                field(d, file, table, "percent"),
                Some(format!("{}", 50 + round))
            );
            assert_eq!(
                field(d, file, table, "note"),
                Some(format!("第{round}轮备注"))
            );
            assert_eq!(
                field(d, other_file, other_table, "owner"),
                Some(format!("owner{round}"))
            );
            assert_eq!(
                field(d, "o2-upgrade.toml", &added, "title"),
                Some(format!("第{round}轮新增"))
            );
            if round > 0 {
                let gone = format!("project.pos.milestone.r{}", round - 1);
                assert_eq!(field(d, "o2-upgrade.toml", &gone, "title"), None);
            }
            let text = fs::read_to_string(d.join("history/2023-W25.toml")).unwrap();
            assert!(!text.contains("<<<<<<<"), "{text}");
        }
    }
    // the files' comments all survived
    for (file, comment) in sample_comments() {
        let text = fs::read_to_string(a.join(&file)).unwrap();
        assert!(text.contains(&comment), "{file} lost {comment}");
    }
    // nothing of stride's own is left untracked, nothing changed unseen
    for i in 0..3 {
        assert_eq!(
            git(&team.clones[i], &["status", "--porcelain"]),
            "",
            "clone {i}"
        );
    }
    assert_eq!(rows(&a), rows(&c));
    let _ = &team.origin;
}

#[test]
fn the_same_field_set_to_two_values_is_one_marked_conflict_that_check_reports_and_a_set_settles() {
    let team = Team::new(&["Alice", "Bob"]);
    let (a, b) = (team.data(0), team.data(1));
    set(&a, &["o2-upgrade/hive/migration", "--percent", "97"]);
    set(&a, &["o2-upgrade/pos/rengu", "--blocker", "人力"]);
    team.commit(0, "alice");
    team.push(0);
    set(&b, &["o2-upgrade/hive/migration", "--percent", "98"]);
    set(&b, &["o2-upgrade/pos/rengu", "--note", "按计划"]);
    team.commit(1, "bob");
    assert!(
        !team.pull(1),
        "the same field on both sides stops the merge"
    );
    let text = fs::read_to_string(b.join("o2-upgrade.toml")).unwrap();
    // exactly one block, around the one line, the rest merged
    assert_eq!(text.matches("<<<<<<< ours").count(), 1, "{text}");
    assert!(
        text.contains("<<<<<<< ours\npercent = 98\n=======\npercent = 97\n>>>>>>> theirs\n"),
        "{text}"
    );
    assert!(
        text.contains("blocker = \"人力\"") && text.contains("note = \"按计划\""),
        "{text}"
    );
    // the history file merged by itself
    let status = git(&team.clones[1], &["status", "--porcelain"]);
    assert!(status.contains("UU data/o2-upgrade.toml"), "{status}");
    assert!(!status.contains("history"), "{status}");
    // check names the conflict at its line
    let line = text.lines().position(|l| l == "<<<<<<< ours").unwrap() + 1;
    let out = stride(&b).arg("check").output().unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!(
            "o2-upgrade.toml:{line}:1: error: unresolved merge conflict in o2-upgrade/hive/migration: percent 98 (ours) or 97 (theirs)"
        )),
        "{said}"
    );
    // the rest of the file is still there to read and edit
    let list = rows(&b);
    assert_eq!(list["o2-upgrade/pos/rengu"]["status"], "in_progress");
    set(&b, &["o2-upgrade/pos/rengu", "--owner", "王五"]);
    assert!(
        fs::read_to_string(b.join("o2-upgrade.toml"))
            .unwrap()
            .contains("<<<<<<< ours")
    );
    // setting the field settles it: no marker left, check clean, sync ends the merge
    set(&b, &["o2-upgrade/hive/migration", "--percent", "97"]);
    let text = fs::read_to_string(b.join("o2-upgrade.toml")).unwrap();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    stride(&b).arg("check").assert().success();
    stride(&b).arg("sync").assert().success();
    assert!(team.pull(0));
    assert_eq!(
        field(
            &a,
            "o2-upgrade.toml",
            "project.pos.milestone.rengu",
            "owner"
        ),
        Some("王五".into())
    );
    assert_eq!(
        field(
            &a,
            "o2-upgrade.toml",
            "project.hive.milestone.migration",
            "percent"
        ),
        Some("97".into())
    );
}

#[test]
fn log_names_who_changed_each_field() {
    let team = Team::new(&["Alice", "李四"]);
    let (a, b) = (team.data(0), team.data(1));
    set(&a, &["o1-business/channels/upcollect", "--percent", "90"]);
    team.commit(0, "alice");
    team.push(0);
    assert!(team.pull(1));
    set(
        &b,
        &[
            "o1-business/channels/netsunion",
            "--blocker",
            "网联测试环境",
        ],
    );
    team.commit(1, "li");
    let out = stride(&b)
        .args(["log", "--format", "json"])
        .assert()
        .success();
    let log: Json = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let log = log.as_array().unwrap();
    // newest first, one entry per field
    assert_eq!(log[0]["author"], "李四");
    assert_eq!(log[0]["path"], "o1-business/channels/netsunion");
    assert_eq!(log[0]["field"], "blocker");
    assert_eq!(log[0]["to"], "网联测试环境");
    assert_eq!(log[1]["author"], "Alice");
    assert_eq!(log[1]["path"], "o1-business/channels/upcollect");
    assert_eq!(log[1]["field"], "percent");
    assert_eq!(log[1]["from"], Json::Null);
    assert_eq!(log[1]["to"], 90);
    assert!(log[1]["at"].as_str().unwrap().contains('T'));
    assert_eq!(log[0]["commit"].as_str().unwrap().len(), 40);
    // the first commit added everything, by Seed
    assert!(
        log.iter()
            .skip(2)
            .all(|e| e["author"] == "Seed" && e["from"].is_null())
    );
    // filters: an item, an author
    let out = stride(&b)
        .args([
            "log",
            "o1-business/channels/upcollect",
            "--format",
            "json",
            "--author",
            "alice",
        ])
        .assert()
        .success();
    let only: Json = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(only.as_array().unwrap().len(), 1);
    let out = stride(&b)
        .args(["log", "--since", "2100-01-01"])
        .assert()
        .success();
    assert!(out.get_output().stdout.is_empty());
    let out = stride(&b)
        .args(["log", "o1-business/channels"])
        .assert()
        .success();
    let table = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        table.contains("李四") && table.contains("blocker") && table.contains("→ 网联测试环境"),
        "{table}"
    );
}

#[test]
fn sync_carries_a_change_from_one_clone_to_another_with_a_message_that_says_what() {
    let team = Team::new(&["Alice", "Bob"]);
    let (a, b) = (team.data(0), team.data(1));
    set(&a, &["o1-business/channels/netsunion", "--percent", "70"]);
    set(&a, &["o1-business/channels/upcollect", "--stage", "投产"]);
    let out = stride(&a).arg("sync").assert().success();
    let said = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(said.contains("pushed"), "{said}");
    let subject = git(&team.clones[0], &["log", "-1", "--format=%s"]);
    assert_eq!(
        subject.trim(),
        "银联代收 stage 上线 → 投产, 网联代收 60% → 70%"
    );
    // Bob's own change and Alice's meet in his sync
    set(&b, &["o2-upgrade/pos/rengu", "--percent", "85"]);
    stride(&b)
        .args(["sync", "-m", "人谷 85%"])
        .assert()
        .success();
    assert_eq!(
        field(
            &b,
            "o1-business.toml",
            "project.channels.milestone.netsunion",
            "percent"
        ),
        Some("70".into())
    );
    assert_eq!(
        git(
            &team.clones[1],
            &["log", "-1", "--format=%s", "--no-merges"]
        )
        .trim(),
        "人谷 85%"
    );
    stride(&a).arg("sync").assert().success();
    assert_eq!(
        field(
            &a,
            "o2-upgrade.toml",
            "project.pos.milestone.rengu",
            "percent"
        ),
        Some("85".into())
    );
    // nothing to do: says so
    let out = stride(&a).arg("sync").assert().success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("nothing to commit"));
}

#[test]
fn sync_message_covers_staged_unstaged_and_new_files_and_nothing_else() {
    let team = Team::new(&["Alice"]);
    let (top, a) = (&team.clones[0], team.data(0));
    // staged by hand, then changed no further
    set(&a, &["o1-business/channels/netsunion", "--percent", "70"]);
    git(top, &["add", "data/o1-business.toml"]);
    // changed, not staged
    set(&a, &["o2-upgrade/pos/rengu", "--percent", "85"]);
    // new, untracked
    fs::write(a.join("o4-new.toml"), "title = \"新目标\"\n").unwrap();
    // touched, not changed: git's index no longer matches its time
    let o3 = a.join("o3-stability.toml");
    fs::write(&o3, fs::read(&o3).unwrap()).unwrap();
    stride(&a).arg("sync").assert().success();
    // git finds the changed files; each is in the message, the touched one not
    let message = git(top, &["log", "-1", "--format=%B"])
        .trim_end()
        .to_string();
    assert_eq!(
        message.lines().collect::<Vec<_>>(),
        [
            "网联代收 60% → 70%, 人谷系统技术栈改造 80% → 85%, 新增 新目标",
            "",
            "- 网联代收 60% → 70%",
            "- 人谷系统技术栈改造 80% → 85%",
            "- 新增 新目标",
        ]
    );
    let files = git(top, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(
        files.lines().collect::<Vec<_>>(),
        [
            "data/history/2023-W25.toml",
            "data/o1-business.toml",
            "data/o2-upgrade.toml",
            "data/o4-new.toml"
        ]
    );
}

#[test]
fn sync_and_setup_say_clearly_what_is_wrong() {
    // not a repository
    let plain = common::sample();
    let out = stride(plain.path()).arg("sync").assert().failure();
    let said = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(said.contains("not inside a git work tree"), "{said}");
    stride(plain.path()).arg("git-setup").assert().failure();
    // no remote: committed here only
    let root = tempfile::tempdir().unwrap();
    git(root.path(), &["init", "-q", "-b", "main"]);
    identity(root.path(), "Solo");
    common::sample_into(root.path(), "en", false);
    let out = stride(root.path()).arg("sync").assert().success();
    let said = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(said.contains("no remote"), "{said}");
    assert_eq!(git(root.path(), &["status", "--porcelain"]), "");
    // detached head
    git(root.path(), &["checkout", "-q", "--detach"]);
    let out = stride(root.path()).arg("sync").assert().failure();
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("detached"));
    // the merge driver takes stride's files only
    let f = root.path().join("x.md");
    fs::write(&f, "a").unwrap();
    let out = stride(root.path())
        .args(["merge-driver"])
        .arg(&f)
        .arg(&f)
        .arg(&f)
        .arg("notes/x.md")
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("not a stride file"));
}

#[test]
fn git_setup_is_idempotent_and_keeps_what_the_files_had() {
    let root = tempfile::tempdir().unwrap();
    git(root.path(), &["init", "-q", "-b", "main"]);
    let data = root.path().join("data");
    fs::create_dir(&data).unwrap();
    common::sample_into(&data, "en", false);
    fs::write(data.join(".gitignore"), "reports/\r\n").unwrap();
    stride(&data).arg("git-setup").assert().success();
    let attrs = fs::read_to_string(data.join(".gitattributes")).unwrap();
    assert!(attrs.lines().any(|l| l == "*.toml merge=stride"), "{attrs}");
    assert!(
        attrs.lines().any(|l| l == "history/*.toml merge=stride"),
        "{attrs}"
    );
    let ignore = fs::read_to_string(data.join(".gitignore")).unwrap();
    assert!(
        ignore.starts_with("reports/\r\n") && ignore.contains(".stride/\r\n"),
        "{ignore:?}"
    );
    let driver = git(root.path(), &["config", "--get", "merge.stride.driver"]);
    assert!(driver.contains(" merge-driver %O %A %B %P"), "{driver}");
    let exe = assert_cmd::cargo::cargo_bin("stride");
    assert!(
        driver.starts_with(exe.canonicalize().unwrap().to_str().unwrap()),
        "{driver}"
    );
    let out = stride(&data).arg("git-setup").assert().success();
    let said = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(said.contains("already"), "{said}");
    assert_eq!(
        fs::read_to_string(data.join(".gitattributes")).unwrap(),
        attrs
    );
    assert_eq!(fs::read_to_string(data.join(".gitignore")).unwrap(), ignore);
    // stride's locks never show as untracked files
    git(root.path(), &["add", "-A"]);
    identity(root.path(), "Solo");
    git(root.path(), &["commit", "-q", "-m", "x"]);
    set(&data, &["o2-upgrade/pos/rengu", "--percent", "81"]);
    let status = git(
        root.path(),
        &["status", "--porcelain", "--untracked-files=all"],
    );
    assert!(
        !status.contains(".stride") && !status.contains(".lock"),
        "{status}"
    );
}
