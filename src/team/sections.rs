//! Two versions of an objective file cut down to the tables that differ,
//! so that `stride log` parses a few sections of a commit's files rather
//! than the whole of each version. Only files written plainly are cut (a
//! bare header `[a.b]` a line, `key = value` lines): for anything else
//! (arrays of tables, multi-line strings or arrays, dotted keys, inline
//! tables, conflict markers, a header written twice) the caller parses the
//! whole files, as before.

use std::collections::HashMap;

/// A file cut at its table headers.
struct Cut<'a> {
    /// The text before the first header (the objective's own fields).
    top: &'a str,
    /// Each header's key (`project.p1`) with its section (the header line
    /// and the lines up to the next header), in file order.
    sections: Vec<(&'a str, &'a str)>,
}

/// The child tables of stride's items: a field of that name beside such a
/// table would make the whole file invalid, which a cut could hide.
const TABLES: [&str; 5] = ["project", "milestone", "metric", "incident", "other"];

fn is_bare(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `[a.b.c]` (with an optional comment after it) → `a.b.c`.
fn header(line: &str) -> Option<&str> {
    let line = line.trim_end();
    let end = line.find(']')?;
    let key = &line[1..end];
    let rest = line[end + 1..].trim_start();
    (key.split('.').all(is_bare) && (rest.is_empty() || rest.starts_with('#'))).then_some(key)
}

fn cut(text: &str) -> Option<Cut<'_>> {
    let mut top_end = None;
    let mut sections: Vec<(&str, usize)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with('[') {
            sections.push((header(line)?, at));
            top_end.get_or_insert(at);
        } else {
            let body = line.trim_end();
            // an array or inline table continued on the next line
            if body.ends_with(['[', '{', ',']) {
                return None;
            }
        }
        at += line.len();
    }
    let top = &text[..top_end.unwrap_or(text.len())];
    let mut out = Vec::with_capacity(sections.len());
    for (i, &(key, from)) in sections.iter().enumerate() {
        let to = sections.get(i + 1).map_or(text.len(), |s| s.1);
        out.push((key, &text[from..to]));
    }
    Some(Cut { top, sections: out })
}

/// The keys of a section's `key = value` lines, `None` where a line is
/// written otherwise (a dotted or quoted key, an inline table).
fn keys(body: &str) -> Option<()> {
    for line in body.lines() {
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') || t.starts_with('[') {
            continue;
        }
        let (k, v) = t.split_once('=')?;
        let k = k.trim_end();
        if !is_bare(k) || v.trim_start().starts_with('{') || TABLES.contains(&k) {
            return None;
        }
    }
    Some(())
}

/// How many bytes two texts share at their start, compared a block at a
/// time.
pub fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 256;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// How many bytes two texts share at their end.
pub fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 256;
    let n = a.len().min(b.len());
    let (ea, eb) = (a.len(), b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[ea - i - BLOCK..ea - i] == b[eb - i - BLOCK..eb - i] {
        i += BLOCK;
    }
    while i < n && a[ea - i - 1] == b[eb - i - 1] {
        i += 1;
    }
    i
}

/// The sections that differ, found by walking both texts side by side
/// where every change stays inside one section whose header both
/// versions share (a value changed, a field added or removed): each
/// pair of sections, in file order. `None` where the walk cannot tell
/// (a section added, removed or renamed, the text before the first
/// header changed): the sections are then matched by header.
fn side_by_side<'a>(b: &'a [u8], a: &'a [u8]) -> Option<Vec<(&'a [u8], &'a [u8])>> {
    let (mut ib, mut ia) = (0, 0);
    let mut out = Vec::new();
    loop {
        let m = common_prefix(&b[ib..], &a[ia..]);
        let (mb, ma) = (ib + m, ia + m);
        if mb == b.len() && ma == a.len() {
            return Some(out);
        }
        if mb == b.len() || ma == a.len() {
            return None;
        }
        // the section holding the difference, the same start on both sides
        let back = memchr::memmem::rfind(&b[ib..=mb], b"\n[")?;
        let (sb, sa) = (ib + back + 1, ia + back + 1);
        let end = |t: &[u8], at: usize| {
            memchr::memmem::find(&t[at..], b"\n[").map_or(t.len(), |i| at + i + 1)
        };
        let (eb, ea) = (end(b, mb), end(a, ma));
        let (xb, xa) = (&b[sb..eb], &a[sa..ea]);
        let head = |t: &'a [u8]| {
            t.split_inclusive(|&c| c == b'\n')
                .next()
                .unwrap_or_default()
        };
        if !xb.starts_with(b"[") || !xa.starts_with(b"[") || head(xb) != head(xa) {
            return None;
        }
        out.push((xb, xa));
        (ib, ia) = (eb, ea);
    }
}

/// The sections that differ where every change stays inside one section
/// whose header both versions share, over bytes (each section read as
/// UTF-8 alone, lossily, as the whole text would be: sections start and
/// end at ASCII): `None` where the walk cannot tell, `Some(None)` where a
/// section is not written plainly.
pub fn changed_sections(before: &[u8], after: &[u8]) -> Option<Option<(String, String)>> {
    let pairs = side_by_side(before, after)?;
    let (mut mb, mut ma) = (String::new(), String::new());
    for (xb, xa) in pairs {
        let (xb, xa) = (String::from_utf8_lossy(xb), String::from_utf8_lossy(xa));
        if keys(&xb).is_none() || keys(&xa).is_none() {
            return Some(None);
        }
        for (out, x) in [(&mut mb, xb), (&mut ma, xa)] {
            out.push_str(&x);
            if !x.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    Some(Some((mb, ma)))
}

/// Where two texts start to differ and where they agree again to the end,
/// widened to whole sections: `(from, to_before, to_after)`.
fn middle(before: &str, after: &str) -> (usize, usize, usize) {
    let (b, a) = (before.as_bytes(), after.as_bytes());
    let mut p = common_prefix(b, a);
    let mut s = common_suffix(&b[p..], &a[p..]);
    // back to the start of the section holding the first difference
    p = memchr::memmem::rfind(&b[..p], b"\n[").map_or(0, |i| i + 1);
    // on to the start of the section after the last one
    let next = |t: &[u8], end: usize| {
        memchr::memmem::find(&t[end..], b"\n[").map_or(t.len(), |i| end + i + 1)
    };
    let tb = next(b, b.len() - s);
    s = b.len() - tb;
    let ta = next(a, (a.len() - s).max(p));
    let tb = tb.max(p);
    if b.len() - tb != a.len() - ta || b[tb..] != a[ta..] {
        return (p, b.len(), a.len()); // widened past a difference
    }
    (p, tb, ta)
}

/// A cut's sections by header; `None` where a header is written twice
/// (let the parser say so).
fn index<'a>(c: &Cut<'a>) -> Option<HashMap<&'a str, &'a str>> {
    let mut m = HashMap::with_capacity(c.sections.len());
    for &(k, s) in &c.sections {
        if m.insert(k, s).is_some() {
            return None;
        }
    }
    Some(m)
}

/// Whether a text may be cut at all: no multi-line strings, no conflict
/// markers, no arrays of tables (over bytes: the patterns are ASCII,
/// which a lossy reading of the text keeps in place).
pub fn plain(t: &[u8]) -> bool {
    let has = |what: &[u8]| memchr::memmem::find(t, what).is_some();
    !(has(b"\"\"\"") || has(b"'''") || has(b"<<<<<<<") || has(b"\n[[") || t.starts_with(b"[["))
}

/// Both versions cut down to the sections (and the text before the first
/// header) that differ between them, in their files' order; `None` where
/// a file is not written plainly enough to cut safely.
#[cfg(test)]
pub fn changed_parts(before: &str, after: &str) -> Option<(String, String)> {
    changed_parts_of_plain(
        before,
        after,
        plain(before.as_bytes()) && plain(after.as_bytes()),
    )
}

/// [`changed_parts`], with [`plain`] known for both.
pub fn changed_parts_of_plain(
    before: &str,
    after: &str,
    both_plain: bool,
) -> Option<(String, String)> {
    if !both_plain {
        return None;
    }
    if let Some(parts) = changed_sections(before.as_bytes(), after.as_bytes()) {
        return parts;
    }
    let (from, tb, ta) = middle(before, after);
    let whole = from == 0;
    let (b, a) = (cut(&before[from..tb])?, cut(&after[from..ta])?);
    let (bi, ai) = (index(&b)?, index(&a)?);
    let top_changed = whole && b.top != a.top;
    let differs = |k: &str| bi.get(k) != ai.get(k);
    let mini = |c: &Cut<'_>| -> Option<String> {
        let mut out = String::new();
        if top_changed {
            keys(c.top)?;
            out.push_str(c.top);
        }
        for &(k, s) in &c.sections {
            if differs(k) {
                keys(s)?;
                out.push_str(s);
                if !s.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
        Some(out)
    };
    Some((mini(&b)?, mini(&a)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sections_that_differ() {
        let b = "title = \"O\"\n\n[project.p]\ntitle = \"P\"\n\n[project.p.milestone.m]\ndone = 1\n[project.q]\ntitle = \"Q\"\n";
        let a = "title = \"O\"\n\n[project.p]\ntitle = \"P\"\n\n[project.p.milestone.m]\ndone = 2\n[project.q]\ntitle = \"Q\"\n";
        let (mb, ma) = changed_parts(b, a).unwrap();
        assert_eq!(mb, "[project.p.milestone.m]\ndone = 1\n");
        assert_eq!(ma, "[project.p.milestone.m]\ndone = 2\n");
    }

    #[test]
    fn files_not_written_plainly_are_not_cut() {
        let plain = "[project.p]\ntitle = \"P\"\n";
        for other in [
            "[[incident]]\nat = 1\n",
            "[project.p]\ntitle = \"\"\"P\n[x]\n\"\"\"\n",
            "[project.p]\ntags = [\n\"a\",\n]\n",
            "[project.p]\nmilestone.m.title = \"M\"\n",
            "[project.p]\nx = { a = 1 }\n",
            "[project.p]\n[project.p]\n",
            "[\"project\".p]\ntitle = \"P\"\n",
        ] {
            assert_eq!(changed_parts(plain, other), None, "{other}");
        }
    }
}
