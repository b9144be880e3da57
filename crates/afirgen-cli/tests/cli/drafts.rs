//! `afirgen draft`: an officer's review, edits and approval from the command line.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn officer_reviews_and_approves_from_the_command_line() {
    let server = mock(MockConfig::default()).await;
    let env = Env::new(&server.url());
    let input = env.file(
        "c.txt",
        "Two men on a motorcycle snatched my gold chain near the market.".as_bytes(),
    );
    let output = env.run(&["generate", "--text", arg(&input)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = env.run(&[
        "draft",
        "edit",
        "1",
        "complainant.name=सुनीता देवी",
        "total_property_value_inr=120000",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let draft: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(draft["complainant"]["name"], "सुनीता देवी");
    assert_eq!(draft["total_property_value_inr"], 120000);
    let output = env.run(&["draft", "sections", "1", "304(2)", "IT Act 66D"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = env.run(&[
        "draft",
        "regenerate",
        "1",
        "facts",
        "--guidance",
        "the chain weighed 20 grams",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let draft: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        draft["complainant"]["name"], "सुनीता देवी",
        "kept through regeneration"
    );
    // The statement says neither when nor where, and the officer blanked State and
    // District: approval is refused with each named, exit 1, and nothing numbered.
    let output = env.run(&["draft", "edit", "1", "header.state=", "header.district="]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = env.run(&["draft", "approve", "1"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let refusal = text(&output.stderr);
    for item in [
        "State (item 1)",
        "District (item 1)",
        "Date of occurrence",
        "Place of occurrence (item 5)",
        "Action taken: one of the four (item 13)",
    ] {
        assert!(refusal.contains(item), "{item} named: {refusal}");
    }
    let output = env.run(&[
        "draft",
        "edit",
        "1",
        "header.state=Delhi",
        "header.district=Central",
        "occurrence.date_from=2026-11-25",
        "place.address=Lal Bagh market",
        "action_taken.action=transferred",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    // Transferred: to which station, the form must say.
    let output = env.run(&["draft", "approve", "1"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("Police station the case is transferred to (item 13)"),
        "{}",
        text(&output.stderr)
    );
    let output = env.run(&[
        "draft",
        "edit",
        "1",
        "action_taken.transferred_to=Hazratganj",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = env.run(&["draft", "approve", "1"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("FIR 0001/"),
        "{}",
        text(&output.stdout)
    );
    let output = env.run(&["draft", "edit", "1", "statement=changed"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("read-only"),
        "{}",
        text(&output.stderr)
    );
    let audit = text(&env.run(&["draft", "audit", "1"]).stdout);
    for action in [
        "case.submitted",
        "draft.generated",
        "draft.edited",
        "draft.sections",
        "draft.regenerated",
        "fir.finalized",
    ] {
        assert!(audit.contains(action), "{action} missing from:\n{audit}");
    }
    assert!(
        audit.contains("complainant.name: (empty) -> सुनीता देवी"),
        "{audit}"
    );
    assert!(audit.contains("test-officer"), "{audit}");
}
