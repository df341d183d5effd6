//! The fast path of loading: a file parsed one table at a time.
//!
//! Parsing a whole file into one tree costs about 18 bytes of memory per
//! byte of text (the tokens, the parse events and the tree are all alive
//! at once), and most of the time goes to the kernel handing out those
//! pages. A data file is mostly a long run of `[project.P]` and
//! `[project.P.milestone.M]` tables, so it is cut before every line that
//! starts with `[`, and each piece (a *section*) is parsed and walked into
//! the model on its own, the next one reusing the same few kilobytes.
//!
//! This only ever answers for files it can prove it reads exactly as the
//! whole-file parse would: every section must parse on its own (which
//! shows every cut was between two tables, not inside a multi-line string
//! or array), the table headers must be plain (`[project.ID]` and
//! `[project.ID.milestone.ID]`, bare keys), no project or milestone may be
//! defined twice, a milestone's project must come before it, and the walk
//! must report nothing at all. Anything else, and any error or warning,
//! gives `None`, and the caller parses the whole file, which finds the same
//! model or the problems with their places and in their order.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use toml::de::DeTable;

use super::{Cx, Table};
use crate::core::model::{Objective, Project};

/// What a section's header says it holds.
#[derive(Debug, PartialEq)]
enum Header<'i> {
    /// `[project.P]`.
    Project(&'i str),
    /// `[project.P.milestone.M]`.
    Milestone(&'i str, &'i str),
    /// The keys before the first header, or any other header.
    Other,
}

/// The objective of `text`, if it is of the plain shape and has no problem.
pub(super) fn parse(path: &Path, id: &str, text: &str) -> Option<Objective> {
    let mut cx = Cx {
        path,
        text,
        diags: Vec::new(),
        projects: None,
    };
    let mut projects: Vec<Project> = Vec::new();
    let mut project_index: HashMap<&str, usize> = HashMap::new();
    let mut milestone_ids: HashSet<(usize, &str)> = HashSet::new();
    // the root keys, and the sections of other headers, in file order
    let mut rest: Vec<&str> = Vec::new();
    for section in sections(text) {
        let tree = DeTable::parse(section).ok()?;
        let root = tree.get_ref();
        match header(section) {
            Header::Project(pid) => {
                let table = only_child(root, "project", pid)?;
                // milestones written as keys of the project: the whole-file way
                if table.contains_key("milestone") || project_index.contains_key(pid) {
                    return None;
                }
                project_index.insert(pid, projects.len());
                projects.push(cx.project(pid, table, 0..0));
            }
            Header::Milestone(pid, mid) => {
                let project = only_child(root, "project", pid)?;
                let table = only_child(project, "milestone", mid)?;
                let &at = project_index.get(pid)?;
                if !milestone_ids.insert((at, mid)) {
                    return None;
                }
                let p = &mut projects[at];
                let m = cx.milestone(mid, table, 0..0, &p.stages, pid);
                p.milestones.push(m);
            }
            Header::Other => rest.push(section),
        }
        if !cx.diags.is_empty() {
            return None;
        }
    }
    for p in &mut projects {
        p.milestones.shrink_to_fit();
    }
    projects.shrink_to_fit();
    // each section of the rest parsed alone; together they make one document
    let joined: String;
    let rest_text = match rest.as_slice() {
        [] => "",
        [one] => one,
        many => {
            joined = many.concat();
            &joined
        }
    };
    let tree = DeTable::parse(rest_text).ok()?;
    if tree.get_ref().contains_key("project") {
        return None;
    }
    cx.projects = Some(projects);
    let objective = cx.objective(id, tree.get_ref(), tree.span());
    cx.diags.is_empty().then_some(objective)
}

/// `parent[kind][id]`, when it is the only key at both levels and a table.
fn only_child<'a, 'i>(parent: &'a Table<'i>, kind: &str, id: &str) -> Option<&'a Table<'i>> {
    if parent.len() != 1 {
        return None;
    }
    let level = parent.get(kind)?.get_ref().as_table()?;
    if level.len() != 1 {
        return None;
    }
    level.get(id)?.get_ref().as_table()
}

/// The text cut before every line that starts with `[`. The first section
/// holds what comes before the first such line (maybe nothing).
fn sections(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    // where the section after the one starting at `from` starts
    let next_cut = move |from: usize| {
        let mut i = from;
        while let Some(n) = bytes[i..].iter().position(|&c| c == b'\n') {
            i += n + 1;
            if bytes.get(i) == Some(&b'[') {
                return i;
            }
        }
        bytes.len()
    };
    let mut start = 0;
    let mut end = if bytes.first() == Some(&b'[') {
        0
    } else {
        next_cut(0)
    };
    let mut first = true;
    std::iter::from_fn(move || {
        if !first && start >= bytes.len() {
            return None;
        }
        first = false;
        let s = &text[start..end];
        start = end;
        end = next_cut(start);
        Some(s)
    })
}

/// Reads a section's header: `[project.P]` or `[project.P.milestone.M]`
/// with bare keys and nothing between the brackets but the keys and dots.
fn header(section: &str) -> Header<'_> {
    let Some(rest) = section.strip_prefix('[') else {
        return Header::Other;
    };
    let Some(close) = rest.find(']') else {
        return Header::Other;
    };
    let mut keys = rest[..close].split('.');
    let bare = |k: &str| {
        !k.is_empty()
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    match (
        keys.next(),
        keys.next(),
        keys.next(),
        keys.next(),
        keys.next(),
    ) {
        (Some("project"), Some(p), None, None, None) if bare(p) => Header::Project(p),
        (Some("project"), Some(p), Some("milestone"), Some(m), None) if bare(p) && bare(m) => {
            Header::Milestone(p, m)
        }
        _ => Header::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_cut_before_every_line_starting_with_a_bracket() {
        fn all(t: &str) -> Vec<&str> {
            sections(t).collect()
        }
        assert_eq!(all(""), [""]);
        assert_eq!(all("a = 1\n"), ["a = 1\n"]);
        assert_eq!(
            all("a = 1\n[x]\nb = 2\n  [y]\n[z]"),
            ["a = 1\n", "[x]\nb = 2\n  [y]\n", "[z]"]
        );
        assert_eq!(all("[x]\n[y]\n"), ["", "[x]\n", "[y]\n"]);
        assert_eq!(all("\n[x]"), ["\n", "[x]"]);
        for t in [
            "",
            "[",
            "\n[",
            "[\n[",
            "a\n[b\n[[c]]\n",
            "x = \"\"\"\n[a]\n\"\"\"\n",
        ] {
            assert_eq!(all(t).concat(), t, "{t:?}");
        }
    }

    #[test]
    fn only_plain_headers_are_read_as_items() {
        assert_eq!(header("[project.p1]\n"), Header::Project("p1"));
        assert_eq!(header("[project.p-1]   # c\n"), Header::Project("p-1"));
        assert_eq!(
            header("[project.p.milestone.m_2]\n"),
            Header::Milestone("p", "m_2")
        );
        for other in [
            "",
            "a = 1\n",
            "[project]\n",
            "[[project.p]]\n",
            "[project.\"p\"]\n",
            "[ project.p ]\n",
            "[project.p.milestone]\n",
            "[project.p.milestone.m.x]\n",
            "[project.p.x.m]\n",
            "[metric.m]\n",
            "[project..p]\n",
            "[project.支付]\n",
        ] {
            assert_eq!(header(other), Header::Other, "{other:?}");
        }
    }
}
