//! Timestamps for people: local time plus "3 days ago". The clock is always passed in.

use time::{OffsetDateTime, UtcOffset, macros::format_description};

use crate::api::time::parse_timestamp;

/// "just now", "5 minutes ago", "3 days ago", "in 2 hours".
pub fn relative(then: OffsetDateTime, now: OffsetDateTime) -> String {
    let delta = now - then;
    let secs = delta.whole_seconds().unsigned_abs();
    if secs < 45 {
        return "just now".into();
    }
    if delta.is_negative() {
        format!("in {}", span(secs))
    } else {
        format!("{} ago", span(secs))
    }
}

/// How old `then` is, without "ago": "11 months", "3 days" ("just now" under a
/// minute; a moment in the future counts as new).
pub fn age(then: OffsetDateTime, now: OffsetDateTime) -> String {
    let secs = (now - then).whole_seconds();
    if secs < 45 {
        return "just now".into();
    }
    span(secs.unsigned_abs())
}

/// A number of seconds, rounded to the unit people would say: "5 minutes", "2 years".
fn span(secs: u64) -> String {
    let (n, unit) = if secs < 90 * 60 {
        (secs.div_ceil(60).max(1), "minute")
    } else if secs < 36 * 3600 {
        ((secs + 1800) / 3600, "hour")
    } else if secs < 45 * 86_400 {
        ((secs + 43_200) / 86_400, "day")
    } else if secs < 345 * 86_400 {
        // From 345 days "12 months" would be said; a year reads better.
        ((secs + 15 * 86_400) / (30 * 86_400), "month")
    } else {
        ((secs + 182 * 86_400) / (365 * 86_400), "year")
    };
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} {unit}{plural}")
}

/// `2026-11-02 10:14 +01:00` in the given offset. A moment the offset would push past
/// year 9999 or before year -9999 (a server can send one) is shown in its own offset,
/// which the text then says, rather than panicking as `to_offset` would.
pub fn local(moment: OffsetDateTime, offset: UtcOffset) -> String {
    let format = format_description!(
        "[year]-[month]-[day] [hour]:[minute] [offset_hour sign:mandatory]:[offset_minute]"
    );
    moment
        .checked_to_offset(offset)
        .unwrap_or(moment)
        .format(&format)
        .unwrap_or_else(|_| moment.unix_timestamp().to_string())
}

/// "14:05" in the given offset: when something happened today.
pub fn clock(moment: OffsetDateTime, offset: UtcOffset) -> String {
    let moment = moment.checked_to_offset(offset).unwrap_or(moment);
    format!("{:02}:{:02}", moment.hour(), moment.minute())
}

/// A timestamp field as the detail pane shows it: "—" when absent, the raw text when
/// it cannot be read, else local time and how long ago.
pub fn describe(raw: Option<&str>, now: OffsetDateTime, offset: UtcOffset) -> String {
    match raw {
        None => "—".into(),
        Some(text) => match parse_timestamp(text) {
            Some(moment) => format!("{} ({})", local(moment, offset), relative(moment, now)),
            None => text.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{datetime, offset};

    #[test]
    fn relative_times_read_naturally() {
        let now = datetime!(2026-12-03 12:00 UTC);
        assert_eq!(relative(now, now), "just now");
        assert_eq!(
            relative(datetime!(2026-12-03 11:59 UTC), now),
            "1 minute ago"
        );
        assert_eq!(
            relative(datetime!(2026-12-03 11:55 UTC), now),
            "5 minutes ago"
        );
        assert_eq!(
            relative(datetime!(2026-12-03 09:00 UTC), now),
            "3 hours ago"
        );
        assert_eq!(relative(datetime!(2026-11-30 12:00 UTC), now), "3 days ago");
        assert_eq!(
            relative(datetime!(2026-09-03 12:00 UTC), now),
            "3 months ago"
        );
        assert_eq!(
            relative(datetime!(2024-12-03 12:00 UTC), now),
            "2 years ago"
        );
        assert_eq!(relative(datetime!(2026-12-03 14:00 UTC), now), "in 2 hours");
        assert_eq!(age(datetime!(2026-01-03 12:00 UTC), now), "11 months");
        assert_eq!(age(datetime!(2025-12-04 12:00 UTC), now), "1 year");
        assert_eq!(age(datetime!(2026-12-03 14:00 UTC), now), "just now");
    }

    #[test]
    fn describe_shows_local_time_or_raw_text() {
        let now = datetime!(2026-12-03 12:00 UTC);
        assert_eq!(
            describe(Some("2026-11-30T11:00:00Z"), now, offset!(+1)),
            "2026-11-30 12:00 +01:00 (3 days ago)"
        );
        assert_eq!(
            describe(Some("last Tuesday"), now, offset!(UTC)),
            "last Tuesday"
        );
        assert_eq!(describe(None, now, offset!(UTC)), "—");
    }

    /// Found by the monkey (tests/monkey): the last second of year 9999 seen from east
    /// of UTC panicked the detail pane.
    #[test]
    fn moments_at_the_edge_of_the_calendar_do_not_panic() {
        let now = datetime!(2026-12-03 12:00 UTC);
        assert!(
            describe(Some("9999-12-31T23:59:59Z"), now, offset!(+2))
                .starts_with("9999-12-31 23:59 +00:00")
        );
        let utc = datetime!(-9999-01-01 00:00 UTC);
        assert_eq!(local(utc, offset!(-5)), "-9999-01-01 00:00 +00:00");
    }
}
