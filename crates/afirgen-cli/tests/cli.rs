//! The `afirgen` binary as a user runs it: exit codes, messages, JSON output, and a
//! process killed mid-pipeline that resumes on the next start.

use afirgen_core::domain::{JobState, Step};
use afirgen_core::store::Store;
use afirgen_mock::{MockConfig, MockServer};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const HINDI: &str =
    "मेरा नाम सुनीता देवी है। कल शाम 7 बजे लाल बाग बाज़ार में दो लड़के मोटरसाइकिल पर आए और मेरी सोने की चेन छीनकर भाग गए।";

/// The station's own details, as a station sets them once in its configuration.
const STATION: &str = "[station]\nname = \"Lal Bagh\"\ndistrict = \"Central\"\nstate = \"Delhi\"\n\
                       officer_name = \"R. Singh\"\nofficer_rank = \"Inspector\"\n";

struct Env {
    dir: tempfile::TempDir,
    llm_url: String,
}

impl Env {
    fn new(llm_url: &str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), STATION).unwrap();
        Env {
            dir,
            llm_url: llm_url.to_owned(),
        }
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_afirgen"));
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("AFIRGEN_DATA_DIR", self.dir.path().join("data"))
            .env("AFIRGEN_LLM_URL", &self.llm_url)
            .env("AFIRGEN_USER", "test-officer")
            .env("AFIRGEN_CONFIG", self.dir.path().join("config.toml"))
            .stdin(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    async fn store(&self) -> Store {
        let url = format!(
            "sqlite://{}",
            self.dir.path().join("data/afirgen.db").display()
        );
        Store::connect(&url, 2).await.unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

async fn mock(config: MockConfig) -> MockServer {
    MockServer::start("127.0.0.1:0".parse().unwrap(), config)
        .await
        .unwrap()
}

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
async fn mock_models_command_serves_openai_routes() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let env = Env::new("http://unused");
    let mut child = env
        .command()
        .args([
            "dev",
            "mock-models",
            "--port",
            &port.to_string(),
            "--latency-ms",
            "5",
        ])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(10);
    let health = loop {
        match Command::new(env!("CARGO_BIN_EXE_afirgen"))
            .env("AFIRGEN_LLM_URL", &url)
            .env("AFIRGEN_DATA_DIR", env.dir.path())
            .args(["health", "--json"])
            .output()
        {
            Ok(out) if out.status.success() => break out,
            _ if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(100)).await,
            Ok(out) => panic!("mock never became healthy: {}", text(&out.stdout)),
            Err(err) => panic!("{err}"),
        }
    };
    let report: serde_json::Value = serde_json::from_slice(&health.stdout).unwrap();
    assert_eq!(report["status"], "ok");
    assert_eq!(report["concurrency"]["max_concurrent_requests"], 15);
    assert_eq!(report["concurrency"]["max_concurrent_model_calls"], 10);
    child.kill().unwrap();
    child.wait().unwrap();
    let output = env.run(&["dev", "mock-models", "--error-rate", "2"]);
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("--error-rate must be between 0 and 1"));
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

fn pid_listening(port: u16) -> Option<u32> {
    // The mock server started for `port` by the supervisor, found by its command line.
    let needle = format!("mock-models --port {port}");
    std::fs::read_dir("/proc")
        .ok()?
        .filter_map(Result::ok)
        .find_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            cmdline.contains(&needle).then_some(pid)
        })
}

#[tokio::test(flavor = "multi_thread")]
async fn supervisor_starts_health_gates_restarts_and_stops_servers() {
    let env = Env::new("http://unused");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // The mock model server stands in for llama-server: same protocol, starts in ms.
    let config = env.file(
        "servers.toml",
        format!(
            "[[models.servers]]\nname = \"llm\"\nrole = \"llm\"\nmodel = \"mock\"\nurl = \"http://127.0.0.1:{port}\"\nmax_in_flight = 3\ncommand = {:?}\nargs = [\"dev\", \"mock-models\", \"--port\", \"{port}\"]\n",
            env!("CARGO_BIN_EXE_afirgen")
        )
        .as_bytes(),
    );
    let cmd = |args: &[&str]| {
        env.command()
            .env_remove("AFIRGEN_LLM_URL")
            .env("AFIRGEN_CONFIG", &config)
            .args(args)
            .output()
            .unwrap()
    };
    let up = cmd(&["models", "up", "--detach"]);
    assert!(up.status.success(), "{}", text(&up.stderr));
    assert!(
        text(&up.stdout).contains(&format!("llm (mock) ready at http://127.0.0.1:{port}")),
        "{}",
        text(&up.stdout)
    );
    let status = cmd(&["models", "status", "--json"]);
    assert!(status.status.success(), "{}", text(&status.stdout));
    let report: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(report["servers"][0]["healthy"], true);
    assert_eq!(
        report["servers"][0]["in_flight"],
        serde_json::Value::Null,
        "the mock does not report slots"
    );
    // A second `up` finds it running.
    assert!(cmd(&["models", "up", "--detach"]).status.success());
    assert!(
        !cmd(&["models", "up"]).status.success(),
        "a second supervisor is refused"
    );

    // generate with no LLM configured uses the running local server.
    let input = env.file("c.txt", b"Somebody stole my phone at the market.");
    let output = cmd(&["generate", "--text", arg(&input)]);
    assert!(output.status.success(), "{}", text(&output.stderr));

    // The server crashes: the supervisor starts it again.
    let first = pid_listening(port).expect("the supervised server runs");
    kill9(first);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let again = pid_listening(port);
        if again.is_some_and(|pid| pid != first) && cmd(&["models", "status"]).status.success() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the crashed server was not restarted"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let down = cmd(&["models", "down"]);
    assert!(down.status.success(), "{}", text(&down.stderr));
    assert!(
        pid_listening(port).is_none(),
        "the server stopped with its supervisor"
    );
    assert!(!cmd(&["models", "status"]).status.success());
}

/// SIGKILL through the `kill` program (no libc in tests).
fn kill9(pid: u32) {
    let status = Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn kb_search_and_import() {
    let env = Env::new("http://unused");
    let output = env.run(&[
        "kb",
        "search",
        "chain snatched by two men on a motorcycle",
        "--json",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let hits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits[0]["section"], "304(2)");
    assert_eq!(hits[0]["title"], "Snatching");
    assert!(hits[0]["score"].as_f64().unwrap() > hits[1]["score"].as_f64().unwrap());
    let output = env.run(&["kb", "search", "मोटरसाइकिल चोरी", "--limit", "3", "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 3);
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h["section"] == "303(2)"),
        "{hits}"
    );

    // A bad row stops the whole import and is named with its line.
    let bad = env.file(
        "bad.csv",
        "act,section,title,punishment,cognizable,bailable,triable_by,description,keywords\n\
         Gambling Act,3,Keeping a common gaming house,Imprisonment up to 3 months,true,true,Any Magistrate,Running a gambling den,gambling;juaa;जुआ\n\
         Gambling Act,4,,Fine,maybe,true,Any Magistrate,Being found gaming,gaming\n"
            .as_bytes(),
    );
    let output = env.run(&["kb", "import", arg(&bad)]);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("line 3: cognizable must be true or false"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    let output = env.run(&["kb", "search", "gambling den", "--limit", "1", "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_ne!(hits[0]["section"], "Gambling Act 3");

    // A good file (with its source and a conditional Schedule row, as the built-in
    // entries carry them) is imported and searched with the built-in entries.
    let good = env.file(
        "good.jsonl",
        "{\"act\":\"Gambling Act\",\"section\":\"3\",\"title\":\"Keeping a common gaming house\",\"punishment\":\"Imprisonment up to 3 months, or fine up to 200 rupees\",\"cognizable\":true,\"bailable\":true,\"triable_by\":\"Any Magistrate\",\"description\":\"Running or keeping a house or place used for gambling with cards or dice.\",\"keywords\":[\"gambling den\",\"juaa\",\"जुआ\",\"जुआघर\"],\"source\":\"the State's Public Gambling Act, s. 3\",\"conditions\":[{\"when\":\"it is a second or subsequent conviction\",\"punishment\":\"Imprisonment up to 6 months\",\"cognizable\":true,\"bailable\":true,\"triable_by\":\"Any Magistrate\"}]}\n"
            .as_bytes(),
    );
    let output = env.run(&["kb", "import", arg(&good)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("imported 1 entries"));
    let output = env.run(&["kb", "search", "जुआघर चल रहा है", "--limit", "1", "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits[0]["section"], "Gambling Act 3", "{hits}");
}

#[test]
fn kb_eval_reports_recall_and_cognizable_accuracy() {
    let env = Env::new("http://unused");
    let cases = env.file(
        "cases.jsonl",
        "{\"id\":\"a\",\"text\":\"Two men on a motorcycle snatched my gold chain.\",\"expected_bns\":[\"304\"],\"cognizable\":true,\"schedule\":{\"304\":{\"bailable\":false,\"court\":\"Any Magistrate\"}}}\n\
         {\"id\":\"b\",\"text\":\"My neighbour abused me in filthy language to provoke me.\",\"expected_bns\":[\"352\"],\"cognizable\":false,\"schedule\":{\"352\":{\"bailable\":false,\"court\":\"Any Magistrate\"}}}\n"
            .as_bytes(),
    );
    let output = env.run(&["kb", "eval", arg(&cases), "--json"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["retrieval"]["recall_at_5"], 1.0);
    assert_eq!(report["retrieval"]["cognizable_accuracy"], 1.0);
    // Of the first three shown for each case, the share expected: here the one
    // expected section of each case among at most six shown.
    let shown: usize = report["retrieval"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[2].as_array().unwrap().len().min(3))
        .sum();
    let precision = report["retrieval"]["precision_at_3"].as_f64().unwrap();
    assert!(
        (precision - 2.0 / shown as f64).abs() < 1e-9,
        "{precision} of {shown}"
    );
    assert_eq!(report["retrieval_llm"], serde_json::Value::Null);
    // Bail and court of the found sections against the file's rows: 304(2) is
    // non-bailable and 352 bailable (the second row above is wrong on purpose), both
    // tried by any Magistrate.
    assert_eq!(report["retrieval"]["classified"], 2);
    assert_eq!(report["retrieval"]["bail_accuracy"], 0.5);
    assert_eq!(report["retrieval"]["court_accuracy"], 1.0);
    let misses = report["retrieval"]["schedule_misses"].as_array().unwrap();
    assert_eq!(misses.len(), 1, "{misses:?}");
    assert_eq!(misses[0][0], "b");
    assert_eq!(misses[0][1], "352");
    let output = env.run(&["kb", "eval", arg(&cases)]);
    let printed = text(&output.stdout);
    assert!(
        printed.contains("bail 0.500   court 1.000 (of 2 sections)"),
        "{printed}"
    );
    assert!(printed.contains("row differs: b 352"), "{printed}");
}

#[tokio::test(flavor = "multi_thread")]
async fn kb_eval_compares_words_alone_with_words_and_meaning() {
    let server = mock(MockConfig::default()).await;
    let env = Env::new(&server.url());
    let cases = env.file(
        "cases.jsonl",
        "{\"id\":\"a\",\"text\":\"Two men on a motorcycle snatched my gold chain.\",\"expected_bns\":[\"304\"],\"cognizable\":true}\n"
            .as_bytes(),
    );
    // Without an embedding server, --embed says what to do.
    let output = env.run(&["kb", "eval", arg(&cases), "--embed"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("--embed needs an embedding server"),
        "{}",
        text(&output.stderr)
    );
    let output = env
        .command()
        .env("AFIRGEN_EMBED_URL", server.url())
        .args(["kb", "eval", arg(&cases), "--embed", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["retrieval"]["cases"], 1);
    assert_eq!(report["retrieval_meaning"]["cases"], 1);
    assert_eq!(report["retrieval_meaning"]["recall_at_5"], 1.0, "{report}");
    assert_eq!(report["retrieval_llm"], serde_json::Value::Null);
    // The catalogue in batches, then the one statement.
    let asked = server.stats().by_schema["embeddings"];
    let entries = afirgen_core::legal::Catalogue::builtin().entries().len();
    assert_eq!(asked, entries.div_ceil(16) as u64 + 1, "{asked} requests");
}

#[tokio::test(flavor = "multi_thread")]
async fn fact_evaluation_keeps_the_models_answers_and_replays_them() {
    let server = mock(MockConfig::default()).await;
    let env = Env::new(&server.url());
    let cases = env.file(
        "facts.jsonl",
        "{\"id\":\"a\",\"lang\":\"en\",\"text\":\"My name is Ramesh Kumar, son of Suresh Kumar, aged 34. My phone number is 98100 12345.\",\"expected\":{\"complainant.name\":\"Ramesh Kumar\",\"complainant.age\":34}}\n\
         {\"id\":\"b\",\"lang\":\"hi\",\"text\":\"मेरा नाम सुनीता देवी है, उम्र 41 वर्ष।\",\"expected\":{\"complainant.name\":\"सुनीता देवी\",\"complainant.age\":41}}\n"
            .as_bytes(),
    );
    let kept = env.dir.path().join("answers.jsonl");
    let output = env.run(&[
        "eval",
        "facts",
        arg(&cases),
        "--json",
        "--save-answers",
        arg(&kept),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let asked: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(asked["pipeline"]["overall"], 1.0, "{asked:#}");
    assert!(asked["model"].is_object() && asked["pipeline_fill"].is_object());
    let lines = std::fs::read_to_string(&kept).unwrap();
    assert_eq!(lines.lines().count(), 2, "{lines}");

    // Replayed where no model server answers: the same figures.
    let offline = Env::new("http://127.0.0.1:9");
    let output = offline.run(&[
        "eval",
        "facts",
        arg(&cases),
        "--json",
        "--answers",
        arg(&kept),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let replayed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for key in ["model", "rules", "pipeline", "pipeline_fill"] {
        assert_eq!(replayed[key], asked[key], "{key}");
    }

    // Answers that do not cover the cases are refused by name.
    let partial = env.file(
        "partial.jsonl",
        lines.lines().next().unwrap_or("").as_bytes(),
    );
    let output = env.run(&["eval", "facts", arg(&cases), "--answers", arg(&partial)]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("case b"),
        "{}",
        text(&output.stderr)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn officer_reviews_and_approves_from_the_command_line() {
    let server = mock(MockConfig::default()).await;
    let env = Env::new(&server.url());
    let input = env.file(
        "c.txt",
        "Two men on a motorcycle snatched my gold chain near the market.".as_bytes(),
    );
    let output = env.run(&["generate", "--text", arg(&input)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = env.run(&[
        "draft",
        "edit",
        "1",
        "complainant.name=सुनीता देवी",
        "total_property_value_inr=120000",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let draft: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(draft["complainant"]["name"], "सुनीता देवी");
    assert_eq!(draft["total_property_value_inr"], 120000);
    let output = env.run(&["draft", "sections", "1", "304(2)", "IT Act 66D"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = env.run(&[
        "draft",
        "regenerate",
        "1",
        "facts",
        "--guidance",
        "the chain weighed 20 grams",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let draft: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        draft["complainant"]["name"], "सुनीता देवी",
        "kept through regeneration"
    );
    // The statement says neither when nor where, and the officer blanked State and
    // District: approval is refused with each named, exit 1, and nothing numbered.
    let output = env.run(&["draft", "edit", "1", "header.state=", "header.district="]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = env.run(&["draft", "approve", "1"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let refusal = text(&output.stderr);
    for item in [
        "State (item 1)",
        "District (item 1)",
        "Date of occurrence",
        "Place of occurrence (item 5)",
        "Action taken: one of the four (item 13)",
    ] {
        assert!(refusal.contains(item), "{item} named: {refusal}");
    }
    let output = env.run(&[
        "draft",
        "edit",
        "1",
        "header.state=Delhi",
        "header.district=Central",
        "occurrence.date_from=2026-11-25",
        "place.address=Lal Bagh market",
        "action_taken.action=transferred",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    // Transferred: to which station, the form must say.
    let output = env.run(&["draft", "approve", "1"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("Police station the case is transferred to (item 13)"),
        "{}",
        text(&output.stderr)
    );
    let output = env.run(&[
        "draft",
        "edit",
        "1",
        "action_taken.transferred_to=Hazratganj",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = env.run(&["draft", "approve", "1"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("FIR 0001/"),
        "{}",
        text(&output.stdout)
    );
    let output = env.run(&["draft", "edit", "1", "statement=changed"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("read-only"),
        "{}",
        text(&output.stderr)
    );
    let audit = text(&env.run(&["draft", "audit", "1"]).stdout);
    for action in [
        "case.submitted",
        "draft.generated",
        "draft.edited",
        "draft.sections",
        "draft.regenerated",
        "fir.finalized",
    ] {
        assert!(audit.contains(action), "{action} missing from:\n{audit}");
    }
    assert!(
        audit.contains("complainant.name: (empty) -> सुनीता देवी"),
        "{audit}"
    );
    assert!(audit.contains("test-officer"), "{audit}");
}

#[tokio::test(flavor = "multi_thread")]
async fn fir_pdf_and_seal_verification() {
    let server = mock(MockConfig::default()).await;
    let env = Env::new(&server.url());
    let input = env.file("c.txt", HINDI.as_bytes());
    let pdf = env.dir.path().join("fir.pdf");
    let output = env.run(&[
        "generate",
        "--text",
        arg(&input),
        "--auto-approve",
        "--out",
        arg(&pdf),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let year = chrono::Utc::now().format("%Y").to_string();
    let number = format!("0001/{year}");

    let output = env.run(&["fir", "verify", arg(&pdf)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).starts_with(&format!("intact: FIR {number}")),
        "{}",
        text(&output.stdout)
    );
    // Every way a desk takes the number: as printed, N-YYYY, and N for this year.
    for written in [number.clone(), format!("1-{year}"), "1".to_owned()] {
        let output = env.run(&["fir", "verify", &written]);
        assert!(
            output.status.success(),
            "{written}: {}",
            text(&output.stdout)
        );
    }
    let output = env.run(&["fir", "verify", "FIR one"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("neither a PDF file here nor a record number"),
        "{}",
        text(&output.stderr)
    );
    let again = env.dir.path().join("again.pdf");
    assert!(env
        .run(&["fir", "pdf", "1", "--out", arg(&again)])
        .status
        .success());

    // A forger renders their own PDF with the genuine seal printed in it: the file is
    // checked, not only the seal it carries.
    let url = format!(
        "sqlite://{}",
        env.dir.path().join("data/afirgen.db").display()
    );
    let store = afirgen_core::store::Store::connect(&url, 1).await.unwrap();
    let mut forged = store.final_record(1).await.unwrap().unwrap();
    store.close().await;
    forged.content["accused"] =
        serde_json::json!([{"name": "A DIFFERENT PERSON", "particulars": null, "address": null}]);
    let forged_pdf = env.dir.path().join("forged.pdf");
    std::fs::write(&forged_pdf, afirgen_core::pdf::render(&forged).unwrap()).unwrap();
    let output = env.run(&["fir", "verify", arg(&forged_pdf)]);
    assert!(!output.status.success(), "{}", text(&output.stdout));
    let report = text(&output.stdout);
    assert!(
        report.starts_with(&format!("NOT INTACT: FIR {number}")),
        "{report}"
    );
    assert!(report.contains("not a copy the station issued"), "{report}");
    assert!(
        report.contains("- ") && report.contains("A DIFFERENT PERSON"),
        "{report}"
    );
    // The copy `fir pdf` wrote is one the station issued.
    let output = env.run(&["fir", "verify", arg(&again)]);
    assert!(output.status.success(), "{}", text(&output.stdout));
    let output = env.run(&["audit", "verify"]);
    assert!(output.status.success(), "{}", text(&output.stdout));

    // A paper copy: its QR code, read from the page image as from a photo, checks out;
    // the same code naming another number does not.
    let page = env.dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&again)
        .arg(&page)
        .status()
        .unwrap();
    assert!(status.success());
    let scanned = Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(page.with_extension("png"))
        .output()
        .expect("zbarimg (zbar-tools) runs");
    let code = text(&scanned.stdout).trim().to_owned();
    assert!(code.starts_with("AFIRGEN1|PS001|FIR|"), "{code}");
    let output = env.run(&["fir", "verify", &code]);
    assert!(output.status.success(), "{}", text(&output.stdout));
    let report = text(&output.stdout);
    assert!(
        report.starts_with(&format!("intact: FIR {number}"))
            && report.contains("only the printed code was checked"),
        "{report}"
    );
    let altered = code.replace(&number, &format!("0002/{year}"));
    let output = env.run(&["fir", "verify", &altered]);
    assert!(!output.status.success());
    assert!(
        text(&output.stdout).contains(&format!("the code names FIR 0002/{year}")),
        "{}",
        text(&output.stdout)
    );

    // Someone edits the stored record behind AFIRGen's back: the seal says so.
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query("UPDATE fir_records SET content = replace(content, 'सुनीता', 'अनीता')")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let output = env.run(&["fir", "verify", &number]);
    assert!(!output.status.success());
    assert!(
        text(&output.stdout).starts_with(&format!("NOT INTACT: FIR {number}")),
        "{}",
        text(&output.stdout)
    );

    let output = env.run(&["fir", "verify", arg(&input)]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("carries no AFIRGen seal"),
        "{}",
        text(&output.stderr)
    );
}
