//! `afirgen fir`: the PDF and verification of its seal, file and printed code.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn fir_pdf_and_seal_verification() {
    let server = mock(MockConfig::default()).await;
    let env = Env::new(&server.url());
    let input = env.file("c.txt", HINDI.as_bytes());
    let pdf = env.dir.path().join("fir.pdf");
    let output = env.run(&[
        "generate",
        "--text",
        arg(&input),
        "--auto-approve",
        "--out",
        arg(&pdf),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let year = chrono::Utc::now().format("%Y").to_string();
    let number = format!("0001/{year}");

    let output = env.run(&["fir", "verify", arg(&pdf)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).starts_with(&format!("intact: FIR {number}")),
        "{}",
        text(&output.stdout)
    );
    // Every way a desk takes the number: as printed, N-YYYY, and N for this year.
    for written in [number.clone(), format!("1-{year}"), "1".to_owned()] {
        let output = env.run(&["fir", "verify", &written]);
        assert!(
            output.status.success(),
            "{written}: {}",
            text(&output.stdout)
        );
    }
    let output = env.run(&["fir", "verify", "FIR one"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("neither a PDF file here nor a record number"),
        "{}",
        text(&output.stderr)
    );
    let again = env.dir.path().join("again.pdf");
    assert!(env
        .run(&["fir", "pdf", "1", "--out", arg(&again)])
        .status
        .success());

    // A forger renders their own PDF with the genuine seal printed in it: the file is
    // checked, not only the seal it carries.
    let url = format!(
        "sqlite://{}",
        env.dir.path().join("data/afirgen.db").display()
    );
    let store = afirgen_core::store::Store::connect(&url, 1).await.unwrap();
    let mut forged = store.final_record(1).await.unwrap().unwrap();
    store.close().await;
    forged.content["accused"] =
        serde_json::json!([{"name": "A DIFFERENT PERSON", "particulars": null, "address": null}]);
    let forged_pdf = env.dir.path().join("forged.pdf");
    std::fs::write(&forged_pdf, afirgen_core::pdf::render(&forged).unwrap()).unwrap();
    let output = env.run(&["fir", "verify", arg(&forged_pdf)]);
    assert!(!output.status.success(), "{}", text(&output.stdout));
    let report = text(&output.stdout);
    assert!(
        report.starts_with(&format!("NOT INTACT: FIR {number}")),
        "{report}"
    );
    assert!(report.contains("not a copy the station issued"), "{report}");
    assert!(
        report.contains("- ") && report.contains("A DIFFERENT PERSON"),
        "{report}"
    );
    // The copy `fir pdf` wrote is one the station issued.
    let output = env.run(&["fir", "verify", arg(&again)]);
    assert!(output.status.success(), "{}", text(&output.stdout));
    let output = env.run(&["audit", "verify"]);
    assert!(output.status.success(), "{}", text(&output.stdout));

    // A paper copy: its QR code, read from the page image as from a photo, checks out;
    // the same code naming another number does not.
    let page = env.dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&again)
        .arg(&page)
        .status()
        .unwrap();
    assert!(status.success());
    let scanned = Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(page.with_extension("png"))
        .output()
        .expect("zbarimg (zbar-tools) runs");
    let code = text(&scanned.stdout).trim().to_owned();
    assert!(code.starts_with("AFIRGEN1|PS001|FIR|"), "{code}");
    let output = env.run(&["fir", "verify", &code]);
    assert!(output.status.success(), "{}", text(&output.stdout));
    let report = text(&output.stdout);
    assert!(
        report.starts_with(&format!("intact: FIR {number}"))
            && report.contains("only the printed code was checked"),
        "{report}"
    );
    let altered = code.replace(&number, &format!("0002/{year}"));
    let output = env.run(&["fir", "verify", &altered]);
    assert!(!output.status.success());
    assert!(
        text(&output.stdout).contains(&format!("the code names FIR 0002/{year}")),
        "{}",
        text(&output.stdout)
    );

    // Someone edits the stored record behind AFIRGen's back: the seal says so.
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query("UPDATE fir_records SET content = replace(content, 'सुनीता', 'अनीता')")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let output = env.run(&["fir", "verify", &number]);
    assert!(!output.status.success());
    assert!(
        text(&output.stdout).starts_with(&format!("NOT INTACT: FIR {number}")),
        "{}",
        text(&output.stdout)
    );

    let output = env.run(&["fir", "verify", arg(&input)]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("carries no AFIRGen seal"),
        "{}",
        text(&output.stderr)
    );
}
