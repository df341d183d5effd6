//! Tests of the file system layer: atomic writes, own files, locks, reading.

use super::*;

#[test]
fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("o.toml");
    fs::write(&path, "old").unwrap();
    write_atomic(&path, "new".as_bytes()).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["o.toml"]);
}

#[test]
fn temporaries_of_dead_processes_are_cleaned_up() {
    let dir = tempfile::tempdir().unwrap();
    let dead = dir.path().join(".o.toml.stride-4000000-1.tmp");
    let mine = dir
        .path()
        .join(format!(".o.toml.stride-{}-9.tmp", std::process::id()));
    let other = dir.path().join(".notes.tmp");
    for p in [&dead, &mine, &other] {
        fs::write(p, "x").unwrap();
    }
    assert_eq!(clean_temporaries(dir.path()), 1);
    assert!(!dead.exists() && mine.exists() && other.exists());
}

#[cfg(unix)]
#[test]
fn atomic_write_goes_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.toml");
    let link = dir.path().join("link.toml");
    fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    write_atomic(&link, b"new").unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&real).unwrap(), "new");
}

#[test]
fn fingerprints_tell_any_change() {
    let text = b"title = \"O2\"\n[project.a]\ntitle = \"A\"\npercent = 95.46\n".to_vec();
    let base = fingerprint(&text);
    assert_eq!(base, fingerprint(&text.clone()));
    let mut seen = std::collections::HashSet::from([base]);
    for i in 0..text.len() {
        for bit in 0..8 {
            let mut t = text.clone();
            t[i] ^= 1 << bit;
            assert!(seen.insert(fingerprint(&t)), "byte {i} bit {bit}");
        }
        assert!(seen.insert(fingerprint(&text[..i])), "prefix {i}");
    }
    let mut longer = text.clone();
    longer.push(0);
    assert!(seen.insert(fingerprint(&longer)));
}

#[test]
fn atomic_write_creates_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2023-W25.md");
    write_atomic(&path, b"new").unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["2023-W25.md"]);
}

fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

#[test]
fn own_files_never_follow_a_link_nor_leave_the_folder() {
    use std::os::unix::fs::symlink;
    let data = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    fs::write(&victim, "precious").unwrap();
    let history = data.path().join("history");
    fs::create_dir(&history).unwrap();
    // a planted link as the file
    let link = history.join("2023-W25.toml");
    symlink(&victim, &link).unwrap();
    let e = write_own(data.path(), &link, b"x").unwrap_err();
    assert!(
        e.to_string().contains("2023-W25.toml") && e.to_string().contains("link"),
        "{e}"
    );
    // a dangling one
    fs::remove_file(&link).unwrap();
    symlink(outside.path().join("new"), &link).unwrap();
    assert!(write_own(data.path(), &link, b"x").is_err());
    assert!(!outside.path().join("new").exists());
    // a planted link as its folder
    let reports = data.path().join("reports");
    symlink(outside.path(), &reports).unwrap();
    let e = write_own(data.path(), &reports.join("2023-W25.md"), b"x").unwrap_err();
    assert!(e.to_string().contains("reports"), "{e}");
    // outside the folder
    assert!(write_own(data.path(), &outside.path().join("x"), b"x").is_err());
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 1);
    // and a real one is written, its folder made
    let fine = data.path().join("out/2023-W25.md");
    write_own(data.path(), &fine, b"ok").unwrap();
    assert_eq!(fs::read_to_string(&fine).unwrap(), "ok");
}

#[test]
fn planted_lock_links_are_not_followed() {
    use std::os::unix::fs::symlink;
    let data = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    fs::write(&victim, "precious").unwrap();
    let dir = own_dir(data.path()).unwrap();
    symlink(&victim, dir.join("o.toml.lock")).unwrap();
    let e = lock(data.path(), &data.path().join("o.toml"))
        .err()
        .unwrap();
    assert!(e.to_string().contains("o.toml.lock"), "{e}");
    // a link to a missing file is not created through either
    symlink(outside.path().join("new"), dir.join("p.toml.lock")).unwrap();
    assert!(lock(data.path(), &data.path().join("p.toml")).is_err());
    assert!(!outside.path().join("new").exists());
    // nor is a linked .stride
    let other = tempfile::tempdir().unwrap();
    symlink(outside.path(), other.path().join(OWN_DIR)).unwrap();
    let e = lock(other.path(), &other.path().join("o.toml"))
        .err()
        .unwrap();
    assert!(e.to_string().contains("link"), "{e}");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 1);
}

#[test]
fn only_regular_files_of_a_sane_size_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.toml");
    mkfifo(&fifo);
    // a writer that never comes would block a plain read forever
    let e = read_regular(&fifo).unwrap_err();
    assert!(e.to_string().contains("FIFO"), "{e}");
    let zero = dir.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let e = read_regular(&zero).unwrap_err();
    assert!(e.to_string().contains("device"), "{e}");
    let e = read_regular(dir.path()).unwrap_err();
    assert!(e.to_string().contains("folder"), "{e}");
    let big = dir.path().join("big.toml");
    File::create(&big)
        .unwrap()
        .set_len(MAX_FILE_SIZE + 1)
        .unwrap();
    let e = read_regular(&big).unwrap_err();
    assert!(e.to_string().contains("64 MiB"), "{e}");
    let fine = dir.path().join("o.toml");
    fs::write(&fine, "a = 1\n").unwrap();
    assert_eq!(read_regular(&fine).unwrap(), b"a = 1\n");
    assert_eq!(
        read_regular(&dir.path().join("none")).unwrap_err().kind(),
        io::ErrorKind::NotFound
    );
}
