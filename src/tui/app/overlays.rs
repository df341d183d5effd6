//! The overlays: the status and filter menus, the delete prompt, the
//! search prompt and the forms. Each takes the overlay's action and returns
//! the mode that follows (the same overlay, or none). Their keys are the
//! tables of [`crate::tui::keymap`].

use tui_input::InputRequest;

use super::overlay_state::{Search, status_shortcut};
use super::{App, Mode};
use crate::core::model::{ItemPath, Status};
use crate::core::{Change, Edit, Field, Value};
use crate::tui::action::Action;
use crate::tui::form::{Form, FormKind};
use crate::tui::search;
use crate::tui::strings as t;
use crate::tui::tree::TreeFilter;

impl App {
    /// `/`: opens the search prompt, remembering the tree to go back to.
    pub(super) fn start_search(&mut self) {
        self.search = Search {
            before: Some((self.tree.expanded.clone(), self.selected_path())),
            ..Default::default()
        };
        self.mode = Mode::Search;
    }

    pub(super) fn status_menu(&mut self, at: usize, action: Action) -> Mode {
        let entries = Status::ALL.len() + 1;
        match action {
            Action::MenuDown => Mode::StatusMenu((at + 1) % entries),
            Action::MenuUp => Mode::StatusMenu((at + entries - 1) % entries),
            Action::Choose(c) => match status_shortcut(c) {
                Some(i) => self.status_menu(i, Action::Confirm),
                None => Mode::StatusMenu(at),
            },
            Action::Confirm => {
                let Some(path) = self.selected_path() else {
                    return Mode::Normal;
                };
                let status = at.checked_sub(1).map(|i| Status::ALL[i]);
                let fields = self.portfolio.get(&path).map(|i| i.fields().clone());
                let blocker = fields.as_ref().and_then(|f| f.blocker.clone());
                let blocked = fields.as_ref().and_then(|f| f.status) == Some(Status::Blocked);
                if status == Some(Status::Blocked) {
                    // the reason, in the same step
                    return match Form::block(&self.portfolio, &path) {
                        Some(form) => Mode::Form(Box::new(form)),
                        None => Mode::Normal,
                    };
                }
                if blocked && blocker.is_some() {
                    return Mode::ClearBlocker(Box::new((path, status)));
                }
                self.set_status(path, status, false);
                Mode::Normal
            }
            Action::Cancel => Mode::Normal,
            _ => Mode::StatusMenu(at),
        }
    }

    /// Sets the status of the item at `path` (`None`: derived), and with
    /// `clear` removes its blocker in the same undo step.
    fn set_status(&mut self, path: ItemPath, status: Option<Status>, clear: bool) {
        let mut changes = vec![Change::field(Edit {
            path: path.clone(),
            field: Field::Status,
            value: status.map(Value::Status),
        })];
        if clear {
            changes.push(Change::field(Edit::remove(path, Field::Blocker)));
        }
        self.commit(changes);
    }

    /// A blocked item with a blocker gets another status: clear the
    /// blocker too (`y`, `Enter`), keep it (`n`), or change nothing (`Esc`).
    pub(super) fn clear_blocker(
        &mut self,
        path: ItemPath,
        status: Option<Status>,
        action: Action,
    ) -> Mode {
        match action {
            Action::Confirm | Action::Choose('y' | 'Y') => self.set_status(path, status, true),
            Action::Choose('n' | 'N') => self.set_status(path, status, false),
            Action::Cancel => self.info(self.strings().get(t::CANCELLED)),
            _ => return Mode::ClearBlocker(Box::new((path, status))),
        }
        Mode::Normal
    }

    /// The entries of the filter menu.
    pub fn filter_entries(&self) -> Vec<(String, TreeFilter)> {
        let s = self.strings();
        let mut out = vec![(
            format!(
                "{}{}",
                s.get(t::FILTER_OVERDUE_ONLY),
                if self.tree.filter.overdue_only {
                    "  ✓"
                } else {
                    ""
                }
            ),
            TreeFilter {
                overdue_only: !self.tree.filter.overdue_only,
                ..self.tree.filter.clone()
            },
        )];
        let soon = self.tree.filter.due_soon.is_some();
        out.push((
            format!(
                "{}{}",
                s.get(t::FILTER_DUE_SOON_ONLY),
                if soon { "  ✓" } else { "" }
            ),
            TreeFilter {
                due_soon: (!soon).then_some(self.portfolio.settings.due_soon_days),
                ..self.tree.filter.clone()
            },
        ));
        for st in Status::ALL {
            let on = self.tree.filter.status == Some(st);
            out.push((
                format!(
                    "{}{}",
                    s.filter_status_entry(st),
                    if on { "  ✓" } else { "" }
                ),
                TreeFilter {
                    status: (!on).then_some(st),
                    ..self.tree.filter.clone()
                },
            ));
        }
        let mut owners = std::collections::BTreeSet::new();
        crate::core::listing::each(&self.portfolio, self.today, |i| {
            owners.extend(i.owner());
        });
        for o in owners {
            let on = self.tree.filter.owner.as_deref() == Some(o);
            out.push((
                format!("{}{}", s.filter_owner_entry(o), if on { "  ✓" } else { "" }),
                TreeFilter {
                    owner: (!on).then(|| o.to_string()),
                    ..self.tree.filter.clone()
                },
            ));
        }
        out.push((s.get(t::FILTER_CLEAR).to_string(), TreeFilter::default()));
        out
    }

    pub(super) fn filter_menu(&mut self, at: usize, action: Action) -> Mode {
        let entries = self.filter_entries();
        let n = entries.len();
        match action {
            Action::MenuDown => Mode::FilterMenu((at + 1) % n),
            Action::MenuUp => Mode::FilterMenu((at + n - 1) % n),
            Action::Confirm => {
                if let Some((_, f)) = entries.into_iter().nth(at) {
                    self.tree.filter = f;
                    self.rebuild();
                    let s = self.strings();
                    if self.tree.filter.is_active() {
                        self.info(
                            s.filter_on(&self.tree.filter.describe_in(s), self.tree.rows.len()),
                        );
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

    pub(super) fn confirm_delete(&mut self, path: ItemPath, action: Action) -> Mode {
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

    pub(super) fn search_input(&mut self, action: Action) -> Mode {
        match action {
            Action::Input(req) => {
                self.search.input.handle(req);
                self.run_search();
                Mode::Search
            }
            Action::Paste(text) => {
                if crate::tui::form::paste_into(&mut self.search.input, &text) {
                    self.error(self.strings().paste_cut(crate::tui::form::MAX_FIELD));
                }
                self.run_search();
                Mode::Search
            }
            Action::Confirm | Action::Save => {
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
                    self.tree
                        .rebuild_keeping(&self.portfolio, self.today, selected.as_ref());
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
    pub(super) fn refresh_search(&mut self) {
        if !self.search.matches.is_empty() {
            self.search.matches = search::find(&self.portfolio, self.search.input.value());
            self.search.current = self
                .search
                .current
                .min(self.search.matches.len().saturating_sub(1));
        }
    }

    pub(super) fn next_match(&mut self, step: isize) {
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
        self.reveal(&path);
    }

    pub(super) fn form_input(&mut self, mut form: Box<Form>, action: Action) -> Mode {
        if form.asking {
            // Esc on a changed form asked: discard the changes?
            return match action {
                Action::Input(InputRequest::InsertChar('y' | 'Y')) => {
                    self.info(self.strings().get(t::CANCELLED));
                    Mode::Normal
                }
                Action::Input(InputRequest::InsertChar('n' | 'N')) | Action::Cancel => {
                    form.asking = false;
                    Mode::Form(form)
                }
                _ => Mode::Form(form),
            };
        }
        let action = match action {
            Action::Confirm | Action::NewLine if form.on_multiline() => {
                Action::Input(InputRequest::InsertChar('\n'))
            }
            Action::NewLine => return Mode::Form(form),
            Action::Save => Action::Confirm,
            other => other,
        };
        match action {
            Action::Input(req) => form.input(req, &self.portfolio, self.today),
            Action::Paste(text) => {
                let cut = form.paste(&text, &self.portfolio, self.today);
                if cut {
                    self.error(self.strings().paste_cut(crate::tui::form::MAX_FIELD));
                }
            }
            Action::NextField => form.next_field(),
            Action::PrevField => form.prev_field(),
            Action::Cancel if form.changed() => form.asking = true,
            Action::Cancel => {
                self.info(self.strings().get(t::CANCELLED));
                return Mode::Normal;
            }
            Action::Confirm if form.kind == FormKind::AddObjective => match form.new_objective() {
                Err((i, e)) => {
                    form.focus = i;
                    self.error(self.strings().not_saved(&e));
                }
                Ok((id, title)) => {
                    // written by `flush`, as every edit is
                    self.journal.new_objective = Some((id, title));
                    return Mode::Normal;
                }
            },
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
                            // the new item shows; the selection stays, so
                            // that `a` again adds another
                            let keep = self.selected_path();
                            self.tree.reveal(&path);
                            self.tree
                                .rebuild_keeping(&self.portfolio, self.today, keep.as_ref());
                        }
                        return Mode::Normal;
                    }
                }
            },
            _ => {}
        }
        Mode::Form(form)
    }
}
