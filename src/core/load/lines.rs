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
    let mut table = DeTable::new();
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
    matches!(b, b'\t' | 0x20..=0x21 | 0x23..=0x5b | 0x5d..=0x7e | 0x80..)
}

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
    while i < bytes.len() && matches!(bytes[i], b'\t' | 0x20..=0x26 | 0x28..=0x7e | 0x80..) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether two trees are the same: keys, values (borrowed or not) and
    /// spans, in order.
    fn same_table(a: &DeTable<'_>, b: &DeTable<'_>) -> bool {
        a.len() == b.len()
            && a.iter().zip(b.iter()).all(|((ka, va), (kb, vb))| {
                ka.span() == kb.span() && same_cow(ka.get_ref(), kb.get_ref()) && same_value(va, vb)
            })
    }

    fn same_cow(a: &Cow<'_, str>, b: &Cow<'_, str>) -> bool {
        a == b && matches!(a, Cow::Borrowed(_)) == matches!(b, Cow::Borrowed(_))
    }

    fn same_value(a: &Spanned<DeValue<'_>>, b: &Spanned<DeValue<'_>>) -> bool {
        a.span() == b.span()
            && match (a.get_ref(), b.get_ref()) {
                (DeValue::String(x), DeValue::String(y)) => same_cow(x, y),
                (DeValue::Integer(x), DeValue::Integer(y)) => {
                    x.as_str() == y.as_str() && x.radix() == y.radix()
                }
                (DeValue::Float(x), DeValue::Float(y)) => x.as_str() == y.as_str(),
                (DeValue::Boolean(x), DeValue::Boolean(y)) => x == y,
                (DeValue::Datetime(x), DeValue::Datetime(y)) => x == y,
                (DeValue::Array(x), DeValue::Array(y)) => {
                    x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same_value(p, q))
                }
                (DeValue::Table(x), DeValue::Table(y)) => same_table(x, y),
                _ => false,
            }
    }

    /// The reader falls back, or gives exactly `toml`'s tree; `true` when
    /// it read the section itself.
    fn agrees(section: &str) -> bool {
        let Some(fast) = parse(section) else {
            return false;
        };
        let whole = DeTable::parse(section);
        let whole = whole.unwrap_or_else(|e| panic!("{section:?}: toml refuses it: {e}"));
        assert_eq!(fast.span(), whole.span(), "{section:?}");
        assert!(
            same_table(fast.get_ref(), whole.get_ref()),
            "{section:?}\nfast:  {:?}\ntoml: {:?}",
            fast.get_ref(),
            whole.get_ref()
        );
        true
    }

    #[test]
    fn plain_sections_are_read_as_toml_reads_them() {
        for s in [
            "",
            "\n\n",
            "# only a comment\n",
            "title = \"O1 业务支撑\"\nowner = \"黄磊\"\ntags = [\"infra\"]\n",
            "[project.p0001]\ntitle = \"NetsUnion\"\nupdate = \"本周完成；需协调。\"\n\n",
            "[project.p.milestone.m]\ntotal = 163\ndone = 10\nstart = 2023-06-09\ndue = 2023-07-07\nstatus = \"todo\"\n",
            "[project.p.milestone.m]  # c\r\ntitle = 'lit'\r\npercent = 95.46\r\n",
            "a = \"tab\\there \\\"q\\\" \\\\ \\u00e9 \\U0001F600 \\x41 \\e\"\n",
            "\"quoted\" = 1\n'lit' = 2\n\"\" = 3\n",
            "a = [ 1, 2.5 , 'x', \"y\", true, 2023-01-01, ]\nb = []\nc = [ ]\n",
            "a = 1_000\nb = +1\nc = 0x10\nd = 0o17\ne = 0b101\nf = 1e3\ng = inf\nh = -nan\ni = -0.0\n",
            "a = 1979-05-27T07:32:00Z\nb = 07:32:00\nc = 1979-05-27T00:32:00.999999-07:00\nd = 1979-05-27T07:32\n",
            "s = \"a # not a comment\" # a comment with \"quotes\" and # more\n",
            "x = 1",
        ] {
            assert!(agrees(s), "{s:?}");
        }
    }

    #[test]
    fn anything_else_is_left_to_toml() {
        for s in [
            "a.b = 1\n",
            "a = { b = 1 }\n",
            "a = \"\"\"\nx\"\"\"\n",
            "a = '''x'''\n",
            "a = [\n1]\n",
            "a = [[1]]\n",
            "a = 1\na = 2\n",
            "a = \"x\u{1}\"\n",
            "a = 1 # \u{7f}\n",
            "a = 1\rb = 2\n",
            "a = \"\\q\"\n",
            "a = \"\\uD800\"\n",
            "\"k\\t\" = 1\n",
            "a = \n",
            "a = 1979-05-27 07:32:00\n",
            "[a . b]\n",
            "[[a]]\n",
            "  [a]\n",
            "a = 2023-02-30\n",
            "a = 1 2\n",
            "a = wat\n",
            "键 = 1\n",
        ] {
            assert!(parse(s).is_none(), "{s:?}");
        }
    }

    /// Thousands of generated sections with every kind of value, valid or
    /// not: the reader falls back or agrees with `toml` to the span.
    #[test]
    fn generated_sections_read_as_toml_reads_them() {
        // (usual, odd): an odd piece is taken one time in eight
        type Pieces = (&'static [&'static str], &'static [&'static str]);
        let headers: Pieces = (
            &[
                "",
                "[project.p1]\n",
                "[project.p-1.milestone.m_2]  # h\n",
                "[a]#c\n",
                "[x.y.z]\r\n",
            ],
            &["[project.\"p\"]\n", "[a.]\n", "[[a]]\n"],
        );
        let keys: Pieces = (
            &[
                "title",
                "a1",
                "a-b_c",
                "1234",
                "due",
                "\"quoted key\"",
                "'lit key'",
                "tags",
                "-",
                "_",
                "x",
                "y",
            ],
            &["\"\"", "\"esc\\tkey\"", "a.b", "键"],
        );
        let values: Pieces = (
            &[
                "\"plain\"",
                "\"\"",
                "\"中文 ✓\"",
                "\"a # b\"",
                "\"esc \\\" \\\\ \\n \\t \\b \\f \\r\"",
                "\"\\u00e9\\U0001F600\"",
                "\"\\x41\\e\"",
                "'lit \\n'",
                "''",
                "'a # b'",
                "0",
                "42",
                "-17",
                "+1",
                "1_000",
                "0x10",
                "0xDEAD_beef",
                "0o17",
                "0b101",
                "1e3",
                "1E-3",
                "1.5",
                "-0.0",
                "+0.0",
                "6.626e-34",
                "inf",
                "-inf",
                "+inf",
                "nan",
                "-nan",
                "true",
                "false",
                "2023-06-09",
                "2024-02-29",
                "1979-05-27T07:32:00Z",
                "1979-05-27t07:32:00z",
                "1979-05-27T07:32:00.5+01:00",
                "1979-05-27T07:32",
                "07:32:00",
                "[]",
                "[ 1, 2 ]",
                "[\"a\", 'b',]",
                "[2023-01-01, 1.5, true]",
            ],
            &[
                "\"bad \\q\"",
                "\"\\uD800\"",
                "\"open",
                "'open",
                "'''ml'''",
                "\"\"\"ml\"\"\"",
                "1__0",
                "_1",
                "01",
                "0x",
                "1.",
                ".5",
                "1.e5",
                "True",
                "2023-13-01",
                "2023-02-29",
                "07:32",
                "1979-05-27 07:32:00",
                "[1,,2]",
                "[1 2]",
                "[ [1] ]",
                "[",
                "{}",
                "{ a = 1 }",
                "",
                "wat",
                "1 2",
                "\"\u{1}\"",
                "'\u{7f}'",
            ],
        );
        let trails: Pieces = (
            &["", " ", "\t", " # c", "# \"x\" # 'y'", " #\t"],
            &[" #\u{1}", " junk", " #\u{7f}"],
        );
        let eols: Pieces = (
            &["\n", "\r\n", "\n\n", "\n# comment\n", "\n  \t\n"],
            &["\r", "\n  [y]\n"],
        );
        let spaces: Pieces = (&["", " ", "\t", "  "], &[]);
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut pick = |(usual, odd): Pieces| {
            if next(8) == 0 && !odd.is_empty() {
                odd[next(odd.len())]
            } else {
                usual[next(usual.len())]
            }
        };
        let (mut fast, mut total) = (0, 0);
        for round in 0..3000 {
            let mut s = String::from(pick(headers));
            for _ in 0..1 + round % 6 {
                for piece in [spaces, keys, spaces] {
                    s += pick(piece);
                }
                s += "=";
                for piece in [spaces, values, trails, eols] {
                    s += pick(piece);
                }
            }
            if round % 7 == 0 {
                s.pop();
            }
            total += 1;
            fast += usize::from(agrees(&s));
        }
        // most sections are read here, not all
        assert!(fast > total / 10 && fast < total, "{fast} of {total}");
    }

    #[test]
    fn the_shipped_data_reads_as_toml_reads_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let mut fast = 0;
        for path in crate::core::load::objective_files(&dir).unwrap() {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut start = 0;
            let cuts = text.match_indices("\n[").map(|(i, _)| i + 1);
            for end in cuts.chain([text.len()]) {
                fast += usize::from(agrees(&text[start..end]));
                start = end;
            }
        }
        assert!(fast > 10, "{fast}");
    }
}
