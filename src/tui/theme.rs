//! Colours and symbols, in one place. Status is never colour alone: every
//! badge also carries its name.
//!
//! The views draw with the dark palette below; a [`Theme`], chosen once at
//! start from the environment and the user's config, then translates the
//! frame's colours for the terminal ([`Theme::apply`]): 16 colours, no
//! colour at all (`NO_COLOR`, `TERM=dumb`), or a light background.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use crate::core::Status;

pub fn status(s: Status) -> Style {
    let bg = match s {
        Status::Todo => Color::DarkGray,
        Status::InProgress => Color::Blue,
        Status::Blocked => Color::Red,
        Status::AtRisk => Color::Yellow,
        Status::Done => Color::Green,
        Status::Dropped => Color::Gray,
    };
    let fg = match s {
        Status::AtRisk | Status::Done | Status::Dropped => Color::Black,
        _ => Color::White,
    };
    Style::new().fg(fg).bg(bg)
}

/// The colour of a gauge for an item of this status.
pub fn gauge(s: Status) -> Color {
    match s {
        Status::Done => Color::Green,
        Status::Blocked => Color::Red,
        Status::AtRisk => Color::Yellow,
        Status::Dropped => Color::DarkGray,
        _ => Color::Cyan,
    }
}

pub fn overdue() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn due_soon() -> Style {
    Style::new().fg(Color::Yellow)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// The background of the selected row in the dark truecolor palette.
const SELECTED_BG: Color = Color::Rgb(40, 50, 70);
/// The background of the header in the dark truecolor palette.
const HEADER_BG: Color = Color::Rgb(30, 30, 46);

pub fn selected() -> Style {
    Style::new().bg(SELECTED_BG).add_modifier(Modifier::BOLD)
}

pub fn header() -> Style {
    Style::new().bg(HEADER_BG).fg(Color::White)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red)
}

pub fn info() -> Style {
    Style::new().fg(Color::Green)
}

pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn label() -> Style {
    Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD)
}

pub fn unsaved() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

/// A gauge of `width` cells filled to `percent`, with eighth blocks.
pub fn bar(percent: f64, width: usize) -> (String, String) {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = ((percent.clamp(0.0, 100.0) / 100.0) * (width * 8) as f64).round() as usize;
    let full = eighths / 8;
    let mut filled = "█".repeat(full);
    let rest = eighths % 8;
    let mut used = full;
    if rest > 0 && used < width {
        filled.push(PARTS[rest]);
        used += 1;
    }
    (filled, "░".repeat(width.saturating_sub(used)))
}

/// How many colours the terminal shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Palette {
    /// 24-bit colour (`COLORTERM=truecolor` or `24bit`).
    Truecolor,
    /// The 256 indexed colours (`TERM=*-256color`).
    Indexed,
    /// The 16 named colours only.
    Ansi16,
    /// No colour: `NO_COLOR`, `TERM=dumb`, or `theme = "mono"`.
    Mono,
}

/// The theme a user picks in the config file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeName {
    Dark,
    Light,
    Mono,
}

impl ThemeName {
    pub const ALL: [(&'static str, ThemeName); 3] = [
        ("dark", ThemeName::Dark),
        ("light", ThemeName::Light),
        ("mono", ThemeName::Mono),
    ];

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }
}

/// The colours of a session: the palette the terminal can show, and
/// whether its background is light.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub palette: Palette,
    pub light: bool,
}

impl Default for Theme {
    /// What the views draw with: dark, truecolor.
    fn default() -> Self {
        Theme {
            palette: Palette::Truecolor,
            light: false,
        }
    }
}

impl Theme {
    /// No colour at all: selection by a marker and reverse video.
    pub const MONO: Theme = Theme {
        palette: Palette::Mono,
        light: false,
    };

    /// The theme for a terminal described by `env` (a look-up of
    /// environment variables, injected for tests) and the user's choice.
    /// `NO_COLOR` (any non-empty value, no-color.org) and `TERM=dumb` win
    /// over the choice; `COLORTERM` says whether 24-bit colour works,
    /// `TERM` whether 256 colours do; anything else gets 16.
    pub fn from_env(env: impl Fn(&str) -> Option<String>, chosen: Option<ThemeName>) -> Self {
        let set = |name: &str| env(name).filter(|v| !v.is_empty());
        let term = set("TERM").unwrap_or_default();
        let no_colour = set("NO_COLOR").is_some() || term == "dumb";
        let palette = if no_colour || chosen == Some(ThemeName::Mono) {
            Palette::Mono
        } else if set("COLORTERM").is_some_and(|c| c == "truecolor" || c == "24bit") {
            Palette::Truecolor
        } else if term.contains("256") {
            Palette::Indexed
        } else {
            Palette::Ansi16
        };
        Theme {
            palette,
            light: chosen == Some(ThemeName::Light) && palette != Palette::Mono,
        }
    }

    /// The theme of this process's environment.
    pub fn of_process(chosen: Option<ThemeName>) -> Self {
        Self::from_env(|k| std::env::var(k).ok(), chosen)
    }

    /// Whether the selected row needs a marker (`▶`) to be seen.
    pub fn marks_selection(self) -> bool {
        self.palette == Palette::Mono
    }

    /// The marker before a row: `▶` for the selected one when colour
    /// cannot show it, nothing when it can.
    pub fn selection_marker(self, selected: bool) -> &'static str {
        match (self.marks_selection(), selected) {
            (false, _) => "",
            (true, true) => "▶",
            (true, false) => " ",
        }
    }

    /// Translates a frame drawn with the dark truecolor palette into this
    /// theme's: every cell's colours, and in mono the selection and the
    /// header in reverse video.
    pub fn apply(self, buf: &mut Buffer) {
        if self == Theme::default() {
            return;
        }
        for cell in buf.content.iter_mut() {
            let (fg, bg) = (cell.fg, cell.bg);
            if self.palette == Palette::Mono {
                if bg == SELECTED_BG || bg == HEADER_BG {
                    cell.modifier.insert(Modifier::REVERSED);
                }
                cell.fg = Color::Reset;
                cell.bg = Color::Reset;
                continue;
            }
            cell.fg = self.color(fg, true);
            cell.bg = self.color(bg, false);
        }
    }

    fn color(self, c: Color, fg: bool) -> Color {
        let c = match (self.light, c, fg) {
            (false, c, _) => c,
            (true, SELECTED_BG, false) => Color::Rgb(200, 215, 240),
            (true, HEADER_BG, false) => Color::Rgb(225, 225, 235),
            (true, Color::White, true) => Color::Black,
            (true, Color::Gray, true) => Color::DarkGray,
            // dark yellow: the named one is dark already in 16 colours
            (true, Color::Yellow, true) if self.palette != Palette::Ansi16 => {
                Color::Rgb(150, 100, 0)
            }
            (true, Color::Cyan, true) => Color::Blue,
            (true, c, _) => c,
        };
        match (self.palette, c) {
            (Palette::Indexed, Color::Rgb(r, g, b)) => Color::Indexed(cube(r, g, b)),
            (Palette::Ansi16, Color::Rgb(r, g, b)) => nearest16(r, g, b),
            _ => c,
        }
    }
}

/// The 256-colour cube's index nearest to a 24-bit colour.
fn cube(r: u8, g: u8, b: u8) -> u8 {
    let step = |v: u8| ((u16::from(v) * 5 + 127) / 255) as u8;
    16 + 36 * step(r) + 6 * step(g) + step(b)
}

/// The named colour closest to a 24-bit one (the greys and blue-greys
/// the themes use): light grey, dark grey or black.
fn nearest16(r: u8, g: u8, b: u8) -> Color {
    match u16::from(r) + u16::from(g) + u16::from(b) {
        383.. => Color::Gray,
        121.. => Color::DarkGray,
        _ => Color::Black,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_eighths_and_keep_their_width() {
        assert_eq!(bar(0.0, 4), (String::new(), "░░░░".into()));
        assert_eq!(bar(100.0, 4), ("████".into(), String::new()));
        assert_eq!(bar(50.0, 4), ("██".into(), "░░".into()));
        assert_eq!(bar(60.0, 5), ("███".into(), "░░".into()));
        let (f, e) = bar(95.46, 10);
        assert_eq!(f.chars().count() + e.chars().count(), 10);
        assert_eq!(f, "█████████▌");
    }
}
