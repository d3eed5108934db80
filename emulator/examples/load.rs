//! Load on loopback: requests/s and latency for a create (createProjectConnection) and a list
//! (listProjectConnections, 25 per page) over 16 keep-alive connections, the emulator's start-up
//! time, and the process's RSS after the creates. A benchmark, not a test: it prints numbers.
//!
//! `cargo run --release -p maia-provision-emulator --example load -- [CREATES] [LISTS]`
//! (defaults 100000 and 100000; `scripts/bench-emulator` runs it). The client is a minimal
//! HTTP/1.1 writer and reader in this process, so that the numbers measure the server, not reqwest;
//! client and server share the runtime's two worker threads.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, missing_docs, reason = "a benchmark: a failure stops it")]

use maia_provision_emulator::{Emulator, EmulatorConfig};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const CONNECTIONS: usize = 16;

/// Sends one request on a keep-alive connection; returns the status.
async fn send(stream: &mut TcpStream, buffer: &mut Vec<u8>, request: &[u8]) -> u16 {
    stream.write_all(request).await.unwrap();
    buffer.clear();
    loop {
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "the connection closed");
        buffer.extend_from_slice(&chunk[..n]);
        let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else { continue };
        let head = std::str::from_utf8(&buffer[..end]).unwrap().to_ascii_lowercase();
        let length: usize = head.lines().find_map(|line| line.strip_prefix("content-length:")).map_or(0, |value| value.trim().parse().unwrap());
        if buffer.len() >= end + 4 + length {
            assert_eq!(buffer.len(), end + 4 + length, "one answer per request");
            return head[9..12].parse().unwrap();
        }
    }
}

fn post(path: &str, token: &str, body: &str) -> Vec<u8> {
    format!(
        "POST {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn get(path: &str, token: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\n\r\n").into_bytes()
}

/// Runs `total` requests over 16 connections; `make(i)` builds the i-th request of a connection.
async fn run(
    addr: std::net::SocketAddr,
    total: usize,
    expect: u16,
    make: impl Fn(usize, usize) -> Vec<u8> + Clone + Send + 'static,
) -> (f64, Vec<Duration>) {
    let per = total / CONNECTIONS;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for connection in 0..CONNECTIONS {
        let make = make.clone();
        tasks.push(tokio::spawn(async move {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            stream.set_nodelay(true).unwrap();
            let mut buffer = Vec::with_capacity(16 * 1024);
            let mut latencies = Vec::with_capacity(per);
            for i in 0..per {
                let request = make(connection, i);
                let sent = Instant::now();
                let status = send(&mut stream, &mut buffer, &request).await;
                latencies.push(sent.elapsed());
                assert_eq!(status, expect, "{}", String::from_utf8_lossy(&buffer));
            }
            latencies
        }));
    }
    let mut latencies = Vec::with_capacity(total);
    for task in tasks {
        latencies.extend(task.await.unwrap());
    }
    let rate = latencies.len() as f64 / started.elapsed().as_secs_f64();
    latencies.sort();
    (rate, latencies)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at].as_secs_f64() * 1e6
}

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status.lines().find_map(|line| line.strip_prefix("VmRSS:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()).unwrap_or(0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().unwrap());
    let creates = args.next().unwrap_or(100_000);
    let lists = args.next().unwrap_or(100_000);
    let rss_before = rss_kib();

    let mut starts = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
        starts.push(started.elapsed());
        drop(emulator);
    }
    starts.sort();
    let started = Instant::now();
    let emulator = Emulator::start(EmulatorConfig { rate_limit: None, seed: 1, ..EmulatorConfig::default() }).await.unwrap();
    let start_up = started.elapsed();

    let http = reqwest::Client::new();
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", emulator.client_id()),
        ("client_secret", emulator.client_secret().expose()),
        ("audience", "https://api.matillion.com"),
    ];
    let token: serde_json::Value =
        serde_json::from_str(&http.post(emulator.token_url()).form(&form).send().await.unwrap().text().await.unwrap()).unwrap();
    let token = token["access_token"].as_str().unwrap().to_owned();
    let project = http
        .post(format!("{}/v1/projects", emulator.url()))
        .bearer_auth(&token)
        .body(r#"{"name": "bench", "warehouse": "SNOWFLAKE", "agentDeploymentType": "FULL_SAAS"}"#)
        .send()
        .await
        .unwrap();
    let project: serde_json::Value = serde_json::from_str(&project.text().await.unwrap()).unwrap();
    let path = format!("/v1/projects/{}/connections", project["projectId"].as_str().unwrap());

    let (create_path, create_token) = (path.clone(), token.clone());
    let (create_rate, create_latency) = run(emulator.addr(), creates, 201, move |connection, i| {
        let body = format!(
            r#"{{"name": "c-{connection}-{i}", "platformConnectionType": "CLOUD_PLATFORM_CREDENTIALS", "authProvider": "aws", "authType": "CLOUD_PROVIDER_SECRET", "connectionDetails": {{"description": "bench", "secretsLocation": {{"type": "AWS_SECRET_MANAGER", "region": "eu-west-1"}}, "connectionProperties": {{"credentialSecretName": "aws-platform-credentials"}}}}}}"#
        );
        post(&create_path, &create_token, &body)
    })
    .await;
    let rss_after = rss_kib();

    let (list_path, list_token) = (path.clone(), token.clone());
    let (list_rate, list_latency) =
        run(emulator.addr(), lists, 200, move |_, i| get(&format!("{list_path}?page={}&size=25", i % 100), &list_token)).await;

    println!("emulator load on loopback, {CONNECTIONS} keep-alive connections, client in-process, 2 worker threads");
    println!(
        "start-up (Emulator::start, bind + spawn): {:.2} ms (median of 20 {:.2} ms, max {:.2} ms)",
        start_up.as_secs_f64() * 1e3,
        starts[10].as_secs_f64() * 1e3,
        starts[19].as_secs_f64() * 1e3
    );
    for (name, rate, latency) in
        [("createProjectConnection", create_rate, &create_latency), ("listProjectConnections (size 25)", list_rate, &list_latency)]
    {
        println!(
            "{name}: {} requests, {rate:.0} req/s, p50 {:.0} µs, p99 {:.0} µs",
            latency.len(),
            percentile(latency, 0.5),
            percentile(latency, 0.99)
        );
    }
    println!("RSS: {} KiB before start, {} KiB after {} creates (journal and state included)", rss_before, rss_after, create_latency.len());
}
