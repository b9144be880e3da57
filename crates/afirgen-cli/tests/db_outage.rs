//! The database goes away mid-run (the fault tests of docs/architecture.md, section 9): a MariaDB server
//! of the test's own is killed while `afirgen serve` has jobs in flight, and again while
//! FIRs are being finalised, then started again on the same data. Requests made during
//! the outage get 503 with Retry-After and a reason; the pool reconnects by itself;
//! every job finishes, none twice; FIR numbers are 1..=N with no gap and no repeat.

mod support;

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use support::{
    add_sho, assert_unavailable, choose_action, count, each_step_once, finalize, wait_all_ready,
    PrivateMariaDb, Server,
};

const JOBS: usize = 12;

/// Seconds a query waits for the database before the server answers 503.
const ACQUIRE_SECS: &str = "2";

async fn submit(http: &reqwest::Client, url: &str, key: &str, i: usize) -> reqwest::Response {
    http.post(format!("{url}/process"))
        .bearer_auth(key)
        .json(&json!({
            "text": support::complaint(i),
            "files": [], "language": "en", "urgent": false
        }))
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_database_stopped_mid_run_loses_nothing() {
    let mut mariadb = PrivateMariaDb::start().await;
    let db_url = mariadb.create_database("afirgen").await;
    let mock = support::mock(300).await;
    let dir = tempfile::tempdir().unwrap();
    let key = add_sho(dir.path(), &db_url, &mock.url());
    let server = Server::start_with(
        dir.path(),
        "serve",
        &db_url,
        &mock.url(),
        &[("AFIRGEN_DB_ACQUIRE_TIMEOUT_SECS", ACQUIRE_SECS)],
    );
    let http = reqwest::Client::new();
    let mut job_ids = Vec::new();
    for i in 0..JOBS {
        let response = submit(&http, &server.url, &key, i).await;
        assert_eq!(response.status(), 200);
        job_ids.push(
            response.json::<Value>().await.unwrap()["job_id"]
                .as_i64()
                .unwrap(),
        );
    }

    // Kill the database while some jobs are done and others are running.
    let pool = sqlx::MySqlPool::connect(&db_url).await.unwrap();
    let running = "('transcribing', 'ocr', 'extracting', 'legal_sections', 'drafting')";
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let ready = count(
            &pool,
            "SELECT COUNT(*) FROM jobs WHERE state = 'awaiting_review'",
        )
        .await;
        let busy = count(
            &pool,
            &format!("SELECT COUNT(*) FROM jobs WHERE state IN {running}"),
        )
        .await;
        if ready >= 1 && busy >= 1 && ready < JOBS as i64 {
            pool.close().await;
            mariadb.kill();
            eprintln!("database killed with {ready} jobs ready and {busy} running");
            break;
        }
        assert!(Instant::now() < deadline, "the jobs never got going");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // While it is down: a new complaint is refused with a reason, not lost silently,
    // and the health report says where the trouble is.
    let outage = Instant::now();
    assert_unavailable(submit(&http, &server.url, &key, 99).await, "a submission").await;
    let health: Value = http
        .get(format!("{}/health", server.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "degraded", "{health}");
    assert_eq!(health["database"]["ok"], false, "{health}");
    // The running jobs meet the outage at their next write.
    tokio::time::sleep(Duration::from_secs(4).saturating_sub(outage.elapsed())).await;
    mariadb.resume().await;
    eprintln!(
        "database back after {:.1} s",
        outage.elapsed().as_secs_f64()
    );

    // The same server, never restarted, finishes every job once.
    let pool = sqlx::MySqlPool::connect(&db_url).await.unwrap();
    wait_all_ready(&pool, JOBS, Duration::from_secs(90)).await;
    let outputs = each_step_once(&pool, JOBS).await;
    assert!(outputs >= 3 * JOBS as i64);
    let cases = count(&pool, "SELECT COUNT(*) FROM cases").await;
    assert_eq!(cases, JOBS as i64, "the refused submission stored nothing");
    let interrupted = count(&pool, "SELECT COUNT(*) FROM jobs WHERE attempts >= 2").await;
    eprintln!("{interrupted} jobs ran again after the outage");

    // Finalise a third, kill the database while the rest are being finalised, bring it
    // back: every FIR gets a number, 1..=JOBS, none lost, none repeated.
    choose_action(&http, &server.url, &key, &job_ids).await;
    let mut numbers = Vec::new();
    for job in &job_ids[..JOBS / 3] {
        let (number, _) = finalize(http.clone(), server.url.clone(), key.clone(), *job).await;
        numbers.push(number);
    }
    pool.close().await;
    mariadb.kill();
    let pending: Vec<_> = job_ids[JOBS / 3..]
        .iter()
        .map(|job| {
            tokio::spawn(finalize(
                http.clone(),
                server.url.clone(),
                key.clone(),
                *job,
            ))
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(3)).await;
    mariadb.resume().await;
    let mut refused = 0;
    for task in pending {
        let (number, waited) = task.await.unwrap();
        numbers.push(number);
        refused += waited;
    }
    assert!(
        refused >= 1,
        "the second outage was seen by the finalisations"
    );
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=JOBS as i64).collect::<Vec<_>>());
    let pool = sqlx::MySqlPool::connect(&db_url).await.unwrap();
    // The database agrees: one record per case, numbers 1..=JOBS, and the counter ends
    // at the last number (none taken and thrown away).
    let distinct = count(&pool, "SELECT COUNT(DISTINCT fir_no) FROM fir_records").await;
    let all = count(&pool, "SELECT COUNT(*) FROM fir_records").await;
    let highest = count(&pool, "SELECT MAX(fir_no) FROM fir_records").await;
    let counter = count(&pool, "SELECT MAX(last_no) FROM fir_sequences").await;
    assert_eq!(
        (distinct, all, highest, counter),
        (JOBS as i64, JOBS as i64, JOBS as i64, JOBS as i64)
    );
    pool.close().await;
    drop(server);
}
