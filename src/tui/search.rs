//! Finding items by title or id as the user types: substring matches first,
//! then fuzzy (in-order) matches, each group in file order. Chinese matches
//! character by character.

use crate::core::model::{ItemPath, Portfolio};

/// Whether every character of `needle` appears in `hay` in order.
fn subsequence(hay: &str, needle: &[char]) -> bool {
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
    let mut consider = |title: &str, id: &str, path: &dyn Fn() -> ItemPath| {
        let t = title.to_lowercase();
        if t.contains(&q) || id.to_lowercase().contains(&q) {
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
    fn subsequences_match_in_order_ignoring_case() {
        let n = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(subsequence("HIVE标准数仓建设", &n("hive数仓")));
        assert!(subsequence("网联代收", &n("网收")));
        assert!(!subsequence("网联代收", &n("收网")));
        assert!(subsequence("anything", &n("")));
    }
}
