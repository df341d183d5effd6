//! The walk over one parsed objective file into the model: the objective,
//! its projects, milestones, metrics and incidents, each checked as it is
//! read, every problem a diagnostic with its place.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::context::{Cx, Table, Value, describe};
use crate::core::model::{Better, Grade, Incident, Metric, Milestone, Objective, Other, Project};

impl Cx<'_> {
    pub(super) fn objective(
        &mut self,
        id: &str,
        table: &Table<'_>,
        span: Range<usize>,
    ) -> Objective {
        let what = format!("objective `{id}`");
        let mut o = Objective {
            id: id.to_string(),
            projects: self.projects.take().unwrap_or_default(),
            ..Objective::default()
        };
        for (key, value) in table.iter() {
            let k = key.get_ref().as_ref();
            if k == "project" {
                o.projects = self.children(key, value, "project", |cx, pid, t, span| {
                    cx.project(pid, t, span)
                });
            } else if k == "metric" {
                o.metrics = self.children(key, value, "metric", |cx, mid, t, span| {
                    cx.metric(mid, t, span)
                });
            } else if k == "incident" {
                o.incidents = self.incidents(key, value);
            } else if k == "other" {
                o.others = self.others(key, value);
            } else if !self.common_field(&mut o.fields, k, key, value) {
                self.unknown(key, &what);
            }
        }
        self.keys_end = self.diags.len();
        self.finish_fields(&o.fields, table, span, &what);
        self.contradictions(&o.fields, table, &what, o.fields.percent);
        // a metric is addressed like a project: the ids must differ
        for m in &o.metrics {
            if o.projects.iter().any(|p| p.id == m.id)
                && let Some(t) = table.get("metric").and_then(|v| v.get_ref().as_table())
                && let Some((k, _)) = t.get_key_value(m.id.as_str())
            {
                self.error(
                    k.span(),
                    format!(
                        "metric `{}` has the id of a project; `{id}/{}` must name one thing",
                        m.id, m.id
                    ),
                );
            }
        }
        o
    }

    pub(super) fn metric(&mut self, id: &str, table: &Table<'_>, span: Range<usize>) -> Metric {
        let mut m = Metric {
            id: id.to_string(),
            ..Metric::default()
        };
        let what = format!("metric `{id}`");
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "title" => m.title = self.string(key, value).unwrap_or_default(),
                "value" => m.value = self.number(key, value).unwrap_or(f64::NAN),
                "target" => m.target = self.number(key, value),
                "unit" => m.unit = self.string(key, value),
                "better" => match self.string(key, value).as_deref() {
                    Some("higher") => m.better = Better::Higher,
                    Some("lower") => m.better = Better::Lower,
                    Some(other) => self.error(
                        value.span(),
                        format!("`better` must be \"higher\" or \"lower\", found `{other}`"),
                    ),
                    None => {}
                },
                _ => self.unknown(key, &what),
            }
        }
        if !table.contains_key("title") {
            self.error(span.clone(), format!("{what} has no `title`"));
        }
        if !table.contains_key("value") {
            self.error(span, format!("{what} has no `value`"));
        }
        if m.value.is_nan() {
            m.value = 0.0;
        }
        m
    }

    /// Reads `[[incident]]`, an array of tables.
    pub(super) fn incidents(
        &mut self,
        key: &Spanned<Cow<'_, str>>,
        value: &Value<'_>,
    ) -> Vec<Incident> {
        self.array_of_tables(key, value, Self::incident)
    }

    /// Reads an array of tables (`[[incident]]`, `[[other]]`), each entry
    /// with `read` (given its number from 1, its table and its place).
    fn array_of_tables<T>(
        &mut self,
        key: &Spanned<Cow<'_, str>>,
        value: &Value<'_>,
        read: impl Fn(&mut Self, usize, &Table<'_>, Range<usize>) -> T,
    ) -> Vec<T> {
        let name = key.get_ref().as_ref();
        let Some(items) = value.get_ref().as_array() else {
            self.error(
                value.span(),
                format!(
                    "`{name}` must be an array of tables like [[{name}]], found {}",
                    describe(value.get_ref())
                ),
            );
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (n, item) in items.iter().enumerate() {
            let Some(t) = item.get_ref().as_table() else {
                self.error(
                    item.span(),
                    format!(
                        "{name} {} must be a table, found {}",
                        n + 1,
                        describe(item.get_ref())
                    ),
                );
                continue;
            };
            out.push(read(self, n + 1, t, item.span()));
        }
        out
    }

    /// Reads `[[other]]`: free items of the week, each with a `title`, a
    /// `next` or both, and an optional `note` and `date`.
    pub(super) fn others(&mut self, key: &Spanned<Cow<'_, str>>, value: &Value<'_>) -> Vec<Other> {
        self.array_of_tables(key, value, |cx, n, table, span| {
            let what = format!("other {n}");
            let mut o = Other::default();
            for (key, value) in table.iter() {
                match key.get_ref().as_ref() {
                    "title" => o.title = cx.string(key, value),
                    "note" => o.note = cx.string(key, value),
                    "next" => o.next = cx.string(key, value),
                    "date" => o.date = cx.date(key, value),
                    _ => cx.unknown(key, &what),
                }
            }
            if !table.contains_key("title") && !table.contains_key("next") {
                cx.error(
                    span,
                    format!(
                        "{what} has neither a `title` (this week's) nor a `next` (next week's)"
                    ),
                );
            }
            o
        })
    }

    pub(super) fn incident(&mut self, n: usize, table: &Table<'_>, span: Range<usize>) -> Incident {
        let what = format!("incident {n}");
        let mut i = Incident::default();
        let mut resolved_span = None;
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "at" => i.at = self.datetime(key, value).unwrap_or_default(),
                "resolved" => {
                    i.resolved = self.datetime(key, value);
                    resolved_span = Some(value.span());
                }
                "grade" => {
                    if let Some(g) = self.string(key, value) {
                        i.grade = Grade::parse(&g);
                        if i.grade.is_none() {
                            self.error(
                                value.span(),
                                format!("unknown grade `{g}`; allowed: A, B, C, D (or no grade for an event)"),
                            );
                        }
                    }
                }
                "title" => i.title = self.string(key, value).unwrap_or_default(),
                "impact" => i.impact = self.string(key, value),
                "cause" => i.cause = self.string(key, value),
                "action" => i.action = self.string(key, value),
                "business_impact" => match value.get_ref() {
                    DeValue::Boolean(b) => i.business_impact = *b,
                    _ => self.type_error(key, value, "true or false"),
                },
                _ => self.unknown(key, &what),
            }
        }
        if !table.contains_key("title") {
            self.error(span.clone(), format!("{what} has no `title`"));
        }
        if !table.contains_key("at") {
            self.error(span, format!("{what} has no `at` time"));
        }
        if let (Some(r), Some(s)) = (i.resolved, resolved_span)
            && r < i.at
        {
            self.error(s, format!("{what}: resolved {r} is before at {}", i.at));
        }
        i
    }

    pub(super) fn project(&mut self, id: &str, table: &Table<'_>, span: Range<usize>) -> Project {
        let what = format!("project `{id}`");
        let mut p = Project {
            id: id.to_string(),
            ..Project::default()
        };
        // stages first: milestones are checked against them, wherever they stand
        if let Some((key, value)) = table.get_key_value("stages") {
            p.stages = self.string_list(key, value);
            let mut seen = std::collections::HashSet::new();
            for s in &p.stages {
                if !seen.insert(s) {
                    self.error(
                        value.span(),
                        format!("stage `{s}` appears twice in `stages`"),
                    );
                }
            }
        }
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "stages" => {}
                "milestone" => {
                    let stages = p.stages.clone();
                    p.milestones = self.children(key, value, "milestone", |cx, mid, t, span| {
                        cx.milestone(mid, t, span, &stages, id)
                    });
                }
                k => {
                    if !self.common_field(&mut p.fields, k, key, value) {
                        self.unknown(key, &what);
                    }
                }
            }
        }
        self.keys_end = self.diags.len();
        self.finish_fields(&p.fields, table, span, &what);
        self.contradictions(&p.fields, table, &what, p.fields.percent);
        p
    }

    pub(super) fn milestone(
        &mut self,
        id: &str,
        table: &Table<'_>,
        span: Range<usize>,
        stages: &[String],
        project: &str,
    ) -> Milestone {
        let what = format!("milestone `{id}`");
        let mut m = Milestone {
            id: id.to_string(),
            ..Milestone::default()
        };
        let mut done_span = None;
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "total" => m.total = self.count(key, value),
                "done" => {
                    m.done = self.count(key, value);
                    done_span = Some(value.span());
                }
                "stage" => {
                    let Some(s) = self.string(key, value) else {
                        continue;
                    };
                    if stages.is_empty() {
                        self.error(
                            value.span(),
                            format!("stage `{s}` given, but project `{project}` has no `stages`"),
                        );
                    } else if !stages.contains(&s) {
                        self.error(
                            value.span(),
                            format!(
                                "unknown stage `{s}`; the stages of project `{project}` are: {}",
                                stages.join(", ")
                            ),
                        );
                    }
                    m.stage = Some(s.into_boxed_str());
                }
                k => {
                    if !self.common_field(&mut m.fields, k, key, value) {
                        self.unknown(key, &what);
                    }
                }
            }
        }
        if let (Some(done), Some(total), Some(span)) = (m.done, m.total, done_span.clone())
            && done > total
        {
            self.error(
                span,
                format!("done ({done}) is greater than total ({total})"),
            );
        }
        if m.done.is_some()
            && m.total.is_none()
            && let Some(span) = done_span
        {
            self.warn(span, "`done` has no effect without `total`");
        }
        self.finish_fields(&m.fields, table, span, &what);
        self.milestone_contradictions(&m, table, &what, stages);
        m
    }

    /// Reads a table of child tables (`project` or `milestone`), in file order.
    pub(super) fn children<T>(
        &mut self,
        key: &Spanned<Cow<'_, str>>,
        value: &Value<'_>,
        kind: &str,
        mut each: impl FnMut(&mut Self, &str, &Table<'_>, Range<usize>) -> T,
    ) -> Vec<T> {
        let Some(table) = value.get_ref().as_table() else {
            self.error(
                value.span(),
                format!(
                    "`{}` must be a table of {kind}s like [{}.ID], found {}",
                    key.get_ref(),
                    key.get_ref(),
                    describe(value.get_ref())
                ),
            );
            return Vec::new();
        };
        let mut out = Vec::with_capacity(table.len());
        for (id_key, child) in table.iter() {
            let id = id_key.get_ref().as_ref();
            if id.is_empty() || id.contains('/') {
                self.error(
                    id_key.span(),
                    format!("{kind} id `{id}` must be non-empty and must not contain `/`"),
                );
                continue;
            }
            let Some(t) = child.get_ref().as_table() else {
                self.error(
                    child.span(),
                    format!(
                        "{kind} `{id}` must be a table, found {}",
                        describe(child.get_ref())
                    ),
                );
                continue;
            };
            out.push(each(self, id, t, id_key.span()));
        }
        out
    }
}
