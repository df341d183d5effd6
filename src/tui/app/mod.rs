//! The TUI's state and the one function that changes it, `update`.
//!
//! A key press becomes an [`Action`]; `update` routes it to the overlay or
//! screen that has the keys ([`overlays`], [`keys`]), which change the
//! state and record edits in the [`Journal`]; `flush` has the core write
//! them ([`disk`]). Views only read this state. Tests drive it with
//! actions, without a terminal.

mod clock;
mod disk;
pub mod journal;
mod keys;
mod overlay_state;
pub mod overlays;
mod quit;
mod standup;
mod team;
mod watched;

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::action::Action;
use super::changes::summary_of;
use super::form::Form;
use super::screens::Screen;
use super::strings::{self as t, Strings};
use super::tree::{Node, Tree};
use crate::core::Change;
use crate::core::history::History;
use crate::core::model::{ItemPath, ItemRef, Portfolio};
use crate::core::save::Conflict;
use crate::core::stats::Stats;
use crate::team::log::Changes;
pub use clock::{Clock, Ui};
pub use journal::{Ask, Direction, Entry, Journal, Pending};
pub use overlay_state::{Search, status_shortcut};

/// Which screen or overlay has the keys.
#[derive(Clone, Debug)]
pub enum Mode {
    /// No overlay: the keys go to the screen.
    Normal,
    /// Every key, scrolled down this many rows.
    Help(usize),
    /// The status menu, with the highlighted entry (0 is "derived").
    StatusMenu(usize),
    /// The filter menu, with the highlighted entry.
    FilterMenu(usize),
    /// Asking whether to delete this item.
    Confirm(ItemPath),
    /// A blocked item gets this status: clear its blocker too?
    ClearBlocker(Box<(ItemPath, Option<crate::core::model::Status>)>),
    /// Leaving a stand-up in progress: really? (`w` resumes it today.)
    LeaveStandup,
    /// A field changed both here and on disk: mine or theirs?
    Conflict(Box<Pending>),
    /// A field a git merge left with two values: mine or theirs?
    Settle(Box<Conflict>),
    /// Typing a search.
    Search,
    Form(Box<Form>),
    /// Quitting with edits not on disk: save again, discard, or stay?
    Quitting,
    /// Edits a session that ended without asking left in the recovery
    /// file: apply them again, discard them, or decide later?
    Recover(Box<crate::core::recovery::Recovery>),
}

/// A line for the footer: what happened, or what went wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Everything the TUI shows and remembers.
pub struct App {
    pub portfolio: Portfolio,
    pub today: NaiveDate,
    /// The weeks before this one, for "since last week".
    pub history: History,
    /// The tree's rows, expansion, selection and filter.
    pub tree: Tree,
    /// The screen under any overlay.
    pub screen: Screen,
    pub mode: Mode,
    pub search: Search,
    /// Undo, redo and the edits still to be written.
    pub journal: Journal,
    /// Who changed what, from git (empty outside a repository).
    pub changes: Changes,
    pub message: Option<Message>,
    pub stats: Stats,
    pub show_detail: bool,
    /// Rows of the tree on screen, set by the event loop from the layout.
    pub page: usize,
    pub quit: bool,
    /// Where the time comes from: the clock, or times fixed by tests.
    pub clock: Clock,
}

impl App {
    /// The TUI's state for a portfolio, with the weeks of history before
    /// `today` read from its folder.
    pub fn new(portfolio: Portfolio, today: NaiveDate) -> Self {
        let history = History::load(&portfolio.dir, today);
        Self::with_history(portfolio, today, history)
    }

    /// [`App::new`] with the history given: the event loop starts with
    /// the newest earlier week and hands the rest over with
    /// [`App::add_older_history`] once read.
    pub fn with_history(portfolio: Portfolio, today: NaiveDate, history: History) -> Self {
        let tree = Tree::new(&portfolio, today);
        let stats = Stats::of(&portfolio, today);
        let broken = portfolio.files.iter().filter(|f| !f.loaded).count();
        let s = Strings::of(&portfolio);
        let message = if broken > 0 {
            Some(Message {
                text: s.broken_files(broken),
                error: true,
            })
        } else {
            history.problems.first().map(|d| Message {
                text: s.history_problem(&d.to_string()),
                error: true,
            })
        };
        let app = App {
            portfolio,
            today,
            history,
            tree,
            screen: Screen::Tree,
            mode: Mode::Normal,
            search: Search::default(),
            journal: Journal::default(),
            changes: Changes::default(),
            message,
            stats,
            show_detail: true,
            page: 20,
            quit: false,
            clock: Clock::default(),
        };
        // what the load's threads freed (texts, parsers' tables) goes back
        crate::core::memory::give_back();
        app
    }

    /// Puts the weeks of history read after the newest behind it.
    pub fn add_older_history(&mut self, older: History) {
        if self.message.is_none()
            && let Some(d) = older.problems.first()
        {
            self.error(self.strings().history_problem(&d.to_string()));
        }
        self.history.append(older);
        if let Screen::Standup(s) = &mut self.screen {
            s.summary = None;
        }
        self.prepare_views();
        // the reading thread's arena: its texts and tables are freed
        crate::core::memory::give_back();
    }

    /// Now: today, at the current time of day (to the minute).
    pub fn now(&self) -> NaiveDateTime {
        let t = self
            .clock
            .time_of_day
            .unwrap_or_else(|| chrono::Local::now().time());
        let t = NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).unwrap_or(t);
        self.today.and_time(t)
    }

    /// The keys of the screens: the defaults and the user's config.
    pub fn keymap(&self) -> &crate::tui::keymap::Keymap {
        &self.clock.ui.keymap
    }

    /// The colours the frame is drawn in.
    pub fn theme(&self) -> crate::tui::theme::Theme {
        self.clock.ui.theme
    }

    /// The texts in the language of the data folder's settings.
    pub fn strings(&self) -> Strings {
        Strings::of(&self.portfolio)
    }

    /// Handles an action and writes what it changed, the week's history
    /// too: what tests call.
    pub fn dispatch(&mut self, action: Action) {
        self.update(action);
        self.flush();
        self.record_history();
    }

    /// The selected item's path on the current screen, if an item is selected.
    pub fn selected_path(&self) -> Option<ItemPath> {
        match &self.screen {
            Screen::Tree => self.tree.selected_node()?.path(&self.portfolio),
            Screen::Standup(s) => s.selected(&self.portfolio),
            Screen::Overdue(r) => r.items.get(r.selected).cloned(),
            Screen::Board(b) => b.selected(&self.portfolio),
            Screen::Ops(_) => None,
            Screen::Trend(t) => Some(t.path.clone()),
        }
    }

    /// The selected item on the current screen, if an item is selected.
    pub fn selected_item(&self) -> Option<ItemRef<'_>> {
        match &self.screen {
            Screen::Tree => self.tree.selected_node()?.item(&self.portfolio),
            _ => {
                let path = self.selected_path()?;
                self.portfolio.get(&path)
            }
        }
    }

    /// Shows `text` in the footer until the next key.
    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Whether the message showing is an error.
    fn has_error(&self) -> bool {
        self.message.as_ref().is_some_and(|m| m.error)
    }

    /// Paths with edits that are not on disk yet.
    pub fn unsaved(&self) -> HashSet<ItemPath> {
        self.journal.unsaved()
    }

    /// Changes the state for one action. Saves are queued for [`App::flush`].
    pub fn update(&mut self, action: Action) {
        self.handle(action);
        self.prepare_views();
    }

    /// Makes what a view shows but is too costly to make each frame: the
    /// stand-up summary's lists, when that page is open and they are not
    /// made yet (a change clears them).
    fn prepare_views(&mut self) {
        if let Screen::Standup(s) = &self.screen
            && s.on_summary()
            && s.summary.is_none()
        {
            let lists = summary_of(&self.portfolio, &self.history, self.today);
            if let Screen::Standup(s) = &mut self.screen {
                s.summary = Some(lists);
            }
        }
    }

    fn handle(&mut self, action: Action) {
        match action {
            Action::FileChanged(file) => return self.file_changed(file),
            Action::FolderChanged => return self.folder_changed(),
            Action::Synced(outcome) => return self.synced(outcome),
            _ => {}
        }
        if let Action::Tick(d) = action {
            self.follow_disk_and_clock();
            if let Screen::Standup(s) = &mut self.screen {
                s.tick(d);
            }
            return;
        }
        // a message answers one key; the next key clears it
        self.message = None;
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        self.mode = match mode {
            Mode::Normal => {
                self.screen_action(action);
                return;
            }
            Mode::Help(at) => self.help_keys(at, action),
            Mode::StatusMenu(i) => self.status_menu(i, action),
            Mode::FilterMenu(i) => self.filter_menu(i, action),
            Mode::Confirm(path) => self.confirm_delete(path, action),
            Mode::ClearBlocker(b) => self.clear_blocker(b.0, b.1, action),
            Mode::LeaveStandup => self.leave_standup(action),
            Mode::Conflict(p) => self.resolve(*p, action),
            Mode::Settle(c) => self.settle(*c, action),
            Mode::Search => self.search_input(action),
            Mode::Form(form) => self.form_input(form, action),
            Mode::Quitting => self.quitting(action),
            Mode::Recover(r) => self.recover(*r, action),
        };
    }

    /// The selected item if it can be edited; else says why not.
    fn editable(&mut self, what: t::Text) -> Option<ItemRef<'_>> {
        if let (Screen::Tree, Some(Node::Broken(f))) = (&self.screen, self.tree.selected_node()) {
            let name = self.portfolio.files[f].path.display().to_string();
            self.error(self.strings().cannot_edit_broken(what, &name));
            return None;
        }
        self.selected_item()
    }

    fn rebuild(&mut self) {
        self.tree.rebuild(&self.portfolio, self.today);
    }

    /// Shows `path` in the tree, opening its folders, and selects it.
    fn reveal(&mut self, path: &ItemPath) {
        self.tree.reveal(path);
        self.tree
            .rebuild_keeping(&self.portfolio, self.today, Some(path));
    }

    /// Applies changes to one file's items in the model and queues them
    /// for saving. False, with a message, if any change is refused.
    pub fn commit(&mut self, changes: Vec<Change>) -> bool {
        // a status, stage or count brings what keeps the item consistent
        let changes = crate::core::progress::consistent_changes(&self.portfolio, changes);
        match self.journal.commit(&mut self.portfolio, changes) {
            Ok(applied) => {
                self.after_apply(applied);
                true
            }
            Err(e) => {
                self.error(self.refusal(e));
                false
            }
        }
    }

    /// `u` and `Ctrl-r`: one step back or forward through the edits.
    fn step(&mut self, d: Direction) {
        let s = self.strings();
        let (nothing, done) = match d {
            Direction::Undo => (t::NOTHING_TO_UNDO, t::UNDONE),
            Direction::Redo => (t::NOTHING_TO_REDO, t::REDONE),
        };
        let stepped = self.journal.step(&mut self.portfolio, d);
        self.stepped(d, stepped, s.get(nothing), s.get(done));
    }

    /// Shows what a step did: `done` if it was taken, `nothing` if there was
    /// nothing to take, or the question or refusal.
    pub(super) fn stepped(
        &mut self,
        d: Direction,
        stepped: Result<journal::Applied, journal::StepError>,
        nothing: &str,
        done: &str,
    ) {
        let s = self.strings();
        match stepped {
            Ok(applied) => {
                self.after_apply(applied);
                self.info(done);
            }
            Err(journal::StepError::Empty) => self.info(nothing),
            Err(journal::StepError::Conflict(p)) => self.mode = Mode::Conflict(p),
            Err(journal::StepError::Refused(e)) => {
                let why = self.refusal(e);
                self.error(match d {
                    Direction::Undo => s.cannot_undo(&why),
                    Direction::Redo => s.cannot_redo(&why),
                });
            }
        }
    }

    /// Why changes were refused, in words.
    fn refusal(&self, e: journal::Refused) -> String {
        let s = self.strings();
        match e {
            journal::Refused::Nothing => s.get(t::NOTHING_TO_CHANGE).into(),
            journal::Refused::NotLoaded(path) => s.not_loaded(&path),
            journal::Refused::Change(why) => s.not_changed(&s.edit_error(&why)),
        }
    }

    fn after_apply(&mut self, applied: journal::Applied) {
        if applied.structural {
            // items came or went: the matches' places moved
            self.refresh_search();
        }
        self.after_change(applied.focus.as_ref());
    }

    /// Brings what depends on the data up to date; `focus` is the item
    /// just changed, which the board follows to its new column.
    fn after_change(&mut self, focus: Option<&ItemPath>) {
        if focus.is_none() {
            self.refresh_search();
        }
        self.rebuild();
        let changed = focus.and_then(|f| self.portfolio.objective_index(&f.objective));
        self.stats.refresh(&self.portfolio, self.today, changed);
        let p = &self.portfolio;
        match &mut self.screen {
            Screen::Tree => {}
            Screen::Standup(s) => {
                s.refresh(p);
                s.summary = None;
            }
            Screen::Overdue(r) => {
                // the list keeps its order while open, so that rows do not jump
                r.items.retain(|x| p.get(x).is_some());
                r.selected = r.selected.min(r.items.len().saturating_sub(1));
            }
            Screen::Board(b) => {
                if let Some(f) = focus {
                    b.follow(p, f);
                }
                b.step(p, 0, 0);
            }
            Screen::Ops(o) => o.clamp(p),
            // an item gone from disk has no trend: back to the tree
            Screen::Trend(t) if p.get(&t.path).is_none() => self.screen = Screen::Tree,
            Screen::Trend(_) => {}
        }
    }
}
