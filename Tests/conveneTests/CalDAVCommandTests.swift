import Foundation
import Testing

/// End-to-end: `convene publish`, `pull` and `import --from-caldav` against real CalDAV servers
/// (Debian's Radicale and Xandikos, started on free loopback ports in temporary folders), read
/// back by a client we did not write (Python `caldav` + `icalendar`).
struct CalDAVCommandTests {
    static let sample = CLIRunner.repositoryRoot.appendingPathComponent("Calendars/strong-cities")
    static let environment = ["CONVENE_CALDAV_PASSWORD": DAVServer.password]
    static let checker = CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/caldav_client.py").path
    static var pythonReady: Bool { CLIRunner.pythonHas("caldav", "icalendar") }

    /// One event as Python `caldav` + `icalendar` read it from the server.
    struct ServerEvent: Decodable {
        var href: String
        var uid: String
        var start: String
        var end: String?
        var summary: String
        var attendees: [String]
        var partstat: [String: String]
    }

    /// One event as `convene events --format json` lists it.
    struct PlanEvent: Decodable {
        var id: String
        var allDay: Bool
        var localStart: String?
        var localEnd: String?
        var utcStart: String?
        var utcEnd: String?
        var invitees: Int
        var title: String
    }

    static func publish(_ workspace: URL, _ server: DAVServer, _ extra: [String] = []) throws -> CLIRunner.Result {
        try CLIRunner.run(["publish", "--to", server.accountURL, "--workspace", workspace.path] + extra, environment: environment)
    }

    static func serverEvents(_ server: DAVServer) throws -> [ServerEvent] {
        let read = try CLIRunner.runTool("python3", [checker, "read", server.sampleCalendarURL, DAVServer.user], environment: environment)
        guard read.status == 0 else { throw ServerError("caldav_client.py read failed: \(read.stderr)") }
        return try JSONDecoder().decode([ServerEvent].self, from: Data(read.stdout.utf8))
    }

    static func planEvents(_ workspace: URL) throws -> [PlanEvent] {
        let listed = try CLIRunner.run(["events", "--workspace", workspace.path, "--format", "json"])
        return try JSONDecoder().decode([PlanEvent].self, from: Data(listed.stdout.utf8)).filter { $0.utcStart != nil }
    }

    /// `2023-09-21` → `2023-09-22`.
    static func dayAfter(_ day: String) -> String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd"
        return format.date(from: day).map { format.string(from: $0.addingTimeInterval(86_400)) } ?? day
    }

    static func uid(_ id: String) -> String { "\(id)@strong-cities-nlc.convene" }

    static func summaryJSON(_ result: CLIRunner.Result) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test(.enabled(if: pythonReady), arguments: DAVServer.Kind.allCases.filter(DAVServer.available))
    func publishedSampleReadsBackWithEveryInstantAndAttendee(_ kind: DAVServer.Kind) throws {
        let server = try DAVServer(kind)
        let workspace = try CLIRunner.copyOf(Self.sample)
        let first = try Self.publish(workspace, server, ["--create", "--format", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        let plan = try Self.planEvents(workspace)
        #expect(try Self.summaryJSON(first)["created"] as? [String] == plan.map(\.id).sorted())

        let stored = try Self.serverEvents(server)
        #expect(stored.count == plan.count)
        #expect(Set(stored.map(\.uid)).count == stored.count, "no UID twice")
        let byUID = Dictionary(stored.map { ($0.uid, $0) }, uniquingKeysWith: { first, _ in first })
        for event in plan {
            guard let copy = byUID[Self.uid(event.id)] else {
                Issue.record("\(event.id) is missing on \(kind)")
                continue
            }
            if event.allDay {
                // DATE values: the venue's calendar days (DTEND exclusive).
                #expect(copy.start == event.localStart.map { String($0.prefix(10)) }, "\(event.id) first day")
                #expect(copy.end == event.localEnd.map { Self.dayAfter(String($0.prefix(10))) }, "\(event.id) day after the last")
            } else {
                #expect(copy.start == event.utcStart, "\(event.id) start")
                #expect(copy.end == event.utcEnd, "\(event.id) end")
            }
            #expect(copy.summary == event.title, "\(event.id) title")
            #expect(copy.attendees.count == event.invitees, "\(event.id) attendees")
        }
        // The attendees are the very ones the vdir export names (read by Python icalendar too).
        let export = try CLIRunner.run(["export", "--only", "vdir", "--workspace", workspace.path])
        #expect(export.status == 0)
        let vdir = workspace.appendingPathComponent("export/vdir")
        let script = """
            import json, sys, pathlib
            from icalendar import Calendar
            out = {}
            for f in sorted(pathlib.Path(sys.argv[1]).glob('*.ics')):
                for e in Calendar.from_ical(f.read_bytes()).walk('VEVENT'):
                    a = e.get('ATTENDEE', [])
                    a = a if isinstance(a, list) else [a]
                    out[str(e['UID'])] = sorted(str(x).lower() for x in a)
            print(json.dumps(out))
            """
        let local = try CLIRunner.runTool("python3", ["-c", script, vdir.path])
        let attendees = try JSONDecoder().decode([String: [String]].self, from: Data(local.stdout.utf8))
        for copy in stored { #expect(copy.attendees == attendees[copy.uid], "\(copy.uid) attendees") }

        // Nothing changed: no PUT, no DELETE; the server keeps every ETag.
        let second = try Self.publish(workspace, server, ["--format", "json"])
        #expect(second.status == 0)
        let summary = try Self.summaryJSON(second)
        #expect((summary["created"] as? [String])?.isEmpty == true && (summary["updated"] as? [String])?.isEmpty == true)
        #expect(summary["unchanged"] as? Int == plan.count)
        #expect((summary["requests"] as? Int ?? 99) <= 4, "discovery only: \(summary)")
        #expect(try Self.serverEvents(server).map(\.href) == stored.map(\.href))
    }

    @Test(.enabled(if: pythonReady && DAVServer.available(.radicale)))
    func serverChangeIsRefusedKeptAndReportedByPull() throws {
        let server = try DAVServer(.radicale)
        let workspace = try CLIRunner.copyOf(Self.sample)
        #expect(try Self.publish(workspace, server, ["--create"]).status == 0)
        let id = "uganda-esa-roundtable-2024"
        let edit = try CLIRunner.runTool("python3", [Self.checker, "retitle", server.sampleCalendarURL, DAVServer.user, Self.uid(id), "Moved by the hub"],
                                         environment: Self.environment)
        #expect(edit.status == 0, "\(edit.stderr)")

        let pulled = try CLIRunner.run(["pull", "--from", server.accountURL, "--workspace", workspace.path], environment: Self.environment)
        #expect(pulled.status == 1)
        #expect(pulled.stdout.contains("changed on the server: \(id)"))
        #expect(pulled.stdout.contains("summary: server 'Moved by the hub'"))

        // The plan changes the same event: its PUT meets the server's change and is refused.
        let plan = workspace.appendingPathComponent("plan.yaml")
        let text = try String(contentsOf: plan, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "    start: 2024-10-15T09:00", with: "    start: 2024-10-15T10:00")
        #expect(changed != text)
        try changed.write(to: plan, atomically: true, encoding: .utf8)
        let refused = try Self.publish(workspace, server)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("refused \(id): changed on the server"))
        #expect(refused.stdout.contains("summary: server 'Moved by the hub'"))
        #expect(refused.stdout.contains("0 created, 0 updated"))
        #expect(try Self.serverEvents(server).first { $0.uid == Self.uid(id) }?.summary == "Moved by the hub")

        let forced = try Self.publish(workspace, server, ["--force"])
        #expect(forced.status == 0, "\(forced.stdout)")
        let now = try Self.serverEvents(server).first { $0.uid == Self.uid(id) }
        #expect(now?.summary != "Moved by the hub")
        #expect(now?.start == "2024-10-15T07:00:00Z")
    }

    @Test(.enabled(if: pythonReady && DAVServer.available(.xandikos)))
    func pullRecordsAnAnswerGivenOnTheServer() throws {
        let server = try DAVServer(.xandikos)
        let workspace = try CLIRunner.copyOf(Self.sample)
        #expect(try Self.publish(workspace, server, ["--create"]).status == 0)
        let id = "uganda-working-group-2025-03"
        let address = "mailto:regina.bakitte@nansana.example"
        guard let event = try Self.serverEvents(server).first(where: { $0.uid == Self.uid(id) }), event.attendees.contains(address) else {
            Issue.record("\(id) does not invite Regina Bakitte")
            return
        }
        #expect(event.partstat[address] != "DECLINED")
        let answer = try CLIRunner.runTool("python3", [Self.checker, "partstat", server.sampleCalendarURL, DAVServer.user, Self.uid(id), address, "DECLINED"],
                                           environment: Self.environment)
        #expect(answer.status == 0, "\(answer.stderr)")

        let pulled = try CLIRunner.run(["pull", "--from", server.accountURL, "--workspace", workspace.path, "--format", "json"], environment: Self.environment)
        #expect(pulled.status == 0, "\(pulled.stdout)\(pulled.stderr)")
        let replies = try String(contentsOf: workspace.appendingPathComponent("records/replies.json"), encoding: .utf8)
        let line = replies.split(separator: "\n").first { $0.contains("\"eventID\":\"\(id)\",\"personID\":\"regina-bakitte\"") }
        #expect(line?.contains("\"status\":\"declined\"") == true, "\(replies)")

        // The answer is now in the plan's export: the next publish updates the event, no refusal.
        let again = try Self.publish(workspace, server, ["--format", "json"])
        #expect(again.status == 0, "\(again.stdout)")
        #expect(try Self.summaryJSON(again)["updated"] as? [String] == [id])
        // A second pull finds nothing new (sync-collection token).
        let quiet = try CLIRunner.run(["pull", "--from", server.accountURL, "--workspace", workspace.path], environment: Self.environment)
        #expect(quiet.stdout.contains("0 replies recorded, 0 changed"), "\(quiet.stdout)")
    }

    @Test(.enabled(if: pythonReady && DAVServer.available(.radicale)))
    func serverKilledMidPublishThenResumedLeavesNoDuplicateAndNothingMissing() throws {
        let server = try DAVServer(.radicale)
        let workspace = try CLIRunner.copyOf(Self.sample)
        let proxyPort = try DAVServer.freePort()
        let proxy = try HelperProcess("dav_proxy.py", [String(proxyPort), String(server.port), String(server.pid), "12"], port: proxyPort)
        let interrupted = try CLIRunner.run(["publish", "--to", "http://\(DAVServer.user)@127.0.0.1:\(proxyPort)/", "--create", "--timeout", "2",
                                             "--workspace", workspace.path], environment: Self.environment)
        proxy.waitUntilExit()
        #expect(interrupted.status == 2, "\(interrupted.stdout)\(interrupted.stderr)")
        #expect(interrupted.stderr.contains("run the same publish again"))
        let records = try String(contentsOf: workspace.appendingPathComponent("records/caldav.json"), encoding: .utf8)
        #expect(records.contains("\"pending\""), "what was about to be stored is recorded")

        try server.restart()
        let resumed = try Self.publish(workspace, server, ["--format", "json"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        let plan = try Self.planEvents(workspace)
        let stored = try Self.serverEvents(server)
        #expect(stored.count == plan.count)
        #expect(Set(stored.map(\.uid)) == Set(plan.map { Self.uid($0.id) }))
        #expect(Set(stored.map(\.href)).count == stored.count)
        let again = try Self.publish(workspace, server, ["--format", "json"])
        #expect(try Self.summaryJSON(again)["unchanged"] as? Int == plan.count)
    }

    @Test(.enabled(if: DAVServer.available(.radicale)))
    func wrongPasswordIsRefusedWithoutShowingIt() throws {
        let server = try DAVServer(.radicale)
        let workspace = try CLIRunner.copyOf(Self.sample)
        let secret = "not-the-password-4711"
        let result = try CLIRunner.run(["publish", "--to", server.accountURL, "--create", "--workspace", workspace.path],
                                       environment: ["CONVENE_CALDAV_PASSWORD": secret])
        #expect(result.status == 2)
        #expect(result.stderr.contains("401 Unauthorized"))
        #expect(result.stderr.contains("user 'alice'"))
        #expect(!(result.stdout + result.stderr).contains(secret))
        let records = (try? String(contentsOf: workspace.appendingPathComponent("records/caldav.json"), encoding: .utf8)) ?? ""
        #expect(!records.contains(secret))
    }

    @Test(.enabled(if: CLIRunner.hasTool("python3")))
    func slowServerTimesOut() throws {
        let port = try DAVServer.freePort()
        let slow = try HelperProcess("slow_http.py", [String(port)], port: port)
        defer { slow.stop() }
        let workspace = try CLIRunner.copyOf(Self.sample)
        let result = try CLIRunner.run(["publish", "--to", "http://127.0.0.1:\(port)/cal/", "--timeout", "0.5", "--workspace", workspace.path],
                                       environment: Self.environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no answer within 0.5 s (4 attempts): the request timed out"), "\(result.stderr)")
    }

    @Test(.enabled(if: CLIRunner.hasTool("python3")))
    func redirectToAnotherHostIsRefusedAndGetsNoCredentials() throws {
        let port = try DAVServer.freePort(), target = try DAVServer.freePort()
        let folder = try CLIRunner.temporaryDirectory()
        let log = folder.appendingPathComponent("requests.log")
        let redirect = try HelperProcess("redirect_http.py", [String(port), String(target), log.path], port: port)
        defer { redirect.stop() }
        let workspace = try CLIRunner.copyOf(Self.sample)
        let result = try CLIRunner.run(["publish", "--to", "http://alice@127.0.0.1:\(port)/cal/", "--workspace", workspace.path],
                                       environment: Self.environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("redirects to another host, http://localhost:\(target)/cal/"), "\(result.stderr)")
        let seen = try String(contentsOf: log, encoding: .utf8)
        #expect(seen.contains("\(port) PROPFIND /cal/ auth=True"))
        #expect(!seen.contains("\(target) "), "nothing reached the other host: \(seen)")
    }

    @Test func plainHTTPToAnotherHostIsRefusedBeforeAnyRequest() throws {
        let result = try CLIRunner.run(["publish", "--to", "http://dav.example.org/cal/", "--workspace", Self.sample.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("plain HTTP to dav.example.org"))
        let inURL = try CLIRunner.run(["pull", "--from", "https://alice:hunter2@dav.example.org/cal/", "--workspace", Self.sample.path])
        #expect(inURL.status == 2)
        #expect(inURL.stderr.contains("the URL carries a password"))
        #expect(!inURL.stderr.contains("hunter2"))
    }

    @Test(.enabled(if: pythonReady && DAVServer.available(.xandikos)))
    func busyTimeComesFromThePersonsServerCalendar() throws {
        let server = try DAVServer(.xandikos)
        let workspace = try CLIRunner.copyOf(Self.sample)
        let calendar = "http://127.0.0.1:\(server.port)/user/calendars/calendar/"
        // Regina has a dentist appointment during the Uganda roundtable (2024-10-15 06:00-13:00 UTC).
        let add = try CLIRunner.runTool("python3", [Self.checker, "add", calendar, "user", "dentist-1", "20241015T080000Z", "20241015T093000Z"],
                                        environment: Self.environment)
        #expect(add.status == 0, "\(add.stderr)")
        let imported = try CLIRunner.run(["import", "--busy-for", "regina-bakitte", "--from-caldav", calendar, "--workspace", workspace.path],
                                         environment: Self.environment)
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let busy = try String(contentsOf: workspace.appendingPathComponent("records/busy.json"), encoding: .utf8)
        #expect(busy.contains("\"personID\":\"regina-bakitte\""))
        #expect(busy.contains("\"end\":1728984600,\"start\":1728979200"), "\(busy)")
        let check = try CLIRunner.run(["check", "--workspace", workspace.path])
        #expect(check.stdout.contains("person-busy-elsewhere"))
    }
}
