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

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let seeds = inputs("seeds", target);
    assert!(!seeds.is_empty(), "no seeds for {target} in fuzz/seeds");
    let mut all = seeds;
    all.extend(inputs("corpus", target));
    all.extend(inputs("artifacts", target));
    for path in &all {
        let bytes = std::fs::read(path).unwrap();
        {
            let name = path.display().to_string();
            let mut input = INPUT.lock().unwrap();
            let n = name.len().min(input.0.len());
            input.0[..n].copy_from_slice(&name.as_bytes()[..n]);
            input.1 = n;
        }
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
