//! The fast path of saving: one table of a plain file edited on its own.
//!
//! A file that loaded through the sectioned loader (`load::sections`) is a
//! run of sections cut before every line that starts with `[`, each a
//! `[project.P]` or `[project.P.milestone.M]` table (or another table that
//! holds no project), each parsing alone, every project and milestone
//! defined once. While the bytes on disk are the bytes that proof was made
//! on (the fingerprint says so), it still holds, so a field of a project or
//! milestone can be set by parsing only that item's section with
//! `toml_edit`, editing it exactly as the whole-document save does, and
//! writing the new section in place of the old one: a few hundred bytes
//! parsed instead of the whole file.
//!
//! The new section must itself be one plain section (a value written with a
//! line starting with `[` inside would cut the file somewhere new), or the
//! answer is `None` and the caller edits the whole document. Tests check that
//! both ways give the same bytes.

use std::ops::Range;

use toml_edit::DocumentMut;

use crate::core::edit::document::apply_to_document;
use crate::core::edit::{Change, Field};
use crate::core::model::ItemPath;

/// `text` with `changes` made, each in its item's section alone, completing
/// `inverses` as the whole-document save does; `None` if any change is not
/// of that kind (a metric, an objective's own field, an item added or
/// removed) or its section is not found or would not stay plain.
pub(super) fn edit(text: &str, changes: &[Change], inverses: &mut [Change]) -> Option<String> {
    let mut text = text.to_string();
    for (i, change) in changes.iter().enumerate() {
        let Change::Field { edit, .. } = change else {
            return None;
        };
        if edit.field == Field::Value {
            return None;
        }
        let header = header(&edit.path)?;
        let range = section_of(&text, &header)?;
        let mut doc: DocumentMut = text[range.clone()].parse().ok()?;
        apply_to_document(&mut doc, change, inverses.get_mut(i)).ok()?;
        let new = doc.to_string();
        let at_end = range.end == text.len();
        if !stays_plain(&new, &header, at_end) {
            return None;
        }
        text.replace_range(range, &new);
    }
    Some(text)
}

/// The header line of an item's table, `[project.P]` or
/// `[project.P.milestone.M]`; `None` for an objective, or an id that a
/// plain header cannot hold (the sectioned loader took only bare ids).
fn header(path: &ItemPath) -> Option<String> {
    let bare = |k: &str| {
        !k.is_empty()
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    let p = path.project.as_deref().filter(|p| bare(p))?;
    match path.milestone.as_deref() {
        None => Some(format!("[project.{p}]")),
        Some(m) if bare(m) => Some(format!("[project.{p}.milestone.{m}]")),
        Some(_) => None,
    }
}

/// Where the section starting with the line `header` is: from its `[` to
/// the next line starting with `[`, or the end. In a plain file a line
/// starting with `header` is that table's one header (the closing bracket
/// tells `[project.p1]` from `[project.p10]` and from its milestones).
fn section_of(text: &str, header: &str) -> Option<Range<usize>> {
    let start = if text.starts_with(header) {
        0
    } else {
        text.find(&format!("\n{header}"))? + 1
    };
    let end = text[start..]
        .find("\n[")
        .map_or(text.len(), |n| start + n + 1);
    Some(start..end)
}

/// Whether an edited section is still one plain section with the same
/// header: no other line starts with `[`, it still parses alone, and it
/// ends with a line break unless it is the last.
fn stays_plain(section: &str, header: &str, at_end: bool) -> bool {
    section.starts_with(header)
        && !section.contains("\n[")
        && (at_end || section.ends_with('\n'))
        && toml::de::DeTable::parse(section).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::edit::{Edit, Value};

    const TEXT: &str = "title = \"O\"\n\n[project.p1]\ntitle = \"P1\"\n\n\
        [project.p1.milestone.m1]\ntitle = \"M1\"\npercent = 10 # rough\n\n\
        # next one\n[project.p10]\ntitle = \"P10\"\n";

    #[test]
    fn sections_are_found_by_their_whole_header() {
        let at = |h: &str| section_of(TEXT, h).map(|r| &TEXT[r]);
        assert_eq!(at("[project.p1]"), Some("[project.p1]\ntitle = \"P1\"\n\n"));
        assert_eq!(
            at("[project.p1.milestone.m1]"),
            Some("[project.p1.milestone.m1]\ntitle = \"M1\"\npercent = 10 # rough\n\n# next one\n")
        );
        assert_eq!(
            at("[project.p10]"),
            Some("[project.p10]\ntitle = \"P10\"\n")
        );
        assert_eq!(at("[project.p2]"), None);
    }

    #[test]
    fn a_field_is_set_in_its_section_only() {
        let path = ItemPath::milestone("o", "p1", "m1");
        let change = Change::field(Edit::set(path.clone(), Field::Percent, Value::Number(15.0)));
        let mut inverse = [Change::field(Edit::set(
            path,
            Field::Percent,
            Value::Number(10.0),
        ))];
        let out = edit(TEXT, &[change], &mut inverse).unwrap();
        assert_eq!(
            out,
            TEXT.replace("percent = 10 # rough", "percent = 15 # rough")
        );
        // the inverse learnt the exact text it restores
        let Change::Field { repr, .. } = &inverse[0] else {
            panic!()
        };
        assert_eq!(repr.as_deref(), Some("10"));
    }

    #[test]
    fn anything_that_would_not_stay_plain_is_left_to_the_whole_document() {
        assert!(!stays_plain(
            "[project.p1]\nnote = \"\"\"\n[x]\"\"\"\n",
            "[project.p1]",
            false
        ));
        assert!(!stays_plain(
            "[project.p1]\ntitle = \"a\"",
            "[project.p1]",
            false
        ));
        assert!(stays_plain(
            "[project.p1]\ntitle = \"a\"",
            "[project.p1]",
            true
        ));
        let objective = Change::field(Edit::set(
            ItemPath::objective("o"),
            Field::Title,
            Value::Text("x".into()),
        ));
        let mut inverse = [objective.clone()];
        assert_eq!(
            edit(TEXT, std::slice::from_ref(&objective), &mut inverse),
            None
        );
        let quoted = ItemPath::milestone("o", "p1", "m 1");
        assert_eq!(header(&quoted), None);
    }

    /// A plain file of `n` projects of 3 milestones, written in many ways:
    /// comments after values and between tables, blank lines or none, keys
    /// present or not, Chinese text.
    fn plain_file(n: usize, seed: &mut u64) -> String {
        let mut out = String::from("# 目标\ntitle = \"O1 业务支撑\"\nowner = \"黄磊\"\n");
        for p in 0..n {
            out += &format!(
                "\n[project.p{p}]\ntitle = \"项目 {p}\"\nstages = [\"dev\", \"test\", \"live\"]\n"
            );
            if next(seed).is_multiple_of(2) {
                out += "owner = \"张三\"   # 负责人\n";
            }
            for m in 0..3 {
                if next(seed).is_multiple_of(3) {
                    out += "# 周报补充\n";
                }
                out += &format!("[project.p{p}.milestone.m{m}]\ntitle = 'M{m} 迁移'\n");
                match next(seed) % 4 {
                    0 => out += "percent = 95.46 # 95.46%\n",
                    1 => out += "total = 164\ndone   = 20\n",
                    2 => out += "stage = \"test\"\nstatus = \"blocked\"\nblocker = \"等待资源\"\n",
                    _ => {}
                }
                if next(seed).is_multiple_of(2) {
                    out += "due = 2023-06-30\n\n";
                }
            }
        }
        out
    }

    fn next(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *seed >> 33
    }

    /// The whole-document save's result: what the section path must equal.
    fn whole(text: &str, changes: &[Change], inverses: &mut [Change]) -> String {
        let mut doc: DocumentMut = text.parse().unwrap();
        for (i, c) in changes.iter().enumerate() {
            apply_to_document(&mut doc, c, inverses.get_mut(i)).unwrap();
        }
        doc.to_string()
    }

    #[test]
    fn editing_a_section_gives_the_bytes_of_editing_the_whole_document() {
        let mut seed = 7;
        type MakeValue = fn(u64) -> Option<Value>;
        let fields: [(Field, MakeValue); 9] = [
            (Field::Percent, |n| Some(Value::Number(n as f64 / 7.0))),
            (Field::Title, |n| {
                Some(Value::Text(format!("新标题 {n} \"quoted\"")))
            }),
            (Field::Note, |n| {
                Some(Value::Text(format!("第一行\n[第二行] {n}")))
            }),
            (Field::Status, |_| {
                Some(Value::Status(crate::core::Status::AtRisk))
            }),
            (Field::Due, |n| {
                chrono::NaiveDate::from_ymd_opt(2023, 7, 1 + (n % 28) as u32).map(Value::Date)
            }),
            (Field::Done, |n| Some(Value::Count(n))),
            (Field::Owner, |_| None),
            (Field::Stage, |_| None),
            (Field::Tags, |n| {
                Some(Value::List(vec![format!("t{n}"), "标签".into()]))
            }),
        ];
        let (mut fast, mut total) = (0, 0);
        for round in 0..40 {
            let text = plain_file(6, &mut seed);
            let path = crate::core::load::is_plain(std::path::Path::new("o.toml"), &text);
            assert!(
                path,
                "round {round}: the generated file is plain: {:?}",
                crate::core::load::parse_whole(std::path::Path::new("o.toml"), "o", &text).1
            );
            let p = next(&mut seed) % 6;
            let item = if next(&mut seed).is_multiple_of(4) {
                ItemPath::project("o", &format!("p{p}"))
            } else {
                ItemPath::milestone("o", &format!("p{p}"), &format!("m{}", next(&mut seed) % 3))
            };
            let (field, value) = fields[next(&mut seed) as usize % fields.len()];
            if !field.applies_to(item.kind()) {
                continue;
            }
            let value = value(next(&mut seed) % 1000);
            let change = Change::field(Edit {
                path: item.clone(),
                field,
                value: value.clone(),
            });
            let old = Edit {
                path: item,
                field,
                value: None,
            };
            let doc: DocumentMut = text.parse().unwrap();
            let before = crate::core::edit::document::field_in_document(&doc, &old).unwrap();
            let inverse = Change::field(Edit {
                value: before,
                ..old
            });
            total += 1;
            let mut a = [inverse.clone()];
            let mut b = [inverse];
            let expected = whole(&text, std::slice::from_ref(&change), &mut a);
            let Some(got) = edit(&text, std::slice::from_ref(&change), &mut b) else {
                // only a value written over lines that start with `[` may not stay plain
                assert!(expected.contains("\n[第二行]"), "round {round}: {change:?}");
                continue;
            };
            fast += 1;
            assert_eq!(got, expected, "round {round}: {change:?}");
            assert_eq!(
                format!("{a:?}"),
                format!("{b:?}"),
                "round {round}: the inverses"
            );
            // and undoing it, with the inverse each path completed, gives the file back
            let back = edit(&got, &b, &mut [change.clone()]).unwrap();
            assert_eq!(
                back,
                whole(&expected, &a, &mut [change]),
                "round {round}: undo"
            );
            assert_eq!(back, text, "round {round}: undo restores the bytes");
        }
        assert!(
            total >= 20 && fast * 10 >= total * 8,
            "{fast} of {total} took the fast path"
        );
    }
}
