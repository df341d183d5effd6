//! Finding items by title or id as the user types: substring matches first,
//! then fuzzy (in-order) matches, each group in file order. Chinese matches
//! character by character, or by the first letters of its pinyin (`wlzf`
//! finds 网联支付), among the fuzzy ones.

use super::tree::Node;
use crate::core::model::{ItemRef, Portfolio};

/// Whether every character of `needle` appears in `hay` in order, a
/// character of `hay` matching when it or its lowercase is the needle's.
fn subsequence(hay: &str, needle: &[char]) -> bool {
    if needle.iter().all(char::is_ascii) {
        return ascii_subsequence(hay, needle);
    }
    let mut it = needle.iter().peekable();
    for c in hay.chars() {
        let Some(&&n) = it.peek() else {
            return true;
        };
        let same = if c.is_ascii() || caseless(c) {
            c.to_ascii_lowercase() == n || c == n
        } else {
            c.to_lowercase().eq(std::iter::once(n)) || c == n
        };
        if same {
            it.next();
        }
    }
    it.peek().is_none()
}

/// The Kelvin sign: the one character beyond ASCII whose lowercase is a
/// single ASCII character (`k`).
const KELVIN: char = '\u{212a}';

/// [`subsequence`] for an ASCII needle, a byte at a time: a character
/// beyond ASCII can only match as the Kelvin sign does.
fn ascii_subsequence(hay: &str, needle: &[char]) -> bool {
    let hay = hay.as_bytes();
    let mut at = 0;
    for &n in needle {
        let n = n as u8;
        loop {
            let Some(&b) = hay.get(at) else {
                return false;
            };
            at += 1;
            let same = if b.is_ascii() {
                b.to_ascii_lowercase() == n || b == n
            } else {
                // no other character beyond ASCII matches an ASCII one
                n == b'k' && hay[at - 1..].starts_with(KELVIN.encode_utf8(&mut [0; 4]).as_bytes())
            };
            if same {
                break;
            }
        }
    }
    true
}

/// Characters that are their own lowercase, beyond ASCII: general
/// punctuation, CJK symbols, kana, Hangul jamo, CJK ideographs, and the
/// fullwidth forms other than the Latin letters (checked, for every
/// character, by a test).
fn caseless(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206f}'
        | '\u{3000}'..='\u{9fff}'
        | '\u{ff00}'..='\u{ff20}'
        | '\u{ff3b}'..='\u{ffef}')
}

/// `s.to_lowercase()`, written into `buf`.
fn lowercase_into(buf: &mut String, s: &str) {
    buf.clear();
    buf.push_str(s);
    if s.is_ascii() || s.chars().all(|c| c.is_ascii() || caseless(c)) {
        // only ASCII letters change, each to a letter of the same length
        buf.make_ascii_lowercase();
    } else {
        buf.clear();
        // `str::to_lowercase` knows a final sigma by its place in the word
        buf.push_str(&s.to_lowercase());
    }
}

/// Whether `s.to_lowercase()` is `s`, known without decoding most of it:
/// ASCII byte by byte, and the characters of U+3000 to U+9FFF (CJK, kana;
/// their UTF-8 starts with E3 to E9) skipped three bytes at a time.
fn lowercase_already(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c < 0x80 {
            if c.is_ascii_uppercase() {
                return false;
            }
            i += 1;
        } else if (0xe3..=0xe9).contains(&c) {
            i += 3;
        } else {
            // `i` is at the start of a character: the rest, one at a time
            return s[i..].chars().all(|c| {
                if c.is_ascii() {
                    !c.is_ascii_uppercase()
                } else {
                    caseless(c)
                }
            });
        }
    }
    true
}

/// `s.to_lowercase()`: `s` itself when lowercasing leaves it as it is (no
/// ASCII capital, nothing else with a case: most ids, and Chinese titles),
/// else written into `buf`.
fn lowered<'a>(buf: &'a mut String, s: &'a str) -> &'a str {
    if lowercase_already(s) {
        s
    } else {
        lowercase_into(buf, s);
        buf
    }
}

/// The first letters of the pinyin of a title's Chinese characters, its
/// letters and digits as they are (lowercased): `网联支付2.0` → `wlzf20`.
fn initials_into(buf: &mut String, title: &str) {
    use pinyin::ToPinyin;
    buf.clear();
    for c in title.chars() {
        if let Some(p) = c.to_pinyin() {
            buf.push_str(p.first_letter());
        } else if c.is_ascii_alphanumeric() {
            buf.push(c.to_ascii_lowercase());
        }
    }
}

/// The items matching a query: substring matches, then fuzzy ones, each
/// run in file order. Items are tree nodes (indices), so that a query
/// matching most of a large portfolio builds no path.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    /// The query, trimmed and lowercased.
    pub query: String,
    pub nodes: Vec<Node>,
    /// How many of `nodes`, from the first, are substring matches.
    pub exact: usize,
}

impl Found {
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<Node> {
        self.nodes.get(i).copied()
    }

    /// Whether `node` matches: a binary search in each run.
    pub fn contains(&self, node: Node) -> bool {
        let (exact, fuzzy) = self.nodes.split_at(self.exact.min(self.nodes.len()));
        let key = order(node);
        exact.binary_search_by_key(&key, |n| order(*n)).is_ok()
            || fuzzy.binary_search_by_key(&key, |n| order(*n)).is_ok()
    }
}

/// A node's place in file order.
fn order(n: Node) -> (usize, usize, usize) {
    match n {
        Node::Objective(o) => (o, 0, 0),
        Node::Project(o, p) => (o, p + 1, 0),
        Node::Milestone(o, p, m) => (o, p + 1, m + 1),
        Node::Broken(f) => (usize::MAX, f, 0),
    }
}

/// The items matching `query`, best first.
pub fn find(p: &Portfolio, query: &str) -> Found {
    find_after(p, query, None)
}

/// [`find`], knowing what an earlier query found: when the new query
/// starts with it (a letter typed), only those items can match, as every
/// item containing the new query, or holding it in order, holds the old
/// one so too.
pub fn find_after(p: &Portfolio, query: &str, before: Option<&Found>) -> Found {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Found::default();
    }
    let needle: Vec<char> = q.chars().collect();
    // the substring searcher, set up once for every item
    let finder = memchr::memmem::Finder::new(q.as_bytes());
    let has = |s: &str| finder.find(s.as_bytes()).is_some();
    let mut exact = Vec::new();
    let mut fuzzy = Vec::new();
    // the lowercased title and id, in buffers used again for every item
    let (mut t, mut i, mut py) = (String::new(), String::new(), String::new());
    // pinyin initials for a query of letters and digits
    let pinyin = q.bytes().all(|b| b.is_ascii_alphanumeric());
    let mut consider = |node: Node, title: &str, id: &str| {
        let title = lowered(&mut t, title);
        if has(title) || has(lowered(&mut i, id)) {
            exact.push(node);
        } else if needle.len() > 1 && (subsequence(title, &needle) || subsequence(id, &needle)) {
            // (one character in order is the character anywhere: found above)
            fuzzy.push(node);
        } else if pinyin && !title.is_ascii() && {
            initials_into(&mut py, title);
            has(&py)
        } {
            fuzzy.push(node);
        }
    };
    match before.filter(|b| !b.query.is_empty() && q.starts_with(&b.query)) {
        Some(before) => {
            let mut candidates = before.nodes.clone();
            candidates.sort_unstable_by_key(|n| order(*n));
            for node in candidates {
                let (title, id) = match node.item(p) {
                    Some(ItemRef::Objective(o)) => (&o.fields.title, &o.id),
                    Some(ItemRef::Project(pr)) => (&pr.fields.title, &pr.id),
                    Some(ItemRef::Milestone(m, _)) => (&m.fields.title, &m.id),
                    None => continue,
                };
                consider(node, title, id);
            }
        }
        None => {
            for (oi, o) in p.objectives.iter().enumerate() {
                consider(Node::Objective(oi), &o.fields.title, &o.id);
                for (pi, pr) in o.projects.iter().enumerate() {
                    consider(Node::Project(oi, pi), &pr.fields.title, &pr.id);
                    for (mi, m) in pr.milestones.iter().enumerate() {
                        consider(Node::Milestone(oi, pi, mi), &m.fields.title, &m.id);
                    }
                }
            }
        }
    }
    let n = exact.len();
    exact.extend(fuzzy);
    Found {
        query: q,
        nodes: exact,
        exact: n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Portfolio {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        crate::core::load_dir(&dir).unwrap()
    }

    #[test]
    fn pinyin_initials_find_chinese_titles() {
        let p = sample();
        let titles = |q: &str| -> Vec<String> {
            let f = find(&p, q);
            f.nodes
                .iter()
                .filter_map(|n| n.item(&p).map(|i| i.fields().title.clone()))
                .collect()
        };
        assert!(
            titles("wlds").iter().any(|t| t.contains("网联代收")),
            "{:?}",
            titles("wlds")
        );
        assert!(titles("WLDS").iter().any(|t| t.contains("网联代收")));
        // letters and digits of the title count as they are
        assert!(
            titles("zfzh2").iter().any(|t| t == "支付账户2.0升级"),
            "{:?}",
            titles("zfzh2")
        );
        assert!(titles("qxzzz").is_empty());
        let mut s = String::new();
        initials_into(&mut s, "网联支付2.0");
        assert_eq!(s, "wlzf20");
    }

    #[test]
    fn narrowing_an_earlier_search_finds_what_a_fresh_one_finds() {
        let p = sample();
        let mut both = 0;
        for word in [
            "hive",
            "pos",
            "迁移表",
            "o1",
            "a2",
            "channel",
            "网联",
            "wlds",
            "zzz",
        ] {
            let mut before = Found::default();
            let mut typed = String::new();
            for c in word.chars() {
                typed.push(c);
                let fresh = find(&p, &typed);
                let narrowed = find_after(&p, &typed, Some(&before));
                assert_eq!(narrowed, fresh, "{typed:?}");
                both += usize::from(fresh.exact > 0 && fresh.len() > fresh.exact);
                before = narrowed;
            }
        }
        // some queries matched in both runs, for the test to mean anything
        assert!(both >= 3, "{both}");
    }

    #[test]
    fn a_found_set_knows_its_members() {
        let p = sample();
        let f = find(&p, "pos");
        let mut tree = super::super::tree::Tree::new(&p, chrono::NaiveDate::MIN);
        tree.toggle_all(&p);
        tree.rebuild(&p, chrono::NaiveDate::MIN);
        let mut members = 0;
        for &n in &tree.rows {
            assert_eq!(f.contains(n), f.nodes.contains(&n), "{n:?}");
            members += usize::from(f.contains(n));
        }
        assert_eq!(members, f.len());
        assert!(members > 1);
    }

    #[test]
    fn lowercasing_into_a_buffer_is_to_lowercase() {
        let mut buf = String::from("old");
        for s in [
            "",
            "HIVE标准数仓建设",
            "MiXeD ascii",
            "ΣΑΣ ΟΔΟΣ",
            "İstanbul",
            "ǅemal",
            "网联代收",
        ] {
            lowercase_into(&mut buf, s);
            assert_eq!(buf, s.to_lowercase(), "{s}");
            let mut other = String::new();
            assert_eq!(lowered(&mut other, s), s.to_lowercase(), "{s}");
        }
    }

    #[test]
    fn the_shortcuts_hold_for_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let lower: Vec<char> = c.to_lowercase().collect();
            if caseless(c) {
                assert_eq!(lower, [c], "{c:?}");
            }
            if !c.is_ascii() && c != KELVIN {
                assert!(!(lower.len() == 1 && lower[0].is_ascii()), "{c:?}");
            }
        }
        assert_eq!(KELVIN.to_lowercase().collect::<Vec<_>>(), ['k']);
    }

    #[test]
    fn lowercase_already_is_never_wrong_and_knows_chinese() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            if lowercase_already(&s) {
                assert_eq!(s.to_lowercase(), s, "{c:?}");
            }
        }
        for s in ["hive 标准数仓建设", "m000012", "网联代收，已上线。", ""] {
            assert!(lowercase_already(s), "{s}");
        }
        for s in ["Hive", "标准A", "İ", "ǅ", "ｈｉＶｅ"] {
            assert!(!lowercase_already(s), "{s}");
        }
    }

    #[test]
    fn ascii_needles_match_as_any_needle_does() {
        let slow = |hay: &str, needle: &[char]| {
            let mut it = needle.iter().peekable();
            for c in hay.chars() {
                match it.peek() {
                    None => return true,
                    Some(&&n) if c.to_lowercase().eq(std::iter::once(n)) || c == n => {
                        it.next();
                    }
                    _ => {}
                }
            }
            it.peek().is_none()
        };
        let hays = [
            "",
            "HIVE标准数仓建设",
            "Ledger 对账",
            "\u{212a}ilo",
            "İk",
            "m000012",
        ];
        let needles = ["", "k", "hive", "ledg", "l", "m01", "ik", "K", "i\u{307}k"];
        for hay in hays {
            for needle in needles {
                let n: Vec<char> = needle.chars().collect();
                assert_eq!(subsequence(hay, &n), slow(hay, &n), "{hay:?} {needle:?}");
            }
        }
    }

    #[test]
    fn subsequences_match_in_order_ignoring_case() {
        let n = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(subsequence("HIVE标准数仓建设", &n("hive数仓")));
        assert!(subsequence("网联代收", &n("网收")));
        assert!(!subsequence("网联代收", &n("收网")));
        assert!(subsequence("anything", &n("")));
    }
}
