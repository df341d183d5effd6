//! Tests of saving: merges, conflicts, faults at every step of a write.

use std::fs;
use std::io;
use std::path::Path;

use super::*;
use crate::core::edit::Field;
use crate::core::fsio::Step;
use crate::core::model::ItemPath;

const FILE: &str = r#"# the objective
title = "O2"   # title comment

[project.hive]   # hive!
title = "HIVE"
percent   =   97    # explicit
  due = 2023-06-30

# a milestone
[project.hive.milestone.migration]
title = 'migration'
percent = 95.46 # of 164
"#;

fn mig() -> ItemPath {
    ItemPath::milestone("o2", "hive", "migration")
}

fn source(path: &Path) -> SourceFile {
    SourceFile {
        path: path.to_path_buf(),
        fingerprint: fingerprint(&fs::read(path).unwrap()),
        loaded: true,
        diagnostics: vec![],
        plain: crate::core::load::is_plain(path, &fs::read_to_string(path).unwrap()),
        conflicts: Vec::new(),
    }
}

fn pct(path: ItemPath, n: f64) -> (Change, Change) {
    (
        Change::field(Edit::set(path.clone(), Field::Percent, Value::Number(n))),
        Change::field(Edit::set(path, Field::Percent, Value::Number(95.46))),
    )
}

#[test]
fn a_change_made_on_disk_to_another_field_is_kept_and_ours_applied_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("o2.toml");
    fs::write(&path, FILE).unwrap();
    let mut file = source(&path);
    let theirs = FILE.replace("title = 'migration'", "title = '迁移进度'");
    fs::write(&path, &theirs).unwrap();
    let (change, inverse) = pct(mig(), 96.0);
    let saved = save_changes(&mut file, &[change], &mut [inverse]).unwrap();
    assert!(saved.merged);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs.replace("95.46 # of 164", "96 # of 164")
    );
    assert_eq!(file.fingerprint, fingerprint(&fs::read(&path).unwrap()));
    // nothing changed on disk since: not a merge
    let (change, _) = pct(mig(), 97.0);
    let inverse = Change::field(Edit::set(mig(), Field::Percent, Value::Number(96.0)));
    assert!(
        !save_changes(&mut file, &[change], &mut [inverse])
            .unwrap()
            .merged
    );
}

#[test]
fn the_same_field_changed_on_disk_is_a_conflict_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("o2.toml");
    fs::write(&path, FILE).unwrap();
    let mut file = source(&path);
    let theirs = FILE.replace("95.46 # of 164", "90 # of 164");
    fs::write(&path, &theirs).unwrap();
    let (change, inverse) = pct(mig(), 96.0);
    let err = save_changes(&mut file, &[change], &mut [inverse]).unwrap_err();
    let SaveError::Conflict(c) = &err else {
        panic!("{err}")
    };
    assert_eq!(
        (c.theirs.clone(), c.mine.clone()),
        (Some(Value::Number(90.0)), Some(Value::Number(96.0)))
    );
    assert!(
        err.to_string().ends_with(
            "`o2/hive/migration` percent was changed on disk to 90 (yours: 96); not overwriting it"
        ),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    // the same value on both sides is no conflict
    let (change, inverse) = pct(mig(), 90.0);
    assert!(save_changes(&mut file, &[change], &mut [inverse]).is_ok());
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn an_item_removed_on_disk_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("o2.toml");
    fs::write(&path, FILE).unwrap();
    let mut file = source(&path);
    let cut = FILE.find("# a milestone").unwrap();
    fs::write(&path, &FILE[..cut]).unwrap();
    let (change, inverse) = pct(mig(), 96.0);
    let err = save_changes(&mut file, &[change], &mut [inverse]).unwrap_err();
    assert!(
        err.to_string()
            .contains("`o2/hive/migration` is no longer in the file"),
        "{err}"
    );
}

/// Fails one step of every write.
struct FailAt(Step);

impl Disk for FailAt {
    fn before(&self, step: Step, _path: &Path) -> io::Result<()> {
        if step == self.0 {
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        } else {
            Ok(())
        }
    }
}

#[test]
fn a_failure_at_any_step_leaves_the_old_file_and_no_temporary() {
    for step in [Step::CreateTemp, Step::Write, Step::Fsync, Step::Rename] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("o2.toml");
        fs::write(&path, FILE).unwrap();
        let mut file = source(&path);
        let before = file.fingerprint;
        let (change, inverse) = pct(mig(), 96.0);
        let err = save_changes_on(&FailAt(step), &mut file, &[change], &mut [inverse]).unwrap_err();
        assert!(
            err.to_string().contains("No space left on device"),
            "{step:?}: {err}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), FILE, "{step:?}");
        assert_eq!(
            file.fingerprint, before,
            "{step:?}: the edit is still to be saved"
        );
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != crate::core::fsio::OWN_DIR)
            .collect();
        assert_eq!(names, ["o2.toml"], "{step:?}");
    }
}

#[test]
fn a_read_only_file_gives_a_clear_message() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("o2.toml");
    fs::write(&path, FILE).unwrap();
    let mut file = source(&path);
    // a read-only folder: no temporary file can be made beside the data
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let (change, inverse) = pct(mig(), 96.0);
    let result = save_changes(&mut file, &[change], &mut [inverse]);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    if let Err(e) = result {
        assert!(e.to_string().contains("Permission denied"), "{e}");
        assert_eq!(fs::read_to_string(&path).unwrap(), FILE);
    } else {
        // root ignores permissions: nothing to check but the result
        assert!(fs::read_to_string(&path).unwrap().contains("percent = 96"));
    }
}

#[test]
fn a_conflicted_file_loads_as_ours_saves_around_the_markers_and_settles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("o2.toml");
    let merged = crate::core::merge::merge(
        FILE,
        &FILE.replace("95.46 #", "96 #"),
        &FILE.replace("95.46 #", "97 #"),
        crate::core::merge::OnConflict::Mark,
    )
    .unwrap();
    fs::write(&path, &merged.text).unwrap();
    let (mut file, objective) = crate::core::load::load_file(&path, fs::read(&path));
    // loads with our value, the block an error at its line
    let o = objective.expect("loads around the markers");
    assert_eq!(o.projects[0].milestones[0].fields.percent, Some(96.0));
    let errors: Vec<String> = file.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        errors,
        vec![format!(
            "{}:12:1: error: unresolved merge conflict in o2/hive/migration: percent 96 (ours) or 97 (theirs)",
            path.display()
        )]
    );
    // another field: saved, the markers stay as they were
    let (c, mut inv) = (
        Change::field(Edit::set(mig(), Field::Title, Value::Text("迁移".into()))),
        Change::field(Edit::set(
            mig(),
            Field::Title,
            Value::Text("migration".into()),
        )),
    );
    save_changes(&mut file, &[c], std::slice::from_mut(&mut inv)).unwrap();
    let now = fs::read_to_string(&path).unwrap();
    assert_eq!(now, merged.text.replace("'migration'", "\"迁移\""));
    assert_eq!(file.conflicts.len(), 1);
    assert_eq!(
        marked_conflicts(&file),
        vec![Conflict {
            file: path.clone(),
            item: mig(),
            field: Field::Percent,
            mine: Some(Value::Number(96.0)),
            theirs: Some(Value::Number(97.0)),
        }]
    );
    // the field itself set (theirs chosen): settled, no marker left
    let (c, mut inv) = pct(mig(), 97.0);
    save_changes(&mut file, &[c], std::slice::from_mut(&mut inv)).unwrap();
    let now = fs::read_to_string(&path).unwrap();
    assert_eq!(
        now,
        FILE.replace("'migration'", "\"迁移\"")
            .replace("95.46 #", "97 #")
    );
    assert!(file.conflicts.is_empty());
    let (file, _) = crate::core::load::load_file(&path, fs::read(&path));
    assert!(file.diagnostics.is_empty(), "{:?}", file.diagnostics);
}

/// The lines of `after` that differ from `before`, which must have as many.
fn lines_changed(before: &str, after: &str) -> usize {
    let (a, b): (Vec<_>, Vec<_>) = (
        before.split_inclusive('\n').collect(),
        after.split_inclusive('\n').collect(),
    );
    assert_eq!(a.len(), b.len(), "{after:?}");
    a.iter().zip(&b).filter(|(x, y)| x != y).count()
}

fn title(path: ItemPath, new: &str, old: &str) -> (Change, Change) {
    (
        Change::field(Edit::set(
            path.clone(),
            Field::Title,
            Value::Text(new.into()),
        )),
        Change::field(Edit::set(path, Field::Title, Value::Text(old.into()))),
    )
}

/// Saves one change to a file holding `text`, returning the new text.
fn save_one(text: &str, change: (Change, Change)) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("o2.toml");
    fs::write(&path, text).unwrap();
    let mut file = source(&path);
    save_changes(&mut file, &[change.0], &mut [change.1]).unwrap();
    let after = fs::read_to_string(&path).unwrap();
    assert_eq!(file.fingerprint, fingerprint(after.as_bytes()));
    after
}

#[test]
fn crlf_bom_and_spaced_headers_survive_and_one_edit_changes_one_line() {
    let spaced = FILE
        .replace("[project.hive]", "[ project . hive ]")
        .replace(
            "[project.hive.milestone.migration]",
            "[project . hive . milestone.migration]",
        );
    let crlf = FILE.replace('\n', "\r\n");
    let bom = format!("\u{feff}{FILE}");
    let all = format!("\u{feff}{}", spaced.replace('\n', "\r\n"));
    for (name, text) in [
        ("crlf", &crlf),
        ("bom", &bom),
        ("spaced", &spaced),
        ("all", &all),
    ] {
        for (what, change) in [
            ("milestone", pct(mig(), 96.0)),
            (
                "project",
                title(ItemPath::project("o2", "hive"), "蜂巢", "HIVE"),
            ),
            ("objective", title(ItemPath::objective("o2"), "O3", "O2")),
        ] {
            let after = save_one(text, change);
            assert_eq!(lines_changed(text, &after), 1, "{name} {what}: {after:?}");
            assert_eq!(
                after.starts_with('\u{feff}'),
                text.starts_with('\u{feff}'),
                "{name} {what}"
            );
            assert_eq!(
                after.matches("\r\n").count(),
                text.matches("\r\n").count(),
                "{name} {what}: {after:?}"
            );
        }
    }
}

#[test]
fn a_save_keeps_owner_group_and_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("o2.toml");
    fs::write(&path, FILE).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    // as root (CI), give the file to someone else: the save must keep them
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        std::os::unix::fs::chown(&path, Some(4321), Some(4322)).unwrap();
    }
    let before = fs::metadata(&path).unwrap();
    let mut file = source(&path);
    let (change, inverse) = pct(mig(), 96.0);
    save_changes(&mut file, &[change], &mut [inverse]).unwrap();
    let after = fs::metadata(&path).unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("percent = 96 "));
    assert_eq!(after.mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if root {
        assert_eq!((after.uid(), after.gid()), (4321, 4322));
    }
}

#[test]
fn a_file_no_one_may_write_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("o2.toml");
    fs::write(&path, FILE).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let mut file = source(&path);
    let (change, inverse) = pct(mig(), 96.0);
    let e = save_changes(&mut file, &[change], &mut [inverse]).unwrap_err();
    let message = e.to_string();
    assert!(
        message.contains("o2.toml") && message.contains("read-only"),
        "{message}"
    );
    assert!(
        matches!(e, SaveError::Io { ref error, .. } if error.kind() == io::ErrorKind::PermissionDenied)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), FILE);
    use std::os::unix::fs::MetadataExt;
    assert_eq!(fs::metadata(&path).unwrap().mode() & 0o777, 0o444);
}

/// The sample file loaded, and a change to it applied to the model: the
/// model, the change and its inverse, as the TUI has them before saving.
fn loaded_with(change: Change) -> (tempfile::TempDir, Portfolio, Change, Change) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("o2.toml"), FILE).unwrap();
    let mut p = crate::core::load::load_dir(dir.path()).unwrap();
    let inverse = p.apply_change(&change).unwrap();
    (dir, p, change, inverse)
}

#[test]
fn adding_an_id_someone_added_on_disk_meanwhile_is_refused() {
    let add = Change::Add {
        path: ItemPath::milestone("o2", "hive", "newm"),
        title: "mine".into(),
        restore: None,
    };
    let (dir, mut p, change, inverse) = loaded_with(add);
    let path = dir.path().join("o2.toml");
    let theirs = format!("{FILE}\n[project.hive.milestone.newm]\ntitle = \"theirs\"\n");
    fs::write(&path, &theirs).unwrap();
    let err = save_changes(&mut p.files[0], &[change], &mut [inverse]).unwrap_err();
    assert!(matches!(err, SaveError::Taken { .. }), "{err:?}");
    assert!(err.to_string().contains("`o2/hive/newm`"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn removing_an_item_changed_on_disk_meanwhile_is_refused_and_another_merges() {
    let remove = Change::Remove { path: mig() };
    // their change to the removed item: refused, nothing written
    let (dir, mut p, change, inverse) = loaded_with(remove.clone());
    let path = dir.path().join("o2.toml");
    let theirs = FILE.replace("95.46 # of 164", "95.46 # of 164\nnote = \"theirs\"");
    fs::write(&path, &theirs).unwrap();
    let err = save_changes(&mut p.files[0], &[change], &mut [inverse]).unwrap_err();
    assert!(matches!(err, SaveError::Changed { .. }), "{err:?}");
    assert!(err.to_string().contains("`o2/hive/migration`"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    // their change elsewhere: merged
    let (dir, mut p, change, inverse) = loaded_with(remove);
    let path = dir.path().join("o2.toml");
    let theirs = FILE.replace("title = \"HIVE\"", "title = \"HIVE 2\"");
    fs::write(&path, &theirs).unwrap();
    let saved = save_changes(&mut p.files[0], &[change], &mut [inverse]).unwrap();
    assert!(saved.merged);
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("HIVE 2") && !text.contains("migration"),
        "{text}"
    );
}
