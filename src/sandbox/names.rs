//! Ghost names: what is a valid one, and the folded form that search and sorting use.

use super::error::ApiFailure;

pub const MAX_NAME_CHARS: usize = 255;

/// The name as stored: trimmed of surrounding white space, 1 to 255 characters.
pub fn clean_name(raw: &str) -> Result<String, ApiFailure> {
    let name = raw.trim();
    let count = name.chars().count();
    if count == 0 {
        return Err(ApiFailure::invalid("name", "name must not be empty"));
    }
    if count > MAX_NAME_CHARS {
        return Err(ApiFailure::invalid(
            "name",
            format!("name must be at most {MAX_NAME_CHARS} characters (it has {count})"),
        ));
    }
    Ok(name.to_string())
}

/// A case-folded copy for case-insensitive comparison in any script. Folds character
/// by character (unlike `str::to_lowercase`, which turns a word-final `Σ` into `ς`),
/// and treats final sigma as sigma, so a search never depends on where a letter sits.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded_in_characters_not_bytes() {
        assert_eq!(clean_name("  Designer #2 \n").unwrap(), "Designer #2");
        assert!(clean_name(" \t ").is_err());
        assert!(clean_name("").is_err());
        let longest = "デ".repeat(255);
        assert_eq!(clean_name(&longest).unwrap(), longest);
        let err = clean_name(&"x".repeat(256)).unwrap_err();
        assert_eq!(err.values, Some(serde_json::json!({"field": "name"})));
    }

    #[test]
    fn folding_works_across_scripts() {
        assert_eq!(fold("ÅNGSTRÖM"), "ångström");
        assert_eq!(fold("РАЗРАБОТЧИК"), "разработчик");
        assert_eq!(fold("ΟΔΟΣ"), fold("οδος"));
        assert_eq!(fold("ΟΔΟΣ"), fold("οδοσ"));
        assert_eq!(fold("デザイナー"), "デザイナー");
        assert_eq!(fold("100% A_B\\C"), "100% a_b\\c");
    }
}
