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
    app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
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
    assert_eq!(fs::read_to_string(&file).unwrap(), before, "nothing written");
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
