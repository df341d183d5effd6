//! Quitting without losing edits: `q` with edits not on disk asks (save
//! again, discard, stay); the edits a session left when it ended without
//! asking (a signal, the terminal lost) are in the recovery file
//! ([`crate::core::recovery`]), which the next start offers.

use super::journal::Direction;
use super::{App, Mode};
use crate::core::recovery::{self, Recovery};
use crate::core::{Change, Edit};
use crate::tui::action::Action;
use crate::tui::strings as t;

impl App {
    /// `q`: quits, or asks first when edits are not on disk.
    pub(super) fn ask_quit(&mut self) {
        if self.unsaved().is_empty() {
            self.quit = true;
        } else {
            self.mode = Mode::Quitting;
        }
    }

    /// The quit question: `s` saves again and quits if everything got
    /// written (else stays, saying why); `d` quits without the edits;
    /// `Esc` stays.
    pub(super) fn quitting(&mut self, action: Action) -> Mode {
        match action {
            Action::Choose('s') => {
                self.journal.retry();
                self.flush();
                if self.unsaved().is_empty() {
                    self.quit = true;
                }
                // a conflict the save found asks mine or theirs
                std::mem::replace(&mut self.mode, Mode::Normal)
            }
            Action::Choose('d') => {
                self.quit = true;
                Mode::Normal
            }
            Action::Cancel => {
                self.info(self.strings().get(t::STAYED));
                Mode::Normal
            }
            _ => Mode::Quitting,
        }
    }

    /// The edits not on disk, as the recovery file keeps them, in the
    /// order a save writes them. The event loop hands this to the thread
    /// that ends stride on a signal.
    pub fn unsaved_recovery(&self) -> Recovery {
        let mut r = Recovery::new();
        for d in [Direction::Undo, Direction::Redo] {
            for e in self.journal.entries(d).iter().filter(|e| !e.saved) {
                let name = self
                    .portfolio
                    .files
                    .get(e.file)
                    .map_or_else(String::new, |f| {
                        f.path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default()
                    });
                r.push(&name, &e.changes, &e.inverses);
            }
        }
        r
    }

    /// At start: if a session left edits in the recovery file, asks what to
    /// do with them.
    pub fn offer_recovery(&mut self) {
        match recovery::read(&self.portfolio.dir) {
            None => {}
            Some(Ok(r)) if r.is_empty() => {
                let _ = recovery::remove(&self.portfolio.dir);
            }
            Some(Ok(r)) => self.mode = Mode::Recover(Box::new(r)),
            Some(Err(why)) => {
                let path = self.recovery_path();
                self.error(self.strings().recovery_unreadable(&path, &why));
            }
        }
    }

    /// Applies recovered changes as a new edit, over the values their
    /// fields had when they were made (`befores`), and has the file count
    /// as changed since it was read: the save then merges them over what
    /// is on disk now, and a field someone changed since is a conflict.
    fn reapply(&mut self, changes: Vec<Change>, befores: Vec<Edit>) -> bool {
        let mut now = Vec::new();
        for b in &befores {
            if let Ok(inverse) = self.portfolio.apply(b) {
                now.push(inverse);
            }
        }
        let file = changes
            .first()
            .and_then(|c| self.portfolio.objective_index(&c.path().objective))
            .map(|o| self.portfolio.objectives[o].file);
        if self.commit(changes) {
            if let Some(f) = file {
                self.portfolio.files[f].fingerprint = 0;
            }
            true
        } else {
            for inverse in now.iter().rev() {
                let _ = self.portfolio.apply(inverse);
            }
            false
        }
    }

    fn recovery_path(&self) -> String {
        recovery::path(&self.portfolio.dir).display().to_string()
    }

    /// The recovery question: `r` applies the edits again (the next flush
    /// saves them as any edit: merged, or a conflict asked); those that no
    /// longer apply stay in the file. `d` removes the file; `Esc` leaves it
    /// for the next start.
    pub(super) fn recover(&mut self, r: Recovery, action: Action) -> Mode {
        let s = self.strings();
        let path = self.recovery_path();
        match action {
            Action::Choose('r') => {
                let mut left = Recovery::new();
                let mut why = String::new();
                let mut applied = 0;
                for edit in r.edits {
                    let ok = match edit.to_changes() {
                        Ok(changes) => {
                            let n = changes.len();
                            let ok = self.reapply(changes, edit.befores());
                            if ok {
                                applied += n;
                            }
                            ok
                        }
                        Err(e) => {
                            self.error(e);
                            false
                        }
                    };
                    if !ok {
                        if why.is_empty()
                            && let Some(m) = &self.message
                        {
                            why = m.text.clone();
                        }
                        left.edits.push(edit);
                    }
                }
                let kept = if left.is_empty() {
                    recovery::remove(&self.portfolio.dir)
                } else {
                    recovery::write(&self.portfolio.dir, &left).map(|_| ())
                };
                // saved now, as any edit: merged, or a conflict asked
                self.flush();
                match kept {
                    Err(e) => self.error(s.recovery_unreadable(&path, &e.to_string())),
                    Ok(()) if !left.is_empty() => {
                        self.error(s.recovered_but(applied, left.len(), &path, &why))
                    }
                    Ok(()) if !self.has_error() => {
                        let saved = self.message.take().map(|m| m.text);
                        let done = s.recovered(applied);
                        self.info(saved.map_or(done.clone(), |m| format!("{done}; {m}")));
                    }
                    Ok(()) => {}
                }
                std::mem::replace(&mut self.mode, Mode::Normal)
            }
            Action::Choose('d') => {
                match recovery::remove(&self.portfolio.dir) {
                    Ok(()) => self.info(s.get(t::RECOVERY_DISCARDED)),
                    Err(e) => self.error(s.recovery_unreadable(&path, &e.to_string())),
                }
                Mode::Normal
            }
            Action::Cancel => {
                self.info(s.recovery_later(&path));
                Mode::Normal
            }
            _ => Mode::Recover(Box::new(r)),
        }
    }
}
