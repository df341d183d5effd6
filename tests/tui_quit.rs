//! Quitting with edits that are not on disk (a refused save): `q` asks
//! (save again, discard, stay), and edits left by a session that ended
//! without asking are offered at the next start.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use stride::core::{ItemPath, load_dir};
use stride::tui::app::App;

mod common;
use common::today;

const FILE: &str = "o2-upgrade.toml";

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// The sample, with 迁移进度 raised to 100% while its file is read-only
/// (mode 0444, which stride refuses even as root): the edit is kept,
/// unsaved.
fn unsaved_edit() -> (tempfile::TempDir, App, PathBuf, String) {
    let dir = common::sample();
    let file = dir.path().join(FILE);
    let before = fs::read_to_string(&file).unwrap();
    let mut app = App::new(load_dir(dir.path()).unwrap(), today());
    common::find(&mut app, "迁移进度");
    set_mode(&file, 0o444);
    common::keys(&mut app, "+");
    assert!(
        app.unsaved()
            .contains(&ItemPath::milestone("o2-upgrade", "hive", "migration")),
        "the refused save keeps the edit"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
    (dir, app, file, before)
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn q_with_unsaved_edits_asks_instead_of_quitting() {
    let (_dir, mut app, file, before) = unsaved_edit();
    common::keys(&mut app, "q");
    assert!(!app.quit, "q quit and dropped the unsaved edit");
    // Esc: stay, the edit still there
    common::keys(&mut app, "<Esc>");
    assert!(!app.quit);
    assert_eq!(app.unsaved().len(), 1);
    assert_eq!(app.selected_item().unwrap().percent(), 100.0);
    // Ctrl-c asks too
    common::keys(&mut app, "Ctrl-c");
    assert!(!app.quit, "Ctrl-c quit and dropped the unsaved edit");
    common::keys(&mut app, "<Esc>");
    // save again, still refused: stride stays, saying why
    common::keys(&mut app, "qs");
    assert!(!app.quit, "quit though the save failed again");
    assert!(message(&app).contains("read-only"), "{}", message(&app));
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
    // the file writable again: save again writes it, then quits
    set_mode(&file, 0o644);
    common::keys(&mut app, "qs");
    assert!(app.quit);
    assert!(app.unsaved().is_empty());
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        before.replace("percent = 95.46", "percent = 100")
    );
}

#[test]
fn discard_quits_without_the_edit() {
    let (_dir, mut app, file, before) = unsaved_edit();
    common::keys(&mut app, "q");
    assert!(!app.quit);
    set_mode(&file, 0o644);
    common::keys(&mut app, "d");
    assert!(app.quit, "d discards and quits");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        before,
        "nothing written"
    );
}

#[test]
fn q_with_everything_saved_quits_at_once() {
    let dir = common::sample();
    let mut app = App::new(load_dir(dir.path()).unwrap(), today());
    common::find(&mut app, "迁移进度");
    common::keys(&mut app, "+");
    assert!(app.unsaved().is_empty());
    common::keys(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn the_quit_question_names_the_unsaved_items_and_its_keys() {
    let (_dir, mut app, _file, _) = unsaved_edit();
    common::keys(&mut app, "q");
    let screen = common::screen::text(&common::screen::draw(&mut app, 80, 24));
    assert!(screen.contains("quit with unsaved edits?"), "{screen}");
    assert!(screen.contains("o2-upgrade/hive/migration"), "{screen}");
    assert!(screen.contains("s save again"), "{screen}");
}

/// Edits left in the recovery file, as a session ended by a signal
/// leaves them: the unsaved edit of [`unsaved_edit`].
fn left_by_a_signal() -> (tempfile::TempDir, PathBuf, String) {
    let (dir, app, file, before) = unsaved_edit();
    let r = app.unsaved_recovery();
    assert_eq!(r.len(), 1);
    stride::core::recovery::add(dir.path(), &r).unwrap();
    drop(app);
    set_mode(&file, 0o644);
    (dir, file, before)
}

fn started(dir: &Path) -> App {
    let mut app = App::new(load_dir(dir).unwrap(), today());
    app.offer_recovery();
    app
}

fn recovery_file(dir: &Path) -> PathBuf {
    dir.join(".stride/recovery.toml")
}

#[test]
fn edits_left_by_a_signal_are_offered_and_reapplied_through_the_save() {
    let (dir, file, before) = left_by_a_signal();
    let text = fs::read_to_string(recovery_file(dir.path())).unwrap();
    assert!(text.contains("version = 1"), "{text}");
    assert!(text.contains("o2-upgrade/hive/migration"), "{text}");
    let mut app = started(dir.path());
    let screen = common::screen::text(&common::screen::draw(&mut app, 80, 24));
    assert!(screen.contains("edits not saved last time"), "{screen}");
    assert!(
        screen.contains("o2-upgrade/hive/migration · percent = 100"),
        "{screen}"
    );
    // keys typed ahead do nothing
    common::keys(&mut app, "jq+");
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
    common::keys(&mut app, "r");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        before.replace("percent = 95.46", "percent = 100")
    );
    assert!(
        message(&app).contains("applied again: 1"),
        "{}",
        message(&app)
    );
    assert!(!recovery_file(dir.path()).exists());
    // an edit as any other: undo takes it back
    common::keys(&mut app, "u");
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn later_keeps_the_file_and_discard_removes_it() {
    let (dir, file, before) = left_by_a_signal();
    let mut app = started(dir.path());
    common::keys(&mut app, "<Esc>");
    assert!(recovery_file(dir.path()).exists(), "later: kept");
    assert!(message(&app).contains("next start"), "{}", message(&app));
    let mut app = started(dir.path());
    common::keys(&mut app, "d");
    assert!(!recovery_file(dir.path()).exists());
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
    assert!(started(dir.path()).message.is_none(), "nothing asked");
}

#[test]
fn a_recovered_edit_over_a_field_changed_since_is_a_conflict() {
    let (dir, file, before) = left_by_a_signal();
    // someone set the same field meanwhile
    let theirs = before.replace("percent = 95.46", "percent = 97");
    fs::write(&file, &theirs).unwrap();
    let mut app = started(dir.path());
    common::keys(&mut app, "r");
    assert!(
        matches!(app.mode, stride::tui::app::Mode::Conflict(_)),
        "{:?}",
        app.mode
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), theirs);
    common::keys(&mut app, "m");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        before.replace("percent = 95.46", "percent = 100")
    );
}

#[test]
fn edits_that_no_longer_apply_stay_in_the_file() {
    let (dir, _file, _) = left_by_a_signal();
    // the milestone was removed meanwhile
    let mut r = stride::core::recovery::read(dir.path()).unwrap().unwrap();
    let text = r.to_toml().replace("hive/migration", "hive/gone");
    r = stride::core::recovery::Recovery::from_toml(&text).unwrap();
    stride::core::recovery::write(dir.path(), &r).unwrap();
    let mut app = started(dir.path());
    common::keys(&mut app, "r");
    assert!(message(&app).contains("could not be"), "{}", message(&app));
    let left = stride::core::recovery::read(dir.path()).unwrap().unwrap();
    assert_eq!(left, r);
}
