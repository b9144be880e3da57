#!/usr/bin/env python3
"""A small OpenAI-compatible speech-recognition server over faster-whisper.

AFIRGen's model harness runs it for development and tests (multilingual Whisper base,
assembled by scripts/models.sh); a station may use any server that speaks the same
route. Standard library HTTP, so the only dependencies are faster-whisper and the model.
Each transcription is logged with its language and whether a prompt came (never the
audio or the text), so a test can see what the client asked for.

Routes:
  GET  /health                    {"status": "ok", "in_flight": N, "model": ...}
  GET  /v1/models                 the model list
  POST /v1/audio/transcriptions   multipart: file, model, language, response_format,
                                  temperature, prompt -> {"text": ..., "language": ...};
                                  without a language, language_candidates ("en,hi", not
                                  in OpenAI's API) limits identification to those
"""

import argparse
import email.parser
import email.policy
import io
import json
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_UPLOAD = 64 * 1024 * 1024
# Beam search alone looped on one machine of this kind and not on those before it (the
# int8 kernels may differ by CPU): Whisper base wrote "मेरा जाम्राम कुमार है," over and
# over, or "भा भा भा ...", for espeak-ng Hindi at 110, 120 and 130 words a minute. A
# mild penalty on tokens already written ended the loop at all three speeds there, but
# on every request it cost English words (the real tier's 3-minute recording, chunked:
# recall 0.718 / precision 0.702 of the words spoken, and repeated words at the chunk
# seams; 0.728 / 0.714 with the penalty as a second try only), so it is a second try,
# when the first answer is a loop: its text compresses more than LOOPED times (Whisper's
# own test for a failed window, 2.4).
REPETITION_PENALTY = 1.1
LOOPED = 2.4


def parse_multipart(content_type, body):
    """Returns {name: (filename, bytes)} for a multipart/form-data body."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        raise ValueError("expected multipart/form-data")
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            fields[name] = (part.get_filename(), part.get_payload(decode=True) or b"")
    return fields


def looped(text):
    """Whether a transcript is one phrase written over and over (compresses > LOOPED)."""
    raw = text.encode("utf-8")
    return len(raw) >= 64 and len(raw) / len(zlib.compress(raw)) > LOOPED


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, model, model_name):
        super().__init__(address, Handler)
        self.model = model
        self.model_name = model_name
        self.in_flight = 0
        self.lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("asr-server: " + (fmt % args) + "\n")

    def reply(self, status, payload, content_type="application/json"):
        body = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, message):
        self.reply(status, {"error": {"message": message, "type": "invalid_request_error"}})

    def do_GET(self):
        server = self.server
        if self.path == "/health":
            self.reply(200, {"status": "ok", "in_flight": server.in_flight, "model": server.model_name})
        elif self.path == "/v1/models":
            self.reply(200, {"object": "list", "data": [{"id": server.model_name, "object": "model"}]})
        else:
            self.error(404, "no such route")

    def do_POST(self):
        if self.path != "/v1/audio/transcriptions":
            self.error(404, "no such route")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0 or length > MAX_UPLOAD:
            self.error(400 if length <= 0 else 413, "missing or oversized body")
            return
        body = self.rfile.read(length)
        try:
            fields = parse_multipart(self.headers.get("Content-Type", ""), body)
        except ValueError as err:
            self.error(400, str(err))
            return
        if "file" not in fields or not fields["file"][1]:
            self.error(400, "the 'file' field is missing or empty")
            return
        text_field = lambda name: fields[name][1].decode("utf-8") if name in fields else None
        language = text_field("language") or None
        response_format = text_field("response_format") or "json"
        # Beam search (5, Whisper's own default) without conditioning on the previous
        # window or the temperature fallback: with small models the fallback and the
        # conditioning drop or loop whole windows of a long recording (measured with
        # tiny.en: 520 of ~540 words kept this way, 122 to 190 with the fallback, at 6x
        # the time); with Whisper base, greedy decoding found 20 of 170 words of twelve
        # espeak-ng Hindi recordings and looped on 5, the beam 38 and 2.
        temperature = float(text_field("temperature") or 0)
        prompt = text_field("prompt") or None
        # Short codes only: the field may hold anything, and it is logged.
        candidates = [c.strip() for c in (text_field("language_candidates") or "").split(",")
                      if c.strip().isalpha() and len(c.strip()) <= 3][:8]
        server = self.server
        with server.lock:
            server.in_flight += 1
        started = time.time()
        try:
            identified = None
            if not language and candidates:
                identified = identify(server.model, fields["file"][1], candidates)
                language = identified
            # The language as sent may hold anything: only a short code is logged as it is.
            shown = language if language and language.isalpha() and len(language) <= 8 else None
            if identified:
                shown = "detect:%s->%s" % (",".join(candidates), identified)
            sys.stderr.write("asr-server: transcription language=%s prompt=%s bytes=%d\n"
                             % (shown or ("detect" if not language else "other"),
                                "yes" if prompt else "no", len(fields["file"][1])))
            sys.stderr.flush()
            def transcribe(penalty):
                segments, info = server.model.transcribe(
                    io.BytesIO(fields["file"][1]),
                    language=language,
                    temperature=temperature,
                    initial_prompt=prompt,
                    beam_size=5,
                    condition_on_previous_text=False,
                    vad_filter=False,
                    repetition_penalty=penalty,
                )
                return " ".join(s.text.strip() for s in segments).strip(), info
            text, info = transcribe(1.0)
            if looped(text):
                sys.stderr.write("asr-server: the answer looped; transcribing again with a repetition penalty\n")
                sys.stderr.flush()
                text, info = transcribe(REPETITION_PENALTY)
        except Exception as err:  # a bad upload must not take the server down
            self.error(400, "cannot transcribe the upload: %s" % err)
            return
        finally:
            with server.lock:
                server.in_flight -= 1
        if response_format == "text":
            self.reply(200, text.encode("utf-8"), "text/plain")
        else:
            self.reply(200, {"text": text, "language": info.language, "duration": info.duration,
                             "processing_seconds": round(time.time() - started, 3)})


def identify(model, data, candidates):
    """The most probable of `candidates` for the recording's first 30 s, by Whisper's
    own language identification (all languages scored, the rest ignored), or None when
    the model scores none of them."""
    from faster_whisper.audio import decode_audio

    # An English-only model (tiny.en, registered by a station) cannot identify: it is
    # transcribed as the model can, never refused for it.
    if not model.model.is_multilingual:
        return None
    try:
        audio = decode_audio(io.BytesIO(data), sampling_rate=16000)
        _, _, scores = model.detect_language(audio=audio)
    except Exception as err:  # identification is a hint; the transcription goes on
        sys.stderr.write("asr-server: language identification failed: %s\n" % type(err).__name__)
        return None
    scored = [(p, lang) for lang, p in scores if lang in candidates]
    return max(scored)[1] if scored else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="CTranslate2 Whisper model folder")
    parser.add_argument("--model-name", default="whisper-base")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=18181)
    parser.add_argument("--workers", type=int, default=2, help="transcriptions at once")
    parser.add_argument("--threads", type=int, default=1, help="CPU threads per transcription")
    args = parser.parse_args()

    from faster_whisper import WhisperModel

    model = WhisperModel(args.model, device="cpu", compute_type="int8",
                         cpu_threads=args.threads, num_workers=args.workers)
    server = Server((args.host, args.port), model, args.model_name)
    sys.stderr.write("asr-server: listening on http://%s:%d\n" % (args.host, args.port))
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
