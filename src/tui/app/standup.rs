//! Leaving a stand-up in progress asks first, and `w` the same day
//! resumes the meeting where it was left: timers, page, summary.

use std::time::Duration;

use super::{App, Mode};
use crate::tui::action::Action;
use crate::tui::screens::{Screen, Standup};
use crate::tui::strings as t;

/// Whether a meeting is under way: time has passed or it moved on, and it
/// has not reached its summary.
pub fn in_progress(s: &Standup) -> bool {
    let moved = s.project_index() > 0 || s.row > 0 || (s.ops.is_some() && !s.on_ops());
    !s.on_summary() && (s.total > Duration::ZERO || moved)
}

impl App {
    /// `q` or `Esc` on a screen: back to the tree, asking first when a
    /// stand-up is in progress.
    pub(super) fn back(&mut self) {
        match &self.screen {
            Screen::Standup(s) if in_progress(s) => self.mode = Mode::LeaveStandup,
            _ => self.leave_screen(),
        }
    }

    /// Back to the tree; a stand-up in progress is kept for `w`.
    fn leave_screen(&mut self) {
        let screen = std::mem::replace(&mut self.screen, Screen::Tree);
        if let Screen::Standup(s) = screen
            && in_progress(&s)
        {
            self.clock.paused = Some((self.today, Box::new(s)));
            self.info(self.strings().get(t::STANDUP_PAUSED));
        }
    }

    /// The question of leaving a stand-up in progress: `y` (`Enter`)
    /// leaves, keeping it for `w`; `n` or `Esc` stays.
    pub(super) fn leave_standup(&mut self, action: Action) -> Mode {
        match action {
            Action::Confirm | Action::Choose('y' | 'Y' | 'q') => {
                self.leave_screen();
                Mode::Normal
            }
            Action::Choose('n' | 'N') | Action::Cancel => Mode::Normal,
            _ => Mode::LeaveStandup,
        }
    }

    /// The meeting left today, if any, taken to be resumed.
    pub(super) fn resume_standup(&mut self) -> Option<Standup> {
        match self.clock.paused.take() {
            Some((day, mut s)) if day == self.today => {
                s.refresh(&self.portfolio);
                s.summary = None;
                self.info(self.strings().get(t::STANDUP_RESUMED));
                Some(*s)
            }
            _ => None,
        }
    }
}
