//! Model servers misbehaving in every way the mock can: HTTP 500 and 429, requests never
//! answered, bodies that are not JSON, answers that do not fit the schema, slow streams
//! and refused connections. Every job ends — with a draft or with a reason that names
//! the problem — within its retry budget, and the breaker opens and closes again. And a
//! database whose answer to a commit is lost: the step is stored once.
//! Bounded in time, loopback only.

mod common;

use afirgen_core::domain::{Job, JobErrorKind, JobState, Step};
use afirgen_core::models::BreakerState;
use afirgen_core::store::Store;
use afirgen_core::{Config, Engine, Submitted};
use afirgen_mock::{MockConfig, MockServer};
use common::lost_ack::LostAck;
use common::{engine, fresh_store, mock, step_rows, test_config, text_case, Db};
use std::time::Duration;

const STATEMENT: &str = "Yesterday morning at about 9:15 somebody took my Samsung mobile phone from my trouser pocket on bus 42 near the Rajiv Chowk stop.";

/// Jobs per case.
const JOBS: usize = 4;

/// No case may take longer than this: a hang is a failure.
const CASE_LIMIT: Duration = Duration::from_secs(45);

/// Submits `JOBS` complaints and waits for all of them to settle.
async fn run_jobs(engine: &Engine, label: &str) -> Vec<Job> {
    let mut submitted: Vec<Submitted> = Vec::new();
    for i in 0..JOBS {
        submitted.push(
            engine
                .submit(text_case(&format!("{STATEMENT} ({label} {i})")))
                .await
                .unwrap(),
        );
    }
    let mut jobs = Vec::new();
    for s in &submitted {
        let job = tokio::time::timeout(CASE_LIMIT, engine.wait_settled(s.job_id))
            .await
            .unwrap_or_else(|_| panic!("{label}: a job hung for {CASE_LIMIT:?}"))
            .unwrap();
        jobs.push(job);
    }
    jobs
}

/// A configuration with a one-second model timeout, three tries per call and a breaker
/// that stays out of the way unless a case wants it.
fn quick(url: &str) -> Config {
    let mut config = test_config(url);
    config.llm.timeout_secs = 1;
    config.retry.max_attempts = 3;
    config.breaker.failure_threshold = 1_000;
    config
}

struct Case {
    label: &'static str,
    fault: MockConfig,
    /// What the reason of a failed job must say; or, for a model that answers but not
    /// usably (set aside, the rules draft), what the draft's note must say.
    reason: &'static [&'static str],
    /// Whether a permanent fault still ends in a draft (from the rules).
    drafts: bool,
    /// Model requests one job may cost at most when the fault is permanent.
    budget_per_job: u64,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            label: "HTTP 500",
            fault: MockConfig {
                error_rate: 1.0,
                error_status: 500,
                ..MockConfig::default()
            },
            reason: &["LLM server unavailable after 3 tries", "HTTP 500"],
            drafts: false,
            budget_per_job: 3,
        },
        Case {
            label: "HTTP 429",
            fault: MockConfig {
                error_rate: 1.0,
                error_status: 429,
                ..MockConfig::default()
            },
            reason: &["LLM server unavailable after 3 tries", "HTTP 429"],
            drafts: false,
            budget_per_job: 3,
        },
        Case {
            label: "no answer",
            fault: MockConfig {
                hang_rate: 1.0,
                ..MockConfig::default()
            },
            reason: &[
                "LLM server unavailable after 3 tries",
                "no answer within 1 s",
            ],
            drafts: false,
            budget_per_job: 3,
        },
        Case {
            label: "body not JSON",
            fault: MockConfig {
                broken_body_rate: 1.0,
                ..MockConfig::default()
            },
            reason: &[
                "LLM server unavailable after 3 tries",
                "not an OpenAI chat completion",
            ],
            drafts: false,
            budget_per_job: 3,
        },
        Case {
            label: "answer not the schema",
            fault: MockConfig {
                garbage_rate: 1.0,
                ..MockConfig::default()
            },
            reason: &["answer was unusable after 2 tries"],
            drafts: true,
            // Two tries for the facts, two for the sections.
            budget_per_job: 4,
        },
        Case {
            label: "stream slower than the timeout",
            fault: MockConfig {
                slow_body_ms: 4_000,
                ..MockConfig::default()
            },
            reason: &[
                "LLM server unavailable after 3 tries",
                "no answer within 1 s",
            ],
            drafts: false,
            budget_per_job: 3,
        },
    ]
}

/// Checks a job that must have failed at extraction with a reason saying `words`.
fn assert_failed_clearly(job: &Job, label: &str, words: &[&str]) {
    assert_eq!(job.state, JobState::Failed, "{label}: {job:?}");
    let error = job.error.as_ref().expect("a failed job has a reason");
    assert_eq!(error.kind, JobErrorKind::Model, "{label}: {error:?}");
    assert_eq!(error.step, Some(Step::Extract), "{label}: {error:?}");
    for word in words {
        assert!(
            error.message.contains(word),
            "{label}: the reason should say {word:?}: {}",
            error.message
        );
    }
    assert!(
        error.retryable(),
        "{label}: a model failure can be retried: {error:?}"
    );
}

/// Checks a job whose model answered unusably: drafted from the rules, the draft saying
/// why the model's answer was set aside.
async fn assert_drafted_with_note(engine: &Engine, job: &Job, label: &str, words: &[&str]) {
    assert_eq!(job.state, JobState::AwaitingReview, "{label}: {job:?}");
    let draft = engine.draft(job.case_id).await.unwrap().unwrap();
    let note = draft
        .notes
        .iter()
        .find(|n| n.field == "facts")
        .unwrap_or_else(|| panic!("{label}: no note about the model: {:?}", draft.notes));
    for word in words {
        assert!(note.message.contains(word), "{label}: {}", note.message);
    }
    assert_eq!(
        draft.occurrence.time_from.as_deref(),
        Some("09:15"),
        "{label}: the rules still read the statement"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_model_fault_ends_in_a_draft_or_a_clear_reason() {
    let t = fresh_store(Db::Sqlite).await;
    for case in cases() {
        // Permanent: every job fails, says why, and stays within the retry budget.
        let server = mock(case.fault.clone()).await;
        let engine = engine(&t, quick(&server.url()));
        let dispatcher = engine.start();
        for job in run_jobs(&engine, case.label).await {
            if case.drafts {
                assert_drafted_with_note(&engine, &job, case.label, case.reason).await;
            } else {
                assert_failed_clearly(&job, case.label, case.reason);
            }
        }
        let requests = server.stats().requests;
        assert!(
            requests >= JOBS as u64 && requests <= JOBS as u64 * case.budget_per_job,
            "{}: {requests} requests for {JOBS} jobs (budget {} each)",
            case.label,
            case.budget_per_job
        );
        drop(dispatcher);

        // Intermittent (a quarter of the calls): every job completes on a retry.
        let mut fault = case.fault.clone();
        for rate in [
            &mut fault.error_rate,
            &mut fault.hang_rate,
            &mut fault.broken_body_rate,
            &mut fault.garbage_rate,
        ] {
            if *rate > 0.0 {
                *rate = 0.25;
            }
        }
        if fault.slow_body_ms > 0 {
            // Slow, but inside the timeout: the answer arrives whole.
            fault.slow_body_ms = 400;
        }
        fault.seed = 11;
        server.set_config(fault);
        let mut config = quick(&server.url());
        config.retry.max_attempts = 8;
        let engine = self::engine(&t, config);
        let _dispatcher = engine.start();
        for job in run_jobs(&engine, case.label).await {
            assert_eq!(
                job.state,
                JobState::AwaitingReview,
                "{}: {:?}",
                case.label,
                job.error
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_answer_cut_off_at_its_token_limit_is_not_asked_again() {
    let t = fresh_store(Db::Sqlite).await;
    // As SmolLM2 answers some Hindi complaints: every field filled to its limit, the
    // JSON unfinished when max_tokens runs out.
    let server = mock(MockConfig {
        cut_off_schemas: vec!["fir_facts".to_owned()],
        ..MockConfig::default()
    })
    .await;
    let engine = engine(&t, test_config(&server.url()));
    let _dispatcher = engine.start();
    for job in run_jobs(&engine, "cut off").await {
        assert_drafted_with_note(
            &engine,
            &job,
            "cut off",
            &["token limit", "not asked again"],
        )
        .await;
    }
    // One extraction call per job: a retry of such an answer, measured, rambled again.
    assert_eq!(
        server.stats().by_schema.get("fir_facts"),
        Some(&(JOBS as u64))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn refused_connections_fail_clearly_and_within_budget() {
    let t = fresh_store(Db::Sqlite).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let engine = engine(&t, quick(&url));
    let _dispatcher = engine.start();
    let started = std::time::Instant::now();
    for job in run_jobs(&engine, "refused").await {
        assert_failed_clearly(
            &job,
            "refused",
            &["LLM server unavailable after 3 tries", &url],
        );
    }
    let status = &engine.models().endpoint_statuses()[0];
    assert!(
        status.requests <= JOBS as u64 * 3,
        "at most three tries per job: {status:?}"
    );
    // Three tries with 20-100 ms back-off: a refused connection fails fast.
    assert!(started.elapsed() < CASE_LIMIT);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_breaker_opens_on_a_failing_server_and_closes_when_it_recovers() {
    let t = fresh_store(Db::Sqlite).await;
    let server: MockServer = mock(MockConfig {
        error_rate: 1.0,
        error_status: 500,
        ..MockConfig::default()
    })
    .await;
    let mut config = quick(&server.url());
    config.retry.max_attempts = 2;
    config.breaker.failure_threshold = 2;
    config.breaker.open_ms = 1_500;
    let engine = engine(&t, config);
    let _dispatcher = engine.start();
    let breaker = |engine: &Engine| engine.models().endpoint_statuses()[0].breaker;

    let first = engine.submit(text_case(STATEMENT)).await.unwrap();
    let job = engine.wait_settled(first.job_id).await.unwrap();
    assert_failed_clearly(&job, "failing server", &["HTTP 500"]);
    assert_eq!(breaker(&engine), BreakerState::Open);
    let sent = server.stats().requests;
    assert_eq!(sent, 2, "two tries, then the breaker opened");

    // While open, calls are not sent at all and the reason says why.
    let second = engine.submit(text_case(STATEMENT)).await.unwrap();
    let job = engine.wait_settled(second.job_id).await.unwrap();
    assert_failed_clearly(&job, "open breaker", &["circuit breaker open"]);
    assert_eq!(server.stats().requests, sent, "no call reached the server");

    // The server recovers; after the cool-down one probe passes and closes the breaker.
    server.set_config(MockConfig::default());
    tokio::time::sleep(Duration::from_millis(1_600)).await;
    assert_eq!(breaker(&engine), BreakerState::HalfOpen);
    let third = engine.submit(text_case(STATEMENT)).await.unwrap();
    let job = engine.wait_settled(third.job_id).await.unwrap();
    assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    assert_eq!(breaker(&engine), BreakerState::Closed);

    // The two failed jobs complete when retried: nothing was lost.
    for failed in [&first, &second] {
        engine.retry(failed.job_id, "sho").await.unwrap();
        let job = tokio::time::timeout(CASE_LIMIT, engine.wait_settled(failed.job_id))
            .await
            .expect("a retried job settles")
            .unwrap();
        assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    }
}

/// The database's answer to a step's commit is lost (MariaDB behind a proxy that cuts
/// the connection as the answer comes back): the run writes again under the same claim,
/// finds its step already stored, and goes on. The job finishes in its first run with
/// every step stored once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_lost_commit_answer_stores_the_step_once_and_the_job_goes_on() {
    let t = fresh_store(Db::MySql).await;
    let proxy = LostAck::start(&t.url).await;
    let model = mock(MockConfig::default()).await;
    let store = Store::connect(&proxy.url, 4).await.unwrap();
    let engine = Engine::with_store(test_config(&model.url()), store).unwrap();
    let submitted = engine.submit(text_case(STATEMENT)).await.unwrap();
    // The next commit is the first step's output (claims and step changes are single
    // statements, committed without a COMMIT).
    proxy.arm();
    let _dispatcher = engine.start();
    let job = common::settle(&engine, &submitted).await;
    assert_eq!(proxy.cuts(), 1, "the answer to a commit was cut");
    assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    assert_eq!(job.attempts, 1, "the run rode out the lost answer itself");
    let rows = step_rows(&t, submitted.job_id).await;
    let steps: Vec<(&str, i64)> = rows.iter().map(|(s, v, _)| (s.as_str(), *v)).collect();
    assert_eq!(
        steps,
        vec![
            ("draft", 1),
            ("extract", 1),
            ("inputs_to_text", 1),
            ("legal_sections", 1)
        ],
        "each step stored once"
    );
}
