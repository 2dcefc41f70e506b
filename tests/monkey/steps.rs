//! What the monkey can do in one step, and the strategies that make those steps nasty:
//! every key of the keymap and then some, pastes of awkward Unicode, absurd sizes, and
//! API answers that are late, doubled, unasked for, odd or plainly wrong.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ghosts::api::{ApiError, Assigned, ErrorBody, Ghost, ProjectRef, Quota, StatusError};
use ghosts::tui::keymap::KEYMAP;
use proptest::prelude::*;

/// Which request an answer claims to answer.
#[derive(Debug, Clone)]
pub enum Target {
    /// The most recent fetch the app asked for (the one it is most likely waiting for).
    Latest,
    /// An earlier fetch, counted back from the latest (late, superseded or doubled).
    Earlier(usize),
    /// An id the app never issued (offset past the highest issued; 0 is "ReqId(0)").
    Never(u64),
}

#[derive(Debug, Clone)]
pub enum Answer {
    /// A page of ghosts, whatever the request was.
    Page {
        ghosts: Vec<Ghost>,
        total: u64,
        skipped: usize,
        quota: Quota,
    },
    Failure(ApiError),
    /// An answer of the kind the request asks for (a saved ghost for a save, items for
    /// a look-up, ...), made from these ghosts, or this failure.
    Fitting {
        ghosts: Vec<Ghost>,
        failure: Option<ApiError>,
        quota: Quota,
    },
}

#[derive(Debug, Clone)]
pub enum Step {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    Answer(Target, Answer),
    /// A debounce timer runs out: one the app started (counted back from the latest),
    /// or, when `None`, one it never started.
    Debounce(Option<usize>),
    /// The clock moves by this many seconds (backwards too: clocks get adjusted).
    Tick(i64),
}

pub fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => key().prop_map(Step::Key),
        1 => paste().prop_map(Step::Paste),
        1 => (0u16..=400, 0u16..=120).prop_map(|(w, h)| Step::Resize(w, h)),
        4 => (target(), answer()).prop_map(|(t, a)| Step::Answer(t, a)),
        2 => prop::option::weighted(0.9, 0usize..4).prop_map(Step::Debounce),
        2 => (-86_400i64..=86_400).prop_map(Step::Tick),
    ]
}

fn key() -> impl Strategy<Value = KeyEvent> {
    let bound: Vec<KeyEvent> = KEYMAP
        .iter()
        .flat_map(|b| b.keys.iter())
        .map(|k| {
            let modifiers = if k.ctrl {
                KeyModifiers::CONTROL
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(k.code, modifiers)
        })
        .collect();
    let special = prop::sample::select(vec![
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Enter,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Insert,
        KeyCode::F(1),
        KeyCode::Null,
    ]);
    let code = prop_oneof![
        special,
        any::<char>().prop_map(KeyCode::Char),
        prop::char::range('a', 'z').prop_map(KeyCode::Char),
    ];
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
        KeyModifiers::CONTROL | KeyModifiers::ALT,
        KeyModifiers::CONTROL | KeyModifiers::SHIFT,
    ]);
    let kind = prop::sample::select(vec![
        KeyEventKind::Press,
        KeyEventKind::Press,
        KeyEventKind::Press,
        KeyEventKind::Repeat,
        KeyEventKind::Release,
    ]);
    prop_oneof![
        3 => prop::sample::select(bound),
        2 => (code, modifiers, kind).prop_map(|(c, m, k)| KeyEvent::new_with_kind(c, m, k)),
    ]
}

/// Text that is hard to measure, cut and show.
fn awkward_piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "Ghost",
        "設計者（デザイナー）",
        "Éloïse Müller-Ström",
        "Мария",
        "محمد علي",
        "हिन्दी",
        "👩🏽‍🎨",
        "👨‍👩‍👧‍👦",
        "🇫🇮",
        "e\u{301}\u{302}\u{303}",
        "\u{200b}\u{200d}\u{feff}",
        "\u{202e}reversed",
        "\n",
        "\r\n",
        "\t",
        "\u{7}\u{8}\u{1b}[31m",
        "  ",
        "",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        4 => fixed,
        2 => "\\PC{0,12}",
        1 => any::<String>(),
    ]
}

fn awkward_text(max_pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(awkward_piece(), 0..max_pieces).prop_map(|p| p.concat())
}

fn paste() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => awkward_text(12),
        // Very long, but bounded: each pasted character is one edit of the line.
        1 => (awkward_piece(), 1usize..300).prop_map(|(p, n)| p.repeat(n)),
    ]
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        6 => Just(Target::Latest),
        3 => (1usize..5).prop_map(Target::Earlier),
        1 => prop_oneof![Just(0u64), 1u64..1_000, Just(u64::MAX / 2)].prop_map(Target::Never),
    ]
}

fn quota() -> impl Strategy<Value = Quota> {
    (
        prop::option::of(prop_oneof![0u64..10, any::<u64>()]),
        prop::option::of(prop_oneof![0u64..7200, any::<u64>()])
            .prop_map(|s| s.map(Duration::from_secs)),
    )
        .prop_map(|(remaining, resets_in)| Quota {
            remaining,
            resets_in,
        })
}

fn ghost() -> impl Strategy<Value = Ghost> {
    let id = prop_oneof![8 => 1i64..300, 1 => any::<i64>()];
    let description = prop_oneof![
        3 => Just(None),
        3 => awkward_text(8).prop_map(Some),
        1 => (awkward_piece(), 1usize..2_000).prop_map(|(p, n)| Some(p.repeat(n))),
    ];
    let stamp = prop::option::of(prop_oneof![
        Just("2026-11-02T09:14:03.512347Z".to_string()),
        Just("0000-01-01T00:00:00Z".to_string()),
        Just("9999-12-31T23:59:59Z".to_string()),
        awkward_text(3),
    ]);
    let projects = prop::collection::vec(
        (
            any::<i64>(),
            awkward_text(4),
            prop::option::of("#[0-9a-fA-F]{0,7}|\\PC{0,5}"),
        )
            .prop_map(|(id, name, color)| ProjectRef {
                id,
                name,
                color,
                private: id % 2 == 0,
            }),
        0..4,
    );
    (
        id,
        awkward_text(6),
        description,
        prop::option::of(any::<i64>()),
        (stamp.clone(), stamp.clone(), stamp.clone(), stamp),
        projects,
        prop::collection::vec(any::<i64>(), 0..3),
    )
        .prop_map(
            |(
                id,
                name,
                description,
                user_id,
                (embodied, created, updated, deleted),
                projects,
                team_ids,
            )| {
                Ghost {
                    id,
                    name,
                    description,
                    user_id,
                    embodied_at: embodied,
                    created_at: created,
                    updated_at: updated,
                    deleted_at: deleted,
                    assigned: Assigned {
                        projects,
                        tasks: Vec::new(),
                        team_ids,
                    },
                }
            },
        )
}

fn answer() -> impl Strategy<Value = Answer> {
    // Sizes chosen apart (not by flat_map) so a failure shrinks to few ghosts.
    let ghosts = prop_oneof![
        1 => Just(Vec::new()),
        4 => prop::collection::vec(ghost(), 1..30),
        1 => prop::collection::vec(ghost(), 95..=120),
    ];
    let page = (
        ghosts,
        prop_oneof![4 => 0u64..400, 1 => any::<u64>()],
        prop_oneof![4 => Just(0usize), 1 => 0usize..5],
        quota(),
    )
        .prop_map(|(ghosts, total, skipped, quota)| Answer::Page {
            ghosts,
            total,
            skipped,
            quota,
        });
    let fitting = (
        prop::collection::vec(ghost(), 1..12),
        prop::option::weighted(0.3, failure()),
        quota(),
    )
        .prop_map(|(ghosts, failure, quota)| Answer::Fitting {
            ghosts,
            failure,
            quota,
        });
    prop_oneof![
        3 => page,
        2 => failure().prop_map(Answer::Failure),
        3 => fitting,
    ]
}

fn failure() -> impl Strategy<Value = ApiError> {
    let body = prop::option::of(
        (
            awkward_text(3),
            prop::option::of(awkward_text(6)),
            prop::option::of(awkward_text(2)),
        )
            .prop_map(|(error, error_description, trace_id)| ErrorBody {
                error,
                error_description,
                error_values: None,
                trace_id,
            }),
    );
    let status = (
        prop::sample::select(vec![
            400u16, 401, 402, 403, 404, 409, 418, 429, 500, 502, 503, 504,
        ]),
        body,
        awkward_text(4),
        quota(),
        prop::option::of(prop_oneof![0u64..120, any::<u64>()].prop_map(Duration::from_secs)),
    )
        .prop_map(|(status, body, raw_excerpt, quota, retry_after)| {
            ApiError::Status(Box::new(StatusError {
                status,
                body,
                raw_excerpt,
                quota,
                retry_after,
            }))
        });
    prop_oneof![
        4 => status,
        1 => (0u64..120).prop_map(|s| ApiError::Timeout(Duration::from_secs(s))),
        1 => (awkward_text(2), awkward_text(4))
            .prop_map(|(host, detail)| ApiError::Connect { host, detail }),
        1 => awkward_text(4).prop_map(ApiError::Network),
        1 => awkward_text(4).prop_map(ApiError::Decode),
        1 => awkward_text(4).prop_map(ApiError::Config),
    ]
}
