//! The stand-up's pages at 80x24 and 200x50: whole texts that scroll when
//! longer than the screen, milestone columns that fit, the summary that
//! scrolls; the overdue review's columns and the detail pane's scrolling.

use std::fs;
use std::time::Duration;

use stride::core::load_dir;
use stride::tui::action::Action;
use stride::tui::app::App;
use stride::tui::screens::Screen;

#[macro_use]
mod common;
use common::screen::{draw, text};

/// The 国密 project's plan for next week, added to the sample so that its
/// page has an update and a next.
const GUOMI_NEXT: &str = "完成前端自研JS版国密方案的开发和联调，在测试环境验证各类终端的兼容性，下周五前提交安全评审。";

/// The sample in `language` with its history, 国密 given a `next`.
fn sample(language: &str) -> (tempfile::TempDir, App) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    fs::create_dir(&dir).unwrap();
    common::sample_into(&dir, language, true);
    let file = dir.join("o3-stability.toml");
    let text = fs::read_to_string(&file).unwrap();
    let anchor = "采用前端自研JS版国密方案。\"\n";
    assert!(text.contains(anchor));
    let text = text.replacen(anchor, &format!("{anchor}next = \"{GUOMI_NEXT}\"\n"), 1);
    fs::write(&file, text).unwrap();
    let app = App::new(load_dir(&dir).unwrap(), common::today());
    (root, app)
}

/// Opens the stand-up and turns pages until the project titled `title`.
fn standup_at(app: &mut App, title: &str) {
    app.dispatch(Action::Standup);
    for _ in 0..40 {
        let Screen::Standup(s) = &app.screen else {
            panic!("the stand-up is open")
        };
        if s.project()
            .and_then(|p| app.portfolio.get(p))
            .is_some_and(|i| i.fields().title == title)
        {
            return;
        }
        app.dispatch(Action::NextPage);
    }
    panic!("no stand-up page for {title}");
}

/// The screen's text with the spaces taken out (wrapped text joins up).
fn joined(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    text(t).chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn project_pages_show_their_whole_text_at_both_sizes_in_both_languages() {
    for lang in ["en", "zh"] {
        let (d, mut app) = sample(lang);
        let update = |app: &App, title: &str| {
            let p = app
                .portfolio
                .objectives
                .iter()
                .flat_map(|o| &o.projects)
                .find(|p| p.fields.title == title)
                .unwrap();
            p.fields.update.clone().unwrap()
        };
        for (title, name) in [("商户降客询", "merchant"), ("商户登录国密控件降级", "guomi")] {
            standup_at(&mut app, title);
            let whole = update(&app, title);
            for (w, h) in [(80, 24), (200, 50)] {
                let t = draw(&mut app, w, h);
                let seen = joined(&t);
                let want: String = whole.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(seen.contains(&want), "{lang} {name} {w}x{h}:\n{}", text(&t));
                if name == "guomi" {
                    assert!(seen.contains(GUOMI_NEXT), "{lang} {w}x{h}:\n{}", text(&t));
                }
                check!(&d, &format!("standup_{name}_{lang}_{w}x{h}"), &t);
            }
        }
    }
}
