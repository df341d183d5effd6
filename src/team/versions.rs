//! The versions of one objective file as `stride log` reads them from
//! git: kept as bytes, so that only the window of text a commit changed
//! is checked as UTF-8 and cut into sections (`sections.rs`), and whether
//! a version may be cut at all is found from its newer neighbour and the
//! bytes between them. A file that cannot be cut is parsed whole, as
//! before.

use super::sections::{common_prefix, common_suffix, plain};
use crate::core::diff::{FieldChange, changes};

/// One version of a file: its bytes as committed, and whether it is
/// written plainly enough to cut (`None`: not known yet).
pub struct Version {
    pub bytes: Vec<u8>,
    plain: Option<bool>,
}

impl Version {
    pub fn new(bytes: Vec<u8>) -> Version {
        Version { bytes, plain: None }
    }
}

/// Where two versions differ: the common prefix `p` and the common suffix
/// `s` after it.
fn differ(b: &[u8], a: &[u8]) -> (usize, usize) {
    let p = common_prefix(b, a);
    (p, common_suffix(&b[p..], &a[p..]))
}

/// A version's plainness from its neighbour's (plain) and the bytes they
/// do not share: a pattern of this one that the neighbour lacks overlaps
/// what differs. `differ` is the same either way round.
fn plain_beside(b: &[u8], (p, s): (usize, usize)) -> bool {
    const LONGEST: usize = 7; // `<<<<<<<`
    let from = p.saturating_sub(LONGEST);
    let to = (b.len() - s + LONGEST).min(b.len());
    let r = &b[from..to];
    let has = |what: &[u8]| memchr::memmem::find(r, what).is_some();
    !(has(b"\"\"\"") || has(b"'''") || has(b"<<<<<<<") || has(b"\n[[") || b.starts_with(b"[["))
}

/// The window of both versions that holds every difference, widened to
/// section boundaries: it starts at the `\n` before the header of the
/// section holding the first difference (or at the start) and ends before
/// the first header in the common suffix. `sections.rs` cuts the windows
/// as it would cut the whole texts (the walk starts and ends at the same
/// headers).
fn window(b: &[u8], a: &[u8], (p, s): (usize, usize)) -> (usize, usize, usize) {
    let from = memchr::memmem::rfind(&b[..p], b"\n[").unwrap_or(0);
    let tail = b.len() - s;
    match memchr::memmem::find(&b[tail..], b"\n[") {
        Some(j) => (from, tail + j + 1, a.len() - s + j + 1),
        None => (from, b.len(), a.len()),
    }
}

/// The field changes of one file between two versions (`None`: absent),
/// parsing only the sections that differ where `cut` and where the file
/// allows. Works out one version's plainness from the other's where it
/// can, for the next commit that changed the file.
pub fn file_changes(
    id: &str,
    before: Option<&mut Version>,
    after: Option<&mut Version>,
    cut: bool,
) -> Vec<FieldChange> {
    match (before, after) {
        (Some(b), Some(a)) if cut => {
            let d = differ(&b.bytes, &a.bytes);
            // either side's plainness from the other's, where known (the
            // versions come in the pack's order, not always newest first)
            if a.plain.is_none() && b.plain == Some(true) {
                a.plain = Some(plain_beside(&a.bytes, d));
            }
            let a_plain = *a.plain.get_or_insert_with(|| plain(&a.bytes));
            if a_plain && b.plain.is_none() {
                b.plain = Some(plain_beside(&b.bytes, d));
            }
            if a_plain
                && b.plain == Some(true)
                && let Some(found) = cut_changes(id, &b.bytes, &a.bytes, d)
            {
                return found;
            }
            whole(id, Some(&b.bytes), Some(&a.bytes))
        }
        (b, a) => whole(id, b.map(|v| &v.bytes[..]), a.map(|v| &v.bytes[..])),
    }
}

/// The changes of two plain versions from the sections that differ;
/// `None` where they cannot be cut (or the window is not UTF-8).
fn cut_changes(id: &str, b: &[u8], a: &[u8], d: (usize, usize)) -> Option<Vec<FieldChange>> {
    if let Some(parts) = super::sections::changed_sections(b, a) {
        let (mb, ma) = parts?;
        let (tb, ta) = (
            mb.parse::<toml::Table>().ok()?,
            ma.parse::<toml::Table>().ok()?,
        );
        return Some(changes(id, Some(&tb), Some(&ta)));
    }
    let (from, tb, ta) = window(b, a, d);
    let wb = std::str::from_utf8(&b[from..tb]).ok()?;
    let wa = std::str::from_utf8(&a[from..ta]).ok()?;
    let (mb, ma) = super::sections::changed_parts_of_plain(wb, wa, true)?;
    let (tb, ta) = (
        mb.parse::<toml::Table>().ok()?,
        ma.parse::<toml::Table>().ok()?,
    );
    Some(changes(id, Some(&tb), Some(&ta)))
}

/// The changes of two versions parsed whole.
pub fn whole(id: &str, before: Option<&[u8]>, after: Option<&[u8]>) -> Vec<FieldChange> {
    let table = |t: &[u8]| table_of(&String::from_utf8_lossy(t));
    let (tb, ta) = (before.map(table), after.map(table));
    changes(id, tb.as_ref(), ta.as_ref())
}

/// A file's text as a table, as our side wrote it where it holds
/// conflict markers; empty where it does not parse.
pub fn table_of(text: &str) -> toml::Table {
    if crate::core::merge::has_markers(text) {
        crate::core::merge::ours_side(text)
            .0
            .parse()
            .unwrap_or_default()
    } else {
        text.parse().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::team::sections::changed_parts_of_plain;

    fn base() -> String {
        let mut s = String::from("title = \"O 目标\"\n\n");
        for p in 0..3 {
            s.push_str(&format!("[project.p{p}]\ntitle = \"P{p}\"\n\n"));
            for m in 0..3 {
                s.push_str(&format!(
                    "[project.p{p}.milestone.m{m}]\ntitle = \"里程碑 {m}\"\ndone = {m}\n\n"
                ));
            }
        }
        s
    }

    /// Edits of every kind: values, the top, sections added, removed and
    /// renamed, patterns that make a file not plain, at the ends too.
    fn edits(t: &str) -> Vec<String> {
        vec![
            t.replacen("done = 1", "done = 7", 1),
            t.replacen("done = 0", "done = 5", 3),
            t.replacen("title = \"O 目标\"", "title = \"O2\"", 1),
            t.replacen("[project.p1]\n", "[project.p9]\n", 1),
            t.replacen(
                "[project.p2]\n",
                "[project.p1.milestone.x]\ndone = 1\n[project.p2]\n",
                1,
            ),
            format!("{t}[project.p7]\ntitle = \"新\"\n"),
            format!("[[incident]]\nat = 1\n{t}"),
            t.replacen("title = \"P1\"", "title = \"\"\"P\n[x]\n\"\"\"", 1),
            t.replacen("done = 2\n", "done = 2\n[[other]]\nx = 1\n", 1),
            t.replacen("title = \"P0\"", "title = '''P'''", 1),
            t.replacen("\n\n[project.p0.milestone.m1]", "\n<<<<<<< ours\n", 1),
            t.replacen(
                "[project.p0.milestone.m2]\ntitle = \"里程碑 2\"\ndone = 2\n\n",
                "",
                1,
            ),
        ]
    }

    #[test]
    fn either_version_is_plain_as_a_whole_scan_finds() {
        // every ordered pair: the older from the newer and the newer from the older
        let t = base();
        let mut texts = edits(&t);
        texts.push(t.clone());
        for a in &texts {
            for b in &texts {
                if a == b || !plain(a.as_bytes()) {
                    continue;
                }
                let d = differ(b.as_bytes(), a.as_bytes());
                assert_eq!(
                    plain_beside(b.as_bytes(), d),
                    plain(b.as_bytes()),
                    "{b}\n--\n{a}"
                );
            }
        }
    }

    #[test]
    fn the_window_cuts_as_the_whole_texts() {
        let t = base();
        let mut texts = edits(&t);
        texts.push(t.clone());
        let mut cut = 0;
        for a in &texts {
            for b in &texts {
                let (ba, aa) = (b.as_bytes(), a.as_bytes());
                if a == b || !plain(ba) || !plain(aa) {
                    continue;
                }
                let (from, tb, ta) = window(ba, aa, differ(ba, aa));
                let whole = changed_parts_of_plain(b, a, true);
                let part = changed_parts_of_plain(&b[from..tb], &a[from..ta], true);
                assert_eq!(part, whole, "{b}\n--\n{a}");
                cut += usize::from(whole.is_some());
            }
        }
        assert!(cut > 10, "{cut} pairs cut");
    }

    /// What `stride log` found before versions were kept as bytes: the
    /// whole texts cut (where both are plain), else parsed whole.
    fn as_before(b: &str, a: &str) -> Vec<FieldChange> {
        let both = plain(b.as_bytes()) && plain(a.as_bytes());
        if let Some((mb, ma)) = changed_parts_of_plain(b, a, both)
            && let (Ok(tb), Ok(ta)) = (mb.parse::<toml::Table>(), ma.parse::<toml::Table>())
        {
            return changes("o", Some(&tb), Some(&ta));
        }
        whole("o", Some(b.as_bytes()), Some(a.as_bytes()))
    }

    #[test]
    fn changes_are_those_of_the_whole_texts_cut() {
        let t = base();
        let mut texts = edits(&t);
        texts.push(t.clone());
        let mut found = 0;
        for a in &texts {
            for b in &texts {
                if a == b {
                    continue;
                }
                let mut vb = Version::new(b.clone().into_bytes());
                let mut va = Version::new(a.clone().into_bytes());
                let got = file_changes("o", Some(&mut vb), Some(&mut va), true);
                assert_eq!(got, as_before(b, a), "{b}\n--\n{a}");
                found += got.len();
            }
        }
        assert!(found > 50, "{found} changes");
    }
}
