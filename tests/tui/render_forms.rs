//! Snapshots of the edit form, the pickers and the dialogs, small and large.

use crossterm::event::KeyCode;
use ghosts::tui::App;
use ghosts::tui::lookups::LookupKind;
use ghosts::tui::msg::Msg;

use crate::fixtures::*;
use crate::render::screen;

/// Snapshots the app built by `build` at 80x24 and at 160x48.
fn at_both_sizes(name: &str, build: impl Fn(u16, u16) -> App) {
    for (w, h) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&build(w, h)));
    }
}

fn world(w: u16, h: u16) -> App {
    let mut app = loaded(w, h, world_ghosts(), 6);
    app.demo = true;
    app
}

#[test]
fn new_form_empty() {
    at_both_sizes("form_new", |w, h| {
        let mut app = world(w, h);
        send(&mut app, [ch('n')]);
        app
    });
}

#[test]
fn edit_form_filled_with_cjk_and_emoji() {
    at_both_sizes("form_filled", |w, h| {
        let mut app = world(w, h);
        send(&mut app, [ch('e'), ctrl('u')]);
        send(&mut app, typed("設計者 👩🏽‍🎨 Éloïse"));
        send(
            &mut app,
            [key(KeyCode::Tab), Msg::Paste("\nThird line: 東京".into())],
        );
        // Add the Mobile app project (replace keeps the others).
        let fx = send(
            &mut app,
            [key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Enter)],
        );
        answer_lookups(&mut app, &fx);
        send(&mut app, typed("mob"));
        send(&mut app, [ch(' '), key(KeyCode::Enter)]);
        app
    });
}

#[test]
fn form_with_a_validation_error() {
    at_both_sizes("form_invalid", |w, h| {
        let mut app = world(w, h);
        send(&mut app, [ch('n')]);
        send(&mut app, typed("   "));
        send(&mut app, [ctrl('s')]);
        app
    });
}

#[test]
fn form_after_a_failed_save() {
    at_both_sizes("form_save_failed", |w, h| {
        let mut app = world(w, h);
        send(&mut app, [ch('e')]);
        send(&mut app, typed(" (lead)"));
        let fx = send(&mut app, [ctrl('s')]);
        let req = save_request(&fx);
        send(
            &mut app,
            [saved(
                req,
                Err(status_error(
                    400,
                    "assign_projects: project 99 does not exist",
                )),
            )],
        );
        app
    });
}

#[test]
fn assignment_picker() {
    at_both_sizes("picker_projects", |w, h| {
        let mut app = world(w, h);
        let fx = send(
            &mut app,
            [
                ch('e'),
                key(KeyCode::Tab),
                key(KeyCode::Tab),
                key(KeyCode::Tab),
                key(KeyCode::Enter),
            ],
        );
        answer_lookups(&mut app, &fx);
        send(&mut app, [key(KeyCode::Down), key(KeyCode::Down)]);
        app
    });
}

#[test]
fn team_picker_with_emoji_filtered() {
    at_both_sizes("picker_teams", |w, h| {
        let mut app = world(w, h);
        let fx = send(
            &mut app,
            [ch('n'), back_tab(), back_tab(), key(KeyCode::Enter)],
        );
        assert_eq!(lookup_fetches(&fx)[0].1, LookupKind::Teams);
        answer_lookups(&mut app, &fx);
        send(&mut app, typed("a"));
        app
    });
}

#[test]
fn discard_question() {
    at_both_sizes("form_discard", |w, h| {
        let mut app = world(w, h);
        send(&mut app, [ch('n'), ch('x'), key(KeyCode::Esc)]);
        app
    });
}

#[test]
fn delete_dialog() {
    at_both_sizes("delete", |w, h| {
        let mut app = world(w, h);
        send(&mut app, [ch('j'), ch('d')]);
        app
    });
}

#[test]
fn embody_dialog_ready_to_send() {
    at_both_sizes("embody", |w, h| {
        let mut app = world(w, h);
        let fx = send(&mut app, [ch('E')]);
        answer_lookups(&mut app, &fx);
        send(
            &mut app,
            [key(KeyCode::Enter), key(KeyCode::Down), key(KeyCode::Enter)],
        );
        send(&mut app, [key(KeyCode::Enter), key(KeyCode::Enter)]);
        app
    });
}

#[test]
fn embody_member_picker() {
    at_both_sizes("embody_members", |w, h| {
        let mut app = world(w, h);
        let fx = send(&mut app, [ch('E')]);
        answer_lookups(&mut app, &fx);
        send(&mut app, [key(KeyCode::Enter)]);
        app
    });
}

#[test]
fn forms_and_dialogs_survive_every_size() {
    for (w, h) in [
        (0, 0),
        (1, 1),
        (10, 3),
        (40, 10),
        (41, 11),
        (99, 30),
        (400, 120),
    ] {
        for keys in [
            vec![ch('n')],
            vec![ch('e'), key(KeyCode::Tab)],
            vec![ch('d')],
            vec![ch('E')],
        ] {
            let mut app = world(w, h);
            let fx = send(&mut app, keys);
            answer_lookups(&mut app, &fx);
            screen(&app);
            let fx = send(
                &mut app,
                [key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Enter)],
            );
            answer_lookups(&mut app, &fx);
            screen(&app);
            for (w2, h2) in [(0, 0), (3, 10), (40, 10), (400, 120)] {
                send(&mut app, [Msg::Resize(w2, h2)]);
                screen(&app);
            }
        }
    }
}

#[test]
fn the_cursor_sits_where_wide_text_ends() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut app = world(80, 24);
    send(&mut app, [ch('n')]);
    send(&mut app, typed("設計👩🏽‍🎨e\u{301}"));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    terminal
        .draw(|frame| ghosts::tui::view::view(&app, frame))
        .expect("draw");
    let shown = screen(&app);
    let name_row = shown
        .lines()
        .position(|l| l.contains("› Name"))
        .expect("the name row");
    let name_col = shown
        .lines()
        .nth(name_row)
        .and_then(|l| l.find("設"))
        .expect("the name");
    // 設計 is 4 columns, the emoji with its joiners 2, e + combining accent 1.
    let value_x = unicode_width::UnicodeWidthStr::width(
        &shown.lines().nth(name_row).expect("row")[..name_col],
    );
    terminal
        .backend_mut()
        .assert_cursor_position((value_x as u16 + 7, name_row as u16));
}

#[test]
fn typed_ids_when_a_lookup_fails() {
    use ghosts::tui::msg::ApiResult;
    at_both_sizes("form_typed_ids", |w, h| {
        let mut app = world(w, h);
        let fx = send(
            &mut app,
            [
                ch('e'),
                key(KeyCode::Tab),
                key(KeyCode::Tab),
                key(KeyCode::Tab),
            ],
        );
        assert!(fx.is_empty());
        let fx = send(&mut app, [key(KeyCode::Enter)]);
        for (req_id, _) in lookup_fetches(&fx) {
            send(
                &mut app,
                [Msg::Api {
                    req_id,
                    result: ApiResult::Lookup(Err(status_error(503, "look-ups are resting"))),
                }],
            );
        }
        send(&mut app, typed(", 2x"));
        send(&mut app, [ctrl('s')]);
        app
    });
}
