//! An item's weekly percents ([`weekly`]: the weeks recorded in history,
//! then the live value of this week) and a straight-line forecast of when
//! it reaches 100% at its recent pace ([`forecast`]).

use chrono::{Days, NaiveDate};

use super::history::History;
use super::settings::{monday_of, parse_iso_week};

/// How many of the newest weekly points the pace is fitted to.
pub const PACE_POINTS: usize = 5;

/// A pace below this many points a week is no pace.
const MIN_PACE: f64 = 0.01;

/// One week's percent of an item.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeekPoint {
    /// The Monday of the week.
    pub monday: NaiveDate,
    pub percent: f64,
}

impl WeekPoint {
    /// Weeks from `from`'s week to this one (negative before it).
    pub fn weeks_from(&self, from: NaiveDate) -> i64 {
        (self.monday - monday_of(from)).num_days().div_euclid(7)
    }
}

/// When an item reaches 100% at its recent pace.
#[derive(Clone, Debug, PartialEq)]
pub enum Forecast {
    /// It is at 100% already.
    Done,
    /// Fewer than two weeks recorded, or no progress or going back over
    /// the recent weeks: no forecast.
    NoPace,
    /// At `pace` points a week from its percent now, it reaches 100% in
    /// the week of `monday`, `weeks` weeks after this one.
    Reaches {
        /// Points a week, fitted by least squares to the recent weeks.
        pace: f64,
        /// Weeks from now (fractional) until 100% on the straight line.
        exact: f64,
        /// Whole weeks after this one: the week it reaches 100% in.
        weeks: u32,
        /// The Monday of that week.
        monday: NaiveDate,
        /// Weeks after the week of the due date (0 the same week,
        /// negative before it); `None` without a due date.
        after_due: Option<i64>,
    },
}

impl Forecast {
    /// A forecast that reaches 100% in a week after the due date's.
    pub fn is_late(&self) -> bool {
        matches!(self, Forecast::Reaches { after_due: Some(w), .. } if *w > 0)
    }
}

/// The item at `path`'s weekly percents, oldest first: each earlier week
/// that recorded it, then `now` for `today`'s week.
pub fn weekly(history: &History, path: &str, today: NaiveDate, now: f64) -> Vec<WeekPoint> {
    let this_week = monday_of(today);
    let mut points: Vec<WeekPoint> = history
        .earlier
        .iter()
        .rev()
        .filter_map(|s| {
            let monday = parse_iso_week(&s.week)?;
            let r = s.get(path)?;
            (monday < this_week).then_some(WeekPoint {
                monday,
                percent: r.percent,
            })
        })
        .collect();
    points.push(WeekPoint {
        monday: this_week,
        percent: now,
    });
    points
}

/// The slope, in points a week, of the least-squares line through the
/// newest [`PACE_POINTS`] points; `None` with fewer than two.
pub fn pace(points: &[WeekPoint]) -> Option<f64> {
    let recent = &points[points.len().saturating_sub(PACE_POINTS)..];
    let last = recent.last()?;
    if recent.len() < 2 {
        return None;
    }
    let xs: Vec<f64> = recent
        .iter()
        .map(|p| p.weeks_from(last.monday) as f64)
        .collect();
    let n = recent.len() as f64;
    let mx = xs.iter().sum::<f64>() / n;
    let my = recent.iter().map(|p| p.percent).sum::<f64>() / n;
    let sxx: f64 = xs.iter().map(|x| (x - mx) * (x - mx)).sum();
    if sxx < 1e-12 {
        return None;
    }
    let sxy: f64 = xs
        .iter()
        .zip(recent)
        .map(|(x, p)| (x - mx) * (p.percent - my))
        .sum();
    Some(sxy / sxx)
}

/// When the item of these weekly points (oldest first, the last one this
/// week's) reaches 100%, going on from its percent now at its recent pace.
pub fn forecast(points: &[WeekPoint], due: Option<NaiveDate>) -> Forecast {
    let Some(last) = points.last() else {
        return Forecast::NoPace;
    };
    if last.percent >= 100.0 - 1e-9 {
        return Forecast::Done;
    }
    let Some(pace) = pace(points).filter(|p| *p >= MIN_PACE) else {
        return Forecast::NoPace;
    };
    let exact = (100.0 - last.percent) / pace;
    let weeks = exact.ceil().min(f64::from(u32::MAX / 8)) as u32;
    let Some(monday) = last
        .monday
        .checked_add_days(Days::new(7 * u64::from(weeks)))
    else {
        return Forecast::NoPace;
    };
    let after_due = due.map(|d| (monday - monday_of(d)).num_days().div_euclid(7));
    Forecast::Reaches {
        pace,
        exact,
        weeks,
        monday,
        after_due,
    }
}

/// `▁▃▅█`: percents as bars of eight heights, 0 to 100 (not the lowest
/// to highest of the series, so that a flat 90% reads high).
pub fn percent_sparkline(points: &[WeekPoint]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    points
        .iter()
        .map(|p| BARS[((p.percent.clamp(0.0, 100.0) / 100.0) * 7.0).round() as usize])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::history::{Record, Snapshot};
    use crate::core::model::Status;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Weekly points from the ISO week `first` on, one a week.
    fn points(first: &str, percents: &[f64]) -> Vec<WeekPoint> {
        let start = parse_iso_week(first).unwrap();
        percents
            .iter()
            .enumerate()
            .map(|(i, &percent)| WeekPoint {
                monday: start + Days::new(7 * i as u64),
                percent,
            })
            .collect()
    }

    #[test]
    fn a_steady_pace_reaches_100_on_a_straight_line() {
        // W22..W26 at 10 points a week: 60% in W26, 100% four weeks on
        let p = points("2023-W22", &[20.0, 30.0, 40.0, 50.0, 60.0]);
        let f = forecast(&p, Some(d("2023-07-31")));
        let Forecast::Reaches {
            pace,
            weeks,
            monday,
            after_due,
            ..
        } = f
        else {
            panic!("{f:?}")
        };
        assert!((pace - 10.0).abs() < 1e-9, "{pace}");
        assert_eq!(weeks, 4);
        assert_eq!(monday, d("2023-07-24"), "W30");
        assert_eq!(after_due, Some(-1), "a week before the due date's week");
        assert!(!f.is_late());
    }

    #[test]
    fn the_pace_is_the_recent_weeks_least_squares_slope() {
        // old weeks stood still; the newest five climb 5 a week
        let p = points(
            "2023-W14",
            &[0.0, 0.0, 0.0, 0.0, 10.0, 15.0, 20.0, 25.0, 30.0],
        );
        assert!((pace(&p).unwrap() - 5.0).abs() < 1e-9);
        // a noisy climb: least squares, not the last step
        let q = points("2023-W22", &[10.0, 22.0, 28.0, 41.0, 49.0]);
        let slope = pace(&q).unwrap();
        assert!((slope - 9.7).abs() < 1e-9, "{slope}");
        // weeks missing from history count as weeks
        let mut gap = points("2023-W20", &[0.0, 40.0]);
        gap[1].monday = d("2023-06-12"); // W24: four weeks later
        assert!((pace(&gap).unwrap() - 10.0).abs() < 1e-9);
    }

    #[test]
    fn no_progress_or_one_week_is_no_forecast() {
        let flat = points("2023-W22", &[40.0, 40.0, 40.0]);
        assert_eq!(forecast(&flat, None), Forecast::NoPace);
        let one = points("2023-W26", &[40.0]);
        assert_eq!(forecast(&one, None), Forecast::NoPace);
        assert_eq!(forecast(&[], None), Forecast::NoPace);
    }

    #[test]
    fn going_back_is_no_forecast() {
        let regress = points("2023-W22", &[70.0, 60.0, 55.0, 50.0]);
        assert!(pace(&regress).unwrap() < 0.0);
        assert_eq!(forecast(&regress, Some(d("2023-07-01"))), Forecast::NoPace);
    }

    #[test]
    fn an_item_at_100_is_done() {
        let done = points("2023-W22", &[80.0, 90.0, 100.0]);
        assert_eq!(forecast(&done, Some(d("2023-06-01"))), Forecast::Done);
        assert!(!forecast(&done, Some(d("2023-06-01"))).is_late());
    }

    #[test]
    fn a_forecast_after_the_due_week_is_late() {
        // 10 a week from 70% in W26: 100% in W29 (2023-07-17)
        let p = points("2023-W24", &[50.0, 60.0, 70.0]);
        let late = forecast(&p, Some(d("2023-07-07"))); // due in W27
        assert!(late.is_late());
        assert!(matches!(
            late,
            Forecast::Reaches { weeks: 3, after_due: Some(2), monday, .. } if monday == d("2023-07-17")
        ));
        // due the Friday of the week it reaches 100%: on time
        let same_week = forecast(&p, Some(d("2023-07-21")));
        assert!(matches!(
            same_week,
            Forecast::Reaches {
                after_due: Some(0),
                ..
            }
        ));
        assert!(!same_week.is_late());
        // no due date: never late
        assert!(!forecast(&p, None).is_late());
    }

    #[test]
    fn a_fractional_crossing_rounds_up_to_the_week_it_falls_in() {
        let p = points("2023-W25", &[60.0, 75.0]);
        let Forecast::Reaches { exact, weeks, .. } = forecast(&p, None) else {
            panic!()
        };
        assert!((exact - 25.0 / 15.0).abs() < 1e-9);
        assert_eq!(weeks, 2);
    }

    #[test]
    fn weekly_takes_recorded_weeks_oldest_first_then_now() {
        let rec = |percent| Record {
            percent,
            status: Status::InProgress,
            stage: None,
            due: None,
        };
        let week = |w: &str, items: Vec<(String, Record)>| Snapshot::new(w.into(), None, items);
        let h = History {
            // newest first, as read
            earlier: vec![
                week("2023-W25", vec![("o/p".into(), rec(30.0))]),
                week("2023-W24", vec![("o/q".into(), rec(99.0))]),
                week("2023-W23", vec![("o/p".into(), rec(10.0))]),
            ],
            problems: vec![],
        };
        let got = weekly(&h, "o/p", d("2023-06-28"), 42.0);
        let percents: Vec<f64> = got.iter().map(|p| p.percent).collect();
        assert_eq!(percents, [10.0, 30.0, 42.0]);
        assert_eq!(got[0].monday, d("2023-06-05"));
        assert_eq!(got[2].monday, d("2023-06-26"), "this week's Monday");
        assert_eq!(got[0].weeks_from(d("2023-06-28")), -3);
    }

    #[test]
    fn the_sparkline_reads_percents_from_0_to_100() {
        let p = points("2023-W22", &[0.0, 50.0, 90.0, 100.0]);
        assert_eq!(percent_sparkline(&p), "▁▅▇█");
        let flat = points("2023-W22", &[90.0, 90.0]);
        assert_eq!(percent_sparkline(&flat), "▇▇");
    }
}
