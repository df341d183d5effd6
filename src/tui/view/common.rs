//! Pieces the views share: a screen's titled frame, a one-line paragraph,
//! a milestone's stage pipeline.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::core::text::sanitize;
use crate::tui::theme;

/// A screen's frame: a rule along the top carrying the screen's title.
/// Draws it over `area` and returns the area inside.
pub fn titled<'a>(
    frame: &mut Frame,
    area: Rect,
    title: impl Into<ratatui::text::Line<'a>>,
) -> Rect {
    let block = ratatui::widgets::Block::new()
        .borders(ratatui::widgets::Borders::TOP)
        .title(title)
        .title_style(theme::key())
        .border_style(theme::dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// A one-line paragraph.
pub fn line<'a>(l: impl Into<Line<'a>>, style: Style) -> Paragraph<'a> {
    Paragraph::new(l.into()).style(style)
}

/// `✓开发 › ✓测试 › [联调] › 上线 › 投产`: passed stages green, the current
/// one marked, later ones dim.
pub fn pipeline_spans(stages: &[String], current: Option<&str>) -> Vec<Span<'static>> {
    let at = current.and_then(|c| stages.iter().position(|s| s == c));
    let mut spans = Vec::new();
    for (i, s) in stages.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme::dim()));
        }
        let s = sanitize(s, false).into_owned();
        spans.push(match at {
            Some(a) if i < a => Span::styled(format!("✓{s}"), theme::info()),
            Some(a) if i == a => Span::styled(
                format!("[{s}]"),
                Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            ),
            _ => Span::styled(s, theme::dim()),
        });
    }
    spans
}
