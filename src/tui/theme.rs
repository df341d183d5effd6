//! Colours and symbols, in one place. Status is never colour alone: every
//! badge also carries its name.

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

pub fn selected() -> Style {
    Style::new()
        .bg(Color::Rgb(40, 50, 70))
        .add_modifier(Modifier::BOLD)
}

pub fn header() -> Style {
    Style::new().bg(Color::Rgb(30, 30, 46)).fg(Color::White)
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
