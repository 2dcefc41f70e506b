//! Text measured the way a terminal shows it: by display width, cut on grapheme
//! boundaries. Nothing here slices a `&str` at an offset derived from a width.

use std::borrow::Cow;

use tui_input::{Input, InputRequest};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The ellipsis that marks a cut.
pub const ELLIPSIS: &str = "…";

/// Columns a string takes on screen.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

fn grapheme_width(g: &str) -> usize {
    UnicodeWidthStr::width(g)
}

/// One line of text safe to put on screen: control characters (newlines, tabs, escape
/// sequences a name could smuggle in) become spaces.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_control) {
        Cow::Owned(
            s.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// At most `max` columns of `s`; when cut, the last column is an ellipsis.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let budget = max - 1;
    let mut used = 0;
    let mut out = String::new();
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > budget {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push_str(ELLIPSIS);
    Cow::Owned(out)
}

/// `s` cut to `cols` columns and padded with spaces to exactly `cols` (a wide
/// character that would straddle the edge is replaced by padding).
pub fn fit(s: &str, cols: usize) -> String {
    let cut = truncate(s, cols);
    let w = width(&cut);
    let mut out = cut.into_owned();
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// Wraps text to lines of at most `cols` columns: paragraphs on `\n`, words on
/// white space, words longer than a line broken between graphemes.
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut lines = Vec::new();
    for paragraph in s.split('\n') {
        let paragraph = one_line(paragraph);
        let mut line = String::new();
        let mut line_w = 0;
        for word in paragraph.split_whitespace() {
            let word_w = width(word);
            let gap = usize::from(line_w > 0);
            if line_w + gap + word_w <= cols {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += gap + word_w;
                continue;
            }
            if line_w > 0 {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
            }
            if word_w <= cols {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            for g in word.graphemes(true) {
                let w = grapheme_width(g);
                if line_w + w > cols && line_w > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                line.push_str(g);
                line_w += w;
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_width_on_grapheme_boundaries() {
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("hello", 4), "hel…");
        assert_eq!(truncate("hello", 0), "");
        // CJK characters are two columns wide: never half of one.
        assert_eq!(truncate("設計者設計者", 6), "設計…");
        assert_eq!(width(&truncate("設計者設計者", 6)), 5);
        // A family emoji is one grapheme of several code points.
        let family = "👨‍👩‍👧x";
        let twice = format!("{family}{family}");
        let cut = truncate(&twice, 3);
        assert!(cut.starts_with("👨‍👩‍👧"));
        // Combining accents stay with their letter.
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
    }

    #[test]
    fn fit_pads_to_exact_width() {
        assert_eq!(width(&fit("設計者", 5)), 5);
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("", 0), "");
    }

    #[test]
    fn one_line_neutralises_control_characters() {
        assert_eq!(one_line("a\nb\x1b[31mc"), "a b [31mc");
        assert!(matches!(one_line("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn wraps_words_and_breaks_long_ones() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("設計者です", 4), vec!["設計", "者で", "す"]);
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
        for line in wrap("設計者です a b 🎨🎨🎨", 3) {
            assert!(width(&line) <= 3, "{line:?}");
        }
    }
}

/// The rest of `s` after its first `cols` columns (whole graphemes skipped; the cut is
/// always on a grapheme boundary).
pub fn skip_width(s: &str, cols: usize) -> &str {
    let mut used = 0;
    for (index, g) in s.grapheme_indices(true) {
        if used >= cols {
            return &s[index..];
        }
        used += grapheme_width(g);
    }
    ""
}

#[cfg(test)]
mod skip_tests {
    use super::*;

    #[test]
    fn skip_width_cuts_between_graphemes() {
        assert_eq!(skip_width("abc", 1), "bc");
        assert_eq!(skip_width("設計者", 2), "計者");
        // Skipping into the middle of a wide character skips all of it.
        assert_eq!(skip_width("設計者", 3), "者");
        assert_eq!(skip_width("ab", 5), "");
        assert_eq!(skip_width("ab", 0), "ab");
    }
}

/// Pasted text made safe to insert: tabs become spaces, other control characters are
/// dropped, and line breaks are kept as `\n` (`multiline`) or become one space per
/// run of breaks. Nothing of a paste ever acts as a key.
pub fn paste_text(text: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_was_break = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' => {
                // "\r\n" is one break.
                if c == '\r' && chars.peek() == Some(&'\n') {
                    continue;
                }
                if multiline {
                    out.push('\n');
                } else if !last_was_break {
                    out.push(' ');
                }
                last_was_break = true;
                continue;
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
        last_was_break = false;
    }
    out
}

/// Inserts `text` at the cursor in one step: a paste of thousands of lines as single
/// characters took seconds (each insert copies the rest of the value).
pub fn insert_text(input: &mut Input, text: &str) {
    if text.is_empty() {
        return;
    }
    let cursor = input.cursor();
    let mut value: String = input.value().chars().take(cursor).collect();
    value.push_str(text);
    value.extend(input.value().chars().skip(cursor));
    *input = Input::new(value).with_cursor(cursor.saturating_add(text.chars().count()));
}

/// One edit of a field that holds several lines: what tui-input does to the whole
/// value (Ctrl-U clears it, Ctrl-K cuts to its end, Home and End go to its ends) is
/// done to the cursor's line, so one key never wipes a pasted list.
pub fn edit_lines(input: &mut Input, request: InputRequest) {
    let chars: Vec<char> = input.value().chars().collect();
    let cursor = input.cursor().min(chars.len());
    let start = chars[..cursor]
        .iter()
        .rposition(|c| *c == '\n')
        .map_or(0, |i| i + 1);
    let end = chars[cursor..]
        .iter()
        .position(|c| *c == '\n')
        .map_or(chars.len(), |i| cursor + i);
    let cut = |from: usize, to: usize| -> Input {
        let value: String = chars[..from].iter().chain(&chars[to..]).collect();
        Input::new(value).with_cursor(from)
    };
    *input = match request {
        InputRequest::DeleteLine => cut(start, end),
        InputRequest::DeleteTillEnd => cut(cursor, end),
        InputRequest::GoToStart => input.clone().with_cursor(start),
        InputRequest::GoToEnd => input.clone().with_cursor(end),
        other => {
            input.handle(other);
            return;
        }
    };
}

/// The cursor (a char index into `text`) one line up or down, at the same display
/// column or the end of a shorter line; unchanged on the first/last line.
pub fn line_move(text: &str, cursor: usize, down: bool) -> usize {
    let before: String = text.chars().take(cursor).collect();
    let line = before.matches('\n').count();
    let column = width(before.rsplit('\n').next().unwrap_or(""));
    let target = if down {
        line + 1
    } else if line > 0 {
        line - 1
    } else {
        return cursor;
    };
    let Some(target_text) = text.split('\n').nth(target) else {
        return cursor;
    };
    // Characters before the target line: its predecessors and their line breaks.
    let start: usize = text
        .split('\n')
        .take(target)
        .map(|l| l.chars().count() + 1)
        .sum();
    let mut used = 0;
    let mut chars = 0;
    for g in target_text.graphemes(true) {
        let w = width(g);
        if used + w > column {
            break;
        }
        used += w;
        chars += g.chars().count();
    }
    start + chars
}

#[cfg(test)]
mod editing_tests {
    use super::*;

    #[test]
    fn text_is_inserted_at_the_cursor_in_one_step() {
        let mut input = Input::new("設計 team".into()).with_cursor(2);
        insert_text(&mut input, "者（デザイナー）");
        assert_eq!(input.value(), "設計者（デザイナー） team");
        assert_eq!(input.cursor(), 10);
        insert_text(&mut input, "");
        assert_eq!(input.cursor(), 10);
        // A paste of thousands of lines arrives whole.
        let many = "Backend developer\n".repeat(5_000);
        let mut input = Input::default();
        insert_text(&mut input, &many);
        assert_eq!(input.value(), many);
        assert_eq!(input.cursor(), many.chars().count());
    }

    #[test]
    fn line_keys_act_on_the_cursors_line_only() {
        let at = |text: &str, cursor: usize| Input::new(text.into()).with_cursor(cursor);
        let text = "Backend #1\nDesigner 設計\nQA";
        // The cursor in the middle of "Designer 設計" (char 14).
        let mut input = at(text, 14);
        edit_lines(&mut input, InputRequest::DeleteLine);
        assert_eq!((input.value(), input.cursor()), ("Backend #1\n\nQA", 11));
        let mut input = at(text, 14);
        edit_lines(&mut input, InputRequest::DeleteTillEnd);
        assert_eq!(input.value(), "Backend #1\nDes\nQA");
        let mut input = at(text, 14);
        edit_lines(&mut input, InputRequest::GoToStart);
        assert_eq!(input.cursor(), 11);
        edit_lines(&mut input, InputRequest::GoToEnd);
        assert_eq!(input.cursor(), 22);
        // Other edits are tui-input's own.
        edit_lines(&mut input, InputRequest::InsertChar('!'));
        assert_eq!(input.value(), "Backend #1\nDesigner 設計!\nQA");
        // On the last line, and on an empty value.
        let mut input = at(text, 25);
        edit_lines(&mut input, InputRequest::DeleteLine);
        assert_eq!(input.value(), "Backend #1\nDesigner 設計\n");
        let mut input = at("", 0);
        edit_lines(&mut input, InputRequest::DeleteLine);
        assert_eq!((input.value(), input.cursor()), ("", 0));
    }

    #[test]
    fn pastes_keep_or_fold_line_breaks() {
        assert_eq!(paste_text("a\r\nb\n\nc\td\u{1b}", false), "a b c d");
        assert_eq!(paste_text("a\r\nb\n\nc", true), "a\nb\n\nc");
    }

    #[test]
    fn up_and_down_keep_the_display_column() {
        let text = "設計者\nabcdef\nx";
        // From after "abcd" (column 4) up: after 設計 (also column 4).
        assert_eq!(line_move(text, 8, false), 2);
        // From after 設 (column 2) down: after "ab".
        assert_eq!(line_move(text, 1, true), 6);
        // Down to a shorter line: its end; past the last line: unchanged.
        assert_eq!(line_move(text, 10, true), 12);
        assert_eq!(line_move(text, 12, true), 12);
        assert_eq!(line_move(text, 1, false), 1);
    }
}
