//! Whether the program handed the terminal back as it found it, judged on the bytes it
//! wrote (what a real terminal would have obeyed), not on a parser's final state.

/// A terminal mode the program may set and must then reset.
struct Mode {
    name: &'static str,
    set: &'static [u8],
    reset: &'static [u8],
}

const ALTERNATE_SCREEN: Mode = Mode {
    name: "alternate screen",
    set: b"\x1b[?1049h",
    reset: b"\x1b[?1049l",
};
const CURSOR_SHOWN: Mode = Mode {
    name: "hidden cursor",
    set: b"\x1b[?25l",
    reset: b"\x1b[?25h",
};
const BRACKETED_PASTE: Mode = Mode {
    name: "bracketed paste",
    set: b"\x1b[?2004h",
    reset: b"\x1b[?2004l",
};
/// Every mouse reporting mode crossterm (or anyone) may turn on.
const MOUSE: &[Mode] = &[
    Mode {
        name: "mouse clicks",
        set: b"\x1b[?1000h",
        reset: b"\x1b[?1000l",
    },
    Mode {
        name: "mouse drags",
        set: b"\x1b[?1002h",
        reset: b"\x1b[?1002l",
    },
    Mode {
        name: "mouse motion",
        set: b"\x1b[?1003h",
        reset: b"\x1b[?1003l",
    },
    Mode {
        name: "SGR mouse",
        set: b"\x1b[?1006h",
        reset: b"\x1b[?1006l",
    },
];

fn last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The problem with `mode` in `raw`, if any: set and not reset after its last setting.
fn left_on(raw: &[u8], mode: &Mode) -> Option<String> {
    let set = last(raw, mode.set)?;
    match last(raw, mode.reset) {
        Some(reset) if reset > set => None,
        _ => Some(format!("{} left on", mode.name)),
    }
}

/// Panics unless the program entered the alternate screen and bracketed paste and left
/// both, showed the cursor at the end, and left no mouse mode on.
pub fn assert_restored(raw: &[u8]) {
    let text = String::from_utf8_lossy(raw);
    for mode in [&ALTERNATE_SCREEN, &BRACKETED_PASTE] {
        assert!(
            last(raw, mode.set).is_some(),
            "the program never turned on {}; it wrote:\n{text:?}",
            mode.name
        );
    }
    // The cursor must be shown at the end even if it was never hidden: the shell
    // needs one, and a program killed mid-frame may have hidden it.
    let cursor_shown = match (last(raw, CURSOR_SHOWN.reset), last(raw, CURSOR_SHOWN.set)) {
        (Some(shown), hidden) => hidden.is_none_or(|hidden| shown > hidden),
        (None, _) => false,
    };
    let problems: Vec<String> = [&ALTERNATE_SCREEN, &BRACKETED_PASTE]
        .into_iter()
        .chain(MOUSE)
        .filter_map(|mode| left_on(raw, mode))
        .chain((!cursor_shown).then(|| "cursor not shown at the end".to_string()))
        .collect();
    assert!(
        problems.is_empty(),
        "terminal not restored: {problems:?}; the last bytes written:\n{:?}",
        tail(&text)
    );
}

/// Panics if the program touched the screen modes at all.
pub fn assert_untouched(raw: &[u8]) {
    assert!(
        last(raw, ALTERNATE_SCREEN.set).is_none(),
        "the program entered the alternate screen; it wrote:\n{:?}",
        String::from_utf8_lossy(raw)
    );
}

fn tail(text: &str) -> &str {
    let start = text.len().saturating_sub(400);
    let start = (start..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    &text[start..]
}
