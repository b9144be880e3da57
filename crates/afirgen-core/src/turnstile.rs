//! Places under a limit handed out in priority order: the model gate and each model
//! server's limit let waiting calls through by [`CallPriority`], not by who looked first.
//!
//! Why not first come, first served: every job makes its model calls one after another,
//! and a limit that lets them through in arrival order interleaves many jobs' first
//! calls with others' second ones, so the last jobs' chains run alone at the end with
//! the model half idle (measured in docs/benchmarks.md, row 2). Letting a job's later
//! call go before another job's earlier one finishes jobs in groups that fill the model,
//! and an officer's urgent complaint (or a draft an officer waits for at the desk) is
//! not queued behind the routine ones at the model either.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::Notify;

/// Which waiting model call goes first: an urgent job's (or one an officer waits for),
/// then the call of a job further along, then the one that came first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct CallPriority {
    /// An urgent complaint, or a step an officer asked for and waits on.
    pub urgent: bool,
    /// How far along its job is (the step's place in the pipeline).
    pub stage: u8,
}

tokio::task_local! {
    static PRIORITY: CallPriority;
}

/// Runs `work` with its model calls at `priority` (calls outside any such scope, such as
/// `kb eval`'s, have the lowest).
pub async fn with_priority<F: Future>(priority: CallPriority, work: F) -> F::Output {
    PRIORITY.scope(priority, work).await
}

/// The priority of model calls made here.
pub fn current_priority() -> CallPriority {
    PRIORITY.try_with(|p| *p).unwrap_or_default()
}

/// What a [`Turnstile`] limits: whether there is a free place, and taking or giving one.
pub(crate) trait Room {
    /// Whether one more may enter now.
    fn has_room(&self) -> bool;
    /// One entered.
    fn take(&mut self);
    /// One left.
    fn give_back(&mut self);
}

/// A waiter's turn: granted under the lock, then woken.
#[derive(Debug, Default)]
struct Turn {
    granted: AtomicBool,
    wake: Notify,
}

type Key = (Reverse<CallPriority>, u64);

#[derive(Debug)]
pub(crate) struct State<R> {
    room: R,
    next: u64,
    waiting: BTreeMap<Key, Arc<Turn>>,
}

impl<R> State<R> {
    /// What the turnstile limits (to read, or to change, say, an adaptive limit).
    pub(crate) fn room(&mut self) -> &mut R {
        &mut self.room
    }
}

/// A limit whose waiters enter best priority first, then in order of arrival.
#[derive(Debug)]
pub(crate) struct Turnstile<R> {
    state: Mutex<State<R>>,
}

impl<R: Room> Turnstile<R> {
    pub(crate) fn new(room: R) -> Self {
        Turnstile {
            state: Mutex::new(State {
                room,
                next: 0,
                waiting: BTreeMap::new(),
            }),
        }
    }

    /// The state, to read or change what is limited; waiters the change makes room for
    /// are let in when the returned guard is given to [`Turnstile::admit`].
    pub(crate) fn lock(&self) -> MutexGuard<'_, State<R>> {
        // Plain numbers behind the lock: a panic elsewhere leaves them usable.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Lets the best waiters in while there is room.
    pub(crate) fn admit(state: &mut State<R>) {
        while state.room.has_room() {
            let Some((_, turn)) = state.waiting.pop_first() else {
                return;
            };
            state.room.take();
            turn.granted.store(true, Ordering::SeqCst);
            // A stored wake-up if the waiter is not polling yet: none is lost.
            turn.wake.notify_one();
        }
    }

    /// Waits for a place at the current task's [`CallPriority`]; the caller gives it back
    /// with [`Turnstile::leave`]. Cancel-safe: a waiter dropped before or after its turn
    /// came leaves nothing taken.
    pub(crate) async fn enter(&self) {
        let priority = current_priority();
        let (key, turn) = {
            let mut state = self.lock();
            if state.waiting.is_empty() && state.room.has_room() {
                state.room.take();
                return;
            }
            let key = (Reverse(priority), state.next);
            state.next += 1;
            let turn = Arc::new(Turn::default());
            state.waiting.insert(key, Arc::clone(&turn));
            (key, turn)
        };
        let mut waiting = Waiting {
            turnstile: self,
            key,
            turn: Arc::clone(&turn),
            entered: false,
        };
        while !turn.granted.load(Ordering::SeqCst) {
            turn.wake.notified().await;
        }
        waiting.entered = true;
    }

    /// The priority of the first waiter in line, if any.
    pub(crate) fn best_waiting(&self) -> Option<CallPriority> {
        self.lock().waiting.first_key_value().map(|((p, _), _)| p.0)
    }

    /// Takes a place if one is free and nobody waits for it; never waits.
    pub(crate) fn try_enter(&self) -> bool {
        let mut state = self.lock();
        let free = state.waiting.is_empty() && state.room.has_room();
        if free {
            state.room.take();
        }
        free
    }

    /// Gives a place back and lets the next waiter in.
    pub(crate) fn leave(&self) {
        let mut state = self.lock();
        state.room.give_back();
        Self::admit(&mut state);
    }
}

/// A waiter in line; if dropped before it entered, it leaves the line, or gives back
/// the place it was granted meanwhile.
struct Waiting<'a, R: Room> {
    turnstile: &'a Turnstile<R>,
    key: Key,
    turn: Arc<Turn>,
    entered: bool,
}

impl<R: Room> Drop for Waiting<'_, R> {
    fn drop(&mut self) {
        if self.entered {
            return;
        }
        let mut state = self.turnstile.lock();
        if state.waiting.remove(&self.key).is_none() && self.turn.granted.load(Ordering::SeqCst) {
            state.room.give_back();
            Turnstile::admit(&mut state);
        }
    }
}

/// A fixed number of places.
#[derive(Debug)]
pub(crate) struct Places(pub(crate) usize);

impl Room for Places {
    fn has_room(&self) -> bool {
        self.0 > 0
    }
    fn take(&mut self) {
        self.0 -= 1;
    }
    fn give_back(&mut self) {
        self.0 += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(urgent: bool, stage: u8) -> CallPriority {
        CallPriority { urgent, stage }
    }

    /// Queues one waiter per priority behind a full turnstile, then frees the place
    /// once per waiter; returns the order they entered in.
    async fn entry_order(priorities: &[CallPriority]) -> Vec<CallPriority> {
        let turnstile = Arc::new(Turnstile::new(Places(1)));
        turnstile.enter().await;
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for &p in priorities {
            let (turnstile, order) = (Arc::clone(&turnstile), Arc::clone(&order));
            tasks.push(tokio::spawn(with_priority(p, async move {
                turnstile.enter().await;
                order.lock().unwrap().push(p);
                turnstile.leave();
            })));
            // In line before the next one comes.
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        turnstile.leave();
        for task in tasks {
            task.await.unwrap();
        }
        let order = order.lock().unwrap().clone();
        order
    }

    #[tokio::test]
    async fn urgent_then_further_along_then_first_come() {
        let order = entry_order(&[at(false, 1), at(false, 2), at(true, 1), at(false, 1)]).await;
        assert_eq!(
            order,
            vec![at(true, 1), at(false, 2), at(false, 1), at(false, 1)]
        );
    }

    #[tokio::test]
    async fn a_cancelled_waiter_leaves_no_place_taken() {
        let turnstile = Arc::new(Turnstile::new(Places(1)));
        turnstile.enter().await;
        // Cancelled while waiting.
        let waiting = tokio::time::timeout(Duration::from_millis(10), turnstile.enter()).await;
        assert!(waiting.is_err());
        // Granted, then dropped before it saw its turn.
        let granted = {
            let turnstile = Arc::clone(&turnstile);
            tokio::spawn(async move { turnstile.enter().await })
        };
        tokio::time::sleep(Duration::from_millis(10)).await;
        granted.abort();
        turnstile.leave();
        let _ = granted.await;
        // Whatever became of the second waiter, the one place is free again.
        tokio::time::timeout(Duration::from_secs(5), turnstile.enter())
            .await
            .expect("the place was given back");
        assert!(!turnstile.lock().room.has_room());
        assert!(turnstile.lock().waiting.is_empty());
    }

    #[tokio::test]
    async fn never_more_inside_than_the_room_allows() {
        let turnstile = Arc::new(Turnstile::new(Places(3)));
        let inside = Arc::new(crate::gate::Gauge::default());
        let mut tasks = Vec::new();
        for i in 0..40u8 {
            let (turnstile, inside) = (Arc::clone(&turnstile), Arc::clone(&inside));
            tasks.push(tokio::spawn(with_priority(
                at(i % 3 == 0, i % 4),
                async move {
                    turnstile.enter().await;
                    inside.inc();
                    tokio::time::sleep(Duration::from_millis(2)).await;
                    inside.dec();
                    turnstile.leave();
                },
            )));
        }
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(inside.peak(), 3);
        assert_eq!(turnstile.lock().room.0, 3);
    }
}
