#!/usr/bin/env python3
"""A loopback HTTP server for the tests that redirects every request to another origin
(`localhost` instead of 127.0.0.1, another port) and logs any Authorization header it receives.

  redirect_http.py PORT TARGET_PORT LOG
"""
import http.server
import sys

PORT, TARGET, LOG = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]


class Redirect(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self):
        with open(LOG, "a") as log:
            log.write(f"{self.server.server_port} {self.command} {self.path} auth={self.headers.get('Authorization') is not None}\n")
        if self.server.server_port == PORT:
            self.send_response(301)
            self.send_header("Location", f"http://localhost:{TARGET}{self.path}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    do_GET = do_PUT = do_PROPFIND = do_REPORT = do_MKCALENDAR = answer


import threading
target = http.server.ThreadingHTTPServer(("127.0.0.1", TARGET), Redirect)
threading.Thread(target=target.serve_forever, daemon=True).start()
print("ready", flush=True)
http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Redirect).serve_forever()
