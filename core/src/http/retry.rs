//! One retry rule for every host (DESIGN §5.2), sans-IO: [`RetryPolicy::classify`] turns the
//! outcome of one attempt into what to do next. Refusals (429, 503) and requests that were never
//! sent are retried for every method after `max(Retry-After, backoff)`; reads also retry 500, 502,
//! 504 and lost answers; a create whose bytes may have reached the server and whose answer was
//! lost is never re-sent blindly: it is [`Outcome::Unknown`], for the host to resolve by listing
//! the natural key or to report.

use super::response::{HttpResponse, RetryAfter};
use crate::operation::Operation;
use std::time::{Duration, SystemTime};

/// What happened to one attempt.
#[derive(Clone, Copy, Debug)]
pub enum Attempt<'a> {
    /// An answer came back.
    Response(&'a HttpResponse),
    /// The request was never sent (DNS, connect, TLS, a pool timeout): the server saw nothing.
    NotSent,
    /// The request may have been sent, and no answer came (a reset, a read timeout, a cancel).
    Lost,
}

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A 2xx: parse the response.
    Done,
    /// Send the same request again after `wait`.
    Retry {
        /// How long to wait first: `max(Retry-After, backoff)`.
        wait: Duration,
        /// Why, in a word for logs (`rate_limited`, `unavailable`, `not_sent`, `server_error`, `lost`).
        reason: &'static str,
    },
    /// A 401: get a new token and replay once; a second 401 is an authentication failure.
    Reauthenticate,
    /// Give up: parse the response into its error, or report the transport failure. Also what
    /// a retryable outcome becomes once `max_retries` retries were made.
    Fail,
    /// A create's outcome is unknown (its answer was lost, or 500/502/504): do not send it again
    /// before looking for it by its natural key.
    Unknown,
}

/// Backoff and limits for retries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff ceiling; doubled each retry.
    pub base: Duration,
    /// The largest backoff ceiling.
    pub cap: Duration,
    /// The longest `Retry-After` honoured (longer ones are cut to this).
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy { max_retries: 3, base: Duration::from_millis(200), cap: Duration::from_secs(20), max_retry_after: Duration::from_secs(60) }
    }
}

impl RetryPolicy {
    /// The backoff before retry number `retry` (0 for the first) with full jitter: a uniform
    /// wait in `[0, min(cap, base · 2^retry)]`, where `jitter` in `[0, 1]` is the host's random
    /// draw (so that this stays deterministic under test).
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let ceiling = self.base.saturating_mul(1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX)).min(self.cap);
        ceiling.mul_f64(jitter.clamp(0.0, 1.0))
    }

    /// What to do after `attempt` of `operation`, when `retries` retries were made already;
    /// `jitter` in `[0, 1]` is a random draw, `now` the local clock (for an HTTP-date `Retry-After`).
    pub fn classify(&self, operation: Operation, attempt: Attempt<'_>, retries: u32, jitter: f64, now: SystemTime) -> Outcome {
        let idempotent = operation.is_idempotent();
        let (reason, retry_after) = match attempt {
            Attempt::NotSent => ("not_sent", None),
            Attempt::Lost if idempotent => ("lost", None),
            Attempt::Lost => return Outcome::Unknown,
            Attempt::Response(response) => match response.status {
                200..=299 => return Outcome::Done,
                401 => return Outcome::Reauthenticate,
                429 | 503 => {
                    let retry_after = response
                        .header("retry-after")
                        .map(|value| RetryAfter::from_header(value, response.header("date")))
                        .and_then(|r| r.delay(now));
                    (if response.status == 429 { "rate_limited" } else { "unavailable" }, retry_after)
                }
                500 | 502 | 504 if idempotent => ("server_error", None),
                500 | 502 | 504 => return Outcome::Unknown,
                _ => return Outcome::Fail,
            },
        };
        if retries >= self.max_retries {
            return Outcome::Fail;
        }
        let backoff = self.backoff(retries, jitter);
        let wait = retry_after.map_or(backoff, |after| after.min(self.max_retry_after).max(backoff));
        Outcome::Retry { wait, reason }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, headers: &[(&str, &str)]) -> HttpResponse {
        HttpResponse::new(status, headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(), Vec::new())
    }

    const NOW: SystemTime = SystemTime::UNIX_EPOCH;

    #[test]
    fn refusals_and_unsent_requests_retry_for_every_method() {
        let policy = RetryPolicy::default();
        for op in [Operation::CreateProject, Operation::ListProjects] {
            let limited = response(429, &[("Retry-After", "7")]);
            assert_eq!(
                policy.classify(op, Attempt::Response(&limited), 0, 1.0, NOW),
                Outcome::Retry { wait: Duration::from_secs(7), reason: "rate_limited" }
            );
            let unavailable = response(503, &[]);
            assert_eq!(
                policy.classify(op, Attempt::Response(&unavailable), 1, 0.5, NOW),
                Outcome::Retry { wait: Duration::from_millis(200), reason: "unavailable" }
            );
            assert_eq!(policy.classify(op, Attempt::NotSent, 0, 0.0, NOW), Outcome::Retry { wait: Duration::ZERO, reason: "not_sent" });
            assert_eq!(policy.classify(op, Attempt::NotSent, 3, 0.0, NOW), Outcome::Fail, "out of retries");
        }
    }

    #[test]
    fn a_create_whose_answer_was_lost_is_unknown_but_a_read_retries() {
        let policy = RetryPolicy::default();
        for status in [500, 502, 504] {
            let failed = response(status, &[]);
            assert_eq!(policy.classify(Operation::CreateEnvironment, Attempt::Response(&failed), 0, 0.0, NOW), Outcome::Unknown);
            assert!(matches!(policy.classify(Operation::ListEnvironments, Attempt::Response(&failed), 0, 0.0, NOW), Outcome::Retry { .. }));
        }
        assert_eq!(policy.classify(Operation::CreateProject, Attempt::Lost, 0, 0.0, NOW), Outcome::Unknown);
        assert!(matches!(policy.classify(Operation::ListAgents, Attempt::Lost, 0, 0.0, NOW), Outcome::Retry { reason: "lost", .. }));
        let ok = response(201, &[]);
        assert_eq!(policy.classify(Operation::CreateProject, Attempt::Response(&ok), 0, 0.0, NOW), Outcome::Done);
        let denied = response(401, &[]);
        assert_eq!(policy.classify(Operation::CreateProject, Attempt::Response(&denied), 0, 0.0, NOW), Outcome::Reauthenticate);
        let conflict = response(409, &[]);
        assert_eq!(policy.classify(Operation::CreateProject, Attempt::Response(&conflict), 0, 0.0, NOW), Outcome::Fail);
    }

    #[test]
    fn retry_after_is_capped_and_never_shorter_than_the_backoff() {
        let policy = RetryPolicy::default();
        let long = response(429, &[("retry-after", "3600")]);
        assert_eq!(
            policy.classify(Operation::ListProjects, Attempt::Response(&long), 0, 1.0, NOW),
            Outcome::Retry { wait: Duration::from_secs(60), reason: "rate_limited" }
        );
        let dated = response(503, &[("Retry-After", "Thu, 01 Jan 1970 00:00:10 GMT"), ("Date", "Thu, 01 Jan 1970 00:00:04 GMT")]);
        assert_eq!(
            policy.classify(Operation::ListProjects, Attempt::Response(&dated), 0, 0.0, SystemTime::UNIX_EPOCH + Duration::from_secs(999)),
            Outcome::Retry { wait: Duration::from_secs(6), reason: "unavailable" }
        );
        assert_eq!(policy.backoff(0, 1.0), Duration::from_millis(200));
        assert_eq!(policy.backoff(3, 1.0), Duration::from_millis(1600));
        assert_eq!(policy.backoff(30, 1.0), Duration::from_secs(20));
        assert_eq!(policy.backoff(2, 0.25), Duration::from_millis(200));
    }
}
