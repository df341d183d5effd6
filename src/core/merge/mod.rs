//! Three-way merge of TOML files by table and key, as git's merge driver
//! runs it: what the other side changed since the common base goes over
//! our file, keeping our comments and formatting and theirs on what they
//! changed. Only a key both sides set to different values is a conflict;
//! it is written between git's markers, one field's line(s) and nothing
//! more, so that the rest of the file still reads as TOML around it.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

mod markers;
#[cfg(test)]
mod tests;

use markers::bare;
pub use markers::{MarkedBlock, has_markers, ours_side, shield, unshield};

/// The result of a merge.
#[derive(Debug)]
pub struct Merged {
    /// The merged file, with markers around each conflict.
    pub text: String,
    /// The keys both sides changed to different values.
    pub conflicts: Vec<KeyConflict>,
}

/// A key both sides changed, to different values.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyConflict {
    /// The keys of the tables above it (`["project", "pos", "milestone", "rengu"]`).
    pub table: Vec<String>,
    pub key: String,
    /// The values as written on each side (`97`, `"迁移"`).
    pub ours: String,
    pub theirs: String,
}

/// How conflicting keys are settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnConflict {
    /// Written between markers for a person to settle.
    Mark,
    /// Our value kept (for files that are derived, such as weekly history).
    Ours,
}

/// Which input did not parse, and why.
#[derive(Debug, PartialEq)]
pub struct ParseFailure {
    pub side: &'static str,
    pub message: String,
}

/// Merges `theirs` into `ours` against their common `base`.
pub fn merge(
    base: &str,
    ours: &str,
    theirs: &str,
    on_conflict: OnConflict,
) -> Result<Merged, ParseFailure> {
    let parse = |side: &'static str, text: &str| {
        text.parse::<DocumentMut>().map_err(|e| ParseFailure {
            side,
            message: e.to_string(),
        })
    };
    let base_doc = parse("base", base)?;
    let mut doc = parse("ours", ours)?;
    let theirs_doc = parse("theirs", theirs)?;
    let mut cx = Cx {
        conflicts: Vec::new(),
        on_conflict,
        path: Vec::new(),
    };
    cx.table(
        Some(base_doc.as_table()),
        doc.as_table_mut(),
        theirs_doc.as_table(),
    );
    let mut text = doc.to_string();
    // toml_edit ends the lines it writes with LF: a file all in CRLF stays so
    let crlf = ours.contains("\r\n") && !ours.replace("\r\n", "").contains('\n');
    if crlf {
        text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    if !cx.conflicts.is_empty() {
        text = mark(&text, &cx.conflicts, crlf);
    }
    // toml_edit drops a byte order mark: ours keeps it
    if ours.starts_with('\u{feff}') && !text.starts_with('\u{feff}') {
        text.insert(0, '\u{feff}');
    }
    Ok(Merged {
        text,
        conflicts: cx.conflicts,
    })
}

struct Cx {
    conflicts: Vec<KeyConflict>,
    on_conflict: OnConflict,
    path: Vec<String>,
}

/// The text of an item with its key's decor: two entries are the same
/// when this is.
fn entry_text(table: &Table, key: &str) -> Option<String> {
    let (k, item) = table.get_key_value(key)?;
    let mut out = format!("{:?}", k.leaf_decor());
    item_text(item, &mut out);
    Some(out)
}

fn item_text(item: &Item, out: &mut String) {
    match item {
        Item::None => {}
        Item::Value(v) => out.push_str(&v.to_string()),
        Item::Table(t) => table_text(t, out),
        Item::ArrayOfTables(a) => {
            for t in a.iter() {
                out.push_str("[[]]");
                table_text(t, out);
            }
        }
    }
}

fn table_text(t: &Table, out: &mut String) {
    out.push_str(&format!("{:?}{{", t.decor()));
    for (k, _) in t.iter() {
        out.push_str(&entry_text(t, k).unwrap_or_default());
        out.push(',');
    }
    out.push('}');
}

/// Whether a key holds the same entry in two tables, as written: the same
/// as comparing their [`entry_text`]s (and their keys' names), without
/// writing whole subtrees out at every level, and stopping at the first
/// difference.
fn same_entry(x: &Table, y: &Table, key: &str) -> bool {
    match (x.get_key_value(key), y.get_key_value(key)) {
        (None, None) => true,
        (Some((kx, ix)), Some((ky, iy))) => kx.leaf_decor() == ky.leaf_decor() && same_item(ix, iy),
        _ => false,
    }
}

fn same_item(x: &Item, y: &Item) -> bool {
    match (x, y) {
        (Item::None, Item::None) => true,
        (Item::Value(a), Item::Value(b)) => a.to_string() == b.to_string(),
        (Item::Table(a), Item::Table(b)) => same_table(a, b),
        (Item::ArrayOfTables(a), Item::ArrayOfTables(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(a, b)| same_table(a, b))
        }
        _ => false,
    }
}

fn same_table(a: &Table, b: &Table) -> bool {
    a.decor() == b.decor()
        && a.len() == b.len()
        && a.iter()
            .zip(b.iter())
            .all(|((ka, _), (kb, _))| ka == kb && same_entry(a, b, ka))
}

/// Tables and arrays of tables inserted from `theirs` take their place in
/// our document after the tables before them, not at their old positions.
fn forget_positions(item: &mut Item) {
    match item {
        Item::Table(t) => forget_table_positions(t),
        Item::ArrayOfTables(a) => a.iter_mut().for_each(forget_table_positions),
        _ => {}
    }
}

fn forget_table_positions(t: &mut Table) {
    t.set_position(None);
    for (_, item) in t.iter_mut() {
        forget_positions(item);
    }
}

const PLACEHOLDER: &str = "__stride_merge_conflict_";

impl Cx {
    fn table(&mut self, base: Option<&Table>, ours: &mut Table, theirs: &Table) {
        let mut keys: Vec<String> = theirs.iter().map(|(k, _)| k.to_string()).collect();
        if let Some(b) = base {
            keys.extend(
                b.iter()
                    .map(|(k, _)| k.to_string())
                    .filter(|k| !theirs.contains_key(k)),
            );
        }
        for key in keys {
            self.key(base, ours, theirs, &key);
        }
    }

    fn key(&mut self, base: Option<&Table>, ours: &mut Table, theirs: &Table, key: &str) {
        let empty = Table::new();
        let base_table = base.unwrap_or(&empty);
        if same_entry(theirs, base_table, key) || same_entry(theirs, ours, key) {
            return; // theirs did not change it, or changed it as we did
        }
        if same_entry(ours, base_table, key) {
            // only theirs changed it: take theirs
            match theirs.get_key_value(key) {
                Some((k, item)) => {
                    let mut item = item.clone();
                    forget_positions(&mut item);
                    if ours.contains_key(key) {
                        // keep its place among our keys
                        if let Some(mut km) = ours.key_mut(key) {
                            *km.leaf_decor_mut() = k.leaf_decor().clone();
                        }
                        ours[key] = item;
                    } else {
                        ours.insert_formatted(k, item);
                    }
                }
                None => {
                    ours.remove(key);
                }
            }
            return;
        }
        // both changed it
        let base_item = base.and_then(|t| t.get(key));
        let Some(their_item) = theirs.get(key) else {
            return; // theirs removed what we changed: our change stays
        };
        let Some(our_item) = ours.get_mut(key) else {
            // we removed what theirs changed: their change comes back
            if let Some((k, item)) = theirs.get_key_value(key) {
                let mut item = item.clone();
                forget_positions(&mut item);
                ours.insert_formatted(k, item);
            }
            return;
        };
        self.path.push(key.to_string());
        match (base_item, our_item, their_item) {
            (b, Item::Table(o), Item::Table(t)) => {
                self.table(b.and_then(Item::as_table), o, t);
            }
            (b, Item::ArrayOfTables(o), Item::ArrayOfTables(t)) => {
                self.array(b.and_then(Item::as_array_of_tables), o, t);
            }
            (_, Item::Value(o), Item::Value(t)) => {
                if bare(o) != bare(t) {
                    self.conflict(o, t);
                }
                // same value, other spacing or comment: ours stays
            }
            (_, o, t) => {
                // a table on one side, a value on the other: mark it when
                // it is a value we can mark, else keep ours
                if let (Some(ov), Some(tv)) = (o.as_value().cloned(), t.as_value()) {
                    self.conflict(&mut ov.clone(), tv);
                }
            }
        }
        self.path.pop();
    }

    /// Arrays of tables (the incident log): items added on both sides are
    /// all kept; items at the same place changed on both sides merge key
    /// by key.
    fn array(
        &mut self,
        base: Option<&ArrayOfTables>,
        ours: &mut ArrayOfTables,
        theirs: &ArrayOfTables,
    ) {
        let text = |t: &Table| {
            let mut s = String::new();
            table_text(t, &mut s);
            s
        };
        let base_len = base.map_or(0, ArrayOfTables::len);
        if ours.len() >= base_len && theirs.len() >= base_len {
            for i in 0..base_len {
                let b = base.and_then(|b| b.get(i));
                let t = theirs.get(i).expect("within its length");
                if let Some(o) = ours.get_mut(i) {
                    self.path.push(i.to_string());
                    self.table(b, o, t);
                    self.path.pop();
                }
            }
            let have: Vec<String> = ours.iter().map(text).collect();
            for t in theirs.iter().skip(base_len) {
                if !have.contains(&text(t)) {
                    let mut t = t.clone();
                    forget_table_positions(&mut t);
                    ours.push(t);
                }
            }
            return;
        }
        // items were removed: keep ours, add what theirs added
        let known: Vec<String> = ours
            .iter()
            .chain(base.into_iter().flat_map(|b| b.iter()))
            .map(text)
            .collect();
        for t in theirs.iter() {
            if !known.contains(&text(t)) {
                let mut t = t.clone();
                forget_table_positions(&mut t);
                ours.push(t);
            }
        }
    }

    fn conflict(&mut self, ours: &mut Value, theirs: &Value) {
        let key = self.path.last().cloned().unwrap_or_default();
        let table = self.path[..self.path.len().saturating_sub(1)].to_vec();
        let conflict = KeyConflict {
            table,
            key,
            ours: bare(ours),
            theirs: bare(theirs),
        };
        if self.on_conflict == OnConflict::Ours {
            return;
        }
        let decor = ours.decor().clone();
        *ours = Value::from(format!("{PLACEHOLDER}{}", self.conflicts.len()));
        *ours.decor_mut() = decor;
        self.conflicts.push(conflict);
    }
}

/// Replaces each placeholder's line with git's markers around our line and
/// theirs.
fn mark(text: &str, conflicts: &[KeyConflict], crlf: bool) -> String {
    let nl = if crlf { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(text.len() + conflicts.len() * 64);
    for line in text.split_inclusive('\n') {
        let found = line.find(&format!("\"{PLACEHOLDER}")).and_then(|at| {
            let rest = &line[at + 1 + PLACEHOLDER.len()..];
            let end = rest.find('"')?;
            let n: usize = rest[..end].parse().ok()?;
            Some((at, at + 1 + PLACEHOLDER.len() + end + 1, n))
        });
        let Some((from, to, n)) = found else {
            out.push_str(line);
            continue;
        };
        let c = &conflicts[n];
        let body = line.trim_end_matches(['\n', '\r']);
        let side = |v: &str| format!("{}{}{}", &body[..from], v, &body[to..]);
        out.push_str(&format!(
            "<<<<<<< ours{nl}{}{nl}======={nl}{}{nl}>>>>>>> theirs{nl}",
            side(&c.ours),
            side(&c.theirs)
        ));
    }
    out
}
