//! Operational figures for `/metrics` and `/metrics/prometheus` (docs/architecture.md, section 2):
//! jobs by state, the last hour's throughput and latency, the queue, the gates and the
//! sizes of everything held in memory.

use crate::domain::{now_ms, JobState};
use crate::engine::{Engine, EngineError};
use crate::gate::GateSnapshot;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Jobs considered for the latency figures at most (the newest).
const LATENCY_SAMPLE: i64 = 10_000;
const HOUR_MS: i64 = 3_600_000;

/// A snapshot of the figures.
#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    /// Milliseconds since the epoch when taken.
    pub at: i64,
    /// Every job in the store, by state (all instances together).
    pub jobs_by_state: BTreeMap<&'static str, i64>,
    /// Jobs waiting in the queue.
    pub queue_depth: i64,
    /// Jobs that reached review in the last hour, and how long they took.
    pub last_hour: LastHour,
    /// This instance's gates.
    pub gates: GateSnapshot,
    /// What this instance holds in memory.
    pub memory: Memory,
    /// Clients the rate limiter is tracking (station server only).
    pub rate_limiter: Option<RateLimiterStats>,
}

/// Throughput and latency over the last hour.
#[derive(Debug, Clone, Serialize)]
pub struct LastHour {
    /// Jobs that became ready for review.
    pub ready: usize,
    /// Of those, per minute.
    pub per_minute: f64,
    /// Submission to ready-for-review, in milliseconds; none when no job finished.
    pub latency_ms: Option<Percentiles>,
}

/// Order statistics of a sample.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Percentiles {
    /// Smallest.
    pub min: i64,
    /// Median.
    pub p50: i64,
    /// 95th percentile.
    pub p95: i64,
    /// 99th percentile.
    pub p99: i64,
    /// Largest.
    pub max: i64,
}

impl Percentiles {
    /// Nearest-rank percentiles of `values`; none for an empty sample.
    pub fn of(values: &mut [i64]) -> Option<Percentiles> {
        if values.is_empty() {
            return None;
        }
        values.sort_unstable();
        let rank = |p: f64| {
            let index = ((p / 100.0) * values.len() as f64).ceil() as usize;
            values[index.clamp(1, values.len()) - 1]
        };
        Some(Percentiles {
            min: values[0],
            p50: rank(50.0),
            p95: rank(95.0),
            p99: rank(99.0),
            max: values[values.len() - 1],
        })
    }
}

/// Bounded in-memory holdings of this instance.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Memory {
    /// Uploaded files waiting for their case to be submitted.
    pub staged_files: usize,
    /// Their bytes.
    pub staged_bytes: u64,
    /// Entries of the legal catalogue index.
    pub catalogue_entries: usize,
}

/// Keys the rate limiter holds.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct RateLimiterStats {
    /// Client addresses seen recently.
    pub addresses: usize,
    /// Users seen recently.
    pub users: usize,
}

/// Reads the figures from the store and the engine.
pub async fn collect(engine: &Engine, memory: Memory) -> Result<Metrics, EngineError> {
    let store = engine.store();
    let at = now_ms();
    let counts = store.count_jobs_by_state(engine.scope()).await?;
    let jobs_by_state = JobState::ALL
        .iter()
        .map(|state| (state.as_str(), counts.get(state).copied().unwrap_or(0)))
        .collect::<BTreeMap<_, _>>();
    let queue_depth = jobs_by_state.get("queued").copied().unwrap_or(0);
    let times = store
        .ready_times_since(at - HOUR_MS, LATENCY_SAMPLE)
        .await?;
    let mut latencies: Vec<i64> = times
        .iter()
        .map(|(created, ready)| (ready - created).max(0))
        .collect();
    let ready = latencies.len();
    Ok(Metrics {
        at,
        jobs_by_state,
        queue_depth,
        last_hour: LastHour {
            ready,
            per_minute: ready as f64 / 60.0,
            latency_ms: Percentiles::of(&mut latencies),
        },
        gates: engine.gates(),
        memory: Memory {
            catalogue_entries: engine.catalogue().entries().len(),
            ..memory
        },
        rate_limiter: None,
    })
}

impl Metrics {
    /// The Prometheus text exposition format (version 0.0.4).
    pub fn prometheus(&self) -> String {
        let mut out = String::new();
        let mut metric = |name: &str, kind: &str, help: &str, samples: &[(String, f64)]| {
            let _ = writeln!(out, "# HELP afirgen_{name} {help}");
            let _ = writeln!(out, "# TYPE afirgen_{name} {kind}");
            for (labels, value) in samples {
                let _ = writeln!(out, "afirgen_{name}{labels} {value}");
            }
        };
        let one = |v: f64| vec![(String::new(), v)];
        let states: Vec<(String, f64)> = self
            .jobs_by_state
            .iter()
            .map(|(state, n)| (format!("{{state=\"{state}\"}}"), *n as f64))
            .collect();
        metric("jobs", "gauge", "Jobs in the store by state.", &states);
        metric(
            "queue_depth",
            "gauge",
            "Jobs waiting in the queue.",
            &one(self.queue_depth as f64),
        );
        metric(
            "jobs_ready_last_hour",
            "gauge",
            "Jobs that reached review in the last hour.",
            &one(self.last_hour.ready as f64),
        );
        if let Some(p) = self.last_hour.latency_ms {
            let q = |quantile: &str, v: i64| {
                (format!("{{quantile=\"{quantile}\"}}"), v as f64 / 1000.0)
            };
            metric(
                "job_latency_seconds",
                "summary",
                "Submission to ready for review over the last hour.",
                &[
                    q("0", p.min),
                    q("0.5", p.p50),
                    q("0.95", p.p95),
                    q("0.99", p.p99),
                    q("1", p.max),
                ],
            );
        }
        let g = &self.gates;
        for (name, help, value) in [
            (
                "max_concurrent_requests",
                "Request gate size.",
                g.max_concurrent_requests,
            ),
            ("running_jobs", "Jobs running on this instance.", g.running),
            (
                "running_jobs_peak",
                "Most jobs running at once since start.",
                g.running_peak,
            ),
            (
                "max_concurrent_model_calls",
                "Model gate size.",
                g.max_concurrent_model_calls,
            ),
            (
                "model_calls_in_flight",
                "Model-gate places held: calls in flight, and places jobs keep between their calls.",
                g.model_calls_in_flight,
            ),
            (
                "model_calls_peak",
                "Most model calls in flight at once since start.",
                g.model_calls_peak,
            ),
            (
                "staged_files",
                "Uploads waiting for their case.",
                self.memory.staged_files,
            ),
            (
                "catalogue_entries",
                "Entries of the legal catalogue.",
                self.memory.catalogue_entries,
            ),
        ] {
            metric(name, "gauge", help, &one(value as f64));
        }
        metric(
            "staged_bytes",
            "gauge",
            "Bytes of uploads waiting for their case.",
            &one(self.memory.staged_bytes as f64),
        );
        if let Some(r) = self.rate_limiter {
            metric(
                "rate_limiter_clients",
                "gauge",
                "Clients the rate limiter tracks.",
                &[
                    ("{kind=\"address\"}".to_owned(), r.addresses as f64),
                    ("{kind=\"user\"}".to_owned(), r.users as f64),
                ],
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        assert_eq!(Percentiles::of(&mut []), None);
        let mut values: Vec<i64> = (1..=100).rev().collect();
        let p = Percentiles::of(&mut values).unwrap();
        assert_eq!((p.min, p.p50, p.p95, p.p99, p.max), (1, 50, 95, 99, 100));
        let p = Percentiles::of(&mut [7]).unwrap();
        assert_eq!((p.min, p.p50, p.max), (7, 7, 7));
    }
}
