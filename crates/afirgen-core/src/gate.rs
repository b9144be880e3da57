//! The two gates (docs/architecture.md, section 4).
//!
//! The **request gate** bounds how many jobs run at once; jobs beyond it wait in the
//! persisted queue. The **model gate** bounds model calls in flight across all jobs: a
//! call holds a place around its HTTP exchange, and a job may keep its place between
//! its own calls (see [`keeping_model_place`]; a per-endpoint limit lives with each
//! endpoint in [`crate::models`]). Waiting calls pass it by [`CallPriority`], not in
//! order of arrival (why: the private `turnstile` module). Both gates keep live
//! counters and high-water marks anyone can read.

use serde::Serialize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

pub use crate::turnstile::{current_priority, with_priority, CallPriority};
use crate::turnstile::{Places, Turnstile};

/// A gauge with a high-water mark.
#[derive(Debug, Default)]
pub struct Gauge {
    now: AtomicUsize,
    peak: AtomicUsize,
}

impl Gauge {
    /// Adds one and updates the peak.
    pub fn inc(&self) {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
    }

    /// Adds one until the returned guard is dropped (also when a future is cancelled).
    pub fn track(&self) -> Tracked<'_> {
        self.inc();
        Tracked(self)
    }

    /// Subtracts one.
    pub fn dec(&self) {
        self.now.fetch_sub(1, Ordering::SeqCst);
    }

    /// Sets the current value (used for the queue depth read from the store).
    pub fn set(&self, value: usize) {
        self.now.store(value, Ordering::SeqCst);
        self.peak.fetch_max(value, Ordering::SeqCst);
    }

    /// The current value.
    pub fn get(&self) -> usize {
        self.now.load(Ordering::SeqCst)
    }

    /// The highest value seen.
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }
}

/// Counts one in its [`Gauge`] while alive.
#[derive(Debug)]
pub struct Tracked<'a>(&'a Gauge);

impl Drop for Tracked<'_> {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// Limits and live use of both gates, as reported by `/health` and the Health view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GateSnapshot {
    /// `MAX_CONCURRENT_REQUESTS`.
    pub max_concurrent_requests: usize,
    /// Jobs running now.
    pub running: usize,
    /// Most jobs ever running at once since start.
    pub running_peak: usize,
    /// Jobs waiting in the queue (as last read from the store).
    pub queued: usize,
    /// `MAX_CONCURRENT_MODEL_CALLS`.
    pub max_concurrent_model_calls: usize,
    /// Model-gate permits held now.
    pub model_calls_in_flight: usize,
    /// Most model calls ever in flight at once since start.
    pub model_calls_peak: usize,
}

/// Both gates. Cheap to clone; clones share permits and counters.
#[derive(Debug, Clone)]
pub struct Gates {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    max_requests: usize,
    max_model_calls: usize,
    requests: Arc<Semaphore>,
    model_calls: Turnstile<Places>,
    running: Gauge,
    queued: Gauge,
    model_in_flight: Gauge,
}

/// A held request-gate permit; the job counts as running until it is dropped.
#[derive(Debug)]
pub struct RequestPermit {
    _permit: OwnedSemaphorePermit,
    gates: Gates,
}

impl Drop for RequestPermit {
    fn drop(&mut self) {
        self.gates.inner.running.dec();
    }
}

/// A held model-gate permit; the call counts as in flight until it is dropped.
#[derive(Debug)]
pub struct ModelPermit {
    gates: Gates,
    /// A job's kept place (see [`keeping_model_place`]): dropping it frees the place for
    /// the job's next call, not for others.
    kept: bool,
}

impl Drop for ModelPermit {
    fn drop(&mut self) {
        if self.kept {
            // An urgent call waiting behind a routine job's kept place gets it now.
            let urgent_waits = self
                .gates
                .inner
                .model_calls
                .best_waiting()
                .is_some_and(|p| p.urgent && !current_priority().urgent);
            let place = KEPT.try_with(|k| {
                let mut place = k.lock();
                k.busy.store(false, Ordering::SeqCst);
                if urgent_waits || k.stopped.load(Ordering::SeqCst) {
                    place.take()
                } else {
                    None
                }
            });
            // Outside the lock: the place goes to the next waiter.
            drop(place);
            return;
        }
        self.gates.inner.model_in_flight.dec();
        self.gates.inner.model_calls.leave();
    }
}

tokio::task_local! {
    static KEPT: Kept;
}

/// The model-gate place a job keeps between its own calls.
#[derive(Debug, Default)]
struct Kept {
    place: std::sync::Mutex<Option<ModelPermit>>,
    /// A call of the job is using the place now.
    busy: AtomicBool,
    /// The job keeps no place any more: it made calls at the same time (its own other
    /// call would wait at the gate while the place sat idle with it once the first
    /// ended), or it had to wait for a server slot while a call used the place.
    stopped: AtomicBool,
}

impl Kept {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<ModelPermit>> {
        self.place
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Takes the kept place for a call of the job if it is free: whether it did, and a
    /// place to give back (an urgent call came during the hand-off and goes first).
    fn reuse(&self, gates: &Gates) -> (bool, Option<ModelPermit>) {
        let mut place = self.lock();
        let ours = place
            .as_ref()
            .is_some_and(|p| Arc::ptr_eq(&p.gates.inner, &gates.inner));
        if !ours || self.stopped.load(Ordering::SeqCst) {
            return (false, None);
        }
        let urgent_waits = gates
            .inner
            .model_calls
            .best_waiting()
            .is_some_and(|p| p.urgent && !current_priority().urgent);
        if !self.busy.load(Ordering::SeqCst) && urgent_waits {
            return (false, place.take());
        }
        if self.busy.swap(true, Ordering::SeqCst) {
            // A call of this job holds it now: calls at the same time; stop keeping.
            self.stopped.store(true, Ordering::SeqCst);
            return (false, None);
        }
        (true, None)
    }

    /// Keeps `permit` as the job's place if it has none (and still keeps one); else
    /// hands it back to be used as an ordinary permit.
    fn keep(&self, permit: ModelPermit) -> Option<ModelPermit> {
        let mut place = self.lock();
        if place.is_none() && !self.stopped.load(Ordering::SeqCst) {
            self.busy.store(true, Ordering::SeqCst);
            *place = Some(permit);
            None
        } else {
            Some(permit)
        }
    }
}

/// Runs `work` (one job's steps) keeping the model-gate place its first model call gets
/// until `work` ends: the job's next call, a few milliseconds later, goes at once instead
/// of queueing behind the first calls of jobs that started after it. Without this the
/// place went to another job during each hand-off (the step's result being stored), the
/// jobs' calls fell out of step and the last jobs' calls ran alone at the end with the
/// model half idle (docs/benchmarks.md, row 2). A job that makes calls at the same time
/// (a recording's chunks) stops keeping: its place is given back when its call ends, so
/// its other calls, waiting at the gate, are never left behind an idle place of its own.
/// An urgent call waiting at the gate gets a routine job's place at its next hand-off.
pub async fn keeping_model_place<F: std::future::Future>(work: F) -> F::Output {
    KEPT.scope(Kept::default(), work).await
}

impl Gates {
    /// Gates with the given limits (each at least 1).
    pub fn new(max_concurrent_requests: usize, max_concurrent_model_calls: usize) -> Self {
        let max_requests = max_concurrent_requests.max(1);
        let max_model_calls = max_concurrent_model_calls.max(1);
        Gates {
            inner: Arc::new(Inner {
                max_requests,
                max_model_calls,
                requests: Arc::new(Semaphore::new(max_requests)),
                model_calls: Turnstile::new(Places(max_model_calls)),
                running: Gauge::default(),
                queued: Gauge::default(),
                model_in_flight: Gauge::default(),
            }),
        }
    }

    /// Waits for a request-gate permit (a job slot).
    pub async fn acquire_request(&self) -> RequestPermit {
        let permit = Arc::clone(&self.inner.requests)
            .acquire_owned()
            .await
            .expect("the request semaphore is never closed");
        self.inner.running.inc();
        RequestPermit {
            _permit: permit,
            gates: self.clone(),
        }
    }

    /// Waits for a model-gate permit at the task's [`CallPriority`]; hold it only
    /// around the HTTP call (a job keeping its place keeps it between calls).
    pub async fn acquire_model(&self) -> ModelPermit {
        if KEPT.try_with(|_| ()).is_err() {
            // Not inside a job that keeps its place.
            return self.acquire_model_unkept().await;
        }
        // Inside the scope just checked, on the same task: `with` cannot fail here.
        let (reused, given_back) = KEPT.with(|k| k.reuse(self));
        // Outside the lock: a place given back goes to the next waiter.
        drop(given_back);
        if reused {
            return self.kept_permit();
        }
        let permit = self.acquire_model_unkept().await;
        match KEPT.with(|k| k.keep(permit)) {
            None => self.kept_permit(),
            Some(permit) => permit,
        }
    }

    fn kept_permit(&self) -> ModelPermit {
        ModelPermit {
            gates: self.clone(),
            kept: true,
        }
    }

    /// Gives back the place this job keeps (see [`keeping_model_place`]) unless a call
    /// of its own is using it: before the job waits for anything else that a call
    /// holding it might wait for in turn.
    pub fn give_back_kept_place(&self) {
        let place = KEPT.try_with(|k| {
            let mut place = k.lock();
            if k.busy.load(Ordering::SeqCst) {
                // Its own call holds it: given back when that call ends.
                k.stopped.store(true, Ordering::SeqCst);
                None
            } else {
                place.take()
            }
        });
        // Dropped here, outside the lock: the place goes to the next waiter.
        drop(place);
    }

    async fn acquire_model_unkept(&self) -> ModelPermit {
        self.inner.model_calls.enter().await;
        self.inner.model_in_flight.inc();
        ModelPermit {
            gates: self.clone(),
            kept: false,
        }
    }

    /// One job left the queue (this process claimed it).
    pub fn dequeued(&self) {
        let queued = &self.inner.queued;
        queued.set(queued.get().saturating_sub(1));
    }

    /// Records the queue depth last read from the store.
    pub fn set_queued(&self, depth: usize) {
        self.inner.queued.set(depth);
    }

    /// The limits and live use of both gates.
    pub fn snapshot(&self) -> GateSnapshot {
        let inner = &self.inner;
        GateSnapshot {
            max_concurrent_requests: inner.max_requests,
            running: inner.running.get(),
            running_peak: inner.running.peak(),
            queued: inner.queued.get(),
            max_concurrent_model_calls: inner.max_model_calls,
            model_calls_in_flight: inner.model_in_flight.get(),
            model_calls_peak: inner.model_in_flight.peak(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn model_gate_never_exceeds_its_limit() {
        let gates = Gates::new(15, 3);
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let gates = gates.clone();
            tasks.push(tokio::spawn(async move {
                let _permit = gates.acquire_model().await;
                tokio::time::sleep(Duration::from_millis(5)).await;
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let snap = gates.snapshot();
        assert_eq!(snap.model_calls_peak, 3);
        assert_eq!(snap.model_calls_in_flight, 0);
    }

    #[tokio::test]
    async fn a_job_keeps_its_place_between_its_calls() {
        let gates = Gates::new(15, 1);
        let order = Arc::new(std::sync::Mutex::new(Vec::new()));
        let note = |order: &Arc<std::sync::Mutex<Vec<&'static str>>>, what| {
            order.lock().unwrap().push(what)
        };
        let first_call = Arc::new(tokio::sync::Notify::new());
        let a = {
            let (gates, order, first_call) =
                (gates.clone(), Arc::clone(&order), Arc::clone(&first_call));
            tokio::spawn(keeping_model_place(async move {
                drop(gates.acquire_model().await);
                note(&order, "a's first call");
                first_call.notify_one();
                // Its hand-off: another job is waiting for a place meanwhile.
                tokio::time::sleep(Duration::from_millis(20)).await;
                let second = tokio::time::timeout(Duration::from_secs(5), gates.acquire_model())
                    .await
                    .expect("its kept place, at once");
                note(&order, "a's second call");
                drop(second);
            }))
        };
        first_call.notified().await;
        let b = {
            let (gates, order) = (gates.clone(), Arc::clone(&order));
            tokio::spawn(async move {
                let _permit = gates.acquire_model().await;
                note(&order, "b's call");
            })
        };
        a.await.unwrap();
        b.await.unwrap();
        assert_eq!(
            *order.lock().unwrap(),
            ["a's first call", "a's second call", "b's call"]
        );
        let snap = gates.snapshot();
        assert_eq!((snap.model_calls_peak, snap.model_calls_in_flight), (1, 0));
    }

    // A recording's chunks are sent at once by one job: the second call must not wait
    // for ever behind the first one's place, kept idle by the same job.
    #[tokio::test]
    async fn a_job_making_calls_at_once_keeps_no_place_idle() {
        let gates = Gates::new(15, 1);
        keeping_model_place(async {
            let first = gates.acquire_model().await;
            let second = async {
                tokio::time::timeout(Duration::from_secs(5), gates.acquire_model())
                    .await
                    .expect("the second call gets the place once the first ends")
            };
            let end_first = async {
                tokio::time::sleep(Duration::from_millis(20)).await;
                drop(first);
            };
            let (second, ()) = tokio::join!(second, end_first);
            drop(second);
            // And the job keeps nothing from now on: another job gets the place.
            let third = gates.acquire_model().await;
            drop(third);
        })
        .await;
        let other = tokio::time::timeout(Duration::from_secs(5), gates.acquire_model()).await;
        assert!(other.is_ok(), "the place came back to the gate");
        assert_eq!(gates.snapshot().model_calls_in_flight, 1);
    }

    // An urgent call waiting at the gate takes a routine job's kept place at the job's
    // next hand-off instead of waiting for the whole job.
    #[tokio::test]
    async fn an_urgent_call_takes_a_kept_place_at_the_hand_off() {
        let gates = Gates::new(15, 1);
        let (first_done, first_done_rx) = tokio::sync::oneshot::channel();
        let (urgent_queued, urgent_queued_rx) = tokio::sync::oneshot::channel::<()>();
        let order = Arc::new(std::sync::Mutex::new(Vec::new()));
        let routine = {
            let (gates, order) = (gates.clone(), Arc::clone(&order));
            tokio::spawn(keeping_model_place(async move {
                drop(gates.acquire_model().await);
                first_done.send(()).unwrap();
                urgent_queued_rx.await.unwrap();
                let _second = gates.acquire_model().await;
                order.lock().unwrap().push("routine's second call");
            }))
        };
        first_done_rx.await.unwrap();
        let urgent = {
            let (gates, order) = (gates.clone(), Arc::clone(&order));
            let priority = CallPriority {
                urgent: true,
                stage: 1,
            };
            tokio::spawn(with_priority(priority, async move {
                let _permit = gates.acquire_model().await;
                order.lock().unwrap().push("urgent call");
            }))
        };
        // The urgent call is in line behind the kept place.
        while gates.inner.model_calls.best_waiting().is_none() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        urgent_queued.send(()).unwrap();
        urgent.await.unwrap();
        routine.await.unwrap();
        assert_eq!(
            *order.lock().unwrap(),
            ["urgent call", "routine's second call"]
        );
    }

    #[tokio::test]
    async fn request_permits_count_running_jobs() {
        let gates = Gates::new(2, 10);
        let a = gates.acquire_request().await;
        let _b = gates.acquire_request().await;
        assert_eq!(gates.snapshot().running, 2);
        let waiting =
            tokio::time::timeout(Duration::from_millis(20), gates.acquire_request()).await;
        assert!(waiting.is_err(), "a third permit must wait");
        drop(a);
        let _c = gates.acquire_request().await;
        assert_eq!(gates.snapshot().running_peak, 2);
    }
}
