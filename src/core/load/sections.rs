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
//! must report nothing at all, and every value must be valid (see
//! [`crate::core::scalar::problems`]). Anything else, and any error or warning,
//! gives `None`, and the caller parses the whole file, which finds the same
//! model or the problems with their places and in their order; except that
//! [`parse_warnings`] keeps a plain file's warnings, each at its place (the
//! section's offset added to its spans) and sorted into the whole walk's
//! order.

use std::collections::HashMap;
use std::path::Path;

use toml::de::DeTable;

use super::context::{Cx, Table};
use super::lines;
use crate::core::diag::Diagnostic;
use crate::core::model::{Objective, Project};
use crate::core::scalar::problems;

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
    parse_with(path, id, text, Mode::Strict).map(|(o, _)| o)
}

/// [`parse`] for a caller that does not report warnings (`stride set`):
/// a file of the plain shape whose only problems are warnings is read
/// here too (the model is the same; the warnings are dropped). An error
/// still gives `None`.
pub(super) fn parse_quiet(path: &Path, id: &str, text: &str) -> Option<Objective> {
    parse_with(path, id, text, Mode::Quiet).map(|(o, _)| o)
}

/// [`parse`] for a file of the plain shape whose only problems are
/// warnings: the objective and the warnings, with their places and in the
/// order the whole-file walk gives them (`stride check`). An error gives
/// `None`, and so does a warning among other tables than the projects
/// (`[metric.M]`, `[[incident]]`, ...), whose place in the order this walk
/// does not know: the whole-file parse finds those.
pub(super) fn parse_warnings(
    path: &Path,
    id: &str,
    text: &str,
) -> Option<(Objective, Vec<Diagnostic>)> {
    parse_with(path, id, text, Mode::Warnings)
}

/// What a caller of [`parse_with`] does with warnings.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Any problem gives `None`.
    Strict,
    /// Warnings are dropped.
    Quiet,
    /// Warnings are kept, in the whole walk's order.
    Warnings,
}

/// Where a diagnostic stands in the whole walk's order: the objective's
/// keys (before its projects, 0), then each project (1, by its index): its
/// keys (0), its milestones' (1, by the milestone's index), its checks as
/// a whole (2); then the objective's checks as a whole (2).
type Place = (u8, usize, u8, usize);

fn parse_with(
    path: &Path,
    id: &str,
    text: &str,
    mode: Mode,
) -> Option<(Objective, Vec<Diagnostic>)> {
    // whether the file must be left to the whole-file parse
    let refused = |cx: &mut Cx| {
        let error = cx.diags.iter().any(Diagnostic::is_error);
        match mode {
            Mode::Strict => !cx.diags.is_empty(),
            Mode::Quiet => {
                if !error {
                    cx.diags.clear();
                }
                error
            }
            Mode::Warnings => error,
        }
    };
    let mut cx = Cx::new(path, text);
    let mut places: Vec<Place> = Vec::new();
    let mut projects: Vec<Project> = Vec::new();
    let mut project_index: HashMap<&str, usize> = HashMap::new();
    // each milestone's project and id, to find one defined twice (sorted
    // at the end: cheaper than hashing each)
    let mut milestone_ids: Vec<(usize, &str)> = Vec::new();
    // the root keys, and the sections of other headers, in file order
    let mut rest: Vec<&str> = Vec::new();
    for section in sections(text) {
        let tree = match lines::parse(section) {
            Some(tree) => tree,
            None => DeTable::parse(section).ok()?,
        };
        let root = tree.get_ref();
        if !problems(root, section).is_empty() {
            return None;
        }
        // spans count from the section's start
        cx.base = section.as_ptr() as usize - text.as_ptr() as usize;
        let before = cx.diags.len();
        match header(section) {
            Header::Project(pid) => {
                let table = only_child(root, "project", pid)?;
                // milestones written as keys of the project: the whole-file way
                if table.contains_key("milestone") || project_index.contains_key(pid) {
                    return None;
                }
                let at = projects.len();
                project_index.insert(pid, at);
                projects.push(cx.project(pid, table, 0..0));
                let keys_end = cx.keys_end;
                places.extend((before..keys_end).map(|_| (1, at, 0, 0)));
                places.extend((keys_end..cx.diags.len()).map(|_| (1, at, 2, 0)));
            }
            Header::Milestone(pid, mid) => {
                let project = only_child(root, "project", pid)?;
                let table = only_child(project, "milestone", mid)?;
                let &at = project_index.get(pid)?;
                milestone_ids.push((at, mid));
                let p = &mut projects[at];
                let m = cx.milestone(mid, table, 0..0, &p.stages, pid);
                let n = p.milestones.len();
                p.milestones.push(m);
                places.extend((before..cx.diags.len()).map(|_| (1, at, 1, n)));
            }
            Header::Other => rest.push(section),
        }
        if refused(&mut cx) {
            return None;
        }
        places.truncate(cx.diags.len());
    }
    milestone_ids.sort_unstable();
    if milestone_ids.windows(2).any(|w| w[0] == w[1]) {
        return None;
    }
    drop(milestone_ids);
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
    if tree.get_ref().contains_key("project") || !problems(tree.get_ref(), rest_text).is_empty() {
        return None;
    }
    cx.projects = Some(projects);
    // the rest is the keys before the first header (at 0) and other tables
    cx.base = 0;
    let before = cx.diags.len();
    let objective = cx.objective(id, tree.get_ref(), tree.span());
    if rest.len() > 1 && cx.diags.len() > before {
        // the places of other tables' keys are not the file's
        return None;
    }
    let keys_end = cx.keys_end;
    places.extend((before..keys_end).map(|_| (0, 0, 0, 0)));
    places.extend((keys_end..cx.diags.len()).map(|_| (2, 0, 0, 0)));
    if refused(&mut cx) {
        return None;
    }
    let mut diags: Vec<(Place, Diagnostic)> = places.into_iter().zip(cx.diags).collect();
    // stable: each item's diagnostics keep the order its walk gave them
    diags.sort_by_key(|(place, _)| *place);
    Some((objective, diags.into_iter().map(|(_, d)| d).collect()))
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
        memchr::memmem::find(&bytes[from..], b"\n[").map_or(bytes.len(), |n| from + n + 1)
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
    /// The fast path gives what the whole-file parse gives, or nothing.
    fn same_as_whole(text: &str) -> bool {
        let path = Path::new("o.toml");
        let fast = parse(path, "o", text);
        let (whole, diags) = super::super::parse_whole(path, "o", text);
        if let Some(fast) = &fast {
            assert!(diags.is_empty(), "{text}\n{diags:?}");
            assert_eq!(Some(fast), whole.as_ref(), "{text}");
        }
        fast.is_some()
    }

    #[test]
    fn plain_files_read_a_table_at_a_time_as_they_read_whole() {
        let plain = [
            "",
            "title = 't'\n",
            "title = 't'\n[project.a]\ntitle = 'A'\n[project.a.milestone.m]\ntitle = 'M'\npercent = 5\n",
            // a milestone of an earlier project, after another project
            "title='t'\n[project.a]\ntitle='A'\nstages=['x','y']\n[project.b]\ntitle='B'\n[project.a.milestone.m]\ntitle='M'\nstage='y'\n",
            // comments, blank lines, a multi-line string that holds no cut
            "# c\ntitle='t' # c\n\n[project.a]   # c\ntitle='A'\nnote='''\n  [project.b]\n'''\n",
            // other tables go through the whole-text walk of what is left
            "title='t'\n[project.a]\ntitle='A'\n[extra]\nx=1\n",
            "[project.a]\ntitle='A'\n",
        ];
        for t in plain {
            same_as_whole(t);
        }
        for t in &plain[1..5] {
            assert!(same_as_whole(t), "{t}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_whole_file_parse() {
        for t in [
            // a cut inside a multi-line string: that section does not parse
            "title='t'\nnote = \"\"\"\n[project.a]\ntitle='A'\n\"\"\"\n",
            "title='t'\n[x]\nnote = '''\n[project.a]\ntitle = 'A'\n[y]\n'''\n",
            // a cut inside an array
            "title='t'\nx = [\n[1],\n]\n",
            // defined twice
            "title='t'\n[project.a]\ntitle='A'\n[project.a]\ntitle='B'\n",
            "title='t'\n[project.a]\ntitle='A'\n[project.a.milestone.m]\ntitle='M'\n[project.a.milestone.m]\ntitle='N'\n",
            // a milestone before its project
            "title='t'\n[project.a.milestone.m]\ntitle='M'\n[project.a]\ntitle='A'\n",
            // milestones as keys of the project
            "title='t'\n[project.a]\ntitle='A'\nmilestone.m.title='M'\n[project.a.milestone.n]\ntitle='N'\n",
            // projects written some other way
            "title='t'\nproject.a.title='A'\n",
            "title='t'\n[project]\na.title='A'\n[project.b]\ntitle='B'\n",
            "title='t'\n[project.a]\ntitle='A'\n[project.a.milestone]\nm.title='M'\n",
            "title='t'\n[project.\"a\"]\ntitle='A'\n",
            // problems of any kind
            "title='t'\n[project.a]\ntitle='A'\ncolour='red'\n",
            "title='t'\n[project.a]\npercent=5\n",
            "title='t'\n[project.a]\ntitle='A'\n[project.a.milestone.m]\ntitle='M'\nstage='x'\n",
            "[project.a]\ntitle='A'\n",
            "title='t'\n[project.a]\ntitle = \n",
        ] {
            assert!(!same_as_whole(t), "{t}");
        }
    }

    #[test]
    fn the_shipped_data_reads_the_same_either_way() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let mut fast = 0;
        for path in crate::core::load::objective_files(&dir).unwrap() {
            let text = std::fs::read_to_string(&path).unwrap();
            fast += usize::from(same_as_whole(&text));
        }
        assert!(fast > 0);
    }

    /// Random edits of the shipped files, of the kind that move a cut or
    /// break a table, never make the two ways disagree.
    #[test]
    fn mutated_files_read_the_same_either_way() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let texts: Vec<String> = crate::core::load::objective_files(&dir)
            .unwrap()
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        let pieces = [
            "[",
            "]",
            "\n",
            "\n[",
            "\"\"\"",
            "'''",
            "=",
            "#",
            "{",
            "}",
            ",",
            ".",
            "\"",
            "\n[project.easypay]\n",
            "\n[project.easypay.milestone.fixes]\n",
            "\n[project.x.milestone.y]\ntitle='y'\n",
            "\n[project.x]\ntitle='x'\n",
            "milestone.z.title='z'\n",
            "\n[[project]]\n",
            "\nx = [\n",
            "\ntitle='t'\n",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut fast, mut tried) = (0, 0);
        for text in &texts {
            for _ in 0..300 {
                let mut t = text.clone();
                for _ in 0..1 + next(3) {
                    let mut at = next(t.len() + 1);
                    while !t.is_char_boundary(at) {
                        at -= 1;
                    }
                    if next(3) == 0 {
                        let mut end = (at + 1 + next(40)).min(t.len());
                        while !t.is_char_boundary(end) {
                            end -= 1;
                        }
                        t.replace_range(at..end, "");
                    } else {
                        t.insert_str(at, pieces[next(pieces.len())]);
                    }
                }
                tried += 1;
                fast += usize::from(same_as_whole(&t));
            }
        }
        // some mutants are still plain files, most are not
        assert!(fast > 0 && fast < tried, "{fast} of {tried}");
    }
}
