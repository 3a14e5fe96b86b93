#!/usr/bin/env python3
"""A loopback HTTP server for the tests that accepts connections and never answers in time.

  slow_http.py PORT     (prints "ready" once listening)
"""
import http.server
import sys
import time


class Slow(http.server.BaseHTTPRequestHandler):
    def handle_one_request(self):
        time.sleep(60)


server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Slow)
server.daemon_threads = True
print("ready", flush=True)
server.serve_forever()
