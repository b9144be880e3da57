//! The desktop app as a desk of a station server (docs/architecture.md, section 2): where the
//! server is, the key this desk signs in with, the check made before the window opens
//! the server's UI, and the script that hands the key to that origin alone.
//!
//! The desktop window then shows the server's own web UI, a remote origin with no
//! access to the app's commands, so a desk connected to a server can do exactly what
//! its user's key allows there and nothing on this computer.

use crate::auth::{self, User};
use reqwest::{StatusCode, Url};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long the check before opening the server's UI may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Why this desk cannot use its station server.
#[derive(Debug, thiserror::Error)]
pub enum StationError {
    /// The address is not one the app can use.
    #[error("the station server address {url:?} is not usable: {reason}")]
    BadUrl {
        /// What was given.
        url: String,
        /// What is wrong and what is expected.
        reason: &'static str,
    },
    /// A server address without a key.
    #[error("a station server needs your API key: ask the station's administrator for one (they issue it with `afirgen users add NAME`) and enter it in Settings")]
    MissingKey,
    /// Something that is not shaped like one of our keys.
    #[error("the station server key {shown} is not valid: it starts with afg_ and has two parts after it; copy it again whole")]
    BadKey {
        /// The key with its secret hidden.
        shown: String,
    },
    /// No answer from the server.
    #[error("cannot reach the station server at {url}: {reason}. Check the address and that `afirgen serve` is running there, or clear the station server in Settings to work on this computer alone")]
    Unreachable {
        /// The server.
        url: String,
        /// The network's reason.
        reason: String,
    },
    /// The server does not accept this desk's key.
    #[error("the station server at {url} refused this desk's key: {message}. Enter a new key in Settings")]
    KeyRefused {
        /// The server.
        url: String,
        /// The server's words.
        message: String,
    },
    /// An answer that is not an AFIRGen station server's.
    #[error("{url} did not answer as an AFIRGen station server (HTTP {status}): {message}")]
    Unexpected {
        /// The server.
        url: String,
        /// The status it answered.
        status: u16,
        /// The server's words, or what was wrong with them.
        message: String,
    },
}

/// A station server and the key this desk uses there.
#[derive(Clone)]
pub struct StationLink {
    origin: Url,
    key: String,
}

// Never print the key, even in debug output.
impl std::fmt::Debug for StationLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StationLink")
            .field("origin", &self.origin.as_str())
            .field("key", &auth::redact_key(&self.key))
            .finish()
    }
}

#[derive(Deserialize)]
struct ErrorAnswer {
    message: String,
}

impl StationLink {
    /// Checks the address (an `http://` or `https://` origin: the server's UI lives at
    /// its root) and the key's shape.
    pub fn new(url: &str, key: &str) -> Result<StationLink, StationError> {
        let origin = parse_origin(url)?;
        let key = key.trim();
        if key.is_empty() {
            return Err(StationError::MissingKey);
        }
        if !auth::is_well_formed(key) {
            return Err(StationError::BadKey {
                shown: auth::redact_key(key),
            });
        }
        Ok(StationLink {
            origin,
            key: key.to_owned(),
        })
    }

    /// The server's origin, e.g. `http://192.168.1.10:8787`, as a browser writes
    /// `location.origin`.
    pub fn origin(&self) -> String {
        self.origin.origin().ascii_serialization()
    }

    /// The address the window opens: the server's UI.
    pub fn url(&self) -> &Url {
        &self.origin
    }

    /// Asks the server who this key belongs to: the check made before the window
    /// opens the server's UI, so a wrong address or a revoked key is explained on this
    /// computer instead of showing a browser error page.
    pub async fn connect(&self) -> Result<User, StationError> {
        let url = self.origin();
        let unreachable = |e: reqwest::Error| StationError::Unreachable {
            url: url.clone(),
            reason: network_reason(&e),
        };
        // Straight to the server: no proxy from the environment (the key and the
        // station's cases stay on its network), and no redirect to follow elsewhere.
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(unreachable)?;
        let me = self.origin.join("me").map_err(|_| StationError::BadUrl {
            url: url.clone(),
            reason: "it cannot be joined with a path",
        })?;
        let answer = http
            .get(me)
            .bearer_auth(&self.key)
            .send()
            .await
            .map_err(unreachable)?;
        let status = answer.status();
        let body = answer.bytes().await.map_err(unreachable)?;
        let message = || {
            serde_json::from_slice::<ErrorAnswer>(&body)
                .map(|a| a.message)
                .unwrap_or_else(|_| String::from_utf8_lossy(&body).chars().take(200).collect())
        };
        match status {
            StatusCode::OK => {
                serde_json::from_slice::<User>(&body).map_err(|_| StationError::Unexpected {
                    url,
                    status: status.as_u16(),
                    message: "the answer to /me is not a user".into(),
                })
            }
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Err(StationError::KeyRefused {
                url,
                message: message(),
            }),
            _ => Err(StationError::Unexpected {
                url,
                status: status.as_u16(),
                message: message(),
            }),
        }
    }

    /// JavaScript the desktop window runs at the start of every page: on the station
    /// server's origin only, it hands the page this desk's key (unless someone signed
    /// in by hand this session) and tells it it runs in the desktop app, where `home`
    /// leads back to this computer's screens and PDFs are saved to `export_dir` (or the
    /// Downloads folder). On any other origin it does nothing.
    pub fn bootstrap_script(&self, home: &str, export_dir: Option<&str>) -> String {
        let js = |s: &str| serde_json::Value::from(s).to_string();
        let desktop = serde_json::json!({ "home": home, "exportDir": export_dir });
        format!(
            r#"(function () {{
  if (window.location.origin !== {origin}) return;
  try {{
    if (!window.sessionStorage.getItem("afirgen.apiKey")) window.sessionStorage.setItem("afirgen.apiKey", {key});
  }} catch (_) {{}}
  Object.defineProperty(window, "__AFIRGEN_DESKTOP__", {{ value: Object.freeze({desktop}) }});
}})();"#,
            origin = js(&self.origin()),
            key = js(&self.key),
        )
    }
}

/// Where a file downloaded from the station server's UI is saved: in `dir`, under the
/// name the page suggested reduced to a plain file name (never a path), with a number
/// added when the name is taken.
pub fn download_destination(dir: &Path, suggested: &str) -> PathBuf {
    let base = suggested.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut name: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .collect();
    name = name.trim_start_matches('.').trim().to_owned();
    if name.is_empty() {
        name = "AFIRGen.pdf".into();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(dot) if dot > 0 => (name[..dot].to_owned(), name[dot..].to_owned()),
        _ => (name.clone(), String::new()),
    };
    let mut path = dir.join(&name);
    let mut n = 1;
    while path.exists() {
        path = dir.join(format!("{stem} ({n}){ext}"));
        n += 1;
    }
    path
}

/// The origin a page or link belongs to, as `scheme://host[:port]` (the default port
/// left out, as browsers write it). A `blob:` link belongs to the origin inside it.
/// (`Url::origin` is opaque for custom schemes such as the desktop app's `tauri:`, so
/// it cannot be compared.)
pub fn origin_of(url: &Url) -> String {
    if url.scheme() == "blob" {
        if let Ok(inner) = Url::parse(url.path()) {
            if inner.scheme() != "blob" {
                return origin_of(&inner);
            }
        }
    }
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    }
}

/// Parses a station server address: `http(s)://host[:port]` with nothing after the
/// root (a trailing `/` is fine).
fn parse_origin(url: &str) -> Result<Url, StationError> {
    let given = url.trim();
    let bad = |reason| StationError::BadUrl {
        url: given.to_owned(),
        reason,
    };
    let parsed = Url::parse(given).map_err(|_| {
        bad("expected an address such as http://192.168.1.10:8787 (the machine running `afirgen serve`)")
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(bad(
            "expected an http:// or https:// address such as http://192.168.1.10:8787",
        ));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        // Name the address without the credentials it should not hold.
        let mut shown = parsed.clone();
        let _ = shown.set_username("");
        let _ = shown.set_password(None);
        return Err(StationError::BadUrl {
            url: shown.to_string(),
            reason: "it must not hold a user name or password; the API key goes in its own field",
        });
    }
    if parsed.path() != "/" || parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(bad(
            "give the server's root only (scheme, host and port), without a path",
        ));
    }
    Ok(parsed)
}

/// The network error's innermost cause, which is the informative one ("Connection
/// refused"), not reqwest's "error sending request for url".
fn network_reason(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        return "no answer in time".into();
    }
    let mut source: &dyn std::error::Error = err;
    while let Some(inner) = source.source() {
        source = inner;
    }
    source.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> String {
        format!("afg_{}_{}", "ab".repeat(6), "cd".repeat(32))
    }

    #[test]
    fn addresses_are_origins() {
        let link = StationLink::new(" http://192.168.1.10:8787/ ", &key()).unwrap();
        assert_eq!(link.origin(), "http://192.168.1.10:8787");
        assert_eq!(link.url().as_str(), "http://192.168.1.10:8787/");
        assert_eq!(
            StationLink::new("https://station.local", &key())
                .unwrap()
                .origin(),
            "https://station.local"
        );
        for bad in [
            "192.168.1.10:8787",
            "ftp://host",
            "http://host/afirgen",
            "http://host/?x=1",
            "http://user:pw@host",
            "",
        ] {
            assert!(
                matches!(
                    StationLink::new(bad, &key()),
                    Err(StationError::BadUrl { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn origins_compare_whole() {
        let o = |u: &str| origin_of(&Url::parse(u).unwrap());
        assert_eq!(o("http://127.0.0.1:8787/cases/1"), "http://127.0.0.1:8787");
        assert_eq!(o("http://station.local:80/x"), "http://station.local");
        assert_eq!(o("tauri://localhost/#local"), "tauri://localhost");
        assert_eq!(
            o("blob:http://127.0.0.1:8787/2b9d-11aa"),
            "http://127.0.0.1:8787"
        );
        // A longer port or host is another origin, not a prefix match.
        assert_ne!(o("http://127.0.0.1:8787/"), "http://127.0.0.1:878");
        assert_ne!(o("http://station.local.evil.tld/"), "http://station.local");
        let link = StationLink::new("http://127.0.0.1:8787", &key()).unwrap();
        assert_eq!(o("blob:http://127.0.0.1:8787/x"), link.origin());
    }

    #[test]
    fn keys_are_checked_and_never_shown() {
        assert!(matches!(
            StationLink::new("http://h", "  "),
            Err(StationError::MissingKey)
        ));
        let err = StationLink::new("http://desk:hunter2@h:1", &key()).unwrap_err();
        assert!(matches!(err, StationError::BadUrl { .. }), "{err}");
        assert!(!err.to_string().contains("hunter2"), "{err}");
        let err = StationLink::new("http://h", "afg_12_secretsecret").unwrap_err();
        assert!(!err.to_string().contains("secretsecret"), "{err}");
        let link = StationLink::new("http://h:1", &key()).unwrap();
        assert!(!format!("{link:?}").contains(&"cd".repeat(32)));
    }

    #[test]
    fn the_script_is_guarded_by_origin_and_escapes_its_values() {
        let link = StationLink::new("http://127.0.0.1:8787", &key()).unwrap();
        let script = link.bootstrap_script("tauri://localhost/#local", Some("C:\\FIRs \"new\""));
        assert!(script.contains(r#"window.location.origin !== "http://127.0.0.1:8787") return;"#));
        assert!(script.contains(&format!("\"{}\"", key())));
        assert!(
            script.contains(r#""exportDir":"C:\\FIRs \"new\"""#),
            "{script}"
        );
        assert!(script.contains(r#""home":"tauri://localhost/#local""#));
    }

    #[test]
    fn downloads_get_plain_names_that_do_not_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let first = download_destination(dir.path(), "FIR-0001-2026-DL-0123.pdf");
        assert_eq!(first, dir.path().join("FIR-0001-2026-DL-0123.pdf"));
        std::fs::write(&first, b"%PDF").unwrap();
        assert_eq!(
            download_destination(dir.path(), "FIR-0001-2026-DL-0123.pdf"),
            dir.path().join("FIR-0001-2026-DL-0123 (1).pdf")
        );
        for hostile in ["../../etc/passwd", "..\\..\\x.pdf", "/abs/y.pdf", "..", ""] {
            let path = download_destination(dir.path(), hostile);
            assert_eq!(path.parent(), Some(dir.path()), "{hostile}");
            assert!(!path.file_name().unwrap().to_string_lossy().starts_with('.'));
        }
        // Devanagari in a name is kept.
        assert!(download_destination(dir.path(), "एफआईआर.pdf").ends_with("एफआईआर.pdf"));
    }

    #[tokio::test]
    async fn an_unreachable_server_is_named_with_the_reason() {
        // A port nothing listens on: bind, note it, close.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let link = StationLink::new(&format!("http://127.0.0.1:{port}"), &key()).unwrap();
        let err = link.connect().await.unwrap_err();
        assert!(matches!(err, StationError::Unreachable { .. }), "{err}");
        let text = err.to_string();
        assert!(text.contains(&format!("127.0.0.1:{port}")), "{text}");
        assert!(text.to_lowercase().contains("refused"), "{text}");
    }
}
