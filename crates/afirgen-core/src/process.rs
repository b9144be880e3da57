//! Helper programs run on untrusted input (poppler's PDF tools): every run has a time
//! limit, a cap on what it may print, a cap on its memory, and is killed when it runs
//! over, or when the job that started it is cancelled (its future dropped).

use std::process::{ExitStatus, Stdio};
use std::time::Duration;
use tokio::io::AsyncReadExt;
use tokio::process::Command;

/// How far one run may go.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Wall-clock time before it is killed.
    pub time: Duration,
    /// Bytes of standard output kept; more and it is killed.
    pub max_output: usize,
    /// Address space, bytes (Unix); an allocation beyond it fails inside the program.
    pub max_memory: u64,
}

/// Why a run gave no usable output.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The program could not be started.
    #[error("cannot run {program}: {source}")]
    Spawn {
        /// Which.
        program: String,
        /// Why.
        source: std::io::Error,
    },
    /// It ran past its time and was killed.
    #[error("{program} took longer than {} s and was stopped", limit.as_secs())]
    TimedOut {
        /// Which.
        program: String,
        /// The limit.
        limit: Duration,
    },
    /// It printed more than allowed and was killed.
    #[error("{program} produced more than {limit} bytes and was stopped")]
    TooMuchOutput {
        /// Which.
        program: String,
        /// The limit.
        limit: usize,
    },
    /// It ended with a failure status.
    #[error("{program} failed ({status}): {stderr}")]
    Failed {
        /// Which.
        program: String,
        /// Its exit status.
        status: ExitStatus,
        /// The start of what it wrote to standard error.
        stderr: String,
    },
    /// Reading its output failed.
    #[error("cannot read the output of {program}: {source}")]
    Io {
        /// Which.
        program: String,
        /// Why.
        source: std::io::Error,
    },
}

/// Standard error kept for messages.
const MAX_STDERR: usize = 4096;

/// Runs `command` to completion within `limits`; its standard output on success.
pub async fn run(mut command: Command, limits: Limits) -> Result<Vec<u8>, RunError> {
    let program = command
        .as_std()
        .get_program()
        .to_string_lossy()
        .into_owned();
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    #[cfg(unix)]
    {
        let max_memory = limits.max_memory;
        // SAFETY: between fork and exec only async-signal-safe calls are allowed;
        // setrlimit is one, and nothing here allocates.
        unsafe {
            command.pre_exec(move || {
                let limit = libc::rlimit {
                    rlim_cur: max_memory as libc::rlim_t,
                    rlim_max: max_memory as libc::rlim_t,
                };
                if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let mut child = command.spawn().map_err(|source| RunError::Spawn {
        program: program.clone(),
        source,
    })?;
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return Err(RunError::Io {
            program,
            source: std::io::Error::other("no output pipes"),
        });
    };
    let io_error = |source| RunError::Io {
        program: program.clone(),
        source,
    };
    // Standard error is drained beside standard output, so a program that writes to
    // both never blocks on a full pipe; it is only waited for once output has ended.
    let mut errors = tokio::spawn(async move {
        let mut err = Vec::new();
        keep_start(stderr, &mut err, MAX_STDERR).await.map(|()| err)
    });
    let work = async {
        let mut out = Vec::new();
        let mut capped = stdout.take(limits.max_output as u64 + 1);
        capped.read_to_end(&mut out).await.map_err(io_error)?;
        if out.len() > limits.max_output {
            return Ok((None, out, Vec::new()));
        }
        let status = child.wait().await.map_err(io_error)?;
        let err = match (&mut errors).await {
            Ok(Ok(err)) => err,
            _ => Vec::new(),
        };
        Ok::<_, RunError>((Some(status), out, err))
    };
    let outcome = tokio::time::timeout(limits.time, work).await;
    errors.abort();
    match outcome {
        // Dropping the child (with the future) kills it.
        Err(_) => Err(RunError::TimedOut {
            program,
            limit: limits.time,
        }),
        Ok(Err(err)) => Err(err),
        Ok(Ok((None, _, _))) => Err(RunError::TooMuchOutput {
            program,
            limit: limits.max_output,
        }),
        Ok(Ok((Some(status), out, err))) => {
            if status.success() {
                Ok(out)
            } else {
                Err(RunError::Failed {
                    program,
                    status,
                    stderr: String::from_utf8_lossy(&err).trim().to_owned(),
                })
            }
        }
    }
}

/// Reads `from` to its end, keeping its first `keep` bytes: a program whose error
/// output goes on and on must not block on a full pipe.
async fn keep_start(
    mut from: impl tokio::io::AsyncRead + Unpin,
    into: &mut Vec<u8>,
    keep: usize,
) -> std::io::Result<()> {
    let mut buffer = [0u8; 8192];
    loop {
        let n = from.read(&mut buffer).await?;
        if n == 0 {
            return Ok(());
        }
        let room = keep.saturating_sub(into.len());
        into.extend_from_slice(&buffer[..n.min(room)]);
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        time: Duration::from_secs(5),
        max_output: 1000,
        max_memory: 1 << 30,
    };

    #[tokio::test]
    async fn output_over_the_cap_stops_the_program() {
        let mut command = Command::new("sh");
        command.args(["-c", "yes"]);
        let result = run(command, LIMITS).await;
        assert!(
            matches!(result, Err(RunError::TooMuchOutput { limit: 1000, .. })),
            "{result:?}"
        );
    }

    #[tokio::test]
    async fn a_program_past_its_time_is_stopped() {
        let mut command = Command::new("sleep");
        command.arg("30");
        let limits = Limits {
            time: Duration::from_millis(200),
            ..LIMITS
        };
        let result = run(command, limits).await;
        assert!(
            matches!(result, Err(RunError::TimedOut { .. })),
            "{result:?}"
        );
    }

    // A job cancelled while its helper runs: the run's future is dropped, and the helper
    // with it.
    #[tokio::test]
    async fn a_dropped_run_kills_its_program() {
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!("echo $$ > {}; exec sleep 30", pid_file.display()));
        let task = tokio::spawn(run(command, LIMITS));
        let pid = loop {
            if let Some(pid) = std::fs::read_to_string(&pid_file)
                .ok()
                .and_then(|text| text.trim().parse::<u32>().ok())
            {
                break pid;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        task.abort();
        let _ = task.await;
        // Killed: gone, or a zombie until the runtime reaps it; never still sleeping.
        let mut state = String::new();
        for _ in 0..250 {
            state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            if state.is_empty() || state.contains(") Z") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(
            state.is_empty() || state.contains(") Z"),
            "still running: {state}"
        );
    }

    #[tokio::test]
    async fn a_failure_says_what_the_program_said() {
        let mut command = Command::new("sh");
        command.args(["-c", "echo broken >&2; exit 3"]);
        let result = run(command, LIMITS).await;
        match result {
            Err(RunError::Failed { stderr, .. }) => assert_eq!(stderr, "broken"),
            other => panic!("{other:?}"),
        }
        let mut command = Command::new("sh");
        command.args(["-c", "printf 'पाठ'"]);
        assert_eq!(run(command, LIMITS).await.unwrap(), "पाठ".as_bytes());
    }
}
