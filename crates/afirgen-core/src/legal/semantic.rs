//! Finding sections by meaning as well as by words: with an embedding server, each
//! catalogue entry is embedded once per model and servers, a statement's vector is
//! compared with them (cosine), and the two rankings — BM25 over words, cosine over
//! meaning — are fused by reciprocal rank (Cormack et al., 2009). Each entry is
//! embedded from its own passage and its examples (a complainant's tellings).
//!
//! The built-in entries' vectors for the bundled model ship with the program
//! ([`super::bundled`]); other entries and models are embedded by the server. A draft
//! never waits for that: an engine does it in the background as it opens
//! ([`Catalogue::prepare_meaning`], kept on disk so the next start reads it), and until
//! it is done, or when the server fails or is slow, sections are found by words alone.

use super::bundled::{self, Key};
use super::fusion;
use super::{Catalogue, Entry, Hit, Told, AGREE};
use crate::models::embed::EmbedKind;
use crate::models::{ModelClient, ModelError, Role};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The least cosine between a shipped entry vector and the server's own for it that
/// counts as the same model (the real tier finds ≥ 0.999 on the harness's server).
const SAME_MODEL: f32 = 0.99;
/// The longest a draft waits for its statement's vector before going on by words.
const QUERY_WAIT: Duration = Duration::from_secs(10);

/// Entry vectors per embedding model and servers ([`ModelClient::embed_identity`]).
#[derive(Default)]
pub(super) struct VectorCache(Mutex<HashMap<String, Arc<Vec<Vec<f32>>>>>);

impl VectorCache {
    fn get(&self, identity: &str) -> Option<Arc<Vec<Vec<f32>>>> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(identity)
            .cloned()
    }

    fn put(&self, identity: String, vectors: Arc<Vec<Vec<f32>>>) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(identity, vectors);
    }

    fn forget(&self, identity: &str) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(identity);
    }
}

/// What an entry is embedded as: its title, description and keywords, then each of its
/// examples on its own (see [`entry_vector`]).
pub(super) fn passages(entry: &Entry) -> Vec<String> {
    std::iter::once(format!(
        "{}. {} {}",
        entry.title,
        entry.description,
        entry.keywords.join("; ")
    ))
    .chain(entry.examples.iter().cloned())
    .collect()
}

fn normalised(mut vector: Vec<f32>) -> Vec<f32> {
    let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        vector.iter_mut().for_each(|x| *x /= norm);
    }
    vector
}

/// The file the vectors of these entries (by their keys, which name the model) are
/// kept in: a changed catalogue or model is embedded again.
fn cache_file(dir: &Path, keys: &[Key]) -> std::path::PathBuf {
    let mut hash = Sha256::new();
    for key in keys {
        hash.update(key);
    }
    dir.join(format!(
        "catalogue-vectors-{}.json",
        hex::encode(hash.finalize())
    ))
}

fn read_cached(file: &Path, count: usize) -> Option<Vec<Vec<f32>>> {
    let vectors: Vec<Vec<f32>> = serde_json::from_slice(&std::fs::read(file).ok()?).ok()?;
    let dimension = vectors.first()?.len();
    (vectors.len() == count && vectors.iter().all(|v| v.len() == dimension)).then_some(vectors)
}

/// An entry's vector from its passages' normalised vectors, its own passage first: a
/// quarter its own passage, three quarters the mean of its examples (its own alone when
/// it has none), normalised. The mean is what the tellings share — one telling is one
/// way of telling it — and a quarter for the description was best on every
/// development file against a tenth and two fifths once entries had nine tellings
/// (meaning-alone recall@5, docs/legal-accuracy.md).
fn entry_vector(own: &[f32], examples: &[Vec<f32>]) -> Vec<f32> {
    if examples.is_empty() {
        return normalised(own.to_vec());
    }
    let share = 0.75 / examples.len() as f32;
    let mut sum: Vec<f32> = own.iter().map(|x| 0.25 * x).collect();
    for example in examples {
        for (s, x) in sum.iter_mut().zip(example) {
            *s += share * x;
        }
    }
    normalised(sum)
}

impl Catalogue {
    /// Gives the entries vectors for `models`' embedding model, so that searches can use
    /// meaning: shipped ones where the program has them, else read from `cache_dir`
    /// when an earlier start kept them, else made by the server (and kept there).
    /// An engine runs this in the background as it opens; an evaluation awaits it.
    pub async fn prepare_meaning(
        &self,
        models: &ModelClient,
        cache_dir: Option<&Path>,
    ) -> Result<(), ModelError> {
        if !models.has_role(Role::Embed) {
            return Ok(());
        }
        let identity = models.embed_identity().to_owned();
        if self.vectors.get(&identity).is_some() {
            return Ok(());
        }
        let model = models.embed_model();
        let keys: Vec<Key> = self
            .entries
            .iter()
            .map(|e| bundled::key(model, passages(e).iter().map(String::as_str)))
            .collect();
        let file = cache_dir.map(|dir| cache_file(dir, &keys));
        if let Some(vectors) = file
            .as_deref()
            .and_then(|f| read_cached(f, self.entries.len()))
        {
            self.vectors.put(identity, Arc::new(vectors));
            return Ok(());
        }
        let shipped = bundled::shipped();
        let mut vectors: Vec<Option<Vec<f32>>> = keys
            .iter()
            .map(|key| shipped.and_then(|s| s.get(model, key)).map(<[f32]>::to_vec))
            .collect();
        // The shipped vectors are the bundled model's: a server under its name that
        // makes other vectors (another model, another length) gets its own for every
        // entry, never a mix. One entry embedded again tells.
        if let Some(probe) = vectors.iter().position(Option::is_some) {
            let made = self.embed_entries(models, &[probe]).await?;
            let kept = vectors[probe].as_deref().unwrap_or_default();
            let same = made.first().is_some_and(|made| {
                made.len() == kept.len()
                    && made.iter().zip(kept).map(|(a, b)| a * b).sum::<f32>() >= SAME_MODEL
            });
            if !same {
                tracing::warn!(model, "the embedding server's vectors are not the shipped ones; embedding the catalogue");
                vectors.iter_mut().for_each(|v| *v = None);
            }
        }
        let missing: Vec<usize> = (0..vectors.len())
            .filter(|&i| vectors[i].is_none())
            .collect();
        if !missing.is_empty() {
            let fresh = self.embed_entries(models, &missing).await?;
            for (index, vector) in missing.iter().zip(fresh) {
                vectors[*index] = Some(vector);
            }
        }
        let vectors: Vec<Vec<f32>> = vectors.into_iter().flatten().collect();
        // Kept only when the server made some: shipped vectors need no copy.
        if let Some(file) = file.as_deref().filter(|_| !missing.is_empty()) {
            // A cache only: failing to keep it costs the next start some seconds.
            let kept = serde_json::to_vec(&vectors)
                .map_err(std::io::Error::other)
                .and_then(|bytes| {
                    std::fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))?;
                    let part = file.with_extension("part");
                    std::fs::write(&part, bytes)?;
                    std::fs::rename(&part, file)
                });
            if let Err(err) = kept {
                tracing::warn!(%err, file = %file.display(), "catalogue vectors not kept");
            }
        }
        self.vectors.put(identity, Arc::new(vectors));
        Ok(())
    }

    /// The vectors of the entries at `indices` as the embedding server makes them now.
    async fn embed_entries(
        &self,
        models: &ModelClient,
        indices: &[usize],
    ) -> Result<Vec<Vec<f32>>, ModelError> {
        let per_entry: Vec<Vec<String>> = indices
            .iter()
            .map(|&i| passages(&self.entries[i]))
            .collect();
        let all: Vec<String> = per_entry.iter().flatten().cloned().collect();
        let mut made = models
            .embed(&all, EmbedKind::Passage)
            .await?
            .into_iter()
            .map(normalised);
        Ok(per_entry
            .iter()
            .map(|passages| {
                let own = made.next().unwrap_or_default();
                let examples: Vec<Vec<f32>> = made.by_ref().take(passages.len() - 1).collect();
                entry_vector(&own, &examples)
            })
            .collect())
    }

    /// Every entry's vector as the embedding server makes it now, whatever is shipped or
    /// kept: for making the shipped file and checking it against the server.
    pub async fn embed_afresh(&self, models: &ModelClient) -> Result<Vec<Vec<f32>>, ModelError> {
        let all: Vec<usize> = (0..self.entries.len()).collect();
        self.embed_entries(models, &all).await
    }

    /// Each entry's shipped vector for `model`, where one is shipped.
    pub fn shipped_vectors(&self, model: &str) -> Vec<Option<Vec<f32>>> {
        let shipped = bundled::shipped();
        self.entries
            .iter()
            .map(|e| {
                let key = bundled::key(model, passages(e).iter().map(String::as_str));
                shipped
                    .and_then(|s| s.get(model, &key))
                    .map(<[f32]>::to_vec)
            })
            .collect()
    }

    /// The bytes of a shipped-vectors file holding `vectors` (one per entry, in order)
    /// made by `model` (`data/legal/catalogue-vectors.bin`).
    pub fn encode_shipped_vectors(&self, model: &str, vectors: &[Vec<f32>]) -> Vec<u8> {
        let keyed: Vec<(Key, Vec<f32>)> = self
            .entries
            .iter()
            .zip(vectors)
            .map(|(e, v)| {
                (
                    bundled::key(model, passages(e).iter().map(String::as_str)),
                    v.clone(),
                )
            })
            .collect();
        bundled::encode(model, &keyed)
    }

    /// The best `limit` entries for `query`: by words and meaning fused when `models`
    /// has an embedding server and the catalogue is embedded for it, else by words
    /// alone — also when the statement's vector fails or takes over 10 s (logged); the
    /// entries it names when it is a citation ([`Catalogue::cited`]).
    pub async fn search_with(
        &self,
        models: Option<&ModelClient>,
        query: &str,
        limit: usize,
    ) -> Vec<Hit> {
        self.search_with_told(models, query, &Told::new(query), limit)
            .await
    }

    /// [`Catalogue::search_with`] for a query that holds more than the complainant's
    /// words (a draft's summary, written by a model): the elements that decide the
    /// first place and lift offences told in passing are read from `told`, the
    /// statement, as the draft's item 2 reads them, never from the model's words.
    pub async fn search_with_told(
        &self,
        models: Option<&ModelClient>,
        query: &str,
        told: &Told,
        limit: usize,
    ) -> Vec<Hit> {
        if let Some(hits) = self.hits_by_citation(query, limit) {
            return hits;
        }
        let Some(models) = models.filter(|m| m.has_role(Role::Embed)) else {
            return self.search_words(query, told, limit);
        };
        let Some(vectors) = self.vectors.get(models.embed_identity()) else {
            return self.search_words(query, told, limit);
        };
        match tokio::time::timeout(QUERY_WAIT, self.meaning_ranking(models, &vectors, query)).await
        {
            Ok(Ok(by_meaning)) => self.fuse(query, told, &by_meaning, limit),
            Ok(Err(err)) => {
                tracing::warn!(%err, "embedding the statement failed; sections found by words alone");
                self.search_words(query, told, limit)
            }
            Err(_) => {
                tracing::warn!(
                    "embedding the statement took over 10 s; sections found by words alone"
                );
                self.search_words(query, told, limit)
            }
        }
    }

    /// By words and meaning, or the error: for evaluations, which must not measure
    /// words alone and call it meaning.
    pub async fn search_by_meaning(
        &self,
        models: &ModelClient,
        query: &str,
        limit: usize,
    ) -> Result<Vec<Hit>, ModelError> {
        let vectors = match self.vectors.get(models.embed_identity()) {
            Some(vectors) => vectors,
            None => {
                self.prepare_meaning(models, None).await?;
                self.vectors
                    .get(models.embed_identity())
                    .unwrap_or_default()
            }
        };
        let by_meaning = self.meaning_ranking(models, &vectors, query).await?;
        Ok(self.fuse(query, &Told::new(query), &by_meaning, limit))
    }

    /// Entry indices by cosine similarity to the query, best first.
    async fn meaning_ranking(
        &self,
        models: &ModelClient,
        vectors: &[Vec<f32>],
        query: &str,
    ) -> Result<Vec<usize>, ModelError> {
        let query = models
            .embed(&[query.to_owned()], EmbedKind::Query)
            .await?
            .into_iter()
            .next()
            .map(normalised)
            .unwrap_or_default();
        if vectors.len() != self.entries.len()
            || vectors.first().is_none_or(|v| v.len() != query.len())
        {
            // The server's model changed under the same name: embed the catalogue again
            // at the next start or evaluation.
            self.vectors.forget(models.embed_identity());
            return Err(ModelError::BadAnswer {
                role: Role::Embed,
                attempts: 1,
                reason: "the statement's vector and the catalogue's differ in length".to_owned(),
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

    /// Reciprocal-rank fusion of the word rankings and `by_meaning` (entry
    /// indices), each with an equal vote. (The words' first was once kept first, when
    /// meaning was the weaker ranking; with entries embedded with their examples, fusing
    /// freely found as many sections and put a section of the right cognizability first
    /// more often on the development files: docs/legal-accuracy.md.) A statement whose
    /// words meet no entry gets none: meaning alone ranks every entry, and would offer
    /// sections for nonsense. An entry is agreed on when the words (their rankings fused)
    /// and meaning each place it among their first [`AGREE`].
    fn fuse(&self, query: &str, told: &Told, by_meaning: &[usize], limit: usize) -> Vec<Hit> {
        let words = self.word_rankings(query);
        if words.iter().all(Vec::is_empty) {
            return Vec::new();
        }
        let mut rankings: Vec<&[usize]> = words.iter().map(Vec::as_slice).collect();
        let by_words: Vec<usize> = fusion::fuse(&rankings)
            .into_iter()
            .take(AGREE)
            .map(|(index, _)| index)
            .collect();
        rankings.push(by_meaning);
        self.order(told, fusion::fuse(&rankings))
            .into_iter()
            .take(limit)
            .filter_map(|(index, score)| {
                let mut hit = self.hit(index, score)?;
                hit.agreed = Some(
                    by_words.contains(&index) && by_meaning.iter().take(AGREE).any(|&i| i == index),
                );
                Some(hit)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::fusion::DEPTH;
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
        // A meaning ranking of one entry, the words' fifth: fused, it comes first (ranked
        // by both), and the words' first second.
        let fifth = catalogue
            .entries()
            .iter()
            .position(|e| e.citation() == by_words[4])
            .unwrap();
        let fused: Vec<String> = catalogue
            .fuse(query, &Told::new(query), &[fifth], 5)
            .into_iter()
            .map(|h| h.section)
            .collect();
        assert_eq!(fused[0], by_words[4], "{fused:?}");
        assert_eq!(fused[1], by_words[0], "{fused:?}");
        let hits = catalogue.fuse(query, &Told::new(query), &[fifth], 5);
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        // Agreed on: the one entry both rankings hold; the words' others are not.
        assert_eq!(hits[0].agreed, Some(true));
        assert!(hits[1..].iter().all(|h| h.agreed == Some(false)));
        assert!(catalogue
            .search(query, 5)
            .iter()
            .all(|h| h.agreed.is_none()));
        // Only meaning: an entry the words never found can still be offered.
        let unseen = (0..catalogue.entries().len())
            .find(|i| {
                !catalogue
                    .search(query, DEPTH)
                    .iter()
                    .any(|h| h.entry == catalogue.entries()[*i])
            })
            .unwrap();
        let fused = catalogue.fuse(query, &Told::new(query), &[unseen], DEPTH + 1);
        assert!(fused.iter().any(|h| h.entry == catalogue.entries()[unseen]));
        // Words that meet nothing: nothing, whatever meaning ranks.
        let all: Vec<usize> = (0..catalogue.entries().len()).collect();
        assert!(catalogue
            .fuse("qwxz zzyv", &Told::new(""), &all, 5)
            .is_empty());
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
        // Not embedded yet: words alone, at once.
        assert_eq!(
            sections(catalogue.search_with(Some(&models), query, 5).await),
            sections(catalogue.search(query, 5))
        );
        // Preparing fails, and an evaluation says so instead of measuring words.
        assert!(catalogue.prepare_meaning(&models, None).await.is_err());
        assert!(catalogue
            .search_by_meaning(&models, query, 5)
            .await
            .is_err());
        assert!(catalogue.vectors.get(models.embed_identity()).is_none());
    }

    #[test]
    fn an_entry_is_a_quarter_its_own_passage_and_three_quarters_its_examples() {
        // No examples: its own passage alone.
        assert_eq!(entry_vector(&[0.6, 0.8], &[]), vec![0.6, 0.8]);
        // Own passage on one axis, two examples on the other: 1/4 against 3/4.
        let v = entry_vector(&[1.0, 0.0], &[vec![0.0, 1.0], vec![0.0, 1.0]]);
        let expected = normalised(vec![0.25, 0.75]);
        assert!(
            v.iter().zip(&expected).all(|(a, b)| (a - b).abs() < 1e-6),
            "{v:?}"
        );
        // Examples follow their entry's own passage.
        let mut entry = Catalogue::builtin().entries()[0].clone();
        entry.examples = vec!["he pulled my chain".to_owned()];
        let p = passages(&entry);
        assert_eq!(p.len(), 2);
        assert_eq!(p[1], "he pulled my chain");
    }

    #[test]
    fn vectors_are_normalised_and_kept_by_catalogue_and_model() {
        let v = normalised(vec![3.0, 4.0]);
        assert!((v[0] - 0.6).abs() < 1e-6 && (v[1] - 0.8).abs() < 1e-6);
        assert_eq!(normalised(vec![0.0, 0.0]), vec![0.0, 0.0]);
        let dir = Path::new("/cache");
        let key = |model: &str, text: &str| bundled::key(model, [text].into_iter());
        let one = cache_file(dir, &[key("e5", "a"), key("e5", "b")]);
        // The same model and catalogue read the same file; another model or catalogue
        // does not.
        assert_eq!(one, cache_file(dir, &[key("e5", "a"), key("e5", "b")]));
        assert_ne!(one, cache_file(dir, &[key("bge", "a"), key("bge", "b")]));
        assert_ne!(one, cache_file(dir, &[key("e5", "a")]));
    }
}
