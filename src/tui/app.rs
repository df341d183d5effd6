//! The TUI's state and the one function that changes it, `update`.
//!
//! A key press becomes an [`Action`]; `update` changes the state and queues
//! saves; `flush` writes them. Views only read this state. Tests drive it
//! with actions, without a terminal.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use tui_input::Input;

use super::action::Action;
use super::form::{Form, FormKind};
use super::screens::{Board, Ops, OpsRow, Review, Screen, Standup, has_operations, review_items};
use super::search;
use super::strings::{self as t, Strings};
use super::tree::{Node, Tree, TreeFilter};
use crate::core::edit::round_percent;
use crate::core::history::History;
use crate::core::listing::Tally;
use crate::core::load::load_file;
use crate::core::model::{ItemPath, ItemRef, Kind, Portfolio, Status};
use crate::core::ops::{GradeCounts, grade_counts};
use crate::core::save::{Conflict, SaveError, save_changes};
use crate::core::{Change, Edit, Field, Value};

/// Which screen or overlay has the keys.
#[derive(Clone, Debug)]
pub enum Mode {
    /// No overlay: the keys go to the screen.
    Normal,
    Help,
    /// The status menu, with the highlighted entry (0 is "derived").
    StatusMenu(usize),
    /// The filter menu, with the highlighted entry.
    FilterMenu(usize),
    /// Asking whether to delete this item.
    Confirm(ItemPath),
    /// A field changed both here and on disk: mine or theirs?
    Conflict(Box<Pending>),
    /// Typing a search.
    Search,
    Form(Box<Form>),
}

/// An unsaved change whose field someone else changed on disk.
#[derive(Clone, Debug)]
pub struct Pending {
    pub conflict: Conflict,
    /// Where the entry is: on the redo stack or the undo stack, and its index.
    pub on_redo: bool,
    pub entry: usize,
    /// Which change of the entry.
    pub change: usize,
}

/// A line for the footer: what happened, or what went wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Counts shown in the header. Each objective's share is kept, so that an
/// edit recounts only the objective it is in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub percent: f64,
    pub overdue: usize,
    pub due_soon: usize,
    pub blocked: usize,
    /// The incidents of the week the team reports on, by grade.
    pub incidents: GradeCounts,
    /// Metrics that miss their target.
    pub missed: usize,
    /// Whether there are metrics or incidents at all (else the header
    /// leaves their counts out).
    pub ops: bool,
    /// Each objective's counts and percent, in the portfolio's order.
    parts: Vec<(Tally, f64)>,
}

impl Stats {
    /// The counts over the whole portfolio.
    pub fn of(p: &Portfolio, today: NaiveDate) -> Self {
        let mut s = Stats::default();
        s.refresh(p, today, None);
        s
    }

    /// Brings the counts up to date after a change in the objective at
    /// index `changed` (its items recounted, the others' shares kept), or
    /// anywhere (`None`: everything recounted).
    pub fn refresh(&mut self, p: &Portfolio, today: NaiveDate, changed: Option<usize>) {
        let days = p.settings.due_soon_days;
        let part = |o| Tally::of_objective(o, today, days);
        match changed {
            Some(i) if self.parts.len() == p.objectives.len() && i < self.parts.len() => {
                self.parts[i] = part(&p.objectives[i]);
            }
            _ => self.parts = p.objectives.iter().map(part).collect(),
        }
        let percents: Vec<f64> = self.parts.iter().map(|(_, pct)| *pct).collect();
        self.percent = p.percent_with(&percents);
        let total = self
            .parts
            .iter()
            .fold(Tally::default(), |sum, (t, _)| sum + *t);
        self.overdue = total.overdue;
        self.due_soon = total.due_soon;
        self.blocked = total.blocked;
        let week = Portfolio::reported_week(today);
        self.incidents = grade_counts(p.incidents_of_week(week, false).iter().map(|l| l.incident));
        self.missed = p.metrics().filter(|(_, m)| m.met() == Some(false)).count();
        self.ops = has_operations(p);
    }
}

/// A group of changes to one file, done together and undone together.
#[derive(Clone, Debug)]
pub struct Entry {
    pub file: usize,
    pub changes: Vec<Change>,
    /// The changes that undo `changes`, completed by the save.
    pub inverses: Vec<Change>,
    /// Whether the file on disk holds `changes`.
    pub saved: bool,
}

/// The search: the query being typed and the items it matches.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub input: Input,
    pub matches: search::Found,
    pub current: usize,
    /// The tree as it was when the search began: typing opens only the
    /// folders of the current match, and Esc goes back to this.
    before: Option<(HashSet<ItemPath>, Option<ItemPath>)>,
}

/// Everything the TUI shows and remembers.
pub struct App {
    pub portfolio: Portfolio,
    pub today: NaiveDate,
    /// The weeks before this one, for "since last week".
    pub history: History,
    pub tree: Tree,
    /// The screen under any overlay.
    pub screen: Screen,
    pub mode: Mode,
    pub filter: TreeFilter,
    pub search: Search,
    pub undo: Vec<Entry>,
    pub redo: Vec<Entry>,
    pub message: Option<Message>,
    pub stats: Stats,
    pub show_detail: bool,
    /// Rows of the tree on screen, set by the event loop from the layout.
    pub page: usize,
    /// Entries wait to be written: set by edits, cleared by [`App::flush`].
    /// A refused save is tried again only on the next edit or `Ctrl-s`.
    pending_saves: bool,
    /// Files were saved since this week's history file was last written.
    /// It is written when the keys pause ([`App::record_history`]), not
    /// after each save: at 100,000 items it costs more than a keypress may.
    history_pending: bool,
    pub quit: bool,
    /// The time of day that `now` means in incident forms: the local
    /// clock's when `None`. Tests set it, so that they do not depend on it.
    pub time_of_day: Option<NaiveTime>,
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
        App {
            portfolio,
            today,
            history,
            tree,
            screen: Screen::Tree,
            mode: Mode::Normal,
            filter: TreeFilter::default(),
            search: Search::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            message,
            stats,
            show_detail: true,
            page: 20,
            pending_saves: false,
            history_pending: false,
            quit: false,
            time_of_day: None,
        }
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
    }

    /// Now: today, at the current time of day (to the minute).
    pub fn now(&self) -> NaiveDateTime {
        let t = self
            .time_of_day
            .unwrap_or_else(|| chrono::Local::now().time());
        let t = NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).unwrap_or(t);
        self.today.and_time(t)
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
        }
    }

    pub fn selected_item(&self) -> Option<ItemRef<'_>> {
        match &self.screen {
            Screen::Tree => self.tree.selected_node()?.item(&self.portfolio),
            _ => {
                let path = self.selected_path()?;
                self.portfolio.get(&path)
            }
        }
    }

    fn info(&mut self, text: impl Into<String>) {
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

    /// Paths with edits that are not on disk yet.
    pub fn unsaved(&self) -> HashSet<ItemPath> {
        self.undo
            .iter()
            .chain(&self.redo)
            .filter(|e| !e.saved)
            .flat_map(|e| e.changes.iter().map(|c| c.path().clone()))
            .collect()
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
            let lists = super::view::summary_of(self);
            if let Screen::Standup(s) = &mut self.screen {
                s.summary = Some(lists);
            }
        }
    }

    fn handle(&mut self, action: Action) {
        if let Action::FileChanged(file) = action {
            return self.file_changed(file);
        }
        if let Action::Tick(d) = action {
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
            Mode::Help => Mode::Normal,
            Mode::StatusMenu(i) => self.status_menu(i, action),
            Mode::FilterMenu(i) => self.filter_menu(i, action),
            Mode::Confirm(path) => self.confirm_delete(path, action),
            Mode::Conflict(p) => self.resolve(*p, action),
            Mode::Search => self.search_input(action),
            Mode::Form(form) => self.form_input(form, action),
        };
    }

    /// Keys with no overlay open: the screen's own first, then the shared ones.
    fn screen_action(&mut self, action: Action) {
        use Action::*;
        let p = &self.portfolio;
        let today = self.today;
        match &mut self.screen {
            Screen::Tree => self.tree_action(action),
            Screen::Standup(s) if s.on_ops => match action {
                NextPage => s.next_page(),
                PrevPage => s.prev_page(),
                Down => s.move_row(p, 1),
                Up => s.move_row(p, -1),
                Add => self.ops_add(),
                Edit => self.ops_edit(),
                other => self.ops_common(other),
            },
            Screen::Ops(o) => match action {
                Down => o.move_row(p, 1),
                Up => o.move_row(p, -1),
                PrevWeek => o.step_week(p, -1, today),
                NextWeek => o.step_week(p, 1, today),
                Add => self.ops_add(),
                Edit => self.ops_edit(),
                other => self.ops_common(other),
            },
            Screen::Standup(s) => match action {
                NextPage => s.next_page(),
                PrevPage => s.prev_page(),
                Down => s.move_row(p, 1),
                Up => s.move_row(p, -1),
                other => self.common_action(other),
            },
            Screen::Overdue(r) => match action {
                Down => r.selected = (r.selected + 1).min(r.items.len().saturating_sub(1)),
                Up => r.selected = r.selected.saturating_sub(1),
                Reschedule => self.single_field_form(Field::Due),
                RecordBlocker => self.single_field_form(Field::Blocker),
                MarkDone => self.mark_done(),
                other => self.common_action(other),
            },
            Screen::Board(b) => match action {
                Left => b.step(p, -1, 0),
                Right => b.step(p, 1, 0),
                Down => b.step(p, 0, 1),
                Up => b.step(p, 0, -1),
                other => self.common_action(other),
            },
        };
    }

    fn tree_action(&mut self, action: Action) {
        use Action::*;
        let page = self.page.max(1) as isize;
        match action {
            Up => self.tree.move_by(-1),
            Down => self.tree.move_by(1),
            PageUp => self.tree.move_by(-page),
            PageDown => self.tree.move_by(page),
            First => self.tree.select(0),
            Last => self.tree.select(usize::MAX),
            SelectRow(i) if i < self.tree.rows.len() => self.tree.select(i),
            Scroll(d) => self.tree.move_by(d),
            Expand => self.expand(),
            Collapse => self.collapse(),
            ToggleAll => {
                self.tree.toggle_all(&self.portfolio);
                self.rebuild();
            }
            Search => {
                self.search = super::app::Search {
                    before: Some((self.tree.expanded.clone(), self.selected_path())),
                    ..Default::default()
                };
                self.mode = Mode::Search;
            }
            SearchNext => self.next_match(1),
            SearchPrev => self.next_match(-1),
            Filter => self.mode = Mode::FilterMenu(0),
            ClearFilter => {
                self.filter = TreeFilter::default();
                self.rebuild();
                self.info(self.strings().get(t::FILTER_CLEARED));
            }
            ToggleDetail => self.show_detail = !self.show_detail,
            other => self.common_action(other),
        }
    }

    /// The keys every screen shares: editing, undo, screens, help, quit.
    fn common_action(&mut self, action: Action) {
        use Action::*;
        match action {
            Percent(delta) => self.nudge_percent(delta),
            StageNext => self.move_stage(1),
            StagePrev => self.move_stage(-1),
            StatusMenu => {
                if let Some(item) = self.editable(t::WHAT_STATUS) {
                    let current = item.fields().status;
                    let at = current.map_or(0, |s| {
                        1 + Status::ALL.iter().position(|x| *x == s).unwrap_or(0)
                    });
                    self.mode = Mode::StatusMenu(at);
                }
            }
            Edit => {
                if self.editable(t::WHAT_EDIT).is_some()
                    && let Some(path) = self.selected_path()
                    && let Some(form) = Form::edit(&self.portfolio, &path)
                {
                    self.mode = Mode::Form(Box::new(form));
                }
            }
            Add => self.start_add(),
            Delete => {
                if let Some(path) = self.selected_path() {
                    if path.kind() == Kind::Objective {
                        self.error(self.strings().get(t::OBJECTIVES_ARE_FILES));
                    } else if self.editable(t::WHAT_DELETE).is_some() {
                        self.mode = Mode::Confirm(path);
                    }
                }
            }
            Undo => self.undo(),
            Redo => self.redo(),
            Retry => self.retry(),
            Reload => self.reload_selected(),
            Standup => self.open_standup(),
            Review => self.open_review(),
            Board => self.open_board(),
            Report => self.write_report(),
            Operations => self.open_ops(),
            Back => self.screen = Screen::Tree,
            Help => self.mode = Mode::Help,
            Quit => self.quit = true,
            _ => {}
        }
    }

    /// The keys of the operations screens that other screens share: undo,
    /// help, back; the item-editing keys (percent, stage, status, delete)
    /// have nothing to act on here.
    fn ops_common(&mut self, action: Action) {
        use Action::*;
        match action {
            Percent(_) | StageNext | StagePrev | StatusMenu | Delete | Reload => {}
            other => self.common_action(other),
        }
    }

    /// Opens the operations view on the week the team reports on.
    pub fn open_ops(&mut self) {
        if !has_operations(&self.portfolio) {
            self.info(self.strings().get(t::NO_OPS_DATA));
        }
        self.screen = Screen::Ops(Ops::new(self.today));
    }

    /// The position in the operations view, or the stand-up's operations page.
    pub fn ops(&self) -> Option<&Ops> {
        match &self.screen {
            Screen::Ops(o) => Some(o),
            Screen::Standup(s) if s.on_ops => Some(&s.ops),
            _ => None,
        }
    }

    /// `e` in the operations view: the selected incident in the incident
    /// form, or the selected metric's value.
    fn ops_edit(&mut self) {
        let s = self.strings();
        let now = self.now();
        let Some(ops) = self.ops() else { return };
        let form = match ops.selected(&self.portfolio) {
            Some(OpsRow::Metric(o, m)) => Form::metric(o, m, s),
            Some(OpsRow::Incident(l)) => Form::edit_incident(
                &ItemPath::objective(l.objective),
                l.index,
                l.incident,
                now,
                s,
            ),
            None => return self.info(s.get(t::NOTHING_SELECTED)),
        };
        self.mode = Mode::Form(Box::new(form));
    }

    /// `a` in the operations view: the form recording a new incident, at
    /// the end of the log of the selected row's objective (else of the
    /// first objective with metrics or incidents, else the first one).
    fn ops_add(&mut self) {
        let s = self.strings();
        let p = &self.portfolio;
        let selected = self.ops().and_then(|o| o.selected(p)).map(|r| match r {
            OpsRow::Metric(o, _) => o,
            OpsRow::Incident(l) => l.objective,
        });
        let objective = selected
            .and_then(|id| p.objectives.iter().find(|o| o.id == id))
            .or_else(|| {
                p.objectives
                    .iter()
                    .find(|o| !o.metrics.is_empty() || !o.incidents.is_empty())
            })
            .or_else(|| p.objectives.first());
        let Some(o) = objective else {
            return self.error(s.get(t::NO_OBJECTIVE_FOR_INCIDENT));
        };
        let mut form = Form::add_incident(
            &ItemPath::objective(&o.id),
            o.incidents.len(),
            self.now(),
            s,
        );
        form.validate(&self.portfolio, self.today);
        self.mode = Mode::Form(Box::new(form));
    }

    /// Selects an incident just recorded or edited in the operations view,
    /// showing its week.
    fn follow_incident(&mut self, objective: &str, index: usize) {
        let p = &self.portfolio;
        match &mut self.screen {
            Screen::Ops(o) => o.follow(p, objective, index),
            Screen::Standup(s) if s.on_ops => s.ops.follow(p, objective, index),
            _ => {}
        }
    }

    /// Opens the stand-up walkthrough: the operations page, then the first project.
    pub fn open_standup(&mut self) {
        let s = Standup::new(&self.portfolio, self.today);
        if s.projects.is_empty() && !s.has_ops {
            self.error(self.strings().get(t::NO_PROJECTS));
            return;
        }
        self.screen = Screen::Standup(s);
    }

    fn open_review(&mut self) {
        let items = review_items(&self.portfolio, self.today);
        if items.is_empty() {
            self.info(self.strings().get(t::NOTHING_DUE));
        }
        self.screen = Screen::Overdue(Review { items, selected: 0 });
    }

    fn open_board(&mut self) {
        let Some(path) = self.selected_path() else {
            return;
        };
        let project = match path.kind() {
            Kind::Milestone => path.parent().unwrap_or(path.clone()),
            _ => path.clone(),
        };
        match self.portfolio.get(&project) {
            Some(ItemRef::Project(p)) if !p.stages.is_empty() => {
                let mut b = Board {
                    project,
                    column: 0,
                    card: 0,
                };
                b.follow(&self.portfolio, &path);
                self.screen = Screen::Board(b);
            }
            _ => self.error(self.strings().get(t::BOARD_NEEDS_STAGES)),
        }
    }

    /// Writes the weekly report as Markdown to `reports/<week>.md` in the data folder.
    fn write_report(&mut self) {
        let s = self.strings();
        let report = match crate::core::report::for_week(&self.portfolio, self.today, None) {
            Ok(r) => r,
            Err(e) => return self.error(s.no_report(&e.to_string())),
        };
        let text = crate::core::report::markdown(&report, self.portfolio.settings.language);
        let dir = self.portfolio.dir.join("reports");
        let path = dir.join(format!("{}.md", report.iso_week));
        let written = std::fs::create_dir_all(&dir).and_then(|()| {
            if path.exists() {
                crate::core::fsio::write_atomic(&path, text.as_bytes())
            } else {
                std::fs::write(&path, &text)
            }
        });
        match written {
            Ok(()) => self.info(s.wrote_report(&path.display().to_string())),
            Err(e) => self.error(s.cannot_write(&path.display().to_string(), &e.to_string())),
        }
    }

    /// A form with one field of the selected item (reschedule, blocker).
    fn single_field_form(&mut self, field: Field) {
        if self.editable(t::WHAT_EDIT).is_none() {
            return;
        }
        let Some(path) = self.selected_path() else {
            return;
        };
        if let Some(form) = Form::single(&self.portfolio, &path, field) {
            self.mode = Mode::Form(Box::new(form));
        }
    }

    fn mark_done(&mut self) {
        if self.editable(t::WHAT_MARK_DONE).is_none() {
            return;
        }
        let Some(path) = self.selected_path() else {
            return;
        };
        self.commit(vec![Change::field(Edit::set(
            path,
            Field::Status,
            Value::Status(Status::Done),
        ))]);
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

    fn expand(&mut self) {
        let Some(node) = self.tree.selected_node() else {
            return;
        };
        let Some(path) = node.path(&self.portfolio) else {
            return;
        };
        if !node.has_children(&self.portfolio) {
            return;
        }
        if self.tree.is_expanded(&path) {
            // already open: step onto the first child
            self.tree.move_by(1);
        } else {
            self.tree.expanded.insert(path);
            self.rebuild();
        }
    }

    fn collapse(&mut self) {
        let Some(node) = self.tree.selected_node() else {
            return;
        };
        let Some(path) = node.path(&self.portfolio) else {
            return;
        };
        if node.has_children(&self.portfolio) && self.tree.is_expanded(&path) {
            self.tree.expanded.remove(&path);
            self.rebuild();
        } else if let Some(parent) = path.parent() {
            self.tree.expanded.remove(&parent);
            self.tree
                .rebuild_keeping(&self.portfolio, &self.filter, self.today, Some(&parent));
        }
    }

    fn rebuild(&mut self) {
        self.tree.rebuild(&self.portfolio, &self.filter, self.today);
    }

    fn nudge_percent(&mut self, delta: f64) {
        let Some(item) = self.editable(t::WHAT_PERCENT) else {
            return;
        };
        let kind = item.kind();
        let now = item.percent();
        if kind != Kind::Milestone {
            self.error(self.strings().get(t::PARENT_PERCENT));
            return;
        }
        let new = round_percent((now + delta).clamp(0.0, 100.0));
        if new == now {
            self.info(
                self.strings()
                    .percent_already(&crate::core::text::percent(now)),
            );
            return;
        }
        let Some(path) = self.selected_path() else {
            return;
        };
        self.commit(vec![Change::field(Edit::set(
            path,
            Field::Percent,
            Value::Number(new),
        ))]);
    }

    fn move_stage(&mut self, step: isize) {
        let s = self.strings();
        let Some(item) = self.editable(t::WHAT_STAGE) else {
            return;
        };
        let ItemRef::Milestone(m, p) = item else {
            self.error(s.get(t::STAGES_ONLY));
            return;
        };
        if p.stages.is_empty() {
            let msg = s.no_stages(&p.id);
            self.error(msg);
            return;
        }
        let at = m
            .stage
            .as_ref()
            .and_then(|s| p.stages.iter().position(|x| x == s));
        let next = match (at, step > 0) {
            (None, true) => Some(0),
            (None, false) => None,
            (Some(i), true) => (i + 1 < p.stages.len()).then_some(i + 1),
            (Some(i), false) => i.checked_sub(1),
        };
        let Some(next) = next else {
            self.info(self.strings().get(t::NO_FURTHER_STAGE));
            return;
        };
        let stage = p.stages[next].clone();
        let Some(path) = self.selected_path() else {
            return;
        };
        self.commit(vec![Change::field(Edit::set(
            path,
            Field::Stage,
            Value::Text(stage),
        ))]);
    }

    fn start_add(&mut self) {
        if self.editable(t::WHAT_ADD).is_none() {
            return;
        }
        let Some(path) = self.selected_path() else {
            return;
        };
        let parent = match path.kind() {
            Kind::Milestone => path.parent().unwrap_or(path),
            _ => path,
        };
        let mut form = Form::add(&parent, self.strings());
        form.validate(&self.portfolio, self.today);
        self.mode = Mode::Form(Box::new(form));
    }

    fn status_menu(&mut self, at: usize, action: Action) -> Mode {
        let entries = Status::ALL.len() + 1;
        match action {
            Action::MenuDown => Mode::StatusMenu((at + 1) % entries),
            Action::MenuUp => Mode::StatusMenu((at + entries - 1) % entries),
            Action::Choose(c) => match status_shortcut(c) {
                Some(i) => self.status_menu(i, Action::Confirm),
                None => Mode::StatusMenu(at),
            },
            Action::Confirm => {
                if let Some(path) = self.selected_path() {
                    let value = at.checked_sub(1).map(|i| Value::Status(Status::ALL[i]));
                    self.commit(vec![Change::field(Edit {
                        path,
                        field: Field::Status,
                        value,
                    })]);
                }
                Mode::Normal
            }
            Action::Cancel => Mode::Normal,
            _ => Mode::StatusMenu(at),
        }
    }

    /// The entries of the filter menu.
    pub fn filter_entries(&self) -> Vec<(String, TreeFilter)> {
        let s = self.strings();
        let mut out = vec![(
            format!(
                "{}{}",
                s.get(t::FILTER_OVERDUE_ONLY),
                if self.filter.overdue_only {
                    "  ✓"
                } else {
                    ""
                }
            ),
            TreeFilter {
                overdue_only: !self.filter.overdue_only,
                ..self.filter.clone()
            },
        )];
        for st in Status::ALL {
            let on = self.filter.status == Some(st);
            out.push((
                format!(
                    "{}{}",
                    s.filter_status_entry(st),
                    if on { "  ✓" } else { "" }
                ),
                TreeFilter {
                    status: (!on).then_some(st),
                    ..self.filter.clone()
                },
            ));
        }
        let mut owners = std::collections::BTreeSet::new();
        crate::core::listing::each(&self.portfolio, self.today, |i| {
            owners.extend(i.owner());
        });
        for o in owners {
            let on = self.filter.owner.as_deref() == Some(o);
            out.push((
                format!("{}{}", s.filter_owner_entry(o), if on { "  ✓" } else { "" }),
                TreeFilter {
                    owner: (!on).then(|| o.to_string()),
                    ..self.filter.clone()
                },
            ));
        }
        out.push((s.get(t::FILTER_CLEAR).to_string(), TreeFilter::default()));
        out
    }

    fn filter_menu(&mut self, at: usize, action: Action) -> Mode {
        let entries = self.filter_entries();
        let n = entries.len();
        match action {
            Action::MenuDown => Mode::FilterMenu((at + 1) % n),
            Action::MenuUp => Mode::FilterMenu((at + n - 1) % n),
            Action::Confirm => {
                if let Some((_, f)) = entries.into_iter().nth(at) {
                    self.filter = f;
                    self.rebuild();
                    let s = self.strings();
                    if self.filter.is_active() {
                        self.info(s.filter_on(&self.filter.describe_in(s), self.tree.rows.len()));
                    } else {
                        self.info(self.strings().get(t::FILTER_CLEARED));
                    }
                }
                Mode::Normal
            }
            Action::Cancel => Mode::Normal,
            _ => Mode::FilterMenu(at),
        }
    }

    fn confirm_delete(&mut self, path: ItemPath, action: Action) -> Mode {
        match action {
            Action::Confirm | Action::Choose('y') => {
                self.commit(vec![Change::Remove { path }]);
                Mode::Normal
            }
            _ => {
                self.info(self.strings().get(t::NOT_DELETED));
                Mode::Normal
            }
        }
    }

    fn search_input(&mut self, action: Action) -> Mode {
        match action {
            Action::Input(req) => {
                self.search.input.handle(req);
                self.run_search();
                Mode::Search
            }
            Action::Paste(text) => {
                for c in text.chars().filter(|c| !c.is_control()) {
                    self.search
                        .input
                        .handle(tui_input::InputRequest::InsertChar(c));
                }
                self.run_search();
                Mode::Search
            }
            Action::Confirm => {
                self.search.before = None;
                let s = self.strings();
                if self.search.matches.is_empty() {
                    self.info(s.no_match_for(self.search.input.value()));
                } else {
                    let n = self.search.matches.len();
                    self.info(s.matches_for(n, self.search.input.value()));
                }
                Mode::Normal
            }
            Action::Cancel => {
                if let Some((expanded, selected)) = self.search.before.take() {
                    self.tree.expanded = expanded;
                    self.tree.rebuild_keeping(
                        &self.portfolio,
                        &self.filter,
                        self.today,
                        selected.as_ref(),
                    );
                }
                self.search = Search::default();
                Mode::Normal
            }
            Action::NextField => {
                self.next_match(1);
                Mode::Search
            }
            Action::PrevField => {
                self.next_match(-1);
                Mode::Search
            }
            _ => Mode::Search,
        }
    }

    /// Matches the query against every item and jumps to the first match.
    fn run_search(&mut self) {
        let query = self.search.input.value().to_string();
        let before = std::mem::take(&mut self.search.matches);
        self.search.matches = search::find_after(&self.portfolio, &query, Some(&before));
        self.search.current = 0;
        self.jump_to_match();
    }

    /// Finds the query's matches again, after items came or went.
    fn refresh_search(&mut self) {
        if !self.search.matches.is_empty() {
            self.search.matches = search::find(&self.portfolio, self.search.input.value());
            self.search.current = self
                .search
                .current
                .min(self.search.matches.len().saturating_sub(1));
        }
    }

    fn next_match(&mut self, step: isize) {
        let n = self.search.matches.len();
        if n == 0 {
            self.info(self.strings().get(t::NO_SEARCH));
            return;
        }
        self.search.current = (self.search.current as isize + step).rem_euclid(n as isize) as usize;
        self.jump_to_match();
        self.info(self.strings().match_of(self.search.current + 1, n));
    }

    fn jump_to_match(&mut self) {
        let Some(path) = self
            .search
            .matches
            .get(self.search.current)
            .and_then(|n| n.path(&self.portfolio))
        else {
            return;
        };
        if let Some((expanded, _)) = &self.search.before {
            // while typing, only the current match's folders are opened
            self.tree.expanded = expanded.clone();
        }
        self.tree.reveal(&path);
        self.tree
            .rebuild_keeping(&self.portfolio, &self.filter, self.today, Some(&path));
    }

    fn form_input(&mut self, mut form: Box<Form>, action: Action) -> Mode {
        match action {
            Action::Input(req) => form.input(req, &self.portfolio, self.today),
            Action::Paste(text) => form.paste(&text, &self.portfolio, self.today),
            Action::NextField => form.next_field(),
            Action::PrevField => form.prev_field(),
            Action::Cancel => {
                self.info(self.strings().get(t::CANCELLED));
                return Mode::Normal;
            }
            Action::Confirm => match form.changes(self.today) {
                Err((i, e)) => {
                    form.focus = i;
                    self.error(self.strings().not_saved(&e));
                }
                Ok(changes) if changes.is_empty() => {
                    self.info(self.strings().get(t::NOTHING_CHANGED));
                    return Mode::Normal;
                }
                Ok(changes) => {
                    let added = match &form.kind {
                        FormKind::Add(_) => changes.first().map(|c| c.path().clone()),
                        _ => None,
                    };
                    let incident = match &form.kind {
                        FormKind::Incident {
                            objective, index, ..
                        } => Some((objective.objective.clone(), *index)),
                        _ => None,
                    };
                    if self.commit(changes) {
                        if let Some((objective, index)) = incident {
                            self.follow_incident(&objective, index);
                        }
                        if let Some(path) = added {
                            self.tree.reveal(&path);
                            self.tree.rebuild_keeping(
                                &self.portfolio,
                                &self.filter,
                                self.today,
                                Some(&path),
                            );
                        }
                        return Mode::Normal;
                    }
                }
            },
            _ => {}
        }
        Mode::Form(form)
    }

    /// Applies changes to one file's items in the model and queues them
    /// for saving. False, with a message, if any change is refused.
    pub fn commit(&mut self, changes: Vec<Change>) -> bool {
        match self.apply(changes) {
            Ok(entry) => {
                self.undo.push(entry);
                self.redo.clear();
                true
            }
            Err(e) => {
                self.error(e);
                false
            }
        }
    }

    /// Applies changes to the model, as one entry not yet saved.
    fn apply(&mut self, changes: Vec<Change>) -> Result<Entry, String> {
        let s = self.strings();
        let Some(first) = changes.first() else {
            return Err(s.get(t::NOTHING_TO_CHANGE).into());
        };
        let Some(oi) = self.portfolio.objective_index(&first.path().objective) else {
            return Err(s.not_loaded(&first.path().to_string()));
        };
        let file = self.portfolio.objectives[oi].file;
        let mut inverses = Vec::with_capacity(changes.len());
        for c in &changes {
            match self.portfolio.apply_change(c) {
                Ok(inv) => inverses.push(inv),
                Err(e) => {
                    for inv in inverses.iter().rev() {
                        let _ = self.portfolio.apply_change(inv);
                    }
                    return Err(s.not_changed(&s.edit_error(&e)));
                }
            }
        }
        self.pending_saves = true;
        if changes.iter().any(|c| !matches!(c, Change::Field { .. })) {
            // items came or went: the matches' places moved
            self.refresh_search();
        }
        let focus = changes.first().map(|c| c.path().clone());
        self.after_change(focus.as_ref());
        Ok(Entry {
            file,
            changes,
            inverses,
            saved: false,
        })
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
        }
    }

    fn undo(&mut self) {
        let s = self.strings();
        let Some(entry) = self.undo.pop() else {
            self.info(s.get(t::NOTHING_TO_UNDO));
            return;
        };
        match self.reverse(entry) {
            Ok(e) => {
                self.redo.push(e);
                self.info(s.get(t::UNDONE));
            }
            Err((entry, why)) => {
                self.undo.push(entry);
                self.error(s.cannot_undo(&why));
            }
        }
    }

    fn redo(&mut self) {
        let s = self.strings();
        let Some(entry) = self.redo.pop() else {
            self.info(s.get(t::NOTHING_TO_REDO));
            return;
        };
        match self.reverse(entry) {
            Ok(e) => {
                self.undo.push(e);
                self.info(s.get(t::REDONE));
            }
            Err((entry, why)) => {
                self.redo.push(entry);
                self.error(s.cannot_redo(&why));
            }
        }
    }

    /// Applies an entry's inverses: the entry that undoes it. An entry never
    /// saved is undone in memory only, as the file never had it.
    fn reverse(&mut self, entry: Entry) -> Result<Entry, (Entry, String)> {
        let changes: Vec<Change> = entry.inverses.iter().rev().cloned().collect();
        match self.apply(changes) {
            Ok(mut back) => {
                back.saved = !entry.saved;
                Ok(back)
            }
            Err(e) => Err((entry, e)),
        }
    }

    /// Writes every unsaved entry, oldest first, if edits were made since
    /// the last call. True if anything was tried (the screen changed).
    pub fn flush(&mut self) -> bool {
        if !std::mem::take(&mut self.pending_saves) {
            return false;
        }
        let s = self.strings();
        let mut tried = false;
        let mut failures = Vec::new();
        let mut saved_files = Vec::new();
        let mut merged = Vec::new();
        let mut conflict = None;
        let Self {
            undo,
            redo,
            portfolio,
            ..
        } = self;
        let stacks = undo
            .iter_mut()
            .enumerate()
            .map(|(i, e)| (false, i, e))
            .chain(redo.iter_mut().enumerate().map(|(i, e)| (true, i, e)));
        for (on_redo, i, entry) in stacks.filter(|(_, _, e)| !e.saved) {
            tried = true;
            let file = &mut portfolio.files[entry.file];
            match save_changes(file, &entry.changes, &mut entry.inverses) {
                Ok(saved) => {
                    entry.saved = true;
                    saved_files.push(file.path.display().to_string());
                    if saved.merged {
                        merged.push(entry.file);
                    }
                }
                Err(SaveError::Conflict(c)) if conflict.is_none() => {
                    let change = entry
                        .changes
                        .iter()
                        .position(|ch| matches!(ch, Change::Field { edit, .. } if edit.path == c.item && edit.field == c.field))
                        .unwrap_or(0);
                    failures.push(s.save_error(&SaveError::Conflict(c.clone())));
                    conflict = Some(Pending {
                        conflict: *c,
                        on_redo,
                        entry: i,
                        change,
                    });
                }
                Err(e) => failures.push(s.save_error(&e)),
            }
        }
        // files that had changes made on disk: the model follows them
        merged.sort_unstable();
        merged.dedup();
        for &f in &merged {
            self.portfolio.reload_file(f);
        }
        if !merged.is_empty() {
            self.after_change(None);
        }
        if let Some(p) = conflict {
            self.mode = Mode::Conflict(Box::new(p));
        }
        if !saved_files.is_empty() {
            self.history_pending = true;
        }
        if let Some(f) = failures.first() {
            self.error(s.save_refused(f));
        } else if let (Some(name), false) = (saved_files.last(), merged.is_empty()) {
            self.info(s.saved_merged(name));
        } else if let Some(name) = saved_files.last() {
            let (undone, redone) = (s.get(t::UNDONE), s.get(t::REDONE));
            if !matches!(&self.message, Some(m) if !m.error && (m.text == undone || m.text == redone))
            {
                self.info(s.saved(name));
            } else if let Some(m) = &mut self.message {
                m.text = s.and_saved(&m.text, name);
            }
        }
        tried
    }

    /// Writes this week's history file if files were saved since it was
    /// last written. The event loop calls it when no key came for a moment,
    /// and before quitting. True if it was written (or failed, with a
    /// message).
    pub fn record_history(&mut self) -> bool {
        if !std::mem::take(&mut self.history_pending) {
            return false;
        }
        if let Err(e) = crate::core::history::record(&self.portfolio, self.today) {
            let s = self.strings();
            self.error(s.save_refused(&s.history_not_written(&e.to_string())));
        }
        true
    }

    fn retry(&mut self) {
        self.pending_saves = true;
        if !self.flush() {
            self.info(self.strings().get(t::ALL_SAVED));
        }
    }

    /// Reads the selected item's file again. Unsaved edits to it are applied
    /// again on top of what is on disk, and saved.
    fn reload_selected(&mut self) {
        let file = match self.tree.selected_node() {
            Some(Node::Broken(f)) => f,
            Some(Node::Objective(o) | Node::Project(o, _) | Node::Milestone(o, _, _)) => {
                self.portfolio.objectives[o].file
            }
            None => return,
        };
        self.reload_file(file);
    }

    /// Reads one file again from disk into the model.
    pub fn reload_file(&mut self, file: usize) {
        let path = self.portfolio.files[file].path.clone();
        let (mut source, objective) = load_file(&path, std::fs::read(&path));
        let old_oi = self
            .portfolio
            .objectives
            .iter()
            .position(|o| o.file == file);
        match (objective, old_oi) {
            (Some(mut o), Some(i)) => {
                o.file = file;
                self.portfolio.objectives[i] = o;
            }
            (Some(mut o), None) => {
                o.file = file;
                let at = self.portfolio.objectives.partition_point(|x| x.file < file);
                self.portfolio.objectives.insert(at, o);
                self.tree
                    .expanded
                    .insert(ItemPath::objective(&self.portfolio.objectives[at].id));
            }
            (None, Some(i)) => {
                self.portfolio.objectives.remove(i);
            }
            (None, None) => {}
        }
        std::mem::swap(&mut self.portfolio.files[file], &mut source);
        let loaded = self.portfolio.files[file].loaded;
        // edits not saved yet are applied again over what is on disk
        let mut reapplied = 0;
        for entry in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            if entry.file == file && !entry.saved && loaded {
                let mut inverses = Vec::new();
                for c in &entry.changes {
                    if let Ok(inv) = self.portfolio.apply_change(c) {
                        inverses.push(inv);
                    }
                }
                entry.inverses = inverses;
                reapplied += 1;
            }
        }
        self.after_change(None);
        let s = self.strings();
        let name = path.display().to_string();
        if !loaded {
            let first = self.portfolio.files[file]
                .diagnostics
                .iter()
                .find(|d| d.is_error())
                .map(|d| d.to_string())
                .unwrap_or_default();
            self.error(s.still_has_errors(&name, &first));
        } else if reapplied > 0 {
            self.pending_saves = true;
            self.flush();
            if !self.message.as_ref().is_some_and(|m| m.error) {
                self.info(s.reloaded_and_reapplied(&name, reapplied));
            }
        } else {
            self.info(s.reloaded(&name));
        }
    }
}

impl App {
    /// The entry a conflict is about.
    fn pending_entry(&mut self, p: &Pending) -> Option<&mut Entry> {
        if p.on_redo {
            self.redo.get_mut(p.entry)
        } else {
            self.undo.get_mut(p.entry)
        }
    }

    /// `m` keeps my value over theirs, `t` takes theirs; anything else
    /// leaves the edit unsaved for later (`Ctrl-s` asks again).
    fn resolve(&mut self, p: Pending, action: Action) -> Mode {
        let s = self.strings();
        match action {
            Action::Choose('m') => {
                let theirs = p.conflict.theirs.clone();
                if let Some(Change::Field { edit, .. }) = self
                    .pending_entry(&p)
                    .and_then(|e| e.inverses.get_mut(p.change))
                {
                    // what is on disk now is what my edit replaces
                    edit.value = theirs;
                }
                self.pending_saves = true;
                self.flush();
                if !matches!(self.mode, Mode::Conflict(_))
                    && !self.message.as_ref().is_some_and(|m| m.error)
                {
                    self.info(s.kept_mine());
                }
                std::mem::replace(&mut self.mode, Mode::Normal)
            }
            Action::Choose('t') => {
                let c = &p.conflict;
                let theirs = Edit {
                    path: c.item.clone(),
                    field: c.field,
                    value: c.theirs.clone(),
                };
                let _ = self.portfolio.apply(&theirs);
                let file = self.pending_entry(&p).map(|e| e.file);
                if let Some(e) = self.pending_entry(&p)
                    && p.change < e.changes.len()
                    && p.change < e.inverses.len()
                {
                    e.changes.remove(p.change);
                    e.inverses.remove(p.change);
                }
                let stack = if p.on_redo {
                    &mut self.redo
                } else {
                    &mut self.undo
                };
                if stack.get(p.entry).is_some_and(|e| e.changes.is_empty()) {
                    stack.remove(p.entry);
                }
                self.pending_saves = true;
                self.flush();
                if let Some(f) = file {
                    self.portfolio.reload_file(f);
                }
                self.after_change(None);
                if !self.message.as_ref().is_some_and(|m| m.error) {
                    self.info(s.took_theirs());
                }
                std::mem::replace(&mut self.mode, Mode::Normal)
            }
            Action::Cancel | Action::Choose(_) => {
                self.error(s.conflict_refused(p.conflict));
                Mode::Normal
            }
            _ => Mode::Conflict(Box::new(p)),
        }
    }

    /// A file changed on disk: stride's own saves are recognised by their
    /// fingerprint; anything else is read again, and unsaved edits go over it.
    fn file_changed(&mut self, file: usize) {
        let Some(f) = self.portfolio.files.get(file) else {
            return;
        };
        let now = std::fs::read(&f.path)
            .ok()
            .map(|b| crate::core::fsio::fingerprint(&b));
        if now == Some(f.fingerprint) {
            return;
        }
        let name = f.path.display().to_string();
        let unsaved = self
            .undo
            .iter()
            .chain(&self.redo)
            .any(|e| e.file == file && !e.saved);
        if unsaved {
            // the save merges field by field, and asks about a field
            // changed on both sides
            self.pending_saves = true;
            self.flush();
        } else {
            self.portfolio.reload_file(file);
            self.after_change(None);
            if self.portfolio.files[file].loaded {
                self.info(self.strings().changed_on_disk(&name));
            } else {
                let first = self.portfolio.files[file]
                    .diagnostics
                    .iter()
                    .find(|d| d.is_error())
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                self.error(self.strings().still_has_errors(&name, &first));
            }
        }
    }
}

/// Status menu shortcut letters: `c` clears (derived), then `t`odo, `i`n
/// progress, `b`locked, `a`t risk, `d`one, dropped `x`.
pub fn status_shortcut(c: char) -> Option<usize> {
    "tibadx".find(c).map(|i| i + 1).or((c == 'c').then_some(0))
}
