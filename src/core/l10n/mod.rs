//! One place for every word shared by the report, the TUI and the CLI.
//!
//! [`Language`] is the data folder's `language` setting. A fixed text is a
//! [`Text`], an `(english, chinese)` pair checked at compile time, read with
//! [`Language::get`]; a text with values in it is a method of [`Language`].
//! This file holds the leaf part (counts, plurals, days, durations, units),
//! used by everything; [`terms`] names the model's things (statuses, kinds,
//! fields, grades) and [`problems`] renders the core's typed refusals
//! (`IdProblem`, `DateError`, `EditError`, `SaveError`) in each language.
//! English is what the CLI prints: the `Display` of those same enums.

pub mod problems;
pub mod terms;

/// The language of labels in the report and the TUI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Language {
    #[default]
    En,
    Zh,
}

/// A fixed text: English, then Chinese.
pub type Text = (&'static str, &'static str);

/// `1 day`, `3 days`: a count and its noun, singular for exactly one.
pub fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `99.99%`, `120 ms`: a number with its unit; `%` is written close, any
/// other unit after a space.
pub fn with_unit(v: f64, unit: Option<&str>) -> String {
    match unit {
        Some("%") => format!("{v}%"),
        Some(u) => format!("{v} {}", super::text::sanitize(u, false)),
        None => format!("{v}"),
    }
}

impl Language {
    /// One of two values by language: texts, or the widths that fit them.
    pub fn pick<T>(self, en: T, zh: T) -> T {
        match self {
            Language::En => en,
            Language::Zh => zh,
        }
    }

    /// A fixed text in this language.
    pub fn get(self, text: Text) -> &'static str {
        self.pick(text.0, text.1)
    }

    /// `: ` or `：`, after a label.
    pub fn colon(self) -> &'static str {
        self.get((": ", "："))
    }

    /// `, ` or `，`, between parts of a line.
    pub fn comma(self) -> &'static str {
        self.get((", ", "，"))
    }

    /// `(text)` or `（text）`: an aside after something.
    pub fn aside(self, text: &str) -> String {
        self.pick(format!("({text})"), format!("（{text}）"))
    }

    /// `3 days`, `3天`.
    pub fn days(self, n: i64) -> String {
        self.pick(plural(n, "day", "days"), format!("{n}天"))
    }

    /// `3 weeks`, `3周`.
    pub fn weeks(self, n: u32) -> String {
        self.pick(plural(n.into(), "week", "weeks"), format!("{n}周"))
    }

    /// `4 days overdue`, `逾期4天`.
    pub fn days_overdue(self, n: i64) -> String {
        self.pick(format!("{} overdue", self.days(n)), format!("逾期{n}天"))
    }

    /// `stalled 3 weeks`, `连续3周未推进`.
    pub fn stalled_weeks(self, n: u32) -> String {
        self.pick(
            format!("stalled {}", self.weeks(n)),
            format!("连续{n}周未推进"),
        )
    }

    /// `+7d`, `-3天`: how far a date moved, in days with their sign.
    pub fn day_shift(self, days: i64) -> String {
        self.pick(format!("{days:+}d"), format!("{days:+}天"))
    }

    /// How long something lasted, from minutes: `9m`, `4h56m`, `1d3h`;
    /// `9分钟`, `4小时56分钟`, `1天3小时`. One form everywhere.
    pub fn duration(self, minutes: i64) -> String {
        let m = minutes.max(0);
        let (d, h, mm) = (m / 1440, m / 60 % 24, m % 60);
        match self {
            Language::En if d > 0 => format!("{d}d{h}h"),
            Language::En if h > 0 => format!("{h}h{mm:02}m"),
            Language::En => format!("{mm}m"),
            Language::Zh if d > 0 => format!("{d}天{h}小时"),
            Language::Zh if h > 0 => format!("{h}小时{mm}分钟"),
            Language::Zh => format!("{mm}分钟"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Language = Language::En;
    const ZH: Language = Language::Zh;

    #[test]
    fn plural_is_singular_for_exactly_one() {
        assert_eq!(plural(0, "day", "days"), "0 days");
        assert_eq!(plural(1, "day", "days"), "1 day");
        assert_eq!(plural(2, "milestone", "milestones"), "2 milestones");
        assert_eq!(plural(-1, "day", "days"), "-1 days");
        assert_eq!(EN.days(1), "1 day");
        assert_eq!(EN.days_overdue(1), "1 day overdue");
        assert_eq!(EN.days_overdue(4), "4 days overdue");
        assert_eq!(EN.stalled_weeks(1), "stalled 1 week");
        assert_eq!(ZH.days_overdue(1), "逾期1天");
        assert_eq!(ZH.weeks(3), "3周");
    }

    #[test]
    fn durations_have_one_form_per_language() {
        let cases = [
            (0, "0m", "0分钟"),
            (9, "9m", "9分钟"),
            (60, "1h00m", "1小时0分钟"),
            (182, "3h02m", "3小时2分钟"),
            (296, "4h56m", "4小时56分钟"),
            (1440 + 180, "1d3h", "1天3小时"),
            (-5, "0m", "0分钟"),
        ];
        for (minutes, en, zh) in cases {
            assert_eq!(EN.duration(minutes), en, "{minutes}");
            assert_eq!(ZH.duration(minutes), zh, "{minutes}");
        }
    }

    #[test]
    fn units_follow_one_rule() {
        assert_eq!(with_unit(99.99, Some("%")), "99.99%");
        assert_eq!(with_unit(120.0, Some("ms")), "120 ms");
        assert_eq!(with_unit(3.5, None), "3.5");
        assert_eq!(with_unit(1.0, Some("a\u{1b}b")), "1 a␛b");
    }

    #[test]
    fn shifts_and_asides() {
        assert_eq!(EN.day_shift(7), "+7d");
        assert_eq!(ZH.day_shift(-3), "-3天");
        assert_eq!(EN.aside("x"), "(x)");
        assert_eq!(ZH.aside("x"), "（x）");
    }
}
