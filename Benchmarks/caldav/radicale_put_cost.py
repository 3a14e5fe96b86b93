#!/usr/bin/python3
"""Where a Radicale PUT's time goes as the calendar grows, without HTTP or Convene in the way.

  [STORAGE=indexed] /usr/bin/python3 Benchmarks/caldav/radicale_put_cost.py VDIR [COUNT]

Calls Debian's Radicale (its WSGI application, in this process, configured as in the tests:
htpasswd bcrypt, filesystem storage in a temporary folder) with one `PUT If-None-Match: *` per
file of VDIR (e.g. the `export/vdir/` that `convene export` writes), and prints the processor time
per PUT for each batch of 250, then Python's profile of the last 50 PUTs.
"""
import base64, cProfile, io, os, pstats, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import radicale
import radicale.config

vdir = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
folder = tempfile.mkdtemp(prefix="radicale-put-cost-")
subprocess.run(["htpasswd", "-B", "-b", "-c", folder + "/users", "bench", "pw"], check=True, capture_output=True)
configuration = radicale.config.load([])
configuration.update({"auth": {"type": "htpasswd", "htpasswd_filename": folder + "/users", "htpasswd_encryption": "bcrypt", "delay": "0"},
                      "storage": {"filesystem_folder": folder + "/collections",
                                  **({"type": "radicale_indexed_storage"} if os.environ.get("STORAGE") == "indexed" else {})}, "rights": {"type": "owner_only"}}, "benchmark")
app = radicale.Application(configuration)
authorization = "Basic " + base64.b64encode(b"bench:pw").decode()


def call(method, path, body=b"", **headers):
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "SCRIPT_NAME": "", "wsgi.input": io.BytesIO(body),
               "wsgi.errors": sys.stderr, "wsgi.url_scheme": "http", "CONTENT_LENGTH": str(len(body)),
               "CONTENT_TYPE": "text/calendar", "HTTP_AUTHORIZATION": authorization, "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "80", "REMOTE_ADDR": "127.0.0.1"}
    environ.update({"HTTP_" + key.upper(): value for key, value in headers.items()})
    status = []
    b"".join(app(environ, lambda answer, _: status.append(answer)))
    return status[0]


assert call("MKCALENDAR", "/bench/calendar/").startswith("201")
names = sorted(name for name in os.listdir(vdir) if name.endswith(".ics"))[:count]
profile = cProfile.Profile()
batch_cpu = time.process_time()
print(f"radicale {radicale.VERSION}, {len(names)} PUTs, load average {open('/proc/loadavg').read().split()[0]}")
for index, name in enumerate(names):
    body = open(os.path.join(vdir, name), "rb").read()
    last = index >= len(names) - 50
    if last:
        profile.enable()
    status = call("PUT", "/bench/calendar/" + name, body, IF_NONE_MATCH="*")
    if last:
        profile.disable()
    assert status.startswith("201"), status
    if (index + 1) % 250 == 0 or index + 1 == len(names):
        now = time.process_time()
        done = (index % 250) + 1
        print(f"PUTs {index + 2 - done:>6}-{index + 1:<6} {1000 * (now - batch_cpu) / done:7.1f} ms processor time per PUT", flush=True)
        batch_cpu = now
pstats.Stats(profile).sort_stats("cumulative").print_stats(12)
subprocess.run(["rm", "-rf", folder])
