//! Reading the values of an objective file's keys: strings, numbers, whole
//! numbers, dates and date-times (through [`crate::core::scalar`]), and the
//! fields every level has, each checked, a wrong one a diagnostic.

use std::borrow::Cow;
use std::ops::Range;

use chrono::{NaiveDate, NaiveDateTime};
use toml::Spanned;
use toml::de::DeValue;

use super::context::{Cx, Table, Value, describe};
use crate::core::model::{Fields, Status};
use crate::core::scalar::{self, Scalar};

impl Cx<'_> {
    /// Reads a field every level has; false when `k` is not one.
    pub(super) fn common_field(
        &mut self,
        f: &mut Fields,
        k: &str,
        key: &Spanned<Cow<'_, str>>,
        value: &Value<'_>,
    ) -> bool {
        match k {
            "title" => f.title = self.string(key, value).unwrap_or_default(),
            "status" => {
                if let Some(s) = self.string(key, value) {
                    f.status = Status::parse(&s);
                    if f.status.is_none() {
                        self.error(
                            value.span(),
                            format!("unknown status `{s}`; allowed: {}", Status::allowed()),
                        );
                    }
                }
            }
            "percent" => {
                f.percent = self.number(key, value);
                if let Some(p) = f.percent
                    && !(0.0..=100.0).contains(&p)
                {
                    self.error(value.span(), format!("percent {p} is outside 0..100"));
                }
            }
            "weight" => {
                f.weight = self.number(key, value);
                if let Some(w) = f.weight
                    && w <= 0.0
                {
                    self.error(value.span(), format!("weight {w} must be greater than 0"));
                }
            }
            "due" => f.due = self.date(key, value),
            "start" => f.start = self.date(key, value),
            "owner" => f.owner = self.string(key, value).map(|o| self.owner(o)),
            "note" => f.note = self.string(key, value).map(String::into_boxed_str),
            "update" => f.update = self.string(key, value).map(String::into_boxed_str),
            "next" => f.next = self.string(key, value).map(String::into_boxed_str),
            "blocker" => f.blocker = self.string(key, value).map(String::into_boxed_str),
            "tags" => f.tags = self.string_list(key, value),
            _ => return false,
        }
        true
    }

    /// Checks that need several fields: a title, and due not before start.
    pub(super) fn finish_fields(
        &mut self,
        f: &Fields,
        table: &Table<'_>,
        span: Range<usize>,
        what: &str,
    ) {
        if !table.contains_key("title") {
            self.error(span, format!("{what} has no `title`"));
        }
        if let (Some(due), Some(start)) = (f.due, f.start)
            && due < start
            && let Some(v) = table.get("due")
        {
            self.error(
                v.span(),
                format!("{what}: due {due} is before start {start}"),
            );
        }
    }

    pub(super) fn unknown(&mut self, key: &Spanned<Cow<'_, str>>, what: &str) {
        self.warn(
            key.span(),
            format!("unknown key `{}` in {what} (kept as is)", key.get_ref()),
        );
    }

    pub(super) fn type_error(
        &mut self,
        key: &Spanned<Cow<'_, str>>,
        value: &Value<'_>,
        expected: &str,
    ) {
        self.error(
            value.span(),
            format!(
                "`{}` must be {expected}, found {}",
                key.get_ref(),
                describe(value.get_ref())
            ),
        );
    }

    pub(super) fn string(
        &mut self,
        key: &Spanned<Cow<'_, str>>,
        value: &Value<'_>,
    ) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.type_error(key, value, "a string");
                None
            }
        }
    }

    pub(super) fn string_list(
        &mut self,
        key: &Spanned<Cow<'_, str>>,
        value: &Value<'_>,
    ) -> Vec<String> {
        let Some(items) = value.get_ref().as_array() else {
            self.type_error(key, value, "an array of strings");
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(s.to_string()),
                other => self.error(
                    item.span(),
                    format!(
                        "`{}` must hold only strings, found {}",
                        key.get_ref(),
                        describe(other)
                    ),
                ),
            }
        }
        out
    }

    pub(super) fn number(&mut self, key: &Spanned<Cow<'_, str>>, value: &Value<'_>) -> Option<f64> {
        let v = value.get_ref();
        if !matches!(v, DeValue::Integer(_) | DeValue::Float(_)) {
            self.type_error(key, value, "a number");
            return None;
        }
        if invalid(value) {
            return None;
        }
        match v.number() {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                self.error(
                    value.span(),
                    format!("`{}` must be a finite number", key.get_ref()),
                );
                None
            }
        }
    }

    pub(super) fn count(&mut self, key: &Spanned<Cow<'_, str>>, value: &Value<'_>) -> Option<u64> {
        let v = value.get_ref();
        if !matches!(v, DeValue::Integer(_)) {
            self.type_error(key, value, "a whole number");
            return None;
        }
        if invalid(value) {
            return None;
        }
        let n = v.unsigned();
        if n.is_none() {
            self.error(
                value.span(),
                format!("`{}` must be a whole number of 0 or more", key.get_ref()),
            );
        }
        n
    }

    pub(super) fn date(
        &mut self,
        key: &Spanned<Cow<'_, str>>,
        value: &Value<'_>,
    ) -> Option<NaiveDate> {
        if let DeValue::String(s) = value.get_ref() {
            let hint = if crate::core::dates::parse_iso(s).is_some() {
                format!(" (write it bare, without quotes: {} = {s})", key.get_ref())
            } else {
                String::new()
            };
            self.error(
                value.span(),
                format!(
                    "`{}` must be a date like 2023-06-30, found a string{hint}",
                    key.get_ref()
                ),
            );
            return None;
        }
        if invalid(value) {
            return None;
        }
        let date = value
            .get_ref()
            .datetime()
            .filter(|dt| dt.time.is_none() && dt.offset.is_none())
            .and_then(scalar::date);
        if date.is_none() {
            self.type_error(key, value, "a date like 2023-06-30");
        }
        date
    }

    pub(super) fn datetime(
        &mut self,
        key: &Spanned<Cow<'_, str>>,
        value: &Value<'_>,
    ) -> Option<NaiveDateTime> {
        if invalid(value) {
            return None;
        }
        let dt = value.get_ref().datetime().and_then(scalar::local_datetime);
        if dt.is_none() {
            self.type_error(key, value, "a local date-time like 2023-06-15T11:01:00");
        }
        dt
    }
}

/// Whether the value is one [`scalar::problem`] finds wrong: the load
/// reports those once, for every key (see `parse_whole`), so a field that
/// reads one says nothing more.
fn invalid(value: &Value<'_>) -> bool {
    scalar::problem(value.get_ref(), "").is_some()
}
