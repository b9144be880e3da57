//! Scans: PDF pages, a sideways page.

use super::*;

/// A PDF made only of page images (what a scanner writes): each JPEG drawn full-page,
/// no text layer.
fn scanned_pdf(path: &Path, jpegs: &[PathBuf]) {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let n = jpegs.len();
    // 1: catalog, 2: pages, then per page: page, content, image.
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + i * 3)).collect();
    objects.push(format!("<< /Type /Pages /Count {n} /Kids [{}] >>", kids.join(" ")).into_bytes());
    for (i, jpeg) in jpegs.iter().enumerate() {
        let data = std::fs::read(jpeg).unwrap();
        let size = text(
            &run_ok(
                Command::new("identify")
                    .args(["-format", "%w %h"])
                    .arg(jpeg),
            )
            .stdout,
        );
        let (w, h) = size.trim().split_once(' ').unwrap();
        let (content, image) = (4 + i * 3, 5 + i * 3);
        // A4 width at 72 points per inch; the height keeps the image's proportions.
        let (wf, hf): (f64, f64) = (w.parse().unwrap(), h.parse().unwrap());
        let height = (595.0 * hf / wf).round();
        objects.push(
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 {height}] /Resources << /XObject << /Im{i} {image} 0 R >> >> /Contents {content} 0 R >>")
                .into_bytes(),
        );
        let draw = format!("q 595 0 0 {height} 0 0 cm /Im{i} Do Q");
        objects
            .push(format!("<< /Length {} >>\nstream\n{draw}\nendstream", draw.len()).into_bytes());
        let mut image_object = format!(
            "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
            data.len()
        )
        .into_bytes();
        image_object.extend_from_slice(&data);
        image_object.extend_from_slice(b"\nendstream");
        objects.push(image_object);
    }
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(object);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    std::fs::write(path, pdf).unwrap();
}

#[test]
#[ignore = "real-model tier: needs scripts/models.sh; scripts/test.sh runs it"]
fn pdf_scans_and_a_sideways_page_are_read() {
    use afirgen_core::media::MediaType;
    use afirgen_core::ocr::Ocr;
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("page1.png");
    scan(
        &first,
        "Page one. My scooter was stolen from the parking lot of the cinema hall on Friday night.",
        "DejaVu Sans",
    );
    let second = dir.path().join("page2.png");
    scan(
        &second,
        "Page two. The scooter is blue and its registration number is written on the receipt.",
        "DejaVu Sans",
    );
    let convert = if Path::new("/usr/bin/convert").exists() {
        "/usr/bin/convert"
    } else {
        "convert"
    };
    let jpegs: Vec<PathBuf> = [&first, &second]
        .iter()
        .map(|png| {
            let jpeg = png.with_extension("jpg");
            run_ok(
                Command::new(convert)
                    .arg(png)
                    .args(["-quality", "85"])
                    .arg(&jpeg),
            );
            jpeg
        })
        .collect();
    let pdf = dir.path().join("scan.pdf");
    scanned_pdf(&pdf, &jpegs);
    let sideways = dir.path().join("sideways.png");
    run_ok(
        Command::new(convert)
            .arg(&first)
            .args(["-rotate", "90"])
            .arg(&sideways),
    );

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let config = afirgen_core::Config::default();
    let ocr = Ocr::new(&config.ocr, config.input.max_image_pixels);
    let bytes = std::fs::read(&pdf).unwrap();
    let read = runtime
        .block_on(ocr.read("scan.pdf", &bytes, MediaType::Pdf))
        .unwrap();
    println!("PDF ({} pages, {}): {}", read.pages, read.source, read.text);
    assert_eq!(read.pages, 2);
    assert_eq!(
        read.source, "tesseract:eng+hin",
        "an image-only PDF is read by OCR"
    );
    let one = read.text.find("scooter was stolen").expect("page one read");
    let two = read
        .text
        .find("registration number")
        .expect("page two read");
    assert!(one < two, "pages in order");

    let turned = runtime
        .block_on(ocr.read(
            "sideways.png",
            &std::fs::read(&sideways).unwrap(),
            MediaType::Png,
        ))
        .unwrap();
    println!("sideways page: {}", turned.text);
    assert!(
        recall(
            &turned.text,
            &["scooter", "stolen", "parking", "cinema", "friday"]
        ) >= 0.8,
        "{}",
        turned.text
    );

    // A PDF with a real text layer is read from it, not by OCR.
    let typed = dir.path().join("typed.pdf");
    std::fs::write(
        dir.path().join("typed.txt"),
        "Typed complaint: my purse was snatched near the bus depot.",
    )
    .unwrap();
    run_ok(
        Command::new("pango-view")
            .args(["--font=DejaVu Sans 14", "-q", "-o"])
            .arg(&typed)
            .arg(dir.path().join("typed.txt")),
    );
    let read = runtime
        .block_on(ocr.read("typed.pdf", &std::fs::read(&typed).unwrap(), MediaType::Pdf))
        .unwrap();
    assert_eq!(read.source, "pdf-text");
    assert!(
        read.text
            .contains("my purse was snatched near the bus depot"),
        "{}",
        read.text
    );
}
