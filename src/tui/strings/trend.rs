//! The trend screen (`t`) and the detail pane's sparkline.

use super::{Strings, Text};

/// The chart's line of recorded weeks.
pub const SERIES_PERCENT: Text = ("percent", "完成度");
/// The chart's straight line on to 100%.
pub const SERIES_FORECAST: Text = ("forecast", "预测");
/// The detail pane's label for the sparkline (fits the labels' 8 columns).
pub const TREND_LABEL: Text = ("trend", "走势");
pub const NO_FORECAST_PACE: Text = (
    "no forecast: no progress over the recent weeks",
    "无预测：近几周没有进展",
);
pub const NO_FORECAST_WEEKS: Text = (
    "no forecast: no earlier week in history/ records this item",
    "无预测：history/ 中没有此条目此前的周记录",
);
pub const FORECAST_DONE: Text = ("done: at 100%", "已完成：100%");
pub const NO_DUE: Text = ("no due date", "无截止日期");
pub const TREND_KEYS: Text = ("t q Esc back", "t q Esc 返回");

impl Strings {
    /// ` Trend · 银联云闪付 · t q Esc back `
    pub fn trend_title(self, title: &str) -> String {
        self.pick(
            format!(" Trend · {title} · {} ", self.get(TREND_KEYS)),
            format!(" 走势 · {title} · {} ", self.get(TREND_KEYS)),
        )
    }

    /// The chart's due-date line: `due W28`, `截止 第28周`.
    pub fn series_due(self, week: &str) -> String {
        self.pick(format!("due {week}"), format!("截止 {week}"))
    }

    /// `now 35% (W26) · pace +5.2 points a week since W22`; no pace with
    /// a single week.
    pub fn trend_now(self, percent: &str, week: &str, pace: Option<(f64, &str)>) -> String {
        let now = self.pick(
            format!("now {percent}% ({week})"),
            format!("本周 {percent}%（{week}）"),
        );
        match pace {
            None => now,
            Some((p, since)) => self.pick(
                format!("{now} · pace {p:+.1} points a week since {since}"),
                format!("{now} · 自{since}起每周 {p:+.1} 个百分点"),
            ),
        }
    }

    /// `at this pace: 100% in week 29 (2023-07-17), 2 weeks after due`.
    /// `after_due` is in weeks, negative before the due date's week.
    pub fn trend_forecast(self, week: u32, monday: &str, after_due: Option<i64>) -> String {
        let when = self.pick(
            format!("at this pace: 100% in week {week} ({monday})"),
            format!("按此速度：第{week}周（{monday}）达到 100%"),
        );
        let due = match after_due {
            None => return when,
            Some(0) => self.pick("the week it is due".to_string(), "即截止当周".to_string()),
            Some(w) if w > 0 => self.pick(
                format!("{} after due", self.lang.weeks(w as u32)),
                format!("比截止晚 {w} 周"),
            ),
            Some(w) => self.pick(
                format!("{} before due", self.lang.weeks(w.unsigned_abs() as u32)),
                format!("比截止早 {} 周", w.unsigned_abs()),
            ),
        };
        self.pick(format!("{when}, {due}"), format!("{when}，{due}"))
    }

    /// `due 2023-07-13 (W28)`.
    pub fn trend_due(self, due: &str, week: &str) -> String {
        self.pick(
            format!("due {due} ({week})"),
            format!("截止 {due}（{week}）"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::settings::Language;

    const EN: Strings = Strings { lang: Language::En };
    const ZH: Strings = Strings { lang: Language::Zh };

    #[test]
    fn the_forecast_reads_in_both_languages() {
        assert_eq!(
            EN.trend_forecast(29, "2023-07-17", Some(2)),
            "at this pace: 100% in week 29 (2023-07-17), 2 weeks after due"
        );
        assert_eq!(
            ZH.trend_forecast(29, "2023-07-17", Some(2)),
            "按此速度：第29周（2023-07-17）达到 100%，比截止晚 2 周"
        );
        assert_eq!(
            EN.trend_forecast(29, "2023-07-17", Some(-1)),
            "at this pace: 100% in week 29 (2023-07-17), 1 week before due"
        );
        assert_eq!(
            EN.trend_forecast(29, "2023-07-17", None),
            "at this pace: 100% in week 29 (2023-07-17)"
        );
        assert!(
            ZH.trend_forecast(29, "2023-07-17", Some(0))
                .ends_with("即截止当周")
        );
        assert_eq!(
            EN.trend_now("35", "W26", Some((5.26, "W22"))),
            "now 35% (W26) · pace +5.3 points a week since W22"
        );
    }
}
