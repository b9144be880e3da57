//! Shared by the tests that run `afirgen serve` processes on MariaDB.
#![allow(dead_code)]

use sqlx::Row;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A throwaway database on the test MariaDB, dropped at the end.
pub struct Database {
    admin_url: String,
    name: String,
    /// Its URL.
    pub url: String,
}

impl Database {
    /// Creates it.
    pub async fn create() -> Database {
        let admin_url = std::env::var("AFIRGEN_TEST_MYSQL_URL")
            .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".to_owned());
        let admin = sqlx::MySqlPool::connect(&admin_url)
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "MariaDB is not reachable at {admin_url}: {e} (scripts/mariadb.sh starts it)"
                )
            });
        // One per test: the tests of this file run at once in one process.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("afirgen_scale_{}_{n}", std::process::id());
        sqlx::query(&format!("DROP DATABASE IF EXISTS `{name}`"))
            .execute(&admin)
            .await
            .unwrap();
        create_database(&admin, &name).await;
        admin.close().await;
        let base = admin_url.rsplit_once('/').unwrap().0.to_owned();
        Database {
            url: format!("{base}/{name}"),
            admin_url,
            name,
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        // Drop runs outside the test's runtime; a small one of its own does the SQL.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                if let Ok(admin) = sqlx::MySqlPool::connect(&admin_url).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS `{name}`"))
                        .execute(&admin)
                        .await;
                }
            });
        })
        .join();
    }
}

/// The mock model server on a free port, answering after `latency_ms`.
pub async fn mock(latency_ms: u64) -> afirgen_mock::MockServer {
    afirgen_mock::MockServer::start(
        "127.0.0.1:0".parse().unwrap(),
        afirgen_mock::MockConfig {
            latency_ms,
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

/// `CREATE DATABASE name` with the character set AFIRGen needs.
async fn create_database(admin: &sqlx::MySqlPool, name: &str) {
    sqlx::query(&format!(
        "CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    ))
    .execute(admin)
    .await
    .unwrap();
}

/// A complaint that says who, when and where, so its draft can be finalised as it is.
pub fn complaint(i: usize) -> String {
    format!("My name is Ravi Kumar. Complaint {i}: this afternoon my scooter was stolen near the City Hospital.")
}

pub fn afirgen(dir: &Path, db_url: &str, llm_url: &str) -> Command {
    // The station's own details (item 1 and item 13), as a station sets them once.
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "[station]\nname = \"Lal Bagh\"\ndistrict = \"Central\"\nstate = \"Delhi\"\n\
         officer_name = \"R. Singh\"\nofficer_rank = \"Inspector\"\n",
    )
    .unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_afirgen"));
    cmd.env_clear()
        .env("AFIRGEN_CONFIG", dir.join("config.toml"))
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("AFIRGEN_DATA_DIR", dir.join("data"))
        .env("AFIRGEN_DATABASE_URL", db_url)
        .env("AFIRGEN_LLM_URL", llm_url)
        .env("AFIRGEN_STATION_CODE", "SCALE-1")
        .env("AFIRGEN_LEASE_SECS", "3")
        .env("MAX_CONCURRENT_REQUESTS", "5")
        // High, not absurd: at 100,000/s the burst window is 2 ms, and a request
        // preempted for longer between reading the clock and taking its cell would be
        // refused.
        .env("AFIRGEN_RATE_PER_ADDRESS", "1000")
        .env("AFIRGEN_RATE_PER_USER", "1000")
        .stdin(Stdio::null());
    cmd
}

pub struct Server {
    /// The process.
    pub child: Child,
    /// Its base URL.
    pub url: String,
}

impl Server {
    /// Starts `afirgen serve` in `dir/name` and waits for its address.
    pub fn start(dir: &Path, name: &str, db_url: &str, llm_url: &str) -> Server {
        Server::start_with(dir, name, db_url, llm_url, &[])
    }

    /// Like [`Server::start`], with more environment variables.
    pub fn start_with(
        dir: &Path,
        name: &str,
        db_url: &str,
        llm_url: &str,
        env: &[(&str, &str)],
    ) -> Server {
        Server::spawn(dir, name, afirgen(&dir.join(name), db_url, llm_url), env)
    }

    /// Like [`Server::start_with`], with the process's address space limited to
    /// `bytes` (`RLIMIT_AS`): an allocation past it fails, and the server aborts.
    #[allow(dead_code)] // not every test binary uses it
    pub fn start_limited(
        dir: &Path,
        name: &str,
        db_url: &str,
        llm_url: &str,
        env: &[(&str, &str)],
        bytes: u64,
    ) -> Server {
        let mut cmd = Command::new("prlimit");
        cmd.arg(format!("--as={bytes}"))
            .arg("--")
            .arg(env!("CARGO_BIN_EXE_afirgen"));
        let unlimited = afirgen(&dir.join(name), db_url, llm_url);
        cmd.env_clear()
            .envs(unlimited.get_envs().filter_map(|(k, v)| Some((k, v?))))
            .stdin(Stdio::null());
        Server::spawn(dir, name, cmd, env)
    }

    fn spawn(dir: &Path, name: &str, mut cmd: Command, env: &[(&str, &str)]) -> Server {
        let dir = dir.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("server.log");
        let child = cmd
            .envs(env.iter().copied())
            .args(["serve", "--bind", "127.0.0.1:0"])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        // Owned at once, so a failed start below still kills and reaps it.
        let mut server = Server {
            child,
            url: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if let Some(rest) = text.split("station server on ").nth(1) {
                server.url = rest.split_whitespace().next().unwrap().to_owned();
                return server;
            }
            assert!(
                Instant::now() < deadline,
                "server {name} did not start:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub async fn count(pool: &sqlx::MySqlPool, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(pool)
        .await
        .unwrap()
        .get::<i64, _>(0)
}

/// Checks an answer given while the database is down (or too busy to lend a
/// connection): 503, when to try again, and that nothing was changed.
pub async fn assert_unavailable(response: reqwest::Response, what: &str) {
    assert_eq!(response.status(), 503, "{what}: 503 expected");
    assert!(
        response.headers().get("retry-after").is_some(),
        "{what}: a 503 says when to try again"
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "database_unavailable", "{what}: {body}");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("database is not answering") && message.contains("nothing was changed"),
        "{what}: {message}"
    );
}

/// Finalises `job` as a careful client does: waits out 503s, and after one, takes a 409
/// "already finalised" as its own earlier request whose answer was lost (the commit
/// happened as the database went away), reading the number from the case. Returns the
/// FIR number and how many 503s it waited out.
pub async fn finalize(http: reqwest::Client, url: String, key: String, job: i64) -> (i64, u32) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut refused = 0;
    loop {
        let response = http
            .post(format!("{url}/firs/{job}/finalize"))
            .bearer_auth(&key)
            .send()
            .await
            .unwrap();
        match response.status().as_u16() {
            200 => {
                let body: serde_json::Value = response.json().await.unwrap();
                return (body["number"].as_i64().unwrap(), refused);
            }
            503 => {
                refused += 1;
                assert_unavailable(response, "finalise").await;
            }
            409 if refused > 0 => {
                let body = response.text().await.unwrap_or_default();
                eprintln!("job {job}: finalised by an earlier try whose answer was lost ({body})");
                return (recorded_number(&http, &url, &key, job).await, refused);
            }
            other => panic!(
                "finalising job {job}: HTTP {other}: {}",
                response.text().await.unwrap_or_default()
            ),
        }
        assert!(
            Instant::now() < deadline,
            "job {job} could not be finalised"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// The FIR number recorded for `job`'s case.
/// `GET path` on the server as `key`, as JSON.
async fn get_json(http: &reqwest::Client, url: &str, key: &str, path: &str) -> serde_json::Value {
    http.get(format!("{url}{path}"))
        .bearer_auth(key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The case a job belongs to.
async fn case_of(http: &reqwest::Client, url: &str, key: &str, job: i64) -> i64 {
    get_json(http, url, key, &format!("/jobs/{job}")).await["case_id"]
        .as_i64()
        .unwrap()
}

async fn recorded_number(http: &reqwest::Client, url: &str, key: &str, job: i64) -> i64 {
    let case_id = case_of(http, url, key, job).await;
    let case = get_json(http, url, key, &format!("/cases/{case_id}")).await;
    case["record"]["number"]
        .as_i64()
        .unwrap_or_else(|| panic!("job {job}: 409 but no record: {case}"))
}

/// Records item 13's action on each job's case, as the officer does before finalising
/// (the one item a complete statement cannot give).
pub async fn choose_action(http: &reqwest::Client, url: &str, key: &str, jobs: &[i64]) {
    for &job in jobs {
        let case = case_of(http, url, key, job).await;
        let response = http
            .patch(format!("{url}/cases/{case}/draft"))
            .bearer_auth(key)
            .json(&serde_json::json!([
                {"path": "action_taken.action", "value": "registered_and_investigating"}
            ]))
            .send()
            .await
            .unwrap();
        let status = response.status();
        assert_eq!(status, 200, "{}", response.text().await.unwrap_or_default());
    }
}

/// Adds a station house officer; returns their key.
pub fn add_sho(dir: &Path, db_url: &str, llm_url: &str) -> String {
    let added = afirgen(dir, db_url, llm_url)
        .args(["users", "add", "sho-1", "--role", "sho"])
        .output()
        .unwrap();
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    String::from_utf8(added.stdout)
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .to_owned()
}

/// Waits until all `jobs` await review; fails at once if one failed or was cancelled.
pub async fn wait_all_ready(pool: &sqlx::MySqlPool, jobs: usize, within: Duration) {
    let deadline = Instant::now() + within;
    loop {
        let ready = count(
            pool,
            "SELECT COUNT(*) FROM jobs WHERE state = 'awaiting_review'",
        )
        .await;
        if ready == jobs as i64 {
            return;
        }
        let stuck = count(
            pool,
            "SELECT COUNT(*) FROM jobs WHERE state IN ('failed', 'cancelled')",
        )
        .await;
        if stuck > 0 {
            let why: Vec<(i64, String, Option<String>)> = sqlx::query_as(
                "SELECT id, state, error FROM jobs WHERE state IN ('failed', 'cancelled')",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            panic!("a job failed: {why:?}");
        }
        assert!(
            Instant::now() < deadline,
            "only {ready} of {jobs} jobs reached review"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Checks that no (job, step) output was stored twice and every job has the same
/// number of outputs; returns how many there are.
pub async fn each_step_once(pool: &sqlx::MySqlPool, jobs: usize) -> i64 {
    let doubled = count(
        pool,
        "SELECT COUNT(*) FROM (SELECT job_id, step FROM step_outputs GROUP BY job_id, step HAVING COUNT(*) > 1) d",
    )
    .await;
    assert_eq!(doubled, 0, "a step was stored twice");
    let outputs = count(pool, "SELECT COUNT(*) FROM step_outputs").await;
    assert_eq!(
        outputs % jobs as i64,
        0,
        "{outputs} outputs for {jobs} jobs"
    );
    outputs
}

/// A MariaDB server of the test's own (its own data folder and port), so a test can
/// stop and start it without disturbing the shared one.
pub struct PrivateMariaDb {
    dir: tempfile::TempDir,
    port: u16,
    child: Option<Child>,
}

impl PrivateMariaDb {
    /// Creates a data folder with `mariadb-install-db` and starts the server on a free
    /// loopback port.
    pub async fn start() -> PrivateMariaDb {
        let dir = tempfile::tempdir().unwrap();
        let installed = Command::new("mariadb-install-db")
            .arg("--no-defaults")
            .arg(format!("--datadir={}", dir.path().join("data").display()))
            .args([
                "--user=root",
                "--skip-test-db",
                "--auth-root-authentication-method=normal",
            ])
            .stdin(Stdio::null())
            .output()
            .expect("mariadb-install-db runs (scripts/setup.sh installs MariaDB)");
        assert!(
            installed.status.success(),
            "mariadb-install-db failed: {}",
            String::from_utf8_lossy(&installed.stderr)
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut server = PrivateMariaDb {
            dir,
            port,
            child: None,
        };
        server.resume().await;
        server
    }

    /// `mysql://root@127.0.0.1:PORT/DB`.
    pub fn url(&self, database: &str) -> String {
        format!("mysql://root@127.0.0.1:{}/{database}", self.port)
    }

    /// Starts the server (again) on the same data folder and port; waits until it
    /// answers.
    pub async fn resume(&mut self) {
        assert!(self.child.is_none(), "already running");
        let data = self.dir.path().join("data");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.path().join("mariadb.log"))
            .unwrap();
        let child = Command::new("mariadbd")
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!(
                "--socket={}",
                self.dir.path().join("sock").display()
            ))
            .arg(format!(
                "--pid-file={}",
                self.dir.path().join("pid").display()
            ))
            .arg(format!("--port={}", self.port))
            .args([
                "--user=root",
                "--bind-address=127.0.0.1",
                "--skip-name-resolve",
                "--skip-log-bin",
                "--innodb-buffer-pool-size=32M",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("mariadbd starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(pool) = sqlx::MySqlPool::connect(&self.url("mysql")).await {
                pool.close().await;
                return;
            }
            let log =
                std::fs::read_to_string(self.dir.path().join("mariadb.log")).unwrap_or_default();
            assert!(
                Instant::now() < deadline,
                "the private MariaDB did not answer within 60 s:\n{log}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Kills the server (SIGKILL: no clean shutdown, as in a crash or a pulled plug).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Creates a database and returns its URL.
    pub async fn create_database(&self, name: &str) -> String {
        let admin = sqlx::MySqlPool::connect(&self.url("mysql")).await.unwrap();
        create_database(&admin, name).await;
        admin.close().await;
        self.url(name)
    }
}

impl Drop for PrivateMariaDb {
    fn drop(&mut self) {
        self.kill();
    }
}
