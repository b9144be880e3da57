//! Chunked parallel transcription vs one whole-file request, against a real
//! OpenAI-compatible speech server (benchmark, not a test). Prints wall times and the
//! speed-up measured in one run.
//!
//! `scripts/bench-asr.sh` makes a several-minute recording and starts the local server;
//! by hand: `cargo bench -p afirgen-core --bench asr_chunks -- --audio FILE.wav --asr-url URL [--slots N]`

use afirgen_core::media::{audio, MediaType};
use afirgen_core::models::ModelClient;
use afirgen_core::Config;
use std::sync::Arc;
use std::time::Instant;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(url)) = (arg(&args, "--audio"), arg(&args, "--asr-url")) else {
        eprintln!("usage: asr_chunks --audio FILE.wav --asr-url URL [--slots N] [--chunk-secs S]");
        std::process::exit(2);
    };
    let slots: usize = arg(&args, "--slots")
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    let chunk_secs: f64 = arg(&args, "--chunk-secs")
        .and_then(|v| v.parse().ok())
        .unwrap_or(30.0);
    let bytes = std::fs::read(&path).expect("read the recording");
    let media_type = afirgen_core::media::sniff(&bytes).unwrap_or(MediaType::Wav);
    let pcm = audio::decode(
        &path,
        &bytes,
        media_type,
        std::path::Path::new("ffmpeg"),
        7200,
    )
    .expect("decode");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async move {
        let mut config = Config::default();
        config.asr.urls = vec![url];
        config.asr.max_in_flight_per_endpoint = slots;
        let client = ModelClient::new(&config, afirgen_core::gate::Gates::new(15, 10)).expect("client");
        let whole_wav = Arc::new(audio::to_wav(&pcm.samples));
        // Warm-up: the first request loads caches on the server.
        client.transcribe(Arc::new(audio::to_wav(&pcm.samples[..16_000 * 5])), "en").await.expect("warm-up");

        let started = Instant::now();
        let whole = client.transcribe(whole_wav, "en").await.expect("whole file");
        let whole_secs = started.elapsed().as_secs_f64();

        let ranges = audio::chunk_ranges(&pcm, chunk_secs, config.audio.overlap_secs);
        let wavs: Vec<Arc<Vec<u8>>> = ranges.iter().map(|r| Arc::new(audio::to_wav(&pcm.samples[r.clone()]))).collect();
        let started = Instant::now();
        let mut sequential = Vec::new();
        for wav in &wavs {
            sequential.push(client.transcribe(Arc::clone(wav), "en").await.expect("chunk"));
        }
        let sequential_secs = started.elapsed().as_secs_f64();

        let started = Instant::now();
        let parts = futures::future::try_join_all(wavs.iter().map(|w| client.transcribe(Arc::clone(w), "en")))
            .await
            .expect("chunks");
        let parallel_secs = started.elapsed().as_secs_f64();
        let merged = afirgen_core::media::transcript::merge_transcripts(&parts);
        println!("ASR chunking benchmark: {:.0} s recording, {} chunks of ~{chunk_secs:.0} s, {slots} requests at once", pcm.seconds(), ranges.len());
        println!("  whole file, one request:      {whole_secs:>7.2} s  ({} words)", whole.split_whitespace().count());
        println!("  chunks one after another:     {sequential_secs:>7.2} s");
        println!("  chunks in parallel:           {parallel_secs:>7.2} s  ({} words)", merged.split_whitespace().count());
        println!("  speed-up parallel vs whole:   {:.2}x", whole_secs / parallel_secs);
        println!("  speed-up parallel vs chunks one by one: {:.2}x", sequential_secs / parallel_secs);
    });
}
