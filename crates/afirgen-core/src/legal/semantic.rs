//! Finding sections by meaning as well as by words: with an embedding server, each
//! catalogue entry is embedded once per model, a statement's vector is compared with
//! them (cosine), and the two rankings — BM25 over words, cosine over meaning — are
//! fused by reciprocal rank (Cormack et al., 2009; k = 60 as published, not tuned).
//! Without one, or when it fails, retrieval is BM25 alone: the draft never waits on it.

use super::{Catalogue, Entry, Hit};
use crate::models::embed::EmbedKind;
use crate::models::{ModelClient, ModelError, Role};
use std::collections::HashMap;
use std::sync::Arc;

/// The reciprocal-rank constant.
const RRF_K: f32 = 60.0;
/// How deep each ranking is read before fusing.
const DEPTH: usize = 40;

/// Entry vectors per embedding model, filled on first use.
#[derive(Default)]
pub(super) struct VectorCache(tokio::sync::Mutex<HashMap<String, Arc<Vec<Vec<f32>>>>>);

/// What an entry is embedded as: its title, description and keywords.
fn passage(entry: &Entry) -> String {
    format!(
        "{}. {} {}",
        entry.title,
        entry.description,
        entry.keywords.join("; ")
    )
}

fn normalised(mut vector: Vec<f32>) -> Vec<f32> {
    let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        vector.iter_mut().for_each(|x| *x /= norm);
    }
    vector
}

impl Catalogue {
    /// The entries' vectors from this client's embedding model, embedded on first use
    /// (a few seconds for the built-in catalogue) and kept for the catalogue's life.
    async fn vectors(&self, models: &ModelClient) -> Result<Arc<Vec<Vec<f32>>>, ModelError> {
        // Held while embedding, so that concurrent first searches embed once.
        let mut cache = self.vectors.0.lock().await;
        if let Some(vectors) = cache.get(models.embed_model()) {
            return Ok(Arc::clone(vectors));
        }
        let passages: Vec<String> = self.entries.iter().map(passage).collect();
        let vectors: Vec<Vec<f32>> = models
            .embed(&passages, EmbedKind::Passage)
            .await?
            .into_iter()
            .map(normalised)
            .collect();
        let vectors = Arc::new(vectors);
        cache.insert(models.embed_model().to_owned(), Arc::clone(&vectors));
        Ok(vectors)
    }

    /// Embeds the entries now, if `models` has an embedding server, so that the first
    /// draft does not wait for it (an engine calls this as it opens). A failure is
    /// logged; the next search tries again.
    pub async fn prepare_meaning(&self, models: &ModelClient) {
        if models.has_role(Role::Embed) {
            if let Err(err) = self.vectors(models).await {
                tracing::warn!(%err, "the catalogue could not be embedded yet");
            }
        }
    }

    /// The best `limit` entries for `query`: by words and meaning fused when `models`
    /// has an embedding server, else (or if it fails: logged) by words alone.
    pub async fn search_with(
        &self,
        models: Option<&ModelClient>,
        query: &str,
        limit: usize,
    ) -> Vec<Hit> {
        let Some(models) = models.filter(|m| m.has_role(Role::Embed)) else {
            return self.search(query, limit);
        };
        match self.meaning_ranking(models, query).await {
            Ok(by_meaning) => self.fuse(query, &by_meaning, limit),
            Err(err) => {
                tracing::warn!(%err, "embedding search failed; sections found by words alone");
                self.search(query, limit)
            }
        }
    }

    /// Entry indices by cosine similarity to the query, best first.
    async fn meaning_ranking(
        &self,
        models: &ModelClient,
        query: &str,
    ) -> Result<Vec<usize>, ModelError> {
        let vectors = self.vectors(models).await?;
        let query = models
            .embed(&[query.to_owned()], EmbedKind::Query)
            .await?
            .into_iter()
            .next()
            .map(normalised)
            .unwrap_or_default();
        if vectors.len() != self.entries.len()
            || vectors.first().is_some_and(|v| v.len() != query.len())
        {
            return Err(ModelError::BadAnswer {
                role: Role::Embed,
                attempts: 1,
                reason: "the query's vector and the catalogue's differ in length".to_owned(),
                raw: String::new(),
            });
        }
        let mut scored: Vec<(usize, f32)> = vectors
            .iter()
            .enumerate()
            .map(|(i, v)| (i, v.iter().zip(&query).map(|(a, b)| a * b).sum()))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        Ok(scored.into_iter().map(|(i, _)| i).collect())
    }

    /// Reciprocal-rank fusion of the BM25 ranking and `by_meaning` (entry indices).
    fn fuse(&self, query: &str, by_meaning: &[usize], limit: usize) -> Vec<Hit> {
        let mut fused: HashMap<usize, f32> = HashMap::new();
        let by_words = self.engine.search(query, DEPTH);
        for (rank, result) in by_words.iter().enumerate() {
            *fused.entry(result.document.id as usize).or_default() +=
                1.0 / (RRF_K + rank as f32 + 1.0);
        }
        for (rank, index) in by_meaning.iter().take(DEPTH).enumerate() {
            *fused.entry(*index).or_default() += 1.0 / (RRF_K + rank as f32 + 1.0);
        }
        let mut ranked: Vec<(usize, f32)> = fused.into_iter().collect();
        // Equal scores in a fixed order (the catalogue's), so the same statement always
        // gives the same list.
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(limit)
            .filter_map(|(index, score)| {
                let entry = self.entries.get(index)?.clone();
                Some(Hit {
                    section: entry.citation(),
                    title: entry.title.clone(),
                    score,
                    entry,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fusion_lifts_what_both_rankings_agree_on() {
        let catalogue = Catalogue::builtin();
        let query = "somebody took my phone from my pocket in the crowded bus";
        let by_words: Vec<String> = catalogue
            .search(query, 5)
            .into_iter()
            .map(|h| h.section)
            .collect();
        // A meaning ranking of one entry, the words' fifth: fused, it comes first
        // (ranked by both), and the words' first stays in the list.
        let fifth = catalogue
            .entries()
            .iter()
            .position(|e| e.citation() == by_words[4])
            .unwrap();
        let theirs_first = catalogue
            .entries()
            .iter()
            .position(|e| e.citation() == by_words[0])
            .unwrap();
        let by_meaning = vec![fifth];
        let fused: Vec<String> = catalogue
            .fuse(query, &by_meaning, 5)
            .into_iter()
            .map(|h| h.section)
            .collect();
        assert_eq!(fused[0], by_words[4], "{fused:?}");
        assert!(fused.contains(&by_words[0]), "{fused:?}");
        assert!(theirs_first != fifth);
        // Only meaning: an entry the words never found can still be offered.
        let unseen = (0..catalogue.entries().len())
            .find(|i| {
                !catalogue
                    .search(query, DEPTH)
                    .iter()
                    .any(|h| h.entry == catalogue.entries()[*i])
            })
            .unwrap();
        let fused = catalogue.fuse(query, &[unseen], DEPTH + 1);
        assert!(fused.iter().any(|h| h.entry == catalogue.entries()[unseen]));
    }

    #[tokio::test]
    async fn a_failing_embedding_server_leaves_the_words() {
        let mut config = crate::Config::default();
        // Nothing listens on the discard port.
        config.embed.urls = vec!["http://127.0.0.1:9".to_owned()];
        config.retry.max_attempts = 1;
        let models = ModelClient::standalone(&config).unwrap();
        let catalogue = Catalogue::builtin();
        let query = "two men on a motorcycle snatched my gold chain";
        let sections = |hits: Vec<Hit>| hits.into_iter().map(|h| h.section).collect::<Vec<_>>();
        assert_eq!(
            sections(catalogue.search_with(Some(&models), query, 5).await),
            sections(catalogue.search(query, 5))
        );
        // Nothing was kept for the model that failed.
        assert!(catalogue.vectors.0.lock().await.is_empty());
    }

    #[test]
    fn vectors_are_normalised() {
        let v = normalised(vec![3.0, 4.0]);
        assert!((v[0] - 0.6).abs() < 1e-6 && (v[1] - 0.8).abs() < 1e-6);
        assert_eq!(normalised(vec![0.0, 0.0]), vec![0.0, 0.0]);
    }
}
