//! What changed since last week: an item's movement, and the stand-up
//! summary's lists (what moved, what is late, blocked or stalled). Made
//! from the portfolio and its history, for the state to prepare and the
//! views to show.

use chrono::NaiveDate;

use crate::core::history::{History, Movement, Record};
use crate::core::model::{ItemPath, ItemRef, Portfolio, Status};
use crate::core::text::sanitize;
use crate::tui::screens::Summary;
use crate::tui::strings::Strings;

/// What changed for an item since the newest earlier week.
pub fn change_of(history: &History, path: &ItemPath, item: ItemRef<'_>) -> Movement {
    if history.earlier.is_empty() {
        return Movement::default();
    }
    let pct = item.percent();
    let record = Record {
        percent: (pct * 100.0).round() / 100.0,
        status: item.status_with(pct),
        stage: match item {
            ItemRef::Milestone(m, _) => m.stage.as_deref().map(Into::into),
            _ => None,
        },
        due: item.fields().due,
    };
    history.change(&path.to_string(), &record)
}

/// The summary's lists of the portfolio as it is: what moved since last
/// week, what is late, blocked or stalled.
pub fn summary_of(p: &Portfolio, history: &History, today: NaiveDate) -> Summary {
    let tr = Strings::of(p);
    let mut out = Summary::default();
    crate::core::listing::each(p, today, |i| {
        let path = i.path();
        let c = change_of(history, &path, i.item);
        let title = sanitize(i.title(), false).into_owned();
        let label = tr.delta(&c);
        if !label.is_empty() && i.kind() != crate::core::Kind::Objective {
            out.moved.push(format!("{title}  {label}"));
        }
        if i.overdue_days > 0 {
            out.late.push(tr.late_days(&title, i.overdue_days));
        }
        if i.status == Status::Blocked {
            let why = i
                .item
                .fields()
                .blocker
                .as_deref()
                .map(|b| tr.because(&sanitize(b, false)))
                .unwrap_or_default();
            out.blocked.push(format!("{title}{why}"));
        }
        if c.stalled_weeks > 0 {
            out.stalled.push(tr.stalled_for(&title, c.stalled_weeks));
        }
    });
    out
}
