//! The team's side of the app: settling the conflicts a git merge left,
//! following the folder when files come and go, and how a sync ended. Git
//! itself runs in the event loop's threads (`crate::team`), not here.

use super::{App, Mode};
use crate::core::edit::{Change, Edit};
use crate::core::model::ItemPath;
use crate::core::save::{Conflict, marked_conflicts};
use crate::tui::action::{Action, SyncOutcome};
use crate::tui::strings::team as t;

impl App {
    /// The fields a merge left with two values, in every file.
    pub fn merge_conflicts(&self) -> Vec<Conflict> {
        self.portfolio
            .files
            .iter()
            .filter(|f| !f.conflicts.is_empty())
            .flat_map(marked_conflicts)
            .collect()
    }

    /// The merge conflicts of the item at `path`.
    pub fn conflicts_of(&self, path: &ItemPath) -> Vec<Conflict> {
        let mut all = self.merge_conflicts();
        all.retain(|c| c.item == *path);
        all
    }

    /// `c`: asks mine or theirs for the selected item's first conflict.
    pub(super) fn start_settle(&mut self) {
        let s = self.strings();
        let Some(path) = self.selected_path() else {
            return;
        };
        match self.conflicts_of(&path).into_iter().next() {
            Some(c) => self.mode = Mode::Settle(Box::new(c)),
            None => {
                let spans = self.portfolio.files.iter().any(|f| {
                    f.conflicts.iter().any(|b| b.field.is_none())
                        && f.path.file_stem().is_some_and(|n| *n == *path.objective)
                });
                self.info(s.get(if spans {
                    t::CANNOT_SETTLE_HERE
                } else {
                    t::NO_MERGE_CONFLICT
                }));
            }
        }
    }

    /// `m` or `t` on the question: the field is set to that value, an
    /// ordinary edit (saved, undone by `u`); the save takes the markers
    /// away. Anything else leaves it for later.
    pub(super) fn settle(&mut self, c: Conflict, action: Action) -> Mode {
        let value = match action {
            Action::Choose('m') => c.mine.clone(),
            Action::Choose('t') => c.theirs.clone(),
            Action::Cancel | Action::Choose(_) => return Mode::Normal,
            _ => return Mode::Settle(Box::new(c)),
        };
        let edit = Edit {
            path: c.item.clone(),
            field: c.field,
            value,
        };
        if self.commit(vec![Change::field(edit)]) {
            // saved now, so that the message says it was settled, not just saved
            self.flush();
            if !self.has_error() && matches!(self.mode, Mode::Normal) {
                let s = self.strings();
                self.info(s.settled(s.field(c.field)));
            }
        }
        std::mem::replace(&mut self.mode, Mode::Normal)
    }

    /// Objective files came or went: the model follows the folder, edits
    /// to files that are gone leave the undo history, and the screens are
    /// brought up to date.
    pub(super) fn folder_changed(&mut self) {
        match self.portfolio.rescan() {
            Ok(Some(r)) => {
                self.journal.remap(&r.moved);
                self.after_change(None);
            }
            Ok(None) => {}
            Err(e) => self.error(e.to_string()),
        }
    }

    /// A sync ended: say how.
    pub(super) fn synced(&mut self, outcome: SyncOutcome) {
        let s = self.strings();
        match outcome {
            SyncOutcome::Done { committed: true } => self.info(s.get(t::SYNCED)),
            SyncOutcome::Done { committed: false } => self.info(s.sync_nothing()),
            SyncOutcome::LocalOnly(why) => self.info(s.sync_local_only(&why)),
            SyncOutcome::Conflicts(n) => self.error(s.sync_conflicts(n)),
            SyncOutcome::Failed(why) => self.error(s.sync_failed(&why)),
        }
    }
}
