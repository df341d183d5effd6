//! Hostile files in the data folder: planted links where stride writes its
//! own files, FIFOs, folders and devices where it reads data, CRLF and BOM
//! files edited from the command line. Every run of the binary has a
//! timeout, so a regression fails instead of hanging.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

const FILE: &str = "title = \"O\"\n\n[project.p]\ntitle = \"P\"\n\n[project.p.milestone.m]\ntitle = \"M\"\npercent = 10\n";
const VICTIM: &str = "precious: not stride's\n";

fn stride(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("stride").unwrap();
    c.args(["--today", "2023-06-20", "--data"])
        .arg(dir)
        .timeout(Duration::from_secs(30));
    c
}

fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).unwrap().file_type().is_symlink()
}

#[test]
fn a_planted_history_link_is_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    fs::write(&victim, VICTIM).unwrap();
    fs::write(dir.path().join("o.toml"), FILE).unwrap();
    fs::create_dir(dir.path().join("history")).unwrap();
    let link = dir.path().join("history/2023-W25.toml");
    symlink(&victim, &link).unwrap();
    let out = stride(dir.path())
        .args(["set", "o/p/m", "--percent", "20"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // the edit itself is saved; the history is refused, naming the link
    assert!(out.status.success(), "{stderr}");
    assert!(
        fs::read_to_string(dir.path().join("o.toml"))
            .unwrap()
            .contains("percent = 20")
    );
    assert!(
        stderr.contains("2023-W25.toml") && stderr.contains("link"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), VICTIM);
    assert!(is_link(&link));
}

#[test]
fn a_planted_history_folder_link_is_not_written_into() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("o.toml"), FILE).unwrap();
    symlink(outside.path(), dir.path().join("history")).unwrap();
    let out = stride(dir.path())
        .args(["set", "o/p/m", "--percent", "20"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("history") && stderr.contains("link"),
        "{stderr}"
    );
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn a_planted_report_link_is_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.md");
    fs::write(&victim, VICTIM).unwrap();
    fs::write(dir.path().join("o.toml"), FILE).unwrap();
    fs::create_dir(dir.path().join("reports")).unwrap();
    let link = dir.path().join("reports/2023-W25.md");
    symlink(&victim, &link).unwrap();
    // `stride report -o` into the data folder's reports/
    let out = stride(dir.path())
        .arg("report")
        .arg("-o")
        .arg(&link)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("2023-W25.md") && stderr.contains("link"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), VICTIM);
    // the writer the TUI's `r` uses
    let e = stride::core::report::write_file(dir.path(), &link, "# report\n").unwrap_err();
    assert!(e.to_string().contains("link"), "{e}");
    assert_eq!(fs::read_to_string(&victim).unwrap(), VICTIM);
    assert!(is_link(&link));
    // a report written outside the data folder goes where the user said
    let mine = outside.path().join("mine.md");
    stride::core::report::write_file(dir.path(), &mine, "# report\n").unwrap();
    assert_eq!(fs::read_to_string(&mine).unwrap(), "# report\n");
}

/// A data folder with a FIFO, a folder, a link to `/dev/zero` and a
/// dangling link where data files are expected.
fn special_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("o.toml"), FILE).unwrap();
    mkfifo(&d.join("fifo.toml"));
    fs::create_dir(d.join("folder.toml")).unwrap();
    symlink("/dev/zero", d.join("zero.toml")).unwrap();
    symlink(d.join("missing-target.toml"), d.join("gone.toml")).unwrap();
    fs::create_dir(d.join("history")).unwrap();
    mkfifo(&d.join("history/2023-W24.toml"));
    symlink("/dev/zero", d.join("history/2023-W23.toml")).unwrap();
    dir
}

#[test]
fn special_files_are_reported_by_check_not_read_forever() {
    let dir = special_folder();
    let out = stride(dir.path()).arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = |name: &str| {
        stdout
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no line for {name}: {stdout}"))
            .to_string()
    };
    assert!(line("fifo.toml").contains("warning") && line("fifo.toml").contains("FIFO"));
    assert!(line("folder.toml").contains("warning") && line("folder.toml").contains("folder"));
    assert!(line("zero.toml").contains("warning") && line("zero.toml").contains("device"));
    assert!(line("2023-W24.toml").contains("warning") && line("2023-W24.toml").contains("FIFO"));
    assert!(line("2023-W23.toml").contains("warning"));
    // a linked objective whose target is missing is an error
    assert!(line("gone.toml").contains("error"), "{stdout}");
    assert!(!out.status.success());
}

#[test]
fn special_files_do_not_block_the_report_or_a_save() {
    let dir = special_folder();
    // the report is written, and says (exit 1) what could not be read
    let out = stride(dir.path()).arg("report").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("gone.toml"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("M"));
    let out = stride(dir.path())
        .args(["report", "--week", "2023-W24"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("FIFO"), "{stderr}");
    let out = stride(dir.path())
        .args(["set", "o/p/m", "--percent", "30"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn special_settings_files_are_an_error_not_a_hang() {
    for plant in ["fifo", "zero"] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("o.toml"), FILE).unwrap();
        let settings = dir.path().join(".stride.toml");
        match plant {
            "fifo" => mkfifo(&settings),
            _ => symlink("/dev/zero", &settings).unwrap(),
        }
        let out = stride(dir.path()).arg("check").output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains(".stride.toml") && stdout.contains("not a regular file"),
            "{plant}: {stdout}"
        );
        // the report is written, and says (exit 1) the settings were not read
        let out = stride(dir.path()).arg("report").output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{plant}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(".stride.toml"),
            "{plant}"
        );
        assert!(!out.stdout.is_empty(), "{plant}");
    }
}

#[test]
fn a_crlf_bom_file_edited_from_the_command_line_changes_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "\u{feff}{}",
        FILE.replace("[project.p]", "[ project . p ]")
            .replace('\n', "\r\n")
    );
    let path = dir.path().join("o.toml");
    fs::write(&path, &text).unwrap();
    for args in [
        ["set", "o/p/m", "--percent", "20"],
        ["set", "o", "--title", "New"],
    ] {
        let before = fs::read_to_string(&path).unwrap();
        let out = stride(dir.path()).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let after = fs::read_to_string(&path).unwrap();
        let (a, b): (Vec<_>, Vec<_>) = (
            before.split_inclusive('\n').collect(),
            after.split_inclusive('\n').collect(),
        );
        assert_eq!(a.len(), b.len(), "{args:?}: {after:?}");
        let changed = a.iter().zip(&b).filter(|(x, y)| x != y).count();
        assert_eq!(changed, 1, "{args:?}: {after:?}");
        assert!(after.starts_with('\u{feff}'), "{args:?}");
        assert!(
            !after.replace("\r\n", "").contains('\n'),
            "{args:?}: {after:?}"
        );
    }
}
