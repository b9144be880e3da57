//! `afirgen eval facts`: the model's answers kept and replayed.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn fact_evaluation_keeps_the_models_answers_and_replays_them() {
    let server = mock(MockConfig::default()).await;
    let env = Env::new(&server.url());
    let cases = env.file(
        "facts.jsonl",
        "{\"id\":\"a\",\"lang\":\"en\",\"text\":\"My name is Ramesh Kumar, son of Suresh Kumar, aged 34. My phone number is 98100 12345.\",\"expected\":{\"complainant.name\":\"Ramesh Kumar\",\"complainant.age\":34}}\n\
         {\"id\":\"b\",\"lang\":\"hi\",\"text\":\"मेरा नाम सुनीता देवी है, उम्र 41 वर्ष।\",\"expected\":{\"complainant.name\":\"सुनीता देवी\",\"complainant.age\":41}}\n"
            .as_bytes(),
    );
    let kept = env.dir.path().join("answers.jsonl");
    let output = env.run(&[
        "eval",
        "facts",
        arg(&cases),
        "--json",
        "--save-answers",
        arg(&kept),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let asked: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(asked["pipeline"]["overall"], 1.0, "{asked:#}");
    assert!(asked["model"].is_object() && asked["pipeline_fill"].is_object());
    let lines = std::fs::read_to_string(&kept).unwrap();
    assert_eq!(lines.lines().count(), 2, "{lines}");

    // Replayed where no model server answers: the same figures.
    let offline = Env::new("http://127.0.0.1:9");
    let output = offline.run(&[
        "eval",
        "facts",
        arg(&cases),
        "--json",
        "--answers",
        arg(&kept),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let replayed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for key in ["model", "rules", "pipeline", "pipeline_fill"] {
        assert_eq!(replayed[key], asked[key], "{key}");
    }

    // Answers that do not cover the cases are refused by name.
    let partial = env.file(
        "partial.jsonl",
        lines.lines().next().unwrap_or("").as_bytes(),
    );
    let output = env.run(&["eval", "facts", arg(&cases), "--answers", arg(&partial)]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("case b"),
        "{}",
        text(&output.stderr)
    );
}
