//! The keys of menus, forms, questions and prompts (the overlays): each
//! overlay's table, and how the help lists them.

use std::sync::LazyLock;

use super::action::Action;
use super::key::{Code, Key, key};
use super::strings::Text;
use super::strings::keys::*;

/// The keys of an overlay: each key's action; a key not in the table
/// falls to [`Fallback`].
pub struct OverlayKeys {
    pub keys: Vec<(Vec<Key>, Action)>,
    pub fallback: Fallback,
}

impl OverlayKeys {
    fn new(keys: &[(&[&str], Action)], fallback: Fallback) -> Self {
        let keys = keys
            .iter()
            .map(|(ks, a)| (ks.iter().map(|k| key(k)).collect(), a.clone()))
            .collect();
        OverlayKeys { keys, fallback }
    }

    /// What `k` does in this overlay.
    pub fn action(&self, k: Key) -> Option<Action> {
        if let Some((_, a)) = self.keys.iter().find(|(ks, _)| ks.contains(&k)) {
            return Some(a.clone());
        }
        match (self.fallback, k.code) {
            (Fallback::Choose, Code::Char(c)) => Some(Action::Choose(c)),
            (Fallback::Cancel, _) => Some(Action::Cancel),
            _ => None,
        }
    }
}

/// What an overlay does with a key its table does not name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fallback {
    /// A character picks an entry by its letter ([`Action::Choose`]).
    Choose,
    /// Any other key says no ([`Action::Cancel`]).
    Cancel,
    /// The key edits the text being typed ([`Action::Input`]).
    Text,
}

/// The status and filter menus.
pub static MENU_TABLE: LazyLock<OverlayKeys> = LazyLock::new(|| {
    OverlayKeys::new(
        &[
            (&["<Down>", "j", "<Tab>"], Action::MenuDown),
            (&["<Up>", "k", "<S-Tab>"], Action::MenuUp),
            (&["<Enter>"], Action::Confirm),
            (&["<Esc>", "q", "Ctrl-c"], Action::Cancel),
        ],
        Fallback::Choose,
    )
});

/// The question of a save conflict: `m`ine or `t`heirs, by letter.
pub static CONFLICT_TABLE: LazyLock<OverlayKeys> =
    LazyLock::new(|| OverlayKeys::new(&[(&["<Esc>", "Ctrl-c"], Action::Cancel)], Fallback::Choose));

/// The delete prompt: yes, or any other key for no.
pub static DELETE_TABLE: LazyLock<OverlayKeys> = LazyLock::new(|| {
    OverlayKeys::new(
        &[(&["y", "Y", "<Enter>"], Action::Confirm)],
        Fallback::Cancel,
    )
});

/// A question answered `y` (or `Enter`) or `n`, or put away with `Esc`:
/// clear the blocker too, leave the stand-up.
pub static QUESTION_TABLE: LazyLock<OverlayKeys> = LazyLock::new(|| {
    OverlayKeys::new(
        &[
            (&["<Enter>"], Action::Confirm),
            (&["<Esc>", "Ctrl-c"], Action::Cancel),
        ],
        Fallback::Choose,
    )
});

/// The questions when quitting with unsaved edits (`s`ave again,
/// `d`iscard) and at a start with edits left from last time (`r`e-apply,
/// `d`iscard): a letter answers, `Esc` stays (or decides later). Other
/// keys do nothing, so that no key typed ahead throws edits away.
pub static ASK_TABLE: LazyLock<OverlayKeys> =
    LazyLock::new(|| OverlayKeys::new(&[(&["<Esc>", "Ctrl-c"], Action::Cancel)], Fallback::Choose));

/// The search prompt and the forms.
pub static TEXT_TABLE: LazyLock<OverlayKeys> = LazyLock::new(|| {
    OverlayKeys::new(
        &[
            (&["<Enter>"], Action::Confirm),
            (&["<Esc>", "Ctrl-c"], Action::Cancel),
            (&["Ctrl-s"], Action::Save),
            (&["Ctrl-j"], Action::NewLine),
            (&["<Tab>", "<Down>"], Action::NextField),
            (&["<S-Tab>", "<Up>"], Action::PrevField),
        ],
        Fallback::Text,
    )
});

/// The keys of menus, forms and prompts, for the help overlay: as shown,
/// the keys (checked against the overlay tables by a test), and what they do.
pub const OVERLAY_HELP: &[(&str, &[&str], Text)] = &[
    (
        "Tab ↓/S-Tab ↑",
        &["<Tab>", "<Down>", "<S-Tab>", "<Up>"],
        FORM_FIELDS,
    ),
    ("Enter", &["<Enter>"], CONFIRM),
    ("Ctrl-s", &["Ctrl-s"], super::strings::SAVE_FORM_KEYS),
    ("Enter Ctrl-j", &["Ctrl-j"], super::strings::NEW_LINE_KEYS),
    ("Esc", &["<Esc>"], CANCEL),
    ("j k ↑ ↓", &["j", "k", "<Up>", "<Down>"], MENU_MOVE),
    ("y n", &["y", "n"], YES_NO),
    (
        "Ctrl-u w a e",
        &["Ctrl-u", "Ctrl-w", "Ctrl-a", "Ctrl-e"],
        TEXT_KEYS,
    ),
];
