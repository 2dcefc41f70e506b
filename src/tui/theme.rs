//! The app's palette: one `Theme` of styles, chosen at start. Every state that matters
//! (selection, focus, errors, warnings) is carried by a modifier and by text too, so the
//! `mono` theme (`NO_COLOR`) loses no meaning, only color.

use ratatui::style::{Color, Modifier, Style};

/// The themes a user can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// For dark terminal backgrounds (the default).
    #[default]
    Dark,
    /// For light terminal backgrounds: no faint gray text, which vanishes on white.
    Light,
    /// No color at all (`NO_COLOR`): modifiers only.
    Mono,
}

impl ThemeName {
    /// `dark`, `light` or `mono`, as flags, the environment and config files spell them.
    pub fn parse(text: &str) -> Option<ThemeName> {
        match text.trim().to_ascii_lowercase().as_str() {
            "dark" => Some(ThemeName::Dark),
            "light" => Some(ThemeName::Light),
            "mono" => Some(ThemeName::Mono),
            _ => None,
        }
    }
}

/// Picks the theme: the first of flag, environment and config that is set, else dark;
/// then `NO_COLOR` (set and not empty, as no-color.org says) turns color off whatever
/// was chosen. A misspelt name is an error, not a silent default.
pub fn choose(
    flag: Option<&str>,
    env: Option<&str>,
    config: Option<&str>,
    no_color: Option<&str>,
) -> Result<ThemeName, String> {
    let chosen = match flag.or(env).or(config) {
        Some(name) => ThemeName::parse(name)
            .ok_or_else(|| format!("unknown theme {name:?}: use dark, light or mono"))?,
        None => ThemeName::Dark,
    };
    Ok(if no_color.is_some_and(|v| !v.is_empty()) {
        ThemeName::Mono
    } else {
        chosen
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The selected row of a list or picker.
    pub selected: Style,
    /// Secondary text: ids, "(none)", hints.
    pub dim: Style,
    /// The border of the focused pane.
    pub focus_border: Style,
    /// The border of a pane without focus.
    pub blur_border: Style,
    /// The error line and errors in forms and dialogs.
    pub error: Style,
    /// Low quota, a wait in force.
    pub warning: Style,
    /// The `DEMO` badge.
    pub badge: Style,
    /// Whether project and task colors are shown (else their swatch is a plain mark).
    pub swatches: bool,
}

impl Theme {
    pub fn new(name: ThemeName) -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        let mono = Theme {
            selected: reversed,
            dim: Style::new().add_modifier(Modifier::DIM),
            focus_border: bold,
            blur_border: Style::new().add_modifier(Modifier::DIM),
            error: reversed,
            warning: bold.add_modifier(Modifier::UNDERLINED),
            badge: reversed,
            swatches: false,
        };
        match name {
            ThemeName::Mono => mono,
            ThemeName::Dark => Theme {
                error: reversed.fg(Color::Red),
                warning: bold.fg(Color::Yellow),
                badge: bold.fg(Color::Black).bg(Color::Yellow),
                swatches: true,
                ..mono
            },
            ThemeName::Light => Theme {
                // Faint text is light gray on white: use a dark gray instead.
                dim: Style::new().fg(Color::DarkGray),
                blur_border: Style::new().fg(Color::DarkGray),
                error: reversed.fg(Color::Red),
                // Yellow on white cannot be read; magenta, underlined, can.
                warning: bold.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
                badge: bold.fg(Color::White).bg(Color::Blue),
                swatches: true,
                ..mono
            },
        }
    }

    /// A project's or task's color swatch: a colored block, or (no color, or a color
    /// that cannot be read) a plain mark.
    pub fn swatch(&self, color: Option<Color>) -> (&'static str, Style) {
        match color {
            Some(color) if self.swatches => ("■ ", Style::new().fg(color)),
            _ => ("□ ", Style::new()),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::new(ThemeName::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_env_beats_config_and_no_color_beats_all() {
        assert_eq!(choose(None, None, None, None), Ok(ThemeName::Dark));
        assert_eq!(
            choose(Some("light"), Some("dark"), Some("dark"), None),
            Ok(ThemeName::Light)
        );
        assert_eq!(
            choose(None, Some("LIGHT"), Some("dark"), None),
            Ok(ThemeName::Light)
        );
        assert_eq!(
            choose(None, None, Some("light"), None),
            Ok(ThemeName::Light)
        );
        assert_eq!(
            choose(Some("light"), None, None, Some("1")),
            Ok(ThemeName::Mono)
        );
        // An empty NO_COLOR does not count.
        assert_eq!(
            choose(Some("light"), None, None, Some("")),
            Ok(ThemeName::Light)
        );
        assert!(choose(Some("solarized"), None, None, None).is_err());
    }

    #[test]
    fn mono_has_no_color_anywhere() {
        let theme = Theme::new(ThemeName::Mono);
        for style in [
            theme.selected,
            theme.dim,
            theme.focus_border,
            theme.blur_border,
            theme.error,
            theme.warning,
            theme.badge,
        ] {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
            assert!(!style.add_modifier.is_empty(), "{style:?} carries no mark");
        }
        assert_eq!(theme.swatch(Some(Color::Red)).1, Style::new());
    }

    #[test]
    fn light_has_no_faint_text() {
        let theme = Theme::new(ThemeName::Light);
        assert!(!theme.dim.add_modifier.contains(Modifier::DIM));
        assert!(!theme.blur_border.add_modifier.contains(Modifier::DIM));
    }
}
