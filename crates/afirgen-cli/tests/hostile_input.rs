//! Issue 16, finding 1, against a running station server: an audio decompression bomb
//! (a small FLAC that expands to days of samples) is refused or fails its job with a
//! clear reason while `afirgen serve` runs under an address-space limit it could not
//! survive decoding the whole file in, and the server goes on serving.

mod support;

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use support::{add_sho, Database, Server};

/// Samples per second of the bomb (FLAC's 16 kHz code) and per frame (the format's
/// largest block, so the file stays small).
const RATE: u32 = 16_000;
const BLOCK: u32 = 65_535;

/// A mono 16-bit FLAC of `seconds` of silence made of constant subframes: about 16
/// bytes per 4 s of audio. `declare` writes the length into STREAMINFO; a bomb that
/// leaves it 0 ("unknown") can only be caught while decoding.
fn flac_bomb(seconds: u64, declare: bool) -> Vec<u8> {
    let total = seconds * u64::from(RATE);
    let mut out = b"fLaC".to_vec();
    // Last metadata block, STREAMINFO, 34 bytes.
    out.extend_from_slice(&[0x80, 0, 0, 34]);
    out.extend_from_slice(&(BLOCK as u16).to_be_bytes()); // smallest block
    out.extend_from_slice(&(BLOCK as u16).to_be_bytes()); // largest block
    out.extend_from_slice(&[0; 6]); // frame sizes unknown
                                    // 20 bits rate, 3 bits channels - 1, 5 bits bits-per-sample - 1, 36 bits samples.
    let declared = if declare { total } else { 0 };
    let packed: u64 = (u64::from(RATE) << 44) | (15 << 36) | declared;
    out.extend_from_slice(&packed.to_be_bytes());
    out.extend_from_slice(&[0; 16]); // MD5 unknown
    let frames = total.div_ceil(u64::from(BLOCK));
    for number in 0..frames {
        let start = out.len();
        // Sync, fixed blocks; block size "16 bits follow", 16 kHz; mono, 16 bits.
        out.extend_from_slice(&[0xFF, 0xF8, 0x75, 0x08]);
        out.extend_from_slice(&utf8_number(number));
        out.extend_from_slice(&((BLOCK - 1) as u16).to_be_bytes());
        let crc = crc8(&out[start..]);
        out.push(crc);
        // A constant subframe of sample value 0.
        out.extend_from_slice(&[0x00, 0x00, 0x00]);
        let crc = crc16(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    out
}

/// FLAC's frame number: UTF-8's coding extended to 36 bits.
fn utf8_number(n: u64) -> Vec<u8> {
    if n < 0x80 {
        return vec![n as u8];
    }
    let mut tail = Vec::new();
    let mut rest = n;
    let mut room = 0x3F; // payload bits the lead byte can still hold
    while rest > room {
        tail.push(0x80 | (rest & 0x3F) as u8);
        rest >>= 6;
        room >>= 1;
    }
    let lead = !((room << 1) | 1) as u8 | rest as u8;
    let mut bytes = vec![lead];
    bytes.extend(tail.iter().rev());
    bytes
}

fn crc8(bytes: &[u8]) -> u8 {
    bytes.iter().fold(0u8, |mut crc, &b| {
        crc ^= b;
        for _ in 0..8 {
            crc = if crc & 0x80 != 0 {
                (crc << 1) ^ 0x07
            } else {
                crc << 1
            };
        }
        crc
    })
}

fn crc16(bytes: &[u8]) -> u16 {
    bytes.iter().fold(0u16, |mut crc, &b| {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x8005
            } else {
                crc << 1
            };
        }
        crc
    })
}

#[test]
fn frame_numbers_are_coded_as_flac_reads_them() {
    assert_eq!(utf8_number(0x7F), [0x7F]);
    assert_eq!(utf8_number(0x80), [0xC2, 0x80]);
    assert_eq!(utf8_number(0x7FF), [0xDF, 0xBF]);
    assert_eq!(utf8_number(0x800), [0xE0, 0xA0, 0x80]);
    assert_eq!(utf8_number(0x10000), [0xF0, 0x90, 0x80, 0x80]);
    // The check values of the CRCs FLAC uses (CRC-8/SMBUS and CRC-16/UMTS).
    assert_eq!(crc8(b"123456789"), 0xF4);
    assert_eq!(crc16(b"123456789"), 0xFEE8);
}

/// 40 hours: 9.2 GB as 32-bit samples, far past the limit the server runs under.
const BOMB_SECS: u64 = 40 * 3600;
/// The server's address-space limit: room for its runtime and a capped decode, not
/// for the whole bomb.
const MEMORY_LIMIT: u64 = 3 << 30;

/// Waits for a job to reach a state in `states`, failing fast if the server died.
async fn wait_for(
    server: &mut Server,
    http: &reqwest::Client,
    key: &str,
    id: i64,
    states: &[&str],
) -> Value {
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let answer = http
            .get(format!("{}/jobs/{id}", server.url))
            .bearer_auth(key)
            .send()
            .await;
        let job: Option<Value> = match answer {
            Ok(response) => response.json().await.ok(),
            Err(_) => None,
        };
        if let Some(status) = server.child.try_wait().unwrap() {
            panic!("the server stopped ({status}) while job {id} ran");
        }
        if let Some(job) = job {
            if states.iter().any(|s| job["state"] == *s) {
                return job;
            }
        }
        assert!(Instant::now() < deadline, "job {id} never finished");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn submit_audio(
    http: &reqwest::Client,
    url: &str,
    key: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().text("language", "en").part(
        "file",
        reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_owned())
            .mime_str("audio/flac")
            .unwrap(),
    );
    http.post(format!("{url}/process"))
        .bearer_auth(key)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_audio_bomb_fails_its_job_and_the_server_keeps_serving() {
    let db = Database::create().await;
    let mock = support::mock(0).await;
    let dir = tempfile::tempdir().unwrap();
    let key = add_sho(dir.path(), &db.url, &mock.url());
    let mut server = Server::start_limited(
        dir.path(),
        "serve",
        &db.url,
        &mock.url(),
        &[("AFIRGEN_MAX_RECORDING_SECS", "3600")],
        MEMORY_LIMIT,
    );
    let http = reqwest::Client::new();

    // Declared 40 hours: refused from the header, before anything is stored.
    let declared = flac_bomb(BOMB_SECS, true);
    assert!(declared.len() < 1_000_000, "{} bytes", declared.len());
    let response = submit_audio(&http, &server.url, &key, "declared.flac", declared).await;
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert!(status.is_client_error(), "{status}: {body}");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("declared.flac is 40 h of audio, longer than the 1 h"),
        "{message}"
    );

    // Length unknown: accepted, then stopped at the cap while decoding.
    let bomb = flac_bomb(BOMB_SECS, false);
    let response = submit_audio(&http, &server.url, &key, "bomb.flac", bomb).await;
    assert_eq!(response.status(), 200);
    let id = response.json::<Value>().await.unwrap()["job_id"]
        .as_i64()
        .unwrap();
    let failed = wait_for(&mut server, &http, &key, id, &["failed", "awaiting_review"]).await;
    assert_eq!(failed["state"], "failed", "{failed}");
    let error = failed["error"]["message"].as_str().unwrap_or_default();
    assert!(
        error.contains("bomb.flac runs past 1 h of audio"),
        "the reason names the file and the limit: {failed}"
    );

    // The same server goes on: health answers and a typed complaint reaches review.
    let health = http
        .get(format!("{}/health", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let response = http
        .post(format!("{}/process", server.url))
        .bearer_auth(&key)
        .json(&json!({
            "text": "My bicycle was stolen from outside the post office on Monday evening.",
            "files": [], "language": "en", "urgent": false
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let id = response.json::<Value>().await.unwrap()["job_id"]
        .as_i64()
        .unwrap();
    let done = wait_for(&mut server, &http, &key, id, &["failed", "awaiting_review"]).await;
    assert_eq!(done["state"], "awaiting_review", "{done}");
}
