//! Trying hard to lose data: concurrent writers, saves killed with SIGKILL,
//! hostile input. The figures are recorded in docs/RELIABILITY.md.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use stride::core::edit::document::edit_text;
use stride::core::load::parse_objective;
use stride::core::{Edit, Field, ItemPath, Value};

const BIN: &str = env!("CARGO_BIN_EXE_stride");

/// An objective file with `n` milestones in one project, with comments.
fn big_file(n: usize) -> String {
    let mut s = String::from("# many milestones\ntitle = \"O\"\n\n[project.p]\ntitle = \"P\"\n");
    for i in 0..n {
        let _ = write!(
            s,
            "\n# milestone {i}\n[project.p.milestone.m{i:04}]\ntitle = \"里程碑 {i}\"\npercent = 0   # start\n"
        );
    }
    s
}

fn set(dir: &Path, item: &str, percent: u32) -> std::process::Output {
    Command::new(BIN)
        .args(["--today", "2023-06-20", "--data"])
        .arg(dir)
        .args(["set", item, "--percent", &percent.to_string()])
        .output()
        .unwrap()
}

#[test]
fn two_processes_writing_the_same_file_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("o.toml");
    fs::write(&path, big_file(400)).unwrap();
    // two writers at once, 200 edits each, to different milestones
    let writers: Vec<_> = [0usize, 200]
        .into_iter()
        .map(|first| {
            let dir = dir.path().to_path_buf();
            std::thread::spawn(move || {
                for i in first..first + 200 {
                    let out = set(&dir, &format!("o/p/m{i:04}"), (i % 100 + 1) as u32);
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let text = fs::read_to_string(&path).unwrap();
    let (o, diags) = parse_objective(&path, "o", &text);
    assert!(diags.is_empty(), "{diags:?}");
    let o = o.unwrap();
    let mut present = 0;
    for (i, m) in o.projects[0].milestones.iter().enumerate() {
        assert_eq!(m.fields.percent, Some((i % 100 + 1) as f64), "{}", m.id);
        present += 1;
    }
    assert_eq!(present, 400);
    // every comment survived too
    assert_eq!(text.matches("# start").count(), 400);
}

#[test]
fn saves_killed_at_random_moments_leave_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("o.toml");
    fs::write(&path, big_file(300)).unwrap();
    // how long a whole save takes here, so that kills land before, during
    // and after it whatever the machine's speed
    let mut times: Vec<Duration> = (0..5)
        .map(|k| {
            let t = Instant::now();
            assert!(set(dir.path(), &format!("o/p/m{k:04}"), 1).status.success());
            t.elapsed()
        })
        .collect();
    times.sort();
    let window = (times[2].as_micros() as u64 * 3 / 2).max(1000);
    let mut current = fs::read_to_string(&path).unwrap();
    // a small deterministic generator for the milestones, values and delays
    let mut seed: u64 = 0x5eed;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let (mut old, mut new, mut killed_while_running) = (0, 0, 0);
    let start = Instant::now();
    for _ in 0..500 {
        let i = next(300);
        let percent = next(100) as u32 + 1;
        let edit = Edit::set(
            ItemPath::milestone("o", "p", &format!("m{i:04}")),
            Field::Percent,
            Value::Number(percent.into()),
        );
        let expected = edit_text(&current, &[edit]).unwrap();
        let mut child = Command::new(BIN)
            .args(["--today", "2023-06-20", "--data"])
            .arg(dir.path())
            .args([
                "set",
                &format!("o/p/m{i:04}"),
                "--percent",
                &percent.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(next(window)));
        if child.try_wait().unwrap().is_none() {
            killed_while_running += 1;
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let after = fs::read_to_string(&path).unwrap();
        if after == current {
            old += 1;
        } else {
            assert_eq!(after, expected, "neither the old nor the new file");
            new += 1;
            current = after;
        }
        let (o, diags) = parse_objective(&path, "o", &current);
        assert!(o.is_some() && diags.is_empty(), "{diags:?}");
        // the weekly history, written after the data, is whole too
        if let Ok(h) = fs::read_to_string(dir.path().join("history/2023-W25.toml")) {
            stride::core::history::parse(Path::new("h.toml"), &h).unwrap();
        }
    }
    eprintln!(
        "500 saves killed within {window}us of their start: {old} left the old file, {new} the new one; {killed_while_running} were still running when killed; {:?}",
        start.elapsed()
    );
    assert!(
        old > 0 && new > 0 && killed_while_running > 100,
        "the kills landed at varied moments"
    );
    // temporaries left by killed saves are never read as data, and the next
    // start removes them
    let check = Command::new(BIN)
        .arg("--data")
        .arg(dir.path())
        .arg("check")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("checked 1 file: 0 errors"));
    let leftovers = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn escape_sequences_in_titles_are_printed_as_inert_text() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("o.toml"),
        "title = \"evil \\u001b[2J \\u001b]52;c;aGk=\\u0007 end\"\n[project.p]\ntitle = \"P \\u001b[31mred\"\nupdate = \"line\\u001b[1A\"\n[project.p.milestone.m]\ntitle = \"M\"\nblocker = \"\\u009b2J\"\nstatus = \"blocked\"\n",
    )
    .unwrap();
    for (args, shown) in [
        (&["list"][..], "evil ␛[2J ␛]52;c;aGk=␇ end"),
        // the report's Markdown also escapes the brackets (`\[`)
        (&["report"], "evil ␛\\[2J ␛\\]52;c;aGk=␇ end"),
        (&["set", "o/p/m", "--percent", "5"], "blocker  \\u{9b}2J"),
    ] {
        let out = Command::new(BIN)
            .args(["--today", "2023-06-20", "--data"])
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{9b}']),
            "{args:?} printed a control character:\n{text:?}"
        );
        assert!(text.contains(shown), "{args:?}: {text}");
    }
}

#[test]
fn a_symlinked_data_file_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = tempfile::tempdir().unwrap();
    fs::write(real.path().join("team.toml"), big_file(3)).unwrap();
    std::os::unix::fs::symlink(real.path().join("team.toml"), dir.path().join("o.toml")).unwrap();
    let out = set(dir.path(), "o/p/m0001", 42);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        fs::symlink_metadata(dir.path().join("o.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = fs::read_to_string(real.path().join("team.toml")).unwrap();
    assert_eq!(
        text,
        big_file(3).replace(
            "[project.p.milestone.m0001]\ntitle = \"里程碑 1\"\npercent = 0",
            "[project.p.milestone.m0001]\ntitle = \"里程碑 1\"\npercent = 42",
        )
    );
}
