//! TOML scalars read as the model reads them, from either parser (`toml`'s
//! spanned tree when loading, history and settings; `toml_edit` when saving):
//! numbers as `f64`, whole numbers, dates and local date-times as `chrono`
//! values; and the TOML dates written for `chrono` ones. The one place a
//! TOML integer, float or date is turned into a model value and back.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use toml::de::DeValue;
use toml_edit::Datetime;

/// A TOML value of either parser, read as a scalar.
pub trait Scalar {
    /// An integer, if the value is one that fits an `i64`.
    fn integer(&self) -> Option<i64>;
    /// An integer of 0 or more, if the value is one that fits a `u64`.
    fn unsigned(&self) -> Option<u64>;
    /// A float (infinities and NaN included), if the value is one.
    fn float(&self) -> Option<f64>;
    /// The date-time, date or time, if the value is one.
    fn datetime(&self) -> Option<&Datetime>;

    /// An integer or a float, as `f64`.
    fn number(&self) -> Option<f64> {
        self.float().or_else(|| self.integer().map(|i| i as f64))
    }

    /// The date of a date or date-time value.
    fn date(&self) -> Option<NaiveDate> {
        self.datetime().and_then(date)
    }
}

/// What is wrong with a scalar the `toml` parser let through, if anything.
///
/// The `toml` crate checks an integer or a float only when it is converted,
/// so `0x`, `1_0٠` (an Arabic-Indic digit) or `9223372036854775808` parse
/// and would pass unnoticed in a key stride does not read. `raw` is the
/// value's text in the file, for the message.
pub fn problem(v: &DeValue<'_>, raw: &str) -> Option<String> {
    use std::num::IntErrorKind;
    let raw = raw.trim();
    match v {
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(_) => None,
            Err(e) => Some(match e.kind() {
                IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => format!(
                    "`{raw}` is out of range: integers go from {} to {}",
                    i64::MIN,
                    i64::MAX
                ),
                IntErrorKind::Empty => format!("`{raw}` is not a number: it has no digits"),
                _ => match i
                    .as_str()
                    .chars()
                    .find(|c| !c.is_digit(i.radix()) && *c != '-' && *c != '+')
                {
                    Some(c) => format!("`{raw}` is not a number: `{c}` is not a digit"),
                    None => format!("`{raw}` is not a number"),
                },
            }),
        },
        DeValue::Float(f) => match f.as_str().parse::<f64>() {
            Err(_) => Some(format!("`{raw}` is not a number")),
            // `1e400`: too large for a float (`inf` itself is one)
            Ok(x) if x.is_infinite() && !f.as_str().contains("inf") => {
                Some(format!("`{raw}` is out of range for a number"))
            }
            Ok(_) => None,
        },
        DeValue::Datetime(dt) => match dt.date {
            // RFC 3339 allows year 0, but many TOML readers refuse it
            Some(d) if d.year == 0 => Some(format!(
                "`{raw}` is out of range: years go from 0001 to 9999"
            )),
            _ => None,
        },
        _ => None,
    }
}

/// Every scalar of `table`, at any depth, that [`problem`] finds wrong:
/// its span in `text` (the text `table` was parsed from) and the message,
/// in file order. Goes by an explicit stack, so depth costs no recursion.
pub fn problems(
    table: &toml::de::DeTable<'_>,
    text: &str,
) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    let mut stack: Vec<&toml::Spanned<DeValue<'_>>> = table.values().rev().collect();
    while let Some(v) = stack.pop() {
        match v.get_ref() {
            DeValue::Table(t) => stack.extend(t.values().rev()),
            DeValue::Array(a) => stack.extend(a.iter().rev()),
            scalar => {
                let span = v.span();
                let raw = text.get(span.clone()).unwrap_or_default();
                if let Some(message) = problem(scalar, raw) {
                    out.push((span, message));
                }
            }
        }
    }
    out
}

impl Scalar for DeValue<'_> {
    fn integer(&self) -> Option<i64> {
        match self {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            _ => None,
        }
    }

    fn unsigned(&self) -> Option<u64> {
        match self {
            DeValue::Integer(i) => u64::from_str_radix(i.as_str(), i.radix()).ok(),
            _ => None,
        }
    }

    fn float(&self) -> Option<f64> {
        match self {
            // `1e400` is no float (as the `toml` crate reads it); `inf` is
            DeValue::Float(f) => f
                .as_str()
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() || f.as_str().contains("inf")),
            _ => None,
        }
    }

    fn datetime(&self) -> Option<&Datetime> {
        match self {
            DeValue::Datetime(dt) => Some(dt),
            _ => None,
        }
    }
}

impl Scalar for toml_edit::Value {
    fn integer(&self) -> Option<i64> {
        self.as_integer()
    }

    fn unsigned(&self) -> Option<u64> {
        self.as_integer().and_then(|i| u64::try_from(i).ok())
    }

    fn float(&self) -> Option<f64> {
        self.as_float()
    }

    fn datetime(&self) -> Option<&Datetime> {
        match self {
            toml_edit::Value::Datetime(dt) => Some(dt.value()),
            _ => None,
        }
    }
}

/// The date of a TOML date or date-time (its time and offset ignored).
pub fn date(dt: &Datetime) -> Option<NaiveDate> {
    let d = dt.date?;
    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
}

/// A TOML local date-time (a date and a time, no offset).
pub fn local_datetime(dt: &Datetime) -> Option<NaiveDateTime> {
    let t = match (dt.offset, dt.time) {
        (None, Some(t)) => t,
        _ => return None,
    };
    date(dt)?.and_hms_nano_opt(
        t.hour.into(),
        t.minute.into(),
        t.second.unwrap_or(0).into(),
        t.nanosecond.unwrap_or(0),
    )
}

/// A bare TOML date, `2023-06-30`.
pub fn toml_date(d: NaiveDate) -> Datetime {
    Datetime {
        date: Some(toml_date_part(d)),
        time: None,
        offset: None,
    }
}

/// A TOML local date-time to the second, `2023-06-15T11:01:00`.
pub fn toml_datetime(t: NaiveDateTime) -> Datetime {
    Datetime {
        date: Some(toml_date_part(t.date())),
        time: Some(toml_edit::Time {
            hour: t.hour() as u8,
            minute: t.minute() as u8,
            second: Some(t.second() as u8),
            nanosecond: None,
        }),
        offset: None,
    }
}

fn toml_date_part(d: NaiveDate) -> toml_edit::Date {
    toml_edit::Date {
        year: d.year() as u16,
        month: d.month() as u8,
        day: d.day() as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn de(text: &str) -> f64 {
        let t = toml::de::DeTable::parse(text).unwrap();
        t.get_ref().get("x").unwrap().get_ref().number().unwrap()
    }

    #[test]
    fn both_parsers_read_the_same_numbers_and_dates() {
        for (text, n) in [("x = 5", 5.0), ("x = 0x10", 16.0), ("x = 95.46", 95.46)] {
            assert_eq!(de(text), n, "{text}");
            let doc: toml_edit::DocumentMut = text.parse().unwrap();
            assert_eq!(doc["x"].as_value().unwrap().number(), Some(n), "{text}");
        }
        let d = NaiveDate::from_ymd_opt(2023, 6, 30).unwrap();
        let doc: toml_edit::DocumentMut = "x = 2023-06-30".parse().unwrap();
        assert_eq!(doc["x"].as_value().unwrap().date(), Some(d));
        assert_eq!(date(&toml_date(d)), Some(d));
        let t = d.and_hms_opt(11, 1, 0).unwrap();
        assert_eq!(local_datetime(&toml_datetime(t)), Some(t));
        assert_eq!(local_datetime(&toml_date(d)), None);
    }

    /// Integers, floats and dates the `toml` parser lets through until they
    /// are converted: each found, with a message naming the text.
    #[test]
    fn values_the_parser_lets_through_are_problems() {
        let text = "a = 0x\nb = 0b\nc = 0o\nd = 1_0\u{660}\ne = 9223372036854775808\n\
                    f = -9223372036854775809\ng = 1e400\nh = 0000-01-01\n\
                    [t]\nok = [1, 0x10, -9223372036854775808, 1.5, inf, -nan, 2023-06-30]\n\
                    deep = [[{ x = 0x }]]\n";
        let t = toml::de::DeTable::parse(text).unwrap();
        let found: Vec<(String, String)> = problems(t.get_ref(), text)
            .into_iter()
            .map(|(span, m)| (text[span].to_string(), m))
            .collect();
        let raws: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(
            raws,
            [
                "0x",
                "0b",
                "0o",
                "1_0\u{660}",
                "9223372036854775808",
                "-9223372036854775809",
                "1e400",
                "0000-01-01",
                "0x"
            ]
        );
        assert_eq!(found[0].1, "`0x` is not a number: it has no digits");
        assert_eq!(
            found[3].1,
            "`1_0\u{660}` is not a number: `\u{660}` is not a digit"
        );
        assert!(found[4].1.contains("is out of range"), "{found:?}");
        assert!(found[7].1.contains("years go from 0001"), "{found:?}");
    }
}
