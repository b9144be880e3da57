//! The station server's API end to end over real HTTP: upload, process, live events,
//! review, finalise, PDF, search, errors, and the UI served at `/`.

mod access;
mod cases;
mod interface;
mod limits;

use afirgen_core::auth::{self, Role};
use afirgen_core::review::stand_ins;
use afirgen_core::{Config, Engine};
use afirgen_mock::{MockConfig, MockServer};
use serde_json::{json, Value};

struct Running {
    url: String,
    http: reqwest::Client,
    /// A station house officer's key (the default for requests).
    sho: String,
    /// A writer's key.
    writer: String,
    engine: Engine,
    _mock: MockServer,
    _dir: tempfile::TempDir,
}

async fn start() -> Running {
    start_with(|_| {}, true).await
}

/// A server over a fresh SQLite store and the mock model server; `dispatch: false`
/// leaves submitted jobs in the queue.
async fn start_with(tweak: impl FnOnce(&mut Config), dispatch: bool) -> Running {
    let mock = MockServer::start("127.0.0.1:0".parse().unwrap(), MockConfig::default())
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ui = dir.path().join("ui");
    std::fs::create_dir_all(&ui).unwrap();
    std::fs::write(
        ui.join("index.html"),
        "<!doctype html><title>AFIRGen</title>",
    )
    .unwrap();
    let mut config = Config {
        data_dir: Some(dir.path().join("data")),
        ..Config::default()
    };
    config.llm.urls = vec![mock.url()];
    config.asr.urls = vec![mock.url()];
    config.station.code = "API-01".into();
    tweak(&mut config);
    let engine = Engine::open(config).await.unwrap();
    if dispatch {
        std::mem::forget(engine.start());
    }
    let station = auth::StationScope(&engine.config().station.code);
    let sho = auth::add_user(engine.store(), "asha", Role::Sho, station)
        .await
        .unwrap()
        .key;
    let writer = auth::add_user(engine.store(), "ravi", Role::Writer, station)
        .await
        .unwrap()
        .key;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(afirgen_server::serve(
        engine.clone(),
        listener,
        Some(ui),
        std::future::pending(),
    ));
    Running {
        url,
        http: reqwest::Client::new(),
        sho,
        writer,
        engine,
        _mock: mock,
        _dir: dir,
    }
}

impl Running {
    async fn get(&self, path: &str) -> reqwest::Response {
        self.get_as(&self.sho, path).await
    }
    async fn get_as(&self, key: &str, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.url))
            .bearer_auth(key)
            .send()
            .await
            .unwrap()
    }
    async fn json(&self, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
        self.json_as(&self.sho, method, path, body).await
    }
    async fn json_as(
        &self,
        key: &str,
        method: reqwest::Method,
        path: &str,
        body: Value,
    ) -> (u16, Value) {
        let response = self
            .http
            .request(method, format!("{}{path}", self.url))
            .bearer_auth(key)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }
    async fn upload(&self, name: &str, bytes: Vec<u8>) -> (u16, Value) {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
        let form = reqwest::multipart::Form::new().part("file", part);
        self.multipart("/uploads", form).await
    }
    async fn multipart(&self, path: &str, form: reqwest::multipart::Form) -> (u16, Value) {
        let response = self
            .http
            .post(format!("{}{path}", self.url))
            .bearer_auth(&self.sho)
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }
    async fn finalize(&self, key: &str, job: i64) -> (u16, Value) {
        let path = format!("/firs/{job}/finalize");
        self.json_as(key, reqwest::Method::POST, &path, json!(null))
            .await
    }
    /// `GET /verify/code` for the code printed on a paper copy.
    async fn check_code(&self, code: &str) -> Value {
        let query = code.replace('|', "%7C").replace('/', "%2F");
        self.get(&format!("/verify/code?code={query}"))
            .await
            .json()
            .await
            .unwrap()
    }
    /// Fills in, as the officer would, what `GET /cases/{case}` lists as missing.
    async fn complete(&self, case: i64) {
        let view: Value = self
            .get(&format!("/cases/{case}"))
            .await
            .json()
            .await
            .unwrap();
        let missing = view["missing"].as_array().unwrap().iter();
        let plan = stand_ins(missing.map(|item| item["path"].as_str().unwrap()));
        if let Some(sections) = &plan.sections {
            let url = format!("/cases/{case}/sections");
            let (status, body) = self.json(reqwest::Method::PUT, &url, json!(sections)).await;
            assert_eq!(status, 200, "{body}");
        }
        if !plan.edits.is_empty() {
            let (status, body) = self
                .json(
                    reqwest::Method::PATCH,
                    &format!("/cases/{case}/draft"),
                    json!(plan.edits),
                )
                .await;
            assert_eq!(status, 200, "{body}");
        }
    }
    async fn wait_for_review(&self, job: i64) {
        for _ in 0..600 {
            let state: Value = self
                .get(&format!("/jobs/{job}"))
                .await
                .json()
                .await
                .unwrap();
            if state["state"] == "awaiting_review" {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("job {job} did not reach review");
    }

    async fn submit_text(&self, text: &str) -> (u16, reqwest::header::HeaderMap, Value) {
        let response = self
            .http
            .post(format!("{}/process", self.url))
            .bearer_auth(&self.sho)
            .json(&json!({"text": text, "files": [], "language": "en", "urgent": false}))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        (status, headers, response.json().await.unwrap())
    }
}
