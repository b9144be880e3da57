//! Entry vectors made in advance for the bundled embedding model and shipped with the
//! built-in catalogue (`data/legal/catalogue-vectors.bin`), so that a station finds
//! sections by meaning from its first draft instead of after minutes of embedding
//! (2,250 passages on two cores), and a station's own entries are all it embeds.
//!
//! Each vector is kept under a key that hashes the model's name, the way an entry's
//! vector is made, and the entry's passages: an entry whose text changed, another
//! model, or another way simply finds no vector and is embedded by the server. The file
//! is written from the harness's server by the real-model tier
//! (`AFIRGEN_WRITE_VECTORS=1`, see `tests/real_models/models.rs` of the CLI), which also
//! checks a sample against the server each run; a unit test fails when a built-in entry
//! has none.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The vectors shipped with the built-in catalogue.
const FILE: &[u8] = include_bytes!("../../../../data/legal/catalogue-vectors.bin");
/// The first line of the file; a new layout gets a new number.
const MAGIC: &[u8] = b"AFIRGEN catalogue vectors 1\n";
/// How an entry's passages become its vector (see `semantic::entry_vector`): part of
/// every key, so vectors made another way are never read as these.
pub(super) const WAY: &str = "entry = 1/4 own passage + 3/4 mean of examples; v2";

/// An entry vector's key: the model, the way, and the entry's passages in order.
pub(super) type Key = [u8; 32];

/// The second line of the file: which model, how long each vector, how many.
#[derive(Serialize, Deserialize)]
struct Header {
    model: String,
    dimension: usize,
    count: usize,
}

/// The shipped vectors of one model, by key.
pub(super) struct Bundled {
    model: String,
    by_key: HashMap<Key, Vec<f32>>,
}

impl Bundled {
    /// The shipped vector for this key made by `model`, if any.
    pub(super) fn get(&self, model: &str, key: &Key) -> Option<&[f32]> {
        if self.model != model {
            return None;
        }
        self.by_key.get(key).map(Vec::as_slice)
    }
}

/// The key of an entry whose passages are `passages`, embedded by `model`.
pub(super) fn key<'a>(model: &str, passages: impl Iterator<Item = &'a str>) -> Key {
    let mut hash = Sha256::new();
    hash.update(WAY.as_bytes());
    hash.update([0]);
    hash.update(model.as_bytes());
    for passage in passages {
        hash.update([0]);
        hash.update(passage.as_bytes());
    }
    hash.finalize().into()
}

/// The shipped vectors, read once; none when the file is unreadable (then every entry
/// is embedded by the server, as before vectors were shipped).
pub(super) fn shipped() -> Option<&'static Bundled> {
    static SHIPPED: OnceLock<Option<Bundled>> = OnceLock::new();
    SHIPPED
        .get_or_init(|| {
            let bundled = decode(FILE);
            if bundled.is_none() {
                tracing::warn!("the shipped catalogue vectors are unreadable; the catalogue is embedded by the server");
            }
            bundled
        })
        .as_ref()
}

/// The file's bytes for `model`'s vectors under their keys.
pub(super) fn encode(model: &str, vectors: &[(Key, Vec<f32>)]) -> Vec<u8> {
    let dimension = vectors.first().map_or(0, |(_, v)| v.len());
    let header = Header {
        model: model.to_owned(),
        dimension,
        count: vectors.len(),
    };
    let mut bytes = MAGIC.to_vec();
    // A struct of a string and two numbers always serialises.
    bytes.extend(serde_json::to_vec(&header).unwrap_or_default());
    bytes.push(b'\n');
    for (key, vector) in vectors {
        bytes.extend_from_slice(key);
        for x in vector {
            bytes.extend_from_slice(&x.to_le_bytes());
        }
    }
    bytes
}

fn decode(bytes: &[u8]) -> Option<Bundled> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let end = rest.iter().position(|&b| b == b'\n')?;
    let header: Header = serde_json::from_slice(&rest[..end]).ok()?;
    let body = &rest[end + 1..];
    // A vector of 1 to 8,192 numbers: an embedding model's, not a cut or garbled file's.
    if !(1..=8192).contains(&header.dimension) {
        return None;
    }
    let record = 32 + 4 * header.dimension;
    if body.len() != record.checked_mul(header.count)? {
        return None;
    }
    let by_key = body
        .chunks_exact(record)
        .map(|chunk| {
            let (key, floats) = chunk.split_at(32);
            let key: Key = key.try_into().unwrap_or([0; 32]);
            let vector = floats
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect();
            (key, vector)
        })
        .collect();
    Some(Bundled {
        model: header.model,
        by_key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legal::semantic::passages;
    use crate::legal::Catalogue;

    #[test]
    fn vectors_read_back_as_written_and_only_for_their_model_and_text() {
        let one = key("e5", ["a", "b"].into_iter());
        let two = key("e5", ["a", "c"].into_iter());
        assert_ne!(one, two);
        assert_ne!(one, key("bge", ["a", "b"].into_iter()));
        let bytes = encode("e5", &[(one, vec![0.6, -0.8]), (two, vec![1.0, 0.0])]);
        let bundled = decode(&bytes).unwrap();
        assert_eq!(bundled.get("e5", &one), Some(&[0.6, -0.8][..]));
        assert_eq!(bundled.get("e5", &two), Some(&[1.0, 0.0][..]));
        assert_eq!(bundled.get("bge", &one), None);
        assert_eq!(bundled.get("e5", &key("e5", ["x"].into_iter())), None);
        // A cut file is refused, not half read.
        assert!(decode(&bytes[..bytes.len() - 1]).is_none());
        assert!(decode(b"something else\n{}\n").is_none());
        // A header that would overflow or read nothing is refused too.
        for dimension in [0, usize::MAX / 2] {
            let mut garbled = MAGIC.to_vec();
            garbled.extend(
                format!("{{\"model\":\"e5\",\"dimension\":{dimension},\"count\":1}}\n").bytes(),
            );
            assert!(decode(&garbled).is_none(), "{dimension}");
        }
    }

    /// Every built-in entry has a shipped vector for the harness's embedding model (the
    /// one `scripts/models.sh` installs): a changed entry or example needs them made
    /// again.
    #[test]
    fn every_built_in_entry_has_a_shipped_vector() {
        let shipped = shipped().expect("data/legal/catalogue-vectors.bin is readable");
        let script = include_str!("../../../../scripts/models.sh");
        assert!(
            script.contains(&format!("model = \"{}\"", shipped.model)),
            "the shipped vectors are of {}, which scripts/models.sh does not install",
            shipped.model
        );
        let missing: Vec<String> = Catalogue::builtin()
            .entries()
            .iter()
            .filter(|e| {
                shipped
                    .get(
                        &shipped.model,
                        &key(&shipped.model, passages(e).iter().map(String::as_str)),
                    )
                    .is_none()
            })
            .map(|e| e.citation())
            .collect();
        assert!(
            missing.is_empty(),
            "no shipped vector for {} built-in entries ({:?}…): make them again with \
             scripts/models.sh, then AFIRGEN_WRITE_VECTORS=1 AFIRGEN_MODELS_HOME=$PWD/.afirgen/models \
             cargo test -p afirgen-cli --test real_models -- --ignored shipped_catalogue_vectors",
            missing.len(),
            &missing[..missing.len().min(5)]
        );
    }
}
