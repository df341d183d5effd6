//! Warnings where an item's fields contradict each other: a done status
//! below 100%, a percent disagreeing with `done/total`, the last stage
//! below 100%, a blocker on an item not blocked or a blocked item without
//! one. (`done` over `total` and `start` after `due` are errors, read in
//! `walk` and `fields`.) Warnings do not keep a file out of the tree.

use super::context::{Cx, Table};
use crate::core::edit::round_percent;
use crate::core::model::{Fields, Milestone, Status};
use crate::core::text::percent;

impl Cx<'_> {
    /// Warns of the contradictions among `f` (read from `table`), given
    /// the percent its own progress fields give (`own`), its status aside.
    pub(super) fn contradictions(
        &mut self,
        f: &Fields,
        table: &Table<'_>,
        what: &str,
        own: Option<f64>,
    ) {
        let span = |key: &str| table.get(key).map(|v| v.span());
        if f.status == Some(Status::Done)
            && let Some(p) = own
            && p < 100.0
            && let Some(at) = span("status")
        {
            self.warn(
                at,
                format!(
                    "{what} is done but its percent is {}% (a done item counts as 100%)",
                    percent(p)
                ),
            );
        }
        let has_blocker = f.blocker.as_deref().is_some_and(|b| !b.trim().is_empty());
        match (f.status == Some(Status::Blocked), has_blocker) {
            (false, true) => {
                if let Some(at) = span("blocker") {
                    self.warn(
                        at,
                        format!("{what} has a blocker but its status is not blocked"),
                    );
                }
            }
            (true, false) => {
                if let Some(at) = span("status") {
                    self.warn(at, format!("{what} is blocked but has no blocker"));
                }
            }
            _ => {}
        }
    }

    /// Warns of what only a milestone can contradict: its percent and its
    /// counts, its last stage and its percent; then of what every item can.
    pub(super) fn milestone_contradictions(
        &mut self,
        m: &Milestone,
        table: &Table<'_>,
        what: &str,
        stages: &[String],
    ) {
        let span = |key: &str| table.get(key).map(|v| v.span());
        if let (Some(p), Some(ratio), Some(at)) =
            (m.fields.percent, m.count_percent(), span("percent"))
            && round_percent(p) != round_percent(ratio)
        {
            self.warn(
                at,
                format!(
                    "{what}: percent {} disagrees with done/total ({}/{} = {}%)",
                    percent(p),
                    m.done.unwrap_or_default(),
                    m.total.unwrap_or_default(),
                    percent(ratio)
                ),
            );
        }
        let own = m.own_percent(stages);
        if let (Some(stage), Some(last)) = (m.stage.as_deref(), stages.last())
            && stage == last
            && let Some(p) = own
            && p < 100.0
            && let Some(at) = span("stage")
        {
            self.warn(
                at,
                format!(
                    "{what} is at the last stage `{stage}` but its percent is {}%",
                    percent(p)
                ),
            );
        }
        self.contradictions(&m.fields, table, what, own);
    }
}
