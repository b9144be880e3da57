//! Multipart bodies: each file is streamed to an anonymous temporary file while its
//! size is counted, so an oversized upload is refused at the limit instead of being
//! held in memory; only a file within the limit is read back for checking.

use crate::error::ApiError;
use afirgen_core::config::InputConfig;
use afirgen_core::desk::{ReceivedCase, ReceivedFile};
use axum::extract::{FromRequest, Multipart, Request};
use std::io::{Read, Seek, Write};

/// Files one case may carry in a single `/process` request.
pub const MAX_FILES_PER_CASE: usize = 8;

/// Reads a multipart form, enforcing the per-file limit while the bytes arrive.
/// Parts: `text`, `language`, `urgent` and any number of `file`.
pub async fn read(request: Request, limits: &InputConfig) -> Result<ReceivedCase, ApiError> {
    let mut multipart = Multipart::from_request(request, &()).await.map_err(|e| {
        ApiError::bad_request(format!("expected a multipart form: {}", e.body_text()))
    })?;
    let mut form = ReceivedCase::default();
    // Text fields are bounded too: a statement at the limit, in 4-byte characters.
    let text_limit = limits.max_text_chars.saturating_mul(4);
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| ApiError::bad_request(format!("unreadable form: {}", e.body_text())))?
    {
        let field_name = field.name().unwrap_or_default().to_owned();
        match field_name.as_str() {
            "file" => {
                if form.files.len() >= MAX_FILES_PER_CASE {
                    return Err(ApiError::too_large(format!(
                        "at most {MAX_FILES_PER_CASE} files per case"
                    )));
                }
                let name = field.file_name().unwrap_or("file").to_owned();
                let mut spool = tempfile::tempfile()
                    .map_err(|e| ApiError::internal(format!("cannot spool an upload: {e}")))?;
                let mut size: u64 = 0;
                while let Some(chunk) = field.chunk().await.map_err(|e| body_error(&name, e))? {
                    size += chunk.len() as u64;
                    if size > limits.max_file_bytes {
                        // Read the rest (bounded by the request's body limit) so the client
                        // gets this answer instead of a connection closed mid-upload.
                        while let Ok(Some(_)) = field.chunk().await {}
                        while let Ok(Some(mut rest)) = multipart.next_field().await {
                            while let Ok(Some(_)) = rest.chunk().await {}
                        }
                        return Err(ApiError::too_large(format!(
                            "{name} is larger than the limit of {} MB per file; split the recording or scan at a lower resolution",
                            limits.max_file_bytes / 1_000_000
                        )));
                    }
                    spool
                        .write_all(&chunk)
                        .map_err(|e| ApiError::internal(format!("cannot spool an upload: {e}")))?;
                }
                let mut bytes = Vec::with_capacity(size as usize);
                spool
                    .rewind()
                    .and_then(|()| spool.read_to_end(&mut bytes))
                    .map_err(|e| {
                        ApiError::internal(format!("cannot read a spooled upload: {e}"))
                    })?;
                form.files.push(ReceivedFile { name, bytes });
            }
            "text" | "language" | "urgent" => {
                let mut value = Vec::new();
                while let Some(chunk) = field
                    .chunk()
                    .await
                    .map_err(|e| body_error(&field_name, e))?
                {
                    value.extend_from_slice(&chunk);
                    if value.len() > text_limit {
                        return Err(ApiError::too_large(format!(
                            "the {field_name} field is longer than {} characters",
                            limits.max_text_chars
                        )));
                    }
                }
                let value = String::from_utf8(value).map_err(|_| {
                    ApiError::bad_request(format!("the {field_name} field is not UTF-8 text"))
                })?;
                match field_name.as_str() {
                    "text" => form.text = Some(value),
                    "language" => form.language = Some(value.trim().to_owned()),
                    _ => form.urgent = matches!(value.trim(), "true" | "1" | "on" | "yes"),
                }
            }
            other => {
                return Err(ApiError::bad_request(format!(
                    "unknown form field {other:?}: expected text, language, urgent and file"
                )))
            }
        }
    }
    Ok(form)
}

/// A body that stopped: over the request's size limit (413), or cut off (400).
fn body_error(part: &str, err: axum::extract::multipart::MultipartError) -> ApiError {
    if err.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::too_large(format!(
            "{part}: the request is larger than the server accepts; send one file at a time"
        ))
    } else {
        ApiError::bad_request(format!("{part}: upload interrupted: {}", err.body_text()))
    }
}
