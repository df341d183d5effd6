//! A stage's name as history holds it ([`Stage`]): shared, one pointer a
//! record; [`Stages`] gives one `Stage` per name while a week is read.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A stage's name; clones share it. Reads as a `&str`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Stage(Arc<String>);

impl Deref for Stage {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Stage {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Stage {
    fn from(s: &str) -> Self {
        Stage(Arc::new(s.to_string()))
    }
}

impl From<String> for Stage {
    fn from(s: String) -> Self {
        Stage(Arc::new(s))
    }
}

impl Stage {
    /// Whether `a` and `b` are one shared name, not only equal ones.
    pub fn same(a: &Stage, b: &Stage) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

/// One [`Stage`] per name: a week of 100,000 records holds a handful.
#[derive(Default)]
pub struct Stages(HashSet<Stage>);

impl Stages {
    pub fn intern(&mut self, name: &str) -> Stage {
        if let Some(s) = self.0.get(name) {
            return s.clone();
        }
        let s = Stage::from(name);
        self.0.insert(s.clone());
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_gives_one_shared_stage_per_name() {
        let mut stages = Stages::default();
        let a = stages.intern("联调");
        let b = stages.intern(&String::from("联调"));
        let c = stages.intern("上线");
        assert_eq!(a, b);
        assert!(Stage::same(&a, &b));
        assert_ne!(a, c);
        assert!(!Stage::same(&a, &Stage::from("联调")));
        assert_eq!(a, Stage::from("联调"));
        assert_eq!(&*c, "上线");
        assert_eq!(format!("{a:?} {c}"), "\"联调\" 上线");
    }
}
