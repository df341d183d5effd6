//! The user's config file (`~/.config/stride/config.toml`): the theme and
//! keys of their own.
//!
//! ```toml
//! theme = "light"          # "dark", "light" or "mono"
//! [keys]
//! "J" = "down"             # a key in the notation of `key`, an action's name
//! "Ctrl-f" = "search"
//! ```
//!
//! A file that cannot be read gives a message with its place
//! (`config.toml:3:7: ...`) and stride starts with the defaults.

use std::path::{Path, PathBuf};

use std::sync::Arc;

use super::app::Ui;
use super::key::Key;
use super::keymap::Keymap;
use super::theme::{Theme, ThemeName};
use crate::core::diag::line_column;

/// What the config file says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    pub theme: Option<ThemeName>,
    /// Keys given to actions, by the actions' names (see `remap`).
    pub keys: Vec<(Key, String)>,
}

/// The theme and keys of a session: the config file's over the defaults,
/// for the terminal `env` describes; and what was wrong with the file, if
/// anything (then the defaults are used).
pub fn ui(file: Option<&Path>, env: impl Fn(&str) -> Option<String>) -> (Ui, Option<String>) {
    let names = Keymap::default().action_names();
    let (config, problem) = match path(file, &env).map(|p| load(&p, &names)) {
        Some(Ok(c)) => (c, None),
        Some(Err(e)) => (Config::default(), Some(e)),
        None => (Config::default(), None),
    };
    let ui = Ui {
        theme: Theme::from_env(&env, config.theme),
        keymap: Arc::new(Keymap::new(&config.keys)),
    };
    (ui, problem)
}

/// Where the config file is: `--config`, else `$STRIDE_CONFIG`, else
/// `$XDG_CONFIG_HOME/stride/config.toml`, else
/// `$HOME/.config/stride/config.toml`. `env` looks up variables.
pub fn path(flag: Option<&Path>, env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let set = |k: &str| env(k).filter(|v| !v.is_empty());
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(p) = set("STRIDE_CONFIG") {
        return Some(p.into());
    }
    let base = set("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| set("HOME").map(|h| Path::new(&h).join(".config")))?;
    Some(base.join("stride").join("config.toml"))
}

/// Reads the config file at `path`; no file is the defaults. `actions`
/// are the names a key may be given to.
pub fn load(path: &Path, actions: &[String]) -> Result<Config, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path, actions),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Reads a config file's text; the error says where (`file:line:column`).
pub fn parse(text: &str, file: &Path, actions: &[String]) -> Result<Config, String> {
    let at = |span: Option<std::ops::Range<usize>>, what: String| {
        let (line, col) = line_column(text, span.map_or(0, |s| s.start));
        format!("{}:{line}:{col}: {what}", file.display())
    };
    let doc = toml_edit::Document::parse(text).map_err(|e| {
        let what = e.message().trim().to_string();
        at(e.span(), what)
    })?;
    let mut config = Config::default();
    for (name, item) in doc.iter() {
        let key_span = doc.key(name).and_then(|k| k.span());
        match name {
            "theme" => {
                let v = item.as_str().and_then(ThemeName::parse);
                if v.is_none() {
                    return Err(at(
                        item.span(),
                        r#"theme is "dark", "light" or "mono""#.into(),
                    ));
                }
                config.theme = v;
            }
            "keys" => {
                let Some(table) = item.as_table_like() else {
                    return Err(at(item.span(), "[keys] is a table of key = action".into()));
                };
                for (k, v) in table.iter() {
                    let k_span = table.key(k).and_then(|x| x.span());
                    let key = k
                        .parse::<Key>()
                        .map_err(|e| at(k_span.clone(), e.to_string()))?;
                    let action = v.as_str().unwrap_or_default();
                    if !actions.iter().any(|a| a == action) {
                        return Err(at(
                            v.span().or(k_span),
                            format!(
                                "no action is named {:?}; they are: {}",
                                action,
                                actions.join(", ")
                            ),
                        ));
                    }
                    config.keys.push((key, action.to_string()));
                }
            }
            other => {
                return Err(at(
                    key_span,
                    format!("unknown setting {other:?} (theme, keys)"),
                ));
            }
        }
    }
    Ok(config)
}
