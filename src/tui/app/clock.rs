//! Where the app's time comes from: the local clock, or times fixed by
//! `--today` and by tests; and the stand-up whose timers were stopped by
//! leaving it, which `w` resumes the same day.

use chrono::{NaiveDate, NaiveTime};

use crate::tui::screens::Standup;

/// The sources of "now" besides the fixed `today`, and a paused meeting.
#[derive(Clone, Debug, Default)]
pub struct Clock {
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
