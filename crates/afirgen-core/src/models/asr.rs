//! OpenAI-compatible speech recognition: `POST /v1/audio/transcriptions` (multipart).

use super::{CallError, ModelClient, ModelError, Role};
use crate::config::rules::speech_language_code;
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize)]
struct Transcription {
    text: String,
    /// The language the server transcribed in (OpenAI's `verbose_json` and the
    /// harness's `json` carry it; plain servers may not).
    #[serde(default)]
    language: Option<String>,
}

/// A chunk's text and, when the server said, the language it was heard in.
#[derive(Debug, Clone, PartialEq)]
pub struct Heard {
    /// The transcript.
    pub text: String,
    /// A two-letter code, when the server gave one.
    pub language: Option<String>,
}

/// The form field that limits a server's language identification to the station's
/// languages ("en,hi"). Not in OpenAI's API: the harness's server reads it; others
/// ignore it and detect among all languages.
pub const LANGUAGE_CANDIDATES_FIELD: &str = "language_candidates";

/// The prompt sent with Hindi recordings. Told only `language=hi`, multilingual Whisper
/// often writes Hindi in Urdu script or Latin letters, or returns nothing (measured with
/// Whisper base on espeak-ng Hindi: empty for every recording); a Devanagari sentence as
/// the prompt steers it to Devanagari. It is the start of a complaint, not content.
pub const HINDI_PROMPT: &str = "मैं थाने में शिकायत दर्ज करा रहा हूँ।";

/// The language a recording is transcribed in: the case's language as staff gave it
/// ("en", "hi", "hi-IN"), or `station_default` (`[audio] language`) when they chose
/// Detect ("auto") or gave something that is not a language code. Empty lets the server
/// detect.
pub fn speech_language(case_language: &str, station_default: &str) -> String {
    speech_language_code(case_language)
        .or_else(|| speech_language_code(station_default))
        .unwrap_or_default()
}

/// The languages Detect chooses among, as codes (`[audio] detect_languages`; anything
/// that is not a language code left out).
pub fn detect_candidates(languages: &[String]) -> Vec<String> {
    languages
        .iter()
        .filter_map(|l| speech_language_code(l))
        .collect()
}

/// The transcript without an echo of [`HINDI_PROMPT`] at its start: Whisper base
/// sometimes writes its prompt back (measured on espeak-ng Hindi), and the complainant
/// never said it.
fn without_prompt_echo(text: &str) -> &str {
    text.trim()
        .strip_prefix(HINDI_PROMPT)
        .unwrap_or(text)
        .trim()
}

impl ModelClient {
    /// The model name sent to speech servers.
    pub fn asr_model(&self) -> &str {
        &self.role(Role::Asr).1.model
    }

    /// Transcribes one WAV file (16 kHz mono). `language` empty lets the server detect;
    /// Hindi is sent with [`HINDI_PROMPT`].
    pub async fn transcribe(
        &self,
        wav: Arc<Vec<u8>>,
        language: &str,
    ) -> Result<String, ModelError> {
        Ok(self.hear(wav, language, &[]).await?.text)
    }

    /// Transcribes one WAV file in `language`, or, when it is empty, in the language
    /// the server identifies among `candidates` (any when empty), and says which.
    pub async fn hear(
        &self,
        wav: Arc<Vec<u8>>,
        language: &str,
        candidates: &[String],
    ) -> Result<Heard, ModelError> {
        let model = self.asr_model().to_owned();
        let language = language.to_owned();
        let candidates = candidates.join(",");
        self.call(Role::Asr, |http, base| {
            let wav = Arc::clone(&wav);
            let model = model.clone();
            let language = language.clone();
            let candidates = candidates.clone();
            async move {
                let file = reqwest::multipart::Part::bytes(wav.as_ref().clone())
                    .file_name("audio.wav")
                    .mime_str("audio/wav")
                    .map_err(|err| CallError::unreadable(err.to_string()))?;
                // Only OpenAI's verbose answer says which language it heard.
                let format = if language.is_empty() {
                    "verbose_json"
                } else {
                    "json"
                };
                let mut form = reqwest::multipart::Form::new()
                    .part("file", file)
                    .text("model", model)
                    .text("response_format", format)
                    .text("temperature", "0");
                if language == "hi" {
                    form = form.text("prompt", HINDI_PROMPT);
                }
                if !language.is_empty() {
                    form = form.text("language", language);
                } else if !candidates.is_empty() {
                    form = form.text(LANGUAGE_CANDIDATES_FIELD, candidates);
                }
                let text = super::response_text(
                    http.post(format!("{base}/v1/audio/transcriptions"))
                        .multipart(form)
                        .send()
                        .await,
                )
                .await?;
                // U+FFFD is half a character a decoder stopped in, never speech.
                serde_json::from_str::<Transcription>(&text)
                    .map(|t| Heard {
                        text: without_prompt_echo(&t.text.replace('\u{FFFD}', "")).to_owned(),
                        // Whisper names languages in English ("hindi") in some servers.
                        language: t.language.as_deref().and_then(language_code),
                    })
                    .map_err(|err| {
                        // Not the body: it may hold the transcript, and this is logged.
                        CallError::unreadable(format!(
                            "not an OpenAI transcription ({})",
                            super::describe_json_error(&err, &text)
                        ))
                    })
            }
        })
        .await
    }
}

/// A recording's transcript, chunk by chunk, and the language it was transcribed in.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordingText {
    /// Each chunk's text, in order.
    pub parts: Vec<String>,
    /// The language asked for or identified; `None` when the server detected each
    /// chunk's language without saying which.
    pub language: Option<String>,
}

impl ModelClient {
    /// Transcribes a recording's chunks side by side in `language`. For Detect (empty),
    /// the first chunk is heard first, its language identified among `candidates` (the
    /// station's languages), and the rest transcribed in that language — one choice for
    /// the whole recording, not one per chunk. A first chunk heard as Hindi is
    /// transcribed again with [`HINDI_PROMPT`]: unprompted, Whisper base writes little
    /// or no Devanagari. A language outside `candidates` (a server that ignores them),
    /// none at all (a server that does not say), or one guessed from a first chunk
    /// without words is not trusted: the rest is detected chunk by chunk, as before.
    pub async fn transcribe_chunks(
        &self,
        wavs: &[Arc<Vec<u8>>],
        language: &str,
        candidates: &[String],
    ) -> Result<RecordingText, ModelError> {
        let Some((first, rest)) = wavs.split_first().filter(|_| language.is_empty()) else {
            return Ok(RecordingText {
                parts: self.all_in(language, wavs).await?,
                language: Some(language.to_owned()).filter(|l| !l.is_empty()),
            });
        };
        let heard = self.hear(Arc::clone(first), "", candidates).await?;
        // A first chunk with no words (silence before the statement) says nothing of
        // the language: Whisper's guess on it is arbitrary.
        let identified = heard
            .language
            .filter(|l| candidates.is_empty() || candidates.contains(l))
            .filter(|_| !heard.text.trim().is_empty());
        let Some(identified) = identified else {
            let others = futures::future::try_join_all(
                rest.iter()
                    .map(|w| self.hear(Arc::clone(w), "", candidates)),
            )
            .await?;
            return Ok(RecordingText {
                parts: std::iter::once(heard.text)
                    .chain(others.into_iter().map(|h| h.text))
                    .collect(),
                language: None,
            });
        };
        let parts = if identified == "hi" {
            self.all_in(&identified, wavs).await?
        } else {
            std::iter::once(heard.text)
                .chain(self.all_in(&identified, rest).await?)
                .collect()
        };
        Ok(RecordingText {
            parts,
            language: Some(identified),
        })
    }

    /// Chunks side by side, all in one language.
    async fn all_in(
        &self,
        language: &str,
        wavs: &[Arc<Vec<u8>>],
    ) -> Result<Vec<String>, ModelError> {
        futures::future::try_join_all(
            wavs.iter()
                .map(|w| self.transcribe(Arc::clone(w), language)),
        )
        .await
    }
}

/// A server's language as a two-letter code: "hi", "hi-IN", or Whisper's English names
/// for the station languages ("hindi", "english"); `None` for anything else.
fn language_code(language: &str) -> Option<String> {
    match language.trim().to_ascii_lowercase().as_str() {
        "hindi" => Some("hi".to_owned()),
        "english" => Some("en".to_owned()),
        other => speech_language_code(other),
    }
}

#[cfg(test)]
mod tests {
    use super::{language_code, speech_language, without_prompt_echo, HINDI_PROMPT};

    #[test]
    fn a_servers_language_is_read_as_a_code() {
        assert_eq!(language_code("hi").as_deref(), Some("hi"));
        assert_eq!(language_code("Hindi").as_deref(), Some("hi"));
        assert_eq!(language_code("english").as_deref(), Some("en"));
        assert_eq!(language_code("hi-IN").as_deref(), Some("hi"));
        assert_eq!(language_code("klingon"), None);
        assert_eq!(language_code(""), None);
    }

    #[test]
    fn the_case_language_wins_and_detect_takes_the_station_default() {
        assert_eq!(speech_language("hi", "en"), "hi");
        assert_eq!(speech_language("hi-IN", ""), "hi");
        assert_eq!(speech_language("EN", "hi"), "en");
        assert_eq!(speech_language("auto", "hi"), "hi");
        assert_eq!(speech_language("auto", ""), "");
        assert_eq!(speech_language("", " en "), "en");
        assert_eq!(speech_language("auto", "hi-IN"), "hi");
        // Not a language code: the station's choice, never the text as sent.
        assert_eq!(speech_language("hindi please", ""), "");
        assert_eq!(speech_language("h1", "en"), "en");
        assert_eq!(speech_language("auto", "Hindi"), "");
    }

    #[test]
    fn an_echo_of_the_prompt_is_not_the_statement() {
        let said = "मेरा नाम राम कुमार है।";
        assert_eq!(
            without_prompt_echo(&format!(" {HINDI_PROMPT} {said}")),
            said
        );
        assert_eq!(without_prompt_echo(said), said);
        assert_eq!(without_prompt_echo(HINDI_PROMPT), "");
    }
}
