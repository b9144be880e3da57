//! `afirgen generate`: the draft and its number, bad input and unusable settings named,
//! inputs in command-line order, and a killed run resumed.

use super::*;
use afirgen_core::domain::{JobState, Step};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread")]
async fn generate_writes_draft_and_fir_number_as_json() {
    let server = mock(MockConfig::default()).await;
    let env = Env::new(&server.url());
    let input = env.file("complaint.txt", HINDI.as_bytes());
    let out = env.dir.path().join("out.json");
    let output = env.run(&[
        "generate",
        "--text",
        arg(&input),
        "--station",
        "PS042",
        "--auto-approve",
        "--json",
        arg(&out),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let year = chrono::Utc::now().format("%Y").to_string();
    assert!(
        text(&output.stdout).contains(&format!("FIR 0001/{year} finalized for station PS042")),
        "{}",
        text(&output.stdout)
    );
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(report["job"]["state"], "finalized");
    assert_eq!(report["fir"]["number"], format!("0001/{year}"));
    assert_eq!(report["inputs"][0]["text"], HINDI);
    assert_eq!(report["inputs"][0]["source"], "typed");
    assert_eq!(report["draft"]["statement"], HINDI);
    assert_eq!(report["fir"]["content"]["statement"], HINDI);
    assert_eq!(report["fir"]["content"]["header"]["station_code"], "PS042");
    assert!(report["draft"]["acts_sections"][0]["section"].is_string());
    // Without --auto-approve the draft waits for review, and the next number follows.
    let output = env.run(&["generate", "--text", arg(&input), "--station", "PS042"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("draft ready for review"),
        "{}",
        text(&output.stdout)
    );
    let output = env.run(&[
        "generate",
        "--text",
        arg(&input),
        "--station",
        "PS042",
        "--auto-approve",
    ]);
    assert!(
        text(&output.stdout).contains(&format!("FIR 0002/{year}")),
        "{}",
        text(&output.stdout)
    );
}

// When the model cannot judge the sections, the draft cites retrieval's first matches,
// unreviewed; --auto-approve signs them, but says so first.
#[tokio::test(flavor = "multi_thread")]
async fn auto_approve_names_the_sections_nobody_judged() {
    let server = mock(MockConfig {
        fail_schemas: vec!["fir_sections".into()],
        ..MockConfig::default()
    })
    .await;
    let env = Env::new(&server.url());
    let input = env.file("complaint.txt", HINDI.as_bytes());
    let out = env.dir.path().join("out.json");
    let output = env.run(&[
        "generate",
        "--text",
        arg(&input),
        "--station",
        "PS042",
        "--auto-approve",
        "--json",
        arg(&out),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let sections = report["fir"]["content"]["acts_sections"]
        .as_array()
        .unwrap();
    assert!(!sections.is_empty(), "{sections:?}");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("warning: --auto-approve signs"), "{stderr}");
    for section in sections {
        assert_eq!(section["source"], "retrieval_unreviewed");
        let (act, number) = (
            section["act"].as_str().unwrap(),
            section["section"].as_str().unwrap(),
        );
        let cited = match act {
            "BNS" => format!("{number} BNS"),
            _ => format!("{act} {number}"),
        };
        assert!(stderr.contains(&cited), "{cited} named: {stderr}");
    }
    // The record's trail says the same, under the signer's name.
    let case = report["case_id"].as_i64().unwrap().to_string();
    let audit = text(&env.run(&["draft", "audit", &case]).stdout);
    let line = audit
        .lines()
        .find(|l| l.contains("fir.unreviewed_sections_signed"))
        .unwrap_or_else(|| panic!("no unreviewed-sections event: {audit}"));
    let listed = stderr
        .split("signs ")
        .nth(1)
        .and_then(|rest| rest.split(", which").next())
        .unwrap();
    assert!(
        line.ends_with(&format!("acts_sections: (empty) -> {listed}")),
        "{line}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_gives_one_clear_error_and_keeps_a_job_row() {
    let server = mock(MockConfig::default()).await;
    let env = Env::new(&server.url());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", b"  \n ".to_vec(), "empty.txt is empty"),
        (
            "long.txt",
            "a".repeat(50_001).into_bytes(),
            "long.txt has 50001 characters, more than the limit of 50000",
        ),
        (
            "latin1.txt",
            b"chor\xe9 ki shikayat".to_vec(),
            "latin1.txt is not valid UTF-8 text",
        ),
    ];
    for (name, bytes, message) in &cases {
        let path = env.file(name, bytes);
        let output = env.run(&["generate", "--text", arg(&path)]);
        assert!(!output.status.success());
        let stderr = text(&output.stderr);
        assert!(stderr.contains(message), "{stderr}");
        assert!(
            stderr.contains("the submission is kept as case"),
            "{stderr}"
        );
    }
    let listing = text(&env.run(&["jobs", "list"]).stdout);
    assert_eq!(
        listing.lines().filter(|l| l.contains("failed")).count(),
        3,
        "{listing}"
    );
    assert_eq!(server.stats().requests, 0);

    let output = env.run(&["generate", "--text", "/nonexistent/statement.txt"]);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("cannot read the statement file /nonexistent/statement.txt"),
        "{stderr}"
    );
    assert!(stderr.contains("No such file"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn unusable_settings_and_servers_are_named() {
    let env = Env::new("http://127.0.0.1:9");
    let input = env.file("c.txt", b"My phone was stolen on the bus.");

    let output = env
        .command()
        .env("MAX_CONCURRENT_REQUESTS", "lots")
        .args(["generate", "--text", arg(&input)])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        text(&output.stderr)
            .contains("invalid configuration value for MAX_CONCURRENT_REQUESTS: \"lots\""),
        "{}",
        text(&output.stderr)
    );

    let output = env
        .command()
        .env(
            "AFIRGEN_DATABASE_URL",
            "mysql://root:hunter2@127.0.0.1:1/afirgen",
        )
        .args(["generate", "--text", arg(&input)])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("cannot open the database at mysql://root:***@127.0.0.1:1/afirgen"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"), "password leaked: {stderr}");

    // A model server that is down: a clear error, a failed job that keeps the input.
    let output = env
        .command()
        .env(
            "AFIRGEN_CONFIG",
            env.file(
                "quick.toml",
                b"[retry]\nmax_attempts = 2\nbase_delay_ms = 10\n",
            ),
        )
        .args(["generate", "--text", arg(&input)])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("LLM server unavailable after 2 tries"),
        "{stderr}"
    );
    assert!(stderr.contains("http://127.0.0.1:9"), "{stderr}");
    let store = env.store().await;
    let job = store.get_job(1).await.unwrap();
    assert_eq!(job.state, JobState::Failed);
    let input_row = &store.case_inputs(job.case_id).await.unwrap()[0];
    assert_eq!(
        store.blob(&input_row.sha256).await.unwrap(),
        b"My phone was stolen on the bus."
    );

    let output = env
        .command()
        .env_remove("AFIRGEN_LLM_URL")
        .args(["generate", "--text", arg(&input)])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("no local model servers are installed: run scripts/models.sh"),
        "{stderr}"
    );
    assert!(stderr.contains("set AFIRGEN_LLM_URL"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_process_resumes_at_the_unfinished_step() {
    // The legal step hangs so the process can be killed inside it.
    let server = mock(MockConfig {
        schema_latency_ms: [("fir_sections".to_owned(), 60_000)].into(),
        ..MockConfig::default()
    })
    .await;
    let env = Env::new(&server.url());
    let input = env.file("c.txt", HINDI.as_bytes());
    let mut child = env
        .command()
        .args(["generate", "--text", arg(&input)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while server
        .stats()
        .by_schema
        .get("fir_sections")
        .copied()
        .unwrap_or(0)
        == 0
    {
        assert!(Instant::now() < deadline, "the legal step never started");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().unwrap(); // SIGKILL: no cleanup runs.
    child.wait().unwrap();

    let store = env.store().await;
    let job = store.get_job(1).await.unwrap();
    assert_eq!(
        job.state,
        JobState::LegalSections,
        "left mid-step by the dead process"
    );
    assert!(store
        .step_outputs(1)
        .await
        .unwrap()
        .contains_key(&Step::Extract));

    server.set_config(MockConfig::default());
    let output = env.run(&["resume"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let job = store.get_job(1).await.unwrap();
    assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    assert_eq!(job.attempts, 2);
    let stats = server.stats();
    assert_eq!(
        stats.by_schema["fir_facts"], 1,
        "extraction reused after the crash"
    );
    assert_eq!(
        stats.by_schema["fir_sections"], 2,
        "the interrupted step ran again"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn inputs_keep_their_command_line_order_across_kinds() {
    let server = mock(MockConfig::default()).await;
    let env = Env::new(&server.url());
    let typed = env.file("typed.txt", HINDI.as_bytes());
    let later = env.file("later.txt", b"Added later by the duty officer.");
    let recording =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../afirgen-core/tests/fixtures/speech.mp3");
    let out = env.dir.path().join("out.json");
    let output = env
        .command()
        .env("AFIRGEN_ASR_URL", server.url())
        .args([
            "generate",
            "--text",
            arg(&typed),
            "--audio",
            arg(&recording),
            "--text",
            arg(&later),
            "--json",
            arg(&out),
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let inputs = report["inputs"].as_array().unwrap();
    let names: Vec<&str> = inputs
        .iter()
        .map(|i| i["display_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["typed.txt", "speech.mp3", "later.txt"]);
    assert_eq!(inputs[1]["source"], "asr:default");
    assert_eq!(inputs[1]["media_type"], "mp3");
    assert!(inputs[1]["text"]
        .as_str()
        .unwrap()
        .starts_with("Mock transcript"));

    // A recording without a speech server is refused before anything is stored.
    let output = env.run(&["generate", "--audio", arg(&recording)]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("a recording was given but no speech server is configured"),
        "{}",
        text(&output.stderr)
    );

    // Bad files are named with their reason; nothing reaches the model server.
    let before = server.stats().requests;
    let renamed = env.file(
        "statement.wav",
        &std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../afirgen-core/tests/fixtures/speech.flac"),
        )
        .unwrap()[..0],
    );
    let output = env
        .command()
        .env("AFIRGEN_ASR_URL", server.url())
        .args(["generate", "--audio", arg(&renamed)])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("statement.wav is empty (0 bytes)"),
        "{}",
        text(&output.stderr)
    );
    let png = env.file(
        "scan.wav",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00",
    );
    let output = env
        .command()
        .env("AFIRGEN_ASR_URL", server.url())
        .args(["generate", "--audio", arg(&png)])
        .output()
        .unwrap();
    assert!(
        text(&output.stderr)
            .contains("scan.wav was given as an audio recording, but its content is a PNG image"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(server.stats().requests, before);
}
