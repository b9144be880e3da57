//! Errors as JSON with one stable shape: `{"error": "not_found", "message": "…"}`.

use afirgen_core::auth::AuthError;
use afirgen_core::desk::DeskError;
use afirgen_core::store::StoreError;
use afirgen_core::EngineError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// The body of every error answer.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A stable code for programs: `unauthorized`, `forbidden`, `not_found`,
    /// `invalid`, `rejected_file`, `rate_limited`, `busy`, `too_large`, `bad_request`,
    /// `conflict`, `incomplete`, `internal`.
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

/// `Retry-After` when the database is not answering: a restart takes seconds.
const DATABASE_RETRY_AFTER_SECS: u64 = 5;

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound { .. } => ApiError::not_found(err.to_string()),
            StoreError::Conflict(_) | StoreError::ClaimLost { .. } => {
                ApiError::new(StatusCode::CONFLICT, "conflict", err.to_string())
            }
            StoreError::DraftChanged { .. } => {
                ApiError::new(StatusCode::CONFLICT, "draft_changed", err.to_string())
            }
            _ if err.is_unavailable() => ApiError {
                retry_after: Some(DATABASE_RETRY_AFTER_SECS),
                ..ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "database_unavailable",
                    format!(
                        "the station database is not answering ({err}); nothing was changed. \
                         Try again in a few seconds; if it lasts, check that the database server is running"
                    ),
                )
            },
            _ => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                err.to_string(),
            ),
        }
    }
}

impl From<EngineError> for ApiError {
    fn from(err: EngineError) -> Self {
        match err {
            EngineError::Store(err) => err.into(),
            EngineError::Invalid(message) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message)
            }
            EngineError::Busy {
                retry_after_secs, ..
            } => ApiError {
                retry_after: Some(retry_after_secs),
                ..ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "busy", err.to_string())
            },
            EngineError::Forbidden(err) => err.into(),
            EngineError::Incomplete(ref missing) => ApiError {
                fields: missing.iter().map(|m| m.path.to_owned()).collect(),
                ..ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "incomplete",
                    err.to_string(),
                )
            },
            // The server holds no signing key: it cannot seal, which is the station's
            // set-up to fix, not the request's fault.
            EngineError::Key(err @ afirgen_core::signing::KeyError::NoKey { .. }) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "no_signing_key",
                err.to_string(),
            ),
            other => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                other.to_string(),
            ),
        }
    }
}

impl From<DeskError> for ApiError {
    fn from(err: DeskError) -> Self {
        match err {
            DeskError::Engine(err) => err.into(),
            DeskError::Rejected(rejection) => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "rejected_file",
                rejection.to_string(),
            ),
            DeskError::Invalid(message) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message)
            }
            DeskError::NotFound(message) => ApiError::not_found(message),
            other => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                other.to_string(),
            ),
        }
    }
}

impl From<AuthError> for ApiError {
    fn from(err: AuthError) -> Self {
        match err {
            AuthError::Missing
            | AuthError::Invalid
            | AuthError::Revoked(_)
            | AuthError::OtherStation { .. } => {
                ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", err.to_string())
            }
            AuthError::Forbidden { .. } => {
                ApiError::new(StatusCode::FORBIDDEN, "forbidden", err.to_string())
            }
            AuthError::BadRole(_) | AuthError::BadName(_) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", err.to_string())
            }
            AuthError::Store(err) => err.into(),
            AuthError::Random(_) => ApiError::internal(err.to_string()),
        }
    }
}
