//! No English on a Chinese screen: the core's refusals reach the TUI's
//! footer rendered in the data folder's language.

use chrono::NaiveDate;
use stride::core::load_dir;
use stride::core::model::ItemPath;
use stride::core::{Change, Edit, Field, Value};
use stride::tui::app::App;

mod common;

const MILESTONE: &str = "o1-business/channels/netsunion";

fn app(language: &str) -> (tempfile::TempDir, App) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    common::sample_into(&dir, language, false);
    let today = NaiveDate::from_ymd_opt(2023, 6, 20).unwrap();
    (root, App::new(load_dir(&dir).unwrap(), today))
}

/// The footer's message after a refused edit of `field` to `value`.
fn refusal(language: &str, field: Field, value: Value) -> String {
    let (_root, mut app) = app(language);
    let path = ItemPath::parse(MILESTONE).unwrap();
    assert!(!app.commit(vec![Change::field(Edit::set(path, field, value))]));
    let m = app.message.expect("a message");
    assert!(m.error);
    m.text
}

/// The text outside backticks (values and key names) has no Latin letter.
fn assert_chinese(s: &str) {
    let rest: String = s.split('`').step_by(2).collect();
    assert!(!rest.chars().any(|c| c.is_ascii_alphabetic()), "{s}");
}

#[test]
fn a_refused_edit_reads_in_chinese_on_a_chinese_screen() {
    let percent = refusal("zh", Field::Percent, Value::Number(120.0));
    assert_eq!(percent, "未修改：进度 120 超出 0 到 100 的范围");
    let stage = refusal("zh", Field::Stage, Value::Text("不存在".into()));
    assert!(stage.starts_with("未修改：没有阶段 `不存在`"), "{stage}");
    for text in [percent, stage] {
        assert_chinese(&text);
    }
}

#[test]
fn and_in_english_on_an_english_one() {
    assert_eq!(
        refusal("en", Field::Percent, Value::Number(120.0)),
        "not changed: percent 120 is outside 0..100"
    );
}
