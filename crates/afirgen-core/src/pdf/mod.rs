//! The FIR PDF, rendered in Rust with typst from a finalized record: IIF-1 layout on
//! A4, every item printed, Indic text shaped, fonts embedded (DejaVu Sans and Noto
//! Sans Devanagari ship inside the binary), page x of y and the seal in the footer.

use crate::store::{FinalRecord, RecordKind};
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

const TEMPLATE: &str = include_str!("fir.typ");

const FONTS: [&[u8]; 4] = [
    include_bytes!("../../fonts/DejaVuSans.ttf"),
    include_bytes!("../../fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansDevanagari-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansDevanagari-Bold.ttf"),
];

/// Rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The template could not be laid out (a bug, or content typst rejects).
    #[error("the FIR could not be laid out: {0}")]
    Layout(String),
    /// The PDF could not be written.
    #[error("the PDF could not be written: {0}")]
    Export(String),
}

/// Fonts and the standard library, built once.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONTS
            .iter()
            .filter_map(|data| Font::new(Bytes::new(*data), 0))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

fn file_id(path: &str) -> FileId {
    // Both paths are constants of this module; they are valid virtual paths.
    let vpath = VirtualPath::new(path).expect("a valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One FIR being rendered: the template as the main file, the record as data.json.
struct FirWorld {
    main: Source,
    data: Bytes,
    today: Option<Datetime>,
}

impl World for FirWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == file_id("data.json") {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

/// The seal written into a PDF's metadata by [`render`], if the bytes carry one.
pub fn seal_in(pdf: &[u8]) -> Option<String> {
    const MARK: &[u8] = b"afirgen-seal:";
    let at = pdf.windows(MARK.len()).position(|w| w == MARK)? + MARK.len();
    let hex = pdf.get(at..at + 64)?;
    hex.iter()
        .all(u8::is_ascii_hexdigit)
        .then(|| String::from_utf8_lossy(hex).into_owned())
}

/// A time as the form prints it: 27-11-2026 03:35 IST (another offset is named).
fn station_time(t: chrono::DateTime<chrono::FixedOffset>) -> String {
    if t.offset().local_minus_utc() == 330 * 60 {
        t.format("%d-%m-%Y %H:%M IST").to_string()
    } else {
        t.format("%d-%m-%Y %H:%M (UTC%:z)").to_string()
    }
}

/// What the QR code on a printed copy says: `AFIRGEN1|station|kind|number|seal`, enough
/// for `afirgen fir verify --code` (or a desk) to find the record and check its seal
/// from a photo of the paper.
pub fn paper_code(record: &FinalRecord) -> String {
    format!(
        "AFIRGEN1|{}|{}|{}|{}",
        record.station_code,
        record.kind.as_str().to_uppercase(),
        record.display_number,
        record.seal
    )
}

/// A paper code's parts: (station, kind, number, seal); None if it is not one.
pub fn parse_paper_code(code: &str) -> Option<(String, String, String, String)> {
    let mut parts = code.trim().split('|');
    if parts.next()? != "AFIRGEN1" {
        return None;
    }
    let station = parts.next()?.to_owned();
    let kind = parts.next()?.to_owned();
    let number = parts.next()?.to_owned();
    let seal = parts.next()?.to_owned();
    let well_formed =
        parts.next().is_none() && seal.len() == 64 && seal.bytes().all(|b| b.is_ascii_hexdigit());
    well_formed.then_some((station, kind, number, seal))
}

/// The QR code's modules, row by row (true = dark), with the standard four-module quiet
/// zone, medium error correction (a creased or stamped copy still reads).
fn qr_modules(text: &str) -> Result<Vec<Vec<bool>>, PdfError> {
    use qrcodegen::{QrCode, QrCodeEcc};
    let code = QrCode::encode_text(text, QrCodeEcc::Medium)
        .map_err(|e| PdfError::Layout(format!("the QR code cannot hold the record's code: {e}")))?;
    const QUIET: i32 = 4;
    let size = code.size();
    Ok((-QUIET..size + QUIET)
        .map(|y| {
            (-QUIET..size + QUIET)
                .map(|x| code.get_module(x, y))
                .collect()
        })
        .collect())
}

/// Renders a finalized record as a PDF.
pub fn render(record: &FinalRecord) -> Result<Vec<u8>, PdfError> {
    let (kind_label, kind_label_hi, kind_short, kind_short_hi) = match record.kind {
        RecordKind::Fir => (
            "First Information Report",
            "प्रथम सूचना रिपोर्ट",
            "FIR",
            "प्र.सू.रि.",
        ),
        RecordKind::Ncr => ("Non-Cognizable Report", "असंज्ञेय रिपोर्ट", "NCR", "अ.रि."),
    };
    let registered_at = record.content["header"]["fir_datetime"]
        .as_str()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(station_time)
        .unwrap_or_default();
    let data = serde_json::json!({
        "content": record.content,
        "number": record.display_number,
        "kind_label": kind_label,
        "kind_label_hi": kind_label_hi,
        "kind_short": kind_short,
        "kind_short_hi": kind_short_hi,
        "seal": record.seal,
        "registered_at": registered_at,
        "qr": qr_modules(&paper_code(record))?,
    });
    let world = FirWorld {
        main: Source::new(file_id("fir.typ"), TEMPLATE.to_owned()),
        data: Bytes::new(serde_json::to_vec(&data).map_err(|e| PdfError::Layout(e.to_string()))?),
        today: None,
    };
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| {
            PdfError::Layout(
                errors
                    .iter()
                    .map(|e| e.message.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
    let pdf = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        PdfError::Export(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    });
    // Typst memoizes in a process-wide cache that only shrinks when asked: without this
    // the station server's peak memory rose from 75 to 333 MiB over 200 FIRs (83 MiB with
    // it). Results unused for the last few renders go; fonts and the template stay warm.
    comemo::evict(EVICT_AFTER_RENDERS);
    pdf
}

/// Renders at once off the async runtime: each holds a blocking thread and a document's
/// layout, and a station's other requests must not wait behind a burst of exports.
static RENDERS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Renders a finalized record as a PDF on the blocking pool, at most two at a time.
pub async fn render_off_thread(record: FinalRecord) -> Result<Vec<u8>, PdfError> {
    let _permit = RENDERS
        .acquire()
        .await
        .map_err(|err| PdfError::Export(err.to_string()))?;
    tokio::task::spawn_blocking(move || render(&record))
        .await
        .map_err(|err| PdfError::Export(format!("rendering stopped: {err}")))?
}

/// Renders a memoized result may go unused before the cache drops it.
const EVICT_AFTER_RENDERS: usize = 8;
