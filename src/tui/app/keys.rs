//! What the screens' keys do when no overlay is open: each screen's own
//! moves first, then the keys every screen shares (editing, undo, opening
//! screens, help, quit).

use super::{App, Direction, Mode};
use chrono::NaiveDate;

use crate::core::model::{ItemPath, ItemRef, Kind, Portfolio, Status};
use crate::core::{Change, Edit, Field, Value};
use crate::tui::action::Action;
use crate::tui::form::Form;
use crate::tui::screens::{
    Board, Ops, OpsRow, Review, Screen, Standup, has_operations, review_items,
};
use crate::tui::strings as t;

impl App {
    /// Keys with no overlay open: the screen's own first, then the shared ones.
    pub(super) fn screen_action(&mut self, action: Action) {
        use Action::*;
        let p = &self.portfolio;
        let today = self.today;
        match &mut self.screen {
            Screen::Tree => self.tree_action(action),
            Screen::Standup(s) if s.on_ops() => match action {
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
            Screen::Standup(s) if s.on_summary() => match action {
                PrevPage => s.prev_page(),
                Down => s.scroll_by(1),
                Up => s.scroll_by(-1),
                Scroll(d) => s.scroll_by(d),
                PageDown => s.scroll_page(true),
                PageUp => s.scroll_page(false),
                other => self.common_action(other),
            },
            Screen::Standup(s) => match action {
                NextPage => s.next_page(),
                PrevPage => s.prev_page(),
                Down => s.move_row(p, 1),
                Up => s.move_row(p, -1),
                Scroll(d) => s.scroll_by(d),
                PageDown => s.scroll_page(true),
                PageUp => s.scroll_page(false),
                other => self.common_action(other),
            },
            Screen::Overdue(r) => match action {
                Down => r.selected = (r.selected + 1).min(r.items.len().saturating_sub(1)),
                Up => r.selected = r.selected.saturating_sub(1),
                Reschedule => self.item_form(Form::reschedule),
                RecordBlocker => self.item_form(|p, path, _| Form::block(p, path)),
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
            Screen::Trend(_) => self.common_action(action),
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
            DetailScroll(d) => {
                self.tree.detail_scroll = self.tree.detail_scroll.saturating_add_signed(d)
            }
            Expand => self.expand(),
            Collapse => self.collapse(),
            ToggleAll => {
                self.tree.toggle_all(&self.portfolio);
                self.rebuild();
            }
            Search => self.start_search(),
            SearchNext => self.next_match(1),
            SearchPrev => self.next_match(-1),
            Filter => self.mode = Mode::FilterMenu(0),
            ClearFilter => {
                self.tree.filter = Default::default();
                self.rebuild();
                self.info(self.strings().get(t::FILTER_CLEARED));
            }
            ToggleDetail => self.show_detail = !self.show_detail,
            Back => self.clear_or_hint(),
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
            Undo => self.step(Direction::Undo),
            Redo => self.step(Direction::Redo),
            Retry => self.retry(),
            Reload => self.reload_selected(),
            Settle => self.start_settle(),
            Sync => self.info(self.strings().get(crate::tui::strings::team::SYNCING)),
            Standup => self.open_standup(),
            Review => self.open_review(),
            Board => self.open_board(),
            Trend => {
                if let Some(path) = self.selected_path() {
                    self.screen = Screen::Trend(crate::tui::screens::Trend { path });
                }
            }
            Report => self.write_report(),
            Operations => self.open_ops(),
            Back => self.back(),
            Help => self.mode = Mode::Help(0),
            Quit => self.ask_quit(),
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
            Screen::Standup(s) => s.ops_page(),
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
    pub(super) fn follow_incident(&mut self, objective: &str, index: usize) {
        let p = &self.portfolio;
        let ops = match &mut self.screen {
            Screen::Ops(o) => Some(o),
            Screen::Standup(s) if s.on_ops() => s.ops.as_mut(),
            _ => None,
        };
        if let Some(o) = ops {
            o.follow(p, objective, index);
        }
    }

    /// Opens the stand-up walkthrough: the operations page, then the first project.
    pub fn open_standup(&mut self) {
        if let Some(s) = self.resume_standup() {
            self.screen = Screen::Standup(s);
            return;
        }
        let s = Standup::new(&self.portfolio, self.today);
        if s.projects.is_empty() && s.ops.is_none() {
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

    /// A form over the selected item (reschedule, blocked).
    fn item_form(&mut self, make: fn(&Portfolio, &ItemPath, NaiveDate) -> Option<Form>) {
        if self.editable(t::WHAT_EDIT).is_none() {
            return;
        }
        let Some(path) = self.selected_path() else {
            return;
        };
        if let Some(form) = make(&self.portfolio, &path, self.today) {
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

    /// The help: it scrolls when it does not fit (as far as the keys it
    /// lists go); other keys close it.
    pub(super) fn help_keys(&mut self, at: usize, action: Action) -> Mode {
        let len = crate::tui::keymap::bindings(&self.screen).len()
            + crate::tui::keymap::OVERLAY_HELP.len();
        match action {
            Action::MenuDown => Mode::Help((at + 1).min(len)),
            Action::MenuUp => Mode::Help(at.saturating_sub(1)),
            _ => Mode::Normal,
        }
    }

    /// `Esc` in the tree: clears the search, else the filter; it never
    /// quits (`q` does).
    fn clear_or_hint(&mut self) {
        let s = self.strings();
        if !self.search.matches.is_empty() || !self.search.input.value().is_empty() {
            self.search = Default::default();
            self.info(s.get(t::SEARCH_CLEARED));
        } else if self.tree.filter.is_active() {
            self.tree.filter = Default::default();
            self.rebuild();
            self.info(s.get(t::FILTER_CLEARED));
        } else {
            self.info(s.get(t::Q_QUITS));
        }
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
                .rebuild_keeping(&self.portfolio, self.today, Some(&parent));
        }
    }

    /// `+`/`-`/`]`/`[`: a counting milestone's `done` by one, any other
    /// milestone's percent by `delta` (see `core::progress::step_progress`).
    fn nudge_percent(&mut self, delta: f64) {
        let Some(path) = self.selected_path() else {
            return;
        };
        let Some(item) = self.editable(t::WHAT_PERCENT) else {
            return;
        };
        let ItemRef::Milestone(m, p) = item else {
            self.error(self.strings().get(t::PARENT_PERCENT));
            return;
        };
        let now = crate::core::text::percent(item.percent());
        match crate::core::progress::step_progress(m, &p.stages, &path, delta) {
            Some(edit) => {
                self.commit(vec![Change::field(edit)]);
            }
            None => self.info(self.strings().percent_already(&now)),
        }
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
            .as_deref()
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
        // an empty folder: the first objective, a new file
        if self.portfolio.files.is_empty() {
            self.mode = Mode::Form(Box::new(Form::add_objective(self.strings())));
            return;
        }
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
}
