//! The columns of a portfolio's CSV, and what each holds for an item: the
//! leaf that export, reading and planning share.
//!
//! Every column but the last two holds what the file says ("as written"):
//! `status` and `percent` are empty when the file leaves them to be
//! derived, so that a round trip keeps them derived. `effective_status`
//! and `effective_percent` are computed (what `list` shows); import
//! ignores them.

use crate::core::edit::{Field, Value};
use crate::core::model::{ItemRef, Kind};

/// A column of the CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// `o`, `o/p` or `o/p/m`: which item the row is.
    Path,
    /// `objective`, `project` or `milestone`: follows from the path.
    Kind,
    /// A field of the item, as written in its file.
    Field(Field),
    /// The status `list` shows (computed; import ignores it).
    EffectiveStatus,
    /// The percent `list` shows, rounded to two decimals (computed; import ignores it).
    EffectivePercent,
}

/// The fields, in the order of the columns.
pub const FIELDS: [Field; 16] = [
    Field::Title,
    Field::Status,
    Field::Percent,
    Field::Due,
    Field::Start,
    Field::Owner,
    Field::Weight,
    Field::Total,
    Field::Done,
    Field::Stage,
    Field::Stages,
    Field::Tags,
    Field::Update,
    Field::Next,
    Field::Blocker,
    Field::Note,
];

impl Column {
    /// Every column, in the order `list --format csv` writes them.
    pub fn all() -> Vec<Column> {
        let mut all = vec![Column::Path, Column::Kind];
        all.extend(FIELDS.map(Column::Field));
        all.extend([Column::EffectiveStatus, Column::EffectivePercent]);
        all
    }

    /// The name in the header row.
    pub fn name(self) -> &'static str {
        match self {
            Column::Path => "path",
            Column::Kind => "kind",
            Column::Field(f) => f.key(),
            Column::EffectiveStatus => "effective_status",
            Column::EffectivePercent => "effective_percent",
        }
    }

    /// The column a header names (case and surrounding spaces ignored).
    pub fn named(name: &str) -> Option<Column> {
        let name = name.trim();
        Column::all()
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(name))
    }
}

/// The value of `field` in the item's file, `None` when the key is absent.
pub fn value_of(item: ItemRef<'_>, field: Field) -> Option<Value> {
    let f = item.fields();
    let text = |s: &Option<Box<str>>| s.as_deref().map(|s| Value::Text(s.to_string()));
    let list = |l: &[String]| (!l.is_empty()).then(|| Value::List(l.to_vec()));
    match (field, item) {
        (Field::Title, _) => Some(Value::Text(f.title.clone())),
        (Field::Status, _) => f.status.map(Value::Status),
        (Field::Percent, _) => f.percent.map(Value::Number),
        (Field::Due, _) => f.due.map(Value::Date),
        (Field::Start, _) => f.start.map(Value::Date),
        (Field::Owner, _) => f.owner.as_deref().map(|s| Value::Text(s.to_string())),
        (Field::Weight, _) => f.weight.map(Value::Number),
        (Field::Update, _) => text(&f.update),
        (Field::Next, _) => text(&f.next),
        (Field::Blocker, _) => text(&f.blocker),
        (Field::Note, _) => text(&f.note),
        (Field::Tags, _) => list(&f.tags),
        (Field::Stages, ItemRef::Project(p)) => list(&p.stages),
        (Field::Stage, ItemRef::Milestone(m, _)) => text(&m.stage),
        (Field::Total, ItemRef::Milestone(m, _)) => m.total.map(Value::Count),
        (Field::Done, ItemRef::Milestone(m, _)) => m.done.map(Value::Count),
        _ => None,
    }
}

/// A value as its cell holds it: numbers as typed (`80`, `12.5`), lists
/// joined with `, `.
pub fn cell(value: Option<&Value>) -> String {
    match value {
        None => String::new(),
        Some(Value::Text(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Count(n)) => n.to_string(),
        Some(Value::Date(d)) => d.to_string(),
        Some(Value::Status(s)) => s.as_str().to_string(),
        Some(Value::List(l)) => l.join(", "),
    }
}

/// The kind a `kind` cell names.
pub fn kind_named(s: &str) -> Option<Kind> {
    [Kind::Objective, Kind::Project, Kind::Milestone]
        .into_iter()
        .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
}
