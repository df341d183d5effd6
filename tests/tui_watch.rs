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
