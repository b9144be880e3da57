//! The real-model tier: llama.cpp's llama-server with SmolLM2, faster-whisper with
//! multilingual Whisper base and
//! Tesseract, as installed by scripts/models.sh and started with `afirgen models up`.
//! Speech is made with espeak-ng, scans by rendering text with Pango and roughening it
//! with ImageMagick.
//!
//! These tests need the harness, so plain `cargo test` lists them as ignored;
//! scripts/test.sh runs them (`--ignored`) after installing everything.

mod drafts;
mod models;
mod scans;
mod speech;

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

/// Lines of the tier's ASR server log (requests are logged with their language).
fn asr_log_lines(needle: &str) -> usize {
    std::fs::read_to_string(tier_dir().join("logs/asr.log"))
        .unwrap_or_default()
        .lines()
        .filter(|line| line.contains(needle))
        .count()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
