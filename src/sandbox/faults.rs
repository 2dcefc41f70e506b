//! Misbehaving on purpose, so the client's handling of failures can be tested.
//! Everything is off by default: then the sandbox behaves exactly as the contract says.
//! Random choices come from a generator seeded with `seed`, so the same requests in the
//! same order meet the same failures.

use std::sync::Mutex;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::error::ApiFailure;
use crate::api::Id;

#[derive(Debug, Clone, PartialEq)]
pub struct Faults {
    /// Any request about one of these ghosts (`.../ghosts/{id}` and below, or a
    /// `bulk_update` naming it) answers 500.
    pub fail_ghost_ids: Vec<Id>,
    /// Waited before every answer.
    pub latency: Duration,
    /// Share of requests (0 to 1) answered 502 with an HTML page, as a gateway does.
    pub fail_rate: f64,
    /// Every Nth request answers 429 with `Retry-After`; 0 is off.
    pub burst_429: u32,
    /// The `Retry-After` of those answers (whole seconds are sent).
    pub retry_after: Duration,
    /// Successful answers send their headers and half their body, then wait this long
    /// before the rest; zero is off.
    pub stall: Duration,
    /// Share of successful answers (0 to 1) whose body is replaced by broken JSON.
    pub malformed_rate: f64,
    /// Successful answers send their headers and half their body, then the connection
    /// is cut (a proxy or a network that drops mid-answer).
    pub drop_mid_body: bool,
    /// Successful answers carry `null` where lists belong.
    pub nulls: bool,
    pub seed: u64,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            fail_ghost_ids: Vec::new(),
            latency: Duration::ZERO,
            fail_rate: 0.0,
            burst_429: 0,
            retry_after: Duration::from_secs(1),
            stall: Duration::ZERO,
            malformed_rate: 0.0,
            drop_mid_body: false,
            nulls: false,
            seed: 0,
        }
    }
}

/// The faults with what they need to decide: the seeded generator and a request count.
/// Behind a lock so a running sandbox can be given other faults (tests break it, then
/// mend it, and check the client recovers).
pub struct Injector {
    state: Mutex<Active>,
}

struct Active {
    faults: Faults,
    rng: fastrand::Rng,
    count: u64,
}

/// What happens to one request that passed authentication and the quota.
pub enum Decision {
    /// Answer this instead of serving the request.
    Refuse(Response),
    /// Serve it, then spoil the answer as `Spoil` says.
    Serve(Spoil),
}

/// How a successful answer is spoiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Spoil {
    malformed: bool,
    nulls: bool,
    stall: Duration,
    drop: bool,
}

const GATEWAY_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
    <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

impl Injector {
    pub fn new(faults: Faults) -> Self {
        Injector {
            state: Mutex::new(Active::new(faults)),
        }
    }

    /// Replaces the faults; the generator and the request count start over, so what
    /// follows is as repeatable as a sandbox started with `faults`.
    pub fn set(&self, faults: Faults) {
        *self.lock() = Active::new(faults);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Active> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether requests about ghost `id` are to fail: also when it is one item of a
    /// bulk request, whose path does not name it.
    pub fn fails(&self, id: Id) -> bool {
        self.lock().faults.fail_ghost_ids.contains(&id)
    }

    pub fn latency(&self) -> Duration {
        self.lock().faults.latency
    }

    /// Decides the fate of the next request, about `path`.
    pub fn decide(&self, path: &str) -> Decision {
        self.lock().decide(path)
    }
}

impl Active {
    fn new(faults: Faults) -> Self {
        Active {
            rng: fastrand::Rng::with_seed(faults.seed),
            count: 0,
            faults,
        }
    }

    fn decide(&mut self, path: &str) -> Decision {
        self.count += 1;
        let n = self.count;
        let faults = &self.faults;
        if let Some(id) = ghost_in(path).filter(|id| faults.fail_ghost_ids.contains(id)) {
            let failure = ApiFailure::internal(format!("injected failure for ghost {id}"));
            return Decision::Refuse(failure.into_response());
        }
        if faults.burst_429 > 0 && n % u64::from(faults.burst_429) == 0 {
            return Decision::Refuse(too_many(faults.retry_after));
        }
        if chance(&mut self.rng, faults.fail_rate) {
            let page = (
                StatusCode::BAD_GATEWAY,
                [(header::CONTENT_TYPE, "text/html")],
                GATEWAY_PAGE,
            );
            return Decision::Refuse(page.into_response());
        }
        let (nulls, stall, drop) = (faults.nulls, faults.stall, faults.drop_mid_body);
        Decision::Serve(Spoil {
            malformed: chance(&mut self.rng, self.faults.malformed_rate),
            nulls,
            stall,
            drop,
        })
    }
}

/// True with probability `p`; draws nothing when the fault is off, so turning one fault
/// on does not change which requests another one hits.
fn chance(rng: &mut fastrand::Rng, p: f64) -> bool {
    p > 0.0 && rng.f64() < p
}

impl Spoil {
    /// Applies the spoiling to a successful answer; errors and no-content answers pass.
    pub async fn apply(self, response: Response) -> Response {
        if self == Spoil::default() || !response.status().is_success() {
            return response;
        }
        let (mut parts, body) = response.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        if bytes.is_empty() {
            return Response::from_parts(parts, Body::empty());
        }
        let bytes = if self.malformed {
            // Cut mid-way and closed with junk: valid UTF-8, invalid JSON.
            let mut broken = bytes[..bytes.len() / 2].to_vec();
            broken.extend_from_slice(b"<<not json");
            Bytes::from(broken)
        } else if self.nulls {
            match serde_json::from_slice::<Value>(&bytes) {
                Ok(mut value) => {
                    null_lists(&mut value);
                    Bytes::from(value.to_string())
                }
                Err(_) => bytes,
            }
        } else {
            bytes
        };
        // The length changes (or is streamed); hyper works it out again.
        parts.headers.remove(header::CONTENT_LENGTH);
        let body = if self.drop {
            cut_off(bytes)
        } else if self.stall.is_zero() {
            Body::from(bytes)
        } else {
            stalled(bytes, self.stall)
        };
        Response::from_parts(parts, body)
    }
}

/// Half the body now, the rest after `stall`.
fn stalled(bytes: Bytes, stall: Duration) -> Body {
    let first = bytes.slice(..bytes.len() / 2);
    let rest = bytes.slice(bytes.len() / 2..);
    let head = futures::stream::once(async move { Ok::<_, std::io::Error>(first) });
    let tail = futures::stream::once(async move {
        tokio::time::sleep(stall).await;
        Ok(rest)
    });
    Body::from_stream(futures::StreamExt::chain(head, tail))
}

/// Half the body, then an error: hyper gives up on the answer and closes the
/// connection, so the client sees it break off.
fn cut_off(bytes: Bytes) -> Body {
    let first = bytes.slice(..bytes.len() / 2);
    let items = [
        Ok(first),
        Err(std::io::Error::other("connection dropped on purpose")),
    ];
    Body::from_stream(futures::stream::iter(items))
}

/// A ghost's assignment lists always become null, and so does any list that is empty
/// (a page past the end, a bare list with nothing in it): both are nulls the contract
/// says the client must read as empty lists. Full pages keep their ghosts, so the
/// demo app stays usable with `--nulls`.
fn null_lists(value: &mut Value) {
    match value {
        Value::Array(items) if items.is_empty() => *value = Value::Null,
        Value::Array(items) => items.iter_mut().for_each(null_lists),
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                let assignment = matches!(key.as_str(), "projects" | "tasks" | "team_ids");
                if assignment && item.is_array() {
                    *item = Value::Null;
                } else {
                    null_lists(item);
                }
            }
        }
        _ => {}
    }
}

fn too_many(retry_after: Duration) -> Response {
    let mut response = ApiFailure::new(
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_requests",
        "slow down",
    )
    .into_response();
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(retry_after.as_secs()),
    );
    response
}

/// The ghost id of `.../ghosts/{id}` and below.
fn ghost_in(path: &str) -> Option<Id> {
    let mut segments = path.split('/');
    segments.by_ref().find(|s| *s == "ghosts")?;
    segments.next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const WS: &str = "/api/organizations/1/workspaces/1";

    fn refused(injector: &Injector, path: &str) -> Option<StatusCode> {
        match injector.decide(path) {
            Decision::Refuse(response) => Some(response.status()),
            Decision::Serve(_) => None,
        }
    }

    #[test]
    fn fails_only_the_listed_ghost() {
        let injector = Injector::new(Faults {
            fail_ghost_ids: vec![7],
            ..Faults::default()
        });
        let failed = Some(StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(refused(&injector, &format!("{WS}/ghosts/7")), failed);
        assert_eq!(refused(&injector, &format!("{WS}/ghosts/7/embody")), failed);
        assert_eq!(refused(&injector, &format!("{WS}/ghosts/70")), None);
        assert_eq!(refused(&injector, &format!("{WS}/ghosts")), None);
        let quiet = Injector::new(Faults::default());
        assert_eq!(refused(&quiet, &format!("{WS}/ghosts/7")), None);
    }

    #[test]
    fn every_nth_request_is_429() {
        let injector = Injector::new(Faults {
            burst_429: 3,
            ..Faults::default()
        });
        let statuses: Vec<_> = (0..6).map(|_| refused(&injector, WS)).collect();
        let limited = Some(StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(statuses, [None, None, limited, None, None, limited]);
    }

    #[test]
    fn new_faults_apply_at_once_and_count_afresh() {
        let injector = Injector::new(Faults::default());
        assert_eq!(refused(&injector, WS), None);
        injector.set(Faults {
            burst_429: 2,
            ..Faults::default()
        });
        let limited = Some(StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(refused(&injector, WS), None, "the count starts over");
        assert_eq!(refused(&injector, WS), limited);
        injector.set(Faults::default());
        assert_eq!(refused(&injector, WS), None);
        assert_eq!(refused(&injector, WS), None);
    }

    #[test]
    fn random_failures_repeat_with_the_seed() {
        let run = |seed| {
            let injector = Injector::new(Faults {
                fail_rate: 0.5,
                seed,
                ..Faults::default()
            });
            (0..64)
                .map(|_| refused(&injector, WS).is_some())
                .collect::<Vec<_>>()
        };
        let first = run(7);
        assert_eq!(first, run(7));
        assert!(first.contains(&true) && first.contains(&false));
        assert_ne!(first, run(8));
    }

    #[test]
    fn nulls_replace_assignments_and_empty_lists() {
        let mut page = serde_json::json!({
            "data": [{"id": 1, "assigned": {"projects": [], "tasks": [{"id": 2}], "team_ids": [3]}}],
            "total": 1
        });
        null_lists(&mut page);
        assert_eq!(
            page,
            serde_json::json!({
                "data": [{"id": 1, "assigned": {"projects": null, "tasks": null, "team_ids": null}}],
                "total": 1
            })
        );
        let mut past_the_end = serde_json::json!({"data": [], "total": 1});
        null_lists(&mut past_the_end);
        assert!(past_the_end["data"].is_null());
        let mut bare = serde_json::json!([]);
        null_lists(&mut bare);
        assert!(bare.is_null());
    }
}
