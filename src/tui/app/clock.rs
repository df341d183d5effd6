//! Where the app's time comes from: the local clock, or times fixed by
//! `--today` and by tests.

use chrono::{NaiveDate, NaiveTime};

/// The sources of "now" besides the fixed `today`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Clock {
    /// The time of day that `now` means in incident forms: the local
    /// clock's when `None`. Tests set it, so that they do not depend on it.
    pub time_of_day: Option<NaiveTime>,
    /// Where "today" comes from when the date changes while the TUI is
    /// open (read on each tick); `None` keeps `today` fixed, as `--today`
    /// and tests do.
    pub date: Option<fn() -> NaiveDate>,
}
