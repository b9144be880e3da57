//! Replays every fuzz seed (`fuzz/seeds/<target>`) and every input the fuzzer kept
//! (`fuzz/corpus/<target>`, `fuzz/artifacts/<target>`, where a long run by hand left
//! them) through the functions the fuzz targets run (`afirgen_core::fuzzing`), on the
//! stable toolchain, under a memory cap like the fuzzer's `-rss_limit_mb=2048`: a seed
//! that once made a decoder allocate gigabytes fails here if the guard goes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The most the heap may hold at once: what libFuzzer allows the targets.
const CAP: usize = 2 << 30;

static LIVE: AtomicUsize = AtomicUsize::new(0);
/// The input being replayed, for the message when the cap is hit (no allocation there).
static INPUT: Mutex<([u8; 240], usize)> = Mutex::new(([0; 240], 0));

/// The system allocator, refusing what would take the live heap past [`CAP`]; the
/// refusal aborts the test (Rust's allocation-failure handler) after naming the input.
struct Capped;

unsafe impl GlobalAlloc for Capped {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let size = layout.size();
        if LIVE.fetch_add(size, Ordering::SeqCst) + size > CAP {
            LIVE.fetch_sub(size, Ordering::SeqCst);
            let mut err = std::io::stderr();
            let _ = err.write_all(b"\nfuzz replay: over the 2 GiB heap cap while replaying ");
            if let Ok(input) = INPUT.try_lock() {
                let _ = err.write_all(&input.0[..input.1]);
            }
            let _ = err.write_all(b"\n");
            return std::ptr::null_mut();
        }
        // SAFETY: the caller's layout goes to the system allocator unchanged.
        let pointer = unsafe { System.alloc(layout) };
        if pointer.is_null() {
            LIVE.fetch_sub(size, Ordering::SeqCst);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: `pointer` came from `alloc` above with this layout.
        unsafe { System.dealloc(pointer, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
    }
}

#[global_allocator]
static ALLOCATOR: Capped = Capped;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of one target's folder, sorted; none when the folder is absent.
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(fuzz_dir().join(kind).join(target)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Names the input being replayed, for the cap's message.
fn name_input(path: &Path) {
    let name = path.display().to_string();
    let mut input = INPUT.lock().unwrap();
    let n = name.len().min(input.0.len());
    input.0[..n].copy_from_slice(&name.as_bytes()[..n]);
    input.1 = n;
}

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let seeds = inputs("seeds", target);
    assert!(!seeds.is_empty(), "no seeds for {target} in fuzz/seeds");
    let mut all = seeds;
    all.extend(inputs("corpus", target));
    all.extend(inputs("artifacts", target));
    for path in &all {
        let bytes = std::fs::read(path).unwrap();
        name_input(path);
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        assert!(outcome.is_ok(), "{target} panicked on {}", path.display());
    }
    all.len()
}

#[test]
fn every_seed_and_kept_input_replays() {
    let files = replay("input_file", afirgen_core::fuzzing::input_file);
    println!("input_file: {files} inputs");
    let answers = replay("llm_answer", afirgen_core::fuzzing::llm_answer);
    println!("llm_answer: {answers} inputs");
}

/// The seed that once asked for 3.4 GB, as the fuzz target gets it (a selector byte,
/// then the file).
fn flac_regression_seed() -> (PathBuf, Vec<u8>) {
    let path = fuzz_dir().join("seeds/input_file/regression-flac-picture-3gb");
    let bytes = std::fs::read(&path).unwrap();
    (path, bytes)
}

/// Set in the child process of `the_flac_seed_fails_the_replay_without_its_guard`.
const CHILD: &str = "AFIRGEN_FUZZ_REPLAY_UNGUARDED";

/// Run only as the child below: the regression seed straight into symphonia's demuxer,
/// as `media::audio` opened FLAC before its metadata guard, under the same cap.
#[test]
#[ignore = "run by the_flac_seed_fails_the_replay_without_its_guard in a child process"]
fn unguarded_flac_demuxer() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    use symphonia::core::formats::FormatOptions;
    use symphonia::core::io::MediaSourceStream;
    use symphonia::core::meta::MetadataOptions;
    use symphonia::core::probe::Hint;
    let (path, bytes) = flac_regression_seed();
    name_input(&path);
    let file = bytes[1..].to_vec();
    let source = MediaSourceStream::new(Box::new(std::io::Cursor::new(file)), Default::default());
    let mut hint = Hint::new();
    hint.with_extension("flac");
    let _ = symphonia::default::get_probe().format(
        &hint,
        source,
        &FormatOptions::default(),
        &MetadataOptions::default(),
    );
}

/// The replay is a real guard: without the FLAC metadata filter, the regression seed
/// takes the process over the heap cap, and the abort names the seed. (The child runs
/// the demuxer directly, so no switch in the product turns the guard off. Should a
/// symphonia release stop trusting those length fields, this fails with "survived":
/// then the guard may go, and this test with it.)
#[test]
fn the_flac_seed_fails_the_replay_without_its_guard() {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "unguarded_flac_demuxer",
            "--ignored",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "the unguarded demuxer survived: {stderr}"
    );
    assert!(
        stderr.contains("over the 2 GiB heap cap while replaying")
            && stderr.contains("regression-flac-picture-3gb"),
        "{stderr}"
    );
    // (The guarded path replays it in `every_seed_and_kept_input_replays`.)
}
