//! The report's words and the Markdown escaping of text from files: what
//! the Markdown renderer builds its lines from.

use super::data::ReportProblem;
use crate::core::history::Movement;
use crate::core::l10n::Language;
use crate::core::model::Status;
use crate::core::text::{percent, sanitize};

/// The labels of one language: the report's own, beside the shared terms
/// of [`crate::core::l10n`].
pub(super) struct Words {
    pub(super) lang: Language,
}

impl Words {
    pub(super) fn t(&self, en: &'static str, zh: &'static str) -> &'static str {
        self.lang.pick(en, zh)
    }

    /// The columns of the overdue table, in both renderings.
    pub(super) fn overdue_columns(&self) -> [&'static str; 5] {
        [
            self.t("Item", "事项"),
            self.t("Owner", "负责人"),
            self.t("Due", "截止"),
            self.t("Days overdue", "逾期天数"),
            self.t("Status", "状态"),
        ]
    }

    pub(super) fn colon(&self) -> &'static str {
        self.lang.colon()
    }

    pub(super) fn status(&self, s: Status) -> &'static str {
        self.lang.status_in_prose(s)
    }

    /// A problem of the report's data, above the report.
    pub(super) fn problem(&self, p: &ReportProblem) -> String {
        match (self.lang, p) {
            (Language::En, p) => p.to_string(),
            (Language::Zh, ReportProblem::NotLoaded(path)) => {
                format!("{} 无法加载，未计入周报", path.display())
            }
            (Language::Zh, ReportProblem::NotAFile(path)) => {
                format!("{} 不是普通文件，未计入周报", path.display())
            }
            (Language::Zh, ReportProblem::History(d)) => format!("历史记录：{d}"),
            (Language::Zh, ReportProblem::PastWeek(week)) => format!(
                "{week} 周的数据取自历史文件：进度、状态、阶段和截止日期为当时的记录；历史中不保存文字和数量"
            ),
        }
    }
}

/// Text from a file as inline Markdown that shows as written and does
/// nothing else: control characters made visible, line breaks folded,
/// `<` and `>` as entities (no HTML: no `<script>`, no `<img onerror>`),
/// `&` too where it would start an entity (`&copy;`), and a backslash
/// before each character that makes links, emphasis, code or tables
/// (`\ ` * _ [ ] ( ) # | ~`). Other text, Chinese included, is untouched.
pub(super) fn md(s: &str) -> String {
    let folded = s.replace(['\n', '\r'], " ");
    let clean = sanitize(&folded, false);
    let mut out = String::with_capacity(clean.len() + 8);
    for (i, c) in clean.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if starts_entity(&clean[i + 1..]) => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether the text after a `&` would make it an entity: `copy;`, `#38;`.
pub(super) fn starts_entity(after: &str) -> bool {
    let name = after
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name > 0 && after.as_bytes().get(name) == Some(&b';')
}

/// [`md`] for text that starts a line, where `- `, `+ `, `= `, `1. ` or
/// leading spaces would make a list, a heading or code: escaped too.
pub(super) fn md_line(s: &str) -> String {
    let text = md(s.trim_start());
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if text.starts_with(['-', '+', '=']) {
        format!("\\{text}")
    } else if digits > 0 && text[digits..].starts_with('.') {
        format!("{}\\{}", &text[..digits], &text[digits..])
    } else {
        text
    }
}

/// An item's path as code, or escaped text when a backtick would end the code.
pub(super) fn code(path: &str) -> String {
    if path.contains('`') {
        md(path)
    } else {
        format!("`{}`", sanitize(path, false))
    }
}

/// `48.95%（▲ 1.2）` or `48.95% (▲ 1.2)`.
pub(super) fn pct_with_delta(w: &Words, p: f64, delta: Option<f64>, is_new: bool) -> String {
    let label = w.lang.delta(&Movement {
        delta,
        is_new,
        ..Movement::default()
    });
    match (label.is_empty(), w.lang) {
        (true, _) => format!("{}%", percent(p)),
        (false, Language::Zh) => format!("{}%（{label}）", percent(p)),
        (false, Language::En) => format!("{}% ({label})", percent(p)),
    }
}

/// ` (4 days overdue)`, `（逾期4天）`, after a due date.
pub(super) fn late_label(w: &Words, days: i64) -> String {
    let late = w.lang.days_overdue(days);
    w.lang
        .pick(format!(" {}", w.lang.aside(&late)), w.lang.aside(&late))
}
