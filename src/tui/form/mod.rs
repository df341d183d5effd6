//! The edit and add forms: labelled text inputs, validated as typed.
//!
//! [`fields`] holds what each field is and its input; [`incident`] the
//! incident's fields and how its times, grade and yes/no read.

mod fields;
mod incident;
mod values;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use tui_input::InputRequest;

use crate::core::create::objective_id_problem;
use crate::core::edit::apply::id_problem;
use crate::core::model::{Incident, ItemPath, ItemRef, Kind, Metric, Portfolio, Status};
use crate::core::{Change, Edit, Field, Value};
use crate::tui::strings::{self as t, Strings};
use fields::current;
pub use fields::{FormField, MAX_FIELD, Slot, edit_fields, is_multiline, paste_into};
pub use incident::IncidentField;
use incident::{parse_grade, parse_time, parse_yes_no, show_time};
pub use values::{list, status_of};

/// What a form is for.
#[derive(Clone, Debug, PartialEq)]
pub enum FormKind {
    /// Edit the fields of an item.
    Edit(ItemPath),
    /// A new due date for an item: `+3d` counts from its current one.
    Reschedule(ItemPath),
    /// Block an item: its status becomes `blocked` and the reason typed
    /// its blocker, in one step. The flag: it is blocked already.
    Block(ItemPath, bool),
    /// Add a child under this item (a project under an objective, a
    /// milestone under a project).
    Add(ItemPath),
    /// Add an objective: a new file in the data folder.
    AddObjective,
    /// Record an incident in the log of the objective at `objective`
    /// (`original` is `None`: it goes in at `index`, the end of the log),
    /// or edit the one at `index`. `now` is what `now` and `HH:MM` mean.
    Incident {
        objective: ItemPath,
        index: usize,
        original: Option<Box<Incident>>,
        now: NaiveDateTime,
    },
    /// Set the value of the metric at `path` (`objective/ID`).
    Metric { path: ItemPath, title: String },
}

/// A form over one item.
#[derive(Clone, Debug)]
pub struct Form {
    pub kind: FormKind,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// The language of its labels and messages.
    pub strings: Strings,
    /// What `+3d` in the due date counts from when rescheduling: the
    /// current due date (else today).
    pub base: Option<NaiveDate>,
    /// The stages of the edited milestone's project, which `stage` takes.
    pub stages: Vec<String>,
    /// Esc was pressed on a changed form: discard the changes?
    pub asking: bool,
}

impl Form {
    /// A form of `kind` with these fields and nothing else set.
    fn plain(kind: FormKind, fields: Vec<FormField>, strings: Strings) -> Form {
        Form {
            kind,
            fields,
            focus: 0,
            strings,
            base: None,
            stages: Vec::new(),
            asking: false,
        }
    }

    /// The edit form for the item at `path`, filled with its values: the
    /// fields of its kind (the counts and stage of a milestone, the stages
    /// of a project).
    pub fn edit(p: &Portfolio, path: &ItemPath) -> Option<Form> {
        let item = p.get(path)?;
        let fields = edit_fields(path.kind())
            .into_iter()
            .map(|f| FormField::new(Slot::Of(f), current(item, f)))
            .collect();
        let mut form = Form::plain(FormKind::Edit(path.clone()), fields, Strings::of(p));
        if let ItemRef::Milestone(_, project) = item {
            form.stages = project.stages.clone();
        }
        Some(form)
    }

    /// The reschedule form: an empty due date, whose hint shows the current
    /// one, from which `+3d` counts.
    pub fn reschedule(p: &Portfolio, path: &ItemPath, today: NaiveDate) -> Option<Form> {
        let due = p.get(path)?.fields().due;
        let fields = vec![FormField::new(Slot::Of(Field::Due), String::new())];
        let mut form = Form::plain(FormKind::Reschedule(path.clone()), fields, Strings::of(p));
        form.base = due;
        form.validate(p, today);
        Some(form)
    }

    /// The form asking why the item at `path` is blocked (its blocker, as
    /// it is): Enter sets the status and the blocker together.
    pub fn block(p: &Portfolio, path: &ItemPath) -> Option<Form> {
        let item = p.get(path)?;
        let fields = vec![FormField::new(
            Slot::Of(Field::Blocker),
            current(item, Field::Blocker),
        )];
        let blocked = item.fields().status == Some(Status::Blocked);
        let kind = FormKind::Block(path.clone(), blocked);
        Some(Form::plain(kind, fields, Strings::of(p)))
    }

    /// The form adding a child to `parent`: an id and a title.
    pub fn add(parent: &ItemPath, strings: Strings) -> Form {
        let fields = vec![
            FormField::new(Slot::Id, String::new()),
            FormField::new(Slot::Of(Field::Title), String::new()),
        ];
        Form::plain(FormKind::Add(parent.clone()), fields, strings)
    }

    /// The form adding an objective (a new file): an id and a title.
    pub fn add_objective(strings: Strings) -> Form {
        let fields = vec![
            FormField::new(Slot::Id, String::new()),
            FormField::new(Slot::Of(Field::Title), String::new()),
        ];
        Form::plain(FormKind::AddObjective, fields, strings)
    }

    /// The id and title of the objective an add-objective form asks for,
    /// or the first field's error.
    pub fn new_objective(&self) -> Result<(String, String), (usize, String)> {
        if let Some(e) = self.first_error() {
            return Err(e);
        }
        let title = self.fields[1].value().trim().to_string();
        if title.is_empty() {
            return Err((1, self.strings.edit_error(&crate::core::EditError::NoTitle)));
        }
        Ok((self.fields[0].value().to_string(), title))
    }

    /// The form recording a new incident in `objective`'s log, after its
    /// `count` incidents; its time is `now`.
    pub fn add_incident(
        objective: &ItemPath,
        count: usize,
        now: NaiveDateTime,
        strings: Strings,
    ) -> Form {
        let blank = Incident {
            at: now.with_nanosecond(0).unwrap_or(now),
            ..Incident::default()
        };
        Form::incident(objective, count, None, &blank, now, strings)
    }

    /// The form editing the incident `index` of `objective`'s log.
    pub fn edit_incident(
        objective: &ItemPath,
        index: usize,
        incident: &Incident,
        now: NaiveDateTime,
        strings: Strings,
    ) -> Form {
        let original = Some(Box::new(incident.clone()));
        Form::incident(objective, index, original, incident, now, strings)
    }

    fn incident(
        objective: &ItemPath,
        index: usize,
        original: Option<Box<Incident>>,
        values: &Incident,
        now: NaiveDateTime,
        strings: Strings,
    ) -> Form {
        let fields = IncidentField::ALL
            .iter()
            .map(|&f| FormField::new(Slot::Incident(f), f.of(values)))
            .collect();
        let kind = FormKind::Incident {
            objective: objective.clone(),
            index,
            original,
            now,
        };
        Form::plain(kind, fields, strings)
    }

    /// The form setting a metric's value.
    pub fn metric(objective: &str, m: &Metric, strings: Strings) -> Form {
        let kind = FormKind::Metric {
            path: ItemPath::project(objective, &m.id),
            title: m.title.clone(),
        };
        let fields = vec![FormField::new(Slot::Of(Field::Value), m.value.to_string())];
        Form::plain(kind, fields, strings)
    }

    /// The heading of the form.
    pub fn heading(&self) -> String {
        let s = self.strings;
        match &self.kind {
            FormKind::Edit(p) => s.form_edit(&p.to_string()),
            FormKind::Block(p, _) => s.form_block(&p.to_string()),
            FormKind::Reschedule(p) => s.form_reschedule(&p.to_string()),
            FormKind::AddObjective => s.form_add_objective(),
            FormKind::Add(p) => match p.kind() {
                Kind::Objective => s.form_add_project(&p.to_string()),
                _ => s.form_add_milestone(&p.to_string()),
            },
            FormKind::Incident {
                objective,
                original: None,
                ..
            } => s.form_add_incident(&objective.to_string()),
            FormKind::Incident {
                objective,
                original: Some(i),
                ..
            } => s.form_edit_incident(&objective.to_string(), &show_time(i.at)),
            FormKind::Metric { path, title } => s.form_metric(title, &path.to_string()),
        }
    }

    /// The reminder at the bottom of the form: how to write its values.
    pub fn reminder(&self) -> t::Text {
        match &self.kind {
            FormKind::Incident { .. } => t::FORM_TIMES,
            FormKind::Metric { .. } => t::FORM_NUMBER,
            _ => t::FORM_DATES,
        }
    }

    /// Whether any field differs from what the form started with.
    pub fn changed(&self) -> bool {
        self.fields.iter().any(|f| f.changed())
    }

    /// Whether the focused field holds paragraphs (Enter makes a new line).
    pub fn on_multiline(&self) -> bool {
        self.fields.get(self.focus).is_some_and(|f| f.multiline())
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

    /// Inserts pasted text at the cursor in one piece; line breaks become
    /// spaces, except in a field of paragraphs. True if it was cut at [`MAX_FIELD`] characters.
    pub fn paste(&mut self, text: &str, p: &Portfolio, today: NaiveDate) -> bool {
        let lines = self.on_multiline();
        let cut = fields::paste_lines(&mut self.focused().input, text, lines);
        self.validate(p, today);
        cut
    }

    /// Checks every field, setting its error and hint.
    pub fn validate(&mut self, p: &Portfolio, today: NaiveDate) {
        let parent = match &self.kind {
            FormKind::Add(parent) => Some(parent.clone()),
            _ => None,
        };
        let s = self.strings;
        let now = self.now();
        for f in &mut self.fields {
            let v = f.input.value().trim().to_string();
            f.hint = None;
            f.error = match f.slot {
                Slot::Id if matches!(self.kind, FormKind::AddObjective) => {
                    let raw = f.input.value();
                    objective_id_problem(raw)
                        .map(|e| s.id_problem(&e))
                        .or_else(|| {
                            let taken = p
                                .files
                                .iter()
                                .any(|f| f.path.file_stem().and_then(|n| n.to_str()) == Some(raw));
                            taken.then(|| s.already_exists(raw))
                        })
                }
                Slot::Id => {
                    let raw = f.input.value();
                    id_problem(raw).map(|e| s.id_problem(&e)).or_else(|| {
                        let path = child_path(parent.as_ref()?, raw)?;
                        p.get(&path).map(|_| s.already_exists(&path.to_string()))
                    })
                }
                Slot::Of(field) if field != Field::Value => {
                    let cx = values::Context {
                        s,
                        today,
                        base: self.base,
                        stages: &self.stages,
                    };
                    match values::parse(field, f.input.value(), &cx) {
                        Err(e) => Some(e),
                        Ok(Some(Value::Date(d))) if d.to_string() != v => {
                            f.hint = Some(format!("= {d}"));
                            None
                        }
                        Ok(None) if matches!(self.kind, FormKind::Reschedule(_)) => {
                            let due = self.base.map(|d| d.to_string());
                            f.hint = Some(s.reschedule_hint(due.as_deref()));
                            None
                        }
                        Ok(_) => None,
                    }
                }
                Slot::Of(Field::Value) if v.is_empty() => Some(s.get(t::VALUE_REQUIRED).into()),
                Slot::Of(Field::Value) => match v.parse::<f64>() {
                    Ok(n) if n.is_finite() => None,
                    _ => Some(s.not_a_number(&v)),
                },
                Slot::Incident(IncidentField::Title) if v.is_empty() => {
                    Some(s.get(t::TITLE_REQUIRED).into())
                }
                Slot::Incident(IncidentField::At) | Slot::Incident(IncidentField::Resolved)
                    if !v.is_empty() =>
                {
                    match parse_time(&v, now) {
                        Some(time) => {
                            if show_time(time) != v {
                                f.hint = Some(format!("= {}", show_time(time)));
                            }
                            None
                        }
                        None => Some(s.not_a_time().into()),
                    }
                }
                Slot::Incident(IncidentField::At) => Some(s.not_a_time().into()),
                Slot::Incident(IncidentField::Grade) => {
                    parse_grade(&v).is_none().then(|| s.not_a_grade(&v))
                }
                Slot::Incident(IncidentField::Business) => match parse_yes_no(&v) {
                    Some(_) => None,
                    None => Some(s.not_yes_no(&v)),
                },
                _ => None,
            };
        }
        // a milestone's done count is at most its total
        let count = |field: Field| {
            let f = self.fields.iter().position(|f| f.slot == Slot::Of(field))?;
            let n = self.fields[f].value().trim().parse::<u64>().ok()?;
            Some((f, n))
        };
        if let (Some((at, done)), Some((_, total))) = (count(Field::Done), count(Field::Total))
            && done > total
        {
            self.fields[at].error = Some(s.done_over_total(done, total));
        }
        // an incident is resolved after it happened
        if let (Some(at), Some(resolved)) = (
            self.time_of(IncidentField::At),
            self.time_of(IncidentField::Resolved),
        ) && resolved < at
            && let Some(f) = self
                .fields
                .iter_mut()
                .find(|f| f.slot == Slot::Incident(IncidentField::Resolved))
        {
            f.hint = None;
            f.error = Some(s.resolved_before(&show_time(at)));
        }
    }

    /// What `now` means in an incident's times.
    fn now(&self) -> NaiveDateTime {
        match &self.kind {
            FormKind::Incident { now, .. } => *now,
            _ => NaiveDateTime::default(),
        }
    }

    /// The text of an incident field.
    fn incident_value(&self, field: IncidentField) -> &str {
        self.fields
            .iter()
            .find(|f| f.slot == Slot::Incident(field))
            .map_or("", |f| f.value())
    }

    /// A time field of an incident, if it reads as a time.
    fn time_of(&self, field: IncidentField) -> Option<NaiveDateTime> {
        let v = self.incident_value(field);
        if v.trim().is_empty() {
            return None;
        }
        parse_time(v, self.now())
    }

    /// The incident the form describes (its fields were checked).
    fn incident_of_form(&self) -> Option<Incident> {
        let text = |f: IncidentField| {
            let v = self.incident_value(f).trim();
            (!v.is_empty()).then(|| v.to_string())
        };
        Some(Incident {
            at: self.time_of(IncidentField::At)?,
            resolved: self.time_of(IncidentField::Resolved),
            grade: parse_grade(self.incident_value(IncidentField::Grade))?,
            title: text(IncidentField::Title)?,
            impact: text(IncidentField::Impact),
            cause: text(IncidentField::Cause),
            action: text(IncidentField::Action),
            business_impact: parse_yes_no(self.incident_value(IncidentField::Business))?,
        })
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
            FormKind::Incident {
                objective,
                index,
                original,
                ..
            } => {
                let incident = self
                    .incident_of_form()
                    .ok_or((0, self.strings.get(t::NOTHING_TO_CHANGE).to_string()))?;
                if original.as_deref() == Some(&incident) {
                    return Ok(Vec::new());
                }
                Ok(vec![Change::Incident {
                    path: objective.clone(),
                    index: *index,
                    incident: Some(Box::new(incident)),
                    insert: original.is_none(),
                    restore: None,
                }])
            }
            FormKind::Metric { path, .. } => {
                let f = &self.fields[0];
                if !f.changed() {
                    return Ok(Vec::new());
                }
                let n = f
                    .value()
                    .trim()
                    .parse::<f64>()
                    .map_err(|_| (0, self.strings.not_a_number(f.value().trim())))?;
                Ok(vec![Change::field(Edit::set(
                    path.clone(),
                    Field::Value,
                    Value::Number(n),
                ))])
            }
            // an objective is a file, not a change: see `new_objective`
            FormKind::AddObjective => Ok(Vec::new()),
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
            FormKind::Edit(path) | FormKind::Reschedule(path) => self.edits(path, today),
            FormKind::Block(path, blocked) => {
                let mut changes = Vec::new();
                if !blocked {
                    changes.push(Change::field(Edit::set(
                        path.clone(),
                        Field::Status,
                        Value::Status(Status::Blocked),
                    )));
                }
                changes.extend(self.edits(path, today)?);
                Ok(changes)
            }
        }
    }
}

impl Form {
    /// The edits of the item at `path` the changed fields ask for. When
    /// the due date moves later it goes before the start (else after), and
    /// a growing total before the done count, so that each step is valid.
    fn edits(&self, path: &ItemPath, today: NaiveDate) -> Result<Vec<Change>, (usize, String)> {
        let cx = values::Context {
            s: self.strings,
            today,
            base: self.base,
            stages: &self.stages,
        };
        let mut edits = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            let Slot::Of(field) = f.slot else { continue };
            if !f.changed() {
                continue;
            }
            let value = values::parse(field, f.value(), &cx).map_err(|e| (i, e))?;
            let old = values::parse(field, &f.original, &cx).ok().flatten();
            let first = match (field, &value, &old) {
                (Field::Due, Some(Value::Date(new)), Some(Value::Date(old))) => new > old,
                (Field::Due, _, _) => true,
                (Field::Total, Some(Value::Count(new)), Some(Value::Count(old))) => new > old,
                (Field::Total, _, _) => true,
                _ => false,
            };
            edits.push((
                !first,
                Edit {
                    path: path.clone(),
                    field,
                    value,
                },
            ));
        }
        edits.sort_by_key(|(later, _)| *later);
        Ok(edits.into_iter().map(|(_, e)| Change::field(e)).collect())
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
