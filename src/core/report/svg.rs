//! The report's pictures as inline SVG, written by hand: a ring gauge, a
//! bar gauge, an objective's burn-up over the recorded weeks, a milestone's
//! pipeline of stages and a metric's sparkline. Colours are presentation
//! attributes of mid tones that read on light and dark pages alike, and
//! text is `currentColor`, so a picture pasted without the stylesheet (into
//! an email, a wiki) still shows. Every text is escaped with [`esc`].

use std::fmt::Write as _;

use crate::core::model::Status;
use crate::core::text::{percent, sanitize, width};

/// Done, and a done stage.
pub const GREEN: &str = "#2e9e5b";
/// In progress.
pub const BLUE: &str = "#3b7dd8";
/// Blocked, and anything overdue.
pub const RED: &str = "#d83b3b";
/// At risk.
pub const AMBER: &str = "#e09100";
/// To do, dropped, and the empty part of a gauge.
pub const GREY: &str = "#8c95a3";

/// Text as HTML (or SVG) text and attribute values: control characters made
/// visible (line breaks kept), and `& < > " '` as entities.
pub fn esc(s: &str) -> String {
    let clean = sanitize(s, true);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The colour a status is drawn in.
pub fn colour(s: Status) -> &'static str {
    match s {
        Status::Done => GREEN,
        Status::InProgress => BLUE,
        Status::Blocked => RED,
        Status::AtRisk => AMBER,
        Status::Todo | Status::Dropped => GREY,
    }
}

/// A number for SVG: at most two decimals, no trailing zeros.
fn n(v: f64) -> String {
    percent(v)
}

/// A ring of `size` pixels, filled to `p` percent in the status's colour,
/// with the percent in its middle.
pub fn ring(p: f64, status: Status, size: u32, label: &str) -> String {
    let p = p.clamp(0.0, 100.0);
    let r = 15.915_494; // a circumference of 100
    let text = format!("{}%", percent(p));
    let font = if text.len() > 4 { 7.0 } else { 8.5 };
    format!(
        concat!(
            r#"<svg class="ring" width="{size}" height="{size}" viewBox="0 0 42 42" role="img" aria-label="{label}">"#,
            r#"<circle cx="21" cy="21" r="{r}" fill="none" stroke="{grey}" stroke-opacity="0.3" stroke-width="5"/>"#,
            r#"<circle cx="21" cy="21" r="{r}" fill="none" stroke="{c}" stroke-width="5" stroke-dasharray="{p} {rest}" stroke-dashoffset="25"/>"#,
            r#"<text x="21" y="21" dy="0.35em" text-anchor="middle" font-size="{font}" font-weight="600" fill="currentColor">{text}</text></svg>"#
        ),
        size = size,
        label = esc(label),
        r = r,
        grey = GREY,
        c = colour(status),
        p = n(p),
        rest = n(100.0 - p),
        font = font,
        text = text,
    )
}

/// A bar of `w` by 8 pixels filled to `p` percent in the status's colour.
pub fn bar(p: f64, status: Status, w: u32) -> String {
    let p = p.clamp(0.0, 100.0);
    let filled = f64::from(w) * p / 100.0;
    format!(
        concat!(
            r#"<svg class="bar" width="{w}" height="8" viewBox="0 0 {w} 8" role="img" aria-label="{pct}%">"#,
            r#"<rect width="{w}" height="8" rx="4" fill="{grey}" fill-opacity="0.3"/>"#,
            r#"<rect width="{f}" height="8" rx="4" fill="{c}"/></svg>"#
        ),
        w = w,
        pct = percent(p),
        grey = GREY,
        f = n(filled),
        c = colour(status),
    )
}

/// An objective's burn-up: its percent in each recorded week (oldest
/// first) as a filled line against the 100% it climbs to, the weeks below,
/// the last percent beside the last point.
pub fn burn_up(points: &[(String, f64)], label: &str) -> String {
    const W: f64 = 280.0;
    const H: f64 = 120.0;
    let (left, right, top, bottom) = (30.0, 46.0, 10.0, 22.0);
    let (pw, ph) = (W - left - right, H - top - bottom);
    let x = |i: usize| {
        if points.len() < 2 {
            left + pw / 2.0
        } else {
            left + pw * i as f64 / (points.len() - 1) as f64
        }
    };
    let y = |p: f64| top + ph * (1.0 - p.clamp(0.0, 100.0) / 100.0);
    let mut s = format!(
        r#"<svg class="burnup" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" aria-label="{}">"#,
        esc(label)
    );
    for g in [0.0, 50.0, 100.0] {
        let _ = write!(
            s,
            r#"<line x1="{left}" x2="{}" y1="{y}" y2="{y}" stroke="{GREY}" stroke-opacity="{}" stroke-dasharray="{}"/><text x="{}" y="{y}" dy="0.35em" text-anchor="end" font-size="9" fill="currentColor" fill-opacity="0.7">{g}%</text>"#,
            left + pw,
            if g == 100.0 { "0.8" } else { "0.35" },
            if g == 100.0 { "4 3" } else { "none" },
            left - 4.0,
            y = n(y(g)),
        );
    }
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, (_, p))| format!("{},{}", n(x(i)), n(y(*p))))
        .collect();
    if points.len() > 1 {
        let _ = write!(
            s,
            r#"<polygon points="{},{} {} {},{}" fill="{BLUE}" fill-opacity="0.18"/><polyline points="{}" fill="none" stroke="{BLUE}" stroke-width="2" stroke-linejoin="round"/>"#,
            n(x(0)),
            n(y(0.0)),
            line.join(" "),
            n(x(points.len() - 1)),
            n(y(0.0)),
            line.join(" "),
        );
    }
    // the weeks: every one when they fit, else the first and last
    let every = points.len() <= 6;
    for (i, (week, p)) in points.iter().enumerate() {
        let _ = write!(
            s,
            r#"<circle cx="{}" cy="{}" r="3" fill="{BLUE}"/>"#,
            n(x(i)),
            n(y(*p))
        );
        if every || i == 0 || i + 1 == points.len() {
            let short = week.rsplit('-').next().unwrap_or(week);
            let _ = write!(
                s,
                r#"<text x="{}" y="{}" text-anchor="middle" font-size="9" fill="currentColor" fill-opacity="0.7">{}</text>"#,
                n(x(i)),
                H - 6.0,
                esc(short)
            );
        }
    }
    if let Some((_, last)) = points.last() {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" dy="0.35em" font-size="10" font-weight="600" fill="currentColor">{}%</text>"#,
            n(x(points.len() - 1) + 6.0),
            n(y(*last)),
            percent(*last)
        );
    }
    s.push_str("</svg>");
    s
}

/// A milestone's pipeline: a chevron per stage, the stages before `at`
/// filled green, the stage at `at` filled in the milestone's colour (green
/// when done), those after left empty; the stage names inside.
pub fn pipeline(stages: &[String], at: Option<usize>, status: Status) -> String {
    const H: f64 = 20.0;
    const TIP: f64 = 6.0;
    let widths: Vec<f64> = stages
        .iter()
        .map(|s| 18.0 + 6.0 * width(&sanitize(s, false)) as f64)
        .collect();
    let total: f64 = widths.iter().sum::<f64>() + TIP;
    let mut s = format!(
        r#"<svg class="pipeline" width="{0}" height="{H}" viewBox="0 0 {0} {H}" role="img">"#,
        n(total)
    );
    let mut x0 = 0.0;
    for (i, (stage, w)) in stages.iter().zip(&widths).enumerate() {
        let fill = match at {
            Some(a) if i < a => Some(GREEN),
            Some(a) if i == a => Some(if status == Status::Done {
                GREEN
            } else {
                colour(status)
            }),
            _ => None,
        };
        let notch = if i == 0 { 0.0 } else { TIP };
        let pts = format!(
            "{},0 {},0 {},{} {},{H} {},{H} {},{}",
            n(x0),
            n(x0 + w),
            n(x0 + w + TIP),
            H / 2.0,
            n(x0 + w),
            n(x0),
            n(x0 + notch),
            H / 2.0
        );
        let _ = match fill {
            Some(c) => write!(
                s,
                r#"<polygon points="{pts}" fill="{c}" stroke="{c}" stroke-width="1"/><text x="{}" y="{}" dy="0.35em" text-anchor="middle" font-size="10" fill="white">{}</text>"#,
                n(x0 + (w + notch) / 2.0),
                H / 2.0,
                esc(stage)
            ),
            None => write!(
                s,
                r#"<polygon points="{pts}" fill="none" stroke="{GREY}" stroke-width="1"/><text x="{}" y="{}" dy="0.35em" text-anchor="middle" font-size="10" fill="currentColor" fill-opacity="0.75">{}</text>"#,
                n(x0 + (w + notch) / 2.0),
                H / 2.0,
                esc(stage)
            ),
        };
        x0 += w;
    }
    s.push_str("</svg>");
    s
}

/// A metric's trend: its values as a line, the target (when there is one)
/// dashed, the last value a dot, green when it meets the target, red when
/// it misses, blue when there is none.
pub fn sparkline(values: &[f64], target: Option<f64>, met: Option<bool>) -> String {
    const W: f64 = 90.0;
    const H: f64 = 22.0;
    let pad = 3.0;
    let all = values.iter().copied().chain(target);
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    let span = if hi - lo < 1e-12 { 1.0 } else { hi - lo };
    let x = |i: usize| {
        if values.len() < 2 {
            W / 2.0
        } else {
            pad + (W - 2.0 * pad) * i as f64 / (values.len() - 1) as f64
        }
    };
    let y = |v: f64| {
        if hi - lo < 1e-12 {
            H / 2.0
        } else {
            pad + (H - 2.0 * pad) * (1.0 - (v - lo) / span)
        }
    };
    let c = match met {
        Some(true) => GREEN,
        Some(false) => RED,
        None => BLUE,
    };
    let mut s =
        format!(r#"<svg class="spark" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img">"#);
    if let Some(t) = target {
        let _ = write!(
            s,
            r#"<line x1="0" x2="{W}" y1="{0}" y2="{0}" stroke="{GREY}" stroke-dasharray="3 2"/>"#,
            n(y(t))
        );
    }
    if values.len() > 1 {
        let pts: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{},{}", n(x(i)), n(y(*v))))
            .collect();
        let _ = write!(
            s,
            r#"<polyline points="{}" fill="none" stroke="{c}" stroke-width="1.5" stroke-linejoin="round"/>"#,
            pts.join(" ")
        );
    }
    if let Some(v) = values.last() {
        let _ = write!(
            s,
            r#"<circle cx="{}" cy="{}" r="2.5" fill="{c}"/>"#,
            n(x(values.len() - 1)),
            n(y(*v))
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_both_quotes() {
        assert_eq!(
            esc(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(esc("&amp;"), "&amp;amp;");
        assert_eq!(esc("a\u{1b}b\nc"), "a␛b\nc");
    }

    #[test]
    fn a_gauge_fills_its_percent_and_no_more() {
        let g = ring(48.95, Status::InProgress, 48, "O1");
        assert!(g.contains(r#"stroke-dasharray="48.95 51.05""#), "{g}");
        assert!(g.contains(">48.95%<"), "{g}");
        let b = bar(150.0, Status::Done, 100);
        assert!(b.contains(r##"<rect width="100" height="8" rx="4" fill="#2e9e5b"/>"##));
    }

    #[test]
    fn a_pipeline_fills_the_stages_passed() {
        let stages: Vec<String> = ["开发", "测试", "联调", "上线"].map(String::from).into();
        let p = pipeline(&stages, Some(2), Status::Blocked);
        assert_eq!(p.matches(&format!(r#"fill="{GREEN}""#)).count(), 2, "{p}");
        assert_eq!(p.matches(&format!(r#"fill="{RED}""#)).count(), 1, "{p}");
        assert_eq!(p.matches(r#"fill="none""#).count(), 1, "{p}");
        let done = pipeline(&stages, Some(3), Status::Done);
        assert_eq!(done.matches(r#"fill="none""#).count(), 0, "{done}");
    }

    #[test]
    fn a_burn_up_has_a_point_per_week() {
        let weeks = [
            ("2023-W24".to_string(), 20.0),
            ("2023-W25".to_string(), 45.5),
        ];
        let b = burn_up(&weeks, "O1");
        assert_eq!(b.matches("<circle").count(), 2, "{b}");
        assert!(b.contains(">W24<") && b.contains(">W25<") && b.contains(">45.5%<"));
        let one = burn_up(&weeks[..1], "O1");
        assert!(!one.contains("<polyline"), "one week is a point: {one}");
    }
}
