//! Optical character recognition with Tesseract (a local engine, run as a process).
//!
//! Images are decoded and prepared in Rust (orientation, greyscale, size), turned upright
//! using Tesseract's orientation detection, and read with the configured languages
//! (default `eng+hin`). PDF pages come from their text layer when they have one, else
//! they are rasterised with pdftoppm and read like images.

use crate::config::OcrConfig;
use crate::media::{self, MediaType, Rejection};
use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;
use tokio::sync::{OnceCell, Semaphore};

/// Most pages read from one PDF.
const MAX_PDF_PAGES: usize = 100;

/// An OCR failure.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    /// The file itself is unusable.
    #[error(transparent)]
    Input(#[from] Rejection),
    /// The OCR tools are missing or misconfigured.
    #[error("{0}")]
    Setup(String),
    /// A tool failed on this file.
    #[error("{0}")]
    Failed(String),
}

/// Text read from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrText {
    /// The text, pages separated by blank lines.
    pub text: String,
    /// Pages read.
    pub pages: usize,
    /// How it was read, e.g. `tesseract:eng+hin` or `pdf-text`.
    pub source: String,
}

/// The OCR engine. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Ocr {
    config: OcrConfig,
    max_pixels: u64,
    permits: Arc<Semaphore>,
    checked: Arc<OnceCell<Result<(), String>>>,
}

impl Ocr {
    /// An engine with the given settings; at most `config.max_parallel` pages at once.
    pub fn new(config: &OcrConfig, max_pixels: u64) -> Self {
        Ocr {
            config: config.clone(),
            max_pixels,
            permits: Arc::new(Semaphore::new(config.max_parallel.max(1))),
            checked: Arc::new(OnceCell::new()),
        }
    }

    /// Checks once that Tesseract runs and has every configured language.
    pub async fn check_setup(&self) -> Result<(), OcrError> {
        let result = self
            .checked
            .get_or_init(|| async {
                let output = Command::new(&self.config.tesseract)
                    .arg("--list-langs")
                    .output()
                    .await
                    .map_err(|err| {
                        format!(
                            "Tesseract OCR cannot run ({}: {err}); install it (Debian: apt install tesseract-ocr tesseract-ocr-hin) or set [ocr] tesseract",
                            self.config.tesseract.display()
                        )
                    })?;
                let listed = String::from_utf8_lossy(&output.stdout);
                let installed: Vec<&str> = listed.lines().skip(1).map(str::trim).collect();
                let missing: Vec<&str> = self
                    .config
                    .languages
                    .split('+')
                    .filter(|lang| !installed.contains(lang))
                    .collect();
                if missing.is_empty() {
                    Ok(())
                } else {
                    Err(format!(
                        "Tesseract has no language data for {}: install {} (Debian) or change AFIRGEN_OCR_LANGS (now {})",
                        missing.join(", "),
                        missing.iter().map(|l| format!("tesseract-ocr-{l}")).collect::<Vec<_>>().join(" "),
                        self.config.languages
                    ))
                }
            })
            .await;
        result.clone().map_err(OcrError::Setup)
    }

    /// Reads the text of an image or PDF.
    pub async fn read(
        &self,
        name: &str,
        bytes: &[u8],
        media_type: MediaType,
    ) -> Result<OcrText, OcrError> {
        self.check_setup().await?;
        if media_type == MediaType::Pdf {
            return self.read_pdf(name, bytes).await;
        }
        let text = self.read_image(name, bytes.to_vec()).await?;
        Ok(OcrText {
            text,
            pages: 1,
            source: format!("tesseract:{}", self.config.languages),
        })
    }

    async fn read_image(&self, name: &str, bytes: Vec<u8>) -> Result<String, OcrError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| OcrError::Failed("OCR is shutting down".into()))?;
        let owned_name = name.to_owned();
        let max_pixels = self.max_pixels;
        let page = tokio::task::spawn_blocking(move || {
            media::image::prepare(&owned_name, &bytes, max_pixels)
        })
        .await
        .map_err(|err| OcrError::Failed(format!("image preparation stopped: {err}")))??;
        let png = media::image::to_png(&page);
        let page = match self.orientation(&png).await {
            Some(degrees) if degrees != 0 => {
                tracing::info!(%name, degrees, "turning the page upright before OCR");
                let turned = tokio::task::spawn_blocking(move || {
                    media::image::to_png(&media::image::rotate(page, degrees))
                })
                .await
                .map_err(|err| OcrError::Failed(err.to_string()))?;
                turned
            }
            _ => png,
        };
        let text = self
            .tesseract(
                &page,
                &[
                    "-l",
                    &self.config.languages,
                    "--psm",
                    "3",
                    "--dpi",
                    &self.config.dpi.to_string(),
                ],
            )
            .await
            .map_err(|err| OcrError::Failed(format!("Tesseract could not read {name}: {err}")))?;
        Ok(tidy(&text))
    }

    /// Degrees to turn the page clockwise, when Tesseract is confident about it.
    async fn orientation(&self, png: &[u8]) -> Option<u32> {
        let report = self
            .tesseract(png, &["--psm", "0", "-l", "osd"])
            .await
            .ok()?;
        let field = |key: &str| {
            report
                .lines()
                .find_map(|line| line.strip_prefix(key))
                .map(|v| v.trim().to_owned())
        };
        let rotate: u32 = field("Rotate:")?.parse().ok()?;
        let confidence: f32 = field("Orientation confidence:")?.parse().ok()?;
        (confidence >= 2.0).then_some(rotate)
    }

    async fn tesseract(&self, png: &[u8], args: &[&str]) -> Result<String, String> {
        let mut child = Command::new(&self.config.tesseract)
            .args(["stdin", "stdout"])
            .args(args)
            // Several pages run side by side; one thread each avoids oversubscription.
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|err| format!("cannot run {}: {err}", self.config.tesseract.display()))?;
        let mut stdin = child.stdin.take().ok_or("tesseract has no stdin")?;
        let input = png.to_vec();
        let feed = tokio::spawn(async move {
            let _ = stdin.write_all(&input).await;
        });
        let output = child
            .wait_with_output()
            .await
            .map_err(|err| err.to_string())?;
        let _ = feed.await;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
        }
        String::from_utf8(output.stdout)
            .map_err(|_| "Tesseract wrote text that is not UTF-8".to_owned())
    }

    async fn read_pdf(&self, name: &str, bytes: &[u8]) -> Result<OcrText, OcrError> {
        let dir = tempfile::tempdir()
            .map_err(|err| OcrError::Failed(format!("cannot make a temporary folder: {err}")))?;
        // The user's file name is never used as a path.
        let pdf = dir.path().join("input.pdf");
        tokio::fs::write(&pdf, bytes)
            .await
            .map_err(|err| OcrError::Failed(format!("cannot write a temporary file: {err}")))?;
        // Page sizes first: a tiny PDF can declare pages whose rasterisation would take
        // gigabytes (8000 pt pages are 33,000 pixels a side at 300 dpi).
        let pages = self.page_sizes(name, &pdf).await?;
        let dpi = f64::from(self.config.dpi);
        for (i, (width, height)) in pages.iter().enumerate() {
            let pixels = (width / 72.0 * dpi) * (height / 72.0 * dpi);
            if pixels > self.max_pixels as f64 {
                return Err(OcrError::Input(Rejection(format!(
                    "page {} of {name} is {:.0} × {:.0} pt ({:.0} × {:.0} cm): too large for a scanned page (at most {} megapixels at {} dpi); scan it again at paper size",
                    i + 1,
                    width,
                    height,
                    width / 72.0 * 2.54,
                    height / 72.0 * 2.54,
                    self.max_pixels / 1_000_000,
                    self.config.dpi
                ))));
            }
        }
        if let Some(text) = self.pdf_text_layer(name, &pdf).await? {
            return Ok(OcrText {
                pages: text.matches('\u{c}').count().max(1),
                text: tidy(&text),
                source: "pdf-text".to_owned(),
            });
        }
        let mut command = Command::new(&self.config.pdftoppm);
        command
            .args([
                "-r",
                &self.config.dpi.to_string(),
                "-gray",
                "-png",
                "-l",
                &MAX_PDF_PAGES.to_string(),
            ])
            .arg(&pdf)
            .arg(dir.path().join("page"));
        crate::process::run(command, POPPLER_LIMITS)
            .await
            .map_err(|err| poppler_failure(name, &self.config.pdftoppm, err))?;
        let mut pages: Vec<_> = std::fs::read_dir(dir.path())
            .map_err(|err| OcrError::Failed(err.to_string()))?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "png"))
            .collect();
        // pdftoppm numbers pages page-1, page-2 ... (zero-padded to equal width).
        pages.sort();
        if pages.is_empty() {
            return Err(OcrError::Input(Rejection(format!("{name} has no pages"))));
        }
        let reads = pages.iter().enumerate().map(|(i, page)| async move {
            let bytes = tokio::fs::read(page)
                .await
                .map_err(|err| OcrError::Failed(err.to_string()))?;
            self.read_image(&format!("{name} page {}", i + 1), bytes)
                .await
        });
        let texts = futures::future::try_join_all(reads).await?;
        Ok(OcrText {
            pages: texts.len(),
            text: texts.join("\n\n"),
            source: format!("tesseract:{}", self.config.languages),
        })
    }

    /// Each page's size in points (up to [`MAX_PDF_PAGES`]), from pdfinfo.
    async fn page_sizes(&self, name: &str, pdf: &Path) -> Result<Vec<(f64, f64)>, OcrError> {
        let program = self.config.pdftoppm.with_file_name("pdfinfo");
        let mut command = Command::new(&program);
        command
            .args(["-f", "1", "-l", &MAX_PDF_PAGES.to_string()])
            .arg(pdf);
        let output = crate::process::run(command, POPPLER_LIMITS)
            .await
            .map_err(|err| poppler_failure(name, &program, err))?;
        let pages = page_sizes(&String::from_utf8_lossy(&output));
        if pages.is_empty() {
            return Err(OcrError::Input(Rejection(format!("{name} has no pages"))));
        }
        Ok(pages)
    }

    /// The PDF's own text, if it has a real text layer (not a scan).
    async fn pdf_text_layer(&self, name: &str, pdf: &Path) -> Result<Option<String>, OcrError> {
        let program = self.config.pdftotext();
        let mut command = Command::new(&program);
        command
            .args(["-layout", "-l", &MAX_PDF_PAGES.to_string()])
            .arg(pdf)
            .arg("-");
        let output = match crate::process::run(command, TEXT_LIMITS).await {
            Ok(output) => output,
            Err(crate::process::RunError::Failed { .. }) => return Ok(None),
            Err(err) => return Err(poppler_failure(name, &program, err)),
        };
        let Ok(text) = String::from_utf8(output) else {
            return Ok(None);
        };
        let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
        Ok((letters >= 40).then_some(text))
    }
}

/// pdfinfo and pdftoppm on one upload: a scan of 100 pages rasterises in well under
/// this on two cores; a file that takes longer is refused, not waited for.
const POPPLER_LIMITS: crate::process::Limits = crate::process::Limits {
    time: std::time::Duration::from_secs(180),
    max_output: 1 << 20,
    max_memory: 2 << 30,
};

/// pdftotext: a complaint's text is a few pages; megabytes of it is not a complaint.
const TEXT_LIMITS: crate::process::Limits = crate::process::Limits {
    time: std::time::Duration::from_secs(60),
    max_output: 4 << 20,
    max_memory: 1 << 30,
};

/// A poppler run's failure as the job's error: the file's fault, or the station's.
fn poppler_failure(name: &str, program: &Path, err: crate::process::RunError) -> OcrError {
    use crate::process::RunError;
    match err {
        RunError::Spawn { .. } => OcrError::Setup(format!(
            "reading PDFs needs poppler-utils ({}: {err}); install it (Debian: apt install poppler-utils) or send the pages as images",
            program.display()
        )),
        RunError::Failed { stderr, .. } => {
            OcrError::Input(Rejection(format!("{name} is a damaged PDF: {stderr}")))
        }
        RunError::TimedOut { limit, .. } => OcrError::Input(Rejection(format!(
            "{name} took more than {} s to read and was given up: send the pages as images instead",
            limit.as_secs()
        ))),
        RunError::TooMuchOutput { limit, .. } => OcrError::Input(Rejection(format!(
            "{name} holds more than {} MB of text, far more than a complaint: send the pages that matter",
            limit >> 20
        ))),
        RunError::Io { .. } => OcrError::Failed(err.to_string()),
    }
}

/// The sizes in pdfinfo's report: "Page    1 size: 612 x 792 pts (letter)" per page
/// when asked for a range, else the one "Page size:" line.
fn page_sizes(report: &str) -> Vec<(f64, f64)> {
    report
        .lines()
        .filter(|line| line.starts_with("Page") && line.contains("size:"))
        .filter_map(|line| {
            let mut numbers = line
                .split_once("size:")?
                .1
                .split_whitespace()
                .filter_map(|word| word.parse::<f64>().ok());
            let (width, height) = (numbers.next()?, numbers.next()?);
            (width.is_finite() && height.is_finite()).then_some((width, height))
        })
        .collect()
}

/// The text of a PDF by pdftotext, bounded like an upload's; None if it cannot be had.
pub async fn pdf_text(config: &OcrConfig, bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let pdf = dir.path().join("file.pdf");
    tokio::fs::write(&pdf, bytes).await.ok()?;
    let mut command = Command::new(config.pdftotext());
    command
        .args(["-l", &MAX_PDF_PAGES.to_string()])
        .arg(&pdf)
        .arg("-");
    let output = crate::process::run(command, TEXT_LIMITS).await.ok()?;
    String::from_utf8(output).ok()
}

/// Trims trailing spaces, drops form feeds and runs of blank lines; keeps every character.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.replace('\u{c}', "\n").lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid PDF of `pages` empty pages of `size` points a side.
    fn pdf_of_pages(size: u32, pages: usize) -> Vec<u8> {
        let mut objects = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
            format!(
                "<< /Type /Pages /Kids [{}] /Count {pages} >>",
                (0..pages)
                    .map(|i| format!("{} 0 R", i + 3))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        ];
        for _ in 0..pages {
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size} {size}] >>"
            ));
        }
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    // Issue 16, finding 5: a 700-byte PDF of two 8000 pt pages held 2.1 GB for 85 s
    // while pdftoppm rasterised it. Its page size is read first now.
    #[tokio::test]
    async fn pages_too_large_for_a_scan_are_refused_before_rasterising() {
        let pdf = pdf_of_pages(8000, 2);
        assert!(pdf.len() < 1000);
        let ocr = Ocr::new(&OcrConfig::default(), 60_000_000);
        match ocr.read_pdf("huge.pdf", &pdf).await {
            Err(OcrError::Input(reason)) => assert!(
                reason
                    .0
                    .contains("page 1 of huge.pdf is 8000 × 8000 pt (282 × 282 cm): too large"),
                "{reason}"
            ),
            other => panic!("{other:?}"),
        }
        // A page of ordinary size passes the check.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a4.pdf");
        std::fs::write(&path, pdf_of_pages(595, 1)).unwrap();
        assert_eq!(
            ocr.page_sizes("a4.pdf", &path).await.unwrap(),
            vec![(595.0, 595.0)]
        );
    }

    #[test]
    fn page_sizes_are_read_from_pdfinfo() {
        let report = "Pages:           2\nPage    1 size: 612 x 792 pts (letter)\nPage    1 rot:  0\nPage    2 size: 8000 x 8000.5 pts\n";
        assert_eq!(page_sizes(report), vec![(612.0, 792.0), (8000.0, 8000.5)]);
        assert_eq!(
            page_sizes("Page size:       595.276 x 841.89 pts (A4)\n"),
            vec![(595.276, 841.89)]
        );
        assert!(page_sizes("Pages: 0\n").is_empty());
    }

    #[test]
    fn tidy_keeps_text_and_drops_noise() {
        assert_eq!(tidy("मेरा फ़ोन  \n\n\n\nचोरी हुआ\u{c}"), "मेरा फ़ोन\n\nचोरी हुआ");
    }
}
