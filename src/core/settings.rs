//! The team's settings: `.stride.toml` in the data folder.

use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use toml::de::DeTable;

use super::diag::{Diagnostic, Severity};
use super::scalar::Scalar;

/// The file name of the settings, in the data folder.
pub const FILE: &str = ".stride.toml";

pub use super::l10n::Language;

/// How weeks are numbered in headings. History files keep ISO names either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WeekNumbering {
    /// ISO 8601 weeks: week 1 holds the year's first Thursday.
    #[default]
    Iso,
    /// Week 1 is the week (Monday to Sunday) that holds 1 January.
    Jan1,
}

/// The settings of a data folder.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub language: Language,
    pub week_numbering: WeekNumbering,
    /// Days ahead within which an open item counts as due soon.
    pub due_soon_days: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Language::En,
            week_numbering: WeekNumbering::Iso,
            due_soon_days: 7,
        }
    }
}

impl Settings {
    /// The week number of `day` as this team counts weeks.
    pub fn week_number(&self, day: NaiveDate) -> u32 {
        match self.week_numbering {
            WeekNumbering::Iso => day.iso_week().week(),
            WeekNumbering::Jan1 => jan1_week(day),
        }
    }
}

impl Settings {
    /// The Monday of a week written as the user may: ISO (`2023-W25`), or
    /// as the team counts weeks (`26`, `2023-26`; a bare number is in the
    /// year of `today`). `None` for anything else.
    pub fn parse_week(&self, s: &str, today: NaiveDate) -> Option<NaiveDate> {
        let s = s.trim();
        if s.contains(['W', 'w']) {
            return parse_iso_week(&s.replace('w', "W"));
        }
        let (year, n) = match s.split_once('-') {
            Some((y, n)) => (y.parse().ok()?, n),
            None => (today.year(), s),
        };
        let n: u32 = n.parse().ok()?;
        let monday = match self.week_numbering {
            WeekNumbering::Iso => NaiveDate::from_isoywd_opt(year, n, chrono::Weekday::Mon)?,
            WeekNumbering::Jan1 => {
                let first = monday_of(NaiveDate::from_ymd_opt(year, 1, 1)?);
                let monday = first.checked_add_days(Days::new(7 * u64::from(n.checked_sub(1)?)))?;
                // a week 1 Monday in the year before is fine; past the year is not
                if monday.year() > year {
                    return None;
                }
                monday
            }
        };
        Some(monday)
    }

    /// A week as the team names it: `2023-26` with `jan1`, `2023-W25` ISO.
    pub fn week_name(&self, monday: NaiveDate) -> String {
        match self.week_numbering {
            WeekNumbering::Iso => iso_week_name(monday),
            WeekNumbering::Jan1 => {
                let sunday = monday + Days::new(6);
                // the week holding 1 January is the new year's week 1
                let year = if sunday.year() > monday.year() {
                    sunday.year()
                } else {
                    monday.year()
                };
                let n =
                    jan1_week(sunday.min(NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(sunday)));
                format!("{year}-{n:02}")
            }
        }
    }
}

/// Week of `day` counted from the Monday-to-Sunday week that holds 1 January.
pub fn jan1_week(day: NaiveDate) -> u32 {
    let jan1 = NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day);
    let first_monday = jan1
        .checked_sub_days(Days::new(jan1.weekday().num_days_from_monday().into()))
        .unwrap_or(jan1);
    ((day - first_monday).num_days() / 7 + 1) as u32
}

/// The Monday of the week that holds `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(day.weekday().num_days_from_monday().into()))
        .unwrap_or(day)
}

/// `2023-W25`: the ISO name of the week that holds `day`.
pub fn iso_week_name(day: NaiveDate) -> String {
    let w = day.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The Monday of an ISO week named like `2023-W25`.
pub fn parse_iso_week(name: &str) -> Option<NaiveDate> {
    let (year, week) = name.trim().split_once("-W")?;
    let year: i32 = year.parse().ok()?;
    let week: u32 = week.parse().ok()?;
    NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
}

/// Reads `.stride.toml` from `dir` if it exists. Problems are reported, and
/// the defaults stand in for what could not be read.
pub fn load(dir: &Path) -> (Settings, Vec<Diagnostic>) {
    let path = dir.join(FILE);
    match super::fsio::read_regular(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&path, &text),
            Err(_) => (
                Settings::default(),
                vec![Diagnostic::whole_file(&path, "the file is not valid UTF-8")],
            ),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), vec![]),
        Err(e) => (
            Settings::default(),
            vec![Diagnostic::whole_file(
                &path,
                format!("cannot read file: {e}"),
            )],
        ),
    }
}

/// Parses the settings text.
pub fn parse(path: &Path, text: &str) -> (Settings, Vec<Diagnostic>) {
    let mut s = Settings::default();
    let mut diags = Vec::new();
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            diags.push(Diagnostic::at(
                path,
                text,
                offset,
                Severity::Error,
                format!("TOML syntax: {}", e.message().trim().replace('\n', "; ")),
            ));
            return (s, diags);
        }
    };
    let mut errors = Vec::new();
    for (span, msg) in crate::core::scalar::problems(root.get_ref(), text) {
        errors.push((span.start, msg));
    }
    let mut bad = |span: std::ops::Range<usize>, msg: String| errors.push((span.start, msg));
    let mut unknown = Vec::new();
    for (key, value) in root.get_ref().iter() {
        let v = value.get_ref();
        match key.get_ref().as_ref() {
            "language" => match v.as_str() {
                Some("en") => s.language = Language::En,
                Some("zh") => s.language = Language::Zh,
                _ => bad(value.span(), "`language` must be \"en\" or \"zh\"".into()),
            },
            "week_numbering" => match v.as_str() {
                Some("iso") => s.week_numbering = WeekNumbering::Iso,
                Some("jan1") => s.week_numbering = WeekNumbering::Jan1,
                _ => bad(
                    value.span(),
                    "`week_numbering` must be \"iso\" or \"jan1\"".into(),
                ),
            },
            "due_soon_days" => match v.integer() {
                Some(n) if (0..=366).contains(&n) => s.due_soon_days = n,
                _ => bad(
                    value.span(),
                    "`due_soon_days` must be a whole number from 0 to 366".into(),
                ),
            },
            other => unknown.push((key.span().start, other.to_string())),
        }
    }
    for (at, msg) in errors {
        diags.push(Diagnostic::at(path, text, at, Severity::Error, msg));
    }
    for (at, name) in unknown {
        diags.push(Diagnostic::at(
            path,
            text,
            at,
            Severity::Warning,
            format!("unknown setting `{name}`; known: language, week_numbering, due_soon_days"),
        ));
    }
    diags.sort_by_key(|d| (d.line, d.column));
    (s, diags)
}

#[cfg(test)]
mod week_tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weeks_are_read_as_the_team_counts_them_or_iso() {
        let jan1 = Settings {
            week_numbering: WeekNumbering::Jan1,
            ..Settings::default()
        };
        let iso = Settings::default();
        let today = d("2023-06-20");
        assert_eq!(jan1.parse_week("26", today), Some(d("2023-06-19")));
        assert_eq!(jan1.parse_week("2023-26", today), Some(d("2023-06-19")));
        assert_eq!(jan1.parse_week("2023-W25", today), Some(d("2023-06-19")));
        assert_eq!(iso.parse_week("25", today), Some(d("2023-06-19")));
        assert_eq!(iso.parse_week("2023-W25", today), Some(d("2023-06-19")));
        assert_eq!(jan1.parse_week("1", today), Some(d("2022-12-26")));
        assert_eq!(jan1.parse_week("0", today), None);
        assert_eq!(jan1.parse_week("60", today), None);
        assert_eq!(jan1.parse_week("next", today), None);
        assert_eq!(jan1.week_name(d("2023-06-19")), "2023-26");
        assert_eq!(jan1.week_name(d("2022-12-26")), "2023-01");
        assert_eq!(iso.week_name(d("2023-06-19")), "2023-W25");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_teams_week_26_is_iso_week_25() {
        let day = d("2023-06-20");
        assert_eq!(jan1_week(day), 26);
        assert_eq!(day.iso_week().week(), 25);
        assert_eq!(iso_week_name(day), "2023-W25");
        assert_eq!(jan1_week(d("2023-01-01")), 1, "Sunday 1 January");
        assert_eq!(jan1_week(d("2023-01-02")), 2);
        assert_eq!(jan1_week(d("2024-01-01")), 1, "Monday 1 January");
        assert_eq!(jan1_week(d("2024-12-31")), 53);
    }

    #[test]
    fn iso_week_names_parse_to_their_monday() {
        assert_eq!(parse_iso_week("2023-W25"), Some(d("2023-06-19")));
        assert_eq!(parse_iso_week("2021-W53"), None);
        assert_eq!(parse_iso_week("2020-W53"), Some(d("2020-12-28")));
        assert_eq!(parse_iso_week("nonsense"), None);
        assert_eq!(monday_of(d("2023-06-25")), d("2023-06-19"));
    }

    #[test]
    fn settings_are_read_and_checked() {
        let p = Path::new(".stride.toml");
        let (s, diags) = parse(
            p,
            "language = \"zh\"\nweek_numbering = \"jan1\"\ndue_soon_days = 3\n",
        );
        assert!(diags.is_empty());
        assert_eq!(s.language, Language::Zh);
        assert_eq!(s.week_number(d("2023-06-20")), 26);
        assert_eq!(s.due_soon_days, 3);
        let (s, diags) = parse(p, "language = \"fr\"\ncolour = 1\ndue_soon_days = -1\n");
        assert_eq!(s, Settings::default());
        let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            text,
            [
                ".stride.toml:1:12: error: `language` must be \"en\" or \"zh\"",
                ".stride.toml:2:1: warning: unknown setting `colour`; known: language, week_numbering, due_soon_days",
                ".stride.toml:3:17: error: `due_soon_days` must be a whole number from 0 to 366",
            ]
        );
    }
}
