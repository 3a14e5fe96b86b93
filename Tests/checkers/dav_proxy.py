#!/usr/bin/env python3
"""A loopback HTTP proxy for the tests that stands between Convene and a CalDAV server, and at
a chosen moment kills the server in the middle of a publish.

  dav_proxy.py LISTEN_PORT SERVER_PORT SERVER_PID KILL_AFTER_PUTS

Requests are forwarded to 127.0.0.1:SERVER_PORT. When the KILL_AFTER_PUTS-th PUT has been
forwarded and answered (the server has stored it), the server process is killed with SIGKILL
before the answer reaches the client, which sees a dropped connection: the ETag of that PUT is
lost, as when a server dies mid-run. The proxy then stops too.
"""
import http.client
import http.server
import os
import signal
import sys
import threading

LISTEN, SERVER, PID, KILL_AFTER = (int(a) for a in sys.argv[1:5])
lock = threading.Lock()
puts = 0


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        global puts
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "expect")}
        connection = http.client.HTTPConnection("127.0.0.1", SERVER, timeout=30)
        connection.request(self.command, self.path, body=body, headers=headers)
        answer = connection.getresponse()
        data = answer.read()
        if self.command == "PUT":
            with lock:
                puts += 1
                last = puts == KILL_AFTER
            if last:
                os.kill(PID, signal.SIGKILL)
                self.close_connection = True
                self.connection.shutdown(2)
                os._exit(0)
        self.send_response(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_PUT = do_DELETE = do_HEAD = do_PROPFIND = do_REPORT = do_MKCALENDAR = do_OPTIONS = forward


http.server.ThreadingHTTPServer(("127.0.0.1", LISTEN), Proxy).serve_forever()
