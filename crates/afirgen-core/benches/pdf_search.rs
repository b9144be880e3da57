//! Row 5 of docs/benchmarks.md (criterion): rendering a finalised FIR to PDF (a Hindi
//! statement, two pages) and searching the legal catalogue (English and Hindi queries).
//!
//! `cargo bench -p afirgen-core --bench pdf_search`; the medians are in
//! `target/criterion/*/new/estimates.json`, which `scripts/bench.sh` reads.

mod common;

use afirgen_core::legal::Catalogue;
use afirgen_core::Engine;
use afirgen_mock::{MockConfig, MockServer};
use criterion::{criterion_group, criterion_main, Criterion};
use std::time::Duration;

const HINDI: &str = "मेरा नाम सुनीता देवी है। कल शाम लगभग सात बजे बाज़ार से लौटते समय मोटरसाइकिल पर आए दो लड़कों ने मेरी सोने की चेन छीन ली। चेन लगभग 20 ग्राम की थी।";

/// A finalised FIR made by the real engine against the mock model server.
fn finalised_record() -> afirgen_core::store::FinalRecord {
    common::runtime().block_on(async {
        let server = MockServer::start("127.0.0.1:0".parse().unwrap(), MockConfig::default())
            .await
            .expect("mock server");
        let dir = tempfile::tempdir().expect("tempdir");
        let store = common::store(dir.path(), None).await;
        let engine =
            Engine::with_store(common::config(vec![server.url()], 8), store).expect("engine");
        let _dispatcher = engine.start();
        let mut case = common::case(0);
        case.inputs = vec![afirgen_core::domain::NewInput::text(HINDI.repeat(12))];
        let submitted = engine.submit(case).await.expect("submit");
        let job = engine.wait_settled(submitted.job_id).await.expect("settle");
        // What the statement does not say, filled in as an officer would on the form.
        engine
            .fill_stand_ins(job.case_id, "officer")
            .await
            .expect("fill in the form");
        engine
            .finalize(
                submitted.job_id,
                &afirgen_core::auth::User {
                    name: "sho".to_owned(),
                    role: afirgen_core::auth::Role::Sho,
                },
                None,
            )
            .await
            .expect("finalize")
    })
}

fn benches(c: &mut Criterion) {
    let record = finalised_record();
    c.bench_function("pdf_render", |b| {
        b.iter(|| afirgen_core::pdf::render(&record).expect("render"))
    });
    let catalogue = Catalogue::builtin();
    c.bench_function("catalogue_search_en", |b| {
        b.iter(|| {
            catalogue.search(
                "somebody took my mobile phone from my pocket on a crowded bus",
                8,
            )
        })
    });
    c.bench_function("catalogue_search_hi", |b| {
        b.iter(|| catalogue.search(HINDI, 8))
    });
}

criterion_group! {
    name = group;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = benches
}
criterion_main!(group);
