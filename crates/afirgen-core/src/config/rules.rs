//! One rule per setting that both the configuration (file and environment) and the
//! desk's Settings screen accept: each returns what is expected when a value is wrong,
//! and the caller names the key.

/// A station code: 1 to 32 letters, digits, '-' or '_' (it goes into record numbers,
/// file names and paper codes).
pub fn station_code(code: &str) -> Result<(), &'static str> {
    let ok = !code.is_empty()
        && code.len() <= 32
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then_some(())
        .ok_or("expected 1-32 letters, digits, '-' or '_', e.g. DL-0123")
}

/// The language recordings of Detect cases are transcribed in: empty (the server
/// detects) or a two-letter code, optionally with a region ("hi", "en", "hi-IN").
pub fn speech_language(language: &str) -> Result<(), &'static str> {
    (language.is_empty() || speech_language_code(language).is_some())
        .then_some(())
        .ok_or("expected empty (the speech server detects) or a two-letter code such as hi or en")
}

/// The two-letter code speech servers take ("hi-IN" → "hi", "EN" → "en"), or `None` for
/// "auto", "" or what is not one.
pub fn speech_language_code(language: &str) -> Option<String> {
    let code = language
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())).then_some(code)
}

/// Tesseract language codes joined by '+'.
pub fn ocr_languages(langs: &str) -> Result<(), &'static str> {
    let ok = !langs.is_empty()
        && langs
            .split('+')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    ok.then_some(())
        .ok_or("expected Tesseract language codes joined by '+', e.g. eng+hin")
}

/// A model server's address: http(s), and no credentials (it is shown on Health and
/// in logs; local model servers need none).
pub fn model_url(url: &str) -> Result<(), &'static str> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err("expected an http:// or https:// URL such as http://127.0.0.1:8080");
    }
    let authority = url.split("://").nth(1).unwrap_or_default();
    let authority = authority.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return Err(
            "a model server URL cannot carry a user name or password; local model servers need none",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_each() {
        assert!(station_code("DL-0123").is_ok());
        assert!(station_code("PS_7").is_ok());
        for bad in ["", "DL 0123", "DL/0123", "थाना", &"x".repeat(33)] {
            assert!(station_code(bad).is_err(), "{bad:?}");
        }
        assert!(ocr_languages("eng+hin").is_ok());
        assert!(ocr_languages("eng+").is_err());
        for good in ["", "hi", "en", "hi-IN"] {
            assert!(speech_language(good).is_ok(), "{good:?}");
        }
        for bad in ["Hindi", "hin", "auto", "h1"] {
            assert!(speech_language(bad).is_err(), "{bad:?}");
        }
        assert!(model_url("http://127.0.0.1:8080/v1").is_ok());
        assert!(model_url("ftp://x").is_err());
        assert!(model_url("http://u:p@host:1").is_err());
    }
}
