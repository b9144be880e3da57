-- How many times a job's worker stopped (died, or lost its lease) while running it. A
-- job interrupted more often than the configured number of resumes is failed instead of
-- taken again: an input that crashes the process must not stop the station after every
-- restart. An officer's retry starts the count again.
ALTER TABLE jobs ADD COLUMN interruptions INT NOT NULL DEFAULT 0;
