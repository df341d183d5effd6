//! Edits that were not on disk when stride ended without asking (a signal,
//! the terminal lost): written to `.stride/recovery.toml` in the data folder
//! and offered at the next start, to apply again through the normal save.
//!
//! The file is TOML, versioned, one `[[edit]]` per group of changes to one
//! file (what one undo takes back), each with its `[[edit.change]]`s by
//! item path and field:
//!
//! ```toml
//! version = 1
//!
//! [[edit]]
//! file = "o2-upgrade.toml"
//!
//! [[edit.change]]
//! kind = "field"
//! path = "o2-upgrade/hive/migration"
//! field = "percent"
//! [edit.change.value]
//! number = 100.0
//! [edit.change.before.value]
//! number = 95.46
//! ```
//!
//! A field without `value` is removed; `before` is what the field held
//! when the edit was made (a `before` without `value`: it was not set), so
//! that an edit applied again over a field someone changed since is a
//! conflict. What only undo needs (a removed key's comments, a removed
//! item's table) is not kept: an undone delete comes back as the item with
//! its title.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::edit::{Change, Edit, Field, Value};
use super::fsio;
use super::model::{Grade, Incident, ItemPath, Status};

/// The version this stride writes and reads.
pub const VERSION: u32 = 1;

/// The file's name in the data folder's [`fsio::OWN_DIR`].
pub const FILE_NAME: &str = "recovery.toml";

/// The unsaved edits of one ended session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    pub version: u32,
    #[serde(default, rename = "edit")]
    pub edits: Vec<RecoveredEdit>,
}

/// Changes to one file, done (and undone) together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveredEdit {
    /// The data file's name in the data folder, as shown.
    pub file: String,
    #[serde(default, rename = "change")]
    pub changes: Vec<SavedChange>,
}

/// A [`Change`] as the file keeps it: paths as text, values typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum SavedChange {
    Field {
        path: String,
        field: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<SavedValue>,
        /// The exact TOML text to write, when the change had one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        repr: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        before: Option<Before>,
    },
    Add {
        path: String,
        title: String,
    },
    Remove {
        path: String,
    },
    Incident {
        path: String,
        index: usize,
        insert: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        incident: Option<SavedIncident>,
    },
}

/// What a field held before an edit; `value` absent: it was not set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Before {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<SavedValue>,
}

/// A [`Value`], tagged by its type: `{ number = 1.5 }`, `{ date = 2023-06-20 }`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SavedValue {
    Text(String),
    Number(f64),
    Count(u64),
    Date(NaiveDate),
    Status(String),
    List(Vec<String>),
}

/// An [`Incident`], with its grade by name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedIncident {
    pub at: NaiveDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<NaiveDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default)]
    pub business_impact: bool,
}

impl Default for Recovery {
    fn default() -> Self {
        Self::new()
    }
}

impl Recovery {
    /// An empty recovery of this version.
    pub fn new() -> Self {
        Recovery {
            version: VERSION,
            edits: Vec::new(),
        }
    }

    /// Adds a group of changes to the file named `file`, with their
    /// `inverses` (one for each change, as the journal keeps them: a
    /// field's inverse gives the value it had before).
    pub fn push(&mut self, file: &str, changes: &[Change], inverses: &[Change]) {
        self.edits.push(RecoveredEdit {
            file: file.to_string(),
            changes: changes
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let mut saved = SavedChange::of(c);
                    if let (
                        SavedChange::Field { before, .. },
                        Change::Field { edit, .. },
                        Some(Change::Field { edit: back, .. }),
                    ) = (&mut saved, c, inverses.get(i))
                        && back.path == edit.path
                        && back.field == edit.field
                    {
                        *before = Some(Before {
                            value: back.value.as_ref().map(SavedValue::of),
                        });
                    }
                    saved
                })
                .collect(),
        });
    }

    /// How many changes it holds.
    pub fn len(&self) -> usize {
        self.edits.iter().map(|e| e.changes.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The TOML text of the file.
    pub fn to_toml(&self) -> String {
        let head = "# stride: edits that were not saved when it ended; offered at the next start\n";
        format!(
            "{head}{}",
            toml::to_string(self).unwrap_or_else(|e| format!("# cannot write: {e}\n"))
        )
    }

    /// Reads the text of the file; refuses another version.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        #[derive(Deserialize)]
        struct Versioned {
            version: u32,
        }
        let v: Versioned = toml::from_str(text).map_err(|e| e.to_string())?;
        if v.version != VERSION {
            return Err(format!(
                "version {} (this stride reads version {VERSION})",
                v.version
            ));
        }
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

impl RecoveredEdit {
    /// The changes, as they were made. An unreadable change is an error
    /// naming it.
    pub fn to_changes(&self) -> Result<Vec<Change>, String> {
        self.changes.iter().map(SavedChange::to_change).collect()
    }

    /// Edits that put back what the edited fields held when the edits were
    /// made, where that is known.
    pub fn befores(&self) -> Vec<Edit> {
        self.changes
            .iter()
            .filter_map(|c| match c {
                SavedChange::Field {
                    path,
                    field,
                    before: Some(b),
                    ..
                } => Some(Edit {
                    path: ItemPath::parse(path)?,
                    field: Field::of_key(field)?,
                    value: b.value.as_ref().and_then(|v| v.to_value().ok()),
                }),
                _ => None,
            })
            .collect()
    }
}

impl SavedChange {
    fn of(c: &Change) -> Self {
        match c {
            Change::Field { edit, repr, .. } => SavedChange::Field {
                path: edit.path.to_string(),
                field: edit.field.key().to_string(),
                value: edit.value.as_ref().map(SavedValue::of),
                repr: repr.clone(),
                before: None,
            },
            Change::Add { path, title, .. } => SavedChange::Add {
                path: path.to_string(),
                title: title.clone(),
            },
            Change::Remove { path } => SavedChange::Remove {
                path: path.to_string(),
            },
            Change::Incident {
                path,
                index,
                incident,
                insert,
                ..
            } => SavedChange::Incident {
                path: path.to_string(),
                index: *index,
                insert: *insert,
                incident: incident.as_deref().map(SavedIncident::of),
            },
        }
    }

    fn to_change(&self) -> Result<Change, String> {
        let path = |p: &str| ItemPath::parse(p).ok_or_else(|| format!("`{p}` is not an item path"));
        Ok(match self {
            SavedChange::Field {
                path: p,
                field,
                value,
                repr,
                ..
            } => Change::Field {
                edit: Edit {
                    path: path(p)?,
                    field: Field::of_key(field).ok_or_else(|| format!("no field `{field}`"))?,
                    value: value.as_ref().map(SavedValue::to_value).transpose()?,
                },
                repr: repr.clone(),
                restore: None,
            },
            SavedChange::Add { path: p, title } => Change::Add {
                path: path(p)?,
                title: title.clone(),
                restore: None,
            },
            SavedChange::Remove { path: p } => Change::Remove { path: path(p)? },
            SavedChange::Incident {
                path: p,
                index,
                insert,
                incident,
            } => Change::Incident {
                path: path(p)?,
                index: *index,
                insert: *insert,
                incident: incident
                    .as_ref()
                    .map(SavedIncident::to_incident)
                    .transpose()?
                    .map(Box::new),
                restore: None,
            },
        })
    }
}

impl SavedValue {
    fn of(v: &Value) -> Self {
        match v {
            Value::Text(s) => SavedValue::Text(s.clone()),
            Value::Number(n) => SavedValue::Number(*n),
            Value::Count(n) => SavedValue::Count(*n),
            Value::Date(d) => SavedValue::Date(*d),
            Value::Status(s) => SavedValue::Status(s.as_str().to_string()),
            Value::List(l) => SavedValue::List(l.clone()),
        }
    }

    fn to_value(&self) -> Result<Value, String> {
        Ok(match self {
            SavedValue::Text(s) => Value::Text(s.clone()),
            SavedValue::Number(n) => Value::Number(*n),
            SavedValue::Count(n) => Value::Count(*n),
            SavedValue::Date(d) => Value::Date(*d),
            SavedValue::Status(s) => {
                Value::Status(Status::parse(s).ok_or_else(|| format!("no status `{s}`"))?)
            }
            SavedValue::List(l) => Value::List(l.clone()),
        })
    }
}

impl SavedIncident {
    fn of(i: &Incident) -> Self {
        SavedIncident {
            at: i.at,
            resolved: i.resolved,
            grade: i.grade.map(|g| g.as_str().to_string()),
            title: i.title.clone(),
            impact: i.impact.clone(),
            cause: i.cause.clone(),
            action: i.action.clone(),
            business_impact: i.business_impact,
        }
    }

    fn to_incident(&self) -> Result<Incident, String> {
        let grade = match &self.grade {
            Some(g) => Some(Grade::parse(g).ok_or_else(|| format!("no grade `{g}`"))?),
            None => None,
        };
        Ok(Incident {
            at: self.at,
            resolved: self.resolved,
            grade,
            title: self.title.clone(),
            impact: self.impact.clone(),
            cause: self.cause.clone(),
            action: self.action.clone(),
            business_impact: self.business_impact,
        })
    }
}

/// Where the recovery file of the data folder `data` is.
pub fn path(data: &Path) -> PathBuf {
    data.join(fsio::OWN_DIR).join(FILE_NAME)
}

/// Adds `r` to the data folder's recovery file, after the edits it
/// already holds (a session that ended before and was not recovered yet).
/// Returns the file's path.
pub fn add(data: &Path, r: &Recovery) -> io::Result<PathBuf> {
    let mut all = match read(data) {
        Some(Ok(before)) => before,
        _ => Recovery::new(),
    };
    all.edits.extend(r.edits.iter().cloned());
    write(data, &all)
}

/// Writes `r` as the data folder's recovery file: with
/// [`fsio::write_own`], atomically, never through a link. Returns the
/// file's path.
pub fn write(data: &Path, r: &Recovery) -> io::Result<PathBuf> {
    fsio::own_dir(data)?;
    let path = path(data);
    fsio::write_own(data, &path, r.to_toml().as_bytes())?;
    Ok(path)
}

/// The data folder's recovery file, if there is one: its edits, or why it
/// cannot be read. A link there is not followed.
pub fn read(data: &Path) -> Option<Result<Recovery, String>> {
    let path = path(data);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if meta.file_type().is_symlink() {
        return Some(Err(format!("{} is a link: not followed", path.display())));
    }
    let bytes = match fsio::read_regular(&path) {
        Ok(b) => b,
        Err(e) => return Some(Err(e.to_string())),
    };
    Some(
        String::from_utf8(bytes)
            .map_err(|e| e.to_string())
            .and_then(|t| Recovery::from_toml(&t)),
    )
}

/// Removes the data folder's recovery file (nothing if there is none).
pub fn remove(data: &Path) -> io::Result<()> {
    match std::fs::remove_file(path(data)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<Change> {
        let m = ItemPath::milestone("o1", "p", "m");
        let date = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
        let mut v: Vec<Change> = [
            Some(Value::Text("迁移 \"quoted\"\nline".into())),
            Some(Value::Number(99.989)),
            Some(Value::Number(0.001)),
            Some(Value::Count(9_223_372_036_854_775_807)),
            Some(Value::Date(date)),
            Some(Value::Status(Status::Blocked)),
            Some(Value::List(vec!["a".into(), "标签".into()])),
            None,
        ]
        .into_iter()
        .zip([
            Field::Title,
            Field::Percent,
            Field::Weight,
            Field::Total,
            Field::Due,
            Field::Status,
            Field::Tags,
            Field::Note,
        ])
        .map(|(value, field)| {
            Change::field(Edit {
                path: m.clone(),
                field,
                value,
            })
        })
        .collect();
        v.push(Change::Field {
            edit: Edit::set(m.clone(), Field::Percent, Value::Number(50.0)),
            repr: Some("50.0".into()),
            restore: None,
        });
        v.push(Change::Add {
            path: ItemPath::milestone("o1", "p", "new one"),
            title: "新的".into(),
            restore: None,
        });
        v.push(Change::Remove { path: m.clone() });
        let at = date.and_hms_opt(9, 30, 0).unwrap();
        v.push(Change::Incident {
            path: ItemPath::objective("o1"),
            index: 2,
            insert: true,
            incident: Some(Box::new(Incident {
                at,
                resolved: Some(at + chrono::Duration::minutes(42)),
                grade: Some(Grade::B),
                title: "支付超时".into(),
                impact: Some("x".into()),
                cause: None,
                action: None,
                business_impact: true,
            })),
            restore: None,
        });
        v.push(Change::Incident {
            path: ItemPath::objective("o1"),
            index: 0,
            insert: false,
            incident: None,
            restore: None,
        });
        v
    }

    /// Changes compared by what they do (`Change` holds TOML items for undo
    /// and has no `PartialEq`).
    fn shown(changes: &[Change]) -> Vec<String> {
        changes
            .iter()
            .map(|c| format!("{:?}", SavedChange::of(c)))
            .collect()
    }

    #[test]
    fn every_kind_of_change_survives_the_file() {
        let changes = every_kind();
        let mut r = Recovery::new();
        let m = ItemPath::milestone("o1", "p", "m");
        let inverses = [
            Change::field(Edit::set(
                m.clone(),
                Field::Title,
                Value::Text("old".into()),
            )),
            Change::field(Edit::remove(m.clone(), Field::Percent)),
        ];
        r.push("o1.toml", &changes[..5], &inverses);
        r.push("o1.toml", &changes[5..], &[]);
        let text = r.to_toml();
        assert!(text.contains("version = 1"), "{text}");
        assert!(text.contains("[[edit.change]]"), "{text}");
        let back = Recovery::from_toml(&text).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.len(), changes.len());
        let mut again = back.edits[0].to_changes().unwrap();
        again.extend(back.edits[1].to_changes().unwrap());
        assert_eq!(shown(&again), shown(&changes));
        // what the fields held before, where the inverses said
        assert_eq!(
            back.edits[0].befores(),
            [
                Edit::set(m.clone(), Field::Title, Value::Text("old".into())),
                Edit::remove(m, Field::Percent)
            ]
        );
        assert!(text.contains("[edit.change.before]"), "{text}");
        assert!(back.edits[1].befores().is_empty());
        // the numbers exactly, not rounded
        let Change::Field { edit, .. } = &again[1] else {
            panic!()
        };
        assert_eq!(edit.value, Some(Value::Number(99.989)));
    }

    #[test]
    fn another_version_or_a_bad_change_is_refused_with_its_reason() {
        let e = Recovery::from_toml("version = 2\n").unwrap_err();
        assert!(e.contains("version 2"), "{e}");
        let r = Recovery::from_toml(
            "version = 1\n[[edit]]\nfile = \"o.toml\"\n[[edit.change]]\nkind = \"field\"\npath = \"o/p\"\nfield = \"colour\"\n",
        )
        .unwrap();
        assert_eq!(r.edits[0].to_changes().unwrap_err(), "no field `colour`");
    }

    #[test]
    fn the_file_is_added_to_read_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read(dir.path()).is_none());
        let changes = every_kind();
        let mut r = Recovery::new();
        r.push("o1.toml", &changes[..2], &[]);
        let p = add(dir.path(), &r).unwrap();
        assert_eq!(p, dir.path().join(".stride/recovery.toml"));
        add(dir.path(), &r).unwrap();
        let back = read(dir.path()).unwrap().unwrap();
        assert_eq!(back.edits.len(), 2, "a second session's edits go after");
        write(dir.path(), &r).unwrap();
        assert_eq!(read(dir.path()).unwrap().unwrap(), r, "write replaces");
        remove(dir.path()).unwrap();
        assert!(read(dir.path()).is_none());
        remove(dir.path()).unwrap();
    }

    #[test]
    fn a_planted_link_is_neither_read_nor_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::NamedTempFile::new().unwrap();
        std::fs::create_dir(dir.path().join(".stride")).unwrap();
        std::os::unix::fs::symlink(outside.path(), path(dir.path())).unwrap();
        assert!(read(dir.path()).unwrap().is_err());
        let mut r = Recovery::new();
        r.push("o1.toml", &every_kind()[..1], &[]);
        assert!(add(dir.path(), &r).is_err());
        assert_eq!(std::fs::read(outside.path()).unwrap(), b"");
    }
}
