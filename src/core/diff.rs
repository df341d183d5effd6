//! What changed between two versions of an objective file, item by item
//! and field by field, as written (not derived): the vocabulary of
//! `stride log` and of the messages `stride sync` commits with.

use serde_json::Value as Json;
use toml::{Table, Value};

/// One field of one item, changed.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    /// The item's path: `o1-business`, `o1-business/channels/netsunion`,
    /// `o3-stability/metric/availability`.
    pub path: String,
    /// The item's title (after the change, else before).
    pub title: String,
    pub field: String,
    /// `None` where the field (or its item) was not there.
    pub from: Option<Json>,
    pub to: Option<Json>,
}

/// The items of a file with their fields, in file order.
fn items<'a>(id: &str, t: &'a Table) -> Vec<(String, &'a Table)> {
    let mut out = Vec::new();
    out.push((id.to_string(), t));
    let children = |t: &'a Table, kind: &str| -> Vec<(&'a String, &'a Table)> {
        t.get(kind)
            .and_then(Value::as_table)
            .map(|c| {
                c.iter()
                    .filter_map(|(k, v)| Some((k, v.as_table()?)))
                    .collect()
            })
            .unwrap_or_default()
    };
    for (pid, p) in children(t, "project") {
        out.push((format!("{id}/{pid}"), p));
        for (mid, m) in children(p, "milestone") {
            out.push((format!("{id}/{pid}/{mid}"), m));
        }
    }
    for (mid, m) in children(t, "metric") {
        out.push((format!("{id}/metric/{mid}"), m));
    }
    out
}

/// A field's value as `list --format json` writes values: dates as
/// `YYYY-MM-DD` strings.
pub fn json(v: &Value) -> Json {
    match v {
        Value::String(s) => Json::String(s.clone()),
        Value::Integer(i) => Json::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::Boolean(b) => Json::Bool(*b),
        Value::Datetime(d) => Json::String(d.to_string()),
        Value::Array(a) => Json::Array(a.iter().map(json).collect()),
        Value::Table(t) => Json::Object(t.iter().map(|(k, v)| (k.clone(), json(v))).collect()),
    }
}

/// Whether a key holds a field of the item (not a child table).
fn is_field(key: &str, v: &Value) -> bool {
    !matches!(
        key,
        "project" | "milestone" | "metric" | "incident" | "other"
    ) || matches!(v, Value::String(_))
}

/// The field changes from `before` to `after` (either may be absent: a
/// file added or removed), in the order of the items in `after`, then
/// those removed.
pub fn changes(id: &str, before: Option<&Table>, after: Option<&Table>) -> Vec<FieldChange> {
    let empty = Table::new();
    let b = items(id, before.unwrap_or(&empty));
    let a = items(id, after.unwrap_or(&empty));
    let before_items: std::collections::HashMap<&str, &Table> =
        b.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let after_paths: std::collections::HashSet<&str> = a.iter().map(|(p, _)| p.as_str()).collect();
    let mut out = Vec::new();
    let title = |t: &Table| {
        t.get("title")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    for (path, at) in &a {
        if after.is_none() {
            break;
        }
        let bt = before_items.get(path.as_str()).copied();
        if bt == Some(at) {
            continue;
        }
        for (k, v) in at.iter().filter(|(k, v)| is_field(k, v)) {
            let old = bt.and_then(|t| t.get(k));
            if old != Some(v) {
                out.push(FieldChange {
                    path: path.clone(),
                    title: title(at),
                    field: k.clone(),
                    from: old.map(json),
                    to: Some(json(v)),
                });
            }
        }
        if let Some(bt) = bt {
            for (k, v) in bt
                .iter()
                .filter(|(k, v)| is_field(k, v) && !at.contains_key(*k))
            {
                out.push(FieldChange {
                    path: path.clone(),
                    title: title(at),
                    field: k.clone(),
                    from: Some(json(v)),
                    to: None,
                });
            }
        }
    }
    if before.is_some() {
        for (path, bt) in &b {
            if after.is_some() && after_paths.contains(path.as_str()) {
                continue;
            }
            for (k, v) in bt.iter().filter(|(k, v)| is_field(k, v)) {
                out.push(FieldChange {
                    path: path.clone(),
                    title: title(bt),
                    field: k.clone(),
                    from: Some(json(v)),
                    to: None,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Table {
        s.parse().unwrap()
    }

    #[test]
    fn fields_added_changed_removed_and_items() {
        let before = t(
            "title = \"O\"\n[project.p]\ntitle = \"P\"\npercent = 60\nnote = \"x\"\n[project.p.milestone.m]\ntitle = \"M\"\n[project.q]\ntitle = \"Q\"\n",
        );
        let after = t(
            "title = \"O\"\n[project.p]\ntitle = \"P\"\npercent = 70\ndue = 2023-06-30\n[project.p.milestone.n]\ntitle = \"N\"\n[project.q]\ntitle = \"Q\"\n",
        );
        let c = changes("o", Some(&before), Some(&after));
        let got: Vec<(&str, &str, Option<Json>, Option<Json>)> = c
            .iter()
            .map(|c| {
                (
                    c.path.as_str(),
                    c.field.as_str(),
                    c.from.clone(),
                    c.to.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("o/p", "percent", Some(Json::from(60)), Some(Json::from(70))),
                ("o/p", "due", None, Some(Json::from("2023-06-30"))),
                ("o/p", "note", Some(Json::from("x")), None),
                ("o/p/n", "title", None, Some(Json::from("N"))),
                ("o/p/m", "title", Some(Json::from("M")), None),
            ]
        );
        assert!(changes("o", Some(&after), Some(&after)).is_empty());
        assert_eq!(changes("o", None, Some(&after)).len(), 6);
        assert_eq!(changes("o", Some(&after), None).len(), 6);
    }
}
