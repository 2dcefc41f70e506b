//! The client against a sandbox that misbehaves on purpose: what is retried, what is
//! surfaced, and how long the user is told to wait.

use std::time::{Duration, SystemTime};

use ghosts::api::{ApiError, NewGhost};
use ghosts::sandbox::Faults;

use crate::common::*;

fn status_error(err: &ApiError) -> &ghosts::api::StatusError {
    err.as_status()
        .unwrap_or_else(|| panic!("expected an error status, got {err:?}"))
}

#[tokio::test]
async fn a_read_is_retried_after_a_gateway_failure_and_then_succeeds() {
    let sandbox = sandbox(Faults {
        fail_rate: 0.5,
        seed: 3,
        ..Faults::default()
    })
    .await;
    let client = client(sandbox.client_config());
    let mut results = Vec::new();
    for _ in 0..10 {
        results.push(client.list_ghosts(&first_page()).await);
    }
    let seen = statuses(&sandbox);
    assert!(
        seen.windows(2).any(|w| w == [502, 200]),
        "no failure followed by a successful retry in {seen:?}"
    );
    // Each call takes answers until a 200 or its third 502 (one try, two retries).
    let mut answers = seen.iter();
    for result in &results {
        let mut failed = 0;
        let ended_well = loop {
            match answers.next() {
                Some(200) => break true,
                Some(502) if failed == 2 => break false,
                Some(502) => failed += 1,
                other => panic!("unexpected answer {other:?} in {seen:?}"),
            }
        };
        assert_eq!(result.is_ok(), ended_well, "{seen:?}");
        if let Err(err) = result {
            assert!(err.to_string().contains("502 Bad Gateway nginx"), "{err}");
        }
    }
    assert_eq!(
        answers.next(),
        None,
        "more requests than calls explain: {seen:?}"
    );
}

#[tokio::test]
async fn writes_are_not_retried_after_failures_the_server_may_have_acted_on() {
    for faults in [
        Faults {
            fail_rate: 1.0,
            ..Faults::default()
        },
        // A 429 with a wait too long to sit through: the user's call.
        Faults {
            burst_429: 1,
            retry_after: Duration::from_secs(120),
            ..Faults::default()
        },
    ] {
        let sandbox = sandbox(faults).await;
        let client = client(sandbox.client_config());
        let ghost = NewGhost {
            name: "Once only".into(),
            ..NewGhost::default()
        };
        let err = client.create_ghost(&ghost).await.unwrap_err();
        assert!(matches!(err.status(), Some(502 | 429)), "{err:?}");
        assert_eq!(sandbox.requests().len(), 1, "{:?}", statuses(&sandbox));
    }
}

/// A 429 is the server declining before doing anything: after a short wait the write
/// is sent again, and done exactly once (a bulk run no longer stops at one).
#[tokio::test]
async fn a_write_declined_with_a_short_429_is_sent_again_and_done_once() {
    let sandbox = sandbox(Faults {
        burst_429: 2,
        retry_after: Duration::from_secs(1),
        ..Faults::default()
    })
    .await;
    let client = client(sandbox.client_config());
    for name in ["First", "Second"] {
        let ghost = NewGhost {
            name: name.into(),
            ..NewGhost::default()
        };
        client.create_ghost(&ghost).await.unwrap();
    }
    assert_eq!(statuses(&sandbox), [201, 429, 201]);
    let listed = client.list_ghosts(&first_page()).await.unwrap().data;
    for name in ["First", "Second"] {
        let stored = listed.data.iter().filter(|g| g.name == name).count();
        assert_eq!(stored, 1, "{name}");
    }
}

#[tokio::test]
async fn a_short_retry_after_on_a_read_is_waited_out() {
    let sandbox = sandbox(Faults {
        burst_429: 2,
        retry_after: Duration::from_secs(1),
        ..Faults::default()
    })
    .await;
    let client = client(sandbox.client_config());
    client.list_ghosts(&first_page()).await.unwrap();
    client.list_ghosts(&first_page()).await.unwrap();
    assert_eq!(statuses(&sandbox), [200, 429, 200]);
}

#[tokio::test]
async fn a_long_retry_after_is_surfaced_with_the_wait() {
    let sandbox = sandbox(Faults {
        burst_429: 1,
        retry_after: Duration::from_secs(120),
        ..Faults::default()
    })
    .await;
    let client = client(sandbox.client_config());
    let err = client.list_ghosts(&first_page()).await.unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.wait_for(), Some(Duration::from_secs(120)));
    assert_eq!(statuses(&sandbox), [429]);
}

#[tokio::test]
async fn a_retry_after_date_is_read_as_a_wait() {
    let when = SystemTime::now() + Duration::from_secs(90);
    let base = canned(
        429,
        &[("retry-after", httpdate::fmt_http_date(when))],
        "slow down",
    )
    .await;
    let client = client(config_for(base));
    let err = client.list_ghosts(&first_page()).await.unwrap_err();
    let wait = err.wait_for().unwrap();
    // The date has whole seconds and some time passes: a little under 90 s.
    assert!(
        wait <= Duration::from_secs(90) && wait >= Duration::from_secs(80),
        "{wait:?}"
    );
}

#[tokio::test]
async fn a_spent_quota_is_402_with_the_wait_and_is_not_retried() {
    let sandbox = ghosts::sandbox::start(ghosts::sandbox::SandboxOptions {
        quota_per_hour: 1,
        ..options(Faults::default())
    })
    .await
    .unwrap();
    let client = client(sandbox.client_config());
    client.list_ghosts(&first_page()).await.unwrap();
    let err = client.list_ghosts(&first_page()).await.unwrap_err();
    let status = status_error(&err);
    assert!(status.is_quota_exhausted() && !status.is_plan_limit());
    let wait = err.wait_for().unwrap();
    assert!(wait > Duration::from_secs(3000) && wait <= Duration::from_secs(3600));
    assert_eq!(statuses(&sandbox), [200, 402]);
}

#[tokio::test]
async fn a_402_plan_limit_is_not_a_wait() {
    let base = canned(
        402,
        &[("content-type", "application/json".into())],
        r#"{"error": "plan_limit", "error_description": "Ghosts are not on your plan"}"#,
    )
    .await;
    let client = client(config_for(base));
    let err = client.list_ghosts(&first_page()).await.unwrap_err();
    let status = status_error(&err);
    assert!(status.is_plan_limit() && !status.is_quota_exhausted());
    assert_eq!(err.wait_for(), None);
    assert!(err.to_string().contains("plan"), "{err}");
}

#[tokio::test]
async fn a_stalled_or_slow_answer_times_out() {
    for faults in [
        Faults {
            stall: Duration::from_secs(5),
            ..Faults::default()
        },
        Faults {
            latency: Duration::from_secs(5),
            ..Faults::default()
        },
    ] {
        let sandbox = sandbox(faults).await;
        let client = client(ghosts::api::ClientConfig {
            request_timeout: Duration::from_millis(500),
            read_retries: 0,
            ..sandbox.client_config()
        });
        let err = client.list_ghosts(&first_page()).await.unwrap_err();
        assert!(matches!(err, ApiError::Timeout(_)), "{err:?}");
    }
}

#[tokio::test]
async fn a_malformed_answer_is_a_decode_error_and_not_retried() {
    let sandbox = sandbox(Faults {
        malformed_rate: 1.0,
        ..Faults::default()
    })
    .await;
    let client = client(sandbox.client_config());
    let err = client.list_ghosts(&first_page()).await.unwrap_err();
    assert!(matches!(err, ApiError::Decode(_)), "{err:?}");
    assert_eq!(statuses(&sandbox), [200]);
}

#[tokio::test]
async fn nulls_where_lists_belong_read_as_empty_lists() {
    let sandbox = sandbox(Faults {
        nulls: true,
        ..Faults::default()
    })
    .await;
    let client = client(sandbox.client_config());
    let page = client.list_ghosts(&first_page()).await.unwrap().data;
    // No ghost was dropped for its nulls: the same as the well-behaved sandbox's page.
    let plain = self::sandbox(Faults::default()).await;
    let expected = self::client(plain.client_config())
        .list_ghosts(&first_page())
        .await
        .unwrap()
        .data;
    assert_eq!(page.total, expected.total);
    assert_eq!(page.data.len(), expected.data.len());
    for ghost in &page.data {
        assert!(ghost.assigned.projects.is_empty() && ghost.assigned.team_ids.is_empty());
    }
    let past_the_end = ghosts::api::ListQuery {
        page: 99,
        ..first_page()
    };
    assert!(
        client
            .list_ghosts(&past_the_end)
            .await
            .unwrap()
            .data
            .data
            .is_empty()
    );
}
