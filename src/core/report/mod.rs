//! The weekly report, in the shape of the team's own: progress per objective
//! and project with changes since last week, what is overdue, what stalled,
//! and next week's plan. `data` is the report as data ([`Report`]), `build`
//! makes it ([`for_week`]), `render` writes it as Markdown or JSON text (with
//! `words`: its labels and the escaping of written text), `html` as one
//! self-contained HTML page with pictures from `svg`, either whole or
//! written out a part at a time as it is rendered (`sink`), and
//! `file` writes that text to disk.

mod build;
mod data;
mod file;
mod html;
mod html_notes;
mod json;
mod passes;
#[cfg(test)]
mod passes_tests;
mod render;
mod sink;
mod svg;
mod words;

pub use build::{Outline, ReportError, build, for_week, outline_for_week};
pub use data::{
    IncidentReport, Late, MetricReport, MilestoneReport, ObjectiveReport, Operations, OtherReport,
    Plan, ProjectReport, Report, ReportProblem, Stalled, WeekPoint,
};
pub use file::write_file;
pub use html::{html, html_to};
pub use json::{json, json_to};
pub use passes::{Form, StreamError, Streamed, current_to};
pub use render::{markdown, markdown_to};
pub use sink::Sections;
