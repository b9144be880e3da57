//! OpenAI-compatible speech recognition: `POST /v1/audio/transcriptions` (multipart).

use super::{CallError, ModelClient, ModelError, Role};
use crate::config::rules::speech_language_code;
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize)]
struct Transcription {
    text: String,
}

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
        let model = self.asr_model().to_owned();
        let language = language.to_owned();
        self.call(Role::Asr, |http, base| {
            let wav = Arc::clone(&wav);
            let model = model.clone();
            let language = language.clone();
            async move {
                let file = reqwest::multipart::Part::bytes(wav.as_ref().clone())
                    .file_name("audio.wav")
                    .mime_str("audio/wav")
                    .map_err(|err| CallError::unreadable(err.to_string()))?;
                let mut form = reqwest::multipart::Form::new()
                    .part("file", file)
                    .text("model", model)
                    .text("response_format", "json")
                    .text("temperature", "0");
                if language == "hi" {
                    form = form.text("prompt", HINDI_PROMPT);
                }
                if !language.is_empty() {
                    form = form.text("language", language);
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
                    .map(|t| without_prompt_echo(&t.text.replace('\u{FFFD}', "")).to_owned())
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

#[cfg(test)]
mod tests {
    use super::{speech_language, without_prompt_echo, HINDI_PROMPT};

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
