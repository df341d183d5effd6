//! Where the app's time comes from: the local clock, or times fixed by
//! `--today` and by tests; and the stand-up whose timers were stopped by
//! leaving it, which `w` resumes the same day.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};

use crate::tui::keymap::Keymap;
use crate::tui::screens::Standup;
use crate::tui::theme::Theme;

/// The sources of "now" besides the fixed `today`, a paused meeting, and
/// the terminal's side of the app: its theme and keys ([`Ui`]).
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// The theme and keys the session was started with.
    pub ui: Ui,
    /// The time of day that `now` means in incident forms: the local
    /// clock's when `None`. Tests set it, so that they do not depend on it.
    pub time_of_day: Option<NaiveTime>,
    /// Where "today" comes from when the date changes while the TUI is
    /// open (read on each tick); `None` keeps `today` fixed, as `--today`
    /// and tests do.
    pub date: Option<fn() -> NaiveDate>,
    /// The stand-up left while in progress, and the day it was left:
    /// `w` that day resumes it (timers, page, summary).
    pub paused: Option<(NaiveDate, Box<Standup>)>,
}

/// What the terminal and the user's config decided at start: the colours
/// ([`Theme`]) and the keys ([`Keymap`]), passed to the views and the
/// event loop through the app.
#[derive(Clone, Default)]
pub struct Ui {
    pub theme: Theme,
    pub keymap: Arc<Keymap>,
}

impl std::fmt::Debug for Ui {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ui({:?})", self.theme)
    }
}
