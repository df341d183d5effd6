//! The edit and add forms: labelled text inputs, validated as typed.

use chrono::NaiveDate;
use tui_input::{Input, InputRequest};

use crate::core::change::id_problem;
use crate::core::dates::parse_relative;
use crate::core::edit::round_percent;
use crate::core::model::{Fields, ItemPath, Kind, Portfolio};
use crate::core::text::percent;
use crate::core::{Change, Edit, Field, Value};
use crate::tui::strings::{self as t, Strings};

/// What a form is for.
#[derive(Clone, Debug, PartialEq)]
pub enum FormKind {
    /// Edit the fields of an item.
    Edit(ItemPath),
    /// Add a child under this item (a project under an objective, a
    /// milestone under a project).
    Add(ItemPath),
}

/// What a form field holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Slot {
    Id,
    Of(Field),
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
    fn new(slot: Slot, value: String) -> Self {
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
        }
    }

    /// The field's name in a language (in English, its key).
    pub fn name(&self, s: Strings) -> &'static str {
        match self.slot {
            Slot::Id => s.get(t::ID),
            Slot::Of(f) => s.field(f),
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
}

/// A form over one item.
#[derive(Clone, Debug)]
pub struct Form {
    pub kind: FormKind,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// The language of its labels and messages.
    pub strings: Strings,
}

/// The fields the edit form offers, in order.
pub const EDIT_FIELDS: [Field; 9] = [
    Field::Title,
    Field::Owner,
    Field::Due,
    Field::Start,
    Field::Percent,
    Field::Update,
    Field::Next,
    Field::Blocker,
    Field::Note,
];

fn current(f: &Fields, field: Field) -> String {
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    match field {
        Field::Title => f.title.clone(),
        Field::Owner => text(&f.owner),
        Field::Due => f.due.map(|d| d.to_string()).unwrap_or_default(),
        Field::Start => f.start.map(|d| d.to_string()).unwrap_or_default(),
        Field::Percent => f.percent.map(percent).unwrap_or_default(),
        Field::Update => text(&f.update),
        Field::Next => text(&f.next),
        Field::Blocker => text(&f.blocker),
        Field::Note => text(&f.note),
        _ => String::new(),
    }
}

impl Form {
    /// The edit form for the item at `path`, filled with its values.
    pub fn edit(p: &Portfolio, path: &ItemPath) -> Option<Form> {
        let fields = p.get(path)?.fields();
        Some(Form {
            kind: FormKind::Edit(path.clone()),
            fields: EDIT_FIELDS
                .iter()
                .map(|&f| FormField::new(Slot::Of(f), current(fields, f)))
                .collect(),
            focus: 0,
            strings: Strings::of(p),
        })
    }

    /// A form with just one field of the item at `path`.
    pub fn single(p: &Portfolio, path: &ItemPath, field: Field) -> Option<Form> {
        let fields = p.get(path)?.fields();
        Some(Form {
            kind: FormKind::Edit(path.clone()),
            fields: vec![FormField::new(Slot::Of(field), current(fields, field))],
            focus: 0,
            strings: Strings::of(p),
        })
    }

    /// The form adding a child to `parent`: an id and a title.
    pub fn add(parent: &ItemPath, strings: Strings) -> Form {
        Form {
            kind: FormKind::Add(parent.clone()),
            fields: vec![
                FormField::new(Slot::Id, String::new()),
                FormField::new(Slot::Of(Field::Title), String::new()),
            ],
            focus: 0,
            strings,
        }
    }

    /// The heading of the form.
    pub fn heading(&self) -> String {
        let s = self.strings;
        match &self.kind {
            FormKind::Edit(p) => s.form_edit(&p.to_string()),
            FormKind::Add(p) => match p.kind() {
                Kind::Objective => s.form_add_project(&p.to_string()),
                _ => s.form_add_milestone(&p.to_string()),
            },
        }
    }

    pub fn focused(&mut self) -> &mut FormField {
        &mut self.fields[self.focus]
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
    }

    pub fn prev_field(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
    }

    /// Edits the focused input, then validates the whole form.
    pub fn input(&mut self, req: InputRequest, p: &Portfolio, today: NaiveDate) {
        self.focused().input.handle(req);
        self.validate(p, today);
    }

    /// Inserts pasted text at the cursor; line breaks become spaces.
    pub fn paste(&mut self, text: &str, p: &Portfolio, today: NaiveDate) {
        for c in text.chars() {
            let c = if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            };
            if !c.is_control() {
                self.focused().input.handle(InputRequest::InsertChar(c));
            }
        }
        self.validate(p, today);
    }

    /// Checks every field, setting its error and hint.
    pub fn validate(&mut self, p: &Portfolio, today: NaiveDate) {
        let parent = match &self.kind {
            FormKind::Add(parent) => Some(parent.clone()),
            FormKind::Edit(_) => None,
        };
        let s = self.strings;
        for f in &mut self.fields {
            let v = f.input.value().trim().to_string();
            f.hint = None;
            f.error = match f.slot {
                Slot::Id => {
                    let raw = f.input.value();
                    id_problem(raw).map(|e| s.id_problem(raw, e)).or_else(|| {
                        let path = child_path(parent.as_ref()?, raw)?;
                        p.get(&path).map(|_| s.already_exists(&path.to_string()))
                    })
                }
                Slot::Of(Field::Title) if v.is_empty() => Some(s.get(t::TITLE_REQUIRED).into()),
                Slot::Of(Field::Due | Field::Start) if !v.is_empty() => {
                    match parse_relative(&v, today) {
                        Ok(d) => {
                            if d.to_string() != v {
                                f.hint = Some(format!("= {d}"));
                            }
                            None
                        }
                        Err(e) => Some(s.not_a_date(&v, e)),
                    }
                }
                Slot::Of(Field::Percent) if !v.is_empty() => match v.parse::<f64>() {
                    Ok(n) if n.is_finite() && (0.0..=100.0).contains(&n) => None,
                    _ => Some(s.not_a_percent(&v)),
                },
                _ => None,
            };
        }
    }

    /// The first field with an error, if any.
    pub fn first_error(&self) -> Option<(usize, String)> {
        self.fields.iter().enumerate().find_map(|(i, f)| {
            let e = f.error.as_ref()?;
            Some((i, self.strings.field_problem(f.name(self.strings), e)))
        })
    }

    /// The changes the form asks for (only the fields that changed), or why
    /// it cannot be saved.
    pub fn changes(&self, today: NaiveDate) -> Result<Vec<Change>, (usize, String)> {
        if let Some(e) = self.first_error() {
            return Err(e);
        }
        match &self.kind {
            FormKind::Add(parent) => {
                let id = self.fields[0].value();
                let title = self.fields[1].value().trim().to_string();
                Ok(vec![Change::Add {
                    path: child_path(parent, id)
                        .ok_or((0, self.strings.get(t::CANNOT_ADD_HERE).to_string()))?,
                    title,
                    restore: None,
                }])
            }
            FormKind::Edit(path) => {
                let mut changes = Vec::new();
                // when both dates move later, the due date goes first (and
                // when they move earlier, the start), so each step is valid
                let due_moves_later = self.fields.iter().any(|f| {
                    f.slot == Slot::Of(Field::Due)
                        && f.changed()
                        && parse_relative(f.value(), today).ok().map(|d| d.to_string())
                            > Some(f.original.clone())
                });
                let mut order: Vec<&FormField> =
                    self.fields.iter().filter(|f| f.changed()).collect();
                order.sort_by_key(|f| (f.slot == Slot::Of(Field::Due)) != due_moves_later);
                for f in order {
                    let Slot::Of(field) = f.slot else { continue };
                    let v = f.value().trim();
                    let value = if v.is_empty() {
                        None
                    } else {
                        Some(match field {
                            Field::Due | Field::Start => {
                                Value::Date(parse_relative(v, today).map_err(|e| (0, e))?)
                            }
                            Field::Percent => Value::Number(round_percent(
                                v.parse::<f64>().map_err(|e| (0, e.to_string()))?,
                            )),
                            Field::Title => Value::Text(v.to_string()),
                            _ => Value::Text(f.value().to_string()),
                        })
                    };
                    changes.push(Change::field(Edit {
                        path: path.clone(),
                        field,
                        value,
                    }));
                }
                Ok(changes)
            }
        }
    }
}

/// The path of a new child `id` of `parent`.
fn child_path(parent: &ItemPath, id: &str) -> Option<ItemPath> {
    match parent.kind() {
        Kind::Objective => Some(ItemPath::project(&parent.objective, id)),
        Kind::Project => Some(ItemPath::milestone(
            &parent.objective,
            parent.project.as_deref()?,
            id,
        )),
        Kind::Milestone => None,
    }
}
