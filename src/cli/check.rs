//! `stride check`: every problem of every file, as file:line:column: message.
//! Only errors make it fail: warnings (fields that contradict each other,
//! unknown keys) are printed and it exits 0.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::data::load_diagnostics;
use super::failure::Failure;
use crate::core::text::sanitize;

/// What a check with warnings and no errors says after its count.
const WARNINGS_ONLY: crate::core::l10n::Text = (
    "warnings are not errors: every file loads, and check exits 0",
    "警告不是错误：文件照常读取，check 的退出码仍为 0",
);

pub fn run(dir: &Path, out: &mut impl Write) -> Result<ExitCode, Failure> {
    // the files' problems, not their objectives: a file or two in memory
    let portfolio = load_diagnostics(dir)?;
    let (mut errors, mut warnings) = (0, 0);
    let mut history = crate::core::load::skipped(&portfolio.dir);
    history.extend(crate::core::history::check(&portfolio.dir));
    let all = portfolio
        .settings_diagnostics
        .iter()
        .chain(portfolio.files.iter().flat_map(|f| &f.diagnostics))
        .chain(&history);
    {
        for d in all {
            if d.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
            writeln!(out, "{}", sanitize(&d.to_string(), false))?;
        }
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "checked {}: {}, {}",
        plural(portfolio.files.len(), "file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    )?;
    if errors == 0 && warnings > 0 {
        let zh = portfolio.settings.language == crate::core::settings::Language::Zh;
        writeln!(
            out,
            "{}",
            if zh { WARNINGS_ONLY.1 } else { WARNINGS_ONLY.0 }
        )?;
    }
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
