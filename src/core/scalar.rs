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
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
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
}
