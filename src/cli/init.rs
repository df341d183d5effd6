//! `stride init [DIR]`: a starter data folder that `check` passes, its
//! comments explaining every field; `--example` writes the sample instead.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::failure::Failure;
use crate::core::l10n::Language;
use crate::core::starter::{SAMPLE, init, template};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to start (made if missing); default: --data.
    dir: Option<std::path::PathBuf>,
    /// The language of the template's comments and of the folder's labels.
    #[arg(long, value_enum, default_value_t = Lang::En)]
    language: Lang,
    /// Write the shipped sample portfolio (the payments team's week 26)
    /// instead of the template.
    #[arg(long)]
    example: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Lang {
    En,
    Zh,
}

pub fn run(data: &Path, args: &InitArgs, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let dir = args.dir.as_deref().unwrap_or(data);
    let language = match args.language {
        Lang::En => Language::En,
        Lang::Zh => Language::Zh,
    };
    let files = if args.example {
        SAMPLE.to_vec()
    } else {
        template(language).to_vec()
    };
    let started = init(dir, &files)?;
    let zh = language == Language::Zh;
    for p in &started.written {
        let word = if zh { "已写入" } else { "wrote" };
        writeln!(out, "{word} {}", p.display())?;
    }
    for p in &started.kept {
        let word = if zh {
            "已存在，保留"
        } else {
            "kept (already there)"
        };
        writeln!(out, "{word} {}", p.display())?;
    }
    let d = dir.display();
    if zh {
        writeln!(
            out,
            "下一步：stride --data {d} check，stride --data {d} add o2 --title \"新目标\"，或 stride --data {d} 打开界面"
        )?;
    } else {
        writeln!(
            out,
            "next: stride --data {d} check, stride --data {d} add o2 --title \"An objective\", or stride --data {d} for the TUI"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
