//! Keys to actions, as tables built once. The same tables drive the help
//! overlay and the footer, so what is shown is what works. Keys are written
//! in the notation of [`super::key`].

use std::sync::LazyLock;

use super::action::Action;
use super::key::{Key, key};
use super::remap::name_of;
use super::screens::Screen;
use super::strings::Text;
use super::strings::keys::*;

pub use super::overlay_keys::{
    ASK_TABLE, CONFLICT_TABLE, DELETE_TABLE, Fallback, MENU_TABLE, OVERLAY_HELP, OverlayKeys,
    QUESTION_TABLE, TEXT_TABLE,
};

/// One line of the key table: the keys, what they do, and a word for the
/// footer. The texts are in both languages (from `strings.rs`); the views
/// pick one with `Strings::get`.
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: Text,
    /// Shown in the footer, when set: the keys as written there, and a word.
    pub short: Option<(&'static str, Text)>,
    /// The keys the user's config gave this action (also in `keys`).
    pub remapped: Vec<Key>,
}

impl Binding {
    /// The keys as the help shows them: `↓ j`; a remapped key first, with
    /// a star: `J* ↓ j`.
    pub fn label(&self) -> String {
        let mine = self.remapped.iter().map(|k| format!("{}*", k.label()));
        let rest = self.keys.iter().filter(|k| !self.remapped.contains(k));
        let labels: Vec<String> = mine.chain(rest.map(|k| k.label())).collect();
        labels.join(" ")
    }

    /// The keys and word of the footer: the remapped keys when there are.
    pub fn footer(&self) -> Option<(String, Text)> {
        let (k, word) = self.short?;
        if self.remapped.is_empty() {
            return Some((k.to_string(), word));
        }
        let keys: Vec<String> = self.remapped.iter().map(|k| k.label()).collect();
        Some((format!("{}*", keys.join("")), word))
    }
}

macro_rules! bind {
    ($keys:expr, $action:expr, $help:expr) => {
        Binding {
            keys: $keys.iter().map(|k| key(k)).collect(),
            action: $action,
            help: $help,
            short: None,
            remapped: Vec::new(),
        }
    };
    ($keys:expr, $action:expr, $help:expr, $short:expr) => {
        Binding {
            keys: $keys.iter().map(|k| key(k)).collect(),
            action: $action,
            help: $help,
            short: Some($short),
            remapped: Vec::new(),
        }
    };
}

/// The editing keys, the same on every screen.
fn edit_bindings() -> Vec<Binding> {
    use Action::*;
    vec![
        bind!(["+"], Percent(5.0), PERCENT_UP_5, ("+-", PERCENT)),
        bind!(["-"], Percent(-5.0), PERCENT_DOWN_5),
        bind!(["]"], Percent(1.0), PERCENT_UP_1),
        bind!(["["], Percent(-1.0), PERCENT_DOWN_1),
        bind!([">"], StageNext, NEXT_STAGE, ("<>", STAGE)),
        bind!(["<lt>"], StagePrev, PREV_STAGE),
        bind!(["s"], StatusMenu, SET_STATUS, ("s", STATUS)),
        bind!(["e"], Edit, EDIT_FORM, ("e", EDIT)),
        bind!(["a"], Add, ADD),
        bind!(["D"], Delete, DELETE),
        bind!(["u"], Undo, UNDO, ("u", UNDO)),
        bind!(["Ctrl-r"], Redo, REDO),
        bind!(["Ctrl-s"], Retry, RETRY),
        bind!(["R"], Reload, RELOAD),
        bind!(["c"], Settle, super::strings::team::SETTLE),
    ]
}

/// The keys of the operations view and the stand-up's operations page:
/// moving over metrics and incidents, adding and editing, undo. The
/// percent, stage and status keys of the other screens do nothing here.
fn ops_bindings() -> Vec<Binding> {
    use Action::*;
    vec![
        bind!(["a"], Add, ADD_INCIDENT, ("a", ADD_SHORT)),
        bind!(["e"], Edit, EDIT_OPS, ("e", EDIT)),
        bind!(["u"], Undo, UNDO, ("u", UNDO)),
        bind!(["Ctrl-r"], Redo, REDO),
        bind!(["Ctrl-s"], Retry, RETRY),
    ]
}

/// The screens that have key tables of their own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Table {
    Tree,
    StandupOps,
    Standup,
    StandupSummary,
    Overdue,
    Board,
    Ops,
    Trend,
}

impl Table {
    fn of(screen: &Screen) -> Self {
        match screen {
            Screen::Tree => Table::Tree,
            Screen::Standup(s) if s.on_ops() => Table::StandupOps,
            Screen::Standup(s) if s.on_summary() => Table::StandupSummary,
            Screen::Standup(_) => Table::Standup,
            Screen::Overdue(_) => Table::Overdue,
            Screen::Board(_) => Table::Board,
            Screen::Ops(_) => Table::Ops,
            Screen::Trend(_) => Table::Trend,
        }
    }
}

/// Builds the table of a screen, in the order the help lists them.
fn build(table: Table) -> Vec<Binding> {
    use Action::*;
    let mut v = match table {
        Table::StandupOps => {
            let mut v = vec![
                bind!(
                    ["<Right>", "n", "<Space>"],
                    NextPage,
                    NEXT_PROJECT,
                    ("→", NEXT)
                ),
                bind!(["<Left>", "p"], PrevPage, PREV_PROJECT),
                bind!(["<Down>", "j"], Down, NEXT_ROW, ("↑↓", MOVE)),
                bind!(["<Up>", "k"], Up, PREV_ROW),
            ];
            v.extend(ops_bindings());
            v
        }
        Table::Ops => {
            let mut v = vec![
                bind!(["<Down>", "j"], Down, NEXT_ROW, ("↑↓", MOVE)),
                bind!(["<Up>", "k"], Up, PREV_ROW),
                bind!(["[", "<Left>"], PrevWeek, PREV_WEEK, ("[]", WEEK)),
                bind!(["]", "<Right>"], NextWeek, NEXT_WEEK),
            ];
            v.extend(ops_bindings());
            v
        }
        Table::Tree => vec![
            bind!(["<Down>", "j"], Down, MOVE_DOWN),
            bind!(["<Up>", "k"], Up, MOVE_UP),
            bind!(["<PgDn>"], PageDown, PAGE_DOWN),
            bind!(["<PgUp>"], PageUp, PAGE_UP),
            bind!(["g", "<Home>"], First, FIRST_ROW),
            bind!(["G", "<End>"], Last, LAST_ROW),
            bind!(["<Right>", "l", "<Enter>"], Expand, EXPAND),
            bind!(["<Left>", "h"], Collapse, COLLAPSE),
            bind!(["z"], ToggleAll, TOGGLE_ALL),
            bind!(["J"], DetailScroll(3), DETAIL_DOWN),
            bind!(["K"], DetailScroll(-3), DETAIL_UP),
        ],
        Table::Standup => vec![
            bind!(
                ["<Right>", "n", "<Space>"],
                NextPage,
                NEXT_PROJECT,
                ("→", NEXT)
            ),
            bind!(["<Left>", "p"], PrevPage, PREV_PROJECT, ("←", BACK)),
            bind!(["<Down>", "j"], Down, NEXT_MILESTONE, ("↑↓", MILESTONE)),
            bind!(["<Up>", "k"], Up, PREV_MILESTONE),
            bind!(["<PgDn>"], PageDown, SCROLL_PAGE_DOWN),
            bind!(["<PgUp>"], PageUp, SCROLL_PAGE_UP),
        ],
        // the summary only scrolls: no item is selected there
        Table::StandupSummary => vec![
            bind!(["<Left>", "p"], PrevPage, PREV_PROJECT, ("←", BACK)),
            bind!(["<Down>", "j"], Down, SCROLL_DOWN, ("↑↓", SCROLL)),
            bind!(["<Up>", "k"], Up, SCROLL_UP),
            bind!(["<PgDn>"], PageDown, SCROLL_PAGE_DOWN, ("PgDn PgUp", PAGE)),
            bind!(["<PgUp>"], PageUp, SCROLL_PAGE_UP),
            bind!(["u"], Undo, UNDO, ("u", UNDO)),
            bind!(["Ctrl-r"], Redo, REDO),
        ],
        Table::Overdue => vec![
            bind!(["<Down>", "j"], Down, MOVE_DOWN, ("↑↓", MOVE)),
            bind!(["<Up>", "k"], Up, MOVE_UP),
            bind!(["d"], Reschedule, NEW_DUE, ("d", RESCHEDULE)),
            bind!(["x"], MarkDone, MARK_DONE, ("x", DONE)),
            bind!(["b"], RecordBlocker, RECORD_BLOCKER, ("b", BLOCKER)),
        ],
        Table::Board => vec![
            bind!(["<Left>", "h"], Left, COLUMN_LEFT, ("←→", COLUMN)),
            bind!(["<Right>", "l"], Right, COLUMN_RIGHT),
            bind!(["<Down>", "j"], Down, NEXT_CARD, ("↑↓", CARD)),
            bind!(["<Up>", "k"], Up, PREV_CARD),
        ],
        // only looks: t goes back too, like q and Esc
        Table::Trend => vec![
            bind!(["?"], Help, HELP, ("?", HELP_SHORT)),
            bind!(["q", "<Esc>", "t"], Back, BACK_TO_TREE, ("q t", BACK_SHORT)),
            bind!(["Ctrl-c"], Quit, QUIT),
        ],
    };
    if !matches!(
        table,
        Table::Ops | Table::StandupOps | Table::StandupSummary | Table::Trend
    ) {
        v.extend(edit_bindings());
    }
    match table {
        Table::Trend => {}
        Table::Tree => v.extend([
            bind!(["/"], Search, SEARCH, ("/", SEARCH_SHORT)),
            bind!(["n"], SearchNext, NEXT_MATCH),
            bind!(["N"], SearchPrev, PREV_MATCH),
            bind!(["f"], Filter, FILTER_MENU, ("f", FILTER)),
            bind!(["F"], ClearFilter, CLEAR_FILTER),
            bind!(["w"], Standup, STANDUP, ("w", STANDUP_SHORT)),
            bind!(["o"], Review, REVIEW, ("o", REVIEW_SHORT)),
            bind!(["m"], Operations, OPS, ("m", OPS_SHORT)),
            bind!(["p"], Board, BOARD),
            bind!(["t"], Trend, TREND),
            bind!(["r"], Report, REPORT),
            bind!(["S"], Sync, super::strings::team::SYNC),
            bind!(["i"], ToggleDetail, DETAIL),
            bind!(["?"], Help, HELP, ("?", HELP_SHORT)),
            bind!(["<Esc>"], Back, super::strings::ESC_CLEARS),
            bind!(["q", "Ctrl-c"], Quit, QUIT, ("q", QUIT)),
        ]),
        _ => v.extend([
            bind!(["?"], Help, HELP, ("?", HELP_SHORT)),
            bind!(["q", "<Esc>"], Back, BACK_TO_TREE, ("q", BACK_SHORT)),
            bind!(["Ctrl-c"], Quit, QUIT),
        ]),
    }
    v
}

/// Every screen's table, built once from the defaults and the keys of the
/// user's config; passed to the views and the event loop (no global state).
pub struct Keymap {
    tables: Vec<(Table, Vec<Binding>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::new(&[])
    }
}

impl Keymap {
    /// The default tables, with each `(key, action name)` moved to the
    /// binding of that action on every screen that has it.
    pub fn new(remap: &[(Key, String)]) -> Self {
        use Table::*;
        let tables = [
            Tree,
            StandupOps,
            Standup,
            StandupSummary,
            Overdue,
            Board,
            Ops,
            Trend,
        ]
        .map(|t| {
            let mut v = build(t);
            for (k, name) in remap {
                let Some(i) = v.iter().position(|b| name_of(&b.action) == *name) else {
                    continue;
                };
                for b in v.iter_mut() {
                    b.keys.retain(|x| x != k);
                    b.remapped.retain(|x| x != k);
                }
                v[i].keys.insert(0, *k);
                v[i].remapped.push(*k);
            }
            (t, v)
        });
        Keymap {
            tables: tables.into(),
        }
    }

    /// The keys of a screen, in the order the help lists them.
    pub fn bindings(&self, screen: &Screen) -> &[Binding] {
        let table = Table::of(screen);
        self.tables
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(&[], |(_, v)| v.as_slice())
    }

    /// The names of the actions a key can be given to, each once.
    pub fn action_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for b in self.tables.iter().flat_map(|(_, v)| v) {
            let n = name_of(&b.action);
            if !names.contains(&n) {
                names.push(n);
            }
        }
        names
    }
}

/// The tables without a config, for tests and callers without an app.
pub static DEFAULT: LazyLock<Keymap> = LazyLock::new(Keymap::default);

/// The default keys of a screen, in the order the help lists them.
pub fn bindings(screen: &Screen) -> &'static [Binding] {
    DEFAULT.bindings(screen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::Mode;
    use crate::tui::input::action_in;
    use crate::tui::screens::{Board, Ops, Page, Review, Standup};
    use crossterm::event::{Event, KeyEvent};
    use crossterm::event::{KeyCode, KeyModifiers};

    fn key_event(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    fn screens() -> Vec<Screen> {
        vec![
            Screen::Tree,
            Screen::Standup(Standup::default()),
            Screen::Overdue(Review::default()),
            Screen::Board(Board {
                project: crate::core::ItemPath::project("o", "p"),
                column: 0,
                card: 0,
            }),
            Screen::Ops(Ops::default()),
            Screen::Trend(crate::tui::screens::Trend {
                path: crate::core::ItemPath::project("o", "p"),
            }),
            Screen::Standup(Standup {
                page: Page::Ops,
                ops: Some(Ops::default()),
                ..Standup::default()
            }),
            Screen::Standup(Standup {
                page: Page::Project(0),
                ..Standup::default()
            }),
        ]
    }

    #[test]
    fn every_key_of_every_screen_maps_to_its_action() {
        for screen in screens() {
            for b in bindings(&screen) {
                for k in &b.keys {
                    let got = action_in(&Mode::Normal, &screen, &Event::Key(k.event()));
                    assert_eq!(got, Some(b.action.clone()), "{k}");
                }
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_on_a_screen() {
        for screen in screens() {
            let mut seen = std::collections::HashSet::new();
            for b in bindings(&screen) {
                for k in &b.keys {
                    assert!(seen.insert(*k), "{k} bound twice on {screen:?}");
                }
            }
        }
    }

    #[test]
    fn the_overlay_help_says_what_the_overlay_keys_do() {
        let does = |table: &OverlayKeys, k: &str| table.action(key(k));
        for (_, keys, text) in OVERLAY_HELP {
            for k in *keys {
                let ok = match *text {
                    FORM_FIELDS => matches!(
                        does(&TEXT_TABLE, k),
                        Some(Action::NextField | Action::PrevField)
                    ),
                    CONFIRM => [&*MENU_TABLE, &*DELETE_TABLE, &*TEXT_TABLE]
                        .iter()
                        .all(|t| does(t, k) == Some(Action::Confirm)),
                    CANCEL => [
                        &*MENU_TABLE,
                        &*CONFLICT_TABLE,
                        &*DELETE_TABLE,
                        &*TEXT_TABLE,
                        &*ASK_TABLE,
                    ]
                    .iter()
                    .all(|t| does(t, k) == Some(Action::Cancel)),
                    MENU_MOVE => matches!(
                        does(&MENU_TABLE, k),
                        Some(Action::MenuUp | Action::MenuDown)
                    ),
                    YES_NO => matches!(
                        does(&DELETE_TABLE, k),
                        Some(Action::Confirm | Action::Cancel)
                    ),
                    crate::tui::strings::SAVE_FORM_KEYS => {
                        does(&TEXT_TABLE, k) == Some(Action::Save)
                    }
                    crate::tui::strings::NEW_LINE_KEYS => {
                        does(&TEXT_TABLE, k) == Some(Action::NewLine)
                    }
                    // Ctrl-u w a e edit the text: no table names them
                    TEXT_KEYS => does(&TEXT_TABLE, k).is_none(),
                    _ => false,
                };
                assert!(ok, "{k}: {}", text.0);
            }
        }
    }

    #[test]
    fn every_binding_reads_in_both_languages() {
        use crate::core::settings::Language;
        use crate::core::text::width;
        use crate::tui::strings::Strings;
        let zh = Strings::new(Language::Zh);
        for screen in screens() {
            for b in bindings(&screen) {
                let (en, cn) = b.help;
                assert!(!en.is_empty() && en.is_ascii(), "{en}");
                assert!(!cn.is_ascii(), "{en}: {cn}");
                // at 80 columns, the help's columns have room for 24
                assert!(width(zh.get(b.help)) <= 24, "{cn}");
                if let Some((_, short)) = b.short {
                    assert!(!short.1.is_ascii() && width(short.1) <= 8, "{}", short.1);
                }
            }
        }
        for (_, _, (en, cn)) in OVERLAY_HELP {
            assert!(
                en.is_ascii() && !cn.is_ascii() && width(cn) <= 24,
                "{en}: {cn}"
            );
        }
    }

    #[test]
    fn typing_in_a_form_inserts_text() {
        let form = Mode::Search;
        let tree = Screen::Tree;
        assert_eq!(
            action_in(
                &form,
                &tree,
                &key_event(KeyCode::Char('迁'), KeyModifiers::NONE)
            ),
            Some(Action::Input(tui_input::InputRequest::InsertChar('迁')))
        );
        assert_eq!(
            action_in(
                &form,
                &tree,
                &key_event(KeyCode::Char('j'), KeyModifiers::NONE)
            ),
            Some(Action::Input(tui_input::InputRequest::InsertChar('j')))
        );
        assert_eq!(
            action_in(&form, &tree, &Event::Paste("粘贴".into())),
            Some(Action::Paste("粘贴".into()))
        );
        assert_eq!(
            action_in(&Mode::Normal, &tree, &Event::Paste("x".into())),
            None
        );
    }
}

#[cfg(test)]
mod ops_tests {
    use super::*;
    use crate::tui::app::Mode;
    use crate::tui::input::action_in;
    use crate::tui::screens::Ops;
    use crossterm::event::Event;

    fn press(screen: &Screen, c: char) -> Option<Action> {
        action_in(&Mode::Normal, screen, &Event::Key(Key::char(c).event()))
    }

    #[test]
    fn the_operations_view_has_weeks_where_other_screens_have_percents() {
        let ops = Screen::Ops(Ops::default());
        assert_eq!(press(&ops, '['), Some(Action::PrevWeek));
        assert_eq!(press(&ops, ']'), Some(Action::NextWeek));
        assert_eq!(press(&ops, '+'), None, "+ does nothing here");
        assert_eq!(press(&ops, '-'), None, "- does nothing here");
        assert_eq!(press(&ops, 'a'), Some(Action::Add));
        assert_eq!(press(&ops, 'e'), Some(Action::Edit));
        assert_eq!(press(&Screen::Tree, 'm'), Some(Action::Operations));
        assert_eq!(press(&Screen::Tree, '['), Some(Action::Percent(-1.0)));
    }
}
