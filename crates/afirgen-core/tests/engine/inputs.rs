//! What a case is made of: bad input kept with its reason, mixed text and audio in
//! order, long recordings chunked, damaged ones refused.

use super::HINDI;
use crate::both;
use crate::common::{engine, fresh_store, mock, settle, test_config, text_case};
use afirgen_core::domain::{JobErrorKind, JobState, NewInput, Step};
use afirgen_mock::MockConfig;

both!(bad_input_is_kept_with_a_clear_reason, |db| async move {
    let t = fresh_store(db).await;
    let server = mock(MockConfig::default()).await;
    let engine = engine(&t, test_config(&server.url()));
    let too_long = "क".repeat(50_001);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"   \n\t ".to_vec(), "is empty"),
        (
            too_long.into_bytes(),
            "50001 characters, more than the limit of 50000",
        ),
        (
            vec![b'o', b'k', 0xff, 0xfe, b'!'],
            "not valid UTF-8 text (bad byte at offset 2)",
        ),
    ];
    for (bytes, reason) in cases {
        let mut case = text_case("placeholder");
        case.inputs = vec![NewInput {
            kind: afirgen_core::domain::InputKind::Text,
            bytes: bytes.clone(),
            display_name: Some("complaint.txt".into()),
        }];
        let submitted = engine.submit(case).await.unwrap();
        assert_eq!(submitted.state, JobState::Failed);
        let job = engine.store().get_job(submitted.job_id).await.unwrap();
        let error = job.error.unwrap();
        assert_eq!(error.kind, JobErrorKind::Input);
        assert!(error.message.contains(reason), "{}", error.message);
        assert!(
            error.message.contains("complaint.txt"),
            "names the input: {}",
            error.message
        );
        // The submission itself is kept, byte for byte.
        let input = &engine.store().case_inputs(job.case_id).await.unwrap()[0];
        assert_eq!(engine.store().blob(&input.sha256).await.unwrap(), bytes);
    }
    assert!(engine
        .submit(afirgen_core::domain::NewCase {
            inputs: vec![],
            ..text_case("x")
        })
        .await
        .is_err());
    assert_eq!(
        server.stats().requests,
        0,
        "rejected inputs never reach a model server"
    );
});

/// About `seconds` of speech: the fixture sentence repeated with half-second pauses.
fn long_recording(seconds: f64) -> Vec<u8> {
    use afirgen_core::media::{audio, MediaType};
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/speech.wav");
    let sentence = audio::decode(
        "speech.wav",
        &std::fs::read(path).unwrap(),
        MediaType::Wav,
        std::path::Path::new("ffmpeg"),
        7200,
    )
    .unwrap()
    .samples;
    let mut samples = Vec::new();
    while (samples.len() as f64) < seconds * 16_000.0 {
        samples.extend_from_slice(&sentence);
        samples.extend(std::iter::repeat_n(0.0, 8_000));
    }
    audio::to_wav(&samples)
}

/// A case of one recording of about `seconds` in `language`, submitted and drafted.
async fn recorded_case(
    engine: &afirgen_core::Engine,
    language: &str,
    seconds: f64,
) -> afirgen_core::domain::Job {
    let mut case = text_case("x");
    case.language = language.into();
    case.inputs = vec![NewInput {
        kind: afirgen_core::domain::InputKind::Audio,
        bytes: long_recording(seconds),
        display_name: Some("statement.wav".into()),
    }];
    let submitted = engine.submit(case).await.unwrap();
    let job = settle(engine, &submitted).await;
    assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
    job
}

both!(
    mixed_inputs_are_read_in_order_and_long_audio_is_chunked,
    |db| async move {
        let t = fresh_store(db).await;
        let server = mock(MockConfig {
            latency_ms: 100,
            ..MockConfig::default()
        })
        .await;
        let engine = engine(&t, test_config(&server.url()));
        let mut events = engine.subscribe();
        let _dispatcher = engine.start();
        let mut case = text_case(HINDI);
        case.inputs.push(NewInput {
            kind: afirgen_core::domain::InputKind::Audio,
            bytes: long_recording(75.0),
            display_name: Some("statement.wav".into()),
        });
        case.inputs
            .push(NewInput::text("Typed addendum by the duty officer."));
        let submitted = engine.submit(case).await.unwrap();
        let job = settle(&engine, &submitted).await;
        assert_eq!(job.state, JobState::AwaitingReview, "{:?}", job.error);
        let outputs = engine.store().step_outputs(job.id).await.unwrap();
        let transcript: afirgen_core::pipeline::Transcript =
            serde_json::from_value(outputs[&Step::InputsToText].clone()).unwrap();
        let sources: Vec<&str> = transcript
            .inputs
            .iter()
            .map(|i| i.source.as_str())
            .collect();
        assert_eq!(sources, ["typed", "asr:default", "typed"]);
        let audio = &transcript.inputs[1];
        assert_eq!(audio.display_name.as_deref(), Some("statement.wav"));
        assert_eq!(audio.chunks, Some(3), "75 s in chunks of about 30 s");
        assert!((audio.seconds.unwrap() - 75.0).abs() < 3.0);
        assert_eq!(
            audio.text.matches("Mock transcript").count(),
            3,
            "{}",
            audio.text
        );
        assert_eq!(
            transcript.statement,
            format!(
                "{HINDI}\n\n{}\n\nTyped addendum by the duty officer.",
                audio.text
            )
        );
        let stats = server.stats();
        assert_eq!(stats.by_schema["audio_transcription"], 3);
        assert!(
            stats.max_in_flight >= 2,
            "chunks are transcribed in parallel"
        );
        let draft = engine.draft(job.case_id).await.unwrap().unwrap();
        assert_eq!(
            draft.information_type,
            afirgen_core::fir::InformationType::Oral
        );
        let mut saw_transcribing = false;
        while let Ok(event) = events.try_recv() {
            saw_transcribing |=
                event.state == JobState::Transcribing && event.step == Some(Step::InputsToText);
        }
        assert!(saw_transcribing);
    }
);

both!(
    the_case_language_reaches_the_speech_server,
    |db| async move {
        let t = fresh_store(db).await;
        let server = mock(MockConfig::default()).await;
        let mut config = test_config(&server.url());
        // A station whose Detect means Hindi.
        config.audio.language = "hi".into();
        let engine = engine(&t, config);
        let _dispatcher = engine.start();
        // (case language, what the speech server is sent)
        let cases = [("en", "en"), ("hi-IN", "hi+prompt"), ("auto", "hi+prompt")];
        for (language, sent) in cases {
            let before = server
                .stats()
                .transcriptions
                .get(sent)
                .copied()
                .unwrap_or(0);
            recorded_case(&engine, language, 5.0).await;
            let stats = server.stats();
            assert_eq!(
                stats.transcriptions.get(sent).copied().unwrap_or(0),
                before + 1,
                "case language {language}: {stats:?}"
            );
        }
        assert_eq!(server.stats().transcriptions.len(), 2);
    }
);

both!(
    detect_chooses_one_language_among_the_stations_for_the_whole_recording,
    |db| async move {
        let t = fresh_store(db).await;
        let server = mock(MockConfig::default()).await;
        let mut config = test_config(&server.url());
        config.audio.language = String::new();
        // (the station's languages, the requests sent by kind, the language recorded):
        // the first chunk to identify, then the rest in what it was heard as, a Hindi
        // first chunk again with the prompt; with no languages to choose among, the
        // mock (like a plain server) names none, and each chunk is detected.
        type Run<'a> = (Vec<&'a str>, Vec<(&'a str, u64)>, Option<&'a str>);
        let runs: [Run; 3] = [
            (
                vec!["hi", "en"],
                vec![("detect:hi,en", 1), ("hi+prompt", 3)],
                Some("hi"),
            ),
            (
                vec!["en", "hi"],
                vec![("detect:en,hi", 1), ("en", 2)],
                Some("en"),
            ),
            (vec![], vec![("", 3)], None),
        ];
        for (languages, sent, heard) in runs {
            let mut config = config.clone();
            config.audio.detect_languages = languages.iter().map(|l| l.to_string()).collect();
            let engine = engine(&t, config);
            let _dispatcher = engine.start();
            let before = server.stats().transcriptions;
            let job = recorded_case(&engine, "auto", 75.0).await;
            let after = server.stats().transcriptions;
            let requests = |key: &str| {
                after.get(key).copied().unwrap_or(0) - before.get(key).copied().unwrap_or(0)
            };
            let total: u64 = after.values().sum::<u64>() - before.values().sum::<u64>();
            for (key, count) in &sent {
                assert_eq!(requests(key), *count, "{languages:?}: {after:?}");
            }
            assert_eq!(total, sent.iter().map(|(_, n)| n).sum::<u64>());
            let outputs = engine.store().step_outputs(job.id).await.unwrap();
            let transcript: afirgen_core::pipeline::Transcript =
                serde_json::from_value(outputs[&Step::InputsToText].clone()).unwrap();
            assert_eq!(transcript.inputs[0].language.as_deref(), heard);
            assert_eq!(transcript.inputs[0].chunks, Some(3));
            assert_eq!(
                transcript.inputs[0].text.matches("Mock transcript").count(),
                3
            );
        }
    }
);

both!(
    a_damaged_recording_fails_the_job_before_any_model_call,
    |db| async move {
        let t = fresh_store(db).await;
        let server = mock(MockConfig::default()).await;
        let engine = engine(&t, test_config(&server.url()));
        let _dispatcher = engine.start();
        let wav = long_recording(10.0);
        let mut case = text_case("placeholder");
        case.inputs = vec![NewInput {
            kind: afirgen_core::domain::InputKind::Audio,
            bytes: wav[..wav.len() / 2].to_vec(),
            display_name: Some("cut.wav".into()),
        }];
        let submitted = engine.submit(case).await.unwrap();
        assert_eq!(
            submitted.state,
            JobState::Queued,
            "the header is fine; the cut shows when decoding"
        );
        let job = settle(&engine, &submitted).await;
        assert_eq!(job.state, JobState::Failed);
        let error = job.error.unwrap();
        assert_eq!(error.kind, JobErrorKind::Input);
        assert!(
            error.message.contains("cut.wav is truncated"),
            "{}",
            error.message
        );
        assert_eq!(server.stats().requests, 0);
    }
);
