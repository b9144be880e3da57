-- A pipeline run's step output records which claim of the job wrote it, and a claim
-- stores each step at most once: a write retried after its commit's acknowledgement was
-- lost cannot add a second version. An officer's regeneration has no claim (NULL) and
-- adds a version each time.
ALTER TABLE step_outputs ADD COLUMN run_attempt BIGINT NULL;
CREATE UNIQUE INDEX step_outputs_once_per_claim ON step_outputs (job_id, step, run_attempt);
