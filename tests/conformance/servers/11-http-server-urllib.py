# Conformance: http.server's ThreadingHTTPServer answering urllib.request clients in several threads (after the
# web-server examples of the concurrency chapters: a tiny JSON API, fetched in parallel)
# expect: same
import concurrent.futures
import http.server
import json
import threading
import urllib.error
import urllib.request


class Api(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if not self.path.startswith("/square/"):
            self.send_error(404, "no such thing")
            return
        n = int(self.path.rsplit("/", 1)[1])
        body = json.dumps({"n": n, "square": n * n}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Api)
port = server.server_address[1]
t = threading.Thread(target=server.serve_forever)
t.start()


def fetch(n):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/square/{n}") as r:
        return r.status, r.headers["Content-Type"], json.loads(r.read())["square"]


with concurrent.futures.ThreadPoolExecutor(4) as pool:
    print(list(pool.map(fetch, range(6))))
try:
    urllib.request.urlopen(f"http://127.0.0.1:{port}/nothing")
except urllib.error.HTTPError as e:
    print("HTTPError", e.code, e.reason)
server.shutdown()
server.server_close()
t.join()
