//! What the stand-up's pages share: the meeting clock, and a page longer
//! than the screen shown a screenful at a time, its last row saying how
//! many lines are hidden below (or above, at the end).

use std::time::Duration;

use ratatui::text::Line;

use crate::core::text::fit;
use crate::tui::strings::Strings;
use crate::tui::theme;

/// `mm:ss`, or `h:mm:ss` past an hour.
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

/// The furthest a page of `total` lines scrolls in `height` rows: 0 when
/// it fits; else so that its last line shows above the row that says
/// what is hidden.
pub fn max_scroll(total: usize, height: usize) -> usize {
    if total <= height {
        0
    } else {
        total - height.saturating_sub(1).max(1)
    }
}

/// The lines of a page shown in `height` rows of `w` columns from line
/// `scroll` (kept within the page): every line when they fit; else a
/// screenful less a row, and in that row how many lines are below, or
/// above once the end shows.
pub fn scrolled(
    tr: Strings,
    mut lines: Vec<Line<'static>>,
    scroll: usize,
    height: usize,
    w: usize,
) -> Vec<Line<'static>> {
    let total = lines.len();
    if total <= height {
        return lines;
    }
    let from = scroll.min(max_scroll(total, height));
    let rows = height.saturating_sub(1).max(1);
    let below = total.saturating_sub(from + rows);
    let mut shown: Vec<Line<'static>> = lines.drain(from..(from + rows).min(total)).collect();
    let marker = if below > 0 {
        tr.lines_below(below)
    } else {
        tr.lines_above(from)
    };
    if height > 1 {
        shown.push(Line::styled(fit(&marker, w), theme::dim()));
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::settings::Language;

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.to_string().trim_end().to_string())
            .collect()
    }

    #[test]
    fn a_page_that_fits_shows_whole_and_a_longer_one_says_what_is_hidden() {
        let tr = Strings::new(Language::En);
        let lines = |n: usize| {
            (0..n)
                .map(|i| Line::raw(format!("l{i}")))
                .collect::<Vec<_>>()
        };
        assert_eq!(text(&scrolled(tr, lines(3), 5, 3, 20)), ["l0", "l1", "l2"]);
        assert_eq!(
            text(&scrolled(tr, lines(6), 0, 3, 20)),
            ["l0", "l1", "↓ 4 more lines"]
        );
        // scrolled past the end: the last lines, and how many are above
        assert_eq!(max_scroll(6, 3), 4);
        assert_eq!(
            text(&scrolled(tr, lines(6), 99, 3, 20)),
            ["l4", "l5", "↑ 4 lines above"]
        );
        assert_eq!(text(&scrolled(tr, lines(6), 3, 3, 20))[2], "↓ 1 more line");
        assert_eq!(max_scroll(3, 3), 0);
    }
}
