//! `stride check` reads plain files a section at a time, warnings and all:
//! its diagnostics, their places and their order are those of the
//! whole-file parse, on generated files with warnings and errors.

use std::fmt::Write as _;
use std::path::Path;

use stride::core::load::{check_dir, parse_sectioned, parse_whole};
use stride::core::text::sanitize;

mod common;

use common::rng::Rng;

/// Lines of an item: mostly valid, many contradicting each other (the
/// warnings), a few errors, unknown keys.
const LINES: &[&str] = &[
    "status = \"done\"",
    "status = \"blocked\"",
    "status = \"in_progress\"",
    "status = \"dropped\"",
    "percent = 40",
    "percent = 100",
    "percent = 0",
    "total = 10",
    "done = 3",
    "done = 12",
    "blocker = \"等待上游\"",
    "blocker = \"\"",
    "owner = \"张三\"",
    "due = 2023-06-30",
    "start = 2023-07-30",
    "note = \"说明\"",
    "colour = \"red\"",
    "标签 = 1",
    "percent = \"x\"",
    "stage = \"dev\"",
    "stage = \"test\"",
    "stage = \"launch\"",
    "stage = \"nope\"",
    "update = \"本周\"",
    "# a comment",
    "",
];

/// An objective file of the plain shape (and sometimes not): root keys,
/// projects with stages, milestones in any project's order, other tables.
fn generated(r: &mut Rng) -> String {
    let mut s = String::new();
    if r.below(8) != 0 {
        s.push_str("title = \"目标\"\n");
    }
    for _ in 0..r.below(3) {
        let _ = writeln!(s, "{}", r.pick(LINES));
    }
    let other = |r: &mut Rng, s: &mut String| match r.below(4) {
        0 => s.push_str("[metric.m]\ntitle = \"M\"\nvalue = 1\n"),
        1 => s.push_str("[metric.n]\ntitle = \"N\"\nvalue = 1\nshade = 2\n"),
        2 => s.push_str("[[incident]]\ntitle = \"I\"\nat = 2023-06-01T10:00:00\n"),
        _ => s.push_str("[[other]]\ntitle = \"O\"\n"),
    };
    if r.below(6) == 0 {
        other(r, &mut s);
    }
    let projects = r.below(4);
    let mut written = 0;
    let mut milestones = vec![0usize; projects];
    for _ in 0..projects * 4 {
        // a new project, or a milestone of one written already
        if written < projects && (written == 0 || r.below(3) == 0) {
            let _ = writeln!(s, "[project.p{written}]");
            if r.below(10) != 0 {
                let _ = writeln!(s, "title = \"项目{written}\"");
            }
            if r.below(2) == 0 {
                s.push_str("stages = [\"dev\", \"test\", \"launch\"]\n");
            }
            for _ in 0..r.below(4) {
                let _ = writeln!(s, "{}", r.pick(LINES));
            }
            written += 1;
        } else if written > 0 {
            let p = r.below(written);
            let _ = writeln!(s, "[project.p{p}.milestone.m{}]", milestones[p]);
            milestones[p] += 1;
            if r.below(10) != 0 {
                s.push_str("title = \"里程碑\"\n");
            }
            for _ in 0..r.below(5) {
                let _ = writeln!(s, "{}", r.pick(LINES));
            }
        }
        if r.below(20) == 0 {
            other(r, &mut s);
        }
    }
    s
}

#[test]
fn sections_give_the_whole_parse_diagnostics_in_its_order() {
    let path = Path::new("o.toml");
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut sectioned, mut with_warnings, mut cases) = (0, 0, 0);
    for _ in 0..4000 {
        let text = generated(&mut r);
        cases += 1;
        let (whole, whole_diags) = parse_whole(path, "o", &text);
        if let Some((o, diags)) = parse_sectioned(path, "o", &text) {
            sectioned += 1;
            with_warnings += usize::from(!diags.is_empty());
            assert_eq!(diags, whole_diags, "{text}");
            assert_eq!(Some(o), whole, "{text}");
            assert!(!diags.iter().any(|d| d.is_error()), "{text}");
        }
    }
    // most plain files with warnings go a section at a time
    assert!(with_warnings > cases / 20, "{with_warnings} of {cases}");
    assert!(sectioned < cases, "errors are left to the whole parse");
}

#[test]
fn check_prints_what_the_whole_parse_finds() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = Rng(0x2545_F491_4F6C_DD1D);
    let mut expected = Vec::new();
    let (mut errors, mut warnings) = (0, 0);
    for i in 0..40 {
        let text = generated(&mut r);
        let name = format!("o{i:02}.toml");
        let path = dir.path().join(&name);
        std::fs::write(&path, &text).unwrap();
        let (_, diags) = parse_whole(&path, &format!("o{i:02}"), &text);
        for d in &diags {
            if d.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
            expected.push(sanitize(&d.to_string(), false).into_owned());
        }
        let loaded = check_dir(dir.path()).unwrap();
        assert_eq!(loaded.files[i].diagnostics, diags, "{text}");
        assert!(loaded.objectives.is_empty());
    }
    assert!(
        errors > 0 && warnings > 0,
        "{errors} errors, {warnings} warnings"
    );
    let out = common::stride_on(dir.path(), "2023-06-20")
        .arg("check")
        .assert()
        .failure()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[..expected.len()], expected[..]);
    assert_eq!(
        lines[expected.len()],
        format!("checked 40 files: {errors} errors, {warnings} warnings")
    );
}
