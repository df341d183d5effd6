//! Text coming into the TUI: pasted into a form or a search (any size),
//! and drawn from files (zero-width and combining characters).

use stride::tui::app::Mode;

mod common;

/// A field holds at most this many characters (`tui::form::MAX_FIELD`).
const CAP: usize = 10_000;

#[test]
fn a_400_kb_paste_into_a_form_is_cut_at_the_cap_with_a_message() {
    let (_root, mut app) = common::app_in("en", false);
    common::keys(&mut app, "e");
    let Mode::Form(form) = &app.mode else {
        panic!("a form opens")
    };
    let before = form.fields[form.focus].input.value().chars().count();
    // 400 KB, with line breaks that become spaces
    let text = "abcdefghi\n".repeat(40_000);
    common::paste(&mut app, &text);
    let Mode::Form(form) = &app.mode else {
        panic!("the form stays open")
    };
    let field = &form.fields[form.focus];
    assert_eq!(field.input.value().chars().count(), CAP);
    assert_eq!(field.input.cursor(), CAP);
    assert!(before < CAP);
    assert!(!field.input.value().contains('\n'));
    let m = app.message.as_ref().expect("a message says it was cut");
    assert!(m.error);
    assert!(m.text.contains("10000"), "{}", m.text);
    // a small paste in the middle goes at the cursor, in one piece
    common::keys(&mut app, "<Esc>ye<Home>");
    common::paste(&mut app, "[迁移]");
    let Mode::Form(form) = &app.mode else {
        panic!("form")
    };
    let field = &form.fields[form.focus];
    assert!(
        field.input.value().starts_with("[迁移]"),
        "{}",
        field.input.value()
    );
    assert_eq!(field.input.cursor(), 4);
}

#[test]
fn a_400_kb_paste_into_the_search_is_cut_at_the_cap() {
    let (_root, mut app) = common::app_in("en", false);
    common::keys(&mut app, "/");
    common::paste(&mut app, &"x".repeat(400_000));
    assert!(matches!(app.mode, Mode::Search));
    assert_eq!(app.search.input.value().chars().count(), CAP);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("10000"))
    );
}

/// Characters a terminal measures its own way: ZWJ emoji sequences (one
/// glyph in some terminals, three in others), combining accents, and
/// zero-width spaces and joiners.
const TRICKY: &str = "家👨\u{200d}👩\u{200d}👧 Cafe\u{301} a\u{200b}b\u{200c}c\u{2060}d 🏳\u{fe0f}\u{200d}🌈 x\u{308}\u{323}";

#[test]
fn zero_width_and_combining_characters_keep_every_row_the_terminal_width() {
    let toml = format!(
        "title = \"{TRICKY}\"\n[project.p]\ntitle = \"{TRICKY}{TRICKY}{TRICKY}\"\npercent = 40\n[project.p.milestone.m]\ntitle = \"{TRICKY}\"\npercent = 50\n"
    );
    let (_root, mut app) = common::app_with("en", false, &[("o9-tricky.toml", &toml)]);
    app.dispatch(stride::tui::action::Action::Last);
    // the project, opened to its milestone
    common::keys(&mut app, "l");
    for (w, h) in [(80, 24), (100, 30), (137, 40), (200, 50)] {
        let t = common::screen::draw(&mut app, w, h);
        let name = format!("tricky {w}x{h}");
        common::screen::assert_rows_fill(&name, &t);
        let buf = t.backend().buffer();
        for cell in buf.content() {
            let s = cell.symbol();
            assert!(
                !s.chars()
                    .any(|c| matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}')),
                "{name}: a zero-width character drawn: {s:?}"
            );
        }
        let text = common::screen::text(&t);
        // the combining accents stay on their letters
        assert!(text.contains("Cafe\u{301}"), "{name}:\n{text}");
        // the gauge starts at the same column on every row, the tricky
        // ones too, and nothing is left in it
        let gauge = |row: &str| {
            row.find(['█', '░', '▏', '▎', '▍', '▌', '▋', '▊', '▉'])
                .map(|i| stride::core::text::width(&row[..i]))
        };
        let columns: Vec<(usize, &str)> =
        // (the header has a gauge of its own)
            text.lines().skip(1).filter_map(|r| Some((gauge(r)?, r))).collect();
        assert!(
            columns.iter().filter(|(_, r)| r.contains("Cafe")).count() >= 2,
            "{name}:\n{text}"
        );
        for (c, row) in &columns {
            assert_eq!(
                *c, columns[0].0,
                "{name}: gauge moved:\n{row}\n{}",
                columns[0].1
            );
        }
    }
}
