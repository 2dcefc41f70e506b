//! The sandbox with 100,000 ghosts under load from a generator in the same process:
//! list (both orders), search and filter latency (p50, p99) and requests per second,
//! loopback only; then a list right after a write.
//! Goal: p99 under 10 ms. `cargo bench --bench sandbox`.
//!
//! Bounded in count and time: each run sends at most `REQUESTS` requests per kind and
//! concurrency, and stops after `MAX_TIME` whatever it has done.

#[path = "common/stats.rs"]
mod stats;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ghosts::api::{Client, GhostFilter, GhostPatch, ListQuery};
use ghosts::sandbox::{DEMO_API_KEY, SandboxOptions};
use stats::Summary;
use time::macros::datetime;

/// `GHOSTS_BENCH_GHOSTS=1000` compares a small workspace: what grows with size.
fn ghosts() -> usize {
    std::env::var("GHOSTS_BENCH_GHOSTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}
const REQUESTS: usize = 1_000;
const MAX_TIME: Duration = Duration::from_secs(20);
/// One caller (latency as a user meets it) and a few (throughput on 2 cores).
const CONCURRENCY: [usize; 2] = [1, 4];

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"));
    runtime.block_on(run());
}

async fn run() {
    let ghosts = ghosts();
    let seeding = Instant::now();
    let sandbox = ghosts::sandbox::start(SandboxOptions {
        ghosts,
        seed: 42,
        now: datetime!(2026-12-01 12:00:00 UTC),
        quota_per_hour: u32::MAX,
        ..SandboxOptions::default()
    })
    .await
    .unwrap_or_else(|e| panic!("sandbox: {e}"));
    println!(
        "sandbox of {ghosts} ghosts seeded in {:?}",
        seeding.elapsed()
    );
    let client = Client::new(sandbox.client_config()).unwrap_or_else(|e| panic!("client: {e}"));
    let projects = client
        .all_projects()
        .await
        .unwrap_or_else(|e| panic!("projects: {e}"))
        .data;
    let list = format!("{}/organizations/1/workspaces/1/ghosts", sandbox.base_url());
    let pages = ghosts.div_ceil(100);
    let words = ["designer", "engineer", "manager", "ops", "東京", "a", "zzz"];

    let kinds: [(&str, Vec<String>); 5] = [
        // What the app asks most: the first page (no offset to skip).
        ("page 1", vec![format!("{list}?rows=100&page=1"); REQUESTS]),
        (
            "list",
            (0..REQUESTS)
                .map(|i| format!("{list}?rows=100&page={}", 1 + i * 7919 % pages))
                .collect(),
        ),
        // The other order is walked from the ascending index, not kept beside it.
        (
            "z→a",
            (0..REQUESTS)
                .map(|i| {
                    format!(
                        "{list}?rows=100&order_by=name%2Cdesc&page={}",
                        1 + i * 7919 % pages
                    )
                })
                .collect(),
        ),
        (
            "search",
            (0..REQUESTS)
                .map(|i| format!("{list}?rows=100&search={}", words[i % words.len()]))
                .collect(),
        ),
        (
            "filter",
            (0..REQUESTS)
                .map(|i| {
                    let project = &projects[i % projects.len().max(1)];
                    format!(
                        "{list}?rows=100&include_embodied=true&project_ids={}&page={}",
                        project.id,
                        1 + i % 3
                    )
                })
                .collect(),
        ),
    ];
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    for (kind, urls) in &kinds {
        for concurrency in CONCURRENCY {
            let (samples, failures, elapsed) = load(&http, urls, concurrency).await;
            let rate = samples.len() as f64 / elapsed.as_secs_f64();
            println!(
                "{kind:>6} x{concurrency}: {}, {rate:.0} req/s, {failures} failed",
                Summary::of(samples)
            );
        }
    }
    after_a_write(&client, &http, &kinds[0].1[0]).await;
    sandbox.shutdown().await;
}

/// How many renames `after_a_write` times a list after.
const WRITES: usize = 100;

/// What a write costs the next list: the write updates the in-memory list index
/// (it used to make the next list rebuild it from SQLite). A rename (untimed), then
/// page 1 (timed), `WRITES` times.
async fn after_a_write(client: &Client, http: &reqwest::Client, page_one: &str) {
    let query = ListQuery {
        filter: GhostFilter::default(),
        page: 1,
        rows: 1,
    };
    let page = client.list_ghosts(&query).await;
    let page = page.unwrap_or_else(|e| panic!("list: {e}")).data;
    let Some(id) = page.data.first().map(|g| g.id) else {
        return println!("after a write: no ghost to rename");
    };
    let mut samples = Vec::new();
    for i in 0..WRITES {
        let patch = GhostPatch {
            name: Some(format!("Renamed ghost {i}")),
            ..GhostPatch::default()
        };
        let renamed = client.update_ghost(id, &patch).await;
        renamed.unwrap_or_else(|e| panic!("rename: {e}"));
        let sent = Instant::now();
        let answer = http.get(page_one).bearer_auth(DEMO_API_KEY).send().await;
        let body = match answer {
            Ok(response) => response.bytes().await.ok(),
            Err(_) => None,
        };
        if body.is_some() {
            samples.push(sent.elapsed());
        }
    }
    println!("page 1 after a write x1: {}", Summary::of(samples));
}

/// Sends `urls` from `concurrency` workers; returns each success's latency, the number
/// of failures, and the wall time.
async fn load(
    http: &reqwest::Client,
    urls: &[String],
    concurrency: usize,
) -> (Vec<Duration>, usize, Duration) {
    let urls = Arc::new(urls.to_vec());
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (http, urls, next) = (http.clone(), urls.clone(), next.clone());
            tokio::spawn(async move {
                let (mut ok, mut failed) = (Vec::new(), 0);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= urls.len() || started.elapsed() > MAX_TIME {
                        return (ok, failed);
                    }
                    let sent = Instant::now();
                    let answer = http.get(&urls[i]).bearer_auth(DEMO_API_KEY).send().await;
                    match answer {
                        // The whole body: a client waits for all of it.
                        Ok(response) if response.status().is_success() => {
                            match response.bytes().await {
                                Ok(_) => ok.push(sent.elapsed()),
                                Err(_) => failed += 1,
                            }
                        }
                        _ => failed += 1,
                    }
                }
            })
        })
        .collect();
    let mut samples = Vec::new();
    let mut failures = 0;
    for worker in workers {
        let (ok, failed) = worker.await.unwrap_or_else(|e| panic!("worker: {e}"));
        samples.extend(ok);
        failures += failed;
    }
    (samples, failures, started.elapsed())
}
