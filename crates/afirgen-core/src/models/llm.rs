//! OpenAI-compatible chat completions with a JSON-schema `response_format`.
//!
//! The answer is parsed into the caller's type (which mirrors the schema, unknown fields
//! refused) and checked by the caller's validator. A bad answer is asked for once more;
//! after that the call fails with the raw answer kept for review.

use super::{CallError, ModelClient, ModelError, Role};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

/// Tries per question when the answer does not fit the schema (the first included).
const ANSWER_TRIES: u32 = 2;

/// One structured question to the LLM.
#[derive(Debug, Clone)]
pub struct JsonRequest<'a> {
    /// Schema name, sent as `json_schema.name` (also how the mock server recognises it).
    pub schema_name: &'a str,
    /// The JSON schema the answer must follow.
    pub schema: &'a Value,
    /// The system prompt.
    pub system: &'a str,
    /// The user message.
    pub user: &'a str,
    /// Upper bound of generated tokens.
    pub max_tokens: u32,
}

/// A usable answer.
#[derive(Debug, Clone)]
pub struct JsonAnswer<T> {
    /// The parsed, validated value.
    pub value: T,
    /// The raw text the model produced.
    pub raw: String,
    /// Questions asked (2 if the first answer was bad).
    pub tries: u32,
}

#[derive(Deserialize)]
struct ChatResponse {
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    message: Message,
    /// "length" when the answer ran into `max_tokens`.
    #[serde(default)]
    finish_reason: Option<String>,
}

/// An answer's text, and whether it was cut off at its token limit.
struct Completion {
    text: String,
    cut_off: bool,
}

#[derive(Deserialize)]
struct Message {
    content: Option<String>,
}

impl ModelClient {
    /// Asks the LLM a question whose answer must follow `request.schema`.
    ///
    /// `validate` checks what the type cannot express (e.g. a date that exists); its
    /// error text says what is wrong.
    pub async fn chat_json<T, V>(
        &self,
        request: &JsonRequest<'_>,
        validate: V,
    ) -> Result<JsonAnswer<T>, ModelError>
    where
        T: DeserializeOwned,
        V: Fn(&T) -> Result<(), String>,
    {
        let model = self.role(Role::Llm).1.model.clone();
        let body = json!({
            "model": model,
            "temperature": 0,
            "max_tokens": request.max_tokens,
            "messages": [
                {"role": "system", "content": request.system},
                {"role": "user", "content": request.user},
            ],
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": request.schema_name, "strict": true, "schema": request.schema},
            },
        });
        let mut last_reason = String::new();
        let mut last_raw = String::new();
        let mut body = body;
        for tries in 1..=ANSWER_TRIES {
            if tries > 1 {
                // A greedy decoder would give the same bad answer again.
                body["temperature"] = json!(0.4);
            }
            let Completion { text: raw, cut_off } = self
                .call(Role::Llm, |http, base| send_chat(http, base, &body))
                .await?;
            match parse_answer::<T>(&raw).and_then(|value| validate(&value).map(|()| value)) {
                Ok(value) => return Ok(JsonAnswer { value, raw, tries }),
                Err(reason) => {
                    tracing::warn!(schema = request.schema_name, tries, cut_off, %reason, "LLM answer does not fit the schema");
                    last_reason = reason;
                    last_raw = raw;
                }
            }
            if cut_off {
                // A model that filled its whole token budget without closing the answer
                // rambles: on the ten sample complaints (2026-12-05) the retries of such
                // answers ran to the limit again or came back filled with text the
                // statement does not hold, at twice the cost. The rules read the
                // statement instead.
                return Err(ModelError::BadAnswer {
                    role: Role::Llm,
                    attempts: tries,
                    reason: format!(
                        "the answer ran past its {}-token limit without finishing ({last_reason}); not asked again",
                        request.max_tokens
                    ),
                    raw: last_raw,
                });
            }
        }
        Err(ModelError::BadAnswer {
            role: Role::Llm,
            attempts: ANSWER_TRIES,
            reason: last_reason,
            raw: last_raw,
        })
    }
}

async fn send_chat(
    http: reqwest::Client,
    base: String,
    body: &Value,
) -> Result<Completion, CallError> {
    let text = super::response_text(
        http.post(format!("{base}/v1/chat/completions"))
            .json(body)
            .send()
            .await,
    )
    .await?;
    completion(&text).map_err(CallError::unreadable)
}

/// The assistant's text in the body of an OpenAI chat completion (empty when the
/// server sent no content); an error naming what the body was instead.
pub fn completion_text(body: &str) -> Result<String, String> {
    completion(body).map(|c| c.text)
}

fn completion(body: &str) -> Result<Completion, String> {
    let parsed: ChatResponse = serde_json::from_str(body).map_err(|err| {
        // Not the body itself: it may quote the complaint, and this text is logged.
        format!(
            "not an OpenAI chat completion ({})",
            super::describe_json_error(&err, body)
        )
    })?;
    let choice = parsed.choices.into_iter().next();
    let cut_off = choice
        .as_ref()
        .is_some_and(|c| c.finish_reason.as_deref() == Some("length"));
    Ok(Completion {
        text: choice
            .and_then(|choice| choice.message.content)
            .unwrap_or_default(),
        cut_off,
    })
}

/// Parses the model's text as the expected JSON, tolerating a Markdown code fence.
pub fn parse_answer<T: DeserializeOwned>(raw: &str) -> Result<T, String> {
    let trimmed = raw.trim();
    let unfenced = trimmed
        .strip_prefix("```json")
        .or_else(|| trimmed.strip_prefix("```"))
        .and_then(|rest| rest.strip_suffix("```"))
        .unwrap_or(trimmed);
    if unfenced.is_empty() {
        return Err("the answer is empty".to_owned());
    }
    serde_json::from_str(unfenced).map_err(|err| {
        format!(
            "the answer does not fit the schema: {}",
            without_quoted_text(&err.to_string())
        )
    })
}

/// serde's message with every double-quoted value replaced by `"…"`: the values come
/// from the model's answer, which may quote the complaint, and these messages are
/// logged. Field names (in backticks) stay.
fn without_quoted_text(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        match (c, inside) {
            ('"', false) => {
                out.push_str("\"…");
                inside = true;
            }
            ('"', true) => {
                out.push('"');
                inside = false;
            }
            (_, true) => {}
            (c, false) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Answer {
        summary: String,
    }

    #[test]
    fn parses_plain_and_fenced_answers() {
        let a: Answer = parse_answer(r#"{"summary":"चोरी"}"#).unwrap();
        assert_eq!(a.summary, "चोरी");
        let b: Answer = parse_answer("```json\n{\"summary\":\"x\"}\n```").unwrap();
        assert_eq!(b.summary, "x");
        assert!(parse_answer::<Answer>("").unwrap_err().contains("empty"));
        assert!(parse_answer::<Answer>("{\"summary\":1}").is_err());
        assert!(parse_answer::<Answer>("{\"summary\":\"x\",\"extra\":1}").is_err());
        assert!(parse_answer::<Answer>("not json {").is_err());
    }

    #[test]
    fn errors_never_quote_the_answer() {
        let err = parse_answer::<Answer>(r#"{"summary": 7, "extra": "मेरा फ़ोन चोरी"}"#).unwrap_err();
        assert!(!err.contains("मेरा"), "{err}");
        let err = parse_answer::<Vec<u32>>(r#"["मेरा फ़ोन चोरी हो गया"]"#).unwrap_err();
        assert!(err.contains("invalid type: string \"…\""), "{err}");
        assert!(!err.contains("मेरा"), "{err}");
        let err = completion_text(r#"{"choices": [{"message": {"content": 5, "x": "मेरा"}}]}"#)
            .unwrap_err();
        assert!(
            err.starts_with("not an OpenAI chat completion (JSON of another shape"),
            "{err}"
        );
        assert!(!err.contains("मेरा"), "{err}");
        assert_eq!(
            completion_text(r#"{"choices": [{"message": {"content": "ठीक"}}]}"#).unwrap(),
            "ठीक"
        );
    }
}
