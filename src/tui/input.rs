//! A terminal event to an [`Action`], in the app's screen and mode: the
//! overlay's table when one is open, else the screen's (from the
//! [`Keymap`] the app was started with).

use crossterm::event::{Event, KeyEvent, KeyEventKind};

use super::action::Action;
use super::app::{App, Mode};
use super::key::{Code, Key};
use super::keymap::{
    ASK_TABLE, CONFLICT_TABLE, DELETE_TABLE, Fallback, Keymap, MENU_TABLE, OverlayKeys,
    QUESTION_TABLE, TEXT_TABLE,
};
use super::screens::Screen;

/// What a terminal event asks for, in the app's current screen and mode.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    action_with(app.keymap(), &app.mode, &app.screen, event)
}

/// What a terminal event asks for, in a screen and mode, with the default keys.
pub fn action_in(mode: &Mode, screen: &Screen, event: &Event) -> Option<Action> {
    action_with(&super::keymap::DEFAULT, mode, screen, event)
}

/// What a terminal event asks for, in a screen and mode, with these keys.
pub fn action_with(map: &Keymap, mode: &Mode, screen: &Screen, event: &Event) -> Option<Action> {
    match event {
        Event::Paste(text) => match mode {
            Mode::Search | Mode::Form(_) => Some(Action::Paste(text.clone())),
            _ => None,
        },
        Event::Key(k) if k.kind != KeyEventKind::Release => key_action(map, mode, screen, k, event),
        _ => None,
    }
}

/// The overlay table of a mode; `None` for the screens' own keys and help.
pub fn overlay_keys(mode: &Mode) -> Option<&'static OverlayKeys> {
    match mode {
        Mode::Normal | Mode::Help(_) => None,
        Mode::StatusMenu(_) | Mode::FilterMenu(_) => Some(&MENU_TABLE),
        Mode::Conflict(_) | Mode::Settle(_) => Some(&CONFLICT_TABLE),
        Mode::Confirm(_) => Some(&DELETE_TABLE),
        Mode::ClearBlocker(_) | Mode::LeaveStandup => Some(&QUESTION_TABLE),
        Mode::Search | Mode::Form(_) => Some(&TEXT_TABLE),
        Mode::Quitting | Mode::Recover(_) => Some(&ASK_TABLE),
    }
}

fn key_action(
    map: &Keymap,
    mode: &Mode,
    screen: &Screen,
    event: &KeyEvent,
    raw: &Event,
) -> Option<Action> {
    let k = Key::of_event(event)?;
    match overlay_keys(mode) {
        None if matches!(mode, Mode::Help(_)) => Some(match k.code {
            _ if k.ctrl => Action::Cancel,
            Code::Down | Code::PageDown | Code::Char('j' | ' ') => Action::MenuDown,
            Code::Up | Code::PageUp | Code::Char('k') => Action::MenuUp,
            _ => Action::Cancel,
        }),
        None => map
            .bindings(screen)
            .iter()
            .find(|b| b.keys.contains(&k))
            .map(|b| b.action.clone()),
        Some(table) => table.action(k).or_else(|| match table.fallback {
            Fallback::Text => {
                tui_input::backend::crossterm::to_input_request(raw).map(Action::Input)
            }
            _ => None,
        }),
    }
}
