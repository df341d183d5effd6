//! `stride log` parses only the sections of a file that a commit changed
//! (src/team/sections.rs) where the file is written plainly, and whole
//! versions otherwise: over a generated history of edits of every kind
//! (values changed, fields and sections added, removed and renamed, the
//! objective's own fields, arrays of tables, multi-line strings, a file
//! broken for a commit, files added and removed) both give the same log.

use std::fs;
use std::path::Path;
use std::process::Command;

use stride::team::log::{LogQuery, log_with};

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// A deterministic generator (no clock, no thread): the same history each run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn objective(o: usize) -> String {
    let mut s = format!("# O{o}\ntitle = \"O{o} 目标\"\nowner = \"张三\"\n\n");
    for p in 0..4 {
        s.push_str(&format!(
            "[project.p{p}]\ntitle = \"P{p}\"\nowner = \"ivan\"\n\n"
        ));
        for m in 0..5 {
            s.push_str(&format!(
                "[project.p{p}.milestone.m{m}]\ntitle = \"M{m} 里程碑\"\ndone = {}\ntotal = 10\ndue = 2023-07-0{}\n\n",
                (p + m) % 10,
                m + 1
            ));
        }
    }
    s
}

/// One edit of a file's text, picked by `r`; `u` makes new names unique,
/// so that the file stays valid TOML but for the one commit that breaks it
/// (a file that stays invalid is listed by its changed sections rather
/// than as emptied: docs/PERFORMANCE.md).
fn edit(text: &str, r: &mut Lcg, broken: &mut bool, u: usize) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if *broken {
        // the broken line goes back to a value
        for l in &mut lines {
            if l == "done = " {
                *l = "done = 1".into();
            }
        }
        *broken = false;
        return lines.join("\n") + "\n";
    }
    let done: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("done = "))
        .collect();
    let heads: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with('['))
        .collect();
    let at = |r: &mut Lcg, v: &[usize]| v[r.next(v.len().max(1)).min(v.len().saturating_sub(1))];
    match r.next(14) {
        0..=4 if !done.is_empty() => {
            let i = at(r, &done);
            lines[i] = format!("done = {}", r.next(11));
        }
        5 if !heads.is_empty() => {
            let i = at(r, &heads);
            lines.insert(i + 1, format!("note{u} = \"n{}\"", r.next(100)));
        }
        6 if !done.is_empty() => {
            let i = at(r, &done);
            lines.remove(i);
        }
        7 => lines.push(format!(
            "\n[project.p{}.milestone.x{u}]\ntitle = \"new\"\npercent = 5",
            r.next(5)
        )),
        8 if heads.len() > 2 => {
            // a section removed: its header and lines up to the next one
            let k = 1 + r.next(heads.len() - 1);
            let end = heads.get(k + 1).copied().unwrap_or(lines.len());
            lines.drain(heads[k]..end);
        }
        9 if !heads.is_empty() => {
            let i = at(r, &heads);
            lines[i] = lines[i].replace("milestone.", &format!("milestone.r{u}"));
        }
        10 => {
            lines[2] = format!("owner = \"李{}\"", r.next(9));
        }
        11 => match r.next(3) {
            0 => lines.push("\n[[incident]]\nat = 2023-06-01\ntitle = \"down\"".into()),
            1 => lines.push(format!(
                "\n[project.s{u}]\nnote = \"\"\"two\n[lines]\n\"\"\""
            )),
            _ => lines.push(format!("\n[project.t{u}]\ntags = [\n  \"a\",\n]")),
        },
        12 if !done.is_empty() => {
            let i = at(r, &done);
            lines[i] = "done = ".into();
            *broken = true;
        }
        _ if !done.is_empty() => {
            // two fields of two items at once
            for _ in 0..2 {
                let i = at(r, &done);
                lines[i] = format!("done = {}", r.next(11));
            }
        }
        _ => lines.push(format!("\n[project.q{u}]\ntitle = \"Q\"")),
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_log_is_the_same_whether_changed_sections_or_whole_files_are_parsed() {
    let root = tempfile::tempdir().unwrap();
    let top = root.path();
    let data = top.join("data");
    fs::create_dir(&data).unwrap();
    git(top, &["init", "-q", "-b", "main"]);
    git(top, &["config", "user.name", "张三"]);
    git(top, &["config", "user.email", "z@example.com"]);
    for o in 0..3 {
        fs::write(data.join(format!("o{o}.toml")), objective(o)).unwrap();
    }
    git(top, &["add", "-A"]);
    git(top, &["commit", "-q", "-m", "start"]);
    let mut r = Lcg(16);
    let mut broken = [false; 4];
    for c in 0..120 {
        let o = r.next(3);
        let path = data.join(format!("o{o}.toml"));
        if c == 60 {
            fs::write(data.join("o3.toml"), objective(3)).unwrap();
        } else if c == 90 {
            fs::remove_file(data.join("o3.toml")).unwrap();
        } else {
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, edit(&text, &mut r, &mut broken[o], c)).unwrap();
        }
        git(top, &["add", "-A"]);
        let date = format!("@{} +0800", 1_685_577_600 + c * 3600);
        let out = Command::new("git")
            .arg("-C")
            .arg(top)
            .args(["commit", "-q", "--allow-empty", "-m", &format!("c{c}")])
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    let q = LogQuery::default();
    let entries = |cut| {
        log_with(&data, &q, cut)
            .unwrap()
            .into_iter()
            .map(|e| (e.commit, e.author, e.at, e.change))
            .collect::<Vec<_>>()
    };
    let (cut, whole) = (entries(true), entries(false));
    // a history long enough to say something: every commit but the empty
    // ones changed fields
    assert!(whole.len() > 500, "{}", whole.len());
    for (c, w) in cut.iter().zip(&whole) {
        assert_eq!(c, w);
    }
    assert_eq!(cut.len(), whole.len());
    // packed, with versions stored as deltas of each other (decoded
    // through stride's pack cache): the same log
    git(top, &["gc", "-q", "--aggressive"]);
    let packs: Vec<_> = fs::read_dir(top.join(".git/objects/pack"))
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pack"))
        .collect();
    assert_eq!(packs.len(), 1, "git gc wrote one pack");
    let verify = Command::new("git")
        .args(["verify-pack", "-v"])
        .arg(&packs[0])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&verify.stdout);
    // versions are chained deltas of each other, not only of one base
    assert!(
        said.lines()
            .any(|l| l.starts_with("chain length = 3") || l.starts_with("chain length = 4")),
        "{said}"
    );
    let packed = entries(true);
    assert_eq!(packed.len(), whole.len());
    assert!(packed == cut, "the packed repository's log differs");
}
