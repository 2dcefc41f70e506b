//! Marks: Space, mark all, clear; they outlive paging, search and filters, and go with
//! their ghost when it is deleted.

use crossterm::event::KeyCode;
use ghosts::tui::App;

use crate::fixtures::*;
use crate::render::screen;

fn marked(app: &App) -> Vec<i64> {
    app.marks.iter().map(|(id, _)| id).collect()
}

#[test]
fn space_marks_and_moves_down_and_unmarks_on_a_second_press() {
    let mut app = loaded(80, 24, ghosts(1, 5), 5);
    assert!(send(&mut app, [ch(' '), ch(' ')]).is_empty());
    assert_eq!(marked(&app), vec![1, 2]);
    assert_eq!(app.cursor, 2);
    send(&mut app, [ch('k'), ch(' ')]);
    assert_eq!(marked(&app), vec![1], "Space on a marked ghost unmarks it");
    assert_eq!(app.cursor, 2);
    // On the last ghost the mark is taken and the cursor stays.
    send(&mut app, [ch('G'), ch(' ')]);
    assert_eq!(marked(&app), vec![1, 5]);
    assert_eq!(app.cursor, 4);
}

#[test]
fn star_marks_every_loaded_ghost_and_u_clears_them_all() {
    let mut app = loaded(80, 24, ghosts(1, 5), 5);
    send(&mut app, [ch('*')]);
    assert_eq!(marked(&app), vec![1, 2, 3, 4, 5]);
    assert_eq!(app.cursor, 0, "mark all does not move the cursor");
    send(&mut app, [ch('u')]);
    assert!(app.marks.is_empty());
}

#[test]
fn marks_survive_a_new_search_and_paging() {
    let mut app = loaded(80, 24, ghosts(1, 100), 150);
    send(&mut app, [ch(' '), ch(' ')]);
    // Page 2 arrives when the cursor nears the end; marks there join the first ones.
    let fx = send(&mut app, [ch('G')]);
    let (req, page_no, _) = only_fetch(&fx);
    assert_eq!(page_no, 2);
    send(&mut app, [page_answer(req, page(ghosts(101, 50), 2, 150))]);
    send(&mut app, [ch('G'), ch(' ')]);
    assert_eq!(marked(&app), vec![1, 2, 150]);
    // A search that lists none of them keeps them marked.
    let mut fx = send(&mut app, [ch('/')]);
    fx.extend(send(&mut app, typed("zz")));
    fx.extend(send(&mut app, [key(KeyCode::Enter)]));
    let (req, _, search) = fetches(&fx).pop().expect("a fetch for the search");
    assert_eq!(search, "zz");
    send(
        &mut app,
        [page_answer(req, page(vec![ghost(900, "Zz")], 1, 1))],
    );
    assert_eq!(marked(&app), vec![1, 2, 150]);
    assert!(screen(&app).contains("3 marked"), "{}", screen(&app));
}

#[test]
fn a_deleted_ghost_loses_its_mark() {
    let mut app = loaded(80, 24, ghosts(1, 5), 5);
    send(
        &mut app,
        [
            ch('*'),
            ch('j'),
            ch('j'),
            ch('u'),
            ch(' '),
            ch('k'),
            ch('d'),
        ],
    );
    assert_eq!(
        delete_dialog(&app).id,
        3,
        "one mark: d acts on the marked ghost"
    );
    let fx = send(&mut app, [ch('y')]);
    let req = match fx.as_slice() {
        [ghosts::tui::Effect::DeleteGhost { req_id, id: 3 }] => *req_id,
        other => panic!("expected one DELETE of 3: {other:?}"),
    };
    send(&mut app, [deleted(req, Ok(()))]);
    assert!(app.marks.is_empty());
    assert!(!app.list.ids.contains(&3));
}

#[test]
fn the_count_of_marks_and_the_marked_rows_show_without_colour() {
    let mut app = loaded(80, 24, ghosts(1, 5), 5);
    send(&mut app, [ch(' '), ch(' ')]);
    let text = screen(&app);
    assert!(text.contains("✓ 2 marked · 3 of 5"), "{text}");
    assert!(text.contains(" ✓Ghost 00001"), "{text}");
    assert!(text.contains("› Ghost 00003"), "{text}");
    insta::assert_snapshot!("marked_rows_80x24", text);
    let mut big = loaded(160, 48, ghosts(1, 5), 5);
    send(&mut big, [ch(' '), ch('j'), ch(' ')]);
    insta::assert_snapshot!("marked_rows_160x48", screen(&big));
}
