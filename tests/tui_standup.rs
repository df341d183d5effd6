//! The stand-up's pages at 80x24 and 200x50: whole texts that scroll when
//! longer than the screen, milestone columns that fit, the summary that
//! scrolls; the overdue review's columns and the detail pane's scrolling.

use std::fs;

use stride::core::load_dir;
use stride::core::text::width;
use stride::tui::action::Action;
use stride::tui::app::App;
use stride::tui::screens::Screen;

#[macro_use]
mod common;
use common::screen::{draw, text};

/// The 国密 project's plan for next week, added to the sample so that its
/// page has an update and a next.
const GUOMI_NEXT: &str =
    "完成前端自研JS版国密方案的开发和联调，在测试环境验证各类终端的兼容性，下周五前提交安全评审。";

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
        for (title, name) in [
            ("商户降客询", "merchant"),
            ("商户登录国密控件降级", "guomi"),
        ] {
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

/// Opens the stand-up and turns to the summary page.
fn summary_page(app: &mut App) {
    app.dispatch(Action::Standup);
    for _ in 0..40 {
        if matches!(&app.screen, Screen::Standup(s) if s.on_summary()) {
            return;
        }
        app.dispatch(Action::NextPage);
    }
    panic!("no summary page");
}

#[test]
fn down_scrolls_the_summary_until_the_last_moved_item_shows() {
    for lang in ["en", "zh"] {
        let (_d, mut app) = common::app_in(lang, true);
        summary_page(&mut app);
        let Screen::Standup(s) = &app.screen else {
            panic!("the stand-up is open")
        };
        let moved = s.summary.as_ref().unwrap().moved.clone();
        assert!(moved.len() > 10, "{moved:?}");
        let last = moved.last().unwrap().clone();
        let first_screen = text(&draw(&mut app, 80, 24));
        assert!(!first_screen.contains(&last), "{first_screen}");
        let more = if lang == "en" {
            "more lines"
        } else {
            "下面还有"
        };
        assert!(first_screen.contains(more), "{first_screen}");
        // the footer offers what works here: scrolling, not editing
        let footer = first_screen.lines().last().unwrap().to_string();
        assert!(footer.contains("↑↓"), "{footer}");
        assert!(!footer.contains("+-"), "{footer}");
        let mut shown = first_screen;
        for _ in 0..40 {
            if shown.contains(&last) {
                break;
            }
            common::keys(&mut app, "<Down>");
            shown = text(&draw(&mut app, 80, 24));
        }
        assert!(shown.contains(&last), "{shown}");
        // no further than the end: Up comes back at once
        common::keys(&mut app, "jjjjjjjjjj");
        let end = text(&draw(&mut app, 80, 24));
        assert!(end.contains(&last), "{end}");
        common::keys(&mut app, "k");
        let Screen::Standup(s) = &app.screen else {
            panic!("the stand-up is open")
        };
        assert!(s.scroll > 0);
        let up = text(&draw(&mut app, 80, 24));
        assert_ne!(up, end);
        // PgUp goes back to the top, where nothing is above
        common::keys(&mut app, "<PgUp><PgUp><PgUp>");
        let top = text(&draw(&mut app, 80, 24));
        let Screen::Standup(s) = &app.screen else {
            panic!("the stand-up is open")
        };
        assert_eq!(s.scroll, 0, "{top}");
        assert!(top.contains(more), "{top}");
    }
}

#[test]
fn time_per_project_lists_as_many_rows_as_its_count() {
    for (lang, heading) in [("en", "Time per project ("), ("zh", "各项目用时（")] {
        let (_d, mut app) = common::app_in(lang, true);
        summary_page(&mut app);
        let screen = text(&draw(&mut app, 200, 50));
        let lines: Vec<&str> = screen.lines().collect();
        let (at, byte) = lines
            .iter()
            .enumerate()
            .find_map(|(i, l)| l.find(heading).map(|c| (i, c)))
            .unwrap_or_else(|| panic!("{screen}"));
        let count: usize = lines[at][byte + heading.len()..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect::<String>()
            .parse()
            .unwrap();
        assert_eq!(count, 14);
        // the rows under the heading, up to the first empty one, in its column
        let col = width(&lines[at][..byte]);
        let rows = lines[at + 1..]
            .iter()
            .take_while(|l| !from_column(l, col).trim().is_empty())
            .count();
        assert_eq!(rows, count, "{screen}");
    }
}

#[test]
fn the_big_gauge_keeps_a_space_between_bar_and_label() {
    // the label stands after the bar, never over it, so the text reads the
    // same with colours or without (NO_COLOR, TERM=dumb)
    let (_d, mut app) = sample("en");
    standup_at(&mut app, "小贝帮帮");
    for (w, h) in [(80, 24), (200, 50)] {
        let screen = text(&draw(&mut app, w, h));
        let gauge = screen.lines().nth(3).unwrap();
        let at = gauge.find("50%").unwrap_or_else(|| panic!("{screen}"));
        let before: Vec<char> = gauge[..at].chars().rev().take(2).collect();
        assert_eq!(before[0], ' ', "{gauge}");
        assert!("█░▏▎▍▌▋▊▉".contains(before[1]), "{gauge}");
        assert!(gauge.starts_with('█'), "{gauge}");
    }
}

#[test]
fn the_overdue_review_keeps_dates_beside_the_titles_at_200x50() {
    for lang in ["en", "zh"] {
        let (_d, mut app) = common::app_in(lang, true);
        app.dispatch(Action::Review);
        let screen = text(&draw(&mut app, 200, 50));
        let rows: Vec<&str> = screen
            .lines()
            .skip(2)
            // the list's rows, not the detail pane's due date
            .filter(|l| l.starts_with("▶ ") || l.starts_with("  ") && !l[2..].starts_with(' '))
            .filter(|l| l.contains("2023-06-"))
            .collect();
        assert_eq!(rows.len(), 2, "{screen}");
        let title_end = rows
            .iter()
            .map(|l| {
                let date = l.find("2023-06-").unwrap();
                width(l[..date].trim_end())
            })
            .max()
            .unwrap();
        for l in &rows {
            let date = l.find("2023-06-").unwrap();
            let gap = width(&l[..date]) - title_end;
            assert!((1..=3).contains(&gap), "{gap} columns before the date: {l}");
        }
    }
}

/// `line` from display column `col` on.
fn from_column(line: &str, col: usize) -> String {
    let mut used = 0;
    line.chars()
        .skip_while(|c| {
            let skip = used < col;
            used += width(&c.to_string());
            skip
        })
        .collect()
}

/// An objective whose one project has more milestones than a 80x24 page
/// has rows, and an update and a next.
fn long_project() -> String {
    let mut toml = String::from(
        "title = \"O9 长项目\"\n\n[project.long]\ntitle = \"长项目\"\n\
         update = \"本周完成第一批十八个里程碑的梳理。\"\n\
         next = \"下周逐个推进，最后一行在这里。\"\n",
    );
    for i in 1..=18 {
        toml.push_str(&format!(
            "\n[project.long.milestone.m{i}]\ntitle = \"里程碑{i}\"\npercent = {}\n",
            i * 5
        ));
    }
    toml
}

#[test]
fn a_project_page_longer_than_the_screen_scrolls_to_its_last_line() {
    let (_d, mut app) = common::app_with("en", false, &[("o9-long.toml", &long_project())]);
    standup_at(&mut app, "长项目");
    let first = text(&draw(&mut app, 80, 24));
    assert!(first.contains("里程碑1 "), "{first}");
    assert!(!first.contains("最后一行在这里"), "{first}");
    assert!(first.contains("↓ 4 more lines"), "{first}");
    // ↓ picks each milestone, the page following the selection...
    common::keys(&mut app, &"j".repeat(18));
    let last = text(&draw(&mut app, 80, 24));
    assert!(last.contains("▶ 里程碑18"), "{last}");
    assert!(!last.contains("里程碑1 "), "{last}");
    // ...then, past the last one, scrolls on to the end of the text
    common::keys(&mut app, "jjjjjjjj");
    let end = text(&draw(&mut app, 80, 24));
    assert!(end.contains("最后一行在这里"), "{end}");
    assert!(end.contains("lines above"), "{end}");
    // PgUp goes back up without moving the selection
    common::keys(&mut app, "<PgUp><PgUp>");
    let top = text(&draw(&mut app, 80, 24));
    assert!(top.contains("里程碑1 "), "{top}");
    let Screen::Standup(s) = &app.screen else {
        panic!("the stand-up is open")
    };
    assert_eq!((s.row, s.scroll), (18, 0));
    // at 200x50 the whole page fits: no marker
    let wide = text(&draw(&mut app, 200, 50));
    assert!(
        wide.contains("最后一行在这里") && wide.contains("里程碑1 "),
        "{wide}"
    );
    assert!(
        !wide.contains("more line") && !wide.contains("above"),
        "{wide}"
    );
}

#[test]
fn the_detail_pane_scrolls_at_80x24() {
    for (lang, more, above) in [
        ("en", "more lines", "above"),
        ("zh", "下面还有", "上面还有"),
    ] {
        let (_d, mut app) = common::app_in(lang, true);
        common::find(&mut app, "网联代收");
        let blocker = "解约接口由于网联测试环境问题阻断中";
        let before = text(&draw(&mut app, 80, 24));
        assert!(
            before.contains(more) && before.contains("(J K)"),
            "{before}"
        );
        assert!(!before.contains(blocker), "{before}");
        common::keys(&mut app, "J");
        let after = text(&draw(&mut app, 80, 24));
        assert!(after.contains(blocker), "{after}");
        assert!(after.contains(above), "{after}");
        // no further than the end, and back up with K
        common::keys(&mut app, "JJJ");
        draw(&mut app, 80, 24);
        assert_eq!(app.tree.detail_scroll, 3);
        common::keys(&mut app, "K");
        let up = text(&draw(&mut app, 80, 24));
        assert!(!up.contains(blocker), "{up}");
        // another item starts at its top
        common::keys(&mut app, "J<Down>");
        assert_eq!(app.tree.detail_scroll, 0);
    }
}

#[test]
fn milestone_rows_keep_their_column_order_and_show_stage_moves_at_80_columns() {
    for lang in ["en", "zh"] {
        let (d, mut app) = common::app_in(lang, true);
        standup_at(&mut app, "新支付能力建设");
        common::keys(&mut app, "jjjjj");
        let t = draw(&mut app, 80, 24);
        common::screen::assert_rows_fill(lang, &t);
        let screen = text(&t);
        let row = |title: &str| {
            screen
                .lines()
                .find(|l| l.contains(title))
                .unwrap_or_else(|| panic!("{title}:\n{screen}"))
                .to_string()
        };
        // the stage move since last week shows, and the percent before it
        let moved = row("网联微信接口兼容");
        assert!(moved.contains("联调→[上线]"), "{moved}");
        assert!(moved.find("100%") < moved.find("联调→"), "{moved}");
        // title, percent, status, stage, then the due date
        let late = row("▶ 网联代收");
        let at = |s: &str| late.find(s).unwrap_or_else(|| panic!("{s}: {late}"));
        assert!(at("网联代收") < at("60%"));
        assert!(at("60%") < at("[联调]"));
        assert!(at("[联调]") < at("06-16"));
        // at 200 columns every pipeline shows whole, from one column
        let wide = text(&draw(&mut app, 200, 50));
        let starts: Vec<usize> = wide
            .lines()
            .filter(|l| l.contains(" › "))
            .map(|l| width(&l[..l.find("✓开发").unwrap()]))
            .collect();
        assert_eq!(starts.len(), 7, "{wide}");
        assert!(
            starts.windows(2).all(|w| w[0] == w[1]),
            "{starts:?}\n{wide}"
        );
        drop(d);
    }
}
