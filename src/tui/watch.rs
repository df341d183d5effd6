//! The data folder's watcher: the names of files whose content changed on
//! disk, a moment after the last write to each.
//!
//! Only writes, creations, removals and renames count: opening or reading
//! a file (`cat`, `git status`, `stride list`, the TUI's own reads) is
//! never an event, so a read cannot start a loop of reads. A file's name
//! is sent once its size and modification time have stayed the same for
//! [`QUIET`] (a slow writer that pauses keeps it waiting).

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher as _};

/// How long a file must stay unchanged before its name is sent.
pub const QUIET: Duration = Duration::from_millis(150);

/// The watcher; dropping it stops the events (and the thread that waits
/// for files to settle).
pub type Watcher = notify::RecommendedWatcher;

/// Whether an event can mean the file's content changed.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        // the end of a write in place
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Size and modification time, without opening the file (`None`: gone).
fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// Watches `dir`; sends the names of its files whose content changed. No
/// watcher (the system refused one) leaves `R` to reload by hand.
pub fn watch(dir: &Path) -> (Receiver<OsString>, Option<Watcher>) {
    let (tx, rx) = mpsc::channel();
    let (raw_tx, raw_rx) = mpsc::channel::<PathBuf>();
    let watcher = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
        if let Ok(e) = e
            && changes_content(&e.kind)
        {
            for p in e.paths {
                let _ = raw_tx.send(p);
            }
        }
    });
    let Ok(mut watcher) = watcher else {
        return (rx, None);
    };
    if watcher.watch(dir, RecursiveMode::NonRecursive).is_err() {
        return (rx, None);
    }
    std::thread::spawn(move || settle(&raw_rx, &tx));
    (rx, Some(watcher))
}

/// Sends each path's name once it has had no event for [`QUIET`] and its
/// size and modification time are what they were then. Ends when the
/// watcher is dropped.
fn settle(raw: &Receiver<PathBuf>, tx: &mpsc::Sender<OsString>) {
    // path -> (when it is due, its stamp when last looked at)
    let mut waiting: HashMap<PathBuf, (Instant, Option<(u64, SystemTime)>)> = HashMap::new();
    loop {
        let next = waiting.values().map(|(due, _)| *due).min();
        let got = match next {
            Some(due) => raw.recv_timeout(due.saturating_duration_since(Instant::now())),
            None => raw.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match got {
            Ok(path) => {
                let s = stamp(&path);
                waiting.insert(path, (Instant::now() + QUIET, s));
            }
            Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {}
        }
        let now = Instant::now();
        let due: Vec<PathBuf> = waiting
            .iter()
            .filter(|(_, (at, _))| *at <= now)
            .map(|(p, _)| p.clone())
            .collect();
        for path in due {
            let now_stamp = stamp(&path);
            let entry = waiting.get_mut(&path).expect("listed above");
            if now_stamp != entry.1 {
                // still being written: look again after another quiet spell
                *entry = (now + QUIET, now_stamp);
                continue;
            }
            waiting.remove(&path);
            if let Some(name) = path.file_name()
                && tx.send(name.to_os_string()).is_err()
            {
                return;
            }
        }
    }
}
