//! Searching finalised records by number, name or words.

use super::*;

/// Filters for [`Store::search_records`]; all optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[ts(optional_fields = nullable)]
pub struct RecordQuery {
    /// A record number, a name, a section or any words of the draft.
    pub text: Option<String>,
    /// Only jobs in this state.
    pub state: Option<JobState>,
    /// Submitted at or after (ms since the epoch).
    pub from_ms: Option<Millis>,
    /// Submitted before (ms since the epoch).
    pub to_ms: Option<Millis>,
    /// At most this many (default 200).
    pub limit: Option<i64>,
}

/// A record's number as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordNumber {
    /// FIR or NCR.
    pub kind: RecordKind,
    /// E.g. `0042/2026`.
    pub display: String,
}

/// One case found by [`Store::search_records`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordHit {
    /// The job.
    pub job: Job,
    /// Station code of the case.
    pub station_code: String,
    /// Language given at submission.
    pub language: String,
    /// The number, once finalized.
    pub record: Option<RecordNumber>,
    /// The current draft, once one was made.
    pub draft: Option<serde_json::Value>,
}

/// Escapes LIKE wildcards with `!` (the ESCAPE character in the queries).
pub(super) fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '!' | '%' | '_') {
            out.push('!');
        }
        out.push(c);
    }
    out
}

/// The LIKE patterns a search text stands for: a number finds the sections of that
/// number (`303` and `303(2)`), other text any words of the draft.
fn text_patterns(
    text: Option<&str>,
    number: Option<(i64, Option<i64>)>,
) -> (Option<String>, Option<String>) {
    match (text, number) {
        (Some(t), Some(_)) => {
            let n = escape_like(
                t.split('/')
                    .next()
                    .unwrap_or(t)
                    .trim()
                    .trim_start_matches('0'),
            );
            (
                Some(format!("%\"section\":\"{n}\"%")),
                Some(format!("%\"section\":\"{n}(%")),
            )
        }
        (Some(t), None) => {
            let p = format!("%{}%", escape_like(t));
            (Some(p.clone()), Some(p))
        }
        (None, _) => (None, None),
    }
}

/// `42`, `0042` or `0042/2026` as (number, year).
pub(super) fn parse_record_number(text: &str) -> Option<(i64, Option<i64>)> {
    let (number, year) = match text.split_once('/') {
        Some((n, y)) => (n, Some(y)),
        None => (text, None),
    };
    let number = number.trim().parse().ok()?;
    let year = match year {
        Some(y) => Some(y.trim().parse().ok()?),
        None => None,
    };
    Some((number, year))
}

/// Reads a row of [`HIT_COLUMNS`] into a [`RecordHit`].
macro_rules! hit_from_row {
    ($row:expr) => {{
        let row = $row;
        let draft: Option<String> = row.try_get("draft")?;
        let record_kind: Option<String> = row.try_get("record_kind")?;
        let record = match record_kind {
            Some(kind) => {
                let number: i64 = row.try_get("fir_no")?;
                let year: i64 = row.try_get("year")?;
                let year =
                    i32::try_from(year).map_err(|_| StoreError::Corrupt(format!("year {year}")))?;
                Some(RecordNumber {
                    kind: if kind == "ncr" {
                        RecordKind::Ncr
                    } else {
                        RecordKind::Fir
                    },
                    display: display_number(number, year),
                })
            }
            None => None,
        };
        RecordHit {
            job: job_from_row!(row),
            station_code: row.try_get("station_code")?,
            language: row.try_get("language")?,
            record,
            draft: draft.as_deref().map(serde_json::from_str).transpose()?,
        }
    }};
}

/// The columns [`hit_from_row`] reads, over `jobs j`, `cases c`, `drafts d` and
/// `fir_records f` joined as [`HIT_TABLES`] joins them.
const HIT_COLUMNS: &str = "j.id, j.case_id, j.state, j.step, j.priority, j.attempts, j.error, \
     j.created_at, j.updated_at, c.station_code, c.language, \
     d.content AS draft, f.kind AS record_kind, f.fir_no, f.year";

/// A job with its case, current draft and final record.
const HIT_TABLES: &str = "jobs j JOIN cases c ON c.id = j.case_id \
     LEFT JOIN drafts d ON d.case_id = j.case_id \
     LEFT JOIN fir_records f ON f.case_id = j.case_id";

impl Store {
    /// One page of the queue, newest first, and how many jobs match in all: jobs of
    /// `station`'s cases (when given) in one of `states` (None: any), changed
    /// (`updated_at`) at or after `changed_since`, whose text matches `text` (a case or
    /// job number, `12` or `#12`, besides what [`Store::search_records`] matches:
    /// record numbers, sections, names, any words of the draft); `page` is (offset,
    /// limit).
    pub async fn queue_page(
        &self,
        states: Option<&[JobState]>,
        text: Option<&str>,
        changed_since: Option<Millis>,
        page: (i64, i64),
        station: Option<&str>,
    ) -> Result<(Vec<RecordHit>, i64), StoreError> {
        let text = text
            .map(str::trim)
            .map(|t| t.trim_start_matches('#').trim())
            .filter(|t| !t.is_empty());
        let number = text.and_then(parse_record_number);
        let (pattern, pattern_sub) = text_patterns(text, number);
        // Only this crate's state names go into the SQL text, never the caller's words.
        let states = match states {
            Some([]) => return Ok((Vec::new(), 0)),
            Some(states) => format!(
                " AND j.state IN ({})",
                states
                    .iter()
                    .map(|s| format!("'{}'", s.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => String::new(),
        };
        let filter = format!(
            "WHERE (? IS NULL OR c.station_code = ?){states} \
             AND (? IS NULL OR j.updated_at >= ?) \
             AND (? IS NULL OR d.content LIKE ? ESCAPE '!' OR d.content LIKE ? ESCAPE '!' \
                  OR j.case_id = ? OR j.id = ? \
                  OR (f.fir_no = ? AND (? IS NULL OR f.year = ?)))"
        );
        let rows_sql = format!(
            "SELECT {HIT_COLUMNS} FROM {HIT_TABLES} {filter} ORDER BY j.id DESC LIMIT ? OFFSET ?"
        );
        let count_sql = format!("SELECT COUNT(*) AS n FROM {HIT_TABLES} {filter}");
        let case_number = number.filter(|(_, year)| year.is_none()).map(|(n, _)| n);
        macro_rules! bind_filter {
            ($query:expr) => {
                $query
                    .bind(station)
                    .bind(station)
                    .bind(changed_since)
                    .bind(changed_since)
                    .bind(pattern.as_deref())
                    .bind(pattern.as_deref())
                    .bind(pattern_sub.as_deref())
                    .bind(case_number)
                    .bind(case_number)
                    .bind(number.map(|(n, _)| n))
                    .bind(number.and_then(|(_, y)| y))
                    .bind(number.and_then(|(_, y)| y))
            };
        }
        let (offset, limit) = (page.0.max(0), page.1.clamp(1, 1000));
        with_pool!(self, |pool, dialect| {
            let total: i64 = bind_filter!(sqlx::query(&count_sql))
                .fetch_one(pool)
                .await?
                .try_get("n")?;
            let rows = bind_filter!(sqlx::query(&rows_sql))
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await?;
            let mut hits = Vec::with_capacity(rows.len());
            for row in &rows {
                hits.push(hit_from_row!(row));
            }
            Ok((hits, total))
        })
    }

    /// Cases matching `query`, newest first: each job with its case, current draft and
    /// final record (if any). The text matches a record number (`42`, `0042/2026`) or
    /// any words of the draft or the frozen record (names, sections, places). With a
    /// `station`, only that station's cases.
    pub async fn search_records(
        &self,
        query: &RecordQuery,
        station: Option<&str>,
    ) -> Result<Vec<RecordHit>, StoreError> {
        let text = query
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        // A number ("42", "0042/2026") finds that record and cases citing that section
        // ("303" finds 303 and 303(2)); other text matches any words of the draft.
        let number = text.and_then(parse_record_number);
        let (pattern, pattern_sub) = text_patterns(text, number);
        let state = query.state.map(JobState::as_str);
        let limit = query.limit.unwrap_or(200).clamp(1, 1000);
        let sql = format!(
            "SELECT {HIT_COLUMNS} FROM {HIT_TABLES} \
                   WHERE (? IS NULL OR c.station_code = ?) AND (? IS NULL OR j.state = ?) \
                   AND (? IS NULL OR j.created_at >= ?) AND (? IS NULL OR j.created_at < ?) \
                   AND (? IS NULL OR d.content LIKE ? ESCAPE '!' OR d.content LIKE ? ESCAPE '!' \
                        OR (f.fir_no = ? AND (? IS NULL OR f.year = ?))) \
                   ORDER BY j.id DESC LIMIT ?"
        );
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(&sql)
                .bind(station)
                .bind(station)
                .bind(state)
                .bind(state)
                .bind(query.from_ms)
                .bind(query.from_ms)
                .bind(query.to_ms)
                .bind(query.to_ms)
                .bind(pattern.as_deref())
                .bind(pattern.as_deref())
                .bind(pattern_sub.as_deref())
                .bind(number.map(|(n, _)| n))
                .bind(number.and_then(|(_, y)| y))
                .bind(number.and_then(|(_, y)| y))
                .bind(limit)
                .fetch_all(pool)
                .await?;
            let mut hits = Vec::with_capacity(rows.len());
            for row in &rows {
                hits.push(hit_from_row!(row));
            }
            Ok(hits)
        })
    }
}
