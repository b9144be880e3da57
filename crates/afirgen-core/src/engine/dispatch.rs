//! The engine's background work: the dispatcher that claims queued jobs under the
//! request gate and runs them, and the heartbeat that renews leases and requeues the
//! jobs of workers that died.

use super::*;

/// How often the heartbeat ends sessions unused past the longest idle lock.
const SESSION_SWEEP: Duration = Duration::from_secs(600);

impl Engine {
    /// Starts dispatching queued jobs (and any interrupted ones) in the background.
    pub fn start(&self) -> Dispatcher {
        let dispatcher = tokio::spawn(self.clone().dispatch());
        let heartbeat = tokio::spawn(self.clone().heartbeat());
        Dispatcher {
            tasks: vec![dispatcher, heartbeat],
        }
    }

    async fn dispatch(self) {
        loop {
            let permit = self.inner.gates.acquire_request().await;
            match self
                .inner
                .store
                .claim_next_job(&self.inner.owner, self.lease())
                .await
            {
                Ok(Some(claimed)) => {
                    // One fewer waiting; counted again by the heartbeat (other
                    // processes' jobs too), not by a query on every claim.
                    self.inner.gates.dequeued();
                    self.spawn_job(claimed, permit);
                }
                Ok(None) => {
                    self.inner.gates.set_queued(0);
                    drop(permit);
                    // notify_one keeps a wake-up that arrives while we were claiming.
                    let _ = tokio::time::timeout(POLL, self.inner.wake.notified()).await;
                }
                Err(err) => {
                    drop(permit);
                    tracing::error!(error = %err, "cannot claim the next job; retrying");
                    tokio::time::sleep(POLL).await;
                }
            }
        }
    }

    /// Requeues jobs held by a process of this machine that no longer exists, so a
    /// crashed run resumes at once instead of after its lease.
    async fn requeue_dead_local_owners(&self) {
        let owners = match self.inner.store.running_owners().await {
            Ok(owners) => owners,
            Err(err) => {
                tracing::warn!(error = %err, "cannot list job owners");
                return;
            }
        };
        let prefix = format!("{}-", hostname());
        for owner in owners {
            let Some(pid) = owner
                .strip_prefix(&prefix)
                .and_then(|rest| rest.split('-').next())
                .and_then(|pid| pid.parse::<u32>().ok())
            else {
                continue;
            };
            if owner != self.inner.owner && !process_alive(pid) {
                match self
                    .inner
                    .store
                    .requeue_orphans(Some(&owner), self.inner.config.queue.max_interruptions)
                    .await
                {
                    Ok(orphans) => self.report_orphans(&orphans, Some(&owner)),
                    Err(err) => tracing::warn!(error = %err, "cannot requeue jobs"),
                }
            }
        }
    }

    async fn heartbeat(self) {
        self.requeue_dead_local_owners().await;
        // Sessions left open (a desk switched off, a browser closed) are ended once they
        // are past any idle lock; the first sweep at start, then every ten minutes.
        let mut next_sweep = std::time::Instant::now();
        loop {
            // Renew first, and look for expired leases only after a renewal went
            // through: after an outage this engine's own live runs must not be taken for
            // orphans because the database could not hear their heartbeat. (Another
            // process may still take them; the claim check stops the stale run then.)
            let live: Vec<Claim> = self
                .running()
                .values()
                .map(|run| run.claim.clone())
                .collect();
            match self.inner.store.renew_leases(&live, self.lease()).await {
                Ok(_) => self.requeue_expired().await,
                Err(err) => tracing::warn!(error = %err, "cannot renew job leases"),
            }
            self.refresh_queue_depth().await;
            if std::time::Instant::now() >= next_sweep {
                next_sweep += SESSION_SWEEP;
                // Its own task: a slow delete must never hold up the lease renewal.
                let store = self.inner.store.clone();
                tokio::spawn(async move {
                    let idle = crate::auth::session::LONGEST_IDLE;
                    match crate::auth::session::end_idle_sessions(&store, idle).await {
                        Ok(0) => {}
                        Ok(ended) => tracing::info!(
                            ended,
                            "ended sessions unused past the longest idle lock"
                        ),
                        Err(err) => tracing::warn!(error = %err, "cannot end idle sessions"),
                    }
                });
            }
            tokio::time::sleep(self.lease() / 3).await;
        }
    }

    /// Puts jobs whose lease expired (their worker stopped) back in the queue.
    async fn requeue_expired(&self) {
        match self
            .inner
            .store
            .requeue_orphans(None, self.inner.config.queue.max_interruptions)
            .await
        {
            Ok(orphans) => {
                self.report_orphans(&orphans, None);
                if orphans.resumed > 0 {
                    self.refresh_queue_depth().await;
                    self.inner.wake.notify_one();
                }
            }
            Err(err) => tracing::warn!(error = %err, "cannot look for interrupted jobs"),
        }
    }

    fn report_orphans(&self, orphans: &crate::store::Orphans, owner: Option<&str>) {
        if orphans.resumed > 0 {
            tracing::warn!(
                jobs = orphans.resumed,
                owner,
                "resuming jobs whose worker stopped"
            );
        }
        for job in &orphans.failed {
            tracing::error!(
                job,
                max_interruptions = self.inner.config.queue.max_interruptions,
                "a job's worker stopped too often; the job was failed, its input kept"
            );
        }
    }

    fn spawn_job(&self, claimed: Claimed, permit: RequestPermit) {
        let engine = self.clone();
        let Claimed { job, claim } = claimed;
        let job_id = job.id;
        let run_claim = claim.clone();
        let span = tracing::info_span!("job", job_id = job.id, case_id = job.case_id);
        let task = tokio::spawn(
            async move {
                let events = engine.inner.events.clone();
                let emit = move |event: JobEvent| {
                    // No subscriber is fine: events are a view, the store is the truth.
                    let _ = events.send(event);
                };
                tracing::info!(attempt = claim.attempt, "job started");
                match engine.inner.pipeline.run(&job, &claim, &emit).await {
                    Ok(()) => tracing::info!("job awaiting review"),
                    Err(RunError::Cancelled) => tracing::info!("job cancelled"),
                    Err(RunError::Superseded(err)) => {
                        // The job is another run's now; this one leaves it alone.
                        tracing::warn!(error = %err, "the job was taken over after its lease ran out; this run stops");
                    }
                    Err(RunError::Interrupted(err)) => {
                        // Not the job's fault: it goes back to the queue with its
                        // finished steps and runs again once the database answers. If
                        // even that cannot be written, its lease (no longer renewed)
                        // runs out and the heartbeat requeues it.
                        tracing::warn!(error = %err, "the database stopped answering; the job goes back to the queue");
                        engine.forget(&claim);
                        // A pause first, so a fault that persists cannot spin a job
                        // through claim and release.
                        tokio::time::sleep(POLL).await;
                        // Only this claim is given back: if the job was requeued and
                        // claimed again meanwhile, that run is left alone.
                        match engine.inner.store.release_job(&claim).await {
                            Ok(_) => engine.inner.wake.notify_one(),
                            Err(err) => tracing::warn!(error = %err, "cannot requeue the job yet; it is taken again when its lease ends"),
                        }
                        emit(JobEvent {
                            job_id: job.id,
                            state: JobState::Queued,
                            step: None,
                            step_done: false,
                            at: crate::domain::now_ms(),
                            message: Some("the database stopped answering; the job will run again".to_owned()),
                        });
                    }
                    Err(RunError::Failed(error)) => {
                        tracing::warn!(error = %error, "job failed");
                        match engine.inner.store.fail_run(&claim, &error).await {
                            Ok(()) => {}
                            Err(err @ StoreError::ClaimLost { .. }) => {
                                tracing::warn!(error = %err, "the failure is not recorded: the job is another run's now");
                            }
                            // The lease expires and the job is tried again: nothing is lost.
                            Err(err) => tracing::error!(error = %err, "cannot record the failure"),
                        }
                        emit(JobEvent {
                            job_id: job.id,
                            state: JobState::Failed,
                            step: error.step,
                            step_done: false,
                            at: crate::domain::now_ms(),
                            message: Some(error.to_string()),
                        });
                    }
                }
                engine.forget(&claim);
                drop(permit);
            }
            .instrument(span),
        );
        self.running().insert(
            job_id,
            Running {
                claim: run_claim,
                task: task.abort_handle(),
            },
        );
    }

    pub(super) fn running(&self) -> std::sync::MutexGuard<'_, HashMap<JobId, Running>> {
        self.inner
            .running
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Forgets a run that ended, unless the job has been claimed again since: a later
    /// run of the same job keeps its place (and its lease renewals).
    fn forget(&self, claim: &Claim) {
        let mut running = self.running();
        if running
            .get(&claim.job_id)
            .is_some_and(|run| run.claim == *claim)
        {
            running.remove(&claim.job_id);
        }
    }
}

/// Whether a local process exists. Only Linux can tell cheaply; elsewhere assume it
/// does and let the lease decide.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        std::path::Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}
