//! What the earlier weeks of history hold in memory: resident memory
//! (VmRSS, from /proc/self/status) and heap in use (glibc's `mallinfo2`)
//! before and after `History::load` of the weeks before `--today` (up to
//! 12), and per item and week.
//!
//! ```text
//! cargo run --release --example history_mem -- [--today 2023-06-20] DIR
//! ```

use chrono::NaiveDate;
use stride::core::history::History;
use stride::core::memory::{in_use, resident};

/// Resident memory in KiB.
fn rss_kib() -> u64 {
    (resident().unwrap_or(0) / 1024) as u64
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut today = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
    let mut dir = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--today" => {
                today = args
                    .next()
                    .and_then(|d| d.parse().ok())
                    .expect("--today YYYY-MM-DD")
            }
            _ => dir = Some(a),
        }
    }
    let dir = dir.expect("usage: history_mem [--today YYYY-MM-DD] DIR");
    let (before, heap_before) = (rss_kib(), in_use().unwrap_or(0));
    let h = History::load(std::path::Path::new(&dir), today);
    let (after, heap_after) = (rss_kib(), in_use().unwrap_or(0));
    let weeks = h.earlier.len().max(1) as u64;
    let items = h.earlier.first().map_or(0, |s| s.len());
    println!(
        "weeks {} items {} rss before {} KiB after {} KiB held {} KiB, {} KiB a week, {:.1} bytes an item-week",
        h.earlier.len(),
        items,
        before,
        after,
        after - before,
        (after - before) / weeks,
        (after - before) as f64 * 1024.0 / (weeks as f64 * items.max(1) as f64)
    );
    let heap = heap_after.saturating_sub(heap_before);
    println!(
        "heap held {} KiB, {:.1} bytes an item-week; weeks held against a newer one: {:?}",
        heap / 1024,
        heap as f64 / (weeks as f64 * items.max(1) as f64),
        h.earlier.iter().map(|s| s.differing()).collect::<Vec<_>>()
    );
    std::hint::black_box(&h);
}
