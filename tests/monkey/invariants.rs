//! What must hold after every step, whatever happened before.

use ghosts::tui::keymap::Context;
use std::collections::HashSet;

use ghosts::tui::App;
use ghosts::tui::layout::{areas, inner};
use ghosts::tui::msg::ReqId;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// Panics (failing the case, which proptest then shrinks) if the app is unsound:
/// - the cursor is on a loaded ghost (or 0 when none is loaded), and the first row
///   shown is not below it;
/// - no ghost is listed twice, and the id index matches the list;
/// - no more ghosts are listed than the answers taken since page 1 provided;
/// - the request awaited is one the app issued;
/// - when the list is on screen, the selected ghost is one of its rows;
/// - the screen is well formed: no wide character has text on its second cell (a
///   terminal would never be sent that text, a box's border for one).
pub fn check_invariants(app: &App, screen: &Buffer, issued: &[ReqId], provided: usize) {
    let ghosts = &app.list.ghosts;
    if ghosts.is_empty() {
        assert_eq!(app.cursor, 0, "cursor on an empty list");
    } else {
        assert!(
            app.cursor < ghosts.len(),
            "cursor {} beyond {} ghosts",
            app.cursor,
            ghosts.len()
        );
    }
    assert!(
        app.offset <= app.cursor,
        "first row {} below the cursor {}",
        app.offset,
        app.cursor
    );

    let ids: HashSet<i64> = ghosts.iter().map(|g| g.id).collect();
    assert_eq!(ids.len(), ghosts.len(), "a ghost is listed twice");
    assert_eq!(ids, app.list.ids, "the id index differs from the list");
    assert!(
        ghosts.len() <= provided,
        "{} ghosts listed but the answers taken provided {provided}",
        ghosts.len()
    );

    if let Some(flight) = &app.list.in_flight {
        assert!(
            issued.contains(&flight.req_id),
            "waiting for {:?}, which was never issued",
            flight.req_id
        );
    }

    assert_selection_visible(app, screen);
    assert_well_formed(screen);
}

fn assert_well_formed(screen: &Buffer) {
    let area = screen.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            let (Some(cell), Some(next)) = (screen.cell((x, y)), screen.cell((x + 1, y))) else {
                continue;
            };
            assert!(
                cell.symbol().width() < 2 || matches!(next.symbol(), " " | ""),
                "{:?} at ({x}, {y}) is followed by {:?}, which the terminal would not show",
                cell.symbol(),
                next.symbol()
            );
        }
    }
}

fn assert_selection_visible(app: &App, screen: &Buffer) {
    // Help, the request log, forms, dialogs and questions are drawn over the list and
    // may hide the selected row: it must show only when the list is on top.
    let on_top = matches!(
        ghosts::tui::update::context(app),
        Context::List | Context::Detail | Context::Search
    );
    if !on_top || app.list.ghosts.is_empty() {
        return;
    }
    let Some(list) = areas(app).and_then(|a| a.list).map(inner) else {
        return;
    };
    if list.width < 2 || list.height == 0 {
        return;
    }
    let marked = (list.top()..list.bottom())
        .filter(|&y| screen.cell((list.x, y)).is_some_and(|c| c.symbol() == "›"))
        .count();
    assert_eq!(
        marked, 1,
        "the selected ghost must be one row of the list on screen"
    );
}

#[cfg(test)]
mod tests {
    use std::panic::{AssertUnwindSafe, catch_unwind};

    use ghosts::api::Ghost;
    use ghosts::tui::app::InFlight;
    use ratatui::layout::Rect;
    use time::OffsetDateTime;
    use time::macros::offset;

    use super::*;

    fn ghost(id: i64) -> Ghost {
        serde_json::from_value(serde_json::json!({ "id": id, "name": format!("G{id}") }))
            .expect("a ghost")
    }

    /// An app of 80x24 (nothing drawn) listing ghosts 1 and 2, cursor on the first.
    fn sound() -> App {
        let mut app = App::new(OffsetDateTime::UNIX_EPOCH, offset!(UTC), false, (80, 24));
        app.list.ghosts = vec![ghost(1), ghost(2)];
        app.list.ids = [1, 2].into();
        app.help_open = true;
        app
    }

    fn breaks(app: &App, issued: &[ReqId], provided: usize) -> bool {
        let screen = Buffer::empty(Rect::new(0, 0, 80, 24));
        catch_unwind(AssertUnwindSafe(|| {
            check_invariants(app, &screen, issued, provided)
        }))
        .is_err()
    }

    /// The monkey can only find what its checks can see: each breakage is caught.
    #[test]
    fn each_broken_invariant_is_caught() {
        assert!(!breaks(&sound(), &[], 2));
        assert!(breaks(&sound(), &[], 1), "more listed than provided");
        let mut app = sound();
        app.cursor = 2;
        assert!(breaks(&app, &[], 2), "cursor past the end");
        let mut app = sound();
        app.list.ghosts[1] = ghost(1);
        assert!(breaks(&app, &[], 2), "a duplicate");
        let mut app = sound();
        app.list.in_flight = Some(InFlight {
            req_id: ReqId(7),
            page: 1,
            fresh: true,
        });
        assert!(
            breaks(&app, &[ReqId(6)], 2),
            "awaiting a request never issued"
        );
        let mut app = sound();
        app.help_open = false;
        assert!(breaks(&app, &[], 2), "the selected row is not drawn");
        let mut screen = Buffer::empty(Rect::new(0, 0, 80, 24));
        screen.set_string(0, 0, "設", ratatui::style::Style::new());
        screen.set_string(1, 0, "│", ratatui::style::Style::new());
        assert!(
            catch_unwind(AssertUnwindSafe(|| assert_well_formed(&screen))).is_err(),
            "a wide character covered by a border"
        );
    }
}
