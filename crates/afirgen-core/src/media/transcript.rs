//! A recording's transcript from its chunks' transcripts: the words the overlap made
//! appear twice dropped, and the decoder loops of small speech models kept once.

fn normalise(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A run of the same one to four words (or one to eight letters inside a word) this many
/// times or more is a decoder loop, not speech: small Whisper models fall into one on
/// speech they cannot follow (measured: one Hindi word forty times over, and a syllable
/// fifty times inside one word, with Whisper base on espeak-ng Hindi), while a person
/// repeats a cry for help a few times.
const LOOP_REPEATS: usize = 8;

/// Keeps a loop inside one word once: the same one to eight letters [`LOOP_REPEATS`]
/// times or more ("चाम्राम्राम्राम्राम्…"), where a model loops without spaces. Digits are
/// never a loop ("100000").
fn collapse_letter_loops(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut kept = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let looped = (1..=8).find_map(|unit| {
            let pattern = chars.get(i..i + unit)?;
            if pattern.iter().any(|c| c.is_numeric()) {
                return None;
            }
            let repeats = chars[i..]
                .chunks_exact(unit)
                .take_while(|chunk| *chunk == pattern)
                .count();
            (repeats >= LOOP_REPEATS).then_some((pattern, repeats))
        });
        match looped {
            Some((pattern, repeats)) => {
                kept.extend(pattern);
                i += pattern.len() * repeats;
            }
            None => {
                kept.push(chars[i]);
                i += 1;
            }
        }
    }
    kept
}

/// Keeps a decoder loop's words once (see [`LOOP_REPEATS`]).
fn collapse_loops(words: Vec<&str>) -> Vec<&str> {
    // Digits are never a loop (a phone number read digit by digit: "9 9 9 9 9 9 9 9 8"),
    // nor punctuation alone.
    let same = |a: &str, b: &str| {
        let (a, b) = (normalise(a), normalise(b));
        a == b && !a.is_empty() && !a.chars().any(char::is_numeric)
    };
    let mut kept = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let looped = (1..=4).find_map(|unit| {
            let mut repeats = 1;
            while i + (repeats + 1) * unit <= words.len()
                && (0..unit).all(|j| same(words[i + j], words[i + repeats * unit + j]))
            {
                repeats += 1;
            }
            (repeats >= LOOP_REPEATS).then_some((unit, repeats))
        });
        match looped {
            Some((unit, repeats)) => {
                kept.extend_from_slice(&words[i..i + unit]);
                i += unit * repeats;
            }
            None => {
                kept.push(words[i]);
                i += 1;
            }
        }
    }
    kept
}

/// Joins the transcripts of consecutive chunks, dropping words the overlap made appear
/// at the end of one chunk and again at the start of the next, and keeping the words of
/// a decoder loop once.
pub fn merge_transcripts(parts: &[String]) -> String {
    let parts: Vec<String> = parts
        .iter()
        .map(|part| {
            part.split_whitespace()
                .map(collapse_letter_loops)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let mut words: Vec<&str> = Vec::new();
    for part in &parts {
        let next = collapse_loops(part.split_whitespace().collect());
        let max = 8.min(words.len()).min(next.len());
        let repeated = (1..=max)
            .rev()
            .find(|&k| {
                words[words.len() - k..]
                    .iter()
                    .zip(&next[..k])
                    .all(|(a, b)| normalise(a) == normalise(b) && !normalise(a).is_empty())
            })
            .unwrap_or(0);
        words.extend_from_slice(&next[repeated..]);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decoder_loop_is_kept_once_and_speech_is_not_touched() {
        let looped = format!("मेरा नाम राम है {}अंत", "पार ".repeat(40));
        assert_eq!(merge_transcripts(&[looped]), "मेरा नाम राम है पार अंत");
        // A two-word loop, in the second chunk.
        let parts = [
            "He said".to_owned(),
            format!("give me {}then left", "the money ".repeat(12)),
        ];
        assert_eq!(
            merge_transcripts(&parts),
            "He said give me the money then left"
        );
        // A loop inside a word.
        let word = format!("चा{}", "म्रा".repeat(30));
        assert_eq!(merge_transcripts(&[format!("मेरा {word} है")]), "मेरा चाम्रा है");
        // Repeats a person makes stay as said, and digits are never a loop.
        for said in [
            "बचाओ बचाओ बचाओ बचाओ बचाओ",
            "no no no no no no",
            "9 9 9 9 9 9 9 9 9 8",
            "- - - - - - - - - -",
            "हाहाहाहाहा धीरे-धीरे बार-बार गड़गड़ाहट",
            "one one two two three three",
            "₹100000 and 9999999999",
            "aaah",
        ] {
            assert_eq!(merge_transcripts(&[said.to_owned()]), said);
        }
    }

    #[test]
    fn merging_drops_overlap_duplicates_only() {
        let parts = vec![
            "My phone was stolen on the bus.".to_owned(),
            "the bus. It was a Samsung".to_owned(),
            "phone worth 18,000 rupees.".to_owned(),
        ];
        assert_eq!(
            merge_transcripts(&parts),
            "My phone was stolen on the bus. It was a Samsung phone worth 18,000 rupees."
        );
        assert_eq!(
            merge_transcripts(&["मेरा फ़ोन".into(), "फ़ोन चोरी".into()]),
            "मेरा फ़ोन चोरी"
        );
    }
}
