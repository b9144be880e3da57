use super::*;
use crate::desk::Settings;
use std::collections::HashMap;

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |key| map.get(key).cloned()
}

#[test]
fn environment_overrides_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(
        &path,
        "[limits]\nmax_concurrent_requests = 3\n[llm]\nurls = [\"http://a:1\"]\n",
    )
    .unwrap();
    let config = Config::load_with_env(
        Some(&path),
        env(&[
            ("MAX_CONCURRENT_MODEL_CALLS", "7"),
            ("AFIRGEN_LLM_URL", "http://x:1, http://y:2"),
            ("AFIRGEN_EMBED_URL", "http://z:3"),
            ("AFIRGEN_EMBED_MODEL", "multilingual-e5-small-q4"),
        ]),
    )
    .unwrap();
    assert_eq!(config.limits.max_concurrent_requests, 3);
    assert_eq!(config.limits.max_concurrent_model_calls, 7);
    assert_eq!(config.llm.urls, vec!["http://x:1", "http://y:2"]);
    // The embedding model's name decides whether the shipped catalogue vectors apply.
    assert_eq!(config.embed.urls, vec!["http://z:3"]);
    assert_eq!(config.embed.model, "multilingual-e5-small-q4");
}

#[test]
fn model_values_are_suggested_unless_the_station_says_fill() {
    assert_eq!(
        Config::load_with_env(None, env(&[]))
            .unwrap()
            .facts
            .model_values,
        ModelValues::Suggest
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(&path, "[facts]\nmodel_values = \"fill\"\n").unwrap();
    let config = Config::load_with_env(Some(&path), env(&[])).unwrap();
    assert_eq!(config.facts.model_values, ModelValues::Fill);
    let config =
        Config::load_with_env(Some(&path), env(&[("AFIRGEN_MODEL_VALUES", "suggest")])).unwrap();
    assert_eq!(config.facts.model_values, ModelValues::Suggest);
    let err = Config::load_with_env(None, env(&[("AFIRGEN_MODEL_VALUES", "trust")]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("AFIRGEN_MODEL_VALUES"), "{err}");
}

#[test]
fn bad_values_name_the_key() {
    let err = Config::load_with_env(None, env(&[("MAX_CONCURRENT_REQUESTS", "lots")]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("MAX_CONCURRENT_REQUESTS"), "{err}");
    let err = Config::load_with_env(None, env(&[("MAX_CONCURRENT_MODEL_CALLS", "0")]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("MAX_CONCURRENT_MODEL_CALLS"), "{err}");
    let err = Config::load_with_env(
        None,
        env(&[("AFIRGEN_DATABASE_URL", "postgres://u:secret@h/d")]),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("AFIRGEN_DATABASE_URL"), "{err}");
    assert!(!err.contains("secret"), "password leaked: {err}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(&path, "[limits]\nmax_concurrent_requests = \"many\"\n").unwrap();
    let err = Config::load_with_env(Some(&path), env(&[]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("max_concurrent_requests"), "{err}");
    std::fs::write(&path, "[limits]\nmax_concurent_requests = 4\n").unwrap();
    let err = Config::load_with_env(Some(&path), env(&[]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("max_concurent_requests"), "{err}");
    std::fs::write(&path, "[audio]\ndetect_languages = [\"en\", \"Hindi\"]\n").unwrap();
    let err = Config::load_with_env(Some(&path), env(&[]))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("audio.detect_languages") && err.contains("Hindi"),
        "{err}"
    );
    std::fs::write(&path, "[audio]\ndetect_languages = [\"hi\", \"en\"]\n").unwrap();
    let config = Config::load_with_env(Some(&path), env(&[])).unwrap();
    assert_eq!(config.audio.detect_languages, ["hi", "en"]);
}

#[test]
fn model_urls_carry_no_credentials() {
    let mut config = Config::default();
    config.llm.urls = vec!["http://user:hunter2@10.0.0.5:8080".into()];
    let err = config.validate().unwrap_err().to_string();
    assert!(err.contains("user name or password"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    config.llm.urls = vec!["http://10.0.0.5:8080/v1@x".into()];
    config.validate().unwrap();
}

#[test]
fn debug_output_hides_secrets() {
    let mut config = Config::default();
    config.database.url = Some("mysql://afirgen:s3cret@db/afirgen".into());
    let settings = Settings {
        database_url: config.database.url.clone(),
        station_api_key: Some(format!("afg_{}_{}", "ab".repeat(6), "cd".repeat(32))),
        station_name: Some("कोतवाली".into()),
        ..Settings::default()
    };
    for shown in [format!("{config:?}"), format!("{settings:?}")] {
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(!shown.contains(&"cd".repeat(32)), "{shown}");
        assert!(shown.contains("afirgen:***@db"), "{shown}");
    }
    assert!(format!("{settings:?}").contains("कोतवाली"));
}

#[test]
fn redacts_passwords() {
    assert_eq!(
        redact_url("mysql://root:pw@127.0.0.1:3306/test"),
        "mysql://root:***@127.0.0.1:3306/test"
    );
    assert_eq!(redact_url("sqlite:///tmp/a.db"), "sqlite:///tmp/a.db");
    assert_eq!(
        redact_url("sqlite:///tmp/a@b:c.db"),
        "sqlite:///tmp/a@b:c.db"
    );
    // Passwords with '/' or '@' in them, as typed.
    for url in [
        "mysql://u:a/b@db.station/afirgen",
        "mysql://u:p@ss@db.station/afirgen",
    ] {
        let shown = redact_url(url);
        assert_eq!(shown, "mysql://u:***@db.station/afirgen", "{url}");
    }
}
