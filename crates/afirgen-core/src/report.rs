//! Errors as every desk hands them to the UI: a stable code (for programs, and for the
//! UI to say it in the officer's language) and the message (what went wrong and what to
//! do). The station server adds the HTTP status; the desktop sends the report as is.
//! The codes are the core's, so both adapters classify the same error the same way.

use crate::auth::AuthError;
use crate::config::ConfigError;
use crate::desk::DeskError;
use crate::engine::EngineError;
use crate::signing::KeyError;
use crate::station::StationError;
use crate::store::StoreError;
use serde::Serialize;

/// What kind of failure, in words a program can branch on. Stable: the UI and API
/// clients key on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No key or session, or one that is not valid here.
    Unauthorized,
    /// Signed in, but the role may not do this (only an SHO finalises).
    Forbidden,
    /// A wrong user name or password, or a name paused after too many wrong ones.
    SignInFailed,
    /// The case, job, record or user does not exist here.
    NotFound,
    /// The request cannot be used: say what to change.
    Invalid,
    /// An uploaded file was refused (its content, size or length).
    RejectedFile,
    /// The queue is full; nothing was saved; try again later.
    Busy,
    /// Someone else changed it first, or it is in a state that does not allow this.
    Conflict,
    /// The draft changed since the officer loaded it.
    DraftChanged,
    /// The database is not answering; nothing was changed.
    DatabaseUnavailable,
    /// A server this needs (the station server a desk works on) does not answer, or
    /// does not answer as one.
    Unreachable,
    /// The draft lacks items finalisation needs.
    Incomplete,
    /// This desk or server holds no station key, so it cannot seal.
    NoSigningKey,
    /// A failure of the program or the machine (a file it could not write, a bug).
    Internal,
}

impl ErrorCode {
    /// The code as it appears on the wire (`"not_found"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::SignInFailed => "sign_in_failed",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Invalid => "invalid",
            ErrorCode::RejectedFile => "rejected_file",
            ErrorCode::Busy => "busy",
            ErrorCode::Conflict => "conflict",
            ErrorCode::DraftChanged => "draft_changed",
            ErrorCode::DatabaseUnavailable => "database_unavailable",
            ErrorCode::Unreachable => "unreachable",
            ErrorCode::Incomplete => "incomplete",
            ErrorCode::NoSigningKey => "no_signing_key",
            ErrorCode::Internal => "internal",
        }
    }
}

/// An error as the UI receives it. Serialised as `{"error": code, "message": …,
/// "fields": […]}`, the station server's error body, so the UI reads one shape from
/// either transport.
#[derive(Debug, Clone, Serialize, thiserror::Error, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[error("{message}")]
pub struct ErrorReport {
    /// The stable code.
    #[serde(rename = "error")]
    pub code: ErrorCode,
    /// For people: what went wrong and what to do.
    pub message: String,
    /// The draft fields at fault (`incomplete`: the items to fill in).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// Seconds after which trying again makes sense (`busy`, `database_unavailable`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
}

/// When the database is not answering: a restart takes seconds.
const DATABASE_RETRY_AFTER_SECS: u64 = 5;

impl ErrorReport {
    /// A report with no fields and no retry hint.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ErrorReport {
        ErrorReport {
            code,
            message: message.into(),
            fields: Vec::new(),
            retry_after_secs: None,
        }
    }
}

impl From<StoreError> for ErrorReport {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound { .. } => ErrorReport::new(ErrorCode::NotFound, err.to_string()),
            StoreError::Conflict(_) | StoreError::ClaimLost { .. } => {
                ErrorReport::new(ErrorCode::Conflict, err.to_string())
            }
            StoreError::DraftChanged { .. } => {
                ErrorReport::new(ErrorCode::DraftChanged, err.to_string())
            }
            _ if err.is_unavailable() => ErrorReport {
                retry_after_secs: Some(DATABASE_RETRY_AFTER_SECS),
                ..ErrorReport::new(
                    ErrorCode::DatabaseUnavailable,
                    format!(
                        "the station database is not answering ({err}); nothing was changed. \
                         Try again in a few seconds; if it lasts, check that the database server is running"
                    ),
                )
            },
            _ => ErrorReport::new(ErrorCode::Internal, err.to_string()),
        }
    }
}

impl From<AuthError> for ErrorReport {
    fn from(err: AuthError) -> Self {
        let code = match err {
            AuthError::Missing
            | AuthError::Invalid
            | AuthError::Revoked(_)
            | AuthError::OtherStation { .. }
            | AuthError::SignedOut
            | AuthError::Idle { .. } => ErrorCode::Unauthorized,
            AuthError::BadCredentials => ErrorCode::SignInFailed,
            AuthError::Forbidden { .. } => ErrorCode::Forbidden,
            AuthError::NoSuchUser(_) => ErrorCode::NotFound,
            AuthError::HasUsers => ErrorCode::Conflict,
            AuthError::BadRole(_) | AuthError::BadName(_) | AuthError::WeakPassword { .. } => {
                ErrorCode::Invalid
            }
            AuthError::Store(err) => return err.into(),
            AuthError::Random(_) => ErrorCode::Internal,
        };
        ErrorReport::new(code, err.to_string())
    }
}

impl From<EngineError> for ErrorReport {
    fn from(err: EngineError) -> Self {
        match err {
            EngineError::Store(err) => err.into(),
            EngineError::Forbidden(err) => err.into(),
            EngineError::Invalid(message) => ErrorReport::new(ErrorCode::Invalid, message),
            EngineError::Busy {
                retry_after_secs, ..
            } => ErrorReport {
                retry_after_secs: Some(retry_after_secs),
                ..ErrorReport::new(ErrorCode::Busy, err.to_string())
            },
            EngineError::Incomplete(ref missing) => ErrorReport {
                fields: missing.iter().map(|m| m.path.to_owned()).collect(),
                ..ErrorReport::new(ErrorCode::Incomplete, err.to_string())
            },
            // No station key here: the station's set-up to fix, not the request's fault.
            EngineError::Key(KeyError::NoKey { .. }) => {
                ErrorReport::new(ErrorCode::NoSigningKey, err.to_string())
            }
            other => ErrorReport::new(ErrorCode::Internal, other.to_string()),
        }
    }
}

impl From<DeskError> for ErrorReport {
    fn from(err: DeskError) -> Self {
        match err {
            DeskError::Engine(err) => err.into(),
            DeskError::Rejected(rejection) => {
                ErrorReport::new(ErrorCode::RejectedFile, rejection.to_string())
            }
            DeskError::Invalid(message) => ErrorReport::new(ErrorCode::Invalid, message),
            DeskError::NotFound(message) => ErrorReport::new(ErrorCode::NotFound, message),
            other => ErrorReport::new(ErrorCode::Internal, other.to_string()),
        }
    }
}

impl From<ConfigError> for ErrorReport {
    fn from(err: ConfigError) -> Self {
        let code = match err {
            ConfigError::Invalid { .. } | ConfigError::Parse { .. } => ErrorCode::Invalid,
            _ => ErrorCode::Internal,
        };
        ErrorReport::new(code, err.to_string())
    }
}

impl From<crate::models::registry::RegistryError> for ErrorReport {
    fn from(err: crate::models::registry::RegistryError) -> Self {
        use crate::models::registry::RegistryError as E;
        match err {
            E::Config(err) => err.into(),
            E::Unknown(_) => ErrorReport::new(ErrorCode::NotFound, err.to_string()),
            E::File { .. } => ErrorReport::new(ErrorCode::Internal, err.to_string()),
            E::NotAModel { .. }
            | E::RoleNotRegistrable(_)
            | E::BadName(_)
            | E::Changed { .. }
            | E::NoModelArgument { .. } => ErrorReport::new(ErrorCode::Invalid, err.to_string()),
        }
    }
}

impl From<StationError> for ErrorReport {
    fn from(err: StationError) -> Self {
        let code = match err {
            StationError::BadUrl { .. }
            | StationError::MissingKey
            | StationError::BadKey { .. } => ErrorCode::Invalid,
            StationError::KeyRefused { .. } => ErrorCode::Unauthorized,
            StationError::Unreachable { .. } | StationError::Unexpected { .. } => {
                ErrorCode::Unreachable
            }
        };
        ErrorReport::new(code, err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_reads_as_the_servers_error_body() {
        let report: ErrorReport = EngineError::Busy {
            queued: 10,
            limit: 10,
            retry_after_secs: 7,
        }
        .into();
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["error"], "busy");
        assert_eq!(json["retry_after_secs"], 7);
        assert!(json["message"].as_str().unwrap().contains("queue is full"));
        assert!(json.get("fields").is_none());
        // The wire name and as_str agree for every code.
        for code in [
            ErrorCode::Unauthorized,
            ErrorCode::Forbidden,
            ErrorCode::NotFound,
            ErrorCode::Invalid,
            ErrorCode::RejectedFile,
            ErrorCode::Busy,
            ErrorCode::Conflict,
            ErrorCode::DraftChanged,
            ErrorCode::DatabaseUnavailable,
            ErrorCode::Unreachable,
            ErrorCode::Incomplete,
            ErrorCode::NoSigningKey,
            ErrorCode::Internal,
        ] {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }

    #[test]
    fn a_desk_error_keeps_the_engines_code() {
        let report: ErrorReport =
            DeskError::Engine(EngineError::Invalid("type the statement".into())).into();
        assert_eq!(report.code, ErrorCode::Invalid);
        assert_eq!(report.message, "type the statement");
        let report: ErrorReport = DeskError::NotFound("no case 9".into()).into();
        assert_eq!(report.code, ErrorCode::NotFound);
    }
}
