//! What the text of an item's field means in the edit form: its value, or
//! why it cannot be saved. Dates, numbers, counts, a status by the menu's
//! words, a stage of the project, lists separated by commas.

use chrono::NaiveDate;

use crate::core::dates::parse_relative;
use crate::core::edit::round_percent;
use crate::core::model::Status;
use crate::core::{Field, Value};
use crate::tui::strings::{self as t, Strings};

/// What a field's text is read against.
pub struct Context<'a> {
    pub s: Strings,
    pub today: NaiveDate,
    /// What `+3d` counts from in a due date: the current due date when
    /// rescheduling, else today.
    pub base: Option<NaiveDate>,
    /// The stages of the milestone's project.
    pub stages: &'a [String],
}

/// The value the text of `field` asks for (`None` removes the key), or
/// why it cannot be saved.
pub fn parse(field: Field, raw: &str, cx: &Context) -> Result<Option<Value>, String> {
    let s = cx.s;
    let v = raw.trim();
    if v.is_empty() {
        return match field {
            Field::Title => Err(s.get(t::TITLE_REQUIRED).into()),
            _ => Ok(None),
        };
    }
    let number = || v.parse::<f64>().ok().filter(|n| n.is_finite());
    Ok(Some(match field {
        Field::Due | Field::Start => Value::Date(date(field, v, cx).map_err(|e| s.date_error(&e))?),
        Field::Percent => match number() {
            Some(n) if (0.0..=100.0).contains(&n) => Value::Number(round_percent(n)),
            _ => return Err(s.not_a_percent(v)),
        },
        Field::Weight => match number() {
            Some(n) if n > 0.0 => Value::Number(n),
            _ => return Err(s.not_a_weight(v)),
        },
        Field::Total | Field::Done => match v.parse::<u64>() {
            Ok(n) if i64::try_from(n).is_ok() => Value::Count(n),
            _ => return Err(s.not_a_count(v)),
        },
        Field::Status => Value::Status(status_of(v).ok_or_else(|| s.not_a_status(v))?),
        Field::Stage if cx.stages.is_empty() => return Err(s.get(t::FORM_NO_STAGES).into()),
        Field::Stage if !cx.stages.iter().any(|x| x == v) => {
            return Err(s.not_a_stage(v, &cx.stages.join(", ")));
        }
        Field::Tags => Value::List(list(v)),
        Field::Stages => {
            let l = list(v);
            if let Some(twice) = l.iter().enumerate().find(|(i, x)| l[..*i].contains(x)) {
                return Err(s.stage_twice(twice.1));
            }
            Value::List(l)
        }
        Field::Title | Field::Stage => Value::Text(v.to_string()),
        _ => Value::Text(raw.to_string()),
    }))
}

/// A date field's date: `+3d` in a due date counts from `base` when set.
fn date(field: Field, v: &str, cx: &Context) -> Result<NaiveDate, crate::core::dates::DateError> {
    let from = match cx.base {
        Some(base) if field == Field::Due && v.starts_with(['+', '-']) => base,
        _ => cx.today,
    };
    parse_relative(v, from)
}

/// A status written as the status menu shows it: its name in files
/// (`in_progress`), its name in either language, or the menu's letter.
pub fn status_of(v: &str) -> Option<Status> {
    let lower = v.to_lowercase();
    // the menu's letters, in the order of `Status::ALL`
    let letter = "tibadx"
        .find(lower.as_str())
        .filter(|_| lower.chars().count() == 1);
    // the names in either language are the status's aliases
    Status::parse(&lower).or_else(|| letter.map(|i| Status::ALL[i]))
}

/// `a, b，c` as `[a, b, c]`: commas of either width, blanks left out.
pub fn list(v: &str) -> Vec<String> {
    v.split([',', '，', '、'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}
