//! The station server's API end to end over real HTTP: upload, process, live events,
//! review, finalise, PDF, search, errors, and the UI served at `/`.

use afirgen_core::auth::{self, Role};
use afirgen_core::completeness::{stand_in, StandIn};
use afirgen_core::station::{StationError, StationLink};
use afirgen_core::{Config, Engine};
use afirgen_mock::{MockConfig, MockServer};
use serde_json::{json, Value};

const HINDI: &str = "कल शाम बाज़ार में दो लड़कों ने मेरा मोबाइल फ़ोन छीन लिया।";

/// A second of 16 kHz mono 16-bit PCM (a 440 Hz tone) as a WAV file.
fn wav() -> Vec<u8> {
    let samples: Vec<i16> = (0..16_000)
        .map(|i| ((i as f32 * 440.0 * std::f32::consts::TAU / 16_000.0).sin() * 8_000.0) as i16)
        .collect();
    let data_len = (samples.len() * 2) as u32;
    let mut out = Vec::new();
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&16_000u32.to_le_bytes());
    out.extend_from_slice(&32_000u32.to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

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
        let mut edits = Vec::new();
        for item in view["missing"].as_array().unwrap() {
            let path = item["path"].as_str().unwrap();
            match stand_in(path) {
                StandIn::Sections(sections) => {
                    let url = format!("/cases/{case}/sections");
                    let (status, body) =
                        self.json(reqwest::Method::PUT, &url, json!(sections)).await;
                    assert_eq!(status, 200, "{body}");
                }
                StandIn::Value(value) => edits.push(json!({"path": path, "value": value})),
            }
        }
        if !edits.is_empty() {
            let (status, body) = self
                .json(
                    reqwest::Method::PATCH,
                    &format!("/cases/{case}/draft"),
                    Value::from(edits),
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
    /// Sends only the headers of a JSON request declaring `length` bytes, with
    /// `Expect: 100-continue`, and reads the answer: (status, body).
    async fn declare_json(&self, method: &str, path: &str, length: u64) -> (u16, String) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let host = self.url.trim_start_matches("http://");
        let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {}\r\n\
             Content-Type: application/json\r\nContent-Length: {length}\r\n\
             Expect: 100-continue\r\nConnection: close\r\n\r\n",
            self.sho
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.unwrap();
        parse_answer(&answer)
    }

    /// Sends a JSON body of `length` bytes with no declared length (one chunk of a
    /// chunked body) and reads the answer: (status, body).
    async fn chunked_json(&self, path: &str, length: usize) -> (u16, String) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let host = self.url.trim_start_matches("http://");
        let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
        let mut body = b"{\"text\": \"".to_vec();
        body.resize(length, b'a');
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {}\r\n\
             Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\
             Connection: close\r\n\r\n{:x}\r\n",
            self.sho,
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        // The server may answer 413 and close before the whole body is sent: a broken
        // pipe here is that answer arriving early, so read it either way.
        if stream.write_all(&body).await.is_ok() {
            let _ = stream.write_all(b"\r\n").await;
        }
        let mut answer = Vec::new();
        let mut chunk = [0u8; 8192];
        // A reset after the answer (unread body bytes) ends the reading, not the test.
        while let Ok(n @ 1..) = stream.read(&mut chunk).await {
            answer.extend_from_slice(&chunk[..n]);
        }
        parse_answer(&answer)
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

/// The status and body of a raw HTTP/1.1 answer.
fn parse_answer(answer: &[u8]) -> (u16, String) {
    let text = String::from_utf8_lossy(answer);
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_case_from_upload_to_pdf_over_http() {
    let server = start().await;

    let health: Value = server.get("/health/details").await.json().await.unwrap();
    assert_eq!(health["status"], "ok", "{health}");
    assert_eq!(health["concurrency"]["max_concurrent_requests"], 15);
    // Without a key: whether each part works, not where it is.
    let open: Value = server
        .http
        .get(format!("{}/health", server.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(open["status"], "ok", "{open}");
    assert_eq!(open["database"]["ok"], true, "{open}");
    assert!(open["database"].get("url").is_none(), "{open}");
    assert!(!open.to_string().contains("127.0.0.1"), "{open}");
    let unauthorised = server
        .http
        .get(format!("{}/health/details", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(unauthorised.status(), 401);

    // A file that is not a recording or scan: refused with the reason, stable shape.
    let (status, refused) = server
        .upload("notes.docx", vec![0xd0, 0xcf, 0x11, 0xe0, 0, 1])
        .await;
    assert_eq!(status, 422);
    assert_eq!(refused["error"], "rejected_file");
    assert!(refused["message"].as_str().unwrap().contains("notes.docx"));

    let (status, staged) = server.upload("बयान.wav", wav()).await;
    assert_eq!(status, 200, "{staged}");
    assert_eq!(staged["kind"], "audio");
    assert_eq!(staged["name"], "बयान.wav");

    let (status, submitted) = server
        .json(
            reqwest::Method::POST,
            "/process",
            json!({"text": HINDI, "files": [staged["id"]], "language": "hi", "urgent": false}),
        )
        .await;
    assert_eq!(status, 200, "{submitted}");
    let job = submitted["job_id"].as_i64().unwrap();
    let case = submitted["case_id"].as_i64().unwrap();

    // Live progress over server-sent events, until review.
    let mut events = server.get(&format!("/jobs/{job}/events")).await;
    assert_eq!(events.headers()["content-type"], "text/event-stream");
    let mut seen = String::new();
    while let Some(chunk) = tokio::time::timeout(std::time::Duration::from_secs(60), events.chunk())
        .await
        .expect("events stalled")
        .unwrap()
    {
        seen.push_str(&String::from_utf8_lossy(&chunk));
        if seen.contains("\"awaiting_review\"") {
            break;
        }
    }
    assert!(seen.contains("data: {"), "{seen}");

    let view: Value = server
        .get(&format!("/cases/{case}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view["inputs"].as_array().unwrap().len(), 2);
    assert_eq!(view["inputs"][0]["text"], HINDI, "typed text byte for byte");
    let audio_id = view["inputs"][1]["id"].as_i64().unwrap();
    let audio = server
        .get(&format!("/cases/{case}/inputs/{audio_id}"))
        .await;
    assert_eq!(audio.headers()["content-type"], "audio/wav");
    assert_eq!(audio.bytes().await.unwrap().to_vec(), wav());

    let (status, _) = server
        .json(
            reqwest::Method::PATCH,
            &format!("/cases/{case}/draft"),
            json!([{"path": "complainant.name", "value": "सुनीता देवी"}]),
        )
        .await;
    assert_eq!(status, 200);
    // The whole header by its parent path (another station's name and code) is refused,
    // and nothing of the draft changes.
    let (status, body) = server
        .json(
            reqwest::Method::PATCH,
            &format!("/cases/{case}/draft"),
            json!([{"path": "header", "value": {"station_code": "PS999", "police_station": "Elsewhere", "year": 2026}}]),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("header.station_code"), "{body}");
    // This station has not set its State, District or name: finalising is refused with
    // the items named, and nothing is numbered.
    let (status, refused) = server.finalize(&server.sho, job).await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"], "incomplete", "{refused}");
    let fields: Vec<&str> = refused["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        fields.starts_with(&["header.state", "header.district"]),
        "{refused}"
    );
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("State (item 1), District (item 1)"),
        "{refused}"
    );
    server.complete(case).await;
    let (status, record) = server.finalize(&server.sho, job).await;
    assert_eq!(status, 200, "{record}");
    assert!(
        record["display_number"]
            .as_str()
            .unwrap()
            .starts_with("0001/"),
        "the refusal took no number: {record}"
    );
    assert_eq!(record["content"]["header"]["station_code"], "API-01");
    let number = record["display_number"].as_str().unwrap().to_owned();
    // The code printed on a paper copy checks out; one naming another number does not.
    let code = format!(
        "AFIRGEN1|API-01|FIR|{number}|{}",
        record["seal"].as_str().unwrap()
    );
    let checked = server.check_code(&code).await;
    assert_eq!(checked["intact"], true, "{checked}");
    let checked = server.check_code(&code.replace("API-01", "API-99")).await;
    assert_eq!(checked["intact"], false, "{checked}");

    let pdf = server.get(&format!("/cases/{case}/pdf")).await;
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("FIR-"));
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));

    let found: Value = server
        .get(&format!("/firs?text={number}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["complainant"], "सुनीता देवी");
    let verified: Value = server
        .get(&format!("/cases/{case}/verify"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(verified["intact"], true, "{verified}");
    assert_eq!(verified["signature"], "valid", "{verified}");

    // The original's /fir/{number}: the record and its PDF by number.
    let plain = number.replace('/', "-");
    let by_number: Value = server
        .get(&format!("/fir/{plain}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_number["display_number"], number.as_str());
    let pdf = server.get(&format!("/fir/{plain}/pdf")).await;
    assert_eq!(pdf.status(), 200);
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
    assert_eq!(server.get("/fir/9999-2026").await.status(), 404);
    assert_eq!(server.get("/fir/abc").await.status(), 422);

    // The audit trail names the signed-in user, not a generic actor.
    let trail = server.engine.store().audit_trail(case).await.unwrap();
    assert!(
        trail
            .iter()
            .any(|e| e.actor == "asha" && e.action == "fir.finalized"),
        "{trail:?}"
    );

    // Metrics: counts by state, last hour's latency, the gates, the limiter.
    let metrics: Value = server.get("/metrics").await.json().await.unwrap();
    assert_eq!(metrics["jobs_by_state"]["finalized"], 1, "{metrics}");
    assert_eq!(metrics["last_hour"]["ready"], 1, "{metrics}");
    assert!(metrics["last_hour"]["latency_ms"]["p50"].as_i64().unwrap() > 0);
    assert_eq!(metrics["gates"]["max_concurrent_requests"], 15);
    assert!(metrics["rate_limiter"]["addresses"].as_u64().unwrap() >= 1);
    let prometheus = server.get("/metrics/prometheus").await;
    assert!(prometheus.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let text = prometheus.text().await.unwrap();
    assert!(
        text.contains("afirgen_jobs{state=\"finalized\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("# TYPE afirgen_job_latency_seconds summary"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn errors_have_one_shape_and_the_ui_is_served() {
    let server = start().await;
    let missing = server.get("/jobs/9999").await;
    assert_eq!(missing.status(), 404);
    let body: Value = missing.json().await.unwrap();
    assert_eq!(body["error"], "not_found");
    assert!(body["message"].as_str().unwrap().contains("9999"));

    let (status, empty) = server
        .json(
            reqwest::Method::POST,
            "/process",
            json!({"text": " ", "files": [], "language": "en", "urgent": false}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(empty["error"], "invalid");

    let page = server.get("/").await;
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert!(page.text().await.unwrap().contains("AFIRGen"));
    // Client-side routes fall back to the app.
    assert_eq!(server.get("/review/12").await.status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn keys_are_required_and_only_an_sho_finalises() {
    let server = start().await;
    // No key: 401, the stable error shape, and how to authenticate.
    let anonymous = server
        .http
        .get(format!("{}/queue", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_eq!(
        anonymous.headers()["www-authenticate"],
        "Bearer realm=\"afirgen\""
    );
    let body: Value = anonymous.json().await.unwrap();
    assert_eq!(body["error"], "unauthorized");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("afirgen users add"));
    // A wrong key, a malformed one: 401.
    let mut wrong = server.writer.clone();
    wrong.replace_range(wrong.len() - 4.., "0000");
    for key in [wrong.as_str(), "afg_nonsense"] {
        assert_eq!(server.get_as(key, "/queue").await.status(), 401, "{key}");
    }
    // /health is open (monitoring), and the key of each role works.
    let health = server
        .http
        .get(format!("{}/health", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let me: Value = server
        .get_as(&server.writer, "/me")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me, json!({"name": "ravi", "role": "writer"}));

    // A writer writes and reviews, but finalising is the SHO's: 403.
    let (status, _, submitted) = server
        .submit_text("My bicycle was stolen from the market on Monday.")
        .await;
    assert_eq!(status, 200, "{submitted}");
    let job = submitted["job_id"].as_i64().unwrap();
    server.wait_for_review(job).await;
    let (status, refused) = server.finalize(&server.writer, job).await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(refused["error"], "forbidden");
    assert!(refused["message"]
        .as_str()
        .unwrap()
        .contains("station house officer"));
    // The SHO reviews revision N; a writer then changes the complainant's name. The
    // SHO's finalisation names N, so nothing is sealed and the change is named.
    let case = submitted["case_id"].as_i64().unwrap();
    server.complete(case).await;
    let view: Value = server
        .get(&format!("/cases/{case}"))
        .await
        .json()
        .await
        .unwrap();
    let reviewed = view["draft_revision"].as_i64().unwrap();
    let (status, body) = server
        .json_as(
            &server.writer,
            reqwest::Method::PATCH,
            &format!("/cases/{case}/draft"),
            json!([{"path": "complainant.name", "value": "Someone Else"}]),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let path = format!("/firs/{job}/finalize");
    let (status, stale) = server
        .json_as(
            &server.sho,
            reqwest::Method::POST,
            &path,
            json!({"draft_revision": reviewed}),
        )
        .await;
    assert_eq!(status, 409, "{stale}");
    assert_eq!(stale["error"], "draft_changed", "{stale}");
    assert!(
        stale["message"]
            .as_str()
            .unwrap()
            .contains("complainant.name")
            && stale["message"].as_str().unwrap().contains("Someone Else"),
        "{stale}"
    );
    let view: Value = server
        .get(&format!("/cases/{case}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(view["record"].is_null(), "nothing was sealed");
    let (status, record) = server
        .json_as(
            &server.sho,
            reqwest::Method::POST,
            &path,
            json!({"draft_revision": view["draft_revision"]}),
        )
        .await;
    assert_eq!(status, 200, "{record}");
    assert_eq!(record["content"]["complainant"]["name"], "Someone Else");

    // A desktop desk's check before it opens the server's UI: who the key is.
    let desk = StationLink::new(&server.url, &server.writer).unwrap();
    let user = desk.connect().await.unwrap();
    assert_eq!((user.name.as_str(), user.role), ("ravi", Role::Writer));

    // A revoked key stops working at once, for the desk too, which says so.
    assert!(auth::revoke_user(server.engine.store(), "ravi")
        .await
        .unwrap());
    let revoked = server.get_as(&server.writer, "/queue").await;
    assert_eq!(revoked.status(), 401);
    let body: Value = revoked.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().contains("revoked"));
    let refused = desk.connect().await.unwrap_err();
    assert!(
        matches!(refused, StationError::KeyRefused { .. }),
        "{refused}"
    );
    let text = refused.to_string();
    assert!(
        text.contains("revoked") && text.contains("Settings"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_flood_from_one_address_gets_429_with_retry_after() {
    let server = start_with(
        |c| {
            c.server.rate_per_address = 2;
            c.server.rate_burst = 5;
        },
        false,
    )
    .await;
    let mut statuses = Vec::new();
    let mut retry_after = None;
    for _ in 0..30 {
        let response = server.get("/queue").await;
        statuses.push(response.status().as_u16());
        // Every answer, refused or not, carries the security headers and is not
        // kept in a shared desk's cache.
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        assert_eq!(response.headers()["cache-control"], "no-store");
        if response.status() == 429 {
            retry_after = response.headers().get("retry-after").cloned();
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["error"], "rate_limited");
        }
    }
    let ok = statuses.iter().filter(|s| **s == 200).count();
    let limited = statuses.iter().filter(|s| **s == 429).count();
    // The burst passes; the rest of a tight loop is refused (a few may pass as the
    // allowance refills at 2 per second).
    assert!((5..=8).contains(&ok), "{statuses:?}");
    assert_eq!(ok + limited, 30, "{statuses:?}");
    let secs: u64 = retry_after.unwrap().to_str().unwrap().parse().unwrap();
    assert!(secs >= 1);
    // The limit is per address even without a key: /health is limited too.
    let health = server
        .http
        .get(format!("{}/health", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 429);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_queue_answers_503_and_stores_nothing() {
    let server = start_with(|c| c.queue.max_queued = 2, false).await;
    for i in 0..2 {
        let (status, _, body) = server
            .submit_text(&format!("Complaint {i}: my phone was stolen."))
            .await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, headers, body) = server.submit_text("One complaint too many.").await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(headers["retry-after"], "10");
    assert_eq!(body["error"], "busy");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("nothing was saved"));
    let counts = server
        .engine
        .store()
        .count_jobs_by_state(None)
        .await
        .unwrap();
    assert_eq!(
        counts.values().sum::<i64>(),
        2,
        "the refused case was not stored"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_oversized_body_gets_413_and_stores_nothing() {
    let server = start_with(|_| {}, false).await;
    // The finding: three 60 MB JSON complaints each answered 200 and grew the database
    // by 38 MB. Now a body declaring 60 MB is refused before it is sent (the client
    // asks `Expect: 100-continue`, as curl does for large bodies)...
    let huge = 60_000_000;
    let (status, body) = server.declare_json("POST", "/process", huge).await;
    assert_eq!(status, 413, "{body}");
    assert!(
        body.contains("\"too_large\"") && body.contains("nothing was saved"),
        "{body}"
    );
    // ...and one that does not declare its length is cut off while it is read.
    let (status, body) = server.chunked_json("/process", 1_000_000).await;
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("nothing was saved"), "{body}");
    let counts = server
        .engine
        .store()
        .count_jobs_by_state(None)
        .await
        .unwrap();
    assert_eq!(counts.values().sum::<i64>(), 0, "nothing was stored");
    // Any other JSON route is held to the same size: an edit cannot smuggle megabytes.
    let (status, _, body) = server.submit_text("My phone was stolen.").await;
    assert_eq!(status, 200, "{body}");
    let case = body["case_id"].as_i64().unwrap();
    let (status, body) = server
        .declare_json("PATCH", &format!("/cases/{case}/draft"), huge)
        .await;
    assert_eq!(status, 413, "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn event_streams_are_bounded_per_user_and_end_when_the_key_is_revoked() {
    // No dispatcher: the job stays queued, so its stream stays open.
    let server = start_with(|_| {}, false).await;
    let (status, _, body) = server.submit_text("My phone was stolen.").await;
    assert_eq!(status, 200, "{body}");
    let job = body["job_id"].as_i64().unwrap();
    let open = |key: String| {
        let http = server.http.clone();
        let url = format!("{}/jobs/{job}/events", server.url);
        async move { http.get(url).bearer_auth(key).send().await.unwrap() }
    };
    let mut streams = Vec::new();
    for _ in 0..64 {
        let response = open(server.writer.clone()).await;
        assert_eq!(response.status(), 200);
        streams.push(response);
    }
    let refused = open(server.writer.clone()).await;
    assert_eq!(refused.status(), 429);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"], "too_many_streams", "{body}");
    // Another user is not affected by ravi's streams.
    assert_eq!(open(server.sho.clone()).await.status(), 200);
    // Closing one frees its place.
    drop(streams.pop());
    let mut reopened = None;
    for _ in 0..50 {
        let response = open(server.writer.clone()).await;
        if response.status() == 200 {
            reopened = Some(response);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    streams.push(reopened.expect("a closed stream's place is given back"));
    // Revoking the key ends every stream it opened.
    assert!(auth::revoke_user(server.engine.store(), "ravi")
        .await
        .unwrap());
    let mut last = streams.pop().unwrap();
    let ended = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        while let Ok(Some(_)) = last.chunk().await {}
    })
    .await;
    assert!(ended.is_ok(), "the revoked key's stream was not closed");
}

#[tokio::test(flavor = "multi_thread")]
async fn process_takes_a_whole_case_as_multipart() {
    let server = start_with(|c| c.input.max_file_bytes = 100_000, true).await;
    let form = reqwest::multipart::Form::new()
        .text("text", HINDI)
        .text("language", "hi")
        .text("urgent", "true")
        .part(
            "file",
            reqwest::multipart::Part::bytes(wav()).file_name("बयान.wav"),
        );
    let (status, submitted) = server.multipart("/process", form).await;
    assert_eq!(status, 200, "{submitted}");
    let case = submitted["case_id"].as_i64().unwrap();
    server
        .wait_for_review(submitted["job_id"].as_i64().unwrap())
        .await;
    let view: Value = server
        .get(&format!("/cases/{case}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view["inputs"][0]["text"], HINDI);
    assert_eq!(view["inputs"][1]["kind"], "audio");

    // Over the per-file limit: 413 while streaming, naming the file.
    let big = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(vec![0u8; 150_000]).file_name("long.wav"),
    );
    let (status, refused) = server.multipart("/process", big).await;
    assert_eq!(status, 413, "{refused}");
    assert!(refused["message"].as_str().unwrap().contains("long.wav"));
    // A field we do not know is an error, not silently dropped.
    let odd = reqwest::multipart::Form::new().text("statement", "x");
    let (status, refused) = server.multipart("/process", odd).await;
    assert_eq!(status, 400, "{refused}");
    // /validate checks files without keeping them.
    let check = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(wav()).file_name("a.wav"),
    );
    let (status, checked) = server.multipart("/validate", check).await;
    assert_eq!(status, 200, "{checked}");
    assert_eq!(checked[0]["kind"], "audio");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_openapi_document_describes_the_routes() {
    let server = start_with(|_| {}, false).await;
    let response = server
        .http
        .get(format!("{}/openapi.json", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let doc: Value = response.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/process",
        "/jobs/{id}/events",
        "/firs/{job}/finalize",
        "/fir/{number}",
        "/metrics/prometheus",
        "/health",
        "/health/details",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is not described");
    }
    let finalize = &doc["paths"]["/firs/{job}/finalize"]["post"];
    assert!(finalize["responses"]["403"].is_object());
    assert_eq!(finalize["security"][0]["api_key"], json!([]));
    assert_eq!(
        doc["components"]["securitySchemes"]["api_key"]["scheme"],
        "bearer"
    );
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}
