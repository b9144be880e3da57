//! Complaints go to the configured model servers and nowhere else: a proxy set in the
//! environment (which HTTP clients follow by default) is not used. The proxy here
//! refuses every connection, so a complaint sent through it would fail.
//!
//! A test binary of its own: the environment is process-wide.

mod common;

use afirgen_core::domain::JobState;
use afirgen_mock::MockConfig;
use common::{engine, fresh_store, mock, settle, test_config, text_case, Db};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proxy_in_the_environment_is_not_used() {
    // A port nothing listens on.
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    for var in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "all_proxy",
    ] {
        std::env::set_var(var, format!("http://{dead}"));
    }
    std::env::remove_var("NO_PROXY");
    std::env::remove_var("no_proxy");

    let t = fresh_store(Db::Sqlite).await;
    let server = mock(MockConfig::default()).await;
    let engine = engine(&t, test_config(&server.url()));
    let _dispatcher = engine.start();
    let submitted = engine
        .submit(text_case(
            "Someone took my bicycle from outside the post office.",
        ))
        .await
        .unwrap();
    let job = settle(&engine, &submitted).await;
    assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    assert!(
        server.stats().requests >= 2,
        "the model server itself was asked"
    );
}
