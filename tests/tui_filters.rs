//! The tree's filters: due soon, an owner with the milestones of the
//! projects they own, and the whole filter in the header.

use stride::tui::action::Action;
use stride::tui::app::App;

mod common;
use common::screen::{draw, text};

fn shown(app: &App) -> Vec<String> {
    app.tree
        .rows
        .iter()
        .map(|n| n.path(&app.portfolio).unwrap().to_string())
        .collect()
}

/// Picks the filter menu's entry whose label starts with `label`.
fn pick(app: &mut App, label: &str) {
    let at = app
        .filter_entries()
        .iter()
        .position(|(l, _)| l.starts_with(label))
        .unwrap_or_else(|| panic!("no filter {label}"));
    app.dispatch(Action::Filter);
    for _ in 0..at {
        app.dispatch(Action::MenuDown);
    }
    app.dispatch(Action::Confirm);
}

#[test]
fn due_soon_shows_what_is_due_within_the_settings_days() {
    let (_d, mut app) = common::app_in("en", false);
    pick(&mut app, "due soon");
    assert_eq!(app.tree.filter.due_soon, Some(7));
    // 2023-06-20: due by 06-27 and not done; the header counts 1 due soon
    assert_eq!(
        shown(&app),
        [
            "o1-business",
            "o1-business/channels",
            "o1-business/channels/upinstall"
        ]
    );
    // with overdue too: late or soon
    pick(&mut app, "overdue only");
    assert!(shown(&app).contains(&"o1-business/channels/netsunion".to_string()));
    assert!(shown(&app).contains(&"o1-business/channels/upinstall".to_string()));
}

#[test]
fn an_owner_keeps_the_milestones_of_the_projects_they_own() {
    let (_d, mut app) = common::app_in("en", false);
    pick(&mut app, "owner 孙七");
    let rows = shown(&app);
    // 孙七 owns mortgage and xiaobei; their milestones have no owner
    for m in [
        "o1-business/mortgage/flow",
        "o1-business/mortgage/prd",
        "o1-business/xiaobei/batch2",
    ] {
        assert!(rows.contains(&m.to_string()), "{m}: {rows:?}");
    }
    assert!(!rows.iter().any(|r| r.starts_with("o1-business/easypay")));
}

#[test]
fn the_header_shows_the_whole_filter() {
    let (_d, mut app) = common::app_in("en", false);
    pick(&mut app, "owner 孙七");
    pick(&mut app, "due soon");
    pick(&mut app, "overdue only");
    pick(&mut app, "status in progress");
    for w in [80, 100] {
        let screen = text(&draw(&mut app, w, 24));
        let header = screen.lines().next().unwrap();
        assert!(
            header.contains("filter: status=in progress owner=孙七 overdue due soon"),
            "{w}: {header}"
        );
    }
}

#[test]
fn a_search_in_pinyin_initials_finds_the_chinese_title() {
    let (_d, mut app) = common::app_in("zh", false);
    common::keys(&mut app, "/wlds<Enter>");
    let title = app.selected_item().unwrap().fields().title.clone();
    assert_eq!(title, "网联代收");
}
