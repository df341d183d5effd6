//! Keys to actions, as tables. The same tables drive the help overlay and
//! the footer, so what is shown is what works.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::{App, Mode};
use super::screens::Screen;
use super::strings::Text;
use super::strings::keys::*;

/// One line of the key table: the keys, what they do, and a word for the
/// footer. The texts are in both languages (from `strings.rs`); the views
/// pick one with `Strings::get`.
pub struct Binding {
    pub keys: &'static [&'static str],
    pub action: Action,
    pub help: Text,
    /// Shown in the footer, when set: the keys as written there, and a word.
    pub short: Option<(&'static str, Text)>,
}

macro_rules! bind {
    ($keys:expr, $action:expr, $help:expr) => {
        Binding {
            keys: $keys,
            action: $action,
            help: $help,
            short: None,
        }
    };
    ($keys:expr, $action:expr, $help:expr, $short:expr) => {
        Binding {
            keys: $keys,
            action: $action,
            help: $help,
            short: Some($short),
        }
    };
}

/// The editing keys, the same on every screen.
fn edit_bindings() -> Vec<Binding> {
    use Action::*;
    vec![
        bind!(&["+"], Percent(5.0), PERCENT_UP_5, ("+-", PERCENT)),
        bind!(&["-"], Percent(-5.0), PERCENT_DOWN_5),
        bind!(&["]"], Percent(1.0), PERCENT_UP_1),
        bind!(&["["], Percent(-1.0), PERCENT_DOWN_1),
        bind!(&[">"], StageNext, NEXT_STAGE, ("<>", STAGE)),
        bind!(&["<"], StagePrev, PREV_STAGE),
        bind!(&["s"], StatusMenu, SET_STATUS, ("s", STATUS)),
        bind!(&["e"], Edit, EDIT_FORM, ("e", EDIT)),
        bind!(&["a"], Add, ADD),
        bind!(&["D"], Delete, DELETE),
        bind!(&["u"], Undo, UNDO, ("u", UNDO)),
        bind!(&["Ctrl-r"], Redo, REDO),
        bind!(&["Ctrl-s"], Retry, RETRY),
        bind!(&["R"], Reload, RELOAD),
    ]
}

/// The keys of the operations view and the stand-up's operations page:
/// moving over metrics and incidents, adding and editing, undo. The
/// percent, stage and status keys of the other screens do nothing here.
fn ops_bindings() -> Vec<Binding> {
    use Action::*;
    vec![
        bind!(&["a"], Add, ADD_INCIDENT, ("a", ADD_SHORT)),
        bind!(&["e"], Edit, EDIT_OPS, ("e", EDIT)),
        bind!(&["u"], Undo, UNDO, ("u", UNDO)),
        bind!(&["Ctrl-r"], Redo, REDO),
        bind!(&["Ctrl-s"], Retry, RETRY),
    ]
}

/// The keys of a screen, in the order the help lists them.
pub fn bindings(screen: &Screen) -> Vec<Binding> {
    use Action::*;
    let mut v = match screen {
        Screen::Standup(s) if s.on_ops => {
            let mut v = vec![
                bind!(&["→", "n", "Space"], NextPage, NEXT_PROJECT, ("→", NEXT)),
                bind!(&["←", "p"], PrevPage, PREV_PROJECT),
                bind!(&["↓", "j"], Down, NEXT_ROW, ("↑↓", MOVE)),
                bind!(&["↑", "k"], Up, PREV_ROW),
            ];
            v.extend(ops_bindings());
            v
        }
        Screen::Ops(_) => {
            let mut v = vec![
                bind!(&["↓", "j"], Down, NEXT_ROW, ("↑↓", MOVE)),
                bind!(&["↑", "k"], Up, PREV_ROW),
                bind!(&["[", "←"], PrevWeek, PREV_WEEK, ("[]", WEEK)),
                bind!(&["]", "→"], NextWeek, NEXT_WEEK),
            ];
            v.extend(ops_bindings());
            v
        }
        Screen::Tree => vec![
            bind!(&["↓", "j"], Down, MOVE_DOWN),
            bind!(&["↑", "k"], Up, MOVE_UP),
            bind!(&["PgDn"], PageDown, PAGE_DOWN),
            bind!(&["PgUp"], PageUp, PAGE_UP),
            bind!(&["g", "Home"], First, FIRST_ROW),
            bind!(&["G", "End"], Last, LAST_ROW),
            bind!(&["→", "l", "Enter"], Expand, EXPAND),
            bind!(&["←", "h"], Collapse, COLLAPSE),
            bind!(&["z"], ToggleAll, TOGGLE_ALL),
        ],
        Screen::Standup(_) => vec![
            bind!(&["→", "n", "Space"], NextPage, NEXT_PROJECT, ("→", NEXT)),
            bind!(&["←", "p"], PrevPage, PREV_PROJECT, ("←", BACK)),
            bind!(&["↓", "j"], Down, NEXT_MILESTONE, ("↑↓", MILESTONE)),
            bind!(&["↑", "k"], Up, PREV_MILESTONE),
        ],
        Screen::Overdue(_) => vec![
            bind!(&["↓", "j"], Down, MOVE_DOWN, ("↑↓", MOVE)),
            bind!(&["↑", "k"], Up, MOVE_UP),
            bind!(&["d"], Reschedule, NEW_DUE, ("d", RESCHEDULE)),
            bind!(&["x"], MarkDone, MARK_DONE, ("x", DONE)),
            bind!(&["b"], RecordBlocker, RECORD_BLOCKER, ("b", BLOCKER)),
        ],
        Screen::Board(_) => vec![
            bind!(&["←", "h"], Left, COLUMN_LEFT, ("←→", COLUMN)),
            bind!(&["→", "l"], Right, COLUMN_RIGHT),
            bind!(&["↓", "j"], Down, NEXT_CARD, ("↑↓", CARD)),
            bind!(&["↑", "k"], Up, PREV_CARD),
        ],
    };
    if !matches!(screen, Screen::Ops(_)) && !matches!(screen, Screen::Standup(s) if s.on_ops) {
        v.extend(edit_bindings());
    }
    match screen {
        Screen::Tree => v.extend([
            bind!(&["/"], Search, SEARCH, ("/", SEARCH_SHORT)),
            bind!(&["n"], SearchNext, NEXT_MATCH),
            bind!(&["N"], SearchPrev, PREV_MATCH),
            bind!(&["f"], Filter, FILTER_MENU, ("f", FILTER)),
            bind!(&["F"], ClearFilter, CLEAR_FILTER),
            bind!(&["w"], Standup, STANDUP, ("w", STANDUP_SHORT)),
            bind!(&["o"], Review, REVIEW, ("o", REVIEW_SHORT)),
            bind!(&["m"], Operations, OPS, ("m", OPS_SHORT)),
            bind!(&["p"], Board, BOARD),
            bind!(&["r"], Report, REPORT),
            bind!(&["i"], ToggleDetail, DETAIL),
            bind!(&["?"], Help, HELP, ("?", HELP_SHORT)),
            bind!(&["q", "Esc", "Ctrl-c"], Quit, QUIT, ("q", QUIT)),
        ]),
        _ => v.extend([
            bind!(&["?"], Help, HELP, ("?", HELP_SHORT)),
            bind!(&["q", "Esc"], Back, BACK_TO_TREE, ("q", BACK_SHORT)),
            bind!(&["Ctrl-c"], Quit, QUIT),
        ]),
    }
    v
}

/// The keys of the tree view.
pub fn tree_bindings() -> Vec<Binding> {
    bindings(&Screen::Tree)
}

/// The keys of menus, forms and prompts, for the help overlay.
pub const OVERLAY_HELP: &[(&str, Text)] = &[
    ("Tab ↓/S-Tab ↑", FORM_FIELDS),
    ("Enter", CONFIRM),
    ("Esc", CANCEL),
    ("j k ↑ ↓", MENU_MOVE),
    ("y n", YES_NO),
    ("Ctrl-u w a e", TEXT_KEYS),
];

/// The name of a key as the tables write it: `j`, `G`, `Ctrl-r`, `PgDn`, `↑`.
pub fn key_name(key: &KeyEvent) -> Option<String> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let base = match key.code {
        KeyCode::Char(c) if ctrl => return Some(format!("Ctrl-{}", c.to_ascii_lowercase())),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        _ => return None,
    };
    Some(base)
}

/// What a terminal event asks for, in the app's current screen and mode.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    action_in(&app.mode, &app.screen, event)
}

/// What a terminal event asks for, in a screen and mode.
pub fn action_in(mode: &Mode, screen: &Screen, event: &Event) -> Option<Action> {
    match event {
        Event::Paste(text) => match mode {
            Mode::Search | Mode::Form(_) => Some(Action::Paste(text.clone())),
            _ => None,
        },
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            key_action(mode, screen, key, event)
        }
        _ => None,
    }
}

fn key_action(mode: &Mode, screen: &Screen, key: &KeyEvent, event: &Event) -> Option<Action> {
    let name = key_name(key)?;
    let is = |names: &[&str]| names.contains(&name.as_str());
    match mode {
        Mode::Normal => bindings(screen)
            .into_iter()
            .find(|b| b.keys.contains(&name.as_str()))
            .map(|b| b.action),
        Mode::Help => Some(Action::Cancel),
        Mode::StatusMenu(_) | Mode::FilterMenu(_) => {
            if is(&["↓", "j", "Tab"]) {
                Some(Action::MenuDown)
            } else if is(&["↑", "k", "Shift-Tab"]) {
                Some(Action::MenuUp)
            } else if is(&["Enter", " "]) {
                Some(Action::Confirm)
            } else if is(&["Esc", "q", "Ctrl-c"]) {
                Some(Action::Cancel)
            } else {
                match key.code {
                    KeyCode::Char(c) => Some(Action::Choose(c)),
                    _ => None,
                }
            }
        }
        Mode::Conflict(_) => {
            if is(&["Esc", "Ctrl-c"]) {
                Some(Action::Cancel)
            } else {
                match key.code {
                    KeyCode::Char(c) => Some(Action::Choose(c)),
                    _ => None,
                }
            }
        }
        Mode::Confirm(_) => {
            if is(&["y", "Y", "Enter"]) {
                Some(Action::Confirm)
            } else {
                Some(Action::Cancel)
            }
        }
        Mode::Search | Mode::Form(_) => {
            if is(&["Enter"]) {
                Some(Action::Confirm)
            } else if is(&["Esc", "Ctrl-c"]) {
                Some(Action::Cancel)
            } else if is(&["Tab", "↓"]) {
                Some(Action::NextField)
            } else if is(&["Shift-Tab", "↑"]) {
                Some(Action::PrevField)
            } else {
                tui_input::backend::crossterm::to_input_request(event).map(Action::Input)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::screens::{Board, Ops, Review, Standup};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
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
            Screen::Standup(Standup {
                on_ops: true,
                has_ops: true,
                ..Standup::default()
            }),
        ]
    }

    #[test]
    fn every_key_of_every_screen_maps_to_its_action() {
        for screen in screens() {
            for b in bindings(&screen) {
                for k in b.keys {
                    let code = match *k {
                        "↓" => KeyCode::Down,
                        "↑" => KeyCode::Up,
                        "→" => KeyCode::Right,
                        "←" => KeyCode::Left,
                        "PgDn" => KeyCode::PageDown,
                        "PgUp" => KeyCode::PageUp,
                        "Home" => KeyCode::Home,
                        "End" => KeyCode::End,
                        "Enter" => KeyCode::Enter,
                        "Esc" => KeyCode::Esc,
                        s if s.starts_with("Ctrl-") => {
                            let c = s.chars().last().unwrap();
                            let ctrl = key(KeyCode::Char(c), KeyModifiers::CONTROL);
                            let got = action_in(&Mode::Normal, &screen, &ctrl);
                            assert_eq!(got, Some(b.action.clone()), "{s}");
                            continue;
                        }
                        "Space" => KeyCode::Char(' '),
                        s => KeyCode::Char(s.chars().next().unwrap()),
                    };
                    assert_eq!(
                        action_in(&Mode::Normal, &screen, &key(code, KeyModifiers::NONE)),
                        Some(b.action.clone()),
                        "{k}"
                    );
                }
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_on_a_screen() {
        for screen in screens() {
            let mut seen = std::collections::HashSet::new();
            for b in bindings(&screen) {
                for k in b.keys {
                    assert!(seen.insert(*k), "{k} bound twice on {screen:?}");
                }
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
        for (_, (en, cn)) in OVERLAY_HELP {
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
            action_in(&form, &tree, &key(KeyCode::Char('迁'), KeyModifiers::NONE)),
            Some(Action::Input(tui_input::InputRequest::InsertChar('迁')))
        );
        assert_eq!(
            action_in(&form, &tree, &key(KeyCode::Char('j'), KeyModifiers::NONE)),
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
    use crate::tui::screens::Ops;

    fn press(screen: &Screen, c: char) -> Option<Action> {
        let e = Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        action_in(&Mode::Normal, screen, &e)
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
