//! The trend screen (`t`): the weekly percent of the selected item, its due
//! date and forecast; and the detail pane's sparkline. State driven by keys
//! without a terminal; screens compared with snapshots at 80x24 and 200x50.

use std::fs;

use chrono::Days;
use stride::core::history::{render, snapshot_of};
use stride::core::load_dir;
use stride::core::settings::iso_week_name;
use stride::tui::app::App;
use stride::tui::screens::{Screen, Trend};

#[macro_use]
mod common;
use common::screen::{draw, text};

/// The milestone 银联信用卡分期: 40% in W24 and now, due 2023-06-20.
const UPINSTALL: &str = "o1-business/channels/upinstall";

/// The sample with its history, and three more weeks before W24 in which
/// 银联信用卡分期 climbed 10 points a week (10, 20, 30; 40 in W24).
fn with_weeks(language: &str) -> (tempfile::TempDir, App) {
    let (root, _) = common::app_in(language, true);
    let dir = root.path().join("data");
    let p = load_dir(&dir).unwrap();
    for (weeks_ago, percent) in [(4u64, 10.0), (3, 20.0), (2, 30.0)] {
        let day = common::today() - Days::new(7 * weeks_ago);
        let mut snap = snapshot_of(&p, day);
        for (path, r) in snap.iter_mut() {
            if path == UPINSTALL {
                r.percent = percent;
            }
        }
        let name = format!("{}.toml", iso_week_name(day));
        fs::write(dir.join("history").join(name), render(&snap)).unwrap();
    }
    let app = App::new(load_dir(&dir).unwrap(), common::today());
    (root, app)
}

fn trend_path(app: &App) -> Option<String> {
    match &app.screen {
        Screen::Trend(Trend { path }) => Some(path.to_string()),
        _ => None,
    }
}

#[test]
fn t_opens_the_trend_of_the_selected_item_and_esc_q_t_return() {
    let (_d, mut app) = common::app_in("en", true);
    common::find(&mut app, "银联信用卡分期");
    let selected = app.selected_path().unwrap();
    assert_eq!(selected.to_string(), UPINSTALL);
    for back in ["<Esc>", "q", "t"] {
        common::keys(&mut app, "t");
        assert_eq!(trend_path(&app).as_deref(), Some(UPINSTALL), "t opens it");
        assert_eq!(app.selected_path(), Some(selected.clone()));
        common::keys(&mut app, back);
        assert_eq!(app.screen, Screen::Tree, "{back} goes back");
        assert!(!app.quit, "{back} does not quit");
        assert_eq!(app.selected_path(), Some(selected.clone()), "{back}");
    }
}

#[test]
fn t_opens_the_trend_of_an_objective_or_project_too() {
    let (_d, mut app) = common::app_in("en", true);
    common::keys(&mut app, "t");
    assert_eq!(trend_path(&app).as_deref(), Some("o1-business"));
    common::keys(&mut app, "<Esc>");
    common::find(&mut app, "新支付能力建设");
    common::keys(&mut app, "t");
    assert_eq!(trend_path(&app).as_deref(), Some("o1-business/channels"));
}

#[test]
fn the_trend_screen_only_looks() {
    let (_d, mut app) = common::app_in("en", true);
    common::find(&mut app, "银联信用卡分期");
    let before = app.selected_item().unwrap().percent();
    common::keys(&mut app, "t+]>");
    assert_eq!(app.selected_item().unwrap().percent(), before);
    assert!(trend_path(&app).is_some(), "still on the trend");
    assert!(
        app.journal
            .entries(stride::tui::app::Direction::Undo)
            .is_empty(),
        "nothing to undo"
    );
}

#[test]
fn the_forecast_of_a_steady_climb_is_late_in_words() {
    let (_d, mut app) = with_weeks("en");
    common::find(&mut app, "银联信用卡分期");
    common::keys(&mut app, "t");
    let screen = text(&draw(&mut app, 200, 50));
    // 10, 20, 30, 40, 40: least squares 8 a week; 60 to go, 8 weeks
    assert!(
        screen.contains("now 40% (W26) · pace +8.0 points a week since W22"),
        "{screen}"
    );
    assert!(
        screen.contains("at this pace: 100% in week 34 (2023-08-14), 8 weeks after due"),
        "{screen}"
    );
    assert!(screen.contains("due 2023-06-20 (W26)"), "{screen}");
    assert!(
        screen.contains("W22 10% · W23 20% · W24 30% · W25 40% · W26 40%"),
        "{screen}"
    );
}

#[test]
fn trend_screen_with_the_sample() {
    let (d, mut app) = common::app_in("en", true);
    common::find(&mut app, "新支付能力建设");
    common::keys(&mut app, "t");
    both_sizes!(&d, "trend_sample", &mut app);
}

#[test]
fn trend_screen_with_the_sample_in_chinese() {
    let (d, mut app) = common::app_in("zh", true);
    common::find(&mut app, "新支付能力建设");
    common::keys(&mut app, "t");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("按此速度：第29周（2023-07-10）达到 100%"),
        "{screen}"
    );
    both_sizes!(&d, "trend_sample_zh", &mut app);
}

#[test]
fn trend_screen_late_forecast() {
    let (d, mut app) = with_weeks("en");
    common::find(&mut app, "银联信用卡分期");
    common::keys(&mut app, "t");
    both_sizes!(&d, "trend_late", &mut app);
}

#[test]
fn trend_screen_late_forecast_in_chinese() {
    let (d, mut app) = with_weeks("zh");
    common::find(&mut app, "银联信用卡分期");
    common::keys(&mut app, "t");
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("比截止晚 8 周"), "{screen}");
    both_sizes!(&d, "trend_late_zh", &mut app);
}

#[test]
fn the_detail_pane_shows_the_weekly_percent_as_a_sparkline() {
    let (d, mut app) = with_weeks("en");
    common::find(&mut app, "银联信用卡分期");
    let screen = text(&draw(&mut app, 200, 50));
    // 10 20 30 40 40 of 100
    assert!(
        screen.contains("trend   ▂▂▃▄▄  W22 10% → W26 40%  (t)"),
        "{screen}"
    );
    both_sizes!(&d, "detail_sparkline", &mut app);
}

#[test]
fn one_earlier_week_is_no_sparkline() {
    // the "since" line says all that two points can
    let (_d, mut app) = common::app_in("en", true);
    common::find(&mut app, "银联信用卡分期");
    let screen = text(&draw(&mut app, 200, 50));
    assert!(screen.contains("since   W25: no change"), "{screen}");
    assert!(!screen.contains("(t)"), "{screen}");
}

#[test]
fn an_item_gone_from_disk_takes_its_trend_back_to_the_tree() {
    let (d, mut app) = common::app_in("en", true);
    common::find(&mut app, "银联信用卡分期");
    common::keys(&mut app, "t");
    assert_eq!(trend_path(&app).as_deref(), Some(UPINSTALL));
    let file = d.path().join("data").join("o1-business.toml");
    let full = fs::read_to_string(&file).unwrap();
    let from = full.find("[project.channels.milestone.upinstall]").unwrap();
    let to = from
        + full[from..]
            .find("\n[project.channels.milestone.wxipv6]")
            .unwrap();
    fs::write(&file, [&full[..from], &full[to + 1..]].concat()).unwrap();
    let i = app
        .portfolio
        .files
        .iter()
        .position(|f| f.path == file)
        .unwrap();
    app.dispatch(stride::tui::action::Action::FileChanged(i));
    assert!(
        app.portfolio
            .get(&stride::core::ItemPath::milestone(
                "o1-business",
                "channels",
                "upinstall"
            ))
            .is_none(),
        "the milestone is gone"
    );
    assert_eq!(app.screen, Screen::Tree);
}
