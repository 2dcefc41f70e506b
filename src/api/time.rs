//! Reading the API's timestamps. They are RFC 3339 in UTC, with or without fractional
//! seconds; anything else is left to the caller to show raw.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Parses an RFC 3339 timestamp; `None` when it is not one.
pub fn parse_timestamp(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text.trim(), &Rfc3339).ok()
}

/// Formats a moment the way the API writes it (UTC, `Z`, whole seconds or more).
pub fn format_timestamp(moment: OffsetDateTime) -> String {
    moment
        .to_offset(time::UtcOffset::UTC)
        .format(&Rfc3339)
        .unwrap_or_else(|_| moment.unix_timestamp().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_with_and_without_fractions_and_rejects_junk() {
        assert!(parse_timestamp("2026-11-02T09:14:03.512347Z").is_some());
        assert!(parse_timestamp("2026-11-20T16:40:11Z").is_some());
        assert!(parse_timestamp("2026-11-20T16:40:11+02:00").is_some());
        assert!(parse_timestamp("yesterday").is_none());
        assert!(parse_timestamp("").is_none());
    }

    #[test]
    fn round_trips() {
        let moment = parse_timestamp("2026-11-20T16:40:11Z").unwrap();
        assert_eq!(format_timestamp(moment), "2026-11-20T16:40:11Z");
    }
}
