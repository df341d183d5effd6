//! What goes to and comes from disk, as the app sees it: the journal's
//! saves and the history file, files read again, the weekly report. The
//! reading and writing is the core's; here are the messages and the
//! screens' follow-up.

use super::{App, Direction, Mode};
use crate::core::save::SaveError;
use crate::tui::strings as t;
use crate::tui::tree::Node;

impl App {
    /// Writes every unsaved entry, oldest first, if edits were made since
    /// the last call. True if anything was tried (the screen changed).
    pub fn flush(&mut self) -> bool {
        if let Some((id, title)) = self.journal.new_objective.take() {
            self.create_objective(&id, &title);
        }
        let Some(f) = self.journal.flush(&mut self.portfolio) else {
            return false;
        };
        let s = self.strings();
        if !f.merged.is_empty() {
            self.after_change(None);
        }
        if !f.saved.is_empty() {
            // the file's texts read, merged and written are freed
            crate::core::memory::give_back();
        }
        if let Some(p) = f.conflict {
            self.mode = Mode::Conflict(Box::new(p));
        }
        if let Some(why @ SaveError::Taken { .. }) = f.failures.first() {
            // the edit is dropped, not kept
            self.error(s.save_error(why));
        } else if let Some(why) = f.failures.first() {
            self.error(s.save_refused(&s.save_error(why)));
        } else if let (Some(name), false) = (f.saved.last(), f.merged.is_empty()) {
            self.info(s.saved_merged(name));
        } else if let Some(name) = f.saved.last() {
            let (undone, redone) = (s.get(t::UNDONE), s.get(t::REDONE));
            if !matches!(&self.message, Some(m) if !m.error && (m.text == undone || m.text == redone))
            {
                self.info(s.saved(name));
            } else if let Some(m) = &mut self.message {
                m.text = s.and_saved(&m.text, name);
            }
        }
        f.tried
    }

    /// Writes this week's history file if files were saved since it was
    /// last written. The event loop calls it when no key came for a moment,
    /// and before quitting. True if it was written (or failed, with a
    /// message).
    pub fn record_history(&mut self) -> bool {
        match self.journal.record_history(&self.portfolio, self.today) {
            None => false,
            Some(Ok(_)) => {
                // the week's records and text are freed
                crate::core::memory::give_back();
                true
            }
            Some(Err(e)) => {
                let s = self.strings();
                self.error(s.save_refused(&s.history_not_written(&e.to_string())));
                true
            }
        }
    }

    /// `Ctrl-s`: tries the refused saves again.
    pub(super) fn retry(&mut self) {
        self.journal.retry();
        if !self.flush() {
            self.info(self.strings().get(t::ALL_SAVED));
        }
    }

    /// Reads the selected item's file again. Unsaved edits to it are applied
    /// again on top of what is on disk, and saved.
    pub(super) fn reload_selected(&mut self) {
        let file = match self.tree.selected_node() {
            Some(Node::Broken(f)) => f,
            Some(Node::Objective(o) | Node::Project(o, _) | Node::Milestone(o, _, _)) => {
                self.portfolio.objectives[o].file
            }
            None => return,
        };
        self.reload_file(file);
    }

    /// Reads one file again from disk into the model (the core does), opens
    /// an objective that was not loaded before, and applies unsaved edits
    /// to it again.
    pub fn reload_file(&mut self, file: usize) {
        let was_loaded = self.portfolio.objectives.iter().any(|o| o.file == file);
        let loaded = self.portfolio.reload_file(file);
        if !was_loaded && let Some(o) = self.portfolio.objectives.iter().find(|o| o.file == file) {
            self.tree
                .expanded
                .insert(crate::core::ItemPath::objective(&o.id));
        }
        let reapplied = if loaded {
            self.journal.reapply(&mut self.portfolio, file)
        } else {
            0
        };
        self.after_change(None);
        let s = self.strings();
        let name = self.file_name(file);
        if !loaded {
            self.error(s.still_has_errors(&name, &self.first_error(file)));
        } else if reapplied > 0 {
            self.flush();
            if !self.has_error() {
                self.info(s.reloaded_and_reapplied(&name, reapplied));
            }
        } else {
            self.info(s.reloaded(&name));
        }
    }

    fn file_name(&self, file: usize) -> String {
        self.portfolio.files[file].path.display().to_string()
    }

    /// The first error of a file that did not load, as shown.
    fn first_error(&self, file: usize) -> String {
        self.portfolio.files[file]
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    /// A file changed on disk: stride's own saves are recognised by their
    /// fingerprint; anything else is read again, and unsaved edits go over it.
    /// A file another program is still writing waits (see
    /// [`crate::core::fsio::unsettled`]): taken then, the partial file would
    /// be the base of the next save. Bytes already merged with are not
    /// looked at again.
    pub(super) fn file_changed(&mut self, file: usize) {
        let Some(f) = self.portfolio.files.get(file) else {
            return;
        };
        if crate::core::fsio::unsettled(&f.path) {
            self.journal.watched.waiting.insert(file);
            return;
        }
        self.journal.watched.waiting.remove(&file);
        let now = std::fs::read(&f.path)
            .ok()
            .map(|b| crate::core::fsio::fingerprint(&b));
        if now == Some(f.fingerprint) {
            self.journal.watched.seen.remove(&file);
            return;
        }
        if now.is_some() && now.as_ref() == self.journal.watched.seen.get(&file) {
            return;
        }
        let name = self.file_name(file);
        if self.journal.has_unsaved(file) {
            if let Some(n) = now {
                self.journal.watched.seen.insert(file, n);
            }
            // the save merges field by field, and asks about a field
            // changed on both sides
            self.journal.retry();
            self.flush();
        } else {
            self.portfolio.reload_file(file);
            self.after_change(None);
            if self.portfolio.files[file].loaded {
                self.info(self.strings().changed_on_disk(&name));
            } else {
                self.error(
                    self.strings()
                        .still_has_errors(&name, &self.first_error(file)),
                );
            }
        }
    }

    /// Writes the weekly report to `reports/<week>.md` in the data folder,
    /// and beside it the same report as a page with charts,
    /// `reports/<week>.html`: the app makes the texts,
    /// [`crate::core::report::write_file`] writes them.
    pub(super) fn write_report(&mut self) {
        let s = self.strings();
        let report = match crate::core::report::for_week(&self.portfolio, self.today, None) {
            Ok(r) => r,
            Err(e) => return self.error(s.no_report(&e.to_string())),
        };
        let lang = self.portfolio.settings.language;
        let md = self.portfolio.dir.join("reports").join(format!(
            "{}.md",
            self.portfolio
                .settings
                .week_name(crate::core::settings::monday_of(self.today))
        ));
        let html = md.with_extension("html");
        for (path, text) in [
            (&md, crate::core::report::markdown(&report, lang)),
            (&html, crate::core::report::html(&report, lang)),
        ] {
            if let Err(e) = crate::core::report::write_file(&self.portfolio.dir, path, &text) {
                return self.error(s.cannot_write(&path.display().to_string(), &e.to_string()));
            }
        }
        self.info(s.wrote_report(&format!("{} + .html", md.display())));
    }

    /// Settles a save conflict by the key pressed: `m` keeps my value over
    /// theirs, `t` takes theirs; anything else leaves the edit unsaved for
    /// later (`Ctrl-s` asks again).
    pub(super) fn resolve(
        &mut self,
        p: super::Pending,
        action: crate::tui::action::Action,
    ) -> Mode {
        use super::journal::{Ask, Choice};
        use crate::tui::action::Action;
        let s = self.strings();
        let choice = match action {
            Action::Choose('m') => Choice::Mine,
            Action::Choose('t') => Choice::Theirs,
            Action::Cancel | Action::Choose(_) => {
                self.error(match p.ask {
                    Ask::Save => s.conflict_refused(p.conflict),
                    Ask::Step => {
                        let why = s.save_error(&SaveError::Conflict(Box::new(p.conflict)));
                        match p.stack {
                            Direction::Undo => s.cannot_undo(&why),
                            Direction::Redo => s.cannot_redo(&why),
                        }
                    }
                    Ask::Delete => s.save_refused(&s.save_error(&SaveError::Changed {
                        file: p.conflict.file,
                        item: p.conflict.item,
                    })),
                });
                return Mode::Normal;
            }
            _ => return Mode::Conflict(Box::new(p)),
        };
        if p.ask == Ask::Step {
            let stepped = self.journal.resolve_step(&mut self.portfolio, &p, choice);
            let done = match choice {
                Choice::Mine => s.kept_mine(),
                Choice::Theirs => s.took_theirs(),
            };
            match stepped {
                Ok(None) => self.info(done),
                Ok(Some(applied)) => self.stepped(p.stack, Ok(applied), done, done),
                Err(e) => self.stepped(p.stack, Err(e), done, done),
            }
            self.flush();
            if !matches!(self.mode, Mode::Conflict(_)) && !self.has_error() {
                self.info(done);
            }
            return std::mem::replace(&mut self.mode, Mode::Normal);
        }
        let file = self.journal.resolve(&mut self.portfolio, &p, choice);
        if let (Ask::Delete, Choice::Mine, Some(f)) = (p.ask, choice, file) {
            // read again, the item removed is the one on disk now
            self.reload_file(f);
            if !matches!(self.mode, Mode::Conflict(_)) && !self.has_error() {
                self.info(s.kept_mine());
            }
            return std::mem::replace(&mut self.mode, Mode::Normal);
        }
        self.flush();
        match choice {
            Choice::Mine => {
                if !matches!(self.mode, Mode::Conflict(_)) && !self.has_error() {
                    self.info(s.kept_mine());
                }
            }
            Choice::Theirs => {
                if let Some(f) = file {
                    self.portfolio.reload_file(f);
                }
                self.after_change(None);
                if !self.has_error() {
                    self.info(s.took_theirs());
                }
            }
        }
        std::mem::replace(&mut self.mode, Mode::Normal)
    }
}

impl App {
    /// On each tick: files whose writer has finished are read, and `today`
    /// follows the clock (when not fixed).
    pub(super) fn follow_disk_and_clock(&mut self) {
        let waiting: Vec<usize> = self.journal.watched.waiting.iter().copied().collect();
        for file in waiting {
            self.file_changed(file);
        }
        if let Some(clock) = self.clock.date {
            let date = clock();
            if date != self.today {
                self.new_day(date);
            }
        }
    }

    /// The date changed while the TUI was open: what depends on "today"
    /// (overdue, due soon, the week's history file) follows it.
    fn new_day(&mut self, date: chrono::NaiveDate) {
        use chrono::Datelike;
        let week_changed = date.iso_week() != self.today.iso_week();
        self.today = date;
        if week_changed {
            self.history = crate::core::history::History::load(&self.portfolio.dir, date);
            if let crate::tui::screens::Screen::Standup(s) = &mut self.screen {
                s.summary = None;
            }
        }
        self.after_change(None);
    }
}

impl App {
    /// Writes the objective the add form asked for as a new file (through
    /// core's atomic write), reads the folder again and selects it.
    fn create_objective(&mut self, id: &str, title: &str) {
        use crate::core::save::CommitError;
        let s = self.strings();
        match crate::core::create::create_objective(&self.portfolio.dir, id, title, &[]) {
            Err(CommitError::Edit(e)) => self.error(s.not_saved(&s.edit_error(&e))),
            Err(CommitError::Save(e)) => self.error(s.not_saved(&s.save_error(&e))),
            Ok(file) => {
                self.folder_changed();
                let path = crate::core::ItemPath::objective(id);
                self.tree
                    .rebuild_keeping(&self.portfolio, self.today, Some(&path));
                self.info(s.objective_added(&file.display().to_string()));
            }
        }
    }
}
