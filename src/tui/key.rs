//! One key notation, used by the key tables, the help, the tests and (later)
//! a key-remapping file.
//!
//! ```text
//! keys  := key*                          "jj+<Enter>", "uCtrl-r"
//! key   := "Ctrl-" char                  Ctrl-r, Ctrl-c
//!        | "<" name ">"                  <Enter>, <Up>, <lt>, <Ctrl-r>
//!        | char                          j, G, ?, +, 迁 (any character but `<`)
//! name  := Enter | Esc | Tab | S-Tab | Backspace | Space | lt
//!        | Up | Down | Left | Right | PgUp | PgDn | Home | End
//!        | "Ctrl-" char
//! ```
//!
//! A lone `<` is read as the `<` key; in a sequence it is written `<lt>`.
//! [`Key`]'s `Display` prints the notation; [`Key::label`] the shorter
//! form the help and footer show (`↑`, `PgDn`, `Space`).

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key without a modifier, or a character with Ctrl.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    Char(char),
    Enter,
    Esc,
    Tab,
    /// Shift-Tab.
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
}

/// One key press as the tables write it: a [`Code`], with Ctrl or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: Code,
    /// Ctrl held (only with characters, which are then lower case).
    pub ctrl: bool,
}

/// The named keys: the name inside `<>`, the code, the label.
const NAMES: &[(&str, Code, &str)] = &[
    ("Enter", Code::Enter, "Enter"),
    ("Esc", Code::Esc, "Esc"),
    ("Tab", Code::Tab, "Tab"),
    ("S-Tab", Code::BackTab, "Shift-Tab"),
    ("Backspace", Code::Backspace, "Backspace"),
    ("Space", Code::Char(' '), "Space"),
    ("lt", Code::Char('<'), "<"),
    ("Up", Code::Up, "↑"),
    ("Down", Code::Down, "↓"),
    ("Left", Code::Left, "←"),
    ("Right", Code::Right, "→"),
    ("PgUp", Code::PageUp, "PgUp"),
    ("PgDn", Code::PageDown, "PgDn"),
    ("Home", Code::Home, "Home"),
    ("End", Code::End, "End"),
];

const CTRL: &str = "Ctrl-";

impl Key {
    /// A character key, without Ctrl.
    pub const fn char(c: char) -> Self {
        Key {
            code: Code::Char(c),
            ctrl: false,
        }
    }

    /// A character with Ctrl.
    pub const fn ctrl(c: char) -> Self {
        Key {
            code: Code::Char(c.to_ascii_lowercase()),
            ctrl: true,
        }
    }

    /// The key as the help and footer show it: `j`, `Ctrl-r`, `↑`, `PgDn`.
    pub fn label(self) -> String {
        match self.code {
            Code::Char(c) if self.ctrl => format!("{CTRL}{c}"),
            Code::Char(' ') => "Space".into(),
            Code::Char(c) => c.to_string(),
            code => NAMES
                .iter()
                .find(|(_, k, _)| *k == code)
                .map_or_else(String::new, |(_, _, label)| label.to_string()),
        }
    }

    /// Reads a sequence of keys: `jj+<Enter>`, `uCtrl-r`, `<S-Tab><lt>`.
    pub fn parse_seq(s: &str) -> Result<Vec<Key>, String> {
        let mut out = Vec::new();
        let mut rest = s;
        while !rest.is_empty() {
            let (key, len) = first(rest)?;
            out.push(key);
            rest = &rest[len..];
        }
        Ok(out)
    }

    /// Writes keys as [`Key::parse_seq`] reads them.
    pub fn seq_to_string(keys: &[Key]) -> String {
        keys.iter().map(Key::to_string).collect()
    }

    /// The key of a terminal key event; `None` for keys the tables never
    /// name (F1, Insert...). Shift is part of the character (`G`).
    pub fn of_event(e: &KeyEvent) -> Option<Key> {
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        let code = match e.code {
            KeyCode::Char(c) if ctrl => return Some(Key::ctrl(c)),
            KeyCode::Char(c) => Code::Char(c),
            KeyCode::Enter => Code::Enter,
            KeyCode::Esc => Code::Esc,
            KeyCode::Tab => Code::Tab,
            KeyCode::BackTab => Code::BackTab,
            KeyCode::Backspace => Code::Backspace,
            KeyCode::Up => Code::Up,
            KeyCode::Down => Code::Down,
            KeyCode::Left => Code::Left,
            KeyCode::Right => Code::Right,
            KeyCode::PageUp => Code::PageUp,
            KeyCode::PageDown => Code::PageDown,
            KeyCode::Home => Code::Home,
            KeyCode::End => Code::End,
            _ => return None,
        };
        Some(Key { code, ctrl: false })
    }

    /// The terminal key event of this key, as a terminal sends it.
    pub fn event(self) -> KeyEvent {
        let (code, modifiers) = match self.code {
            Code::Char(c) if self.ctrl => (KeyCode::Char(c), KeyModifiers::CONTROL),
            Code::Char(c) => (KeyCode::Char(c), KeyModifiers::NONE),
            Code::Enter => (KeyCode::Enter, KeyModifiers::NONE),
            Code::Esc => (KeyCode::Esc, KeyModifiers::NONE),
            Code::Tab => (KeyCode::Tab, KeyModifiers::NONE),
            Code::BackTab => (KeyCode::BackTab, KeyModifiers::SHIFT),
            Code::Backspace => (KeyCode::Backspace, KeyModifiers::NONE),
            Code::Up => (KeyCode::Up, KeyModifiers::NONE),
            Code::Down => (KeyCode::Down, KeyModifiers::NONE),
            Code::Left => (KeyCode::Left, KeyModifiers::NONE),
            Code::Right => (KeyCode::Right, KeyModifiers::NONE),
            Code::PageUp => (KeyCode::PageUp, KeyModifiers::NONE),
            Code::PageDown => (KeyCode::PageDown, KeyModifiers::NONE),
            Code::Home => (KeyCode::Home, KeyModifiers::NONE),
            Code::End => (KeyCode::End, KeyModifiers::NONE),
        };
        KeyEvent::new(code, modifiers)
    }
}

/// The first key of `s` and how many bytes it takes.
fn first(s: &str) -> Result<(Key, usize), String> {
    if let Some(after) = s.strip_prefix(CTRL)
        && let Some(c) = after.chars().next()
    {
        return Ok((Key::ctrl(c), CTRL.len() + c.len_utf8()));
    }
    let Some(c) = s.chars().next() else {
        return Err("no key".into());
    };
    if c != '<' {
        return Ok((Key::char(c), c.len_utf8()));
    }
    let Some(end) = s.find('>') else {
        return Err(format!("no closing > in {s:?}"));
    };
    let name = &s[1..end];
    if let Some(after) = name.strip_prefix(CTRL) {
        let mut chars = after.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Ok((Key::ctrl(c), end + 1));
        }
    }
    NAMES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, code, _)| {
            (
                Key {
                    code: *code,
                    ctrl: false,
                },
                end + 1,
            )
        })
        .ok_or_else(|| format!("unknown key <{name}>"))
}

impl FromStr for Key {
    type Err = String;

    /// Reads exactly one key; a lone `<` is the `<` key.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "<" {
            return Ok(Key::char('<'));
        }
        match Key::parse_seq(s)?.as_slice() {
            [k] => Ok(*k),
            _ => Err(format!("not one key: {s:?}")),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Code::Char(c) if self.ctrl => write!(f, "{CTRL}{c}"),
            Code::Char(c) if c != ' ' && c != '<' => write!(f, "{c}"),
            code => {
                let name = NAMES
                    .iter()
                    .find(|(_, k, _)| *k == code)
                    .map_or("", |(n, _, _)| n);
                write!(f, "<{name}>")
            }
        }
    }
}

/// The key written `s` in the notation; panics on a typo (for tables).
pub fn key(s: &str) -> Key {
    s.parse().unwrap_or_else(|e| panic!("key table: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_prints_as_it_parses() {
        let all = [
            "j",
            "G",
            "?",
            "+",
            "-",
            "]",
            "[",
            ">",
            "迁",
            "Ctrl-r",
            "Ctrl-c",
            "<Enter>",
            "<Esc>",
            "<Tab>",
            "<S-Tab>",
            "<Backspace>",
            "<Space>",
            "<lt>",
            "<Up>",
            "<Down>",
            "<Left>",
            "<Right>",
            "<PgUp>",
            "<PgDn>",
            "<Home>",
            "<End>",
        ];
        for s in all {
            let k: Key = s.parse().unwrap();
            assert_eq!(k.to_string(), s);
            assert_eq!(Key::of_event(&k.event()), Some(k), "{s}");
        }
    }

    #[test]
    fn a_sequence_reads_and_writes_back() {
        let keys = Key::parse_seq("jj+<Enter>Ctrl-r<lt>x<Ctrl-u>").unwrap();
        assert_eq!(
            keys,
            [
                Key::char('j'),
                Key::char('j'),
                Key::char('+'),
                Key {
                    code: Code::Enter,
                    ctrl: false
                },
                Key::ctrl('r'),
                Key::char('<'),
                Key::char('x'),
                Key::ctrl('u'),
            ]
        );
        assert_eq!(Key::seq_to_string(&keys), "jj+<Enter>Ctrl-r<lt>xCtrl-u");
        assert_eq!(Key::parse_seq(&Key::seq_to_string(&keys)).unwrap(), keys);
    }

    #[test]
    fn lone_angle_ctrl_case_and_errors() {
        assert_eq!(key("<"), Key::char('<'));
        assert_eq!(key("Ctrl-R"), Key::ctrl('r'));
        assert!("<Nope>".parse::<Key>().is_err());
        assert!("<Enter".parse::<Key>().is_err());
        assert!("jj".parse::<Key>().is_err());
        assert!("".parse::<Key>().is_err());
    }

    #[test]
    fn labels_are_what_the_help_shows() {
        let labels: Vec<String> = [
            "<Up>", "<PgDn>", "<Space>", "Ctrl-r", "<S-Tab>", "<lt>", "G",
        ]
        .iter()
        .map(|s| key(s).label())
        .collect();
        assert_eq!(
            labels,
            ["↑", "PgDn", "Space", "Ctrl-r", "Shift-Tab", "<", "G"]
        );
    }
}
