//! The names of actions, as the user's config file writes them in its
//! `[keys]` table: `"J" = "down"`, `"Ctrl-f" = "search"`. A name is the
//! action's own, in snake case (`page_down`, `toggle_detail`); the four
//! percent steps are `percent_up_5`, `percent_down_5`, `percent_up_1`,
//! `percent_down_1`.

use super::action::Action;

/// The name of an action in the config file.
pub fn name_of(action: &Action) -> String {
    if let Action::Percent(p) = action {
        let way = if *p > 0.0 { "up" } else { "down" };
        return format!("percent_{way}_{}", p.abs());
    }
    let debug = format!("{action:?}");
    let variant = debug.split(['(', ' ', '{']).next().unwrap_or_default();
    let mut out = String::new();
    for (i, c) in variant.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_named_in_snake_case() {
        assert_eq!(name_of(&Action::Down), "down");
        assert_eq!(name_of(&Action::PageDown), "page_down");
        assert_eq!(name_of(&Action::ToggleDetail), "toggle_detail");
        assert_eq!(name_of(&Action::Percent(5.0)), "percent_up_5");
        assert_eq!(name_of(&Action::Percent(-1.0)), "percent_down_1");
    }
}
