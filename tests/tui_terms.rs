//! Any terminal: the theme picked from the environment, the screens without
//! colour (a marker shows the selection), 16 colours only, and the user's
//! config file (theme, keys remapped and shown so in help and footer).

use std::path::Path;
use std::sync::Arc;

use ratatui::style::{Color, Modifier};
use stride::tui::action::Action;
use stride::tui::app::{App, Mode, Ui};
use stride::tui::config;
use stride::tui::key::key;
use stride::tui::keymap::Keymap;
use stride::tui::theme::{Palette, Theme, ThemeName};

#[macro_use]
mod common;
use common::screen::{draw, text};

/// A look-up of environment variables from pairs, as a test sets them.
fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
}

fn palette(pairs: &[(&str, &str)], chosen: Option<ThemeName>) -> Palette {
    Theme::from_env(env(pairs), chosen).palette
}

#[test]
fn no_color_and_dumb_terminals_get_no_colour_whatever_the_config_says() {
    let truecolor = [("TERM", "xterm-256color"), ("COLORTERM", "truecolor")];
    assert_eq!(palette(&truecolor, None), Palette::Truecolor);
    let no_color = [("NO_COLOR", "1"), ("COLORTERM", "truecolor")];
    assert_eq!(palette(&no_color, None), Palette::Mono);
    assert_eq!(palette(&no_color, Some(ThemeName::Light)), Palette::Mono);
    assert!(!Theme::from_env(env(&no_color), Some(ThemeName::Light)).light);
    // an empty NO_COLOR does not count (no-color.org)
    assert_eq!(
        palette(&[("NO_COLOR", ""), ("COLORTERM", "24bit")], None),
        Palette::Truecolor
    );
    assert_eq!(palette(&[("TERM", "dumb")], None), Palette::Mono);
    assert_eq!(
        palette(&truecolor, Some(ThemeName::Mono)),
        Palette::Mono,
        "theme = \"mono\""
    );
}

#[test]
fn colour_depth_follows_colorterm_and_term() {
    assert_eq!(
        palette(&[("TERM", "xterm-256color")], None),
        Palette::Indexed
    );
    assert_eq!(palette(&[("TERM", "xterm")], None), Palette::Ansi16);
    assert_eq!(palette(&[("TERM", "linux")], None), Palette::Ansi16);
    assert_eq!(palette(&[], None), Palette::Ansi16);
    assert_eq!(
        palette(&[("TERM", "xterm"), ("COLORTERM", "truecolor")], None),
        Palette::Truecolor
    );
    let light = Theme::from_env(env(&[("TERM", "xterm")]), Some(ThemeName::Light));
    assert!(light.light);
    assert_eq!(light.palette, Palette::Ansi16);
}

fn with_theme(app: &mut App, theme: Theme) {
    app.clock.ui = Ui {
        theme,
        keymap: Arc::new(Keymap::default()),
    };
}

/// The row of the screen's text holding `needle`.
fn row_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle}:\n{screen}"))
}

#[test]
fn without_colour_the_selected_row_of_the_tree_has_a_marker() {
    let (d, mut app) = common::app_in("en", false);
    with_theme(&mut app, Theme::MONO);
    app.dispatch(Action::Down);
    let t = draw(&mut app, 80, 24);
    check!(&d, "no_color_tree_80x24", &t);
    let screen = text(&t);
    let marked: Vec<&str> = screen.lines().filter(|l| l.starts_with('▶')).collect();
    assert_eq!(marked.len(), 1, "{screen}");
    // no colour anywhere, and the selection in reverse video
    let buf = t.backend().buffer();
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let y = screen.lines().position(|l| l.starts_with('▶')).unwrap() as u16;
    assert!(buf[(5, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn without_colour_the_highlighted_entry_of_a_menu_has_a_marker() {
    let (d, mut app) = common::app_in("en", false);
    with_theme(&mut app, Theme::MONO);
    common::find(&mut app, "迁移进度");
    app.dispatch(Action::StatusMenu);
    app.dispatch(Action::MenuDown);
    let t = draw(&mut app, 80, 24);
    check!(&d, "no_color_status_menu_80x24", &t);
    let screen = text(&t);
    let marked: Vec<&str> = screen.lines().filter(|l| l.contains("│▶")).collect();
    assert_eq!(marked.len(), 1, "{screen}");
    assert!(marked[0].contains("to do"), "{}", marked[0]);
}

#[test]
fn sixteen_colours_leave_no_truecolor_or_indexed_cell() {
    for light in [false, true] {
        let (_d, mut app) = common::app_in("en", true);
        with_theme(
            &mut app,
            Theme {
                palette: Palette::Ansi16,
                light,
            },
        );
        for setup in [Action::ToggleAll, Action::StatusMenu] {
            app.dispatch(setup);
            let t = draw(&mut app, 120, 40);
            let bad = t
                .backend()
                .buffer()
                .content
                .iter()
                .find(|c| {
                    [c.fg, c.bg]
                        .iter()
                        .any(|c| matches!(c, Color::Rgb(..) | Color::Indexed(_)))
                })
                .map(|c| (c.symbol().to_string(), c.fg, c.bg));
            assert_eq!(bad, None, "light: {light}");
            // the selection still stands out
            let buf = t.backend().buffer();
            assert!(
                buf.content
                    .iter()
                    .any(|c| c.bg == Color::DarkGray || c.bg == Color::Gray)
            );
        }
    }
}

#[test]
fn the_light_theme_draws_dark_text() {
    let (_d, mut app) = common::app_in("en", false);
    with_theme(
        &mut app,
        Theme {
            palette: Palette::Truecolor,
            light: true,
        },
    );
    let t = draw(&mut app, 80, 24);
    let buf = t.backend().buffer();
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg != Color::White || c.bg != Color::Reset)
    );
    assert!(
        buf.content
            .iter()
            .any(|c| c.bg == Color::Rgb(200, 215, 240)),
        "selection"
    );
}

const NAMES: fn() -> Vec<String> = || Keymap::default().action_names();

#[test]
fn a_config_file_sets_the_theme_and_keys() {
    let text = "theme = \"light\"\n[keys]\n\"J\" = \"down\"\n\"Ctrl-f\" = \"search\"\n";
    let c = config::parse(text, Path::new("config.toml"), &NAMES()).unwrap();
    assert_eq!(c.theme, Some(ThemeName::Light));
    assert_eq!(
        c.keys,
        vec![(key("J"), "down".into()), (key("Ctrl-f"), "search".into())]
    );
}

#[test]
fn a_bad_config_file_says_where() {
    let names = NAMES();
    let at = |text: &str| config::parse(text, Path::new("c.toml"), &names).unwrap_err();
    let e = at("theme = \"light\"\n[keys]\n\"J\" = \"dwon\"\n");
    assert!(
        e.starts_with("c.toml:3:7: no action is named \"dwon\""),
        "{e}"
    );
    let e = at("theme = \"pink\"\n");
    assert!(e.starts_with("c.toml:1:9: theme is"), "{e}");
    let e = at("theme = \n");
    assert!(e.starts_with("c.toml:1:"), "{e}");
    let e = at("\n\nthemes = \"dark\"\n");
    assert!(
        e.starts_with("c.toml:3:1: unknown setting \"themes\""),
        "{e}"
    );
    let e = at("[keys]\n\"<Nope>\" = \"down\"\n");
    assert!(e.starts_with("c.toml:2:1: "), "{e}");
}

#[test]
fn the_config_file_is_found_by_flag_env_and_home() {
    let flag = Path::new("/x/c.toml");
    assert_eq!(
        config::path(Some(flag), env(&[("STRIDE_CONFIG", "/y")])).unwrap(),
        flag
    );
    assert_eq!(
        config::path(None, env(&[("STRIDE_CONFIG", "/y"), ("HOME", "/h")])).unwrap(),
        Path::new("/y")
    );
    assert_eq!(
        config::path(None, env(&[("XDG_CONFIG_HOME", "/c"), ("HOME", "/h")])).unwrap(),
        Path::new("/c/stride/config.toml")
    );
    assert_eq!(
        config::path(None, env(&[("HOME", "/h")])).unwrap(),
        Path::new("/h/.config/stride/config.toml")
    );
    assert_eq!(config::path(None, env(&[])), None);
}

#[test]
fn a_bad_config_starts_with_the_defaults_and_says_so() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("config.toml");
    std::fs::write(&file, "theme = \"mono\"\n[keys]\n\"J\" = 3\n").unwrap();
    let (ui, problem) = config::ui(Some(&file), env(&[("COLORTERM", "truecolor")]));
    let problem = problem.unwrap();
    assert!(problem.contains("config.toml:3:7: "), "{problem}");
    assert_eq!(ui.theme.palette, Palette::Truecolor, "the defaults");
    let missing = d.path().join("none.toml");
    let (_, problem) = config::ui(Some(&missing), env(&[]));
    assert_eq!(problem, None, "no file is no problem");
}

#[test]
fn remapped_keys_work_and_show_in_help_and_footer() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("config.toml");
    std::fs::write(
        &file,
        "[keys]\n\"J\" = \"down\"\n\"Q\" = \"quit\"\n\"H\" = \"help\"\n",
    )
    .unwrap();
    let (ui, problem) = config::ui(Some(&file), env(&[("COLORTERM", "truecolor")]));
    assert_eq!(problem, None);
    let (_r, mut app) = common::app_in("en", false);
    app.clock.ui = ui;
    let before = app.tree.selected;
    common::keys(&mut app, "J");
    assert_eq!(app.tree.selected, before + 1);
    let footer = text(&draw(&mut app, 200, 50));
    let footer = footer.lines().last().unwrap();
    assert!(footer.contains("Q* quit"), "{footer}");
    assert!(footer.contains("H* help"), "{footer}");
    common::keys(&mut app, "H");
    assert!(matches!(app.mode, Mode::Help(_)));
    let help = text(&draw(&mut app, 100, 40));
    assert!(row_with(&help, "J* ↓ j").contains("move down"), "{help}");
    assert!(help.contains("Q* q Ctrl-c"), "{help}");
}

#[test]
fn a_key_remapped_to_another_action_leaves_its_old_one() {
    let map = Keymap::new(&[(key("q"), "help".into())]);
    let tree = stride::tui::screens::Screen::Tree;
    let quit = map
        .bindings(&tree)
        .iter()
        .find(|b| b.action == Action::Quit)
        .unwrap();
    assert!(!quit.keys.contains(&key("q")));
    let help = map
        .bindings(&tree)
        .iter()
        .find(|b| b.action == Action::Help)
        .unwrap();
    assert_eq!(help.label(), "q* ?");
}

#[test]
fn help_labels_never_run_into_their_descriptions() {
    for language in ["en", "zh"] {
        let (d, mut app) = common::app_in(language, false);
        app.dispatch(Action::Help);
        let t = draw(&mut app, 100, 40);
        check!(&d, &format!("help_labels_{language}_100x40"), &t);
        // each half of each row of the window starts with a key label
        let screen = text(&t);
        let halves: Vec<String> = screen
            .lines()
            .filter_map(|l| l.strip_prefix('│'))
            .flat_map(|l| {
                // the window is 98 columns inside: two columns of 49
                let (mut left, mut right, mut w) = (String::new(), String::new(), 0);
                for c in l.chars() {
                    if w < 49 {
                        left.push(c)
                    } else {
                        right.push(c)
                    }
                    w += stride::core::text::width(&c.to_string());
                }
                [left, right]
            })
            .collect();
        let tree = stride::tui::screens::Screen::Tree;
        let mut labels: Vec<String> = app
            .keymap()
            .bindings(&tree)
            .iter()
            .map(|b| b.label())
            .collect();
        labels.extend(
            stride::tui::keymap::OVERLAY_HELP
                .iter()
                .map(|(l, _, _)| l.to_string()),
        );
        for label in labels {
            assert!(
                halves.iter().any(|h| h.starts_with(&format!("{label} "))),
                "{label} is not followed by a space:\n{screen}"
            );
        }
    }
}
