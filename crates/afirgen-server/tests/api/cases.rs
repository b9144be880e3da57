//! A case over HTTP from upload through review and finalisation to its PDF, and a
//! whole case sent to `/process` as multipart.

use super::*;

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
