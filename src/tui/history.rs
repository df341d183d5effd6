//! The weeks of history before today, read on a thread while the TUI
//! starts: [`HistoryReader`].

use chrono::NaiveDate;

use crate::core::history::History;

/// The weeks of history before `today`, read on a thread of their own,
/// started before the folder's load: the newest earlier week is read
/// beside the load (at 100,000 items a week's file takes tens of ms); the
/// older ones only once the newest was taken (the load is done: they would
/// take its cores), and they reach the screen through the event loop.
pub struct HistoryReader {
    weeks: std::sync::mpsc::Receiver<History>,
    go: std::sync::mpsc::Sender<()>,
    /// Whether the newest week was taken: what comes after it is the older.
    started: bool,
    /// Whether the older weeks are still to come.
    pending: bool,
}

impl HistoryReader {
    /// Starts reading the history of the folder `dir`.
    pub fn start(dir: &std::path::Path, today: NaiveDate) -> Self {
        let (tx, weeks) = std::sync::mpsc::channel();
        let (go, go_rx) = std::sync::mpsc::channel();
        let dir = dir.to_path_buf();
        std::thread::spawn(move || {
            let first = tx.clone();
            let older = History::load_in_two(&dir, today, |newest| {
                let _ = first.send(newest);
                // the older weeks wait for the load to be done
                let _ = go_rx.recv();
            });
            let _ = tx.send(older);
        });
        HistoryReader {
            weeks,
            go,
            started: false,
            pending: true,
        }
    }

    /// The newest earlier week (waiting for it), with the older weeks if
    /// they are read already; the reader goes on with them now.
    pub fn newest(&mut self) -> History {
        if std::mem::replace(&mut self.started, true) {
            return History::default();
        }
        let _ = self.go.send(());
        let mut history = self.weeks.recv().unwrap_or_default();
        if let Some(older) = self.older() {
            history.append(older);
        }
        history
    }

    /// The older weeks, once, when they have arrived (after
    /// [`HistoryReader::newest`]).
    pub fn older(&mut self) -> Option<History> {
        if !self.pending || !self.started {
            return None;
        }
        match self.weeks.try_recv() {
            Ok(h) => {
                self.pending = false;
                Some(h)
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.pending = false;
                None
            }
        }
    }

    /// The older weeks, waiting for them (after [`HistoryReader::newest`]);
    /// `None` if they were taken.
    pub fn wait_older(&mut self) -> Option<History> {
        if !self.started || !std::mem::take(&mut self.pending) {
            return None;
        }
        self.weeks.recv().ok()
    }

    /// Whether the older weeks are still being read.
    pub fn pending(&self) -> bool {
        self.pending
    }
}
