-- A station's own catalogue entries (`afirgen kb import`), on top of the built-in ones.
CREATE TABLE legal_entries (
    citation VARCHAR(96) NOT NULL PRIMARY KEY,
    entry LONGTEXT NOT NULL,
    imported_by VARCHAR(128) NOT NULL,
    imported_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
