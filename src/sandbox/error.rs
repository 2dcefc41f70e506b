//! Every refusal the sandbox gives, in the contract's error shape:
//! `{"error", "error_description", "error_values"?, "trace_id"}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::api::ErrorBody;

/// A failed request: turned into a JSON error answer.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiFailure {
    pub status: StatusCode,
    pub code: &'static str,
    pub description: String,
    pub values: Option<Value>,
}

impl ApiFailure {
    pub fn new(status: StatusCode, code: &'static str, description: impl Into<String>) -> Self {
        ApiFailure {
            status,
            code,
            description: description.into(),
            values: None,
        }
    }

    /// A 400 about one named field.
    pub fn invalid(field: &str, description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "validation", description)
            .with_values(json!({ "field": field }))
    }

    /// A 400 about the request as a whole.
    pub fn bad_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "validation", description)
    }

    pub fn not_found(description: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", description)
    }

    pub fn ghost_not_found(id: i64) -> Self {
        Self::not_found(format!("there is no ghost {id} in this workspace"))
    }

    pub fn internal(description: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", description)
    }

    pub fn with_values(mut self, values: Value) -> Self {
        self.values = Some(values);
        self
    }

    /// Adds `key: value` to `error_values` (making it an object if it was not one).
    pub fn with_value(mut self, key: &str, value: impl Into<Value>) -> Self {
        let mut map = match self.values.take() {
            Some(Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        map.insert(key.to_string(), value.into());
        self.values = Some(Value::Object(map));
        self
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: self.code.to_string(),
            error_description: Some(self.description.clone()),
            error_values: self.values.clone(),
            trace_id: Some(trace_id()),
        }
    }
}

impl From<rusqlite::Error> for ApiFailure {
    fn from(err: rusqlite::Error) -> Self {
        tracing::error!(error = %err, "sandbox storage failed");
        ApiFailure::internal("the sandbox's storage failed")
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body())).into_response()
    }
}

/// What a support person would quote; random, as the live service's are.
fn trace_id() -> String {
    format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..))
}

/// A handler's result: a JSON answer or a refusal.
pub type ApiResult<T> = Result<T, ApiFailure>;
