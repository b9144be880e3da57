//! Scale-out (docs/architecture.md, section 4): two `afirgen serve` processes on one MariaDB
//! database share the persisted queue. 100 complaints go in through both; one server is
//! killed with SIGKILL mid-run; the other finishes every job after the lease. No job is
//! lost, no step is done twice, and FIR numbers from two live servers have no gap.
//! And the crash test: one server killed mid-run and started again finishes every job.

mod support;

use serde_json::{json, Value};
use sqlx::Row;
use std::time::{Duration, Instant};
use support::{
    add_sho, choose_action, count, each_step_once, finalize, wait_all_ready, Database, Server,
};

const JOBS: usize = 100;

#[tokio::test(flavor = "multi_thread")]
async fn two_servers_share_the_queue_and_one_can_die() {
    let mock = support::mock(150).await;
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
            let url = if i % 2 == 0 {
                a.url.clone()
            } else {
                b.url.clone()
            };
            let (http, key) = (http.clone(), key.clone());
            tokio::spawn(async move {
                let response = http
                    .post(format!("{url}/process"))
                    .bearer_auth(&key)
                    .json(&json!({
                        "text": support::complaint(i),
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
    let held_by_a = |pool: sqlx::MySqlPool| {
        let sql = held_by_a.clone();
        async move {
            sqlx::query(&sql)
                .fetch_all(&pool)
                .await
                .unwrap()
                .iter()
                .map(|r| r.get::<i64, _>(0))
                .collect::<Vec<i64>>()
        }
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        // Mid-run: some jobs finished, and A holds some of those still running.
        let ready = count(
            &pool,
            "SELECT COUNT(*) FROM jobs WHERE state = 'awaiting_review'",
        )
        .await;
        if ready >= 10 && !held_by_a(pool.clone()).await.is_empty() {
            a.child.kill().unwrap();
            a.child.wait().unwrap();
            break;
        }
        assert!(Instant::now() < deadline, "server A never claimed a job");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // What A held when it died (it may have finished a job between the look above and
    // the kill). Nobody takes these over before their lease, seconds from now.
    let orphans = held_by_a(pool.clone()).await;
    assert!(
        !orphans.is_empty(),
        "A finished all its jobs before the kill"
    );
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
    choose_action(&http, &b.url, &key, &job_ids).await;
    let finals: Vec<_> = job_ids
        .iter()
        .enumerate()
        .map(|(i, job)| {
            let url = if i % 2 == 0 {
                b.url.clone()
            } else {
                c.url.clone()
            };
            tokio::spawn(finalize(http.clone(), url, key.clone(), *job))
        })
        .collect();
    let mut numbers = Vec::new();
    let mut busy = 0;
    for f in finals {
        let (number, refused) = f.await.unwrap();
        numbers.push(number);
        busy += refused;
    }
    if busy > 0 {
        eprintln!("the database was too busy {busy} times (503, tried again)");
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=JOBS as i64).collect::<Vec<_>>());
    pool.close().await;
    drop((b, c));
}

/// The crash test of docs/architecture.md, section 9: one backend killed with SIGKILL while 20 jobs are
/// in different steps, then started again on the same database: every job finishes,
/// no step is done twice, none is lost.
#[tokio::test(flavor = "multi_thread")]
async fn a_killed_server_restarted_finishes_every_job_once() {
    const CRASH_JOBS: usize = 20;
    let mock = support::mock(200).await;
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
                "text": support::complaint(i),
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
