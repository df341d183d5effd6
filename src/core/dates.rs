//! Dates as people type them: `2023-06-30`, `today`, `tomorrow`, `+3d`, `-1w`.

use chrono::{Days, NaiveDate};

/// Parses a strict ISO date, `YYYY-MM-DD`.
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A text that is not a date; `Display` says what is accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a date: use YYYY-MM-DD, today, tomorrow, +3d or +2w")]
pub struct DateError {
    /// The text, without the spaces around it.
    pub input: String,
}

/// Parses a date relative to `today`: an ISO date, `today`, `tomorrow`,
/// `yesterday`, or `+N`/`-N` followed by `d` (days) or `w` (weeks).
pub fn parse_relative(s: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let s = s.trim();
    let bad = || DateError {
        input: s.to_string(),
    };
    match s {
        "today" => return Ok(today),
        "tomorrow" => return today.checked_add_days(Days::new(1)).ok_or_else(bad),
        "yesterday" => return today.checked_sub_days(Days::new(1)).ok_or_else(bad),
        _ => {}
    }
    if let Some(d) = parse_iso(s) {
        return Ok(d);
    }
    let (sign, rest) = match s.as_bytes().first() {
        Some(b'+') => (1, &s[1..]),
        Some(b'-') => (-1, &s[1..]),
        _ => return Err(bad()),
    };
    // the unit is the last character, whatever its size in bytes
    let cut = rest.char_indices().last().map_or(0, |(i, _)| i);
    let (num, unit) = rest.split_at(cut);
    let n: u64 = num.parse().map_err(|_| bad())?;
    let days = match unit {
        "d" => n,
        "w" => n.checked_mul(7).ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    let shifted = if sign > 0 {
        today.checked_add_days(Days::new(days))
    } else {
        today.checked_sub_days(Days::new(days))
    };
    shifted.ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

    #[test]
    fn relative_dates() {
        let today = d("2023-06-20");
        assert_eq!(parse_relative("today", today), Ok(today));
        assert_eq!(parse_relative("tomorrow", today), Ok(d("2023-06-21")));
        assert_eq!(parse_relative("+3d", today), Ok(d("2023-06-23")));
        assert_eq!(parse_relative("+2w", today), Ok(d("2023-07-04")));
        assert_eq!(parse_relative("-1w", today), Ok(d("2023-06-13")));
        assert_eq!(parse_relative(" 2023-07-13 ", today), Ok(d("2023-07-13")));
    }

    #[test]
    fn bad_dates_say_what_is_accepted() {
        let today = d("2023-06-20");
        for bad in [
            "2023-02-30",
            "+3x",
            "+d",
            "next week",
            "",
            "2023-6-1",
            "+99999999999999w",
        ] {
            let err = parse_relative(bad, today).unwrap_err().to_string();
            assert!(err.contains("is not a date"), "{bad}: {err}");
        }
    }
}
