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
    common::keys(&mut app, "<Esc>e<Home>");
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
