-- A station's own catalogue entries (`afirgen kb import`), on top of the built-in ones.
CREATE TABLE legal_entries (
    citation TEXT PRIMARY KEY,
    entry TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at INTEGER NOT NULL
);
