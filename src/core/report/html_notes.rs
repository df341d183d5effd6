//! The written texts of the HTML report that stand apart from the
//! progress: an item's note, the week's free items (其他) and the
//! objectives' notes as 收获与反思. Every text goes through [`esc`].

use std::fmt::Write as _;

use super::data::Report;
use super::svg::esc;
use super::words::Words;
use crate::core::l10n::Language;

/// `<p class="CLASS"><b>LABEL</b>：TEXT</p>`, or nothing without a text.
pub(super) fn labelled(w: &Words, class: &str, label: &str, text: Option<&str>) -> String {
    text.map(|t| {
        format!(
            "<p class=\"{class}\"><b>{label}</b>{}{}</p>\n",
            w.colon(),
            esc(t)
        )
    })
    .unwrap_or_default()
}

/// 其他: the free items of the week (`[[other]]`), with dates and notes.
pub(super) fn others(out: &mut String, w: &Words, r: &Report) {
    if r.others.is_empty() {
        return;
    }
    let title = match w.lang {
        Language::Zh => "【其他】",
        Language::En => "Other",
    };
    let _ = writeln!(out, "<section>\n<h2>{title}</h2>\n<ol>");
    for o in &r.others {
        let mut line = esc(o.title);
        if let Some(d) = o.date {
            let _ = write!(line, "{}{d}{}", w.t(" (", "（"), w.t(")", "）"));
        }
        if let Some(n) = &o.note {
            let _ = write!(line, "{}<span class=\"text\">{}</span>", w.colon(), esc(n));
        }
        let _ = writeln!(out, "<li>{line}</li>");
    }
    out.push_str("</ol>\n</section>\n");
}

/// 收获与反思: the objectives' notes, a paragraph a line as written.
pub(super) fn reflections(out: &mut String, w: &Words, r: &Report) {
    let notes: Vec<_> = r
        .objectives
        .iter()
        .filter_map(|o| Some((o, o.note?)))
        .collect();
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section>\n<h2>{}</h2>",
        w.t("Lessons and reflections", "收获与反思")
    );
    let several = notes.len() > 1;
    for (o, note) in notes {
        if several {
            let _ = writeln!(out, "<h3>{}</h3>", esc(o.title));
        }
        for line in note.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let _ = writeln!(out, "<p class=\"text\">{}</p>", esc(line));
        }
    }
    out.push_str("</section>\n");
}
