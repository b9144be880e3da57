//! OpenAI-compatible speech recognition: `POST /v1/audio/transcriptions` (multipart).

use super::{CallError, ModelClient, ModelError, Role};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize)]
struct Transcription {
    text: String,
}

impl ModelClient {
    /// The model name sent to speech servers.
    pub fn asr_model(&self) -> &str {
        &self.role(Role::Asr).1.model
    }

    /// Transcribes one WAV file (16 kHz mono). `language` empty lets the server detect.
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
                serde_json::from_str::<Transcription>(&text)
                    .map(|t| t.text.trim().to_owned())
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
