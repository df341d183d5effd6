//! The report as an HTML page: escaping of hostile titles (and the same in
//! Markdown), a snapshot of a small report, the TUI's `r` writing it beside
//! the Markdown, and the sample's page drawn by a headless chromium.
//! `STRIDE_UPDATE_DOCS=1 cargo test --test html` copies that screenshot to
//! `docs/report.png`.

use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use stride::tui::action::Action;

mod common;
use common::stride_on as stride;

/// A one-objective folder with titles that try to be markup, a staged
/// project with an overdue milestone, a metric, and one earlier week.
fn hostile() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    fs::write(dir.join(".stride.toml"), "language = \"en\"\n").unwrap();
    fs::write(
        dir.join("o1.toml"),
        r#"title = "Launch <b>bold</b> &amp; more"
owner = "Ann"

[project.pipe]
title  = "Pipeline \"quoted\" 'single'"
owner  = "Bob & Co"
stages = ["dev", "test", "live"]
update = "line one\n<img src=x onerror=alert(1)>"
next   = "ship <it> & 'go'"

[project.pipe.milestone.a]
title = "<script>alert(1)</script>"
stage = "test"
due   = 2023-06-16

[project.pipe.milestone.b]
title  = "Done one"
stage  = "live"
status = "done"

[metric.rate]
title  = "Success & <rate>"
value  = 99.5
target = 99.9
unit   = "%"
"#,
    )
    .unwrap();
    fs::create_dir_all(dir.join("history")).unwrap();
    fs::write(
        dir.join("history/2023-W24.toml"),
        r#"week = "2023-W24"
taken = 2023-06-13

[items]
"o1" = { percent = 33.33, status = "in_progress" }
"o1/pipe" = { percent = 33.33, status = "in_progress" }
"o1/pipe/a" = { percent = 33.33, status = "in_progress", stage = "dev", due = 2023-06-16 }
"o1/pipe/b" = { percent = 33.33, status = "in_progress", stage = "dev" }

[metrics]
"o1/rate" = 99.95
"#,
    )
    .unwrap();
    d
}

fn report(dir: &Path, format: &str) -> String {
    let out = stride(dir, "2023-06-20")
        .args(["report", "--format", format])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn hostile_titles_are_text_in_html() {
    let d = hostile();
    let html = report(d.path(), "html");
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "{html}");
    assert!(!lower.contains("<img"), "{html}");
    assert!(!html.contains("<b>bold"), "{html}");
    assert!(!html.contains("<it>") && !html.contains("<rate>"), "{html}");
    for want in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "Launch &lt;b&gt;bold&lt;/b&gt; &amp;amp; more",
        "Pipeline &quot;quoted&quot; &#39;single&#39;",
        "Bob &amp; Co",
        "&lt;img src=x onerror=alert(1)&gt;",
        "ship &lt;it&gt; &amp; &#39;go&#39;",
        "Success &amp; &lt;rate&gt;",
    ] {
        assert!(html.contains(want), "{want} missing:\n{html}");
    }
    // no attribute is opened by a title: every quote is one of ours
    assert!(!html.contains("\"quoted\""), "{html}");
}

#[test]
fn hostile_titles_are_text_in_markdown() {
    let d = hostile();
    let md = report(d.path(), "md");
    let lower = md.to_lowercase();
    assert!(!lower.contains("<script"), "{md}");
    assert!(!lower.contains("<img"), "{md}");
    assert!(!md.contains("<b>") && !md.contains("<it>"), "{md}");
    for want in [
        "&lt;script&gt;alert\\(1\\)&lt;/script&gt;",
        // `&amp;` would show as `&`: its `&` is written as an entity
        "Launch &lt;b&gt;bold&lt;/b&gt; &amp;amp; more",
        // quotes do nothing in Markdown text and stay as written
        "Pipeline \"quoted\" 'single'",
        "ship &lt;it&gt; & 'go'",
    ] {
        assert!(md.contains(want), "{want} missing:\n{md}");
    }
}

#[test]
fn a_small_report_as_html() {
    let d = hostile();
    let html = report(d.path(), "html");
    // the pictures: two gauges (overall, objective), a bar for the project,
    // a pipeline per milestone, the burn-up of two weeks, a sparkline
    assert_eq!(html.matches("<svg class=\"ring\"").count(), 2);
    assert_eq!(html.matches("<svg class=\"pipeline\"").count(), 2);
    assert_eq!(html.matches("<svg class=\"burnup\"").count(), 1);
    assert_eq!(html.matches("<svg class=\"spark\"").count(), 1);
    assert!(!html.contains("http://") && !html.contains("https://"));
    insta::assert_snapshot!("small_report_html", html);
}

#[test]
fn r_in_the_tui_writes_the_page_beside_the_markdown() {
    let (d, mut app) = common::app_in("zh", true);
    app.dispatch(Action::Report);
    let dir = d.path().join("data/reports");
    let md = fs::read_to_string(dir.join("2023-26.md")).unwrap();
    let html = fs::read_to_string(dir.join("2023-26.html")).unwrap();
    assert!(md.starts_with("# 第26周 2023-06-20"), "{md}");
    assert!(html.contains("<title>第26周 2023-06-20</title>"), "{html}");
    assert!(html.contains("<svg class=\"burnup\""));
    let message = format!("{:?}", app.message);
    assert!(message.contains("2023-26.md + .html"), "{message}");
}

/// The first of Debian's and others' names for chromium on the PATH.
fn chromium() -> String {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if Command::new(name).arg("--version").output().is_ok() {
            return name.to_string();
        }
    }
    panic!("no chromium on the PATH: `apt-get install chromium` (.ci/run does)");
}

#[test]
fn the_sample_report_draws_in_a_headless_browser() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    fs::create_dir(&data).unwrap();
    common::sample_into(&data, "zh", true);
    let page = d.path().join("report.html");
    stride(&data, "2023-06-20")
        .args(["report", "--format", "html", "-o"])
        .arg(&page)
        .assert()
        .success();
    let shot = d.path().join("report.png");
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1200,2400",
        ])
        .arg(format!(
            "--user-data-dir={}",
            d.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .env("HOME", d.path())
        .output()
        .unwrap();
    assert!(
        out.status.success() && shot.exists(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1200, 2400));
    let channels = info.color_type.samples();
    let pixels: Vec<[u8; 3]> = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    let background = pixels[0];
    let drawn = pixels.iter().filter(|p| **p != background).count();
    let colours: HashSet<[u8; 3]> = pixels.iter().copied().collect();
    assert!(
        drawn * 20 > pixels.len(),
        "only {drawn} of {} pixels drawn",
        pixels.len()
    );
    assert!(colours.len() > 200, "{} colours", colours.len());
    // the charts drew: the gauges' blue, the done stages' green, the
    // blocked stage's red, each over a whole filled area
    for (name, rgb) in [
        ("blue", [0x3b, 0x7d, 0xd8]),
        ("green", [0x2e, 0x9e, 0x5b]),
        ("red", [0xd8, 0x3b, 0x3b]),
    ] {
        let n = pixels.iter().filter(|p| **p == rgb).count();
        assert!(n > 500, "{n} {name} pixels");
    }
    if std::env::var_os("STRIDE_UPDATE_DOCS").is_some_and(|v| v == "1") {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.png");
        fs::copy(&shot, docs).unwrap();
    }
}
