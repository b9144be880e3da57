"""Tokens per FIR, measured at the wire: a pass-through proxy in front of an
OpenAI-compatible LLM server that appends each chat answer's `usage` (prompt and
completion tokens) and its seconds to a JSON Lines file. The prebuilt llama-server of
the harness has no --metrics, so this is how docs/benchmarks.md counts tokens.

    python3 tools/llm_usage_proxy.py UPSTREAM_URL PORT OUT.jsonl
    AFIRGEN_LLM_URL=http://127.0.0.1:PORT afirgen generate --text statement.txt
"""
import http.server, json, sys, time, urllib.request
UP = sys.argv[1].rstrip("/")
PORT = int(sys.argv[2])
LOG = open(sys.argv[3], "a")
class H(http.server.BaseHTTPRequestHandler):
    def _fwd(self, method):
        n = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(n) if n else None
        req = urllib.request.Request(UP + self.path, data=body, method=method,
                                     headers={"content-type": self.headers.get("content-type", "application/json")})
        t = time.time()
        try:
            with urllib.request.urlopen(req, timeout=600) as r:
                data = r.read(); status = r.status; ctype = r.headers.get("content-type", "application/json")
        except urllib.error.HTTPError as e:
            data = e.read(); status = e.code; ctype = "application/json"
        if self.path.startswith("/v1/chat"):
            try:
                u = json.loads(data).get("usage", {})
                LOG.write(json.dumps({"at": t, "secs": time.time() - t, **u}) + "\n"); LOG.flush()
            except Exception:
                pass
        self.send_response(status); self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def do_GET(self): self._fwd("GET")
    def do_POST(self): self._fwd("POST")
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
