//! Reading a portfolio's CSV: the header, then each row into typed values,
//! every problem with its line and column.

use std::fmt;

use super::columns::{Column, kind_named};
use crate::core::dates::parse_iso;
use crate::core::edit::{Field, Value};
use crate::core::model::{ItemPath, Kind, Status};

/// A problem of the file: `7: due: 2023-13-01 is not a date`.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The line of the file (the header is line 1).
    pub line: u64,
    /// The column, when the problem is one cell's.
    pub column: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn new(line: u64, column: Option<&str>, message: impl Into<String>) -> Self {
        Problem {
            line,
            column: column.map(String::from),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "{}: {c}: {}", self.line, self.message),
            None => write!(f, "{}: {}", self.line, self.message),
        }
    }
}

/// One row: the item and the value of each field column the file has
/// (`None`: an empty cell, the key removed).
#[derive(Clone, Debug, PartialEq)]
pub struct SheetRow {
    pub line: u64,
    pub path: ItemPath,
    pub values: Vec<(Field, Option<Value>)>,
    /// Some of its cells were bad (and are left out of `values`): its
    /// problems are reported already, and its children still find it.
    pub bad: bool,
}

/// Reads a CSV (UTF-8, with or without a byte order mark, CRLF or LF line
/// ends, columns in any order): the rows, and every problem found. A
/// problem of the header is the only one returned (`Err`).
pub fn read(bytes: &[u8]) -> Result<(Vec<SheetRow>, Vec<Problem>), Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let columns = header(&mut reader)?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(Problem::new(line, None, csv_message(&e)));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let (r, mut p) = row(line, &columns, &record);
        rows.extend(r);
        problems.append(&mut p);
    }
    Ok((rows, problems))
}

/// What the csv reader found wrong, in words.
fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the row has {len} cells, the header {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "the row is not UTF-8 text".to_string(),
        _ => e.to_string(),
    }
}

/// The columns of the header row; unknown and repeated names are errors.
fn header(reader: &mut csv::Reader<&[u8]>) -> Result<Vec<Column>, Vec<Problem>> {
    let names = reader
        .headers()
        .map_err(|e| vec![Problem::new(1, None, csv_message(&e))])?
        .clone();
    let mut columns = Vec::new();
    let mut unknown = Vec::new();
    let mut problems = Vec::new();
    for name in names.iter() {
        match Column::named(name) {
            Some(c) if columns.contains(&c) => problems.push(Problem::new(
                1,
                None,
                format!("the column `{}` comes twice", c.name()),
            )),
            Some(c) => columns.push(c),
            None => unknown.push(format!("`{name}`")),
        }
    }
    if !unknown.is_empty() {
        let known: Vec<&str> = Column::all().iter().map(|c| c.name()).collect();
        problems.push(Problem::new(
            1,
            None,
            format!(
                "unknown column{} {} (the columns are: {})",
                if unknown.len() == 1 { "" } else { "s" },
                unknown.join(", "),
                known.join(", ")
            ),
        ));
    }
    if !columns.contains(&Column::Path) && problems.is_empty() {
        problems.push(Problem::new(1, None, "no `path` column"));
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(problems)
    }
}

/// One record into a row (none without a path), and its problems.
fn row(
    line: u64,
    columns: &[Column],
    record: &csv::StringRecord,
) -> (Option<SheetRow>, Vec<Problem>) {
    let cell = |c: Column| {
        columns
            .iter()
            .position(|x| *x == c)
            .and_then(|i| record.get(i))
    };
    let raw_path = cell(Column::Path).unwrap_or_default().trim();
    let Some(path) = ItemPath::parse(raw_path) else {
        let message = format!(
            "`{raw_path}` is not an item path: objective, objective/project or objective/project/milestone"
        );
        return (None, vec![Problem::new(line, Some("path"), message)]);
    };
    let kind = path.kind();
    let mut problems = Vec::new();
    if let Some(k) = cell(Column::Kind).filter(|k| !k.trim().is_empty()) {
        match kind_named(k) {
            Some(named) if named == kind => {}
            _ => problems.push(Problem::new(
                line,
                Some("kind"),
                format!(
                    "`{k}` does not match the path, which is {}'s",
                    kind.as_str()
                ),
            )),
        }
    }
    let mut values = Vec::new();
    for (i, c) in columns.iter().enumerate() {
        let Column::Field(field) = *c else { continue };
        let raw = record.get(i).unwrap_or_default();
        if !field.applies_to(kind) {
            if !raw.trim().is_empty() {
                problems.push(Problem::new(
                    line,
                    Some(field.key()),
                    format!("{} {} has no {field}", article(kind), kind.as_str()),
                ));
            }
            continue;
        }
        match value(field, raw) {
            Ok(v) => values.push((field, v)),
            Err(m) => problems.push(Problem::new(line, Some(field.key()), m)),
        }
    }
    let bad = !problems.is_empty();
    let row = SheetRow {
        line,
        path,
        values,
        bad,
    };
    (Some(row), problems)
}

fn article(kind: Kind) -> &'static str {
    if kind == Kind::Objective { "an" } else { "a" }
}

/// A cell's value for `field`; an empty cell is `None`.
fn value(field: Field, raw: &str) -> Result<Option<Value>, String> {
    let t = raw.trim();
    if t.is_empty() {
        return match field {
            Field::Title => Err("a title is required".to_string()),
            _ => Ok(None),
        };
    }
    let number = || {
        let n = t.strip_suffix('%').unwrap_or(t).trim();
        n.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or_else(|| format!("{t} is not a number"))
    };
    let count = || {
        t.parse::<u64>()
            .map_err(|_| format!("{t} is not a whole number of 0 or more"))
    };
    let date = || parse_iso(t).ok_or_else(|| format!("{t} is not a date"));
    let list = || {
        t.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect::<Vec<_>>()
    };
    Ok(Some(match field {
        Field::Status => Value::Status(
            Status::parse(t)
                .ok_or_else(|| format!("{t} is not a status (one of {})", Status::allowed()))?,
        ),
        Field::Percent => {
            let p = number()?;
            if !(0.0..=100.0).contains(&p) {
                return Err(format!("{t} is outside 0..100"));
            }
            Value::Number(p)
        }
        Field::Weight => {
            let w = number()?;
            if w <= 0.0 {
                return Err(format!("{t} must be greater than 0"));
            }
            Value::Number(w)
        }
        Field::Due | Field::Start => Value::Date(date()?),
        Field::Total | Field::Done => Value::Count(count()?),
        Field::Tags | Field::Stages => Value::List(list()),
        // text as written; a spreadsheet's CRLF inside a cell is a line break
        _ => Value::Text(raw.replace("\r\n", "\n")),
    }))
}
