//! An empty data folder in the TUI: the screen says how to start, and `a`
//! adds the first objective (a new file).

use std::fs;

use stride::core::load_dir;
use stride::tui::app::{App, Mode};

#[macro_use]
mod common;
use common::screen::{draw, text};
use common::today;

/// An app over an empty `data/` folder whose labels are in `language`.
fn empty(language: &str) -> (tempfile::TempDir, App) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    fs::create_dir(&dir).unwrap();
    fs::write(
        dir.join(".stride.toml"),
        format!("language = \"{language}\"\n"),
    )
    .unwrap();
    let app = App::new(load_dir(&dir).unwrap(), today());
    (root, app)
}

#[test]
fn the_empty_folder_screen_says_how_to_start_en() {
    let (d, mut app) = empty("en");
    let t = draw(&mut app, 80, 24);
    let screen = text(&t);
    assert!(screen.contains("add an objective here"), "{screen}");
    assert!(screen.contains("stride init"), "{screen}");
    check!(&d, "empty_folder_80x24_en", &t);
}

#[test]
fn the_empty_folder_screen_says_how_to_start_zh() {
    let (d, mut app) = empty("zh");
    let t = draw(&mut app, 80, 24);
    let screen = text(&t);
    assert!(screen.contains("新建一个目标"), "{screen}");
    assert!(screen.contains("stride init"), "{screen}");
    check!(&d, "empty_folder_80x24_zh", &t);
}

#[test]
fn a_on_an_empty_tree_adds_an_objective_file() {
    let (d, mut app) = empty("en");
    common::keys(&mut app, "a");
    assert!(matches!(app.mode, Mode::Form(_)), "the add form is open");
    let t = draw(&mut app, 80, 24);
    assert!(text(&t).contains("Add an objective"), "{}", text(&t));
    common::paste(&mut app, "o1-pay");
    common::keys(&mut app, "<Tab>");
    common::paste(&mut app, "O1 支付");
    common::keys(&mut app, "<Enter>");
    assert!(matches!(app.mode, Mode::Normal));
    let file = d.path().join("data/o1-pay.toml");
    assert_eq!(fs::read_to_string(&file).unwrap(), "title = \"O1 支付\"\n");
    // the model follows, the new objective is selected, and the file loads
    assert_eq!(app.portfolio.objectives.len(), 1);
    assert_eq!(app.selected_path().unwrap().to_string(), "o1-pay");
    let message = app.message.as_ref().unwrap();
    assert!(
        !message.error && message.text.contains("o1-pay.toml"),
        "{message:?}"
    );
    // then `a` adds a project to it, as usual
    common::keys(&mut app, "a");
    common::paste(&mut app, "p1");
    common::keys(&mut app, "<Tab>");
    common::paste(&mut app, "Project");
    common::keys(&mut app, "<Enter>");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "title = \"O1 支付\"\n\n[project.p1]\ntitle = \"Project\"\n"
    );
}

#[test]
fn a_bad_or_reserved_objective_id_is_refused_and_nothing_written() {
    let (d, mut app) = empty("en");
    common::keys(&mut app, "a");
    common::paste(&mut app, "_x");
    common::keys(&mut app, "<Tab>");
    common::paste(&mut app, "T");
    common::keys(&mut app, "<Enter>");
    assert!(matches!(app.mode, Mode::Form(_)), "the form stays open");
    let message = app.message.as_ref().unwrap();
    assert!(
        message.error && message.text.contains("`_x`"),
        "{message:?}"
    );
    let names: Vec<_> = fs::read_dir(d.path().join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml") && !n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}
