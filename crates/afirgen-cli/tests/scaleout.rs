//! Scale-out (DESIGN.md section 3): two `afirgen serve` processes on one MariaDB
//! database share the persisted queue. 100 complaints go in through both; one server is
//! killed with SIGKILL mid-run; the other finishes every job after the lease. No job is
//! lost, no step is done twice, and FIR numbers from two live servers have no gap.
//! And the crash test: one server killed mid-run and started again finishes every job.

use serde_json::{json, Value};
use sqlx::Row;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const JOBS: usize = 100;

/// A throwaway database on the test MariaDB, dropped at the end.
struct Database {
    admin_url: String,
    name: String,
    url: String,
}

impl Database {
    async fn create() -> Database {
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
        sqlx::query(&format!(
            "CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        ))
        .execute(&admin)
        .await
        .unwrap();
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

fn afirgen(dir: &Path, db_url: &str, llm_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_afirgen"));
    cmd.env_clear()
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

struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(dir: &Path, name: &str, db_url: &str, llm_url: &str) -> Server {
        let dir = dir.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("server.log");
        let child = afirgen(&dir, db_url, llm_url)
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

async fn count(pool: &sqlx::MySqlPool, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(pool)
        .await
        .unwrap()
        .get::<i64, _>(0)
}

/// Adds a station house officer; returns their key.
fn add_sho(dir: &Path, db_url: &str, llm_url: &str) -> String {
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
async fn wait_all_ready(pool: &sqlx::MySqlPool, jobs: usize, within: Duration) {
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
        assert_eq!(stuck, 0, "a job failed");
        assert!(
            Instant::now() < deadline,
            "only {ready} of {jobs} jobs reached review"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Checks that no (job, step) output was stored twice and every job has the same
/// number of outputs; returns how many there are.
async fn each_step_once(pool: &sqlx::MySqlPool, jobs: usize) -> i64 {
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

#[tokio::test(flavor = "multi_thread")]
async fn two_servers_share_the_queue_and_one_can_die() {
    let mock = afirgen_mock::MockServer::start(
        "127.0.0.1:0".parse().unwrap(),
        afirgen_mock::MockConfig {
            latency_ms: 150,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let db = Database::create().await;
    let dir = tempfile::tempdir().unwrap();
    let key = add_sho(dir.path(), &db.url, &mock.url());

    let mut a = Server::start(dir.path(), "a", &db.url, &mock.url());
    let b = Server::start(dir.path(), "b", &db.url, &mock.url());
    let a_pid = a.child.id();
    let http = reqwest::Client::new();

    // 100 complaints, alternately through each server.
    let submits: Vec<_> = (0..JOBS)
        .map(|i| {
            let url = if i % 2 == 0 { a.url.clone() } else { b.url.clone() };
            let (http, key) = (http.clone(), key.clone());
            tokio::spawn(async move {
                let response = http
                    .post(format!("{url}/process"))
                    .bearer_auth(&key)
                    .json(&json!({
                        "text": format!("Complaint {i}: my motorcycle was stolen from outside the market last night."),
                        "files": [], "language": "en", "urgent": false
                    }))
                    .send()
                    .await
                    .unwrap();
                let status = response.status();
                let body = response.json::<Value>().await.unwrap();
                assert_eq!(status, 200, "{body}");
                body["job_id"].as_i64().unwrap()
            })
        })
        .collect();
    let mut job_ids = Vec::new();
    for submit in submits {
        job_ids.push(submit.await.unwrap());
    }
    assert_eq!(job_ids.len(), JOBS);

    // Kill server A (SIGKILL: no cleanup) while it holds running jobs.
    let pool = sqlx::MySqlPool::connect(&db.url).await.unwrap();
    let running = "('transcribing', 'ocr', 'extracting', 'legal_sections', 'drafting')";
    let held_by_a =
        format!("SELECT id FROM jobs WHERE claimed_by LIKE '%-{a_pid}-%' AND state IN {running}");
    let deadline = Instant::now() + Duration::from_secs(60);
    let orphans: Vec<i64> = loop {
        let ids: Vec<i64> = sqlx::query(&held_by_a)
            .fetch_all(&pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        // Mid-run: some jobs finished, and A holds some of those still running.
        let ready = count(
            &pool,
            "SELECT COUNT(*) FROM jobs WHERE state = 'awaiting_review'",
        )
        .await;
        if !ids.is_empty() && ready >= 10 {
            a.child.kill().unwrap();
            a.child.wait().unwrap();
            break ids;
        }
        assert!(Instant::now() < deadline, "server A never claimed a job");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let ready_at_kill = count(
        &pool,
        "SELECT COUNT(*) FROM jobs WHERE state = 'awaiting_review'",
    )
    .await;
    assert!(
        ready_at_kill < JOBS as i64,
        "the kill came too late to matter"
    );
    let killed_at = Instant::now();

    // B alone finishes everything, A's interrupted jobs after their lease.
    wait_all_ready(&pool, JOBS, Duration::from_secs(180)).await;
    eprintln!(
        "A killed holding {} running jobs with {ready_at_kill} of {JOBS} ready; B finished all {JOBS} {:.1} s later",
        orphans.len(),
        killed_at.elapsed().as_secs_f64()
    );
    // None lost, none done twice: one stored output per (job, step), the same steps for
    // every job.
    let outputs = each_step_once(&pool, JOBS).await;
    assert!(outputs >= 3 * JOBS as i64);
    // A's jobs were taken over (a second claim) and finished by B.
    for id in &orphans {
        let row = sqlx::query("SELECT attempts, state FROM jobs WHERE id = ?")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(row.get::<String, _>("state"), "awaiting_review");
        assert!(
            row.get::<i64, _>("attempts") >= 2,
            "job {id} was not resumed"
        );
    }

    // Two live servers finalise all 100 at once: numbers 1..=100, no gap, no repeat.
    let c = Server::start(dir.path(), "c", &db.url, &mock.url());
    let finals: Vec<_> = job_ids
        .iter()
        .enumerate()
        .map(|(i, job)| {
            let url = if i % 2 == 0 {
                b.url.clone()
            } else {
                c.url.clone()
            };
            let (http, key, job) = (http.clone(), key.clone(), *job);
            tokio::spawn(async move {
                let response = http
                    .post(format!("{url}/firs/{job}/finalize"))
                    .bearer_auth(&key)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), 200);
                response.json::<Value>().await.unwrap()["number"]
                    .as_i64()
                    .unwrap()
            })
        })
        .collect();
    let mut numbers = Vec::new();
    for f in finals {
        numbers.push(f.await.unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=JOBS as i64).collect::<Vec<_>>());
    pool.close().await;
    drop((b, c));
}

/// DESIGN.md section 9's crash test: one backend killed with SIGKILL while 20 jobs are
/// in different steps, then started again on the same database: every job finishes,
/// no step is done twice, none is lost.
#[tokio::test(flavor = "multi_thread")]
async fn a_killed_server_restarted_finishes_every_job_once() {
    const CRASH_JOBS: usize = 20;
    let mock = afirgen_mock::MockServer::start(
        "127.0.0.1:0".parse().unwrap(),
        afirgen_mock::MockConfig {
            latency_ms: 200,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let db = Database::create().await;
    let dir = tempfile::tempdir().unwrap();
    let key = add_sho(dir.path(), &db.url, &mock.url());
    let mut first = Server::start(dir.path(), "first", &db.url, &mock.url());
    let http = reqwest::Client::new();
    for i in 0..CRASH_JOBS {
        let response = http
            .post(format!("{}/process", first.url))
            .bearer_auth(&key)
            .json(&json!({
                "text": format!("Complaint {i}: my bag was snatched near the bus stand this evening."),
                "files": [], "language": "en", "urgent": false
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }

    // Kill it when the jobs are spread out: some ready, some queued, and the running
    // ones in at least two different steps.
    let pool = sqlx::MySqlPool::connect(&db.url).await.unwrap();
    let running = "('transcribing', 'ocr', 'extracting', 'legal_sections', 'drafting')";
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let steps = count(
            &pool,
            &format!("SELECT COUNT(DISTINCT state) FROM jobs WHERE state IN {running}"),
        )
        .await;
        let ready = count(
            &pool,
            "SELECT COUNT(*) FROM jobs WHERE state = 'awaiting_review'",
        )
        .await;
        let queued = count(&pool, "SELECT COUNT(*) FROM jobs WHERE state = 'queued'").await;
        if steps >= 2 && ready >= 1 && queued >= 1 {
            first.child.kill().unwrap();
            first.child.wait().unwrap();
            eprintln!("killed with {ready} ready, {queued} queued, running in {steps} steps");
            break;
        }
        assert!(Instant::now() < deadline, "the jobs never spread out");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let outputs_at_kill = count(&pool, "SELECT COUNT(*) FROM step_outputs").await;
    let interrupted: Vec<i64> =
        sqlx::query(&format!("SELECT id FROM jobs WHERE state IN {running}"))
            .fetch_all(&pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
    assert!(!interrupted.is_empty());

    // The same backend again: it takes the interrupted jobs back after their lease.
    let _second = Server::start(dir.path(), "second", &db.url, &mock.url());
    wait_all_ready(&pool, CRASH_JOBS, Duration::from_secs(120)).await;
    let outputs = each_step_once(&pool, CRASH_JOBS).await;
    assert!(
        outputs >= outputs_at_kill,
        "outputs stored before the kill were kept"
    );
    // Every job has a draft: nothing lost.
    let drafts = count(&pool, "SELECT COUNT(DISTINCT job_id) FROM drafts").await;
    assert_eq!(drafts, CRASH_JOBS as i64);
    // The jobs cut off mid-step were claimed again and finished.
    for id in &interrupted {
        let attempts: i64 = sqlx::query("SELECT attempts FROM jobs WHERE id = ?")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap()
            .get(0);
        assert!(attempts >= 2, "job {id} was not resumed");
    }
    pool.close().await;
}
