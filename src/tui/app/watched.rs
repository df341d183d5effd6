//! What the app keeps of the files the watcher named, between its events.

use std::collections::{BTreeSet, HashMap};

/// Files the watcher named, as the app has seen them.
#[derive(Clone, Debug, Default)]
pub struct Watched {
    /// Files named while another program was still writing them: looked
    /// at again on each tick until the writer is done.
    pub waiting: BTreeSet<usize>,
    /// The content of a file with unsaved edits last merged with, so that
    /// another event for the same bytes does not ask the same question again.
    pub seen: HashMap<usize, u64>,
}
