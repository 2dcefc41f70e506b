//! Render snapshots at a small and a large size, with a frozen clock.

use crossterm::event::KeyCode;
use ghosts::tui::App;
use ghosts::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use crate::fixtures::*;

/// Draws the app at its size and returns the screen as text, one line per row.
pub fn draw(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal.draw(|frame| view(app, frame)).expect("draw");
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut skip = 0;
        let mut line = String::new();
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn screen(app: &App) -> String {
    text(&draw(app))
}

fn world(w: u16, h: u16) -> App {
    let mut app = loaded(w, h, world_ghosts(), 6);
    app.demo = true;
    app
}

#[test]
fn list_80x24() {
    let mut app = world(80, 24);
    send(&mut app, [ch('j')]);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn list_and_detail_160x48() {
    let app = world(160, 48);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn detail_80x24() {
    let mut app = world(80, 24);
    send(&mut app, [key(KeyCode::Enter)]);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn detail_of_an_embodied_cjk_and_emoji_ghost_160x48() {
    let mut app = world(160, 48);
    send(&mut app, [ch('j'), key(KeyCode::Enter)]);
    let cjk = screen(&app);
    send(&mut app, [key(KeyCode::Esc), ch('j'), ch('j'), ch('j')]);
    let embodied = screen(&app);
    send(&mut app, [ch('k')]);
    let emoji = screen(&app);
    insta::assert_snapshot!("detail_cjk_160x48", cjk);
    insta::assert_snapshot!("detail_embodied_160x48", embodied);
    insta::assert_snapshot!("detail_emoji_raw_time_160x48", emoji);
}

#[test]
fn help_80x24() {
    let mut app = world(80, 24);
    send(&mut app, [ch('?')]);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_160x48() {
    let mut app = world(160, 48);
    app.log_path = Some("/home/ana/.local/state/ghosts/ghosts.log".into());
    send(&mut app, [ch('?')]);
    insta::assert_snapshot!(screen(&app));
}

/// Too small for every key: one readable column that scrolls, never squeezed columns.
#[test]
fn help_scrolls_where_it_does_not_fit_40x10() {
    let mut app = world(40, 10);
    send(&mut app, [ch('?')]);
    let top = screen(&app);
    assert!(top.contains("next ghost"), "{top}");
    send(&mut app, [ch('j'), ch('j')]);
    let scrolled = screen(&app);
    assert!(!scrolled.contains("next ghost"), "{scrolled}");
    // Far past the end stops at the last line, and k comes straight back.
    send(&mut app, std::iter::repeat_n(key(KeyCode::PageDown), 50));
    let end = screen(&app);
    send(&mut app, [ch('k')]);
    assert_ne!(screen(&app), end, "one k scrolls back at once");
    insta::assert_snapshot!("help_40x10_top", top);
    insta::assert_snapshot!("help_40x10_end", end);
    // Reopened, it starts at the top again.
    send(&mut app, [key(KeyCode::Esc), ch('?')]);
    assert_eq!(screen(&app), top);
}

/// A narrow header words itself shorter or ends in "…": it never cuts a word that
/// changes the meaning ("embodied hidden" read as "embodied").
#[test]
fn a_narrow_header_never_changes_its_meaning() {
    for include_embodied in [false, true] {
        for width in 40..=90 {
            let mut app = world(width, 12);
            app.filter.include_embodied = include_embodied;
            app.filter.search = "設計者 with a long search".into();
            let header = screen(&app)
                .lines()
                .next()
                .unwrap_or_default()
                .trim_end()
                .to_string();
            let state = if include_embodied {
                "embodied shown"
            } else {
                "embodied hidden"
            };
            assert!(
                header.contains(state) || header.ends_with('…'),
                "{width}: {header:?}"
            );
            assert!(!header.ends_with(" embodied"), "{width}: {header:?}");
        }
    }
}

/// Hints that do not fit are never dropped silently: "…" says so, and the way to every
/// key ("? help") stays.
#[test]
fn a_narrow_footer_keeps_help_and_says_what_it_left_out() {
    let wide = {
        let app = world(400, 12);
        screen(&app)
            .lines()
            .last()
            .unwrap_or_default()
            .trim_end()
            .to_string()
    };
    assert!(!wide.contains('…'), "everything fits at 400: {wide}");
    for width in 40..=120 {
        let app = world(width, 12);
        let footer = screen(&app)
            .lines()
            .last()
            .unwrap_or_default()
            .trim_end()
            .to_string();
        assert!(footer.contains("? help"), "{width}: {footer:?}");
        assert!(
            footer == wide || footer.contains('…'),
            "{width}: {footer:?}"
        );
    }
}

/// A box drawn over wide characters keeps its left border on every row, wherever its
/// edge falls on them (a wide character cut by the edge once took the border's place).
#[test]
fn boxes_over_wide_characters_keep_their_borders() {
    let wide = "設計".repeat(60);
    let boxes = [
        (ch('?'), "┌ Keys"),
        (ch('d'), "┌ Delete"),
        (ch('n'), "┌ New ghost"),
    ];
    for width in 40..=200 {
        for (height, (open, top)) in [10, 20]
            .into_iter()
            .flat_map(|h| boxes.clone().map(|b| (h, b)))
        {
            let many: Vec<_> = (1..=20).map(|id| ghost(id, &wide)).collect();
            let mut app = loaded(width, height, many, 20);
            send(&mut app, [open]);
            let shown = screen(&app);
            let lines: Vec<&str> = shown.lines().collect();
            let Some((row, at)) = lines
                .iter()
                .enumerate()
                .find_map(|(row, line)| line.find(top).map(|at| (row, line[..at].width())))
            else {
                panic!("{width}x{height}: no {top:?} in\n{shown}");
            };
            let buffer = draw(&app);
            let x = u16::try_from(at).expect("on screen");
            let left: String = (row + 1..usize::from(height))
                .map(|y| {
                    buffer[(x, u16::try_from(y).expect("on screen"))]
                        .symbol()
                        .to_string()
                })
                .take_while(|s| s != "└")
                .collect();
            assert!(
                left.chars().all(|c| c == '│'),
                "{width}x{height}: the left border of {top:?} reads {left:?}\n{shown}"
            );
        }
    }
}

#[test]
fn search_loading_and_error_80x24() {
    let mut app = world(80, 24);
    send(&mut app, [ch('/')]);
    for c in "設計".chars() {
        send(&mut app, [ch(c)]);
    }
    let id = app.search.debounce_id;
    let (req, _, _) = only_fetch(&send(&mut app, [Msg::DebounceElapsed { id }]));
    send(
        &mut app,
        [Msg::Tick(NOW + time::Duration::milliseconds(1300))],
    );
    let loading = screen(&app);
    send(&mut app, [page_failure(req, server_error())]);
    let failed = screen(&app);
    insta::assert_snapshot!("search_loading_80x24", loading);
    insta::assert_snapshot!("search_error_80x24", failed);
}

use ghosts::tui::msg::Msg;

#[test]
fn search_cursor_sits_after_wide_characters() {
    let mut app = world(80, 24);
    send(&mut app, [ch('/')]);
    for c in "設計a".chars() {
        send(&mut app, [ch(c)]);
    }
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal.draw(|frame| view(&app, frame)).expect("draw");
    // "Search: " is 8 columns, 設計 4 more, a 1 more.
    terminal.backend_mut().assert_cursor_position((13, 21));
}

#[test]
fn selection_is_visible_without_color() {
    let app = world(80, 24);
    let buffer = draw(&app);
    // Row 2 is the first ghost (header, top border).
    let cell = &buffer[(3, 2)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    let other = &buffer[(3, 3)];
    assert!(!other.modifier.contains(Modifier::REVERSED), "{other:?}");
}

#[test]
fn demo_marker_and_position_are_always_on_screen() {
    for (w, h) in [(40, 10), (80, 24), (160, 48)] {
        let mut app = world(w, h);
        send(&mut app, [ch('G')]);
        let shown = screen(&app);
        assert!(shown.contains("DEMO"), "{w}x{h}:\n{shown}");
        assert!(shown.contains("6 of 6"), "{w}x{h}:\n{shown}");
    }
}

#[test]
fn a_tiny_terminal_gets_a_one_line_message() {
    let app = world(39, 24);
    let shown = screen(&app);
    assert!(
        shown.starts_with("Terminal too small: need 40x10"),
        "{shown}"
    );
    let app = world(80, 9);
    assert!(screen(&app).starts_with("Terminal too small"));
}

#[test]
fn no_size_panics() {
    for (w, h) in [
        (0, 0),
        (1, 1),
        (10, 3),
        (40, 10),
        (99, 30),
        (100, 30),
        (400, 120),
    ] {
        let mut app = world(w, h);
        screen(&app);
        send(&mut app, [key(KeyCode::Enter)]);
        screen(&app);
        send(&mut app, [ch('/'), ch('x')]);
        screen(&app);
        send(&mut app, [key(KeyCode::Enter), ch('?')]);
        screen(&app);
        // Resizing to anything, down to nothing, then drawing.
        for (w2, h2) in [(0, 0), (1, 1), (3, 10), (400, 120)] {
            send(&mut app, [Msg::Resize(w2, h2)]);
            screen(&app);
        }
    }
}

#[test]
fn only_visible_rows_are_drawn_from_a_huge_list() {
    let mut app = loaded(80, 24, ghosts(1, 100), 100_000);
    // Pretend 100,000 are loaded (without 1,000 page answers).
    app.list.ghosts = ghosts(1, 100_000);
    send(&mut app, [ch('G')]);
    let shown = screen(&app);
    assert!(shown.contains("Ghost 100000"), "{shown}");
    assert!(shown.contains("100000 of 100000"), "{shown}");
    assert!(!shown.contains("Ghost 00001"));
}

#[test]
fn wide_names_keep_the_borders_straight() {
    for (w, h) in [(80, 24), (160, 48), (41, 12)] {
        let app = world(w, h);
        let buffer = draw(&app);
        let list_right = if w >= 100 {
            (w * 45 / 100).max(30) - 1
        } else {
            w - 1
        };
        for y in 2..8 {
            assert_eq!(buffer[(0, y)].symbol(), "│", "{w}x{h} row {y}");
            assert_eq!(buffer[(list_right, y)].symbol(), "│", "{w}x{h} row {y}");
        }
    }
}

#[test]
fn unreadable_entries_are_reported_in_the_status_bar() {
    let mut app = new_app(80, 24);
    let (req, _, _) = only_fetch(&send(&mut app, [Msg::Start]));
    let mut reply = page(world_ghosts(), 1, 8);
    reply.data.skipped = 2;
    send(&mut app, [page_answer(req, reply)]);
    assert_eq!(app.list.skipped, 2);
    let shown = screen(&app);
    let status = shown.lines().nth(22).unwrap_or_default();
    assert!(status.contains("2 unreadable entries skipped"), "{shown}");
    assert!(status.contains("1 of 8"), "{shown}");
}

#[test]
fn an_empty_result_says_why() {
    let mut app = loaded(80, 24, Vec::new(), 0);
    assert!(screen(&app).contains("No ghosts here"));
    let (req, _, _) = only_fetch(&send(&mut app, [ch('/'), ch('z'), key(KeyCode::Enter)]));
    send(&mut app, [page_answer(req, page(Vec::new(), 1, 0))]);
    let shown = screen(&app);
    assert!(shown.contains("No ghost's name contains “z”"), "{shown}");
    assert!(shown.contains("0 of 0"), "{shown}");
}

#[test]
fn project_and_task_colors_are_drawn_as_swatches() {
    use ratatui::style::Color;
    let app = world(160, 48);
    let buffer = draw(&app);
    let swatches: Vec<Color> = (0..48)
        .flat_map(|y| (0..160).map(move |x| (x, y)))
        .filter(|&(x, y)| buffer[(x, y)].symbol() == "■")
        .map(|(x, y)| buffer[(x, y)].fg)
        .collect();
    assert_eq!(
        swatches,
        vec![
            Color::Rgb(0xe3, 0x6a, 0x00),
            Color::Rgb(0x1f, 0x6f, 0xeb),
            Color::Rgb(0x2d, 0xa6, 0x08),
        ]
    );
}

#[test]
fn the_detail_scrolls() {
    let mut app = world(80, 12);
    send(&mut app, [key(KeyCode::Enter)]);
    let top = screen(&app);
    assert!(top.contains("Senior designer #2"), "{top}");
    send(&mut app, [ch('G')]);
    let bottom = screen(&app);
    assert!(!bottom.contains("Senior designer #2"), "{bottom}");
    assert!(bottom.contains("Deleted"), "{bottom}");
}

#[test]
fn a_spent_quota_says_how_long_to_wait() {
    use ghosts::api::{ApiError, Quota, StatusError};
    let mut app = loaded(80, 24, world_ghosts(), 6);
    let (req, _, _) = only_fetch(&send(&mut app, [ch('r')]));
    let quota = Quota {
        remaining: Some(0),
        resets_in: Some(std::time::Duration::from_secs(720)),
    };
    let spent = ApiError::Status(Box::new(StatusError {
        status: 402,
        body: None,
        raw_excerpt: String::new(),
        quota,
        retry_after: None,
    }));
    send(&mut app, [page_failure(req, spent)]);
    let shown = screen(&app);
    assert!(shown.contains("quota is used up"), "{shown}");
    assert!(shown.contains("r retries in 12 min"), "{shown}");
    assert!(shown.contains("quota used up, resets in 12 min"), "{shown}");
    assert!(shown.contains("quota low: 0 left"), "{shown}");
    assert_eq!(app.list.ghosts.len(), 6, "what was loaded stays");
}

/// Work that costs more than the quota left says so before it starts, and the question
/// stays readable on a small terminal.
#[test]
fn a_cost_beyond_the_quota_left_says_where_it_stops() {
    use ghosts::api::Quota;
    let quota = Quota {
        remaining: Some(3),
        resets_in: Some(std::time::Duration::from_secs(1_500)),
    };
    // A bulk delete of 6 with 3 left.
    let mut app = loaded(80, 24, world_ghosts(), 6);
    app.status.quota = Some(quota);
    send(&mut app, [ch('*'), ch('d')]);
    let shown = screen(&app);
    for part in [
        "only 3 left: it stops there; r",
        "after the reset in 25 min",
    ] {
        assert!(shown.contains(part), "{part:?} in\n{shown}");
    }
    // The triage's question at 40x10: wrapped, "Continue?" in view.
    let mut app = loaded(40, 12, world_ghosts(), 6);
    app.status.quota = Some(Quota {
        remaining: Some(2),
        ..quota
    });
    send(&mut app, [ch('T')]);
    let shown = screen(&app);
    assert!(shown.contains("Continue?"), "{shown}");
    assert!(shown.contains("only 2"), "{shown}");
}
