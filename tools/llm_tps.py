#!/usr/bin/env python3
"""Generation and prompt speed of OpenAI-compatible llama.cpp servers, measured in turn
in one run (machines are shared and noisy: compare within a run).

  tools/llm_tps.py PORT [PORT...] [--rounds 3]

Sends the same 150-token request (temperature 0) to each server in turn and prints the
server's own timings: generated and prompt tokens per second.
"""

import argparse
import json
import urllib.request

BODY = json.dumps({
    "messages": [{"role": "user", "content": "Write a short story about a police station in Delhi at night, about 150 words."}],
    "max_tokens": 150,
    "temperature": 0,
}).encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ports", nargs="+", type=int)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    for round_ in range(1, a.rounds + 1):
        for port in a.ports:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/v1/chat/completions", BODY,
                {"content-type": "application/json"})
            timings = json.load(urllib.request.urlopen(request, timeout=300))["timings"]
            print(f"round {round_} port {port}: generation {timings['predicted_per_second']:.1f} t/s, "
                  f"prompt {timings['prompt_per_second']:.1f} t/s", flush=True)


if __name__ == "__main__":
    main()
