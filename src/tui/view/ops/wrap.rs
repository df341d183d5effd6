//! Text laid out in the operations panes: list headings, numbers padded
//! on the left, text wrapped between words and between Chinese
//! characters, parts joined on a line while they fit, and labelled texts
//! wrapped under their label.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::core::text::{fit, sanitize, width};
use crate::tui::strings::Strings;
use crate::tui::theme;

/// The pieces of `s` that lines break between: words, single spaces, and
/// single wide (Chinese) characters.
fn pieces(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let alone = c.is_whitespace() || unicode_width::UnicodeWidthChar::width(c) == Some(2);
        if alone {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
            }
            out.push(&s[i..i + c.len_utf8()]);
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

/// Punctuation that does not begin a line: it takes the character before
/// it along to the next one.
const CLOSING: &str = "，。、；：！？）」』》〉】…,.;:!?)";

/// `text` in lines of at most `cols` columns: broken between words and
/// between Chinese characters (never before a closing mark like `，`), a
/// word longer than a line cut where it must.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut push = |line: &mut String, used: &mut usize| {
        lines.push(std::mem::take(line).trim_end().to_string());
        *used = 0;
    };
    for piece in pieces(text) {
        let w = width(piece);
        if used + w > cols && used > 0 {
            // a closing mark takes the wide character before it along
            let carry = match line.chars().last() {
                Some(last)
                    if piece.chars().all(|c| CLOSING.contains(c))
                        && unicode_width::UnicodeWidthChar::width(last) == Some(2)
                        && !CLOSING.contains(last)
                        && used > 2 =>
                {
                    line.pop();
                    Some(last)
                }
                _ => None,
            };
            push(&mut line, &mut used);
            if let Some(c) = carry {
                line.push(c);
                used = 2;
            }
            if piece.trim().is_empty() {
                continue;
            }
        }
        if w <= cols {
            line.push_str(piece);
            used += w;
            continue;
        }
        for c in piece.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > cols {
                push(&mut line, &mut used);
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Parts of a line joined by `sep`, a part that does not fit going to the
/// next line (and cut when it is wider than a line).
pub(super) fn join_wrapped(
    parts: Vec<Span<'static>>,
    sep: &str,
    cols: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for part in parts {
        let w = width(&part.content);
        if used > 0 && used + width(sep) + w > cols {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        if used > 0 {
            line.push(Span::styled(sep.to_string(), theme::dim()));
            used += width(sep);
        }
        let text = fit(&part.content, w.min(cols.saturating_sub(used)));
        used += width(&text);
        line.push(Span::styled(text, part.style));
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// Plain text wrapped to `cols`, in one style.
pub(super) fn wrapped(text: &str, cols: usize, style: Style) -> Vec<Line<'static>> {
    wrap(&sanitize(text, false), cols)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// A labelled text, wrapped under its label.
pub(super) fn labelled(
    s: Strings,
    name: &str,
    text: &str,
    cols: usize,
    style: Style,
) -> Vec<Line<'static>> {
    let indent = s.label_width();
    wrap(&sanitize(text, false), cols.saturating_sub(indent))
        .into_iter()
        .enumerate()
        .map(|(n, part)| {
            let head = if n == 0 {
                crate::tui::view::detail::label(s, name)
            } else {
                Span::raw(" ".repeat(indent))
            };
            Line::from(vec![head, Span::styled(part, style)])
        })
        .collect()
}

/// A list's heading, cut to `w` columns.
pub fn heading(text: String, w: usize) -> Line<'static> {
    Line::styled(fit(&text, w), theme::label())
}

/// `s` padded on the left to `cols` columns (cut when longer).
pub fn right(s: &str, cols: usize) -> String {
    let w = width(s);
    if w >= cols {
        fit(s, cols)
    } else {
        format!("{}{s}", " ".repeat(cols - w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_between_words_and_chinese_characters() {
        assert_eq!(wrap("ab cd ef", 5), ["ab cd", "ef"]);
        assert_eq!(wrap("账户流水金额差异", 6), ["账户流", "水金额", "差异"]);
        // a Chinese character never splits, a line never runs over
        assert_eq!(wrap("10.14.113.233虚机在", 14), ["10.14.113.233", "虚机在"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 10), [""]);
        // a comma does not begin a line: the character before it comes along
        assert_eq!(wrap("账户流水，影响", 8), ["账户流", "水，影响"]);
        for cols in 2..30 {
            for l in wrap(
                "DBA操作oracle存储扩容重启机器，跑批拉取数据 丢失了14号23点之后的账户流水",
                cols,
            ) {
                assert!(width(&l) <= cols, "{cols}: {l}");
            }
        }
    }
}
