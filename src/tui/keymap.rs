//! Keys to actions, as tables. The same tables drive the help overlay and
//! the footer, so what is shown is what works.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::{App, Mode};
use super::screens::Screen;

/// One line of the key table: the keys, what they do, and a word for the footer.
pub struct Binding {
    pub keys: &'static [&'static str],
    pub action: Action,
    pub help: &'static str,
    /// Shown in the footer, when set: the keys as written there, and a word.
    pub short: Option<(&'static str, &'static str)>,
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
        bind!(&["+"], Percent(5.0), "percent +5", ("+-", "percent")),
        bind!(&["-"], Percent(-5.0), "percent -5"),
        bind!(&["]"], Percent(1.0), "percent +1"),
        bind!(&["["], Percent(-1.0), "percent -1"),
        bind!(&[">"], StageNext, "next stage", ("<>", "stage")),
        bind!(&["<"], StagePrev, "previous stage"),
        bind!(&["s"], StatusMenu, "set the status", ("s", "status")),
        bind!(&["e"], Edit, "edit in a form", ("e", "edit")),
        bind!(&["a"], Add, "add milestone/project"),
        bind!(&["D"], Delete, "delete (asks first)"),
        bind!(&["u"], Undo, "undo", ("u", "undo")),
        bind!(&["Ctrl-r"], Redo, "redo"),
        bind!(&["Ctrl-s"], Retry, "retry unsaved edits"),
        bind!(&["R"], Reload, "reload file from disk"),
    ]
}

/// The keys of a screen, in the order the help lists them.
pub fn bindings(screen: &Screen) -> Vec<Binding> {
    use Action::*;
    let mut v = match screen {
        Screen::Tree => vec![
            bind!(&["↓", "j"], Down, "move down"),
            bind!(&["↑", "k"], Up, "move up"),
            bind!(&["PgDn"], PageDown, "page down"),
            bind!(&["PgUp"], PageUp, "page up"),
            bind!(&["g", "Home"], First, "first row"),
            bind!(&["G", "End"], Last, "last row"),
            bind!(&["→", "l", "Enter"], Expand, "expand"),
            bind!(&["←", "h"], Collapse, "collapse / go to parent"),
            bind!(&["z"], ToggleAll, "fold/unfold all"),
        ],
        Screen::Standup(_) => vec![
            bind!(
                &["→", "n", "Space"],
                NextPage,
                "next project",
                ("→", "next")
            ),
            bind!(&["←", "p"], PrevPage, "previous project", ("←", "back")),
            bind!(&["↓", "j"], Down, "next milestone", ("↑↓", "milestone")),
            bind!(&["↑", "k"], Up, "previous milestone"),
        ],
        Screen::Overdue(_) => vec![
            bind!(&["↓", "j"], Down, "move down", ("↑↓", "move")),
            bind!(&["↑", "k"], Up, "move up"),
            bind!(&["d"], Reschedule, "new due date", ("d", "reschedule")),
            bind!(&["x"], MarkDone, "mark done", ("x", "done")),
            bind!(&["b"], RecordBlocker, "record a blocker", ("b", "blocker")),
        ],
        Screen::Board(_) => vec![
            bind!(&["←", "h"], Left, "column to the left", ("←→", "column")),
            bind!(&["→", "l"], Right, "column to the right"),
            bind!(&["↓", "j"], Down, "next card", ("↑↓", "card")),
            bind!(&["↑", "k"], Up, "previous card"),
        ],
    };
    v.extend(edit_bindings());
    match screen {
        Screen::Tree => v.extend([
            bind!(&["/"], Search, "search titles and ids", ("/", "search")),
            bind!(&["n"], SearchNext, "next match"),
            bind!(&["N"], SearchPrev, "previous match"),
            bind!(&["f"], Filter, "filter menu", ("f", "filter")),
            bind!(&["F"], ClearFilter, "clear the filter"),
            bind!(&["w"], Standup, "stand-up walkthrough", ("w", "stand-up")),
            bind!(&["o"], Review, "overdue review", ("o", "overdue")),
            bind!(&["p"], Board, "pipeline board"),
            bind!(&["r"], Report, "write the weekly report"),
            bind!(&["i"], ToggleDetail, "toggle detail pane"),
            bind!(&["?"], Help, "this help", ("?", "help")),
            bind!(&["q", "Esc", "Ctrl-c"], Quit, "quit", ("q", "quit")),
        ]),
        _ => v.extend([
            bind!(&["?"], Help, "this help", ("?", "help")),
            bind!(&["q", "Esc"], Back, "back to the tree", ("q", "back")),
            bind!(&["Ctrl-c"], Quit, "quit"),
        ]),
    }
    v
}

/// The keys of the tree view.
pub fn tree_bindings() -> Vec<Binding> {
    bindings(&Screen::Tree)
}

/// The keys of menus, forms and prompts, for the help overlay.
pub const OVERLAY_HELP: &[(&str, &str)] = &[
    ("Tab ↓/S-Tab ↑", "form: next/prev field"),
    ("Enter", "confirm"),
    ("Esc", "cancel"),
    ("j k ↑ ↓", "menu: move"),
    ("y n", "yes / no"),
    ("Ctrl-u w a e", "text: clear/word/home/end"),
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
    use crate::tui::screens::{Board, Review, Standup};

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
