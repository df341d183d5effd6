//! Every text the TUI shows, in English and Chinese, by area.
//!
//! A fixed text is a [`Text`] const, an `(english, chinese)` pair, read
//! through [`Strings::get`]; a text with values in it is a method of
//! [`Strings`] returning a `String`. The language is the data folder's
//! `language` setting. English is the default, and what the files say:
//! status names in English are the names used in files (`in_progress`).
//! Key names (`j`, `Ctrl-r`, `Enter`) are never translated. The words the
//! TUI shares with the report and the CLI (statuses, kinds, fields, grades,
//! days, durations, units, plurals, the core's refusals) come from
//! [`crate::core::l10n`]; the files here hold the TUI's own.
//!
//! `tree` (header, tree, detail pane), `forms` (overlays, forms, search),
//! `messages` (the footer's messages), `standup` (stand-up, review, board),
//! `ops` (metrics and incidents), `keys` (what each key does), `team`
//! (merge conflicts, sync, who changed what), `quit` (quitting with
//! unsaved edits, and recovering them), `trend` (the trend screen and the
//! detail pane's sparkline).

mod forms;
pub mod keys;
mod messages;
mod ops;
mod quit;
mod standup;
pub mod team;
#[cfg(test)]
mod tests;
mod tree;
mod trend;

pub use forms::*;
pub use messages::*;
pub use ops::*;
pub use quit::*;
pub use standup::*;
pub use tree::*;
pub use trend::*;

pub use crate::core::l10n::Text;
use crate::core::model::{Kind, Status};
use crate::core::settings::Language;
use crate::core::text::width;
use crate::core::{Field, Portfolio};

/// The texts of one language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Strings {
    pub lang: Language,
}

impl Strings {
    pub fn new(lang: Language) -> Self {
        Strings { lang }
    }

    /// The texts in the language of a portfolio's settings.
    pub fn of(p: &Portfolio) -> Self {
        Strings::new(p.settings.language)
    }

    /// One of two values by language: texts, or the widths that fit them.
    pub fn pick<T>(self, en: T, zh: T) -> T {
        self.lang.pick(en, zh)
    }

    /// A fixed text in this language.
    pub fn get(self, text: Text) -> &'static str {
        self.lang.get(text)
    }

    // ---- names, from core::l10n ----------------------------------------

    /// A status as badges and menus show it: in English its name in files.
    pub fn status(self, s: Status) -> &'static str {
        self.lang.status(s)
    }

    /// Columns of a status badge: the widest status and a space each side.
    pub fn status_width(self) -> usize {
        Status::ALL
            .iter()
            .map(|&s| width(self.status(s)))
            .max()
            .unwrap_or(0)
            + 2
    }

    /// A kind of item: `milestone`, `里程碑`.
    pub fn kind(self, k: Kind) -> &'static str {
        self.lang.kind(k)
    }

    /// A field's name as labels show it: in English its key in files.
    pub fn field(self, f: Field) -> &'static str {
        self.lang.field(f)
    }

    /// A form field's label: its TOML key, after its name in Chinese
    /// (`截止 due`), so that the keys of the files stay discoverable.
    pub fn form_label(self, key: &str, name: &str) -> String {
        self.pick(key.to_string(), format!("{name} {key}"))
    }
}
