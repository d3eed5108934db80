//! What one client shares between its concurrent calls: a [`RateLimiter`] (requests per minute,
//! paused by a 429 for everyone) and a [`RetryBudget`] (retries spend it, successes refill it,
//! so that a failing server does not get every call's retries at once).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How often a sleeper looks again at a pause that a later 429 extended (a bound, not a poll).
const MAX_PAUSE_CHECKS: u32 = 8;

/// A token bucket over requests per minute, as a reservation (GCRA): each request takes the next
/// free slot and sleeps until it, so waiting callers never race each other.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    state: Mutex<Slots>,
}

/// The bucket's arithmetic, apart from the clock (tested with made-up instants).
#[derive(Debug)]
pub(crate) struct Slots {
    /// The time between two requests at the steady rate.
    interval: Duration,
    /// How far ahead of the steady rate a burst may run (`(burst - 1) · interval`).
    tolerance: Duration,
    /// When the bucket is next empty of credit (the "theoretical arrival time").
    next: Option<Instant>,
    /// No request starts before this (a 429's `Retry-After`).
    paused_until: Option<Instant>,
}

impl Slots {
    /// `per_minute` requests a minute, `burst` of them at once (at least 1).
    pub(crate) fn new(per_minute: u32, burst: u32) -> Slots {
        let interval = Duration::from_secs(60) / per_minute.max(1);
        Slots { interval, tolerance: interval * burst.max(1).saturating_sub(1), next: None, paused_until: None }
    }

    /// Reserves the next slot for a request made at `now`: how long it must wait first.
    pub(crate) fn reserve(&mut self, now: Instant) -> Duration {
        let next = self.next.map_or(now, |next| next.max(now));
        let mut start = next.checked_sub(self.tolerance).map_or(now, |at| at.max(now));
        if let Some(paused) = self.paused_until {
            start = start.max(paused);
        }
        self.next = Some(next.max(start) + self.interval);
        start.saturating_duration_since(now)
    }

    /// Holds every request until `until`.
    pub(crate) fn pause(&mut self, until: Instant) {
        self.paused_until = Some(self.paused_until.map_or(until, |paused| paused.max(until)));
    }

    /// How long a request woken at `now` must still wait for a pause.
    fn paused_for(&self, now: Instant) -> Duration {
        self.paused_until.map_or(Duration::ZERO, |paused| paused.saturating_duration_since(now))
    }
}

impl RateLimiter {
    /// `per_minute` requests a minute, paced: bursts of a quarter second's worth (at least 1), so
    /// that the client keeps to the rate whatever window the server counts in, and 1000
    /// requests at 6000 a minute take the 10 s the limit allows, not half of it.
    pub(crate) fn new(per_minute: u32) -> RateLimiter {
        RateLimiter { state: Mutex::new(Slots::new(per_minute, per_minute.div_ceil(240))) }
    }

    fn slots(&self) -> std::sync::MutexGuard<'_, Slots> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits for this request's slot, and for any pause a 429 set meanwhile.
    pub(crate) async fn acquire(&self) {
        let wait = self.slots().reserve(Instant::now());
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        for _ in 0..MAX_PAUSE_CHECKS {
            let paused = self.slots().paused_for(Instant::now());
            if paused.is_zero() {
                return;
            }
            tokio::time::sleep(paused).await;
        }
    }

    /// A 429 asked to wait `wait`: every call of this client holds until then.
    pub(crate) fn pause(&self, wait: Duration) {
        self.slots().pause(Instant::now() + wait);
    }
}

/// Retries the client may still make: each retry takes one, each success gives one back, up to
/// the capacity.
#[derive(Debug)]
pub(crate) struct RetryBudget {
    capacity: u32,
    left: AtomicU32,
}

impl RetryBudget {
    /// A full budget of `capacity` retries.
    pub(crate) fn new(capacity: u32) -> RetryBudget {
        RetryBudget { capacity, left: AtomicU32::new(capacity) }
    }

    /// Takes one retry; `false` when none is left.
    pub(crate) fn take(&self) -> bool {
        self.left.fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| left.checked_sub(1)).is_ok()
    }

    /// A success gives one retry back.
    pub(crate) fn refill(&self) {
        _ = self.left.fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| (left < self.capacity).then_some(left + 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_goes_at_once_then_requests_are_spaced_at_the_rate() {
        // 60 a minute: one a second, bursts of 5.
        let mut slots = Slots::new(60, 5);
        let t0 = Instant::now();
        let waits: Vec<Duration> = (0..8).map(|_| slots.reserve(t0)).collect();
        let secs: Vec<u64> = waits.iter().map(Duration::as_secs).collect();
        assert_eq!(secs, [0, 0, 0, 0, 0, 1, 2, 3]);
        // Credit comes back with time.
        let mut slots = Slots::new(60, 5);
        for _ in 0..5 {
            assert_eq!(slots.reserve(t0), Duration::ZERO);
        }
        assert_eq!(slots.reserve(t0 + Duration::from_secs(10)), Duration::ZERO);
    }

    #[test]
    fn a_pause_holds_every_later_request() {
        let mut slots = Slots::new(6000, 100);
        let t0 = Instant::now();
        assert_eq!(slots.reserve(t0), Duration::ZERO);
        slots.pause(t0 + Duration::from_secs(3));
        assert_eq!(slots.reserve(t0), Duration::from_secs(3));
        assert_eq!(slots.paused_for(t0 + Duration::from_secs(1)), Duration::from_secs(2));
        assert_eq!(slots.reserve(t0 + Duration::from_secs(4)), Duration::ZERO);
    }

    #[test]
    fn the_budget_runs_out_and_successes_refill_it() {
        let budget = RetryBudget::new(2);
        assert!(budget.take() && budget.take());
        assert!(!budget.take());
        budget.refill();
        assert!(budget.take());
        for _ in 0..5 {
            budget.refill();
        }
        assert!(budget.take() && budget.take() && !budget.take(), "refills stop at the capacity");
    }
}
