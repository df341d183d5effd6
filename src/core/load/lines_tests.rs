//! Tests of the reader of plain sections: it falls back, or builds the
//! tree `toml` builds, to the spans and whether each text is borrowed.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::lines::parse;
/// Whether two trees are the same: keys, values (borrowed or not) and
/// spans, in order.
fn same_table(a: &DeTable<'_>, b: &DeTable<'_>) -> bool {
    a.len() == b.len()
        && a.iter().zip(b.iter()).all(|((ka, va), (kb, vb))| {
            ka.span() == kb.span() && same_cow(ka.get_ref(), kb.get_ref()) && same_value(va, vb)
        })
}

/// The same text, borrowed or owned alike (which is why it takes `&Cow`).
#[allow(clippy::ptr_arg)]
fn same_cow(a: &Cow<'_, str>, b: &Cow<'_, str>) -> bool {
    a == b && matches!(a, Cow::Borrowed(_)) == matches!(b, Cow::Borrowed(_))
}

fn same_value(a: &Spanned<DeValue<'_>>, b: &Spanned<DeValue<'_>>) -> bool {
    a.span() == b.span()
        && match (a.get_ref(), b.get_ref()) {
            (DeValue::String(x), DeValue::String(y)) => same_cow(x, y),
            (DeValue::Integer(x), DeValue::Integer(y)) => {
                x.as_str() == y.as_str() && x.radix() == y.radix()
            }
            (DeValue::Float(x), DeValue::Float(y)) => x.as_str() == y.as_str(),
            (DeValue::Boolean(x), DeValue::Boolean(y)) => x == y,
            (DeValue::Datetime(x), DeValue::Datetime(y)) => x == y,
            (DeValue::Array(x), DeValue::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same_value(p, q))
            }
            (DeValue::Table(x), DeValue::Table(y)) => same_table(x, y),
            _ => false,
        }
}

/// The reader falls back, or gives exactly `toml`'s tree; `true` when
/// it read the section itself.
fn agrees(section: &str) -> bool {
    let Some(fast) = parse(section) else {
        return false;
    };
    let whole = DeTable::parse(section);
    let whole = whole.unwrap_or_else(|e| panic!("{section:?}: toml refuses it: {e}"));
    assert_eq!(fast.span(), whole.span(), "{section:?}");
    assert!(
        same_table(fast.get_ref(), whole.get_ref()),
        "{section:?}\nfast:  {:?}\ntoml: {:?}",
        fast.get_ref(),
        whole.get_ref()
    );
    true
}

#[test]
fn plain_sections_are_read_as_toml_reads_them() {
    for s in [
        "",
        "\n\n",
        "# only a comment\n",
        "title = \"O1 业务支撑\"\nowner = \"黄磊\"\ntags = [\"infra\"]\n",
        "[project.p0001]\ntitle = \"NetsUnion\"\nupdate = \"本周完成；需协调。\"\n\n",
        "[project.p.milestone.m]\ntotal = 163\ndone = 10\nstart = 2023-06-09\ndue = 2023-07-07\nstatus = \"todo\"\n",
        "[project.p.milestone.m]  # c\r\ntitle = 'lit'\r\npercent = 95.46\r\n",
        "a = \"tab\\there \\\"q\\\" \\\\ \\u00e9 \\U0001F600 \\x41 \\e\"\n",
        "\"quoted\" = 1\n'lit' = 2\n\"\" = 3\n",
        "a = [ 1, 2.5 , 'x', \"y\", true, 2023-01-01, ]\nb = []\nc = [ ]\n",
        "a = 1_000\nb = +1\nc = 0x10\nd = 0o17\ne = 0b101\nf = 1e3\ng = inf\nh = -nan\ni = -0.0\n",
        "a = 1979-05-27T07:32:00Z\nb = 07:32:00\nc = 1979-05-27T00:32:00.999999-07:00\nd = 1979-05-27T07:32\n",
        "s = \"a # not a comment\" # a comment with \"quotes\" and # more\n",
        "x = 1",
    ] {
        assert!(agrees(s), "{s:?}");
    }
}

#[test]
fn anything_else_is_left_to_toml() {
    for s in [
        "a.b = 1\n",
        "a = { b = 1 }\n",
        "a = \"\"\"\nx\"\"\"\n",
        "a = '''x'''\n",
        "a = [\n1]\n",
        "a = [[1]]\n",
        "a = 1\na = 2\n",
        "a = \"x\u{1}\"\n",
        "a = 1 # \u{7f}\n",
        "a = 1\rb = 2\n",
        "a = \"\\q\"\n",
        "a = \"\\uD800\"\n",
        "\"k\\t\" = 1\n",
        "a = \n",
        "a = 1979-05-27 07:32:00\n",
        "[a . b]\n",
        "[[a]]\n",
        "  [a]\n",
        "a = 2023-02-30\n",
        "a = 1 2\n",
        "a = wat\n",
        "键 = 1\n",
    ] {
        assert!(parse(s).is_none(), "{s:?}");
    }
}

/// Thousands of generated sections with every kind of value, valid or
/// not: the reader falls back or agrees with `toml` to the span.
#[test]
fn generated_sections_read_as_toml_reads_them() {
    // (usual, odd): an odd piece is taken one time in eight
    type Pieces = (&'static [&'static str], &'static [&'static str]);
    let headers: Pieces = (
        &[
            "",
            "[project.p1]\n",
            "[project.p-1.milestone.m_2]  # h\n",
            "[a]#c\n",
            "[x.y.z]\r\n",
        ],
        &["[project.\"p\"]\n", "[a.]\n", "[[a]]\n"],
    );
    let keys: Pieces = (
        &[
            "title",
            "a1",
            "a-b_c",
            "1234",
            "due",
            "\"quoted key\"",
            "'lit key'",
            "tags",
            "-",
            "_",
            "x",
            "y",
        ],
        &["\"\"", "\"esc\\tkey\"", "a.b", "键"],
    );
    let values: Pieces = (
        &[
            "\"plain\"",
            "\"\"",
            "\"中文 ✓\"",
            "\"a # b\"",
            "\"esc \\\" \\\\ \\n \\t \\b \\f \\r\"",
            "\"\\u00e9\\U0001F600\"",
            "\"\\x41\\e\"",
            "'lit \\n'",
            "''",
            "'a # b'",
            "0",
            "42",
            "-17",
            "+1",
            "1_000",
            "0x10",
            "0xDEAD_beef",
            "0o17",
            "0b101",
            "1e3",
            "1E-3",
            "1.5",
            "-0.0",
            "+0.0",
            "6.626e-34",
            "inf",
            "-inf",
            "+inf",
            "nan",
            "-nan",
            "true",
            "false",
            "2023-06-09",
            "2024-02-29",
            "1979-05-27T07:32:00Z",
            "1979-05-27t07:32:00z",
            "1979-05-27T07:32:00.5+01:00",
            "1979-05-27T07:32",
            "07:32:00",
            "[]",
            "[ 1, 2 ]",
            "[\"a\", 'b',]",
            "[2023-01-01, 1.5, true]",
        ],
        &[
            "\"bad \\q\"",
            "\"\\uD800\"",
            "\"open",
            "'open",
            "'''ml'''",
            "\"\"\"ml\"\"\"",
            "1__0",
            "_1",
            "01",
            "0x",
            "1.",
            ".5",
            "1.e5",
            "True",
            "2023-13-01",
            "2023-02-29",
            "07:32",
            "1979-05-27 07:32:00",
            "[1,,2]",
            "[1 2]",
            "[ [1] ]",
            "[",
            "{}",
            "{ a = 1 }",
            "",
            "wat",
            "1 2",
            "\"\u{1}\"",
            "'\u{7f}'",
        ],
    );
    let trails: Pieces = (
        &["", " ", "\t", " # c", "# \"x\" # 'y'", " #\t"],
        &[" #\u{1}", " junk", " #\u{7f}"],
    );
    let eols: Pieces = (
        &["\n", "\r\n", "\n\n", "\n# comment\n", "\n  \t\n"],
        &["\r", "\n  [y]\n"],
    );
    let spaces: Pieces = (&["", " ", "\t", "  "], &[]);
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut pick = |(usual, odd): Pieces| {
        if next(8) == 0 && !odd.is_empty() {
            odd[next(odd.len())]
        } else {
            usual[next(usual.len())]
        }
    };
    let (mut fast, mut total) = (0, 0);
    for round in 0..3000 {
        let mut s = String::from(pick(headers));
        for _ in 0..1 + round % 6 {
            for piece in [spaces, keys, spaces] {
                s += pick(piece);
            }
            s += "=";
            for piece in [spaces, values, trails, eols] {
                s += pick(piece);
            }
        }
        if round % 7 == 0 {
            s.pop();
        }
        total += 1;
        fast += usize::from(agrees(&s));
    }
    // most sections are read here, not all
    assert!(fast > total / 10 && fast < total, "{fast} of {total}");
}

#[test]
fn the_shipped_data_reads_as_toml_reads_it() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut fast = 0;
    for path in crate::core::load::objective_files(&dir).unwrap() {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut start = 0;
        let cuts = text.match_indices("\n[").map(|(i, _)| i + 1);
        for end in cuts.chain([text.len()]) {
            fast += usize::from(agrees(&text[start..end]));
            start = end;
        }
    }
    assert!(fast > 10, "{fast}");
}
