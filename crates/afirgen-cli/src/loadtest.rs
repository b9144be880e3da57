//! `afirgen loadtest`: drives N complaints through a station server at once — submit,
//! wait for the draft (server-sent events), review (one field edit), finalise, fetch the
//! PDF — and reports success rate, durations, throughput and the speed-up over running
//! the same complaints one at a time (measured in the same run, not assumed).

use afirgen_core::metrics::Percentiles;
use afirgen_core::review::stand_ins;
use anyhow::{bail, Context, Result};
use serde::Serialize;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Arguments of `afirgen loadtest`.
#[derive(Debug, clap::Args)]
pub struct LoadtestArgs {
    /// The station server, e.g. http://127.0.0.1:8787.
    #[arg(long)]
    url: String,
    /// Complaints to submit.
    #[arg(short = 'n', long = "count", default_value_t = 10)]
    count: usize,
    /// Complaints in progress at once (default: all of them).
    #[arg(long)]
    concurrency: Option<usize>,
    /// A station house officer's key (finalising needs one).
    #[arg(long, env = "AFIRGEN_API_KEY", hide_env_values = true)]
    api_key: String,
    /// A folder of recordings: every other complaint is one of them (round robin).
    #[arg(long, value_name = "DIR")]
    audio: Option<PathBuf>,
    /// Complaints run one at a time first, to measure the sequential time per
    /// complaint that the speed-up is computed from (0: skip).
    #[arg(long, default_value_t = 3)]
    sequential: usize,
    /// Give up on one complaint after this many seconds.
    #[arg(long, default_value_t = 600)]
    timeout_secs: u64,
    /// Write the report as JSON here.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
}

const TEXTS: [&str; 4] = [
    "My name is Ramesh Kumar, son of Suresh Kumar, of 12 Gandhi Nagar. On 20 November 2026 at about 9:15 in the morning somebody took my Samsung mobile phone worth 18,000 rupees from my pocket in a crowded bus near Rajiv Chowk.",
    "मेरा नाम सुनीता देवी है, पत्नी श्री राजेश, निवासी 45 शांति विहार। कल शाम लगभग सात बजे बाज़ार में दो लड़के मोटरसाइकिल पर आए और मेरे गले से सोने की चेन छीनकर भाग गए। चेन की कीमत लगभग साठ हज़ार रुपये है।",
    "I, Mohammed Irfan of 7 Lake Road, report that on the night of 18 November 2026 my house was broken into while we were away. The lock was cut and a television, a laptop and 25,000 rupees in cash were taken.",
    "मैं अमित शर्मा, निवासी 3 नेहरू कॉलोनी, शिकायत करता हूँ कि 21 नवंबर 2026 को मेरे पड़ोसी ने झगड़े में मुझे लाठी से मारा जिससे मेरे हाथ में चोट आई।",
];

#[derive(Debug, Default, Serialize)]
struct Retries {
    /// 429 answers waited out.
    rate_limited: u64,
    /// 503 answers (queue full) waited out.
    busy: u64,
    /// 503/429 answers that carried no Retry-After (a server bug if ever non-zero).
    without_retry_after: u64,
}

#[derive(Debug, Serialize)]
struct Summary {
    min_secs: f64,
    median_secs: f64,
    p95_secs: f64,
    max_secs: f64,
}

impl Summary {
    fn of(durations: &[Duration]) -> Option<Summary> {
        let mut ms: Vec<i64> = durations.iter().map(|d| d.as_millis() as i64).collect();
        Percentiles::of(&mut ms).map(|p| Summary {
            min_secs: p.min as f64 / 1000.0,
            median_secs: p.p50 as f64 / 1000.0,
            p95_secs: p.p95 as f64 / 1000.0,
            max_secs: p.max as f64 / 1000.0,
        })
    }
}

#[derive(Debug, Serialize)]
struct Report {
    url: String,
    count: usize,
    concurrency: usize,
    audio_files: usize,
    succeeded: usize,
    failed: usize,
    success_rate: f64,
    total_secs: f64,
    throughput_per_min: f64,
    per_complaint: Option<Summary>,
    sequential_runs: usize,
    sequential_median_secs: Option<f64>,
    /// count × sequential median / concurrent wall time.
    speedup: Option<f64>,
    retries: Retries,
    errors: Vec<String>,
}

struct Client {
    http: reqwest::Client,
    base: String,
    key: String,
    timeout: Duration,
    rate_limited: AtomicU64,
    busy: AtomicU64,
    without_retry_after: AtomicU64,
}

enum Input {
    Text(String),
    Audio(String, Vec<u8>),
}

impl Client {
    /// Sends a request built by `build`, waiting out 429 and 503 as the server asks.
    async fn send(
        &self,
        what: &str,
        build: impl Fn() -> reqwest::RequestBuilder,
    ) -> Result<reqwest::Response> {
        let deadline = Instant::now() + self.timeout;
        loop {
            let response = build()
                .bearer_auth(&self.key)
                .send()
                .await
                .with_context(|| format!("{what}: no answer"))?;
            let status = response.status().as_u16();
            if status == 429 || status == 503 {
                let counter = if status == 429 {
                    &self.rate_limited
                } else {
                    &self.busy
                };
                counter.fetch_add(1, Ordering::Relaxed);
                let wait = response
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse::<u64>().ok());
                if wait.is_none() {
                    self.without_retry_after.fetch_add(1, Ordering::Relaxed);
                }
                // A little jitter so the waiting clients do not return all at once.
                let wait = Duration::from_secs(wait.unwrap_or(1))
                    + Duration::from_millis(fastrand::u64(..500));
                if Instant::now() + wait > deadline {
                    bail!("{what}: still refused ({status}) after {:?}", self.timeout);
                }
                tokio::time::sleep(wait).await;
                continue;
            }
            if !response.status().is_success() {
                let body = response.text().await.unwrap_or_default();
                bail!("{what}: {status} {body}");
            }
            return Ok(response);
        }
    }

    async fn json(&self, what: &str, build: impl Fn() -> reqwest::RequestBuilder) -> Result<Value> {
        self.send(what, build)
            .await?
            .json()
            .await
            .with_context(|| format!("{what}: not JSON"))
    }

    /// One complaint from submission to its PDF.
    async fn complaint(&self, input: Input) -> Result<Duration> {
        let started = Instant::now();
        let url = |path: &str| format!("{}{path}", self.base);
        let submitted = match &input {
            Input::Text(text) => {
                self.json("submit", || {
                    self.http.post(url("/process")).json(&json!({
                        "text": text, "files": [], "language": "auto", "urgent": false
                    }))
                })
                .await?
            }
            Input::Audio(name, bytes) => {
                self.json("submit", || {
                    let part =
                        reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.clone());
                    let form = reqwest::multipart::Form::new()
                        .text("language", "auto")
                        .part("file", part);
                    self.http.post(url("/process")).multipart(form)
                })
                .await?
            }
        };
        let job = submitted["job_id"].as_i64().context("submit: no job_id")?;
        let case = submitted["case_id"]
            .as_i64()
            .context("submit: no case_id")?;
        if submitted["state"] != "queued" {
            bail!("job {job} was not queued: {}", submitted["rejection"]);
        }
        self.wait_for_review(job).await?;
        // Review: the officer corrects one field and fills in what the draft lacks (a
        // complaint may not say where; a new station may not have set its details),
        // then the SHO finalises.
        let view = self
            .json("case", || self.http.get(url(&format!("/cases/{case}"))))
            .await?;
        let missing = view["missing"].as_array().into_iter().flatten();
        let plan = stand_ins(missing.filter_map(|item| item["path"].as_str()));
        if let Some(sections) = &plan.sections {
            self.json("sections", || {
                self.http
                    .put(url(&format!("/cases/{case}/sections")))
                    .json(sections)
            })
            .await?;
        }
        let mut edits = vec![json!({"path": "complainant.occupation", "value": "load test"})];
        edits.extend(plan.edits.iter().map(|edit| json!(edit)));
        self.json("edit", || {
            self.http
                .patch(url(&format!("/cases/{case}/draft")))
                .json(&edits)
        })
        .await?;
        let record = self
            .json("finalise", || {
                self.http.post(url(&format!("/firs/{job}/finalize")))
            })
            .await?;
        if record["seal"].as_str().is_none_or(str::is_empty) {
            bail!("job {job}: finalised without a seal: {record}");
        }
        let pdf = self
            .send("pdf", || self.http.get(url(&format!("/cases/{case}/pdf"))))
            .await?
            .bytes()
            .await
            .context("pdf: interrupted")?;
        if !pdf.starts_with(b"%PDF") {
            bail!("job {job}: the PDF is not a PDF");
        }
        Ok(started.elapsed())
    }

    /// Follows the job's server-sent events until it settles.
    async fn wait_for_review(&self, job: i64) -> Result<()> {
        let deadline = Instant::now() + self.timeout;
        loop {
            let mut response = self
                .send("events", || {
                    self.http.get(format!("{}/jobs/{job}/events", self.base))
                })
                .await?;
            let mut buffer = String::new();
            let mut last_state = String::new();
            loop {
                let remaining = deadline.saturating_duration_since(Instant::now());
                let chunk = match tokio::time::timeout(remaining, response.chunk()).await {
                    Err(_) => bail!(
                        "job {job}: no draft after {:?} (last state {last_state})",
                        self.timeout
                    ),
                    Ok(chunk) => chunk.with_context(|| format!("job {job}: events interrupted"))?,
                };
                let Some(chunk) = chunk else { break };
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buffer.find("\n\n") {
                    let event: String = buffer.drain(..end + 2).collect();
                    for data in event.lines().filter_map(|l| l.strip_prefix("data:")) {
                        let value: Value = serde_json::from_str(data.trim())
                            .with_context(|| format!("job {job}: bad event {data}"))?;
                        last_state = value["state"].as_str().unwrap_or_default().to_owned();
                        match last_state.as_str() {
                            "awaiting_review" => return Ok(()),
                            "failed" | "cancelled" => {
                                bail!("job {job} {last_state}: {}", value["message"])
                            }
                            _ => {}
                        }
                    }
                }
            }
            // The stream ended before the job settled (server restarted, or a slow
            // reader was dropped): follow it again.
            if Instant::now() > deadline {
                bail!("job {job}: no draft after {:?}", self.timeout);
            }
        }
    }
}

fn inputs(args: &LoadtestArgs) -> Result<Vec<Input>> {
    let mut audio = Vec::new();
    if let Some(dir) = &args.audio {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read the recordings folder {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        for path in paths {
            let bytes =
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let name = path
                .file_name()
                .map_or_else(|| "recording".into(), |n| n.to_string_lossy().into_owned());
            audio.push((name, bytes));
        }
        if audio.is_empty() {
            bail!("{} has no recordings", dir.display());
        }
    }
    let total = args.count + args.sequential.min(args.count);
    Ok((0..total)
        .map(|i| {
            if !audio.is_empty() && i % 2 == 1 {
                let (name, bytes) = &audio[(i / 2) % audio.len()];
                Input::Audio(name.clone(), bytes.clone())
            } else {
                // Each text differs, so no two cases are the same complaint.
                Input::Text(format!(
                    "{} (load test complaint {i})",
                    TEXTS[i % TEXTS.len()]
                ))
            }
        })
        .collect())
}

/// Runs the load test.
pub async fn run(args: LoadtestArgs) -> Result<ExitCode> {
    if args.count == 0 {
        bail!("-n must be at least 1");
    }
    let concurrency = args.concurrency.unwrap_or(args.count).clamp(1, args.count);
    let mut inputs = inputs(&args)?;
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency.min(64))
        .build()?;
    let client = Arc::new(Client {
        http,
        base: args.url.trim_end_matches('/').to_owned(),
        key: args.api_key.trim().to_owned(),
        timeout: Duration::from_secs(args.timeout_secs),
        rate_limited: AtomicU64::new(0),
        busy: AtomicU64::new(0),
        without_retry_after: AtomicU64::new(0),
    });
    // Fail fast on a wrong URL or key, before measuring anything.
    let me = client
        .json("sign in", || client.http.get(format!("{}/me", client.base)))
        .await?;
    if me["role"] != "sho" {
        bail!(
            "the key belongs to {} ({}); finalising needs a station house officer's key",
            me["name"],
            me["role"]
        );
    }

    let mut errors = Vec::new();
    let sequential_inputs: Vec<Input> = inputs.drain(..args.sequential.min(args.count)).collect();
    // Recordings among the N measured at once (the one-at-a-time runs are not counted).
    let audio_files = inputs
        .iter()
        .filter(|i| matches!(i, Input::Audio(..)))
        .count();
    let mut sequential = Vec::new();
    if !sequential_inputs.is_empty() {
        eprintln!(
            "loadtest: {} complaint(s) one at a time first",
            sequential_inputs.len()
        );
    }
    for input in sequential_inputs {
        match client.complaint(input).await {
            Ok(d) => sequential.push(d),
            Err(err) => errors.push(format!("sequential: {err:#}")),
        }
    }

    eprintln!(
        "loadtest: {} complaints, {concurrency} at a time",
        args.count
    );
    let progress = indicatif::ProgressBar::new(args.count as u64);
    let gate = Arc::new(tokio::sync::Semaphore::new(concurrency));
    let started = Instant::now();
    let tasks: Vec<_> = inputs
        .into_iter()
        .map(|input| {
            let client = client.clone();
            let gate = gate.clone();
            let progress = progress.clone();
            tokio::spawn(async move {
                let _permit = gate.acquire_owned().await;
                let result = client.complaint(input).await;
                progress.inc(1);
                result
            })
        })
        .collect();
    let mut durations = Vec::new();
    for task in tasks {
        match task.await {
            Ok(Ok(d)) => durations.push(d),
            Ok(Err(err)) => errors.push(format!("{err:#}")),
            Err(err) => errors.push(format!("task: {err}")),
        }
    }
    let total = started.elapsed();
    progress.finish_and_clear();

    let succeeded = durations.len();
    let sequential_median = Summary::of(&sequential).map(|s| s.median_secs);
    let report = Report {
        url: client.base.clone(),
        count: args.count,
        concurrency,
        audio_files,
        succeeded,
        failed: args.count - succeeded,
        success_rate: succeeded as f64 / args.count as f64,
        total_secs: total.as_secs_f64(),
        throughput_per_min: succeeded as f64 / total.as_secs_f64() * 60.0,
        per_complaint: Summary::of(&durations),
        sequential_runs: sequential.len(),
        sequential_median_secs: sequential_median,
        speedup: sequential_median.map(|m| m * args.count as f64 / total.as_secs_f64()),
        retries: Retries {
            rate_limited: client.rate_limited.load(Ordering::Relaxed),
            busy: client.busy.load(Ordering::Relaxed),
            without_retry_after: client.without_retry_after.load(Ordering::Relaxed),
        },
        errors: errors.iter().take(20).cloned().collect(),
    };
    print_report(&report);
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report)? + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(if report.failed == 0 && errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_report(r: &Report) {
    println!(
        "complaints         {} ({} at a time, {} recordings)",
        r.count, r.concurrency, r.audio_files
    );
    println!(
        "succeeded          {}/{} ({:.1} %)",
        r.succeeded,
        r.count,
        r.success_rate * 100.0
    );
    println!("total              {:.2} s", r.total_secs);
    println!(
        "throughput         {:.1} complaints/min",
        r.throughput_per_min
    );
    if let Some(s) = &r.per_complaint {
        println!(
            "per complaint      min {:.2} s  median {:.2} s  p95 {:.2} s  max {:.2} s",
            s.min_secs, s.median_secs, s.p95_secs, s.max_secs
        );
    }
    match (r.sequential_median_secs, r.speedup) {
        (Some(m), Some(x)) => println!(
            "one at a time      median {m:.2} s over {} runs; speed-up {x:.2}x ({} x {m:.2} s / {:.2} s)",
            r.sequential_runs, r.count, r.total_secs
        ),
        _ => println!("speed-up           not measured (--sequential 0)"),
    }
    println!(
        "waited out         {} rate-limited (429), {} busy (503), {} without Retry-After",
        r.retries.rate_limited, r.retries.busy, r.retries.without_retry_after
    );
    for error in &r.errors {
        println!("error              {error}");
    }
}
