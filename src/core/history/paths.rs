//! The paths of a week's items as one table ([`Paths`]): every path in one
//! string, in file order, with the lookup from a path to its place built
//! once. A week whose items have the paths of the week read before it, in
//! the same order (the common case), shares that week's table
//! ([`PathsBuilder`] compares as it reads), so a week costs its records.

use std::sync::Arc;

/// The paths of a week's items, in file order, and where each is. A path
/// given twice is found at its last place, as a map built in order would.
#[derive(Default)]
pub struct Paths {
    /// Every path, one after the other.
    text: String,
    /// Where each path ends in `text`.
    ends: Vec<u32>,
    index: Index,
}

impl Paths {
    fn of(text: String, ends: Vec<u32>) -> Self {
        let index = Index::of(&text, &ends);
        Paths { text, ends, index }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The path of the item at `i`, in file order.
    pub fn path(&self, i: usize) -> &str {
        path_in(&self.text, &self.ends, i)
    }

    /// The paths in file order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> {
        (0..self.len()).map(|i| self.path(i))
    }

    /// Where `path` is (its last place, if given twice).
    pub fn position(&self, path: &str) -> Option<usize> {
        self.index.position(&self.text, &self.ends, path)
    }

    /// How many different paths there are.
    pub fn distinct(&self) -> usize {
        self.index.distinct
    }
}

impl PartialEq for Paths {
    fn eq(&self, other: &Self) -> bool {
        self.ends == other.ends && self.text == other.text
    }
}

impl Eq for Paths {}

impl std::fmt::Debug for Paths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

fn path_in<'t>(text: &'t str, ends: &[u32], i: usize) -> &'t str {
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &text[start..ends[i] as usize]
}

/// Makes the table of a week's paths as they are read: while they are the
/// paths of `like` (the week read before), in its order, nothing is copied,
/// and at the end `like` itself is the table.
pub struct PathsBuilder<'a> {
    like: Option<&'a Arc<Paths>>,
    /// While `own` is `None`: how many paths were `like`'s first ones.
    same: usize,
    own: Option<(String, Vec<u32>)>,
    capacity: usize,
}

impl<'a> PathsBuilder<'a> {
    /// A builder of about `capacity` paths, sharing `like` if they are its.
    pub fn new(like: Option<&'a Arc<Paths>>, capacity: usize) -> Self {
        PathsBuilder {
            like,
            same: 0,
            own: None,
            capacity,
        }
    }

    pub fn push(&mut self, path: &str) {
        if self.own.is_none() {
            if let Some(t) = self.like
                && self.same < t.len()
                && t.path(self.same) == path
            {
                self.same += 1;
                return;
            }
            self.diverge();
        }
        let Some((text, ends)) = self.own.as_mut() else {
            unreachable!("diverge makes the own table")
        };
        text.push_str(path);
        let end = u32::try_from(text.len()).expect("a week's paths fit in 4 GiB");
        ends.push(end);
    }

    /// From here on the table is this week's own: `like`'s paths so far
    /// are copied into it.
    fn diverge(&mut self) {
        let mut ends = Vec::with_capacity(self.capacity.max(self.same));
        let mut text = String::new();
        if let Some(t) = self.like
            && self.same > 0
        {
            ends.extend_from_slice(&t.ends[..self.same]);
            text.push_str(&t.text[..t.ends[self.same - 1] as usize]);
        }
        self.own = Some((text, ends));
    }

    /// The table: `like` if every path was its, in order, and no more.
    pub fn finish(mut self) -> Arc<Paths> {
        if self.own.is_none() {
            match self.like {
                Some(t) if self.same == t.len() => return Arc::clone(t),
                None => return Arc::new(Paths::default()),
                Some(_) => self.diverge(),
            }
        }
        let (mut text, mut ends) = self.own.take().unwrap_or_default();
        text.shrink_to_fit();
        ends.shrink_to_fit();
        Arc::new(Paths::of(text, ends))
    }
}

/// Open addressing over the places of the paths: each slot holds a place
/// plus one (0: empty) and 32 bits of the path's hash; the paths themselves
/// are compared in the table's text, never copied.
#[derive(Default)]
struct Index {
    slots: Vec<(u32, u32)>,
    /// `64 - log2(slots.len())`: a hash's slot is its top bits.
    shift: u32,
    distinct: usize,
}

impl Index {
    fn of(text: &str, ends: &[u32]) -> Self {
        if ends.is_empty() {
            return Index::default();
        }
        // at most three quarters full
        let size = (ends.len() * 4 / 3 + 1).next_power_of_two().max(8);
        let mut index = Index {
            slots: vec![(0, 0); size],
            shift: 64 - size.trailing_zeros(),
            distinct: 0,
        };
        for i in 0..ends.len() {
            let path = path_in(text, ends, i);
            let h = fnv(path);
            let mut s = index.slot(h);
            loop {
                let (at, tag) = index.slots[s];
                if at == 0 {
                    index.slots[s] = (i as u32 + 1, h as u32);
                    index.distinct += 1;
                    break;
                }
                if tag == h as u32 && path_in(text, ends, at as usize - 1) == path {
                    // given again: the last place wins
                    index.slots[s].0 = i as u32 + 1;
                    break;
                }
                s = (s + 1) & (index.slots.len() - 1);
            }
        }
        index
    }

    fn slot(&self, h: u64) -> usize {
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn position(&self, text: &str, ends: &[u32], path: &str) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let h = fnv(path);
        let mut s = self.slot(h);
        loop {
            let (at, tag) = self.slots[s];
            if at == 0 {
                return None;
            }
            let i = at as usize - 1;
            if tag == h as u32 && path_in(text, ends, i) == path {
                return Some(i);
            }
            s = (s + 1) & (self.slots.len() - 1);
        }
    }
}

/// FNV-1a, 64 bits: paths are short.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(paths: &[&str], like: Option<&Arc<Paths>>) -> Arc<Paths> {
        let mut b = PathsBuilder::new(like, paths.len());
        paths.iter().for_each(|p| b.push(p));
        b.finish()
    }

    #[test]
    fn every_path_is_found_the_last_of_twice() {
        let names: Vec<String> = (0..2000)
            .map(|i| format!("o{}/p{}/m{i}", i % 7, i % 13))
            .collect();
        let mut paths: Vec<&str> = names.iter().map(String::as_str).collect();
        paths.extend(["o1/联调 上线", "", "o1/p1/m5", "o1/联调 上线"]);
        let t = table(&paths, None);
        assert_eq!(t.len(), paths.len());
        // 2,000 generated, two more, one given twice
        assert_eq!(t.distinct(), 2003);
        for (i, p) in paths.iter().enumerate() {
            assert_eq!(t.path(i), *p);
            let last = paths.iter().rposition(|q| q == p);
            assert_eq!(t.position(p), last, "{p}");
        }
        assert_eq!(t.position("o1/p1"), None);
        assert_eq!(Paths::default().position(""), None);
    }

    #[test]
    fn the_same_paths_share_the_table_others_get_their_own() {
        let first = table(&["a", "a/b", "c"], None);
        assert!(Arc::ptr_eq(
            &first,
            &table(&["a", "a/b", "c"], Some(&first))
        ));
        for other in [
            &["a", "a/b"][..],
            &["a", "a/b", "c", "d"],
            &["a", "x", "c"],
            &["x", "a", "a/b", "c"],
            &[],
        ] {
            let t = table(other, Some(&first));
            assert!(!Arc::ptr_eq(&first, &t), "{other:?}");
            assert_eq!(t.iter().collect::<Vec<_>>(), other);
            for (i, p) in other.iter().enumerate() {
                assert_eq!(t.position(p), Some(i));
            }
        }
    }
}
