//! The TUI's view of the disk: the folder's watcher, files read while
//! another program writes them, the weekly history.

use std::fs;
use std::time::Duration;

use stride::tui::watch::watch;

mod common;

#[test]
fn reading_a_file_sends_nothing_and_writing_it_sends_its_name() {
    let dir = common::sample();
    let (names, watcher) = watch(dir.path());
    assert!(watcher.is_some(), "the system gave a watcher");
    let file = dir.path().join("o1-business.toml");
    let text = fs::read(&file).unwrap();
    // what `cat`, `git status` and the TUI itself do
    for _ in 0..5 {
        fs::read(&file).unwrap();
    }
    let read: Vec<_> = names
        .recv_timeout(Duration::from_millis(800))
        .into_iter()
        .collect();
    assert_eq!(read, Vec::<std::ffi::OsString>::new(), "reads sent names");
    fs::write(&file, [text.as_slice(), b"\n# more\n"].concat()).unwrap();
    let name = names
        .recv_timeout(Duration::from_secs(10))
        .expect("a write is seen");
    assert_eq!(name, "o1-business.toml");
}

/// Another program writes a data file in place: truncates it, writes the
/// first part, pauses, writes the rest. A save made during the pause, from
/// a model read during the pause, must not replace the file under it.
#[test]
fn a_save_while_another_program_writes_in_place_loses_nothing() {
    use std::io::Write;
    use stride::core::{Edit, Field, ItemPath, Value, load_dir};
    let dir = common::sample();
    let file = dir.path().join("o1-business.toml");
    let full = fs::read_to_string(&file).unwrap();
    let split = full.find("\n[project.mortgage]").expect("a second project");
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let writer = {
        let (file, full) = (file.clone(), full.clone());
        std::thread::spawn(move || {
            let mut f = fs::File::create(&file).unwrap();
            f.write_all(&full.as_bytes()[..split]).unwrap();
            f.flush().unwrap();
            ready_tx.send(()).unwrap();
            std::thread::sleep(Duration::from_millis(400));
            f.write_all(&full.as_bytes()[split..]).unwrap();
        })
    };
    ready_rx.recv().unwrap();
    // the partial file parses: a reload during the pause takes it
    let mut p = load_dir(dir.path()).unwrap();
    assert!(
        p.get(&ItemPath::project("o1-business", "mortgage"))
            .is_none()
    );
    let path = ItemPath::project("o1-business", "easypay");
    let result = p.commit(&[Edit::set(path, Field::Owner, Value::Text("Ada".into()))]);
    writer.join().unwrap();
    let after = fs::read_to_string(&file).unwrap();
    match result {
        Ok(_) => {
            let expected = full.replacen("owner  = \"赵六\"", "owner  = \"Ada\"", 1);
            assert_ne!(expected, full);
            assert_eq!(after, expected, "the writer's text and the edit");
        }
        Err(e) => {
            assert!(e.to_string().contains("being written"), "{e}");
            assert_eq!(after, full, "the writer's text");
        }
    }
}

/// A TUI told of a change while the file's writer has not finished waits
/// for the writer, then reads the whole file.
#[test]
fn the_tui_does_not_reload_a_file_still_being_written() {
    use std::io::Write;
    use stride::core::{ItemPath, load_dir};
    use stride::tui::action::Action;
    use stride::tui::app::App;
    let dir = common::sample();
    let mut app = App::new(load_dir(dir.path()).unwrap(), common::today());
    let file = dir.path().join("o1-business.toml");
    let i = app
        .portfolio
        .files
        .iter()
        .position(|f| f.path == file)
        .unwrap();
    let full = fs::read_to_string(&file).unwrap();
    let changed = full.replacen("done  = 4 ", "done  = 7 ", 1);
    assert_ne!(changed, full);
    let split = changed.find("\n[project.mortgage]").unwrap();
    let mut writer = fs::File::create(&file).unwrap();
    writer.write_all(&changed.as_bytes()[..split]).unwrap();
    writer.flush().unwrap();
    // the watcher's event comes during the writer's pause
    app.dispatch(Action::FileChanged(i));
    let mortgage = ItemPath::project("o1-business", "mortgage");
    assert!(
        app.portfolio.get(&mortgage).is_some(),
        "the partial file was taken"
    );
    writer.write_all(&changed.as_bytes()[split..]).unwrap();
    drop(writer);
    app.dispatch(Action::Tick(Duration::from_millis(200)));
    assert!(app.portfolio.get(&mortgage).is_some());
    assert_eq!(
        app.portfolio.files[i].fingerprint,
        stride::core::fsio::fingerprint(changed.as_bytes()),
        "the whole file read once written"
    );
}

/// The weekly history records what is on disk, even what the TUI's model
/// missed (no watcher event came).
#[test]
fn history_records_the_files_on_disk_not_a_stale_model() {
    use stride::core::{Change, Edit, Field, ItemPath, Value, load_dir};
    use stride::tui::app::App;
    let dir = common::sample();
    let mut app = App::new(load_dir(dir.path()).unwrap(), common::today());
    let file = dir.path().join("o1-business.toml");
    let full = fs::read_to_string(&file).unwrap();
    fs::write(&file, full.replacen("done  = 4 ", "done  = 7 ", 1)).unwrap();
    let edit = Edit::set(
        ItemPath::objective("o3-stability"),
        Field::Owner,
        Value::Text("Ada".into()),
    );
    assert!(app.commit(vec![Change::field(edit)]));
    app.flush();
    assert!(app.record_history());
    let week = fs::read_to_string(dir.path().join("history/2023-W25.toml")).unwrap();
    let line = week
        .lines()
        .find(|l| l.starts_with("\"o1-business/easypay/fixes\""))
        .expect("the milestone's line");
    assert!(line.contains("percent = 50,"), "{line}");
}

/// "Today" follows the clock across midnight when it was not fixed: a
/// Monday edit goes into Monday's week.
#[test]
fn today_follows_the_clock_unless_fixed() {
    use chrono::NaiveDate;
    use stride::core::{Change, Edit, Field, ItemPath, Value, load_dir};
    use stride::tui::action::Action;
    use stride::tui::app::App;
    let dir = common::sample();
    let mut app = App::new(load_dir(dir.path()).unwrap(), common::today());
    // fixed (as `--today` does, and tests): the clock is not read
    app.dispatch(Action::Tick(Duration::from_millis(200)));
    assert_eq!(app.today, common::today());
    app.clock.date = Some(|| NaiveDate::from_ymd_opt(2023, 6, 26).unwrap());
    app.dispatch(Action::Tick(Duration::from_millis(200)));
    assert_eq!(app.today, NaiveDate::from_ymd_opt(2023, 6, 26).unwrap());
    let edit = Edit::set(
        ItemPath::objective("o3-stability"),
        Field::Owner,
        Value::Text("Ada".into()),
    );
    assert!(app.commit(vec![Change::field(edit)]));
    app.flush();
    assert!(app.record_history());
    assert!(dir.path().join("history/2023-W26.toml").is_file());
    assert!(!dir.path().join("history/2023-W25.toml").exists());
}
