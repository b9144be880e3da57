#!/usr/bin/env python3
"""llama.cpp's own HTTP server (OpenAI-compatible /v1/chat/completions, /health, JSON
schema constrained output, parallel slots), run from the prebuilt PyPI wheel xllamacpp
instead of compiling llama-server (ten minutes on 2 cores). AFIRGen's model harness
installs it as bin/llama-server, taking the llama-server options the project uses; a
station may run any llama.cpp server instead.

  llm_server.py --model FILE.gguf [--host H] [--port P] [--parallel N]
                [--ctx-size N] [--threads N] [--no-webui]
"""

import argparse
import signal
import sys


def main(argv=None):
    ap = argparse.ArgumentParser(prog="llama-server (xllamacpp)")
    ap.add_argument("--model", "-m", required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--parallel", "-np", type=int, default=1)
    ap.add_argument("--ctx-size", "-c", type=int, default=4096)
    ap.add_argument("--threads", "-t", type=int, default=2)
    ap.add_argument("--no-webui", action="store_true", help="accepted; there is no web UI")
    a = ap.parse_args(argv)

    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = a.model
    params.hostnames = [a.host]
    params.port = a.port
    params.n_parallel = a.parallel
    params.n_ctx = a.ctx_size
    params.cpuparams.n_threads = a.threads
    params.cpuparams_batch.n_threads = a.threads
    # The server answers on its own threads from here on; this one waits for the stop.
    server = xllamacpp.Server(params)
    print(f"llama.cpp server (xllamacpp) on {server.listening_address}", flush=True)
    stop = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop)
    signal.sigwait(stop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
