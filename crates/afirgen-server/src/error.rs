//! Errors as JSON with one stable shape: `{"error": "not_found", "message": "…"}`.

use afirgen_core::auth::AuthError;
use afirgen_core::desk::DeskError;
use afirgen_core::report::{ErrorCode, ErrorReport};
use afirgen_core::store::StoreError;
use afirgen_core::EngineError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// The body of every error answer.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A stable code for programs: the core's [`ErrorCode`]s (`unauthorized`,
    /// `forbidden`, `not_found`, `invalid`, `rejected_file`, `busy`, `conflict`,
    /// `draft_changed`, `database_unavailable`, `incomplete`, `no_signing_key`,
    /// `internal`) and the server's own `rate_limited`, `too_many_streams`,
    /// `too_large` and `bad_request`.
    pub error: &'static str,
    /// What went wrong and what to do, for people.
    pub message: String,
    /// The draft fields at fault (`incomplete`: the items to fill in before finalising).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

/// An API error: status, a stable code for programs and a message for people.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    /// Seconds for `Retry-After` (429 and 503).
    retry_after: Option<u64>,
    /// Draft fields at fault.
    fields: Vec<String>,
}

impl ApiError {
    /// 400: the request cannot be used as sent.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 429 with `Retry-After`.
    pub fn too_many_requests(retry_after_secs: u64) -> Self {
        let secs = retry_after_secs.max(1);
        ApiError {
            retry_after: Some(secs),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                format!("too many requests; wait {secs} s and try again"),
            )
        }
    }

    /// 429 for too many open streams: says which limit, and to close some.
    pub fn too_many(message: impl Into<String>) -> Self {
        ApiError {
            retry_after: Some(5),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, "too_many_streams", message)
        }
    }

    /// 413: a body or file over its limit.
    pub fn too_large(message: impl Into<String>) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", message)
    }

    /// 500 for failures of the server itself.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            retry_after: None,
            fields: Vec::new(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(status = %self.status, message = %self.message, "request failed");
        }
        let body = ErrorBody {
            error: self.code,
            message: self.message,
            fields: self.fields,
        };
        let mut response = (self.status, Json(body)).into_response();
        let headers = response.headers_mut();
        if let Some(secs) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"afirgen\""),
            );
        }
        response
    }
}

impl From<ErrorReport> for ApiError {
    fn from(report: ErrorReport) -> Self {
        let status = match report.code {
            ErrorCode::Unauthorized | ErrorCode::SignInFailed => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::Invalid | ErrorCode::RejectedFile | ErrorCode::Incomplete => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ErrorCode::Conflict | ErrorCode::DraftChanged => StatusCode::CONFLICT,
            // No signing key is the station's set-up to fix, not the request's fault.
            ErrorCode::Busy | ErrorCode::DatabaseUnavailable | ErrorCode::NoSigningKey => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ErrorCode::Unreachable => StatusCode::BAD_GATEWAY,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError {
            retry_after: report.retry_after_secs,
            fields: report.fields,
            ..ApiError::new(status, report.code.as_str(), report.message)
        }
    }
}

/// The core's errors, classified by the core ([`ErrorReport`]).
macro_rules! from_core {
    ($($error:ty),*) => {$(
        impl From<$error> for ApiError {
            fn from(err: $error) -> Self {
                ErrorReport::from(err).into()
            }
        }
    )*};
}
from_core!(StoreError, EngineError, DeskError, AuthError);
