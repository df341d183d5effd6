//! A plain section read in one typed pass: the tree `DeTable::parse` would
//! build, without its lexer, event list and generic parser.
//!
//! A section as [`super::sections`] cuts it is an optional header of bare
//! keys (`[project.P.milestone.M]`) and lines of `key = value`: a bare or
//! simply quoted key, and a basic string (with the usual escapes), a literal
//! string, a boolean, a local date, an integer, a float or another
//! datetime, or a one-line array of those; blank lines and comments; LF or
//! CRLF. The tree is the one `toml` builds: the same keys and values,
//! borrowed from the text where nothing was unescaped, with the same spans,
//! so that the walk's diagnostics do not change. Numbers and datetimes
//! other than a plain date are read by `DeValue::parse` of the value's own
//! text (`toml` alone can make its integers and floats), their spans moved
//! to the section's.
//!
//! Anything else (dotted keys, inline tables, multi-line strings or arrays,
//! a key given twice, a control character, anything invalid) gives `None`,
//! and the caller parses the section with `DeTable::parse`, which finds
//! the same tree or the error with its message.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};
use toml::value::Datetime;

/// The tree of `section`, as `DeTable::parse` builds it, or `None` when
/// this reader does not fully understand the section.
pub(super) fn parse(section: &str) -> Option<Spanned<DeTable<'_>>> {
    let bytes = section.as_bytes();
    let mut at = 0;
    // the header's keys (with their spans) and its span
    let mut path: Vec<(Range<usize>, &str)> = Vec::new();
    let mut header_span = 0..0;
    if bytes.first() == Some(&b'[') {
        let mut i = 1;
        loop {
            let start = i;
            while i < bytes.len() && is_bare(bytes[i]) {
                i += 1;
            }
            if i == start {
                return None;
            }
            path.push((start..i, &section[start..i]));
            match bytes.get(i) {
                Some(b'.') => i += 1,
                Some(b']') => break,
                _ => return None,
            }
        }
        header_span = 0..i + 1;
        at = end_of_line(bytes, i + 1)?;
    }
    // one key a line at most: the table is never grown
    let mut table = DeTable::with_capacity(memchr::memchr_iter(b'\n', &bytes[at..]).count() + 1);
    while at < bytes.len() {
        at = line(section, at, &mut table)?;
    }
    // the header's tables: each key of its path holds an implicit table
    // spanned by the key, the last one the lines' table spanned by the header
    let mut value = table;
    let last = path.len().saturating_sub(1);
    for (k, (key_span, key)) in path.into_iter().enumerate().rev() {
        let span = if k == last {
            header_span.clone()
        } else {
            key_span.clone()
        };
        let mut parent = DeTable::new();
        parent.insert(
            Spanned::new(key_span, Cow::Borrowed(key)),
            Spanned::new(span, DeValue::Table(value)),
        );
        value = parent;
    }
    Some(Spanned::new(0..0, value))
}

/// Whether `b` may be in a bare key.
fn is_bare(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Space and tab.
fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
        i += 1;
    }
    i
}

/// After a line's content at `i`: spaces, maybe a comment, then the end of
/// the line (LF, CRLF or the end of the text). Where the next line starts.
fn end_of_line(bytes: &[u8], i: usize) -> Option<usize> {
    let mut i = skip_ws(bytes, i);
    if bytes.get(i) == Some(&b'#') {
        i += 1;
        // TOML allows a tab in a comment, no other control character
        while i < bytes.len() && bytes[i] != b'\n' {
            let b = bytes[i];
            if b == b'\r' {
                break;
            }
            if (b < 0x20 && b != b'\t') || b == 0x7f {
                return None;
            }
            i += 1;
        }
    }
    match bytes.get(i) {
        None => Some(i),
        Some(b'\n') => Some(i + 1),
        Some(b'\r') if bytes.get(i + 1) == Some(&b'\n') => Some(i + 2),
        _ => None,
    }
}

/// Reads the line at `at` into `table`: where the next line starts.
fn line<'i>(section: &'i str, at: usize, table: &mut DeTable<'i>) -> Option<usize> {
    let bytes = section.as_bytes();
    let i = skip_ws(bytes, at);
    match bytes.get(i) {
        None | Some(b'\n' | b'\r' | b'#') => return end_of_line(bytes, i),
        _ => {}
    }
    let (key, i) = key(section, i)?;
    let i = skip_ws(bytes, i);
    if bytes.get(i) != Some(&b'=') {
        return None;
    }
    let i = skip_ws(bytes, i + 1);
    let (value, i) = if bytes.get(i) == Some(&b'[') {
        array(section, i)?
    } else {
        scalar(section, i)?
    };
    let next = end_of_line(bytes, i)?;
    if table.insert(key, value).is_some() {
        // a key given twice: an error `toml` words
        return None;
    }
    Some(next)
}

/// A bare key, or a quoted one with nothing to unescape, spanned with its
/// quotes.
fn key(section: &str, i: usize) -> Option<(Spanned<Cow<'_, str>>, usize)> {
    let bytes = section.as_bytes();
    let end = match bytes[i] {
        b'"' => basic_plain_end(bytes, i + 1)?,
        b'\'' => literal_end(bytes, i + 1)?,
        _ => {
            let mut j = i;
            while j < bytes.len() && is_bare(bytes[j]) {
                j += 1;
            }
            if j == i {
                return None;
            }
            return Some((Spanned::new(i..j, Cow::Borrowed(&section[i..j])), j));
        }
    };
    let text = Cow::Borrowed(&section[i + 1..end]);
    Some((Spanned::new(i..end + 1, text), end + 1))
}

/// Whether `b` may stand unescaped in a basic string: tab, space and the
/// visible characters but `"` and `\`, and any byte of a non-ASCII
/// character.
fn is_basic_plain(b: u8) -> bool {
    PLAIN[usize::from(b)] & BASIC != 0
}

/// [`is_basic_plain`] and what may stand in a literal string (the same
/// but `'` for `"` and `\`), a byte's bits in one table.
const PLAIN: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let text = c == b'\t' || (c >= 0x20 && c != 0x7f);
        if text && c != b'"' && c != b'\\' {
            table[b] |= BASIC;
        }
        if text && c != b'\'' {
            table[b] |= LITERAL;
        }
        b += 1;
    }
    table
};
const BASIC: u8 = 1;
const LITERAL: u8 = 2;

/// Where the closing quote of a basic string with no escape is, from the
/// text after the opening quote at `i`.
fn basic_plain_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    while i < bytes.len() && is_basic_plain(bytes[i]) {
        i += 1;
    }
    (bytes.get(i) == Some(&b'"') && bytes.get(i + 1) != Some(&b'"')).then_some(i)
}

/// Where the closing quote of a literal string is, from the text after the
/// opening quote at `i`.
fn literal_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    while i < bytes.len() && PLAIN[usize::from(bytes[i])] & LITERAL != 0 {
        i += 1;
    }
    (bytes.get(i) == Some(&b'\'') && bytes.get(i + 1) != Some(&b'\'')).then_some(i)
}

/// A one-line array of scalars, from its `[` at `i`.
fn array(section: &str, start: usize) -> Option<(Spanned<DeValue<'_>>, usize)> {
    let bytes = section.as_bytes();
    let mut items = DeArray::new();
    let mut i = skip_ws(bytes, start + 1);
    loop {
        if bytes.get(i) == Some(&b']') {
            break;
        }
        let (value, j) = scalar(section, i)?;
        items.push(value);
        i = skip_ws(bytes, j);
        match bytes.get(i) {
            Some(b',') => i = skip_ws(bytes, i + 1),
            Some(b']') => break,
            _ => return None,
        }
    }
    Some((Spanned::new(start..i + 1, DeValue::Array(items)), i + 1))
}

/// A scalar value at `i`: where it ends.
fn scalar(section: &str, i: usize) -> Option<(Spanned<DeValue<'_>>, usize)> {
    let bytes = section.as_bytes();
    match *bytes.get(i)? {
        b'"' => basic(section, i),
        b'\'' => {
            let end = literal_end(bytes, i + 1)?;
            let text = Cow::Borrowed(&section[i + 1..end]);
            Some((Spanned::new(i..end + 1, DeValue::String(text)), end + 1))
        }
        _ => {
            // an atom: up to what ends a token in `toml`'s lexer but a dot
            // (a float's or a time's); a datetime with a space before its
            // time is two atoms here, and the line or array does not read
            let mut end = i;
            while end < bytes.len() && !b" \t#,[]{}=\r\n".contains(&bytes[end]) {
                end += 1;
            }
            let atom = &section[i..end];
            if atom.is_empty() {
                return None;
            }
            let value = match atom {
                "true" => DeValue::Boolean(true),
                "false" => DeValue::Boolean(false),
                _ if is_date(atom) => DeValue::Datetime(atom.parse::<Datetime>().ok()?),
                _ => {
                    let parsed = DeValue::parse(atom).ok()?;
                    let span = parsed.span();
                    if span != (0..atom.len()) {
                        return None;
                    }
                    match parsed.into_inner() {
                        v @ (DeValue::Integer(_) | DeValue::Float(_) | DeValue::Datetime(_)) => v,
                        _ => return None,
                    }
                }
            };
            Some((Spanned::new(i..end, value), end))
        }
    }
}

/// `YYYY-MM-DD` and nothing more.
fn is_date(atom: &str) -> bool {
    let b = atom.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&k| b[k].is_ascii_digit())
}

/// A basic string from its opening quote at `i`: borrowed when it holds no
/// escape, unescaped otherwise.
fn basic(section: &str, i: usize) -> Option<(Spanned<DeValue<'_>>, usize)> {
    let bytes = section.as_bytes();
    if bytes.get(i + 1..i + 3) == Some(b"\"\"") {
        // `"""`: a multi-line string
        return None;
    }
    let mut j = i + 1;
    while j < bytes.len() && is_basic_plain(bytes[j]) {
        j += 1;
    }
    if bytes.get(j) == Some(&b'"') {
        let text = Cow::Borrowed(&section[i + 1..j]);
        return Some((Spanned::new(i..j + 1, DeValue::String(text)), j + 1));
    }
    if bytes.get(j) != Some(&b'\\') {
        return None;
    }
    let mut out = String::with_capacity(j - i + 16);
    out.push_str(&section[i + 1..j]);
    loop {
        match bytes.get(j)? {
            b'"' => break,
            b'\\' => {
                let (c, next) = escape(section, j + 1)?;
                out.push(c);
                j = next;
            }
            _ => {
                let from = j;
                while j < bytes.len() && is_basic_plain(bytes[j]) {
                    j += 1;
                }
                if j == from {
                    return None;
                }
                out.push_str(&section[from..j]);
            }
        }
    }
    let value = DeValue::String(Cow::Owned(out));
    Some((Spanned::new(i..j + 1, value), j + 1))
}

/// The character of the escape whose letter is at `i`, and where the
/// string goes on.
fn escape(section: &str, i: usize) -> Option<(char, usize)> {
    let hex = |n: usize| {
        let digits = section.get(i + 1..i + 1 + n)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let c = char::from_u32(u32::from_str_radix(digits, 16).ok()?)?;
        Some((c, i + 1 + n))
    };
    let c = match section.as_bytes().get(i)? {
        b'b' => '\u{8}',
        b'e' => '\u{1b}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'\\' => '\\',
        b'"' => '"',
        b'x' => return hex(2),
        b'u' => return hex(4),
        b'U' => return hex(8),
        _ => return None,
    };
    Some((c, i + 1))
}
