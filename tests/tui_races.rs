//! The TUI racing someone else's writes: undo and redo after the file was
//! read again, and adding or deleting an item before the reload came.

use std::fs;
use std::path::{Path, PathBuf};

use stride::core::{ItemPath, Value};
use stride::tui::action::Action;
use stride::tui::app::{App, Mode};

mod common;
use common::{app_in, find, keys};

fn data(root: &tempfile::TempDir) -> PathBuf {
    root.path().join("data")
}

fn o2(root: &tempfile::TempDir) -> String {
    fs::read_to_string(data(root).join("o2-upgrade.toml")).unwrap()
}

fn rengu() -> ItemPath {
    ItemPath::milestone("o2-upgrade", "pos", "rengu")
}

/// `stride set o2-upgrade/pos/rengu --percent N`, from outside the TUI.
fn set_rengu(dir: &Path, n: &str) {
    common::stride_on(dir, "2023-06-20")
        .args(["set", "o2-upgrade/pos/rengu", "--percent", n])
        .assert()
        .success();
}

/// What the watcher sends once the file settled.
fn reload(app: &mut App) {
    let i = app
        .portfolio
        .files
        .iter()
        .position(|f| f.path.ends_with("o2-upgrade.toml"))
        .unwrap();
    app.dispatch(Action::FileChanged(i));
}

fn percent_in_model(app: &App) -> Option<f64> {
    app.portfolio.get(&rengu()).unwrap().fields().percent
}

fn percent_line(text: &str) -> &str {
    let at = text.find("[project.pos.milestone.rengu]").unwrap();
    text[at..]
        .lines()
        .find(|l| l.starts_with("percent"))
        .unwrap()
}

/// The conflict asked: their value and mine.
fn asked(app: &App) -> (Option<Value>, Option<Value>) {
    let Mode::Conflict(p) = &app.mode else {
        panic!("no question; message: {:?}", app.message)
    };
    (p.conflict.theirs.clone(), p.conflict.mine.clone())
}

#[test]
fn undo_after_a_reload_asks_before_going_over_their_value() {
    for (answer, written, shown) in [("m", "percent = 80", 80.0), ("t", "percent = 50", 50.0)] {
        let (root, mut app) = app_in("en", false);
        find(&mut app, "人谷系统技术栈改造");
        keys(&mut app, "]");
        assert!(percent_line(&o2(&root)).starts_with("percent = 81"));
        set_rengu(&data(&root), "50");
        reload(&mut app);
        assert_eq!(percent_in_model(&app), Some(50.0));
        keys(&mut app, "u");
        assert_eq!(
            asked(&app),
            (Some(Value::Number(50.0)), Some(Value::Number(80.0)))
        );
        assert!(
            percent_line(&o2(&root)).starts_with("percent = 50"),
            "nothing written before the answer"
        );
        keys(&mut app, answer);
        assert!(matches!(app.mode, Mode::Normal), "{answer}");
        assert!(percent_line(&o2(&root)).starts_with(written), "{answer}");
        assert_eq!(percent_in_model(&app), Some(shown), "{answer}");
        assert!(app.unsaved().is_empty(), "{answer}");
    }
}

#[test]
fn redo_after_a_reload_asks_before_going_over_their_value() {
    let (root, mut app) = app_in("en", false);
    find(&mut app, "人谷系统技术栈改造");
    keys(&mut app, "]u");
    assert!(percent_line(&o2(&root)).starts_with("percent = 80"));
    set_rengu(&data(&root), "33");
    reload(&mut app);
    keys(&mut app, "Ctrl-r");
    assert_eq!(
        asked(&app),
        (Some(Value::Number(33.0)), Some(Value::Number(81.0)))
    );
    assert!(percent_line(&o2(&root)).starts_with("percent = 33"));
    keys(&mut app, "m");
    assert!(percent_line(&o2(&root)).starts_with("percent = 81"));
    assert_eq!(percent_in_model(&app), Some(81.0));
}

#[test]
fn the_issues_sequence_never_writes_a_value_silently() {
    // `]`, set 50, reload, `u` (mine: 80), set 33, reload, `Ctrl-r`
    let (root, mut app) = app_in("en", false);
    find(&mut app, "人谷系统技术栈改造");
    keys(&mut app, "]");
    set_rengu(&data(&root), "50");
    reload(&mut app);
    keys(&mut app, "um");
    assert!(percent_line(&o2(&root)).starts_with("percent = 80"));
    set_rengu(&data(&root), "33");
    reload(&mut app);
    keys(&mut app, "Ctrl-r");
    assert_eq!(asked(&app).0, Some(Value::Number(33.0)));
    assert!(percent_line(&o2(&root)).starts_with("percent = 33"));
    keys(&mut app, "t");
    assert!(percent_line(&o2(&root)).starts_with("percent = 33"));
    assert_eq!(percent_in_model(&app), Some(33.0));
}

#[test]
fn adding_an_id_someone_just_added_is_refused_and_theirs_kept() {
    let (root, mut app) = app_in("en", false);
    find(&mut app, "POS"); // the project
    assert_eq!(
        app.selected_path(),
        Some(ItemPath::project("o2-upgrade", "pos"))
    );
    // someone appends a milestone; the watcher has not fired yet
    let theirs = format!(
        "{}\n[project.pos.milestone.newm]\ntitle = \"theirs\"\nnote = \"keep me\"\n",
        o2(&root)
    );
    fs::write(data(&root).join("o2-upgrade.toml"), &theirs).unwrap();
    keys(&mut app, "anewm<Tab>");
    common::paste(&mut app, "mine");
    keys(&mut app, "<Enter>");
    assert_eq!(o2(&root), theirs, "nothing written");
    let message = app.message.clone().unwrap();
    assert!(message.error, "{message:?}");
    assert!(message.text.contains("o2-upgrade/pos/newm"), "{message:?}");
    let newm = ItemPath::milestone("o2-upgrade", "pos", "newm");
    assert_eq!(app.portfolio.get(&newm).unwrap().fields().title, "theirs");
    assert!(app.unsaved().is_empty());
}

#[test]
fn deleting_an_item_changed_meanwhile_asks() {
    for (answer, deleted) in [("m", true), ("t", false)] {
        let (root, mut app) = app_in("en", false);
        find(&mut app, "人谷系统技术栈改造");
        let theirs = o2(&root).replace(
            "percent = 80                  # 周报给出的总体进度\n",
            "percent = 80                  # 周报给出的总体进度\nnote = \"their note\"\n",
        );
        fs::write(data(&root).join("o2-upgrade.toml"), &theirs).unwrap();
        keys(&mut app, "Dy");
        assert!(matches!(app.mode, Mode::Conflict(_)), "{:?}", app.message);
        assert_eq!(o2(&root), theirs, "nothing written before the answer");
        let shown = common::screen::text(&common::screen::draw(&mut app, 120, 30));
        assert!(
            shown.contains("was changed on disk since it was read: delete")
                && shown.contains("m delete anyway"),
            "{shown}"
        );
        keys(&mut app, answer);
        assert!(matches!(app.mode, Mode::Normal), "{answer}");
        let text = o2(&root);
        assert_eq!(!text.contains("rengu"), deleted, "{answer}: {text}");
        assert_eq!(app.portfolio.get(&rengu()).is_none(), deleted, "{answer}");
        if !deleted {
            assert_eq!(text, theirs);
            let note = app.portfolio.get(&rengu()).unwrap().fields().note.clone();
            assert_eq!(note.as_deref(), Some("their note"));
        }
        assert!(app.unsaved().is_empty(), "{answer}");
    }
}

#[test]
fn deleting_an_item_when_another_changed_merges() {
    let (root, mut app) = app_in("en", false);
    find(&mut app, "人谷系统技术栈改造");
    let theirs = o2(&root).replace("title = \"代码扫描问题整改\"", "title = \"代码扫描\"");
    fs::write(data(&root).join("o2-upgrade.toml"), &theirs).unwrap();
    keys(&mut app, "Dy");
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.message);
    let text = o2(&root);
    assert!(!text.contains("rengu") && text.contains("title = \"代码扫描\""));
}
