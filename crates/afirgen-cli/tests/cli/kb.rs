//! `afirgen kb`: search, import and evaluation of the legal knowledge base.

use super::*;

#[test]
fn kb_search_and_import() {
    let env = Env::new("http://unused");
    let output = env.run(&[
        "kb",
        "search",
        "chain snatched by two men on a motorcycle",
        "--json",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let hits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits[0]["section"], "304(2)");
    assert_eq!(hits[0]["title"], "Snatching");
    assert!(hits[0]["score"].as_f64().unwrap() > hits[1]["score"].as_f64().unwrap());
    let output = env.run(&["kb", "search", "मोटरसाइकिल चोरी", "--limit", "3", "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 3);
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h["section"] == "303(2)"),
        "{hits}"
    );

    // A bad row stops the whole import and is named with its line.
    let bad = env.file(
        "bad.csv",
        "act,section,title,punishment,cognizable,bailable,triable_by,description,keywords\n\
         Gambling Act,3,Keeping a common gaming house,Imprisonment up to 3 months,true,true,Any Magistrate,Running a gambling den,gambling;juaa;जुआ\n\
         Gambling Act,4,,Fine,maybe,true,Any Magistrate,Being found gaming,gaming\n"
            .as_bytes(),
    );
    let output = env.run(&["kb", "import", arg(&bad)]);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("line 3: cognizable must be true or false"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    let output = env.run(&["kb", "search", "gambling den", "--limit", "1", "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_ne!(hits[0]["section"], "Gambling Act 3");

    // A good file (with its source and a conditional Schedule row, as the built-in
    // entries carry them) is imported and searched with the built-in entries.
    let good = env.file(
        "good.jsonl",
        "{\"act\":\"Gambling Act\",\"section\":\"3\",\"title\":\"Keeping a common gaming house\",\"punishment\":\"Imprisonment up to 3 months, or fine up to 200 rupees\",\"cognizable\":true,\"bailable\":true,\"triable_by\":\"Any Magistrate\",\"description\":\"Running or keeping a house or place used for gambling with cards or dice.\",\"keywords\":[\"gambling den\",\"juaa\",\"जुआ\",\"जुआघर\"],\"source\":\"the State's Public Gambling Act, s. 3\",\"conditions\":[{\"when\":\"it is a second or subsequent conviction\",\"punishment\":\"Imprisonment up to 6 months\",\"cognizable\":true,\"bailable\":true,\"triable_by\":\"Any Magistrate\"}]}\n"
            .as_bytes(),
    );
    let output = env.run(&["kb", "import", arg(&good)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("imported 1 entries"));
    let output = env.run(&["kb", "search", "जुआघर चल रहा है", "--limit", "1", "--json"]);
    let hits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits[0]["section"], "Gambling Act 3", "{hits}");
}

#[test]
fn kb_eval_reports_recall_and_cognizable_accuracy() {
    let env = Env::new("http://unused");
    let cases = env.file(
        "cases.jsonl",
        "{\"id\":\"a\",\"text\":\"Two men on a motorcycle snatched my gold chain.\",\"expected_bns\":[\"304\"],\"cognizable\":true,\"schedule\":{\"304\":{\"bailable\":false,\"court\":\"Any Magistrate\"}}}\n\
         {\"id\":\"b\",\"text\":\"My neighbour abused me in filthy language to provoke me.\",\"expected_bns\":[\"352\"],\"cognizable\":false,\"schedule\":{\"352\":{\"bailable\":false,\"court\":\"Any Magistrate\"}}}\n"
            .as_bytes(),
    );
    let output = env.run(&["kb", "eval", arg(&cases), "--json"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["retrieval"]["recall_at_5"], 1.0);
    assert_eq!(report["retrieval"]["cognizable_accuracy"], 1.0);
    // Of the first three shown for each case, the share expected: here the one
    // expected section of each case among at most six shown.
    let shown: usize = report["retrieval"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[2].as_array().unwrap().len().min(3))
        .sum();
    let precision = report["retrieval"]["precision_at_3"].as_f64().unwrap();
    assert!(
        (precision - 2.0 / shown as f64).abs() < 1e-9,
        "{precision} of {shown}"
    );
    assert_eq!(report["retrieval_llm"], serde_json::Value::Null);
    // The drafts' classification from item 2 as cited: the insult's draft cites no
    // cognizable stray, so both are classified right.
    assert_eq!(report["retrieval"]["cited"]["cognizable_accuracy"], 1.0);
    // Bail and court of the found sections against the file's rows: 304(2) is
    // non-bailable and 352 bailable (the second row above is wrong on purpose), both
    // tried by any Magistrate.
    assert_eq!(report["retrieval"]["classified"], 2);
    assert_eq!(report["retrieval"]["bail_accuracy"], 0.5);
    assert_eq!(report["retrieval"]["court_accuracy"], 1.0);
    let misses = report["retrieval"]["schedule_misses"].as_array().unwrap();
    assert_eq!(misses.len(), 1, "{misses:?}");
    assert_eq!(misses[0][0], "b");
    assert_eq!(misses[0][1], "352");
    let output = env.run(&["kb", "eval", arg(&cases)]);
    let printed = text(&output.stdout);
    assert!(
        printed.contains("bail 0.500   court 1.000 (of 2 sections)"),
        "{printed}"
    );
    assert!(printed.contains("row differs: b 352"), "{printed}");
    assert!(printed.contains("classified right 1.000"), "{printed}");
}

#[tokio::test(flavor = "multi_thread")]
async fn kb_eval_compares_words_alone_with_words_and_meaning() {
    let server = mock(MockConfig::default()).await;
    let env = Env::new(&server.url());
    let cases = env.file(
        "cases.jsonl",
        "{\"id\":\"a\",\"text\":\"Two men on a motorcycle snatched my gold chain.\",\"expected_bns\":[\"304\"],\"cognizable\":true}\n"
            .as_bytes(),
    );
    // Without an embedding server, --embed says what to do.
    let output = env.run(&["kb", "eval", arg(&cases), "--embed"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("--embed needs an embedding server"),
        "{}",
        text(&output.stderr)
    );
    let output = env
        .command()
        .env("AFIRGEN_EMBED_URL", server.url())
        .args(["kb", "eval", arg(&cases), "--embed", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["retrieval"]["cases"], 1);
    assert_eq!(report["retrieval_meaning"]["cases"], 1);
    assert_eq!(report["retrieval_meaning"]["recall_at_5"], 1.0, "{report}");
    assert_eq!(report["retrieval_llm"], serde_json::Value::Null);
    // The catalogue's passages (each entry's own and its examples) in batches, then the
    // one statement.
    let asked = server.stats().by_schema["embeddings"];
    let passages: usize = afirgen_core::legal::Catalogue::builtin()
        .entries()
        .iter()
        .map(|e| 1 + e.examples.len())
        .sum();
    assert_eq!(asked, passages.div_ceil(16) as u64 + 1, "{asked} requests");
}
