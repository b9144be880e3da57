//! The real-model tier: llama.cpp's llama-server with SmolLM2, faster-whisper with
//! multilingual Whisper base and
//! Tesseract, as installed by scripts/models.sh and started with `afirgen models up`.
//! Speech is made with espeak-ng, scans by rendering text with Pango and roughening it
//! with ImageMagick.
//!
//! These tests need the harness, so plain `cargo test` lists them as ignored;
//! scripts/test.sh runs them (`--ignored`) after installing everything.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn models_home() -> PathBuf {
    std::env::var_os("AFIRGEN_MODELS_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join(".afirgen/models"))
}

/// The data folder shared by the tier's supervisor (each test has its own database).
fn tier_dir() -> PathBuf {
    repo().join("target/real-tier")
}

fn afirgen(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_afirgen"));
    cmd.env("AFIRGEN_DATA_DIR", tier_dir())
        .env("AFIRGEN_MODELS_HOME", models_home())
        .env("AFIRGEN_DATABASE_URL", format!("sqlite://{}", db.display()))
        .env_remove("AFIRGEN_LLM_URL")
        .env_remove("AFIRGEN_ASR_URL")
        .env_remove("AFIRGEN_EMBED_URL")
        .env("AFIRGEN_USER", "real-tier")
        .stdin(Stdio::null());
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn run_ok(cmd: &mut Command) -> Output {
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "{:?} failed:\n{}\n{}",
        cmd,
        text(&output.stdout),
        text(&output.stderr)
    );
    output
}

/// Starts the supervised local servers once for this test binary.
fn servers() -> &'static (String, String) {
    static STARTED: OnceLock<(String, String)> = OnceLock::new();
    STARTED.get_or_init(|| {
        assert!(
            models_home().join("servers.toml").is_file(),
            "the model harness is not installed at {}: run scripts/models.sh",
            models_home().display()
        );
        let scratch = tier_dir().join("scratch.db");
        std::fs::create_dir_all(tier_dir()).unwrap();
        run_ok(afirgen(&scratch).args(["models", "up", "--detach"]));
        let status = run_ok(afirgen(&scratch).args(["models", "status", "--json"]));
        let report: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
        let url = |role: &str| {
            report["servers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["role"] == role)
                .map(|s| s["url"].as_str().unwrap().to_owned())
                .unwrap_or_else(|| panic!("no {role} server in {report}"))
        };
        (url("llm"), url("asr"))
    })
}

fn espeak(path: &Path, words: &str) {
    run_ok(
        Command::new("espeak-ng")
            .args(["-s", "150", "-w"])
            .arg(path)
            .arg(words),
    );
}

/// Renders `words` as a slightly noisy, slightly skewed greyscale scan.
fn scan(path: &Path, words: &str, font: &str) {
    let source = path.with_extension("txt");
    std::fs::write(&source, words).unwrap();
    let clean = path.with_extension("clean.png");
    run_ok(
        Command::new("pango-view")
            .arg(format!("--font={font} 26"))
            .args([
                "--width=1400",
                "--wrap=word",
                "--margin=90",
                "--background=white",
                "-q",
                "-o",
            ])
            .arg(&clean)
            .arg(&source),
    );
    // /usr/local/bin may hold a stand-in `convert`; ImageMagick's own is in /usr/bin.
    let convert = if Path::new("/usr/bin/convert").exists() {
        "/usr/bin/convert"
    } else {
        "convert"
    };
    run_ok(
        Command::new(convert)
            .arg(&clean)
            .args([
                "-colorspace",
                "Gray",
                "-attenuate",
                "0.3",
                "+noise",
                "Gaussian",
                "-rotate",
                "0.6",
            ])
            .args(["-background", "white", "-flatten"])
            .arg(path),
    );
}

/// Share of `expected` words found in `actual` (case and punctuation ignored).
fn recall(actual: &str, expected: &[&str]) -> f64 {
    let norm = |s: &str| {
        s.to_lowercase()
            .chars()
            .filter(|c| !c.is_ascii_punctuation())
            .collect::<String>()
    };
    let haystack = norm(actual);
    expected
        .iter()
        .filter(|w| haystack.contains(&norm(w)))
        .count() as f64
        / expected.len() as f64
}

const SPOKEN: &str = "My name is Ramesh Kumar. This morning somebody stole my mobile phone on the city bus near the market. The phone is worth eighteen thousand rupees.";
const WRITTEN: &str = "To the Station House Officer. I wish to report that my bicycle was stolen from outside the railway station on Monday evening. The bicycle is red and was locked with a chain.";
const HINDI: &str = "सेवा में, थाना प्रभारी महोदय। मेरा नाम सुनीता देवी है। कल शाम बाज़ार से लौटते समय मोटरसाइकिल पर आए दो लड़कों ने मेरी सोने की चेन छीन ली। मेरा मोबाइल फ़ोन भी चोरी हो गया।";

#[test]
#[ignore = "real-model tier: needs scripts/models.sh; scripts/test.sh runs it"]
fn spoken_and_scanned_complaints_become_a_draft() {
    servers();
    let dir = tempfile::tempdir().unwrap();
    let audio = dir.path().join("statement.wav");
    espeak(&audio, SPOKEN);
    let english = dir.path().join("complaint-en.png");
    scan(&english, WRITTEN, "DejaVu Sans");
    let hindi = dir.path().join("complaint-hi.png");
    scan(&hindi, HINDI, "Lohit Devanagari");
    let out = dir.path().join("out.json");
    let identified_before = asr_log_lines("language=detect:en,hi->en");
    let started = Instant::now();
    run_ok(
        afirgen(&dir.path().join("case.db"))
            .args(["generate", "--audio"])
            .arg(&audio)
            .arg("--image")
            .arg(&english)
            .arg("--image")
            .arg(&hindi)
            .arg("--json")
            .arg(&out),
    );
    println!(
        "three inputs to a draft with the real models in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(report["job"]["state"], "awaiting_review");
    let inputs = report["inputs"].as_array().unwrap();
    let spoken = inputs[0]["text"].as_str().unwrap();
    println!("ASR: {spoken}");
    assert_eq!(inputs[0]["source"], "asr:whisper-base");
    // Detect (no language given): the first chunk's language identified among the
    // station's (en, hi) by the server, recorded with the transcript.
    assert_eq!(inputs[0]["language"], "en", "{}", inputs[0]);
    assert!(
        asr_log_lines("language=detect:en,hi->en") > identified_before,
        "the ASR server's log shows no identification among en, hi"
    );
    let spoken_recall = recall(
        spoken,
        &[
            "name", "morning", "stole", "mobile", "phone", "bus", "market", "rupees",
        ],
    );
    assert!(
        spoken_recall >= 0.75,
        "ASR kept {spoken_recall:.2} of the key words: {spoken}"
    );

    let written = inputs[1]["text"].as_str().unwrap();
    println!("OCR (English): {written}");
    assert_eq!(inputs[1]["source"], "tesseract:eng+hin");
    let written_recall = recall(
        written,
        &[
            "station", "house", "officer", "bicycle", "stolen", "railway", "monday", "chain",
        ],
    );
    assert!(
        written_recall >= 0.85,
        "OCR kept {written_recall:.2} of the key words: {written}"
    );

    let hindi_text = inputs[2]["text"].as_str().unwrap();
    println!("OCR (Hindi): {hindi_text}");
    let hindi_recall = recall(
        hindi_text,
        &[
            "थाना",
            "सुनीता",
            "बाज़ार",
            "मोटरसाइकिल",
            "सोने",
            "चेन",
            "मोबाइल",
            "चोरी",
        ],
    );
    assert!(
        hindi_recall >= 0.85,
        "OCR kept {hindi_recall:.2} of the Hindi key words: {hindi_text}"
    );

    let statement = report["draft"]["statement"].as_str().unwrap();
    assert_eq!(
        statement,
        format!("{spoken}\n\n{written}\n\n{hindi_text}"),
        "item 12 is the inputs' text, in order"
    );
    assert_eq!(report["draft"]["information_type"], "oral");
    // Item 2 comes from the catalogue: every section has its title and schedule facts.
    let sections = report["draft"]["acts_sections"].as_array().unwrap();
    assert!(!sections.is_empty());
    for section in sections {
        assert!(
            section["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{section}"
        );
        assert!(section["schedule"]["triable_by"].is_string(), "{section}");
        assert!(
            ["llm_judged", "retrieval_unreviewed"].contains(&section["source"].as_str().unwrap()),
            "{section}"
        );
    }
    assert!(["fir", "ncr"].contains(
        &report["draft"]["classification"]["report"]
            .as_str()
            .unwrap()
    ));
    assert!(!report["draft"]["summary"].as_str().unwrap().is_empty());
}

/// Lines of the tier's ASR server log (requests are logged with their language).
fn asr_log_lines(needle: &str) -> usize {
    std::fs::read_to_string(tier_dir().join("logs/asr.log"))
        .unwrap_or_default()
        .lines()
        .filter(|line| line.contains(needle))
        .count()
}

#[test]
#[ignore = "real-model tier: needs scripts/models.sh; scripts/test.sh runs it"]
fn a_hindi_recording_becomes_a_devanagari_transcript() {
    servers();
    let dir = tempfile::tempdir().unwrap();
    let audio = dir.path().join("hindi.wav");
    run_ok(
        Command::new("espeak-ng")
            .args(["-v", "hi", "-s", "120", "-w"])
            .arg(&audio)
            .arg("मेरा नाम राम कुमार है। मेरा मोबाइल फोन चोरी हो गया है। कृपया मेरी मदद कीजिए।"),
    );
    let asked_in_hindi = asr_log_lines("language=hi prompt=yes");
    let out = dir.path().join("out.json");
    run_ok(
        afirgen(&dir.path().join("case.db"))
            .args(["generate", "--lang", "hi", "--audio"])
            .arg(&audio)
            .arg("--json")
            .arg(&out),
    );
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let heard = report["inputs"][0]["text"].as_str().unwrap();
    println!("ASR (Hindi): {heard}");
    // The case's language reached the speech server, with the Devanagari prompt.
    assert!(
        asr_log_lines("language=hi prompt=yes") > asked_in_hindi,
        "the ASR server's log shows no Hindi request"
    );
    // Told nothing, Whisper base returns nothing for this recording, or Urdu or Latin
    // letters: Devanagari is the case's language at work.
    let letters: Vec<char> = heard.chars().filter(|c| c.is_alphabetic()).collect();
    let devanagari = letters
        .iter()
        .filter(|c| ('\u{0900}'..='\u{097F}').contains(*c))
        .count();
    assert!(
        letters.len() >= 20 && devanagari as f64 >= 0.9 * letters.len() as f64,
        "not a Devanagari transcript: {heard}"
    );
    // Whisper base on espeak-ng's Hindi voice is poor: 38 of 170 words over twelve
    // recordings (beam 5; greedy 20), the rest near-sounding nonsense such as "मोबाल
    // कुम जोटी", and at some speeds it loops (kept once) or echoes the prompt. At 120
    // words a minute this one gives 3 of these 7 words, so the bar is two: the speech
    // was heard as Hindi words.
    let keys = ["मेरा", "राम", "कुमार", "मोबाइल", "फोन", "चोरी", "मदद"];
    let found: Vec<&&str> = keys.iter().filter(|k| heard.contains(**k)).collect();
    assert!(found.len() >= 2, "{found:?} of {keys:?} in: {heard}");
}

/// A recording of several minutes: a sequence of distinct sentences.
fn long_story(dir: &Path) -> (PathBuf, Vec<String>) {
    let places = [
        "the market",
        "the railway station",
        "the bus stand",
        "the temple",
        "the school",
        "the hospital",
    ];
    let things = [
        "a phone",
        "a bicycle",
        "a purse",
        "a gold chain",
        "a laptop",
        "a wallet",
    ];
    let mut sentences = Vec::new();
    for (i, place) in places.iter().enumerate() {
        for (j, thing) in things.iter().enumerate() {
            sentences.push(format!(
                "Witness number {} saw {thing} taken near {place} on day {}.",
                i * 6 + j + 1,
                j + 2
            ));
        }
    }
    let mut parts = Vec::new();
    for (i, sentence) in sentences.iter().enumerate() {
        let part = dir.join(format!("part{i:02}.wav"));
        espeak(&part, sentence);
        parts.push(part);
    }
    let joined = dir.join("story.wav");
    run_ok(Command::new("sox").args(&parts).arg(&joined));
    (joined, sentences)
}

#[test]
#[ignore = "real-model tier: needs scripts/models.sh; scripts/test.sh runs it"]
fn chunked_transcription_gives_the_words_of_the_whole_file() {
    use afirgen_core::media::{audio, MediaType};
    let (_, asr_url) = servers();
    let dir = tempfile::tempdir().unwrap();
    let (story, sentences) = long_story(dir.path());
    let bytes = std::fs::read(&story).unwrap();
    let pcm = audio::decode(
        "story.wav",
        &bytes,
        MediaType::Wav,
        Path::new("ffmpeg"),
        7200,
    )
    .unwrap();
    assert!(
        pcm.seconds() > 150.0,
        "a recording of several minutes: {:.0} s",
        pcm.seconds()
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (whole, chunked, chunks) = runtime.block_on(async {
        let mut config = afirgen_core::Config::default();
        config.asr.urls = vec![asr_url.clone()];
        config.asr.model = "whisper-base".into();
        config.asr.max_in_flight_per_endpoint = 2;
        let gates = afirgen_core::gate::Gates::new(15, 10);
        let client = afirgen_core::models::ModelClient::new(&config, gates).unwrap();
        let whole = client
            .transcribe(std::sync::Arc::new(audio::to_wav(&pcm.samples)), "en")
            .await
            .unwrap();
        let ranges = audio::chunk_ranges(&pcm, 30.0, 0.4);
        let calls = ranges.iter().map(|r| {
            client.transcribe(
                std::sync::Arc::new(audio::to_wav(&pcm.samples[r.clone()])),
                "en",
            )
        });
        let parts = futures::future::try_join_all(calls).await.unwrap();
        (
            whole,
            afirgen_core::media::transcript::merge_transcripts(&parts),
            ranges.len(),
        )
    });
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let lcs = |a: &[String], b: &[String]| -> usize {
        let mut table = vec![vec![0u32; b.len() + 1]; a.len() + 1];
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                table[i][j] = if a[i - 1] == b[j - 1] {
                    table[i - 1][j - 1] + 1
                } else {
                    table[i - 1][j].max(table[i][j - 1])
                };
            }
        }
        table[a.len()][b.len()] as usize
    };
    let spoken = words(&sentences.join(" "));
    let (whole_words, chunked_words) = (words(&whole), words(&chunked));
    // Whisper's guesses depend on the audio around them, so two transcripts of the same
    // speech never match word for word; what chunking must not do is lose, repeat or
    // reorder words. Both are measured against what was actually said: in-order recall
    // (longest common subsequence / words spoken) and in-order precision (LCS / words
    // transcribed, which falls if the overlap duplicates words).
    let score = |heard: &[String]| {
        let common = lcs(&spoken, heard) as f64;
        (
            common / spoken.len() as f64,
            common / heard.len().max(1) as f64,
        )
    };
    let (whole_recall, whole_precision) = score(&whole_words);
    let (chunked_recall, chunked_precision) = score(&chunked_words);
    let agreement = 2.0 * lcs(&whole_words, &chunked_words) as f64
        / (whole_words.len() + chunked_words.len()) as f64;
    println!(
        "{chunks} chunks of {:.0} s audio; words spoken {}, whole file {} (recall {whole_recall:.3}, precision {whole_precision:.3}), chunked {} (recall {chunked_recall:.3}, precision {chunked_precision:.3}); whole-vs-chunked agreement {agreement:.3}",
        pcm.seconds(),
        spoken.len(),
        whole_words.len(),
        chunked_words.len()
    );
    println!("chunked: {chunked}");
    assert!(chunks >= 5);
    assert!(
        whole_recall >= 0.6,
        "the whole-file baseline itself is poor: {whole}"
    );
    assert!(
        chunked_recall >= whole_recall - 0.05,
        "chunking lost words:\n{chunked}\nwhole:\n{whole}"
    );
    assert!(
        chunked_precision >= whole_precision - 0.05,
        "chunking added or repeated words:\n{chunked}"
    );
    // The story's order survives: the witness numbers heard rise. Days run 2 to 7 and
    // witnesses 1 to 36, so a number over 7 is a witness's, whatever word the model
    // heard before it (small Whisper models hear "number 17" as "December 17", "day 5"
    // as "base 5").
    let numbers: Vec<u32> = chunked_words
        .iter()
        .filter_map(|word| word.parse().ok())
        .filter(|n| *n > 7)
        .collect();
    assert!(
        numbers.len() >= 18,
        "too few witness numbers heard: {numbers:?}"
    );
    assert!(
        numbers.windows(2).all(|w| w[0] < w[1]),
        "numbers out of order: {numbers:?}"
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// An ASR server process, killed when dropped (also when a test fails).
struct AsrServer(Child);

impl AsrServer {
    fn stop(mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for AsrServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An ASR server of the test's own, so it can be stopped and started again.
fn start_asr(port: u16) -> AsrServer {
    let home = models_home();
    let child = Command::new(home.join("venv/bin/python"))
        .arg(home.join("asr_server.py"))
        .arg("--model")
        .arg(home.join("whisper-base"))
        .args(["--port", &port.to_string(), "--workers", "2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Command::new("curl")
        .args(["-sf", &format!("http://127.0.0.1:{port}/health")])
        .output()
        .map(|o| !o.status.success())
        .unwrap_or(true)
    {
        assert!(Instant::now() < deadline, "the ASR server did not start");
        std::thread::sleep(Duration::from_millis(200));
    }
    AsrServer(child)
}

fn in_flight(port: u16) -> u64 {
    Command::new("curl")
        .args(["-sf", &format!("http://127.0.0.1:{port}/health")])
        .output()
        .ok()
        .and_then(|o| serde_json::from_slice::<serde_json::Value>(&o.stdout).ok())
        .and_then(|v| v["in_flight"].as_u64())
        .unwrap_or(0)
}

#[test]
#[ignore = "real-model tier: needs scripts/models.sh; scripts/test.sh runs it"]
fn asr_server_stopped_mid_job_never_loses_the_input() {
    // The speech server is the real one; the language model is the mock, since this test
    // is about the speech server going away (and a 135M model's answer to a three-minute
    // story is not what it checks).
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mock = runtime
        .block_on(afirgen_mock::MockServer::start(
            "127.0.0.1:0".parse().unwrap(),
            Default::default(),
        ))
        .unwrap();
    let llm_url = &mock.url();
    let dir = tempfile::tempdir().unwrap();
    let (story, _) = long_story(dir.path());
    let port = free_port();
    let config = dir.path().join("retry.toml");
    // Patient retries so the job outlives a short outage.
    std::fs::write(&config, "[retry]\nmax_attempts = 12\nbase_delay_ms = 500\nmax_delay_ms = 3000\n[breaker]\nopen_ms = 1000\n").unwrap();
    let db = dir.path().join("case.db");
    let command = |cmd: &mut Command| {
        cmd.env("AFIRGEN_CONFIG", &config)
            .env("AFIRGEN_LLM_URL", llm_url)
            .env("AFIRGEN_ASR_URL", format!("http://127.0.0.1:{port}"));
    };

    // 1. The server dies while chunks are being transcribed, and comes back: the job
    //    waits through its retries and completes.
    let server = start_asr(port);
    let mut generate = afirgen(&db);
    command(&mut generate);
    let job = generate
        .args(["generate", "--audio"])
        .arg(&story)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while in_flight(port) == 0 {
        assert!(Instant::now() < deadline, "transcription never started");
        std::thread::sleep(Duration::from_millis(50));
    }
    server.stop();
    std::thread::sleep(Duration::from_secs(3));
    let server = start_asr(port);
    let output = job.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("draft ready for review: case 1, job 1"),
        "{}",
        text(&output.stdout)
    );

    // 2. The server stays down: the job fails with a clear reason and keeps its input;
    //    once the server is back, retrying the job completes it.
    server.stop();
    let mut generate = afirgen(&db);
    command(&mut generate);
    std::fs::write(&config, "[retry]\nmax_attempts = 2\nbase_delay_ms = 100\n").unwrap();
    let output = generate
        .args(["generate", "--audio"])
        .arg(&story)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("job 2 failed: ASR server unavailable after 2 tries"),
        "{stderr}"
    );
    let server = start_asr(port);
    let mut retry = afirgen(&db);
    command(&mut retry);
    run_ok(retry.args(["jobs", "retry", "2"]));
    let mut resume = afirgen(&db);
    command(&mut resume);
    run_ok(resume.arg("resume"));
    let mut show = afirgen(&db);
    command(&mut show);
    let job: serde_json::Value =
        serde_json::from_slice(&run_ok(show.args(["jobs", "show", "2"])).stdout).unwrap();
    assert_eq!(job["state"], "awaiting_review", "{job}");
    server.stop();
}

/// A PDF made only of page images (what a scanner writes): each JPEG drawn full-page,
/// no text layer.
fn scanned_pdf(path: &Path, jpegs: &[PathBuf]) {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let n = jpegs.len();
    // 1: catalog, 2: pages, then per page: page, content, image.
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + i * 3)).collect();
    objects.push(format!("<< /Type /Pages /Count {n} /Kids [{}] >>", kids.join(" ")).into_bytes());
    for (i, jpeg) in jpegs.iter().enumerate() {
        let data = std::fs::read(jpeg).unwrap();
        let size = text(
            &run_ok(
                Command::new("identify")
                    .args(["-format", "%w %h"])
                    .arg(jpeg),
            )
            .stdout,
        );
        let (w, h) = size.trim().split_once(' ').unwrap();
        let (content, image) = (4 + i * 3, 5 + i * 3);
        // A4 width at 72 points per inch; the height keeps the image's proportions.
        let (wf, hf): (f64, f64) = (w.parse().unwrap(), h.parse().unwrap());
        let height = (595.0 * hf / wf).round();
        objects.push(
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 {height}] /Resources << /XObject << /Im{i} {image} 0 R >> >> /Contents {content} 0 R >>")
                .into_bytes(),
        );
        let draw = format!("q 595 0 0 {height} 0 0 cm /Im{i} Do Q");
        objects
            .push(format!("<< /Length {} >>\nstream\n{draw}\nendstream", draw.len()).into_bytes());
        let mut image_object = format!(
            "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
            data.len()
        )
        .into_bytes();
        image_object.extend_from_slice(&data);
        image_object.extend_from_slice(b"\nendstream");
        objects.push(image_object);
    }
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(object);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    std::fs::write(path, pdf).unwrap();
}

#[test]
#[ignore = "real-model tier: needs scripts/models.sh; scripts/test.sh runs it"]
fn pdf_scans_and_a_sideways_page_are_read() {
    use afirgen_core::media::MediaType;
    use afirgen_core::ocr::Ocr;
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("page1.png");
    scan(
        &first,
        "Page one. My scooter was stolen from the parking lot of the cinema hall on Friday night.",
        "DejaVu Sans",
    );
    let second = dir.path().join("page2.png");
    scan(
        &second,
        "Page two. The scooter is blue and its registration number is written on the receipt.",
        "DejaVu Sans",
    );
    let convert = if Path::new("/usr/bin/convert").exists() {
        "/usr/bin/convert"
    } else {
        "convert"
    };
    let jpegs: Vec<PathBuf> = [&first, &second]
        .iter()
        .map(|png| {
            let jpeg = png.with_extension("jpg");
            run_ok(
                Command::new(convert)
                    .arg(png)
                    .args(["-quality", "85"])
                    .arg(&jpeg),
            );
            jpeg
        })
        .collect();
    let pdf = dir.path().join("scan.pdf");
    scanned_pdf(&pdf, &jpegs);
    let sideways = dir.path().join("sideways.png");
    run_ok(
        Command::new(convert)
            .arg(&first)
            .args(["-rotate", "90"])
            .arg(&sideways),
    );

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let config = afirgen_core::Config::default();
    let ocr = Ocr::new(&config.ocr, config.input.max_image_pixels);
    let bytes = std::fs::read(&pdf).unwrap();
    let read = runtime
        .block_on(ocr.read("scan.pdf", &bytes, MediaType::Pdf))
        .unwrap();
    println!("PDF ({} pages, {}): {}", read.pages, read.source, read.text);
    assert_eq!(read.pages, 2);
    assert_eq!(
        read.source, "tesseract:eng+hin",
        "an image-only PDF is read by OCR"
    );
    let one = read.text.find("scooter was stolen").expect("page one read");
    let two = read
        .text
        .find("registration number")
        .expect("page two read");
    assert!(one < two, "pages in order");

    let turned = runtime
        .block_on(ocr.read(
            "sideways.png",
            &std::fs::read(&sideways).unwrap(),
            MediaType::Png,
        ))
        .unwrap();
    println!("sideways page: {}", turned.text);
    assert!(
        recall(
            &turned.text,
            &["scooter", "stolen", "parking", "cinema", "friday"]
        ) >= 0.8,
        "{}",
        turned.text
    );

    // A PDF with a real text layer is read from it, not by OCR.
    let typed = dir.path().join("typed.pdf");
    std::fs::write(
        dir.path().join("typed.txt"),
        "Typed complaint: my purse was snatched near the bus depot.",
    )
    .unwrap();
    run_ok(
        Command::new("pango-view")
            .args(["--font=DejaVu Sans 14", "-q", "-o"])
            .arg(&typed)
            .arg(dir.path().join("typed.txt")),
    );
    let read = runtime
        .block_on(ocr.read("typed.pdf", &std::fs::read(&typed).unwrap(), MediaType::Pdf))
        .unwrap();
    assert_eq!(read.source, "pdf-text");
    assert!(
        read.text
            .contains("my purse was snatched near the bus depot"),
        "{}",
        read.text
    );
}

/// The harness's embedding model (multilingual E5, 4-bit) beside BM25: on the project's
/// evaluation files together, finding sections by words and meaning finds more expected
/// sections in the first five, and puts more right in the first three, than words
/// alone, and does not fall below the figures measured on 2026-12-06 with the entries'
/// examples (recall@5 0.718, precision@3 0.331; docs/legal-accuracy.md per file).
#[test]
#[ignore = "real-model tier: needs scripts/models.sh"]
fn sections_found_by_meaning_as_well_as_words() {
    servers();
    let dir = tempfile::tempdir().unwrap();
    let mut all = String::new();
    for file in [
        "complaints-project.jsonl",
        "complaints-holdout-2.jsonl",
        "complaints-holdout-3.jsonl",
        "complaints-holdout-4.jsonl",
        "complaints-holdout-5.jsonl",
    ] {
        all.push_str(&std::fs::read_to_string(repo().join("docs/eval").join(file)).unwrap());
    }
    let cases = dir.path().join("cases.jsonl");
    std::fs::write(&cases, all).unwrap();
    let output = run_ok(afirgen(&dir.path().join("eval.db")).args([
        "kb",
        "eval",
        cases.to_str().unwrap(),
        "--embed",
        "--json",
    ]));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let figure = |mode: &str, name: &str| report[mode][name].as_f64().unwrap();
    for (name, floor) in [("recall_at_5", 0.71), ("precision_at_3", 0.32)] {
        let (words, meaning) = (figure("retrieval", name), figure("retrieval_meaning", name));
        println!("{name}: words {words:.3}, words + meaning {meaning:.3}");
        assert!(
            meaning > words && meaning >= floor,
            "{name}: {meaning} not above words alone {words} or below {floor}"
        );
    }
}

/// A station's own model, brought with `afirgen models add`: the bundled GGUF under a
/// second name stands in for a larger one. Registered (a text file is refused), chosen,
/// served by `models up` under its name, and evaluated with the same `kb eval --llm`
/// and `eval facts` commands as the bundled model.
#[test]
#[ignore = "real-model tier: needs scripts/models.sh"]
fn a_model_brought_by_the_station_is_served_and_evaluated() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // The harness's language server, on a port of its own (the tier's may be running).
    let config = afirgen_core::Config {
        models: afirgen_core::config::ModelsConfig {
            home: Some(models_home()),
            ..Default::default()
        },
        ..Default::default()
    };
    let harness = afirgen_core::sidecar::bundled_specs(&config).unwrap();
    let llm = harness
        .iter()
        .find(|s| s.role == afirgen_core::models::Role::Llm)
        .expect("the harness has a language server");
    let bundled_gguf = llm
        .args
        .iter()
        .skip_while(|a| *a != "--model")
        .nth(1)
        .expect("the harness names its GGUF")
        .clone();
    let port = free_port();
    let mut args = llm.args.clone();
    if let Some(at) = args.iter().position(|a| a == "--port") {
        args[at + 1] = port.to_string();
    }
    let config_file = dir.path().join("config.toml");
    std::fs::write(
        &config_file,
        format!(
            "[[models.servers]]\nname = \"llm\"\nrole = \"llm\"\nmodel = {:?}\nurl = \"http://127.0.0.1:{port}\"\nmax_in_flight = {}\ncommand = {:?}\nargs = {:?}\n",
            llm.model, llm.max_in_flight, llm.command, args
        ),
    )
    .unwrap();
    let station = |args: &[&str]| {
        let mut cmd = afirgen(&dir.path().join("byo.db"));
        cmd.env("AFIRGEN_DATA_DIR", &data)
            .env("AFIRGEN_CONFIG", &config_file)
            .args(args);
        cmd
    };

    let notes = dir.path().join("notes.gguf");
    std::fs::write(&notes, "not a model, only notes").unwrap();
    let refused = station(&["models", "add", notes.to_str().unwrap(), "--role", "llm"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("does not begin with the GGUF signature"),
        "{}",
        text(&refused.stderr)
    );

    let added = run_ok(&mut station(&[
        "models",
        "add",
        &bundled_gguf,
        "--role",
        "llm",
        "--name",
        "station-llm",
        "--use",
    ]));
    assert!(
        text(&added.stdout).contains("sha256"),
        "{}",
        text(&added.stdout)
    );
    let listed = run_ok(&mut station(&["models", "list", "--json"]));
    let choices: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let chosen: Vec<&str> = choices
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["chosen"] == true)
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(chosen, ["station-llm"], "{choices}");

    run_ok(&mut station(&["models", "up", "--detach"]));
    // Stopped however the test ends.
    struct Down(Command);
    impl Drop for Down {
        fn drop(&mut self) {
            let _ = self.0.output();
        }
    }
    let _down = Down(station(&["models", "down"]));
    let (model, healthy, kb, facts) = {
        let status = run_ok(&mut station(&["models", "status", "--json"]));
        let report: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
        let state = std::fs::read_to_string(data.join("models-state.json")).unwrap();
        let state: serde_json::Value = serde_json::from_str(&state).unwrap();
        let model = state["servers"][0]["model"].as_str().unwrap().to_owned();
        let healthy = report["servers"][0]["healthy"] == true;

        let cases = dir.path().join("cases.jsonl");
        let project =
            std::fs::read_to_string(repo().join("docs/eval/complaints-project.jsonl")).unwrap();
        std::fs::write(
            &cases,
            project.lines().take(3).collect::<Vec<_>>().join("\n"),
        )
        .unwrap();
        let kb = station(&["kb", "eval", cases.to_str().unwrap(), "--llm"])
            .output()
            .unwrap();
        let facts_cases = dir.path().join("facts.jsonl");
        let facts = std::fs::read_to_string(repo().join("docs/eval/facts-project.jsonl")).unwrap();
        std::fs::write(
            &facts_cases,
            // One case: the command runs on the station's model, which is all this
            // shows (facts accuracy is measured in docs/benchmarks.md).
            facts.lines().take(1).collect::<Vec<_>>().join("\n"),
        )
        .unwrap();
        let facts = station(&["eval", "facts", facts_cases.to_str().unwrap()])
            .output()
            .unwrap();
        (model, healthy, kb, facts)
    };
    assert_eq!(model, "station-llm");
    assert!(healthy);
    assert!(kb.status.success(), "{}", text(&kb.stderr));
    assert!(
        text(&kb.stdout).contains("retrieval + LLM:"),
        "{}",
        text(&kb.stdout)
    );
    assert!(facts.status.success(), "{}", text(&facts.stderr));
    println!("{}\n{}", text(&kb.stdout), text(&facts.stdout));
}
