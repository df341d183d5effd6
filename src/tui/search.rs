//! Finding items by title or id as the user types: substring matches first,
//! then fuzzy (in-order) matches, each group in file order. Chinese matches
//! character by character.

use crate::core::model::{ItemPath, Portfolio};

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

/// The paths of the items matching `query`, best first.
pub fn find(p: &Portfolio, query: &str) -> Vec<ItemPath> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let needle: Vec<char> = q.chars().collect();
    let mut exact = Vec::new();
    let mut fuzzy = Vec::new();
    // the lowercased title and id, in buffers used again for every item
    let (mut t, mut i) = (String::new(), String::new());
    let mut consider = |title: &str, id: &str, path: &dyn Fn() -> ItemPath| {
        lowercase_into(&mut t, title);
        if t.contains(&q) || {
            lowercase_into(&mut i, id);
            i.contains(&q)
        } {
            exact.push(path());
        } else if subsequence(&t, &needle) || subsequence(id, &needle) {
            fuzzy.push(path());
        }
    };
    for o in &p.objectives {
        consider(&o.fields.title, &o.id, &|| ItemPath::objective(&o.id));
        for pr in &o.projects {
            consider(&pr.fields.title, &pr.id, &|| {
                ItemPath::project(&o.id, &pr.id)
            });
            for m in &pr.milestones {
                consider(&m.fields.title, &m.id, &|| {
                    ItemPath::milestone(&o.id, &pr.id, &m.id)
                });
            }
        }
    }
    exact.extend(fuzzy);
    exact
}

#[cfg(test)]
mod tests {
    use super::*;

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
