//! The typed client: one async method per endpoint of the contract.

use std::fmt;
use std::sync::{Arc, Once};
use std::time::{Duration, Instant, SystemTime};

use base64::Engine;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::{ApiError, StatusError, excerpt};
use super::models::*;
use super::quota::{Quota, retry_after};
use super::redact::Redactor;
use super::retry::{resend_delay, retry_delay};

/// The live service's base URL.
pub const DEFAULT_BASE_URL: &str = "https://focus.toggl.com/api";

/// A secret that never shows itself in `Debug` or `Display`, so it cannot reach a log
/// line, the screen or a panic message by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    /// The secret itself; call only where it is put on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// How requests are signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer toggl_sk_...`, what the live service accepts.
    ApiKey(Secret),
    /// `Authorization: Basic base64(email:password)`.
    Basic { email: String, password: Secret },
}

impl Auth {
    fn header_value(&self) -> Result<HeaderValue, ApiError> {
        let text = match self {
            Auth::ApiKey(key) => format!("Bearer {}", key.expose().trim()),
            Auth::Basic { email, password } => {
                let pair = format!("{email}:{}", password.expose());
                format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                )
            }
        };
        let mut value = HeaderValue::from_str(&text).map_err(|_| {
            ApiError::Config(
                "the credentials contain characters that cannot be sent in a header".into(),
            )
        })?;
        value.set_sensitive(true);
        Ok(value)
    }
}

/// Where and how to talk to the API.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Up to and including `/api`, e.g. `https://focus.toggl.com/api`.
    pub base_url: String,
    pub organization_id: Id,
    pub workspace_id: Id,
    pub auth: Auth,
    /// The whole request, from sending to the last byte of the answer.
    pub request_timeout: Duration,
    pub connect_timeout: Duration,
    /// How many times a read (GET) is tried again after a network error or a 5xx.
    /// Writes are never retried here: the user decides.
    pub read_retries: u32,
}

impl ClientConfig {
    pub fn new(
        base_url: impl Into<String>,
        organization_id: Id,
        workspace_id: Id,
        auth: Auth,
    ) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            organization_id,
            workspace_id,
            auth,
            request_timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(5),
            read_retries: 2,
        }
    }
}

/// A successful answer with the quota it reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply<T> {
    pub data: T,
    pub quota: Quota,
}

impl<T> Reply<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Reply<U> {
        Reply {
            data: f(self.data),
            quota: self.quota,
        }
    }
}

/// Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Clone)]
struct Inner {
    http: reqwest::Client,
    /// Base URL without a trailing slash.
    base: String,
    organization_id: Id,
    workspace_id: Id,
    auth: HeaderValue,
    redactor: Redactor,
    request_timeout: Duration,
    read_retries: u32,
    observer: Option<CallObserver>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.inner.base)
            .field("organization_id", &self.inner.organization_id)
            .field("workspace_id", &self.inner.workspace_id)
            .finish_non_exhaustive()
    }
}

/// One HTTP exchange, for the request log: never headers or bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// Method, path and query, the workspace's path shortened to `~`
    /// ("GET ~/ghosts?page=2&rows=100").
    pub request: String,
    /// "ok", the status ("402") or what went wrong ("timeout").
    pub outcome: String,
    pub duration: Duration,
    pub quota: Quota,
    pub trace_id: Option<String>,
}

/// Told of every HTTP exchange, retries and each page of a look-up included.
pub type CallObserver = Arc<dyn Fn(Call) + Send + Sync>;

/// An exchange's record on its way to the observer: told when dropped, so exactly
/// once, whether the answer was decoded or not.
struct Logged {
    observer: CallObserver,
    call: Call,
}

impl Drop for Logged {
    fn drop(&mut self) {
        (self.observer)(self.call.clone());
    }
}

/// One answer body before decoding.
struct RawAnswer {
    status: StatusCode,
    quota: Quota,
    body: Vec<u8>,
    /// For a decode error, which quotes the start of the body.
    redactor: Redactor,
    /// The exchange's record, told to the observer once the body has been read.
    logged: Option<Logged>,
}

impl RawAnswer {
    /// The body could not be read: the record says so rather than "ok".
    fn unreadable(mut self, err: ApiError) -> ApiError {
        if let Some(logged) = &mut self.logged {
            logged.call.outcome = err.outcome();
        }
        err
    }
}

const PAGE_SIZE_LOOKUPS: u32 = 100;

impl Client {
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        install_crypto_provider();
        let base = config.base_url.trim().trim_end_matches('/').to_string();
        let parsed = reqwest::Url::parse(&base)
            .map_err(|e| ApiError::Config(format!("the base URL {base:?} is not a URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(ApiError::Config(format!(
                "the base URL {base:?} must start with https://"
            )));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(ApiError::Config(
                "the base URL must not carry a user name or password; give credentials separately"
                    .into(),
            ));
        }
        // TLS: with no extra root certificates given, reqwest 0.13's rustls backend checks
        // certificates with `rustls_platform_verifier::Verifier` (async_impl/client.rs,
        // `build`), i.e. the operating system's trust store and its corporate CAs.
        // Proxies: `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` and `NO_PROXY` are read because
        // the `system-proxy` feature is on and neither `.proxy()` nor `.no_proxy()` is
        // called here (either would turn `auto_sys_proxy` off); keep it that way.
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .user_agent(concat!("ghosts/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::Config(format!("cannot set up HTTP: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                organization_id: config.organization_id,
                workspace_id: config.workspace_id,
                auth: config.auth.header_value()?,
                redactor: Redactor::new(&config.auth),
                request_timeout: config.request_timeout,
                read_retries: config.read_retries,
                observer: None,
            }),
        })
    }

    /// The same client, telling `observer` of every HTTP exchange.
    pub fn observed(&self, observer: CallObserver) -> Client {
        let mut inner = (*self.inner).clone();
        inner.observer = Some(observer);
        Client {
            inner: Arc::new(inner),
        }
    }

    /// How one exchange went, for the observer, if there is one.
    fn logged(
        &self,
        method: &Method,
        path: &str,
        query: &[(&str, String)],
        started: Instant,
        outcome: Result<Quota, &ApiError>,
    ) -> Option<Logged> {
        let observer = self.inner.observer.clone()?;
        let workspace = self.ws_path("");
        let path = match path.strip_prefix(&workspace) {
            Some(rest) => format!("~{rest}"),
            None => path.to_string(),
        };
        // Unencoded, for reading; queries hold no secrets.
        let pairs: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let query = if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        };
        let (outcome, quota, trace_id) = match outcome {
            Ok(quota) => ("ok".to_string(), quota, None),
            Err(err) => (
                err.outcome(),
                err.quota().unwrap_or_default(),
                err.trace_id().map(str::to_string),
            ),
        };
        Some(Logged {
            observer,
            call: Call {
                request: format!("{method} {path}{query}"),
                outcome,
                duration: started.elapsed(),
                quota,
                trace_id,
            },
        })
    }

    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    pub fn organization_id(&self) -> Id {
        self.inner.organization_id
    }

    pub fn workspace_id(&self) -> Id {
        self.inner.workspace_id
    }

    // ---- ghosts -------------------------------------------------------------------

    /// `GET ~/ghosts`.
    pub async fn list_ghosts(&self, query: &ListQuery) -> Result<Reply<GhostPage>, ApiError> {
        let answer = self
            .get(&self.ws_path("/ghosts"), &query.to_pairs())
            .await?;
        decode(answer)
    }

    /// `POST ~/ghosts`.
    pub async fn create_ghost(&self, ghost: &NewGhost) -> Result<Reply<Ghost>, ApiError> {
        let answer = self
            .write(Method::POST, &self.ws_path("/ghosts"), Some(ghost))
            .await?;
        if answer.body.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::Decode(
                "the ghost was created but the server did not send it back; reload to see it"
                    .into(),
            ));
        }
        decode(answer)
    }

    /// `POST ~/ghosts/bulk_create`: all or nothing, 1 to 100 items.
    pub async fn bulk_create(&self, ghosts: &[NewGhost]) -> Result<Reply<Vec<Ghost>>, ApiError> {
        let answer = self
            .write(
                Method::POST,
                &self.ws_path("/ghosts/bulk_create"),
                Some(ghosts),
            )
            .await?;
        if answer.body.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::Decode(
                "the ghosts were created but the server did not send them back; reload to see them"
                    .into(),
            ));
        }
        decode_list(answer)
    }

    /// `PATCH ~/ghosts/bulk_update`: all or nothing, 1 to 100 items, each with its id.
    pub async fn bulk_update(&self, patches: &[GhostPatch]) -> Result<Reply<Vec<Ghost>>, ApiError> {
        let answer = self
            .write(
                Method::PATCH,
                &self.ws_path("/ghosts/bulk_update"),
                Some(patches),
            )
            .await?;
        if answer.body.iter().all(u8::is_ascii_whitespace) {
            // The contract allows an empty answer; read the ghosts back by id.
            let ids: Vec<Id> = patches.iter().filter_map(|p| p.id).collect();
            return self.reread(&ids).await;
        }
        decode_list(answer)
    }

    /// `GET ~/ghosts/{id}`.
    pub async fn get_ghost(&self, id: Id) -> Result<Reply<Ghost>, ApiError> {
        let answer = self
            .get(&self.ws_path(&format!("/ghosts/{id}")), &[])
            .await?;
        decode(answer)
    }

    /// `DELETE ~/ghosts/{id}`: a soft delete.
    pub async fn delete_ghost(&self, id: Id) -> Result<Reply<()>, ApiError> {
        let answer = self
            .write::<()>(
                Method::DELETE,
                &self.ws_path(&format!("/ghosts/{id}")),
                None,
            )
            .await?;
        Ok(Reply {
            data: (),
            quota: answer.quota,
        })
    }

    /// `PATCH ~/ghosts/{id}`. `assign_action` is always sent with any `assign_*` list,
    /// as the contract asks, so the server never has to guess.
    pub async fn update_ghost(&self, id: Id, patch: &GhostPatch) -> Result<Reply<Ghost>, ApiError> {
        let mut patch = patch.clone();
        if patch.has_assignments() && patch.assign_action.is_none() {
            patch.assign_action = Some(AssignAction::Replace);
        }
        let answer = self
            .write(
                Method::PATCH,
                &self.ws_path(&format!("/ghosts/{id}")),
                Some(&patch),
            )
            .await?;
        if answer.body.iter().all(u8::is_ascii_whitespace) {
            return self.get_ghost(id).await;
        }
        decode(answer)
    }

    /// `PATCH ~/ghosts/{id}/embody`.
    pub async fn embody_ghost(
        &self,
        id: Id,
        request: &EmbodyRequest,
    ) -> Result<Reply<Ghost>, ApiError> {
        let answer = self
            .write(
                Method::PATCH,
                &self.ws_path(&format!("/ghosts/{id}/embody")),
                Some(request),
            )
            .await?;
        if answer.body.iter().all(u8::is_ascii_whitespace) {
            return self.get_ghost(id).await;
        }
        decode(answer)
    }

    // ---- look-ups -----------------------------------------------------------------

    /// One page of `GET ~/projects`.
    pub async fn list_projects(&self, page: u32) -> Result<Reply<LookupPage<Project>>, ApiError> {
        let answer = self
            .get(&self.ws_path("/projects"), &lookup_pairs(page))
            .await?;
        decode(answer)
    }

    /// One page of `GET ~/tasks`, optionally of one project.
    pub async fn list_tasks(
        &self,
        page: u32,
        project_id: Option<Id>,
    ) -> Result<Reply<LookupPage<Task>>, ApiError> {
        let mut pairs = lookup_pairs(page);
        if let Some(project_id) = project_id {
            pairs.push(("project_id", project_id.to_string()));
        }
        let answer = self.get(&self.ws_path("/tasks"), &pairs).await?;
        decode(answer)
    }

    /// One page of `GET /organizations/{org}/teams?workspace_id=`.
    pub async fn list_teams(&self, page: u32) -> Result<Reply<LookupPage<Team>>, ApiError> {
        let mut pairs = vec![("workspace_id", self.inner.workspace_id.to_string())];
        pairs.extend(lookup_pairs(page));
        let answer = self.get(&self.org_path("/teams"), &pairs).await?;
        decode(answer)
    }

    /// One page of `GET /organizations/{org}/users` (a bare array).
    pub async fn list_members(&self, page: u32) -> Result<Reply<Vec<Member>>, ApiError> {
        let answer = self
            .get(&self.org_path("/users"), &lookup_pairs(page))
            .await?;
        decode_list(answer)
    }

    /// `GET /organizations/{org}/roles` (a bare array, not paged).
    pub async fn list_roles(&self) -> Result<Reply<Vec<Role>>, ApiError> {
        let answer = self.get(&self.org_path("/roles"), &[]).await?;
        decode_list(answer)
    }

    /// Every project, page after page.
    pub async fn all_projects(&self) -> Result<Reply<Vec<Project>>, ApiError> {
        collect_pages(|page| self.list_projects(page)).await
    }

    /// Every task, page after page.
    pub async fn all_tasks(&self) -> Result<Reply<Vec<Task>>, ApiError> {
        collect_pages(|page| self.list_tasks(page, None)).await
    }

    /// Every team, page after page.
    pub async fn all_teams(&self) -> Result<Reply<Vec<Team>>, ApiError> {
        collect_pages(|page| self.list_teams(page)).await
    }

    /// Every member: pages until one comes back short.
    pub async fn all_members(&self) -> Result<Reply<Vec<Member>>, ApiError> {
        let mut all = Vec::new();
        let mut quota = Quota::default();
        for page in 1.. {
            let reply = self.list_members(page).await?;
            quota = reply.quota;
            let count = reply.data.len();
            all.extend(reply.data);
            if count < PAGE_SIZE_LOOKUPS as usize {
                break;
            }
        }
        Ok(Reply { data: all, quota })
    }

    // ---- plumbing -----------------------------------------------------------------

    fn ws_path(&self, rest: &str) -> String {
        format!(
            "/organizations/{}/workspaces/{}{rest}",
            self.inner.organization_id, self.inner.workspace_id
        )
    }

    fn org_path(&self, rest: &str) -> String {
        format!("/organizations/{}{rest}", self.inner.organization_id)
    }

    async fn reread(&self, ids: &[Id]) -> Result<Reply<Vec<Ghost>>, ApiError> {
        let query = ListQuery {
            filter: GhostFilter {
                ghost_ids: ids.to_vec(),
                include_embodied: true,
                ..GhostFilter::default()
            },
            page: 1,
            rows: 100,
        };
        Ok(self.list_ghosts(&query).await?.map(|page| page.data))
    }

    /// A read, tried again after transient failures: with backoff, or after the
    /// `Retry-After` the server asked for when that is short.
    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<RawAnswer, ApiError> {
        self.send_retrying::<()>(Method::GET, path, query, None, retry_delay)
            .await
    }

    /// A write: sent once, unless the server declines it with a short 429 (it did
    /// nothing, so it is sent again after the wait, a few times). Whether to try again
    /// after any other failure is the user's call.
    async fn write<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<RawAnswer, ApiError> {
        self.send_retrying(method, path, &[], body, |err, _| resend_delay(err))
            .await
    }

    /// Sends, and sends again after the wait `delay` gives for a failure (and the
    /// attempt it would be), up to the configured number of retries.
    async fn send_retrying<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&B>,
        delay: impl Fn(&ApiError, u32) -> Option<Duration>,
    ) -> Result<RawAnswer, ApiError> {
        let mut attempt = 0;
        loop {
            match self.send(method.clone(), path, query, body).await {
                Err(err) if attempt < self.inner.read_retries => match delay(&err, attempt + 1) {
                    Some(wait) => {
                        attempt += 1;
                        tracing::debug!(
                            %method,
                            path,
                            attempt,
                            delay_ms = wait.as_millis() as u64,
                            "sending again"
                        );
                        tokio::time::sleep(wait).await;
                    }
                    None => return Err(err),
                },
                other => return other,
            }
        }
    }

    async fn send<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&B>,
    ) -> Result<RawAnswer, ApiError> {
        let url = format!("{}{path}", self.inner.base);
        let mut request = self
            .inner
            .http
            .request(method.clone(), &url)
            .header(AUTHORIZATION, self.inner.auth.clone());
        if !query.is_empty() {
            request = request.query(query);
        }
        if let Some(body) = body {
            let bytes = serde_json::to_vec(body)
                .map_err(|e| ApiError::Config(format!("cannot encode the request: {e}")))?;
            request = request.header(CONTENT_TYPE, "application/json").body(bytes);
        }
        let started = Instant::now();
        let answer = self.exchange(&method, path, request).await;
        let logged = self.logged(
            &method,
            path,
            query,
            started,
            answer.as_ref().map(|a| a.quota),
        );
        match answer {
            // Told when the body has been read, so an unreadable one says so.
            Ok(mut raw) => {
                raw.logged = logged;
                Ok(raw)
            }
            Err(err) => {
                drop(logged);
                Err(err)
            }
        }
    }

    /// Sends a built request and reads its answer, logging it.
    async fn exchange(
        &self,
        method: &Method,
        path: &str,
        request: reqwest::RequestBuilder,
    ) -> Result<RawAnswer, ApiError> {
        let started = Instant::now();
        let result = request.send().await;
        let response = match result {
            Ok(response) => response,
            Err(err) => {
                let err = self.transport_error(&err);
                tracing::warn!(%method, path, elapsed_ms = started.elapsed().as_millis() as u64, error = %err, "request failed");
                return Err(err);
            }
        };
        let status = response.status();
        let headers = response.headers().clone();
        let quota = Quota::from_headers(&headers);
        let body = response
            .bytes()
            .await
            .map_err(|e| self.transport_error(&e))?
            .to_vec();
        let elapsed_ms = started.elapsed().as_millis() as u64;
        if status.is_success() {
            tracing::info!(%method, path, status = status.as_u16(), elapsed_ms, quota_remaining = ?quota.remaining, "request");
            return Ok(RawAnswer {
                status,
                quota,
                body,
                redactor: self.inner.redactor.clone(),
                logged: None,
            });
        }
        let error_body = serde_json::from_slice::<ErrorBody>(&body)
            .ok()
            .filter(|b| !b.error.is_empty() || b.error_description.is_some());
        let raw_excerpt = if error_body.is_some() {
            String::new()
        } else {
            // Scrubbed before it is cut short, so no part of a secret survives the cut.
            excerpt(&self.inner.redactor.scrub(&String::from_utf8_lossy(&body)))
        };
        let error = self.inner.redactor.status_error(StatusError {
            status: status.as_u16(),
            body: error_body,
            raw_excerpt,
            quota,
            retry_after: retry_after(&headers, SystemTime::now()),
        });
        tracing::warn!(%method, path, status = status.as_u16(), elapsed_ms, trace_id = ?error.trace_id(), quota_remaining = ?quota.remaining, "request refused");
        Err(ApiError::Status(Box::new(error)))
    }

    fn transport_error(&self, err: &reqwest::Error) -> ApiError {
        if err.is_timeout() {
            ApiError::Timeout(self.inner.request_timeout)
        } else if err.is_connect() {
            ApiError::Connect {
                host: host_of(&self.inner.base),
                detail: self.inner.redactor.scrub(&root_cause(err)),
            }
        } else if err.is_decode() || err.is_body() {
            let cause = self.inner.redactor.scrub(&root_cause(err));
            ApiError::Network(format!("the answer broke off: {cause}"))
        } else {
            ApiError::Network(self.inner.redactor.scrub(&root_cause(err)))
        }
    }
}

fn lookup_pairs(page: u32) -> Vec<(&'static str, String)> {
    vec![
        ("page", page.to_string()),
        ("per_page", PAGE_SIZE_LOOKUPS.to_string()),
    ]
}

async fn collect_pages<T, F, Fut>(fetch: F) -> Result<Reply<Vec<T>>, ApiError>
where
    F: Fn(u32) -> Fut,
    Fut: std::future::Future<Output = Result<Reply<LookupPage<T>>, ApiError>>,
{
    let mut all = Vec::new();
    let mut quota = Quota::default();
    // A bound keeps a server that never says "done" from looping us forever.
    for page in 1..=1000 {
        let reply = fetch(page).await?;
        quota = reply.quota;
        let count = reply.data.data.len();
        all.extend(reply.data.data);
        if count == 0 || all.len() as u64 >= reply.data.total {
            break;
        }
    }
    Ok(Reply { data: all, quota })
}

fn decode<T: DeserializeOwned>(answer: RawAnswer) -> Result<Reply<T>, ApiError> {
    parse(&answer).map_err(|err| answer.unreadable(err))
}

fn decode_list<T: DeserializeOwned>(answer: RawAnswer) -> Result<Reply<Vec<T>>, ApiError> {
    parse_list(&answer).map_err(|err| answer.unreadable(err))
}

fn parse<T: DeserializeOwned>(answer: &RawAnswer) -> Result<Reply<T>, ApiError> {
    match serde_json::from_slice(&answer.body) {
        Ok(data) => Ok(Reply {
            data,
            quota: answer.quota,
        }),
        Err(err) => Err(decode_error(answer, &err)),
    }
}

/// A list answer: a bare array, or one wrapped in `items` or `data`. Items that do not
/// decode are dropped rather than losing the whole list.
fn parse_list<T: DeserializeOwned>(answer: &RawAnswer) -> Result<Reply<Vec<T>>, ApiError> {
    let value: serde_json::Value =
        serde_json::from_slice(&answer.body).map_err(|err| decode_error(answer, &err))?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        serde_json::Value::Object(mut object) => {
            match object.remove("items").or_else(|| object.remove("data")) {
                Some(serde_json::Value::Array(items)) => items,
                Some(serde_json::Value::Null) => Vec::new(),
                _ => return Err(ApiError::Decode("expected a list of items".into())),
            }
        }
        serde_json::Value::Null => Vec::new(),
        _ => return Err(ApiError::Decode("expected a list of items".into())),
    };
    let (data, skipped) = decode_each(items);
    if skipped > 0 {
        tracing::warn!(skipped, "dropped list items that could not be read");
    }
    Ok(Reply {
        data,
        quota: answer.quota,
    })
}

fn decode_error(answer: &RawAnswer, err: &serde_json::Error) -> ApiError {
    let text = answer
        .redactor
        .scrub(&String::from_utf8_lossy(&answer.body));
    ApiError::Decode(format!(
        "{err} (status {}, body starts: {:?})",
        answer.status.as_u16(),
        excerpt(&text).chars().take(80).collect::<String>()
    ))
}

fn host_of(base: &str) -> String {
    reqwest::Url::parse(base)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| base.to_string())
}

/// The innermost cause, which is the one that says what actually happened
/// ("connection refused"), without the URL (which could carry user info).
fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(source) = current.source() {
        current = source;
    }
    let text = current.to_string();
    if text.is_empty() {
        "unknown error".into()
    } else {
        text
    }
}

/// reqwest is built without a default TLS crypto provider; install ring's once.
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // An error means another part of the process installed one first; that one serves.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let auth = Auth::Basic {
            email: "a@b.c".into(),
            password: Secret::new("hunter2"),
        };
        assert!(!format!("{auth:?}").contains("hunter2"));
        assert_eq!(Secret::new("toggl_sk_x").to_string(), "***");
    }

    #[test]
    fn basic_auth_is_base64_of_email_and_password() {
        let auth = Auth::Basic {
            email: "demo@example.com".into(),
            password: Secret::new("demo"),
        };
        let value = auth.header_value().unwrap();
        assert_eq!(
            value.to_str().unwrap(),
            "Basic ZGVtb0BleGFtcGxlLmNvbTpkZW1v"
        );
        assert!(value.is_sensitive());
    }

    #[test]
    fn base_url_with_userinfo_is_refused() {
        let config = ClientConfig::new(
            "https://me:pw@focus.toggl.com/api",
            1,
            1,
            Auth::ApiKey(Secret::new("k")),
        );
        let err = Client::new(config).unwrap_err();
        assert!(!err.to_string().contains("pw"));
    }
}
