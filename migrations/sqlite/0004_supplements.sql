-- Corrections to a finalized record: new, linked, sealed records; the original never changes.
CREATE TABLE supplements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    record_seal TEXT NOT NULL,
    content TEXT NOT NULL,
    seal TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX supplements_case ON supplements (case_id, id);
