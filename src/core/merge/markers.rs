//! Reading git's conflict markers: the blocks, and the file as our side
//! wrote it, so that a conflicted file still loads around them.

use toml_edit::{DocumentMut, Value};

/// A value as written, without the spaces and comments around it.
pub(super) fn bare(v: &Value) -> String {
    let mut v = v.clone();
    v.decor_mut().clear();
    v.to_string()
}

/// A block between git's conflict markers.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkedBlock {
    /// The line of `<<<<<<<` and of `>>>>>>>`, from 0.
    pub first_line: usize,
    pub last_line: usize,
    /// Byte offset of the `<<<<<<<` line.
    pub offset: usize,
    /// The lines of each side, with their line ends.
    pub ours: String,
    pub theirs: String,
    /// The keys of the table the block is in.
    pub table: Vec<String>,
    /// When each side is one key and its value: the key and both values.
    pub field: Option<(String, String, String)>,
    /// The whole block as in the file, markers included.
    pub whole: String,
}

impl MarkedBlock {
    /// The path of the item the block is in (`o2-upgrade/hive/migration`),
    /// in the file of objective `objective`, when it is in an item's table.
    pub fn item(&self, objective: &str) -> Option<String> {
        let t: Vec<&str> = self.table.iter().map(String::as_str).collect();
        match t.as_slice() {
            [] => Some(objective.to_string()),
            ["project", p] | ["metric", p] => Some(format!("{objective}/{p}")),
            ["project", p, "milestone", m] => Some(format!("{objective}/{p}/{m}")),
            _ => None,
        }
    }

    /// What a person reads about it: `percent 97 (ours) or 98 (theirs)`,
    /// or the lines it spans.
    pub fn describe(&self) -> String {
        match &self.field {
            Some((key, ours, theirs)) => format!("{key} {ours} (ours) or {theirs} (theirs)"),
            None => format!("lines {}-{}", self.first_line + 1, self.last_line + 1),
        }
    }
}

fn is_marker(line: &str, marker: &str) -> bool {
    let line = line.trim_end_matches(['\n', '\r']);
    line.strip_prefix(marker)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// Whether `text` holds a line of git's conflict markers.
pub fn has_markers(text: &str) -> bool {
    (text.starts_with("<<<<<<<") || text.contains("\n<<<<<<<"))
        && text.split_inclusive('\n').any(|l| is_marker(l, "<<<<<<<"))
}

/// The file as our side wrote it, with every marker line and every line
/// of theirs (and of the base, in diff3 style) left empty so that line
/// numbers stay, and the blocks found. A block left open at the end of the
/// file ends there.
pub fn ours_side(text: &str) -> (String, Vec<MarkedBlock>) {
    #[derive(PartialEq)]
    enum In {
        Text,
        Ours,
        Base,
        Theirs,
    }
    let mut out = String::with_capacity(text.len());
    let mut blocks = Vec::new();
    let mut state = In::Text;
    let mut offset = 0;
    let mut current: Option<MarkedBlock> = None;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if let Some(b) = current.as_mut() {
            b.whole.push_str(line);
        }
        let end = &line[line.trim_end_matches(['\n', '\r']).len()..];
        let blank = |out: &mut String| out.push_str(end);
        match state {
            In::Text if is_marker(line, "<<<<<<<") => {
                state = In::Ours;
                current = Some(MarkedBlock {
                    first_line: n,
                    last_line: n,
                    offset,
                    ours: String::new(),
                    theirs: String::new(),
                    table: table_at(&out),
                    field: None,
                    whole: line.to_string(),
                });
                blank(&mut out);
            }
            In::Ours | In::Base if is_marker(line, "=======") => {
                state = In::Theirs;
                blank(&mut out);
            }
            In::Ours if is_marker(line, "|||||||") => {
                state = In::Base;
                blank(&mut out);
            }
            In::Theirs if is_marker(line, ">>>>>>>") => {
                state = In::Text;
                if let Some(mut b) = current.take() {
                    b.last_line = n;
                    b.field = field_of(&b.ours, &b.theirs);
                    blocks.push(b);
                }
                blank(&mut out);
            }
            In::Ours => {
                if let Some(b) = current.as_mut() {
                    b.ours.push_str(line);
                }
                out.push_str(line);
            }
            In::Theirs => {
                if let Some(b) = current.as_mut() {
                    b.theirs.push_str(line);
                }
                blank(&mut out);
            }
            In::Base => blank(&mut out),
            In::Text => out.push_str(line),
        }
        offset += line.len();
    }
    if let Some(mut b) = current {
        b.last_line = text.split_inclusive('\n').count().saturating_sub(1);
        blocks.push(b);
    }
    (out, blocks)
}

/// The keys of the last table header in `text`.
fn table_at(text: &str) -> Vec<String> {
    for line in text.lines().rev() {
        let l = line.trim();
        if l.starts_with("[[") {
            return Vec::new(); // inside an array of tables: not an item field
        }
        if let Some(inner) = l.strip_prefix('[') {
            let inner = match inner.find(']') {
                Some(end) => &inner[..end],
                None => inner,
            };
            return toml_edit::Key::parse(inner)
                .map(|keys| keys.iter().map(|k| k.get().to_string()).collect())
                .unwrap_or_default();
        }
    }
    Vec::new()
}

/// The key and both values, when each side is one `key = value`.
fn field_of(ours: &str, theirs: &str) -> Option<(String, String, String)> {
    let one = |text: &str| {
        let doc: DocumentMut = text.parse().ok()?;
        let mut it = doc.as_table().iter();
        let (k, item) = it.next()?;
        if it.next().is_some() {
            return None;
        }
        Some((k.to_string(), bare(item.as_value()?)))
    };
    let (k, o) = one(ours)?;
    let (k2, t) = one(theirs)?;
    (k == k2).then_some((k, o, t))
}

const TAG: &str = "# stride-conflict-";

/// The file with each block replaced by our side under a tag comment
/// (`# stride-conflict-N`), which a TOML editor keeps with the key below
/// it: a save edits that text, and [`unshield`] puts the blocks back.
pub fn shield(text: &str, blocks: &[MarkedBlock]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut next = blocks.iter().enumerate().peekable();
    let mut skip_to = None;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if skip_to.is_some_and(|last| n <= last) {
            continue;
        }
        skip_to = None;
        if let Some((i, b)) = next.peek().copied()
            && b.first_line == n
        {
            next.next();
            let end = &line[line.trim_end_matches(['\n', '\r']).len()..];
            out.push_str(&format!(
                "{TAG}{i}{}",
                if end.is_empty() { "\n" } else { end }
            ));
            out.push_str(&b.ours);
            skip_to = Some(b.last_line);
            continue;
        }
        out.push_str(line);
    }
    out
}

/// Puts back the blocks that [`shield`] tagged in `text`, as they were,
/// where our side's lines below the tag are still as they were; a block
/// that is `resolved` (its field was set by the save) or whose lines were
/// changed leaves the lines as written.
pub fn unshield(
    text: &str,
    blocks: &[MarkedBlock],
    resolved: impl Fn(&MarkedBlock) -> bool,
) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out =
        String::with_capacity(text.len() + blocks.iter().map(|b| b.whole.len()).sum::<usize>());
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n];
        let tagged = line
            .trim()
            .strip_prefix(TAG)
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| blocks.get(i));
        n += 1;
        let Some(b) = tagged else {
            out.push_str(line);
            continue;
        };
        let count = b.ours.split_inclusive('\n').count();
        let below: String = lines[n..(n + count).min(lines.len())].concat();
        if !resolved(b) && below == b.ours {
            out.push_str(&b.whole);
            n += count;
        }
    }
    out
}
