//! The shape of the source, checked: no source file over 600 lines, and no
//! two source files that use each other, directly or around a circle
//! (test code aside). Each file is a module; a path in a `use` or in code
//! (`crate::core::fsio::lock`, `super::Cx`, `walk::Cx` from the file that
//! declares `mod walk`) is an edge to the deepest module file it names.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

/// Every library source file (src/main.rs is the binary's own crate).
fn sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out.sort();
    out
}

/// `src/core/load/mod.rs` → `core::load`; `src/lib.rs` → `` (the crate).
fn module_of(file: &Path) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rel = file.strip_prefix(&src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib") {
        parts.push(stem.to_string());
    }
    parts
}

/// The code without comments, string literals and `#[cfg(test)]` items.
fn code(text: &str) -> String {
    // comments and strings out, keeping everything else
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i += 2;
            while i < b.len() && !b[i..].starts_with(b"*/") {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            // a char literal ('x', '\n'), not a lifetime
            i += 1;
            while i < b.len() && b[i] != b'\'' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            let ch = text[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    // #[cfg(test)] items out: `mod tests;` or the braced item after it
    let mut s = out;
    while let Some(at) = s.find("#[cfg(test)]") {
        let rest = &s[at..];
        let semi = rest.find(';');
        let brace = rest.find('{');
        let end = match (semi, brace) {
            (Some(x), Some(y)) if x < y => at + x + 1,
            (_, Some(y)) => {
                let mut depth = 0;
                let mut end = s.len();
                for (k, c) in s[at + y..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = at + y + k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (Some(x), None) => at + x + 1,
            (None, None) => s.len(),
        };
        s.replace_range(at..end, "");
    }
    s
}

/// The paths the code names: each a list of segments, with `{a, b::c}`
/// groups expanded.
fn paths(code: &str) -> Vec<Vec<String>> {
    let b = code.as_bytes();
    let is_id = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !is_id(b[i]) || (i > 0 && (is_id(b[i - 1]) || b[i - 1] == b':')) {
            i += 1;
            continue;
        }
        let (segs, end) = path_at(code, i);
        if segs.iter().map(Vec::len).max().unwrap_or(0) > 1 {
            out.extend(segs);
        }
        i = end.max(i + 1);
    }
    out
}

/// The path starting at `i`: its expansions, and where it ends.
fn path_at(code: &str, mut i: usize) -> (Vec<Vec<String>>, usize) {
    let b = code.as_bytes();
    let is_id = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut prefix = Vec::new();
    loop {
        let start = i;
        while i < b.len() && is_id(b[i]) {
            i += 1;
        }
        if start == i {
            break;
        }
        prefix.push(code[start..i].to_string());
        if code[i..].starts_with("::") {
            i += 2;
            if code[i..].starts_with('{') {
                // a group: split at top-level commas
                let mut depth = 0;
                let mut j = i;
                let mut parts = Vec::new();
                let mut from = i + 1;
                while j < b.len() {
                    match b[j] {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                parts.push(&code[from..j]);
                                break;
                            }
                        }
                        b',' if depth == 1 => {
                            parts.push(&code[from..j]);
                            from = j + 1;
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let mut out = vec![prefix.clone()];
                for part in parts {
                    let part = part.trim();
                    let Some(k) = part.find(|c: char| c.is_ascii_alphanumeric() || c == '_') else {
                        continue;
                    };
                    let (subs, _) = path_at(part, k);
                    for s in subs {
                        let mut p = prefix.clone();
                        p.extend(s);
                        out.push(p);
                    }
                }
                return (out, j + 1);
            }
            continue;
        }
        break;
    }
    (vec![prefix], i)
}

/// The module files and what each uses.
fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let files = sources();
    let modules: BTreeSet<Vec<String>> = files
        .iter()
        .filter(|f| !f.ends_with("main.rs"))
        .map(|f| module_of(f))
        .collect();
    let mut edges = BTreeMap::new();
    for f in files.iter().filter(|f| !f.ends_with("main.rs")) {
        let here = module_of(f);
        // test-only files (`#[cfg(test)] mod tests;`) are test code
        if here.last().is_some_and(|l| l == "tests") {
            continue;
        }
        let code = code(&fs::read_to_string(f).unwrap());
        let mut uses = BTreeSet::new();
        for p in paths(&code) {
            let mut abs: Vec<String> = match p[0].as_str() {
                "crate" => Vec::new(),
                "self" => here.clone(),
                "super" => here.clone(),
                _ => {
                    // a child module declared in this file, named bare
                    let mut child = here.clone();
                    child.push(p[0].clone());
                    if !modules.contains(&child) {
                        continue;
                    }
                    here.clone()
                }
            };
            let mut rest = &p[..];
            if p[0] == "crate" || p[0] == "self" {
                rest = &p[1..];
            }
            while rest.first().is_some_and(|s| s == "super") {
                abs.pop();
                rest = &rest[1..];
            }
            abs.extend(rest.iter().cloned());
            // the deepest module file the path names
            while !abs.is_empty() && !modules.contains(&abs) {
                abs.pop();
            }
            if abs != here && modules.contains(&abs) {
                uses.insert(abs);
            }
        }
        edges.insert(here, uses);
    }
    edges
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

#[test]
fn no_source_file_is_over_600_lines() {
    let long: Vec<String> = sources()
        .iter()
        .filter_map(|f| {
            let n = fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:#?}");
}

#[test]
fn no_two_source_files_use_each_other_even_around_a_circle() {
    let g = graph();
    // Tarjan's strongly connected components
    struct T<'a> {
        g: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on: BTreeSet<&'a Vec<String>>,
        cycles: Vec<Vec<String>>,
    }
    impl<'a> T<'a> {
        fn visit(&mut self, v: &'a Vec<String>) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on.insert(v);
            for w in self.g.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let l = self.low[w].min(self.low[v]);
                    self.low.insert(v, l);
                } else if self.on.contains(w) {
                    let l = self.index[w].min(self.low[v]);
                    self.low.insert(v, l);
                }
            }
            if self.low[v] == self.index[v] {
                let mut comp = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on.remove(w);
                    comp.push(name(w));
                    if w == v {
                        break;
                    }
                }
                if comp.len() > 1 {
                    comp.sort();
                    self.cycles.push(comp);
                }
            }
        }
    }
    let mut t = T {
        g: &g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        cycles: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v) {
            t.visit(v);
        }
    }
    let pairs: Vec<String> = g
        .iter()
        .flat_map(|(a, uses)| {
            uses.iter()
                .filter(|b| *a < **b && g.get(*b).is_some_and(|u| u.contains(a)))
                .map(move |b| format!("{} <-> {}", name(a), name(b)))
        })
        .collect();
    assert!(
        t.cycles.is_empty(),
        "files that use each other: {pairs:#?}\ncircles: {:#?}",
        t.cycles
    );
}

#[test]
fn the_checker_sees_paths_groups_and_relative_uses() {
    let c = code(
        "use crate::core::{fsio::lock, model::{A, B}};\n// crate::x::y\nlet s = \"crate::q::r\";\nsuper::walk::Cx::new();\n#[cfg(test)]\nmod tests { use crate::tui::app; }\n",
    );
    let p: Vec<String> = paths(&c).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        p,
        vec![
            "crate::core",
            "crate::core::fsio::lock",
            "crate::core::model",
            "crate::core::model::A",
            "crate::core::model::B",
            "super::walk::Cx::new",
        ]
    );
}

#[test]
fn the_app_fits_in_a_head_at_fifteen_fields() {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/app/mod.rs"))
        .unwrap();
    let body = text
        .split("pub struct App {")
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .expect("App is defined in src/tui/app/mod.rs");
    let fields: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//") && l.ends_with(',') && l.contains(':'))
        .collect();
    assert!(
        !fields.is_empty() && fields.len() <= 15,
        "{} fields: {fields:#?}",
        fields.len()
    );
}
