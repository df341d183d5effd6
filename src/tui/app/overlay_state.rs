//! What the overlays keep between keys and what the state names of them:
//! the search prompt's query, its matches and the tree to go back to, and
//! the status menu's shortcut letters.

use std::collections::HashSet;

use tui_input::Input;

use crate::core::model::ItemPath;
use crate::tui::search;

/// The search: the query being typed and the items it matches.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub input: Input,
    pub matches: search::Found,
    pub current: usize,
    /// The tree as it was when the search began: typing opens only the
    /// folders of the current match, and Esc goes back to this.
    pub(super) before: Option<(HashSet<ItemPath>, Option<ItemPath>)>,
}

/// Status menu shortcut letters: `c` clears (derived), then `t`odo, `i`n
/// progress, `b`locked, `a`t risk, `d`one, dropped `x`.
pub fn status_shortcut(c: char) -> Option<usize> {
    "tibadx".find(c).map(|i| i + 1).or((c == 'c').then_some(0))
}
