//! The station server's API end to end over real HTTP: upload, process, live events,
//! review, finalise, PDF, search, errors, and the UI served at `/`.

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
    _mock: MockServer,
    _dir: tempfile::TempDir,
}

async fn start() -> Running {
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
    let engine = Engine::open(config).await.unwrap();
    std::mem::forget(engine.start());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(afirgen_server::serve(
        engine,
        listener,
        Some(ui),
        std::future::pending(),
    ));
    Running {
        url,
        http: reqwest::Client::new(),
        _mock: mock,
        _dir: dir,
    }
}

impl Running {
    async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.url))
            .send()
            .await
            .unwrap()
    }
    async fn json(&self, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
        let response = self
            .http
            .request(method, format!("{}{path}", self.url))
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
        let response = self
            .http
            .post(format!("{}/uploads", self.url))
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap())
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_case_from_upload_to_pdf_over_http() {
    let server = start().await;

    let health: Value = server.get("/health").await.json().await.unwrap();
    assert_eq!(health["status"], "ok", "{health}");
    assert_eq!(health["concurrency"]["max_concurrent_requests"], 15);

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
    let (status, record) = server
        .json(
            reqwest::Method::POST,
            &format!("/firs/{job}/finalize"),
            json!(null),
        )
        .await;
    assert_eq!(status, 200, "{record}");
    let number = record["display_number"].as_str().unwrap().to_owned();

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
    assert_eq!(verified["intact"], true);
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
    assert!(page.text().await.unwrap().contains("AFIRGen"));
    // Client-side routes fall back to the app.
    assert_eq!(server.get("/review/12").await.status(), 200);
}
