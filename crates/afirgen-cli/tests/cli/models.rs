//! The model servers: `afirgen dev mock-models` and the `afirgen models` supervisor.

use super::*;
use std::time::{Duration, Instant};

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
fn a_station_registers_chooses_and_lists_its_own_models() {
    let env = Env::new("http://unused");
    let notes = env.file("notes.gguf", b"my notes, not a model");
    let output = env.run(&["models", "add", notes.to_str().unwrap(), "--role", "llm"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("not a GGUF language model file"),
        "{}",
        text(&output.stderr)
    );
    let gguf = env.file("bigger-q4.gguf", b"GGUF\x03\x00\x00\x00 weights");
    let output = env.run(&["models", "add", gguf.to_str().unwrap(), "--role", "llm"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("added bigger-q4 (llm, 16 bytes"));
    let listed = |env: &Env| -> Vec<(String, bool)> {
        let output = env.run(&["models", "list", "--json"]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        let choices: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        choices
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["name"].as_str().unwrap().to_owned(), c["chosen"] == true))
            .collect()
    };
    assert_eq!(listed(&env), [("bigger-q4".to_owned(), false)]);
    let output = env.run(&["models", "use", "bigger-q4"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(listed(&env), [("bigger-q4".to_owned(), true)]);
    let output = env.run(&["models", "use", "nobody"]);
    assert!(text(&output.stderr).contains("no model named \"nobody\""));
    let output = env.run(&["models", "use", "bundled", "--role", "llm"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(listed(&env), [("bigger-q4".to_owned(), false)]);
}
