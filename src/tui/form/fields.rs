//! A form's fields: what each holds, its input, error and hint, and the
//! item fields the edit form offers with their current text.

use tui_input::Input;

use super::incident::IncidentField;
use crate::core::Field;
use crate::core::model::{ItemRef, Kind};
use crate::core::text::percent;
use crate::tui::strings::{self as t, Strings};

/// What a form field holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Slot {
    Id,
    Of(Field),
    Incident(IncidentField),
}

/// One labelled input.
#[derive(Clone, Debug)]
pub struct FormField {
    pub slot: Slot,
    pub input: Input,
    pub original: String,
    /// Why the value cannot be saved, shown under it.
    pub error: Option<String>,
    /// What the value means, when that is not obvious (`+3d` is 2023-06-23).
    pub hint: Option<String>,
}

impl FormField {
    pub(super) fn new(slot: Slot, value: String) -> Self {
        FormField {
            slot,
            input: Input::new(value.clone()),
            original: value,
            error: None,
            hint: None,
        }
    }

    /// The TOML key of the field.
    pub fn label(&self) -> &'static str {
        match self.slot {
            Slot::Id => "id",
            Slot::Of(f) => f.key(),
            Slot::Incident(f) => f.key(),
        }
    }

    /// The field's name in a language (in English, its key).
    pub fn name(&self, s: Strings) -> &'static str {
        match self.slot {
            Slot::Id => s.get(t::ID),
            Slot::Of(f) => s.field(f),
            Slot::Incident(f) => s.incident_field(f),
        }
    }

    /// The label the form shows: `due`, or `截止 due`.
    pub fn shown_label(&self, s: Strings) -> String {
        s.form_label(self.label(), self.name(s))
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn changed(&self) -> bool {
        self.value() != self.original
    }

    /// Whether the field holds paragraphs (`update`, `note`).
    pub fn multiline(&self) -> bool {
        matches!(self.slot, Slot::Of(f) if is_multiline(f))
    }
}

/// The fields the edit form offers an item of `kind`, in order: the
/// counts and stage of a milestone, the stages of a project, the long
/// texts last.
pub fn edit_fields(kind: Kind) -> Vec<Field> {
    use Field::*;
    let mut v = vec![Title, Owner, Status, Due, Start, Percent];
    match kind {
        Kind::Milestone => v.extend([Stage, Done, Total]),
        Kind::Project => v.push(Stages),
        Kind::Objective => {}
    }
    v.extend([Weight, Tags, Update, Next, Blocker, Note]);
    v
}

/// Whether a field holds paragraphs: Enter makes a new line in it.
pub fn is_multiline(field: Field) -> bool {
    matches!(field, Field::Update | Field::Note)
}

/// The text of an item's field, as the edit form shows it.
pub(super) fn current(item: ItemRef, field: Field) -> String {
    let f = item.fields();
    let text = |s: &Option<Box<str>>| s.as_deref().unwrap_or_default().to_string();
    let milestone = match item {
        ItemRef::Milestone(m, _) => Some(m),
        _ => None,
    };
    let count = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    match field {
        Field::Title => f.title.clone(),
        Field::Owner => f.owner.as_deref().unwrap_or_default().to_string(),
        Field::Status => f.status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        Field::Due => f.due.map(|d| d.to_string()).unwrap_or_default(),
        Field::Start => f.start.map(|d| d.to_string()).unwrap_or_default(),
        Field::Percent => f.percent.map(percent).unwrap_or_default(),
        Field::Weight => f.weight.map(percent).unwrap_or_default(),
        Field::Tags => f.tags.join(", "),
        Field::Update => text(&f.update),
        Field::Next => text(&f.next),
        Field::Blocker => text(&f.blocker),
        Field::Note => text(&f.note),
        Field::Stage => milestone
            .and_then(|m| m.stage.as_deref())
            .unwrap_or_default()
            .to_string(),
        Field::Done => count(milestone.and_then(|m| m.done)),
        Field::Total => count(milestone.and_then(|m| m.total)),
        Field::Stages => match item {
            ItemRef::Project(p) => p.stages.join(", "),
            _ => String::new(),
        },
        Field::Value => String::new(),
    }
}

/// The most characters a field or the search holds: a title or a note is a
/// line or a paragraph, and a paste of a whole file is a mistake.
pub const MAX_FIELD: usize = 10_000;

/// `input` with `text` pasted at its cursor in one piece (line breaks and
/// tabs as spaces, other control characters left out), cut so that the
/// value holds at most [`MAX_FIELD`] characters. Linear in the sizes,
/// where typing a paste character by character is quadratic. True if
/// some of `text` was left out.
pub fn paste_into(input: &mut Input, text: &str) -> bool {
    paste_lines(input, text, false)
}

/// [`paste_into`], keeping line breaks (as `\n`) when `lines` is set:
/// the paste into a field of paragraphs.
pub fn paste_lines(input: &mut Input, text: &str, lines: bool) -> bool {
    let value = input.value();
    let at = value
        .char_indices()
        .nth(input.cursor())
        .map_or(value.len(), |(i, _)| i);
    let room = MAX_FIELD.saturating_sub(value.chars().count());
    let mut pasted = String::with_capacity(text.len().min(room * 4));
    let mut count = 0;
    let mut cut = false;
    let text = if lines {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    for c in text.chars() {
        let c = if lines && c == '\n' {
            c
        } else if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        };
        if c.is_control() && c != '\n' {
            continue;
        }
        if count == room {
            cut = true;
            break;
        }
        pasted.push(c);
        count += 1;
    }
    let cursor = input.cursor() + count;
    let new = [&value[..at], pasted.as_str(), &value[at..]].concat();
    *input = Input::new(new).with_cursor(cursor);
    cut
}
