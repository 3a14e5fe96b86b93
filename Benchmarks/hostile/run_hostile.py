#!/usr/bin/env python3
"""Replays hostile inputs of every kind issue "Trust" names against a built `convene`, each on a
fresh workspace generated here (random ids, not the test suite's files), and measures every run
with `/usr/bin/time -v`.

usage: python3 Benchmarks/hostile/run_hostile.py [CONVENE] [--seed N] [--only WORD] [--keep]
  CONVENE   the binary (default .build-rel/release/convene: build it with
            `swift build -c release --scratch-path .build-rel`)
  --seed    seed for the generated names (default: random; printed)
  --only    run only the cases whose name contains WORD
  --keep    keep the generated inputs (their folder is printed)

Prints a Markdown table (input, command, exit code, message location, wall s, max RSS) and a
verdict per row: each run must end in the promised exit code (2 for refused input) within
WALL_LIMIT seconds and RSS_LIMIT_MB of memory, name the file and line it refuses, print no raw
control character, and leave every file outside the workspace (and, when refused, inside it)
as it was. Exits 1 when any row fails.
"""
import os
import random
import re
import shutil
import string
import subprocess
import sys
import tempfile
import time

WALL_LIMIT = 10.0
RSS_LIMIT_MB = 512
DEADLINE = 120

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def word(rng, n=8):
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(n))


class Inputs:
    """A base plan with random ids, and helpers that write hostile variants of it."""

    def __init__(self, folder, rng):
        self.folder, self.rng = folder, rng
        self.person = [f"{word(rng, 5)}-{word(rng, 6)}" for _ in range(3)]
        self.venue, self.org, self.event = word(rng), word(rng), f"{word(rng)}-2025"
        self.name = f"replay-{word(rng, 5)}"
        self.day = f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        self.count = 0

    def plan(self, rule=None, title="Regional dialogue", name=None, url=None, invite_extra="", tail=""):
        p, rng = self.person, self.rng
        people = "".join(
            f"  - {{id: {pid}, name: {pid.replace('-', ' ').title()}, email: {pid}@{self.org}.example, organisation: {self.org}}}\n"
            for pid in p)
        venue_url = f", url: {url}" if url else ""
        recurrence = f"    recurrence: {{rule: \"{rule}\"}}\n" if rule else ""
        return (
            f"workspace: {name or self.name}\n"
            f"organizer: {{name: Replay Network, email: hub@{self.org}.example}}\n"
            "organisations:\n"
            f"  - {{id: {self.org}, name: {self.org.title()} Council, country: KE, level: local}}\n"
            "people:\n" + people +
            "venues:\n"
            f"  - {{id: {self.venue}, city: Nairobi, country: KE, timezone: Africa/Nairobi, capacity: 30{venue_url}}}\n"
            "events:\n"
            f"  - id: {self.event}\n"
            f"    title: {title}\n"
            "    kind: roundtable\n"
            f"    start: {self.day}T09:00\n"
            f"    end: {self.day}T16:00\n" +
            f"    venue: {self.venue}\n" + recurrence +
            "    invite:\n"
            f"      - {{person: {p[0]}, role: chair}}\n"
            f"      - {{person: {p[1]}, role: required}}\n" + invite_extra + tail)

    def workspace(self, plan_bytes, records=None):
        self.count += 1
        ws = os.path.join(self.folder, f"case-{self.count:02d}", "ws")
        os.makedirs(ws)
        with open(os.path.join(ws, "plan.yaml"), "wb") as f:
            f.write(plan_bytes if isinstance(plan_bytes, bytes) else plan_bytes.encode())
        return ws

    def file(self, name, data):
        self.count += 1
        folder = os.path.join(self.folder, f"case-{self.count:02d}")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, name)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return path


def calendar(rng, body, method=None, zone=""):
    uid = f"{word(rng)}@{word(rng)}.example"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{word(rng)}//replay//EN"]
    if method:
        lines.append(f"METHOD:{method}")
    lines += [zone] if zone else []
    lines += ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20250101T000000Z"] + body + ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(line for line in lines if line)


def every(n, step=1):
    return ",".join(str(i) for i in range(0, n, step))


def snapshot(folder):
    files = {}
    for base, dirs, names in os.walk(folder):
        for name in names + [d for d in dirs if os.path.islink(os.path.join(base, d))]:
            path = os.path.join(base, name)
            if os.path.islink(path):
                files[path] = "link:" + os.readlink(path)
            else:
                with open(path, "rb") as f:
                    files[path] = f.read()
    return files


def run(argv, env_extra=None, prefix=()):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1900000000", **(env_extra or {}))
    command = ["/usr/bin/time", "-v"] + list(prefix) + argv
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, env=env, timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        return None, b"", b"", DEADLINE, 0
    wall = time.monotonic() - started
    err = done.stderr
    rss = re.search(rb"Maximum resident set size \(kbytes\): (\d+)", err)
    status = re.search(rb"Exit status: (\d+)", err)
    signal = re.search(rb"Command terminated by signal (\d+)", err)
    timed = re.search(rb"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", err)
    if timed:
        h, m, s = timed.groups()
        wall = int(h or 0) * 3600 + int(m) * 60 + float(s)
    own_err = err[:err.rfind(b"\tCommand being timed:")] if b"\tCommand being timed:" in err else err
    code = int(status.group(1)) if status else (-int(signal.group(1)) if signal else done.returncode)
    return code, done.stdout, own_err, wall, int(rss.group(1)) // 1024 if rss else 0


def location(stderr):
    match = re.search(rb"([^\s:]+(?:\.yaml|\.ics|\.csv|\.json|\.lock|\.eml|/[^\s:]*)):(\d+)(?::(\d+))?", stderr)
    if match:
        name = os.path.basename(match.group(1).decode(errors="replace"))
        return ":".join([name] + [g.decode() for g in match.groups()[1:] if g])
    match = re.search(rb"cannot [a-z ]+ (/\S+?):? ", stderr)
    return os.path.basename(match.group(1).decode(errors="replace")) if match else ""


def main():
    args = sys.argv[1:]
    binary = os.path.join(ROOT, ".build-rel/release/convene")
    seed, only, keep = random.randrange(1 << 30), None, False
    while args:
        a = args.pop(0)
        if a == "--seed":
            seed = int(args.pop(0))
        elif a == "--only":
            only = args.pop(0)
        elif a == "--keep":
            keep = True
        else:
            binary = os.path.abspath(a)
    if not os.access(binary, os.X_OK):
        sys.exit(f"no convene at {binary}: swift build -c release --scratch-path .build-rel")
    rng = random.Random(seed)
    scratch = tempfile.mkdtemp(prefix="convene-hostile-")
    os.chmod(scratch, 0o755)
    gen = Inputs(scratch, rng)
    rows, failures = [], 0
    print(f"seed {seed}; inputs in {scratch}; {binary}; load {os.getloadavg()[0]:.1f}", file=sys.stderr)

    def case(name, argv, expect_code=2, expect_where=None, outside=None, unchanged=None, prefix=(), says=None):
        nonlocal failures
        if only and only not in name:
            return
        before = snapshot(outside) if outside else None
        kept = snapshot(unchanged) if unchanged else None
        code, out, err, wall, rss = run([binary] + argv, prefix=prefix)
        where = location(err)
        problems = []
        if code is None:
            problems.append(f"still running after {DEADLINE} s")
        elif code != expect_code:
            problems.append(f"exit {code}, expected {expect_code}")
        if expect_where and not re.search(expect_where, where):
            problems.append(f"location '{where}' is not {expect_where}")
        if says and not re.search(says.encode(), err):
            problems.append(f"message lacks '{says}'")
        if wall > WALL_LIMIT:
            problems.append(f"{wall:.1f} s")
        if rss > RSS_LIMIT_MB:
            problems.append(f"{rss} MB")
        if re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", out + err.replace(b"\t", b"")):
            problems.append("raw control character in the output")
        if outside is not None and snapshot(outside) != before:
            problems.append("a file outside the workspace changed")
        if unchanged is not None and snapshot(unchanged) != kept:
            problems.append("the workspace changed")
        failures += bool(problems)
        shown = " ".join(a if len(a) < 60 else a[:20] + "…" for a in argv)
        shown = shown.replace(scratch + "/", "")
        message = err.decode(errors="replace").strip().splitlines()
        rows.append((name, f"`convene {shown}`", "—" if code is None else str(code), where or "—",
                     f"{wall:.2f}", f"{rss}", "ok" if not problems else "FAIL: " + "; ".join(problems),
                     message[0][:160] if message else ""))
        print(f"{rows[-1][6]:4} {name}: exit {code}, {wall:.2f} s, {rss} MB, {where}", file=sys.stderr)

    p = gen.person
    # --- The plan: hostile YAML -------------------------------------------------------------
    levels = ["  l0: &l0 [" + ",".join(['"lol"'] * 10) + "]"]
    levels += [f"  l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 9)]
    bomb = gen.plan() + "x-notes:\n" + "\n".join(levels) + "\n"
    ws = gen.workspace(bomb)
    for command in ["validate", "check", "export"]:
        case("alias bomb (9 levels x 10)", [command, "--workspace", ws], expect_where=r"plan\.yaml:\d+", unchanged=ws)
    ws = gen.workspace(gen.plan() + "blackouts: " + "[" * 100_000 + "\n")
    for command in ["validate", "check"]:
        case("100 000 nested [", [command, "--workspace", ws], expect_where=r"plan\.yaml:\d+", unchanged=ws)
    ws = gen.workspace(gen.plan().replace(f"    venue: {gen.venue}\n", "    venue: " + "{a: " * 100_000 + "\n", 1))
    case("100 000 nested { in an event", ["validate", "--workspace", ws], expect_where=r"plan\.yaml:\d+", unchanged=ws)

    # --- The plan: rules whose BY-parts multiply ---------------------------------------------
    rules = {
        "YEARLY;BYHOUR;BYMINUTE;BYSECOND": f"FREQ=YEARLY;BYHOUR={every(24)};BYMINUTE={every(60)};BYSECOND={every(60)}",
        "HOURLY;BYMINUTE;BYSECOND": f"FREQ=HOURLY;BYMINUTE={every(60)};BYSECOND={every(60)}",
        "DAILY;BYMINUTE;BYSECOND;UNTIL 2099": f"FREQ=DAILY;BYMINUTE={every(60, 3)};BYSECOND={every(60, 2)};UNTIL=20991231T000000Z",
        "MONTHLY;BYMONTHDAY;BYHOUR;BYMINUTE": f"FREQ=MONTHLY;BYMONTHDAY={','.join(str(d) for d in range(1, 32))};BYHOUR={every(24)};BYMINUTE={every(60)}",
        "SECONDLY, no COUNT": "FREQ=SECONDLY",
    }
    for label, rule in rules.items():
        ws = gen.workspace(gen.plan(rule=rule))
        for command in ["validate", "check", "export", "events"]:
            case(f"plan rule {label}", [command, "--workspace", ws], expect_where=r"plan\.yaml:1[0-9]", unchanged=ws)

    # --- Calendar files --------------------------------------------------------------------
    base = gen.workspace(gen.plan())
    subprocess.run([binary, "export", "--workspace", base], capture_output=True, env=dict(os.environ, SOURCE_DATE_EPOCH="1900000000"))
    ics_cases = {
        "ics YEARLY;BYHOUR;BYMINUTE;BYSECOND": ["DTSTART:20250101T090000Z", "DTEND:20250101T093000Z",
                                                f"RRULE:FREQ=YEARLY;BYHOUR={every(24)};BYMINUTE={every(60)};BYSECOND={every(60)}",
                                                f"ATTENDEE:mailto:{p[0]}@{gen.org}.example", "SUMMARY:busy"],
        "ics HOURLY;BYMINUTE;BYSECOND": ["DTSTART:20250101T090000Z", "DTEND:20250101T100000Z",
                                         f"RRULE:FREQ=HOURLY;BYMINUTE={every(60, 2)};BYSECOND={every(60, 2)}",
                                         f"ATTENDEE:mailto:{p[0]}@{gen.org}.example", "SUMMARY:busy"],
        "ics WEEKLY;BYDAY;BYHOUR;BYMINUTE;BYSECOND": ["DTSTART:20250101T090000Z", "DURATION:PT1S",
                                                      f"RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR={every(24)};BYMINUTE={every(60)};BYSECOND=0,30",
                                                      f"ATTENDEE:mailto:{p[0]}@{gen.org}.example", "SUMMARY:busy"],
    }
    for label, body in ics_cases.items():
        busy = gen.file(f"{word(rng)}.ics", calendar(rng, body))
        reply = gen.file(f"{word(rng)}.ics", calendar(rng, body, method="REPLY"))
        case(label, ["conflicts", busy], expect_where=r"\.ics:\d+")
        case(label, ["conflicts", "--count", busy], expect_where=r"\.ics:\d+")
        case(label, ["import", busy, "--busy-for", p[0], "--workspace", base], expect_where=r"\.ics:\d+")
        case(label + " as a REPLY", ["import", reply, "--workspace", base], expect_where=r"\.ics:\d+")
    small = calendar(rng, ["DTSTART:20250101T090000Z", "DTEND:20250101T100000Z",
                           f"RRULE:FREQ=HOURLY;BYMINUTE={every(60, 2)};BYSECOND={every(60, 2)}", "SUMMARY:x"])
    nonreply = gen.file(f"{word(rng)}.ics", small)
    case(f"{len(small)}-byte non-reply with BY-parts", ["import", nonreply, "--workspace", base], expect_where=r"\.ics:1", says="METHOD")
    case("check after the refused imports", ["check", "--workspace", base], expect_code=0)

    for freq in ["SECONDLY", "MINUTELY"]:
        zone = "\r\n".join(["BEGIN:VTIMEZONE", "TZID:Replay/Zone", "BEGIN:STANDARD", "DTSTART:16010101T000000",
                            f"RRULE:FREQ={freq}", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0200", "END:STANDARD", "END:VTIMEZONE"])
        body = ["DTSTART;TZID=Replay/Zone:20250301T090000", "DTEND;TZID=Replay/Zone:20250301T100000",
                f"ATTENDEE:mailto:{p[1]}@{gen.org}.example", "SUMMARY:zone"]
        tz = gen.file(f"{word(rng)}.ics", calendar(rng, body, zone=zone))
        tz_reply = gen.file(f"{word(rng)}.ics", calendar(rng, body, method="REPLY", zone=zone))
        case(f"VTIMEZONE FREQ={freq} from 1601", ["conflicts", tz], expect_where=r"\.ics:\d+")
        case(f"VTIMEZONE FREQ={freq} from 1601", ["import", tz, "--busy-for", p[1], "--workspace", base], expect_where=r"\.ics:\d+")
        case(f"VTIMEZONE FREQ={freq} from 1601, REPLY", ["import", tz_reply, "--workspace", base], expect_where=r"\.ics:\d+")

    long_line = calendar(rng, ["DTSTART:20250101T090000Z", "DESCRIPTION:" + "x" * 10_000_000, "SUMMARY:long"])
    path = gen.file("long-line.ics", long_line)
    case("10 MB content line", ["conflicts", path], expect_where=r"long-line\.ics:\d+")
    case("10 MB content line", ["import", path, "--busy-for", p[0], "--workspace", base], expect_where=r"long-line\.ics:\d+")
    folded = "DESCRIPTION:" + "\r\n ".join("y" * 74 for _ in range(10_000_000 // 74))
    path = gen.file("folded-line.ics", calendar(rng, ["DTSTART:20250101T090000Z", folded, "SUMMARY:folded"]))
    case("10 MB content line folded in 75-byte lines", ["conflicts", path], expect_where=r"folded-line\.ics:\d+")
    path = gen.file("long-reply.ics", calendar(rng, ["DTSTART:20250101T090000Z", "COMMENT:" + "z" * 10_000_000], method="REPLY"))
    case("10 MB content line in a REPLY", ["import", path, "--workspace", base], expect_where=r"long-reply\.ics:\d+")

    # --- Spelling suggestions on huge unknown words --------------------------------------------
    ws = gen.workspace(gen.plan(invite_extra=f"      - {{person: {word(rng, 100_000)}, role: required}}\n"))
    for command in ["validate", "check"]:
        case("100 KB unknown person id", [command, "--workspace", ws], expect_where=r"plan\.yaml:2[0-9]", says="unknown")
    ws = gen.workspace(gen.plan().replace(f"    venue: {gen.venue}\n", f"    venue: {word(rng, 100_000)}\n"))
    case("100 KB unknown venue id", ["validate", "--workspace", ws], expect_where=r"plan\.yaml:1[0-9]", says="unknown")
    ws = gen.workspace(gen.plan(tail=word(rng, 10_000_000) + ": 1\n"))
    case("10 MB unknown top-level key", ["validate", "--workspace", ws], expect_where=r"plan\.yaml:2[0-9]")
    ws = gen.workspace(gen.plan(tail="? " + word(rng, 10_000_000) + "\n: 1\n"))
    case("10 MB unknown key, explicit (? KEY)", ["validate", "--workspace", ws], expect_where=r"plan\.yaml:2[0-9]")
    ws = gen.workspace(gen.plan().replace("    kind: roundtable\n", "    kind: roundtable\n    ? " + word(rng, 10_000_000) + "\n    : 1\n"))
    case("10 MB unknown event key, explicit", ["validate", "--workspace", ws], expect_where=r"plan\.yaml:1[0-9]")
    ws = gen.workspace(gen.plan().replace("    kind: roundtable\n", "    kind: \"" + word(rng, 10_000_000) + "\"\n"))
    case("10 MB unknown event kind", ["validate", "--workspace", ws], expect_where=r"plan\.yaml:1[0-9]")
    ws = gen.workspace(gen.plan(invite_extra=f"      - {{person: {p[2]}, role: \"{word(rng, 4_000_000)}\"}}\n"))
    case("4 MB unknown invite role", ["validate", "--workspace", ws], expect_where=r"plan\.yaml:2[0-9]")

    # --- Sign-in sheets ------------------------------------------------------------------------
    header = "Name,Email,Status\n"
    first = f"{p[0].replace('-', ' ').title()},{p[0]}@{gen.org}.example,attended\n"
    for label, row in {
        "4 MB name cell": "A" * 4_000_000 + f",x@{gen.org}.example,attended\n",
        "4 MB quoted name cell with line breaks": '"' + ("B" * 999 + "\n") * 4_000 + f'",y@{gen.org}.example,attended\n',
        "4 MB status cell": f"Walk In,z@{gen.org}.example," + "attendedx" * 450_000 + "\n",
        "200 000 rows of one name each": "".join(f"N{i},n{i}@x.example,attended\n" for i in range(200_000)),
    }.items():
        ws = gen.workspace(gen.plan())
        sheet = gen.file("signin.csv", header + first + row)
        expected = 0 if label.startswith("200 000") else 2
        case(label, ["attend", gen.event, "--csv", sheet, "--workspace", ws], expect_code=expected,
             expect_where=None if expected == 0 else r"signin\.csv:3", unchanged=ws if expected == 2 else None)
    ws = gen.workspace(gen.plan())
    sheet = gen.file("escape.csv", header + first + f"\"Evil\x1b]0;owned\x07 \x1b[2JName\",evil@{gen.org}.example,attended\n")
    case("ESC/OSC in a sheet's name", ["attend", gen.event, "--csv", sheet, "--workspace", ws, "--dry-run"], expect_code=0)

    # --- Bytes that are not text, at line 14 --------------------------------------------------
    text = gen.plan().encode()
    line14 = [i for i, b in enumerate(text) if b == 0x0A][12] + 1
    for label, bad in [("invalid UTF-8 (FF FE) on line 14", b"\xff\xfe"), ("NUL on line 14", b"\x00"),
                       ("lone continuation byte on line 14", b"\x80"), ("overlong UTF-8 on line 14", b"\xc0\xaf")]:
        ws = gen.workspace(text[:line14 + 6] + bad + text[line14 + 6:])
        for command in ["validate", "export"]:
            case(label, [command, "--workspace", ws], expect_where=r"plan\.yaml:14:7", unchanged=ws)

    # --- Injection ---------------------------------------------------------------------------
    for label, plan in [
        ("CR LF in the workspace name", gen.plan(name='"evil\\r\\nATTENDEE:mailto:x@evil.example"')),
        ("CR LF in a venue URL", gen.plan(url='"https://x.example/\\r\\nATTENDEE:mailto:x@evil.example"')),
        ("NUL in a title", gen.plan(title='"Regional\\0dialogue"')),
        ("LF in a person's email", gen.plan().replace(f"email: {p[2]}@", f"email: \"{p[2]}\\n@", 1)),
        ("CR LF in a rule", gen.plan(rule="FREQ=WEEKLY;COUNT=2\\r\\nATTENDEE:mailto:x@evil.example")),
        ("CR in a time zone", gen.plan().replace("timezone: Africa/Nairobi", 'timezone: "Africa/Nairobi\\rX-EVIL:1"')),
    ]:
        ws = gen.workspace(plan)
        for command in ["validate", "export"]:
            case(label, [command, "--workspace", ws], expect_where=r"plan\.yaml:\d+:\d+", unchanged=ws)

    # --- Ids from records that are paths, and symbolic links ---------------------------------------
    import json

    def exported_copy():
        ws = gen.workspace(gen.plan())
        subprocess.run([binary, "export", "--workspace", ws], capture_output=True, env=dict(os.environ, SOURCE_DATE_EPOCH="1900000000"))
        return ws

    for label, key, extra in [("exports.json id ../../../NAME", "../../../" + word(rng), None),
                              ("exports.json id with a NUL", word(rng) + "\x00.ics", None),
                              ("exports.json id that is an absolute path", "/tmp/" + word(rng), None),
                              ("exports.json cancellation line with CR LF", word(rng), "SUMMARY:x\r\nATTENDEE:mailto:evil@x.example")]:
        ws = exported_copy()
        ledger_path = os.path.join(ws, "records/exports.json")
        with open(ledger_path) as f:
            ledger = json.load(f)
        entry = dict(next(iter(ledger["entries"].values())))
        if extra:
            lines = entry.get("cancellationLines", [])
            # Kept as one text of lines joined by LF, or (earlier) as a list of lines.
            entry["cancellationLines"] = lines + "\n" + extra if isinstance(lines, str) else lines + [extra]
        ledger["entries"][key] = entry
        with open(ledger_path, "w") as f:
            json.dump(ledger, f)
        top = os.path.dirname(os.path.dirname(ws))
        for command in (["export"], ["send", "--out", os.path.join(os.path.dirname(ws), "out")]):
            case(label, command + ["--workspace", ws], expect_where=r"exports\.json:\d+", outside=top, unchanged=ws)

    for managed in ["export/feeds", "export/invitations", "records"]:
        ws = exported_copy()
        elsewhere = os.path.join(os.path.dirname(ws), "elsewhere")
        shutil.move(os.path.join(ws, managed), elsewhere)
        os.symlink(elsewhere, os.path.join(ws, managed))
        command = ["export"] if managed.startswith("export") else ["attend", gen.event, "--person", p[0], "--status", "attended"]
        case(f"{managed} is a symbolic link", command + ["--workspace", ws], expect_where=r".", outside=elsewhere, says="symbolic link")
    ws = exported_copy()
    target = os.path.join(os.path.dirname(ws), "precious.txt")
    with open(target, "w") as f:
        f.write("keep me")
    feeds = os.path.join(ws, "export/feeds")
    for name in os.listdir(feeds):
        if not name.endswith(".ics"):
            continue
        os.remove(os.path.join(feeds, name))
        os.symlink(target, os.path.join(feeds, name))
    os.symlink(target, os.path.join(feeds, f".all.ics.{os.getpid() + 1}.tmp"))
    case("every feed file a symbolic link to a file outside", ["export", "--workspace", ws], expect_code=0, outside=target)

    # --- A workspace its user may not write -------------------------------------------------------
    ws = exported_copy()
    sheet = gen.file("ro.csv", header + first)
    busy = gen.file("ro.ics", calendar(rng, ["DTSTART:20250101T090000Z", "DTEND:20250101T100000Z", "SUMMARY:busy"]))
    subprocess.run(["chmod", "-R", "a+rX,a-w", os.path.dirname(ws)])
    as_other = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") if os.getuid() == 0 else ()
    for command in (["attend", gen.event, "--csv", sheet], ["import", busy, "--busy-for", p[0]], ["export"],
                    ["send", "--out", os.path.join(os.path.dirname(ws), "out")]):
        case("read-only workspace", command + ["--workspace", ws], expect_where=r".", unchanged=os.path.dirname(ws),
             prefix=as_other, says="Permission denied")
    subprocess.run(["chmod", "-R", "u+w", os.path.dirname(ws)])

    print("| input | command | exit | message at | wall s | max RSS MB | verdict |")
    print("|---|---|---|---|---|---|---|")
    for name, command, code, where, wall, rss, verdict, _ in rows:
        print(f"| {name} | {command} | {code} | {where} | {wall} | {rss} | {verdict} |")
    print(f"\n{len(rows)} runs, {failures} failed (seed {seed}, limits {WALL_LIMIT:.0f} s and {RSS_LIMIT_MB} MB).")
    if not keep:
        subprocess.run(["chmod", "-R", "u+w", scratch])
        shutil.rmtree(scratch, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
