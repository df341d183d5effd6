//! Running the user's own `git`: their configuration, credentials and ssh
//! keys apply, and what it says is passed on.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A failed git command: what was run and what git said.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("cannot run git ({0}); is it installed?")]
    Missing(std::io::Error),
    #[error("`git {args}` failed: {said}")]
    Failed { args: String, said: String },
    #[error(
        "{0} is not inside a git work tree; run `git init` there or clone the team's repository"
    )]
    NotARepository(PathBuf),
}

/// `git -C dir ARGS`, its output on success.
pub fn git(dir: &Path, args: &[&str]) -> Result<Output, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(GitError::Missing)?;
    if out.status.success() {
        Ok(out)
    } else {
        Err(GitError::Failed {
            args: args.join(" "),
            said: said(&out),
        })
    }
}

/// What a git command printed, trimmed: its error output, else its output.
pub fn said(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if err.is_empty() {
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    } else {
        err
    }
}

/// A git command's output as one trimmed line.
pub fn line(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    git(dir, args).map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
}

/// The top of the work tree holding `dir`.
pub fn top(dir: &Path) -> Result<PathBuf, GitError> {
    match line(dir, &["rev-parse", "--show-toplevel"]) {
        Ok(t) if !t.is_empty() => Ok(PathBuf::from(t)),
        Ok(_) | Err(GitError::Failed { .. }) => Err(GitError::NotARepository(dir.to_path_buf())),
        Err(e) => Err(e),
    }
}
