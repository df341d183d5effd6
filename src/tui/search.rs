//! Finding items by title or id as the user types: substring matches first,
//! then fuzzy (in-order) matches, each group in file order. Chinese matches
//! character by character.

use crate::core::model::{ItemPath, Portfolio};

/// Whether every character of `needle` appears in `hay` in order.
fn subsequence(hay: &str, needle: &[char]) -> bool {
    let mut it = needle.iter().peekable();
    for c in hay.chars() {
        let Some(&&n) = it.peek() else {
            return true;
        };
        let same = if c.is_ascii() {
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

/// `s.to_lowercase()`, written into `buf`.
fn lowercase_into(buf: &mut String, s: &str) {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else if s.contains('Σ') {
        // a final sigma lowercases by its place in the word
        buf.push_str(&s.to_lowercase());
    } else {
        buf.extend(s.chars().flat_map(char::to_lowercase));
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
    fn subsequences_match_in_order_ignoring_case() {
        let n = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(subsequence("HIVE标准数仓建设", &n("hive数仓")));
        assert!(subsequence("网联代收", &n("网收")));
        assert!(!subsequence("网联代收", &n("收网")));
        assert!(subsequence("anything", &n("")));
    }
}
