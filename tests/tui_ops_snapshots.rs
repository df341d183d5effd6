//! The operations view and the stand-up's operations page, in English and
//! Chinese, rendered into ratatui's TestBackend at 80x24 and 200x50 and
//! compared with snapshots.

use chrono::NaiveTime;
use stride::core::load_dir;
use stride::core::text::width;
use stride::tui::action::Action;
use stride::tui::app::App;
use stride::tui::screens::{OpsRow, Screen};

#[macro_use]
mod common;
use common::screen::{draw, text};
use common::today;

/// The sample data with its history, in `language`; the history also
/// records the metrics of the two weeks before, so that the view shows
/// their change and a sparkline.
fn app(language: &str) -> (tempfile::TempDir, App) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    common::sample_into(&dir, language, true);
    let history = dir.join("history");
    let w24 = history.join("2023-W24.toml");
    let mut text = std::fs::read_to_string(&w24).unwrap();
    text.push_str(
        "\n[metrics]\n\"o3-stability/deposit-success\" = 99.98\n\"o3-stability/withdraw-success\" = 99.98\n\"o3-stability/availability\" = 99.998\n",
    );
    std::fs::write(&w24, text).unwrap();
    std::fs::write(
        history.join("2023-W23.toml"),
        "week = \"2023-W23\"\n\n[metrics]\n\"o3-stability/deposit-success\" = 99.97\n\"o3-stability/withdraw-success\" = 99.97\n\"o3-stability/availability\" = 99.998\n",
    )
    .unwrap();
    let mut app = App::new(load_dir(&dir).unwrap(), today());
    app.clock.time_of_day = NaiveTime::from_hms_opt(10, 30, 0);
    (root, app)
}

/// Moves down to the row titled `title`.
fn select(app: &mut App, title: &str) {
    for _ in 0..20 {
        let here = match app.ops().and_then(|o| o.selected(&app.portfolio)) {
            Some(OpsRow::Metric(_, m)) => m.title.clone(),
            Some(OpsRow::Incident(l)) => l.incident.title.clone(),
            None => String::new(),
        };
        if here == title {
            return;
        }
        app.dispatch(Action::Down);
    }
    panic!("no row titled {title}");
}

#[test]
fn operations_view_en() {
    let (d, mut app) = app("en");
    app.dispatch(Action::Operations);
    select(&mut app, "账户流水金额差异");
    both_sizes!(&d, "ops_incident_en", &mut app);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("AB 0 CD 1  0 missed"),
        "the header: {screen}"
    );
    assert!(screen.contains("▲ 0.01"), "deposit went up");
    assert!(screen.contains("▼ 0.02"), "withdraw went down");
    assert!(screen.contains("▁▅█"), "deposit's sparkline");
}

#[test]
fn operations_view_zh() {
    let (d, mut app) = app("zh");
    app.dispatch(Action::Operations);
    select(&mut app, "账户流水金额差异");
    both_sizes!(&d, "ops_incident_zh", &mut app);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("AB级0次 CD级1次"),
        "the team's words: {screen}"
    );
}

#[test]
fn a_metric_selected_and_missing_its_target() {
    let (d, mut app) = app("en");
    app.dispatch(Action::Operations);
    select(&mut app, "出金有效成功率");
    app.dispatch(Action::Edit);
    app.dispatch(Action::Input(tui_input::InputRequest::DeleteLine));
    app.dispatch(Action::Paste("99.9".into()));
    app.dispatch(Action::Confirm);
    app.message = None;
    check!(&d, "ops_metric_missed_en_80x24", &draw(&mut app, 80, 24));
    let (d, mut app) = self::app("zh");
    app.dispatch(Action::Operations);
    select(&mut app, "出金有效成功率");
    app.dispatch(Action::Edit);
    app.dispatch(Action::Input(tui_input::InputRequest::DeleteLine));
    app.dispatch(Action::Paste("99.9".into()));
    app.dispatch(Action::Confirm);
    app.message = None;
    check!(&d, "ops_metric_missed_zh_80x24", &draw(&mut app, 80, 24));
}

#[test]
fn the_incident_form_in_chinese_with_a_bad_time() {
    let (d, mut app) = app("zh");
    app.dispatch(Action::Operations);
    app.dispatch(Action::Add);
    app.dispatch(Action::Input(tui_input::InputRequest::DeleteLine));
    app.dispatch(Action::Paste("2023-06-15 25:01".into()));
    app.dispatch(Action::NextField);
    app.dispatch(Action::Paste("C".into()));
    app.dispatch(Action::NextField);
    app.dispatch(Action::Paste("账户流水金额差异".into()));
    app.dispatch(Action::NextField);
    app.dispatch(Action::Paste(
        "5991笔差异，影响764个商户的对账单数据".into(),
    ));
    check!(&d, "ops_form_zh_80x24", &draw(&mut app, 80, 24));
}

#[test]
fn the_stand_up_opens_on_the_operations_page() {
    for language in ["en", "zh"] {
        let (d, mut app) = app(language);
        app.dispatch(Action::Standup);
        let Screen::Standup(s) = &app.screen else {
            panic!("the stand-up")
        };
        assert!(s.on_ops());
        app.dispatch(Action::Tick(std::time::Duration::from_secs(42)));
        select(&mut app, "清结算csp-agent-oss告警");
        both_sizes!(&d, &format!("standup_ops_{language}"), &mut app);
    }
}

#[test]
fn every_size_draws_whole_rows_and_a_whole_header() {
    for language in ["en", "zh"] {
        let (_d, mut app) = app(language);
        let mut screens = Vec::new();
        app.dispatch(Action::Operations);
        select(&mut app, "账户流水金额差异");
        screens.push(("ops", app.screen.clone(), app.mode.clone()));
        app.dispatch(Action::Add);
        screens.push(("form", app.screen.clone(), app.mode.clone()));
        app.dispatch(Action::Cancel);
        app.dispatch(Action::Back);
        app.dispatch(Action::Standup);
        screens.push(("standup", app.screen.clone(), app.mode.clone()));
        for _ in 0..20 {
            app.dispatch(Action::NextPage);
        }
        screens.push(("summary", app.screen.clone(), app.mode.clone()));
        for (name, screen, mode) in screens {
            app.screen = screen;
            app.mode = mode;
            for (w, h) in [
                (50, 12),
                (60, 16),
                (66, 20),
                (72, 22),
                (80, 24),
                (100, 30),
                (120, 40),
                (200, 50),
            ] {
                let screen = text(&draw(&mut app, w, h));
                for (i, row) in screen.lines().enumerate() {
                    assert_eq!(
                        width(row),
                        w as usize,
                        "{language} {name} {w}x{h} row {i}: {row}"
                    );
                }
                let header = screen.lines().next().unwrap().trim_end();
                if name == "form" && h < 24 {
                    continue; // the form covers the header
                }
                assert!(
                    ["missed", "blocked", "blk", "次"]
                        .iter()
                        .any(|end| header.ends_with(end))
                        || header.ends_with(|c: char| c.is_ascii_digit()),
                    "{language} {name} {w}x{h}: the header is cut: {header}"
                );
            }
        }
    }
}
