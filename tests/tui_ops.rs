//! The operations view (`m`) and the stand-up's operations page, driven by
//! keys like a person at the terminal: metrics, the week's incidents, the
//! incident form, and what each edit does to the file on disk.

use std::fs;

use chrono::{NaiveDate, NaiveTime};
use stride::core::load_dir;
use stride::tui::action::Action;
use stride::tui::app::{App, Direction, Mode};
use stride::tui::form::{FormKind, IncidentField, Slot};
use stride::tui::screens::{OpsRow, Screen};

mod common;
use common::today;

const FILE: &str = "o3-stability.toml";

/// A copy of the sample data (in `language`, with its history) and an app
/// over it whose clock says 10:30.
struct Fixture {
    dir: tempfile::TempDir,
    app: App,
}

impl Fixture {
    fn new() -> Self {
        Self::in_language("en")
    }

    fn in_language(language: &str) -> Self {
        let dir = common::sample_with(language, true);
        let mut app = App::new(load_dir(dir.path()).unwrap(), today());
        app.clock.time_of_day = NaiveTime::from_hms_opt(10, 30, 0);
        Fixture { dir, app }
    }

    fn read(&self) -> String {
        fs::read_to_string(self.dir.path().join(FILE)).unwrap()
    }

    /// Presses keys written in the key notation: `jj+<Enter>`, `Ctrl-u`.
    fn keys(&mut self, keys: &str) {
        common::keys(&mut self.app, keys);
    }

    /// Pastes text, as a terminal does with bracketed paste.
    fn paste(&mut self, text: &str) {
        common::paste(&mut self.app, text);
    }

    /// Clears the focused field and pastes `text` into it.
    fn type_over(&mut self, text: &str) {
        self.keys("Ctrl-u");
        if !text.is_empty() {
            self.paste(text);
        }
    }

    /// Moves the form's focus to `field`.
    fn focus(&mut self, field: IncidentField) {
        for _ in 0..10 {
            if let Mode::Form(f) = &self.app.mode
                && f.fields[f.focus].slot == Slot::Incident(field)
            {
                return;
            }
            self.keys("<Tab>");
        }
        panic!("no {field:?} field in the form");
    }

    fn message(&self) -> String {
        self.app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }

    /// The error shown under a field of the open form.
    fn field_error(&self, field: IncidentField) -> Option<String> {
        let Mode::Form(f) = &self.app.mode else {
            panic!("the form is open")
        };
        f.fields
            .iter()
            .find(|x| x.slot == Slot::Incident(field))
            .and_then(|x| x.error.clone())
    }

    /// The title of the selected row: a metric's or an incident's.
    fn selected(&self) -> String {
        let o = self.app.ops().expect("an operations screen");
        match o.selected(&self.app.portfolio) {
            Some(OpsRow::Metric(_, m)) => m.title.clone(),
            Some(OpsRow::Incident(l)) => l.incident.title.clone(),
            None => String::new(),
        }
    }

    /// Moves down to the row titled `title`.
    fn select(&mut self, title: &str) {
        self.keys(&"k".repeat(20));
        for _ in 0..20 {
            if self.selected() == title {
                return;
            }
            self.keys("j");
        }
        panic!("no row titled {title}");
    }
}

/// What `after` has that `before` does not, when `after` only adds text.
fn added(before: &str, after: &str) -> String {
    let start = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    assert_eq!(
        &after[start + (after.len() - before.len())..],
        &before[start..],
        "only an insertion"
    );
    after[start..start + (after.len() - before.len())].to_string()
}

#[test]
fn m_opens_the_metrics_and_the_reported_weeks_incidents_newest_first() {
    let mut f = Fixture::new();
    f.keys("m");
    let Screen::Ops(o) = &f.app.screen else {
        panic!("the operations view")
    };
    assert_eq!(o.week, NaiveDate::from_ymd_opt(2023, 6, 12).unwrap());
    let p = &f.app.portfolio;
    let times: Vec<String> = o
        .incidents(p)
        .iter()
        .map(|l| l.incident.at.format("%m-%d %H:%M").to_string())
        .collect();
    assert_eq!(
        times,
        [
            "06-16 14:35",
            "06-16 13:46",
            "06-15 18:03",
            "06-15 11:01",
            "06-12 18:58",
            "06-12 03:30"
        ]
    );
    // the header counts the reported week as the team does: AB级0次 CD级1次
    let s = &f.app.stats;
    assert_eq!((s.incidents.ab, s.incidents.cd, s.missed), (0, 1, 0));
    // ↑↓ and jk go over the three metrics, then the incidents
    assert_eq!(f.selected(), "入金有效成功率");
    f.keys("jj<Down>");
    assert_eq!(
        f.selected(),
        "大数据大量获取ark服务密钥，api-inc域名出现502告警"
    );
    f.keys("k");
    assert_eq!(f.selected(), "支付系统年度可用性");
    f.keys(&"j".repeat(30));
    assert_eq!(f.selected(), "监控发现waf云故障引发告警", "the last row");
    // q goes back to the tree
    f.keys("q");
    assert_eq!(f.app.screen, Screen::Tree);
}

#[test]
fn weeks_go_back_and_forward_but_not_past_this_week_and_plus_minus_do_nothing() {
    let mut f = Fixture::new();
    let before = f.read();
    f.keys("m");
    let week = |f: &Fixture| f.app.ops().unwrap().week.to_string();
    f.keys("[");
    assert_eq!(week(&f), "2023-06-05");
    let shown = f.app.ops().unwrap().incidents(&f.app.portfolio);
    assert!(
        shown.is_empty(),
        "nothing that week, nothing open before it"
    );
    f.keys("<Right><Right>");
    assert_eq!(week(&f), "2023-06-19", "this week");
    let shown = f.app.ops().unwrap().incidents(&f.app.portfolio);
    assert_eq!(shown.len(), 1, "still open from last week");
    assert!(shown[0].incident.is_open());
    f.keys("]");
    assert_eq!(week(&f), "2023-06-19", "not into the future");
    f.keys("<Left>");
    assert_eq!(week(&f), "2023-06-12");
    // the percent keys of the tree have nothing to change here
    f.keys("jjjj+-<lt>>s");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(f.read(), before);
    assert!(f.app.journal.entries(Direction::Undo).is_empty());
}

#[test]
fn an_incident_added_with_chinese_text_is_one_new_table_and_undo_restores_the_file() {
    let mut f = Fixture::in_language("zh");
    let before = f.read();
    f.keys("m");
    f.keys("a");
    let Mode::Form(form) = &f.app.mode else {
        panic!("the incident form")
    };
    assert!(matches!(
        form.kind,
        FormKind::Incident { original: None, .. }
    ));
    // the time proposed is now: today at the clock's time
    assert_eq!(form.fields[0].value(), "2023-06-20 10:30");
    f.type_over("2023-06-20 09:15");
    f.keys("<Tab>c<Tab>");
    f.paste("支付网关超时，\"部分\"商户\n支付失败");
    f.keys("<Tab>");
    f.paste("约1200笔交易失败");
    f.keys("<Tab>");
    f.paste("网关连接池耗尽");
    f.keys("<Tab>");
    f.paste("扩容连接池；09:40恢复");
    f.keys("<Tab>09:40<Tab>Ctrl-uy<Enter>");
    assert!(matches!(f.app.mode, Mode::Normal), "{}", f.message());
    let after = f.read();
    assert_eq!(
        added(&before, &after),
        "\n[[incident]]\nat = 2023-06-20T09:15:00\nresolved = 2023-06-20T09:40:00\ngrade = \"C\"\ntitle = '支付网关超时，\"部分\"商户 支付失败'\nimpact = \"约1200笔交易失败\"\ncause = \"网关连接池耗尽\"\naction = \"扩容连接池；09:40恢复\"\nbusiness_impact = true\n"
    );
    // the view follows it into this week, selected; the file reads back
    assert_eq!(f.selected(), "支付网关超时，\"部分\"商户 支付失败");
    assert_eq!(
        f.app.ops().unwrap().week,
        NaiveDate::from_ymd_opt(2023, 6, 19).unwrap()
    );
    let reread = load_dir(f.dir.path()).unwrap();
    let o3 = reread
        .objectives
        .iter()
        .find(|o| o.id == "o3-stability")
        .unwrap();
    assert_eq!(o3.incidents.len(), 7);
    assert_eq!(o3.incidents[6], f.app.portfolio.objectives[2].incidents[6]);
    // u puts the file back byte for byte
    f.keys("u");
    assert_eq!(f.read(), before);
    assert_eq!(f.app.portfolio.objectives[2].incidents.len(), 6);
    // and Ctrl-r does it again
    f.app.dispatch(Action::Redo);
    assert_eq!(f.read(), after);
}

#[test]
fn editing_an_incident_sets_its_resolved_time_in_place() {
    let mut f = Fixture::new();
    let before = f.read();
    f.keys("m");
    f.select("清结算csp-agent-oss告警");
    assert_eq!(f.app.stats.incidents.cd, 1);
    f.keys("e");
    let Mode::Form(form) = &f.app.mode else {
        panic!("the incident form")
    };
    assert_eq!(form.fields[0].value(), "2023-06-16 13:46");
    f.focus(IncidentField::Resolved);
    f.type_over("2023-06-16 15:20");
    f.keys("<Enter>");
    assert!(matches!(f.app.mode, Mode::Normal), "{}", f.message());
    let after = f.read();
    let table = "[[incident]]\nat     = 2023-06-16T13:46:00\ntitle  = \"清结算csp-agent-oss告警\"\ncause  = \"上传POS台账功能连接数据源问题，导致上传写库失败\"\naction = \"暂停资金部操作，改用研发手工导入，迁移接口到主库相关的系统中\"\n";
    assert!(before.contains(table));
    assert_eq!(
        after,
        before.replace(table, &format!("{table}resolved = 2023-06-16T15:20:00\n")),
        "one line added to that incident's table"
    );
    assert_eq!(f.selected(), "清结算csp-agent-oss告警", "still selected");
    // nothing is open any more
    let o = f.app.ops().unwrap();
    assert!(
        o.incidents(&f.app.portfolio)
            .iter()
            .all(|l| !l.incident.is_open())
    );
    // editing without changing anything writes nothing
    f.keys("e<Enter>");
    assert_eq!(f.read(), after);
    f.keys("u");
    assert_eq!(f.read(), before);
}

#[test]
fn e_on_a_metric_sets_its_value_and_the_header_counts_the_missed_target() {
    let mut f = Fixture::new();
    let before = f.read();
    f.keys("m");
    f.select("出金有效成功率");
    f.keys("e");
    let Mode::Form(form) = &f.app.mode else {
        panic!("the value form")
    };
    assert_eq!(form.fields[0].value(), "99.96");
    f.type_over("abc");
    f.keys("<Enter>");
    assert!(
        matches!(f.app.mode, Mode::Form(_)),
        "a bad number is refused"
    );
    assert!(
        f.message().contains("`abc` is not a number"),
        "{}",
        f.message()
    );
    f.type_over("");
    f.keys("<Enter>");
    assert!(
        f.message().contains("a value is required"),
        "{}",
        f.message()
    );
    f.type_over("99.9");
    f.keys("<Enter>");
    assert!(matches!(f.app.mode, Mode::Normal), "{}", f.message());
    assert_eq!(
        f.read(),
        before.replace(
            "title  = \"出金有效成功率\"\nvalue  = 99.96\n",
            "title  = \"出金有效成功率\"\nvalue  = 99.9\n"
        )
    );
    assert_eq!(f.app.stats.missed, 1, "99.9 misses 99.95");
    // this week's history records the value, for next week's delta
    let w25 = fs::read_to_string(f.dir.path().join("history/2023-W25.toml")).unwrap();
    assert!(
        w25.contains("\"o3-stability/withdraw-success\" = 99.9\n"),
        "{w25}"
    );
    f.keys("u");
    assert_eq!(f.read(), before);
    assert_eq!(f.app.stats.missed, 0);
}

#[test]
fn bad_incidents_are_shown_in_the_form_and_not_saved() {
    let mut f = Fixture::new();
    let before = f.read();
    f.keys("ma");
    // an empty title is the first thing said
    assert_eq!(
        f.field_error(IncidentField::Title).as_deref(),
        Some("a title is required")
    );
    f.keys("<Enter>");
    assert!(matches!(f.app.mode, Mode::Form(_)));
    assert!(
        f.message()
            .starts_with("not saved: title: a title is required")
    );
    f.focus(IncidentField::Title);
    f.paste("网关告警");
    assert_eq!(f.field_error(IncidentField::Title), None);
    // times that do not read
    f.focus(IncidentField::At);
    for bad in [
        "2023-06-15 25:01",
        "yesterday 11:01",
        "2023-06-31 10:00",
        "11:61",
    ] {
        f.type_over(bad);
        let e = f.field_error(IncidentField::At).unwrap_or_default();
        assert!(
            e.starts_with("not a time: use YYYY-MM-DD HH:MM"),
            "{bad}: {e}"
        );
        f.keys("<Enter>");
        assert!(matches!(f.app.mode, Mode::Form(_)), "{bad} refused");
    }
    // an unknown grade
    f.type_over("2023-06-15 11:01");
    assert_eq!(f.field_error(IncidentField::At), None);
    f.focus(IncidentField::Grade);
    f.type_over("E");
    assert!(
        f.field_error(IncidentField::Grade)
            .unwrap()
            .starts_with("`E` is not a grade")
    );
    f.keys("<Enter>");
    assert!(matches!(f.app.mode, Mode::Form(_)));
    f.type_over("b");
    assert_eq!(
        f.field_error(IncidentField::Grade),
        None,
        "lower case is fine"
    );
    // resolved before it happened (`10:59` is today's, after it)
    f.focus(IncidentField::Resolved);
    f.type_over("10:59");
    assert_eq!(f.field_error(IncidentField::Resolved), None);
    f.type_over("2023-06-15 10:59");
    assert_eq!(
        f.field_error(IncidentField::Resolved).as_deref(),
        Some("before the incident's time 2023-06-15 11:01")
    );
    f.keys("<Enter>");
    assert!(matches!(f.app.mode, Mode::Form(_)));
    assert!(
        f.message().contains("resolved: before the incident's time"),
        "{}",
        f.message()
    );
    // a business impact that is neither yes nor no
    f.type_over("");
    f.focus(IncidentField::Business);
    f.type_over("maybe");
    assert!(f.field_error(IncidentField::Business).is_some());
    f.keys("<Enter>");
    assert!(matches!(f.app.mode, Mode::Form(_)));
    assert_eq!(f.read(), before, "nothing was written");
    // Esc on the changed form asks first; y discards the changes
    f.keys("<Esc>");
    assert!(matches!(&f.app.mode, Mode::Form(form) if form.asking));
    f.keys("y");
    assert!(matches!(f.app.mode, Mode::Normal));
    assert_eq!(f.read(), before);
    assert!(f.app.journal.entries(Direction::Undo).is_empty());
}

#[test]
fn times_read_as_people_type_them() {
    let mut f = Fixture::new();
    f.keys("ma");
    f.focus(IncidentField::At);
    let hint = |f: &Fixture| {
        let Mode::Form(form) = &f.app.mode else {
            panic!()
        };
        (form.fields[0].error.clone(), form.fields[0].hint.clone())
    };
    for (typed, means) in [
        ("2023-06-15 11:01", None),
        ("2023-06-15T11:01", Some("= 2023-06-15 11:01")),
        ("2023-06-15T11:01:30", Some("= 2023-06-15 11:01:30")),
        ("2023-06-15 11:01:30", None),
        ("11:01", Some("= 2023-06-20 11:01")),
        ("now", Some("= 2023-06-20 10:30")),
        ("NOW", Some("= 2023-06-20 10:30")),
    ] {
        f.type_over(typed);
        assert_eq!(hint(&f), (None, means.map(String::from)), "{typed}");
    }
    // an empty time is not a time
    f.type_over("");
    assert!(hint(&f).0.is_some());
}

#[test]
fn the_stand_up_opens_on_operations_and_sums_them_up() {
    let mut f = Fixture::new();
    f.keys("w");
    let Screen::Standup(s) = &f.app.screen else {
        panic!("the stand-up")
    };
    assert!(s.on_ops() && s.project().is_none());
    assert_eq!(f.app.selected_path(), None);
    // the same keys as the operations view: rows, e, a, u
    f.select("账户流水金额差异");
    f.keys("e");
    assert!(matches!(
        &f.app.mode,
        Mode::Form(form) if matches!(form.kind, FormKind::Incident { original: Some(_), .. })
    ));
    f.keys("<Esc>");
    // on to the first project and back
    f.keys("n");
    assert_eq!(
        f.app.selected_path().unwrap().to_string(),
        "o1-business/easypay"
    );
    f.keys("p");
    let Screen::Standup(s) = &f.app.screen else {
        panic!()
    };
    assert!(
        s.on_ops(),
        "← from the first project is the operations page"
    );
    f.keys("p");
    let Screen::Standup(s) = &f.app.screen else {
        panic!()
    };
    assert!(s.on_ops(), "and stays there");
    // a missed target, recorded on this page
    f.select("入金有效成功率");
    f.keys("e");
    f.type_over("99.9");
    f.keys("<Enter>");
    assert_eq!(f.app.stats.missed, 1);
    for _ in 0..15 {
        f.keys("n");
    }
    let Screen::Standup(s) = &f.app.screen else {
        panic!()
    };
    assert!(s.on_summary());
    let text = common::screen::text(&common::screen::draw(&mut f.app, 100, 40));
    assert!(text.contains("Operations W25: AB 0 · CD 1"), "{text}");
    assert!(text.contains("✗ 入金有效成功率  99.9% (target 99.95%)"));
    assert!(text.contains("open: 清结算csp-agent-oss告警 (since 06-16)"));
}

#[test]
fn without_metrics_or_incidents_there_is_no_operations_page() {
    let dir = common::sample_with("en", false);
    let path = dir.path().join(FILE);
    let text = fs::read_to_string(&path).unwrap();
    let cut = text.find("# ====").unwrap();
    fs::write(&path, &text[..cut]).unwrap();
    let mut app = App::new(load_dir(dir.path()).unwrap(), today());
    assert!(!app.stats.ops);
    app.dispatch(Action::Standup);
    let Screen::Standup(s) = &app.screen else {
        panic!()
    };
    assert!(s.ops.is_none() && !s.on_ops());
    assert_eq!(
        app.selected_path().unwrap().to_string(),
        "o1-business/easypay"
    );
    app.dispatch(Action::PrevPage);
    let Screen::Standup(s) = &app.screen else {
        panic!()
    };
    assert!(!s.on_ops());
    // the view still opens, and a records the first incident
    app.dispatch(Action::Back);
    app.dispatch(Action::Operations);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("no metrics or incidents")
    );
    app.clock.time_of_day = NaiveTime::from_hms_opt(8, 0, 0);
    app.dispatch(Action::Add);
    let Mode::Form(form) = &app.mode else {
        panic!("the incident form")
    };
    assert_eq!(form.heading(), "Add an incident to o1-business");
    app.dispatch(Action::NextField);
    app.dispatch(Action::NextField);
    app.dispatch(Action::Paste("first".into()));
    app.dispatch(Action::Confirm);
    assert!(matches!(app.mode, Mode::Normal));
    let o1 = fs::read_to_string(dir.path().join("o1-business.toml")).unwrap();
    assert!(
        o1.ends_with("\n[[incident]]\nat = 2023-06-20T08:00:00\ntitle = \"first\"\n"),
        "{o1}"
    );
    assert!(app.stats.ops);
}
