//! Text for terminals: display width by grapheme cluster, truncation at
//! cluster boundaries, and control and zero-width format characters made
//! harmless.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns `s` takes in a terminal (CJK characters take two), measured
/// cluster by cluster as ratatui places them: a letter with its combining
/// accents is one cluster, an emoji with its variation selector another.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return UnicodeWidthStr::width(s);
    }
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Zero-width format characters that terminals measure each their own way
/// (a zero-width joiner makes one emoji of three in some, not in others;
/// bidirectional controls reorder a row): never drawn.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
    )
}

/// Replaces control characters (ESC, BEL, newlines, C1 controls...) with
/// visible stand-ins, so that text from files can never drive the terminal,
/// and leaves out zero-width format characters (joiners, zero-width
/// spaces, bidirectional controls), which terminals mis-measure. Combining
/// marks stay on their letters. `keep_newlines` keeps `\n` for multi-line
/// text.
pub fn sanitize(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let is_bad = |c: char| (c.is_control() && !(keep_newlines && c == '\n')) || is_format(c);
    if !s.chars().any(is_bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars().filter(|&c| !is_format(c)) {
        if !is_bad(c) {
            out.push(c);
        } else if (c as u32) < 0x20 {
            // the Unicode "control pictures": ␛ for ESC, ␇ for BEL...
            out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?'));
        } else if c == '\u{7f}' {
            out.push('␡');
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

/// `s` cut to at most `max` columns, ending in `…` when cut. Never splits a
/// grapheme cluster, so a wide character that does not fit is left out
/// whole, and a letter keeps its accents.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = UnicodeWidthStr::width(g);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    Cow::Owned(out)
}

/// `s` cut or padded with spaces to exactly `cols` columns.
pub fn fit(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let pad = cols.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(pad))
}

/// A percent as people write it: `97`, `95.46`, `28.57` (no trailing zeros).
pub fn percent(p: f64) -> String {
    let s = format!("{:.2}", (p * 100.0).round() / 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("迁移进度"), 8);
        assert_eq!(width("abc"), 3);
    }

    #[test]
    fn truncation_never_splits_a_wide_character() {
        assert_eq!(truncate("迁移进度", 8), "迁移进度");
        assert_eq!(truncate("迁移进度", 7), "迁移进…");
        assert_eq!(truncate("迁移进度", 6), "迁移…");
        assert_eq!(width(&truncate("迁移进度", 6)), 5);
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(fit("迁移", 6), "迁移  ");
        assert_eq!(fit("迁移进度", 5), "迁移…");
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(sanitize("a\u{1b}[2Jb\u{7}", false), "a␛[2Jb␇");
        assert_eq!(sanitize("x\ny", false), "x␊y");
        assert_eq!(sanitize("x\ny", true), "x\ny");
        assert_eq!(sanitize("\u{9b}31m", false), "\\u{9b}31m");
        assert!(matches!(sanitize("迁移", false), Cow::Borrowed(_)));
    }

    #[test]
    fn format_characters_are_left_out_and_clusters_measured_whole() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(sanitize(family, false), "👨👩👧");
        assert_eq!(sanitize("a\u{200b}b\u{202e}c\u{feff}", false), "abc");
        // combining accents stay on their letters
        assert_eq!(sanitize("Cafe\u{301}", false), "Cafe\u{301}");
        assert_eq!(width("Cafe\u{301}"), 4);
        assert_eq!(width("🏳\u{fe0f}x"), 3);
        assert_eq!(
            truncate("e\u{301}e\u{301}e\u{301}", 3),
            "e\u{301}e\u{301}e\u{301}"
        );
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(width(&truncate("🏳\u{fe0f}🏳\u{fe0f}", 3)), 3);
        assert_eq!(fit("🏳\u{fe0f}🏳\u{fe0f}", 3), "🏳\u{fe0f}…");
    }

    #[test]
    fn percents_print_without_trailing_zeros() {
        assert_eq!(percent(97.0), "97");
        assert_eq!(percent(95.46), "95.46");
        assert_eq!(percent(400.0 / 14.0), "28.57");
        assert_eq!(percent(55.5), "55.5");
        assert_eq!(percent(0.0), "0");
    }
}
