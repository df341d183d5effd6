//! `list --format csv`: a row per item, every field as written, then the
//! computed status and percent.

use std::io::{self, Write};

use super::columns::{Column, cell, value_of};
use crate::core::listing::Item;
use crate::core::text::percent;

/// The cells of one item's row, in the order of [`Column::all`].
pub fn record(item: &Item<'_>) -> Vec<String> {
    Column::all()
        .into_iter()
        .map(|c| match c {
            Column::Path => item.path_string(),
            Column::Kind => item.kind().as_str().to_string(),
            Column::Field(f) => cell(value_of(item.item, f).as_ref()),
            Column::EffectiveStatus => item.status.as_str().to_string(),
            Column::EffectivePercent => percent(item.percent),
        })
        .collect()
}

/// Writes the header row and `records` as RFC 4180 CSV (UTF-8, CRLF
/// line ends, fields quoted when they need it).
pub fn write(records: impl Iterator<Item = Vec<String>>, out: &mut impl Write) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(Column::all().iter().map(|c| c.name()))?;
    for r in records {
        w.write_record(&r)?;
    }
    w.flush()
}
