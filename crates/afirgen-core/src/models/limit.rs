//! The per-endpoint limit of calls in flight: fixed (a llama.cpp server's `--parallel`
//! slots), or adaptive.
//!
//! The adaptive limit follows additive increase / multiplicative decrease (AIMD), the
//! rule TCP uses for its window: every answer that comes back about as fast as the
//! fastest seen lets the limit grow by one per limit's worth of answers; an overload
//! answer (429, 503, a timeout) halves it, and a slow answer (latency above
//! `tolerance` times the fastest recent one) cuts it by a quarter. At most one cut per
//! round trip, so a burst of slow answers caused by one decision counts once. The limit
//! stays within its bounds, so a station need not hand-tune it. Calls waiting for a
//! place are let in by their [`crate::gate::CallPriority`].

use crate::turnstile::{Room, Turnstile};
use std::time::{Duration, Instant};

/// Bounds and sensitivity of an adaptive limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adaptive {
    /// Lowest limit.
    pub min: usize,
    /// Highest limit.
    pub max: usize,
    /// An answer slower than this many times the fastest recent one counts as a sign
    /// of overload.
    pub tolerance: f64,
}

/// What became of one call, as the limit sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// An answer, after this long.
    Answered(Duration),
    /// The server said it is overloaded (429, 503) or did not answer in time.
    Overloaded,
    /// Any other failure: says nothing about load.
    Other,
}

#[derive(Debug)]
struct State {
    /// The limit; fractional so that additive increase can add 1/limit per answer.
    limit: f64,
    in_flight: usize,
    /// The fastest recent answer, drifting slowly upwards so an old record fades.
    baseline: Option<Duration>,
    last_cut: Option<Instant>,
    increases: u64,
    decreases: u64,
}

impl Room for State {
    fn has_room(&self) -> bool {
        (self.in_flight as f64) < self.limit.floor()
    }
    fn take(&mut self) {
        self.in_flight += 1;
    }
    fn give_back(&mut self) {
        self.in_flight -= 1;
    }
}

/// Calls allowed in flight at one endpoint.
#[derive(Debug)]
pub struct Limit {
    state: Turnstile<State>,
    adaptive: Option<Adaptive>,
}

/// A call's place under the limit, given back when dropped.
#[derive(Debug)]
pub struct LimitPermit<'a> {
    limit: &'a Limit,
}

impl Drop for LimitPermit<'_> {
    fn drop(&mut self) {
        self.limit.state.leave();
    }
}

/// Counters for `/health` and the benchmarks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LimitSnapshot {
    /// The limit now.
    pub limit: usize,
    /// Whether it adapts.
    pub adaptive: bool,
    /// Times it grew by a whole call.
    pub increases: u64,
    /// Times it was cut.
    pub decreases: u64,
}

impl Limit {
    /// A fixed limit (at least 1).
    pub fn fixed(limit: usize) -> Limit {
        Limit::new(limit.max(1) as f64, None)
    }

    /// An adaptive limit starting at `start`, kept within `bounds`.
    pub fn adaptive(start: usize, bounds: Adaptive) -> Limit {
        let min = bounds.min.max(1);
        let max = bounds.max.max(min);
        let bounds = Adaptive {
            min,
            max,
            tolerance: bounds.tolerance.max(1.0),
        };
        Limit::new(start.clamp(min, max) as f64, Some(bounds))
    }

    fn new(limit: f64, adaptive: Option<Adaptive>) -> Limit {
        Limit {
            state: Turnstile::new(State {
                limit,
                in_flight: 0,
                baseline: None,
                last_cut: None,
                increases: 0,
                decreases: 0,
            }),
            adaptive,
        }
    }

    /// A place under the limit if one is free now.
    pub fn try_acquire(&self) -> Option<LimitPermit<'_>> {
        // Lazily: a permit made and dropped would give back a place never taken.
        self.state.try_enter().then(|| LimitPermit { limit: self })
    }

    /// Waits for a place under the limit, at the task's call priority.
    pub async fn acquire(&self) -> LimitPermit<'_> {
        self.state.enter().await;
        LimitPermit { limit: self }
    }

    /// Learns from one call's outcome (does nothing for a fixed limit).
    pub fn record(&self, outcome: Outcome) {
        let Some(bounds) = self.adaptive else {
            return;
        };
        let now = Instant::now();
        let mut guard = self.state.lock();
        let state = guard.room();
        let before = state.limit.floor();
        let slow = match outcome {
            Outcome::Other => return,
            Outcome::Overloaded => None,
            Outcome::Answered(latency) => {
                let baseline = match state.baseline {
                    Some(b) if latency >= b => b.mul_f64(0.99) + latency.mul_f64(0.01),
                    _ => latency,
                };
                state.baseline = Some(baseline);
                Some(latency > baseline.mul_f64(bounds.tolerance))
            }
        };
        let round_trip = state.baseline.unwrap_or(Duration::from_millis(100));
        let may_cut = state
            .last_cut
            .is_none_or(|at| now.duration_since(at) >= round_trip);
        match slow {
            Some(false) => {
                state.limit = (state.limit + 1.0 / state.limit).min(bounds.max as f64);
            }
            Some(true) if may_cut => {
                state.limit = (state.limit * 0.75).max(bounds.min as f64);
                state.last_cut = Some(now);
            }
            None if may_cut => {
                state.limit = (state.limit * 0.5).max(bounds.min as f64);
                state.last_cut = Some(now);
            }
            _ => {}
        }
        let after = state.limit.floor();
        if after > before {
            state.increases += 1;
        } else if after < before {
            state.decreases += 1;
        }
        if after > before {
            Turnstile::admit(&mut guard);
        }
    }

    /// The limit now and how it moved.
    pub fn snapshot(&self) -> LimitSnapshot {
        let mut guard = self.state.lock();
        let state = guard.room();
        LimitSnapshot {
            limit: state.limit.floor() as usize,
            adaptive: self.adaptive.is_some(),
            increases: state.increases,
            decreases: state.decreases,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDS: Adaptive = Adaptive {
        min: 1,
        max: 16,
        tolerance: 2.0,
    };

    #[tokio::test]
    async fn a_fixed_limit_holds_and_never_moves() {
        let limit = Limit::fixed(2);
        let a = limit.acquire().await;
        let _b = limit.acquire().await;
        let third = tokio::time::timeout(Duration::from_millis(20), limit.acquire()).await;
        assert!(third.is_err(), "a third call waits");
        limit.record(Outcome::Overloaded);
        limit.record(Outcome::Answered(Duration::from_millis(1)));
        assert_eq!(limit.snapshot().limit, 2);
        drop(a);
        let _c = limit.acquire().await;
    }

    #[tokio::test]
    async fn try_acquire_takes_only_a_free_place() {
        let limit = Limit::fixed(1);
        let held = limit.acquire().await;
        assert!(limit.try_acquire().is_none());
        assert!(
            limit.try_acquire().is_none(),
            "a refusal gives nothing back"
        );
        drop(held);
        let again = limit.try_acquire().expect("free again");
        assert!(limit.try_acquire().is_none(), "one place, taken once");
        drop(again);
    }

    #[test]
    fn fast_answers_grow_the_limit_one_per_window() {
        let limit = Limit::adaptive(4, BOUNDS);
        // About a limit's worth of answers at the baseline latency adds one call.
        for _ in 0..5 {
            limit.record(Outcome::Answered(Duration::from_millis(100)));
        }
        assert_eq!(limit.snapshot().limit, 5);
        for _ in 0..1_000 {
            limit.record(Outcome::Answered(Duration::from_millis(100)));
        }
        assert_eq!(limit.snapshot().limit, 16, "never above the maximum");
    }

    #[test]
    fn overload_halves_and_slowness_cuts_once_per_round_trip() {
        let limit = Limit::adaptive(16, BOUNDS);
        limit.record(Outcome::Answered(Duration::from_millis(10)));
        limit.record(Outcome::Overloaded);
        assert_eq!(limit.snapshot().limit, 8);
        // More overload answers within the same round trip were caused by the same
        // decision: no further cut.
        limit.record(Outcome::Overloaded);
        assert_eq!(limit.snapshot().limit, 8);
        std::thread::sleep(Duration::from_millis(15));
        limit.record(Outcome::Answered(Duration::from_millis(50)));
        assert_eq!(limit.snapshot().limit, 6, "slow answer: a quarter off");
        for _ in 0..20 {
            std::thread::sleep(Duration::from_millis(12));
            limit.record(Outcome::Overloaded);
        }
        assert_eq!(limit.snapshot().limit, 1, "never below the minimum");
        let snap = limit.snapshot();
        assert!(snap.adaptive && snap.decreases >= 3, "{snap:?}");
    }

    #[tokio::test]
    async fn a_raised_limit_wakes_a_waiting_call() {
        let limit = std::sync::Arc::new(Limit::adaptive(1, BOUNDS));
        let held = limit.acquire().await;
        let waiter = {
            let limit = std::sync::Arc::clone(&limit);
            tokio::spawn(async move {
                let _permit = limit.acquire().await;
            })
        };
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert!(!waiter.is_finished());
        limit.record(Outcome::Answered(Duration::from_millis(5)));
        assert_eq!(limit.snapshot().limit, 2);
        tokio::time::timeout(Duration::from_secs(1), waiter)
            .await
            .expect("woken by the raise")
            .unwrap();
        drop(held);
    }
}
