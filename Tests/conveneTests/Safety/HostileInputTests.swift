import Foundation
import Testing

/// No input can inject, crash or hang: hostile plans, calendars and sign-in sheets each end in a
/// located message and exit 2 (or are shown harmlessly), and nothing they hold reaches an export
/// or the terminal as a control character. Each command runs with a deadline far above what it
/// needs, only so that a hang fails the test instead of stalling the suite.
@Suite("Safety: no input can inject, crash or hang")
struct HostileInputTests {
    /// The small workspace the fuzzing targets also use (`Fixtures/fuzz/workspace/plan.yaml`).
    static let plan = try! String(contentsOf: CLIRunner.fixtures.appendingPathComponent("fuzz/workspace/plan.yaml"), encoding: .utf8)

    /// A workspace holding `plan` (bytes), removed by the caller via its parent.
    static func workspace(_ plan: Data) throws -> URL {
        let folder = try CLIRunner.temporaryDirectory().appendingPathComponent("ws")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try plan.write(to: folder.appendingPathComponent("plan.yaml"))
        return folder
    }

    static func workspace(_ plan: String) throws -> URL { try workspace(Data(plan.utf8)) }

    /// `convene ARGS`, killed if it runs past `deadline` seconds (then status is not 0, 1 or 2).
    static func run(_ arguments: [String], deadline: Double = 120) throws -> CLIRunner.Result {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: CLIRunner.Result?
        nonisolated(unsafe) var failure: Error?
        let watched = Thread {
            do { result = try CLIRunner.run(arguments) } catch { failure = error }
            done.signal()
        }
        watched.start()
        if done.wait(timeout: .now() + deadline) == .timedOut {
            _ = try? CLIRunner.runTool("pkill", ["-KILL", "-f", "-x", ([CLIRunner.executable.path] + arguments).joined(separator: " ")])
            done.wait()
        }
        if let failure { throw failure }
        return result!
    }

    static func replacing(_ old: String, with new: String) -> String {
        precondition(plan.contains(old))
        return plan.replacingOccurrences(of: old, with: new)
    }

    static let everyPartRule = "FREQ=YEARLY;BYHOUR=" + (0..<24).map(String.init).joined(separator: ",")
        + ";BYMINUTE=" + (0..<60).map(String.init).joined(separator: ",") + ";BYSECOND=" + (0..<60).map(String.init).joined(separator: ",")

    /// Plans that crashed or hung Convene, or slipped control characters into exports; each with
    /// the line:column and words its message must have.
    static let hostilePlans: [(name: String, text: String, where: String, says: String)] = [
        ("alias bomb", plan + (0..<10).map { level in
            "a\(level): &a\(level) [" + (level == 0 ? Array(repeating: "\"x\"", count: 10) : Array(repeating: "*a\(level - 1)", count: 10)).joined(separator: ",") + "]"
        }.joined(separator: "\n") + "\n", ":", "aliases"),
        ("100 000 nested [", plan + "blackouts: " + String(repeating: "[", count: 100_000) + "\n", "plan.yaml:20:", "levels deep"),
        ("100 000 nested - ", plan + "blackouts:\n  " + String(repeating: "- ", count: 100_000) + "x\n", "plan.yaml:21:", "levels deep"),
        ("every second of a year by BY-parts", replacing("    venue: hall\n", with: "    venue: hall\n    recurrence: {rule: \"\(everyPartRule)\"}\n"), "plan.yaml:11:", "occurrences"),
        ("hourly by minute and second", replacing("    venue: hall\n", with: "    venue: hall\n    recurrence: {rule: \"FREQ=HOURLY;BYMINUTE=\((0..<60).map(String.init).joined(separator: ","));BYSECOND=\((0..<60).map(String.init).joined(separator: ","))\"}\n"), "plan.yaml:11:", "occurrences"),
        // Under the calendar-file limit (about 700 000 in the window), but each sitting is placed in
        // its zone and compared: a plan's event may have 10 000.
        ("600 a day for 75 years", replacing("    venue: hall\n", with: "    venue: hall\n    recurrence: {rule: \"FREQ=DAILY;BYMINUTE=\(stride(from: 0, to: 60, by: 3).map(String.init).joined(separator: ","));BYSECOND=\(stride(from: 0, to: 60, by: 2).map(String.init).joined(separator: ","));UNTIL=20991231T000000Z\"}\n"), "plan.yaml:11:", "occurrences"),
        ("every second, no COUNT", replacing("    venue: hall\n", with: "    venue: hall\n    recurrence: {rule: FREQ=SECONDLY}\n"), "plan.yaml:11:", "occurrences"),
        ("NUL in a title", replacing("title: Roundtable", with: "title: \"Round\\0table\""), "plan.yaml:12:12", "control character"),
        ("line break in the workspace name", replacing("workspace: hostile", with: "workspace: \"evil\\r\\nATTENDEE:mailto:x@evil.example\""), "plan.yaml:1:12", "workspace"),
        ("slash in the workspace name", replacing("workspace: hostile", with: "workspace: ../../evil"), "plan.yaml:1:12", "workspace name"),
        ("line break in a venue URL", replacing("capacity: 40}", with: "capacity: 40, url: \"https://x.example/\\r\\nATTENDEE:mailto:x@evil.example\"}"), "plan.yaml:9:", "'url'"),
        ("NUL in an email", replacing("ada@fuzz.example", with: "\"ada\\0@fuzz.example\""), "plan.yaml:6:", "'email'"),
        ("line break in a time zone", replacing("timezone: Europe/London", with: "timezone: \"Europe/London\\r\\nX-INJECTED:1\""), "plan.yaml:9:", "'timezone'"),
        ("line break in a rule", replacing("    venue: hall\n", with: "    venue: hall\n    recurrence: {rule: \"FREQ=WEEKLY;COUNT=2\\r\\nATTENDEE:mailto:x@evil.example\"}\n"), "plan.yaml:17:", "'rule'"),
        // libyaml reads no simple key longer than 1024 characters: a YAML syntax error on its line.
        ("10 MB unknown key", plan + String(repeating: "k", count: 10_000_000) + ": 1\n", "plan.yaml:20:", "YAML syntax"),
        ("100 000 keys each written twice", plan + "x: {" + (0..<100_000).map { "k\($0): 1, k\($0): 2" }.joined(separator: ", ") + "}\n", "plan.yaml:20:", "written twice"),
        ("100 KB unknown person", replacing("{person: grace-hopper, role: required}", with: "{person: " + String(repeating: "g", count: 100_000) + ", role: required}"), "plan.yaml:19:", "unknown person"),
    ]

    @Test(arguments: hostilePlans.indices)
    func aHostilePlanIsRefusedWithALocatedMessage(index: Int) throws {
        let hostile = Self.hostilePlans[index]
        let ws = try Self.workspace(hostile.text)
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        // Every command that reads the plan; the largest inputs only through `validate` (same reader).
        for command in hostile.text.utf8.count < 200_000 ? ["validate", "check", "export"] : ["validate"] {
            let result = try Self.run([command, "--workspace", ws.path])
            #expect(result.status == 2, "\(hostile.name), \(command): \(result.status) \(result.stderr.prefix(500))")
            #expect(result.stderr.contains(hostile.where), "\(hostile.name), \(command): \(result.stderr.prefix(500))")
            #expect(result.stderr.contains(hostile.says), "\(hostile.name), \(command): \(result.stderr.prefix(500))")
            #expect(!result.stderr.contains("\u{0}") && !result.stderr.contains("\u{1B}"))
        }
        #expect(!FileManager.default.fileExists(atPath: ws.appendingPathComponent("export").path), "\(hostile.name)")
    }

    @Test func invalidUTF8AndNULAreReportedAtTheirOwnLineAndColumn() throws {
        var bytes = Array(Self.plan.utf8)
        let line12 = bytes.indices.filter { bytes[$0] == 0x0A }[10] + 1  // start of line 12
        var invalid = bytes
        invalid.insert(contentsOf: [0xFF, 0xFE], at: line12 + 4)
        bytes.insert(0x00, at: line12 + 4)
        for (data, expected) in [(Data(invalid), "plan.yaml:12:5: error: the plan is not UTF-8"), (Data(bytes), "plan.yaml:12:5: error: control character \\x00")] {
            let ws = try Self.workspace(data)
            defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
            let result = try Self.run(["validate", "--workspace", ws.path])
            #expect(result.status == 2)
            #expect(result.stderr.contains(expected), "\(result.stderr)")
        }
    }

    @Test func validateAndCheckGiveOneVerdict() throws {
        for rule in ["FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=WEEKLY;COUNT=3", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=12"] {
            let ws = try Self.workspace(Self.replacing("    venue: hall\n", with: "    venue: hall\n    recurrence: {rule: \"\(rule)\"}\n"))
            defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
            let validate = try Self.run(["validate", "--workspace", ws.path])
            let check = try Self.run(["check", "--workspace", ws.path])
            #expect((validate.status == 2) == (check.status == 2), "\(rule): validate \(validate.status), check \(check.status)\n\(validate.stderr)\n\(check.stderr)")
        }
    }

    /// Calendar files that hung `conflicts` or `import`.
    static let hostileCalendars: [(file: String, line: String, says: String)] = [
        ("rrule-yearly-byhour-byminute-bysecond.ics", "ics:9:", "occurrences"),
        ("rrule-hourly-byminute-bysecond.ics", "ics:9:", "occurrences"),
        ("vtimezone-freq-secondly-1601.ics", "ics:8:", "VTIMEZONE rule repeats FREQ=SECONDLY"),
    ]

    @Test(arguments: hostileCalendars.indices)
    func aHostileCalendarIsRefusedWithALocatedMessage(index: Int) throws {
        let hostile = Self.hostileCalendars[index]
        let file = CLIRunner.fixtures.appendingPathComponent("fuzz/ical/\(hostile.file)").path
        let conflicts = try Self.run(["conflicts", file])
        #expect(conflicts.status == 2, "\(conflicts.stderr)")
        #expect(conflicts.stderr.contains(hostile.line) && conflicts.stderr.contains(hostile.says), "\(conflicts.stderr)")
        let ws = try Self.workspace(Self.plan)
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let busy = try Self.run(["import", file, "--busy-for", "ada-lovelace", "--workspace", ws.path])
        #expect(busy.status == 2, "\(busy.stderr)")
        #expect(busy.stderr.contains(hostile.says), "\(busy.stderr)")
    }

    @Test func aTenMegabyteContentLineIsRefusedBeforeLibicalReadsIt() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("long-line.ics")
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//h//h//EN\r\nBEGIN:VEVENT\r\nUID:z@h\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240101T090000Z\r\nDESCRIPTION:"
            + String(repeating: "a", count: 10_000_000) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        try Data(text.utf8).write(to: file)
        let result = try Self.run(["conflicts", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("long-line.ics:8:1: error: this content line is longer than"), "\(result.stderr)")
    }

    @Test func aNonReplyIsToldItHasNoMethodBeforeAnythingExpands() throws {
        let ws = try Self.workspace(Self.plan)
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let file = CLIRunner.fixtures.appendingPathComponent("fuzz/ical/no-method-hourly-byparts.ics").path
        let result = try Self.run(["import", file, "--workspace", ws.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-method-hourly-byparts.ics:1:1: error: this is not a reply (METHOD is missing)"), "\(result.stderr)")
    }

    @Test func aFourMegabyteNameCellIsRefusedWithItsLine() throws {
        let ws = try Self.workspace(Self.plan)
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let sheet = ws.appendingPathComponent("big.csv")
        try Data(("name,email,status\nGrace Hopper,grace@fuzz.example,attended\n" + String(repeating: "A", count: 4_000_000) + ",a@b.example,attended\n").utf8).write(to: sheet)
        let result = try Self.run(["attend", "roundtable", "--csv", sheet.path, "--workspace", ws.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("big.csv:3:1: error: a cell on this row is 4000000 bytes long"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: ws.appendingPathComponent("records/attendance.json").path))
    }

    @Test func namesFromSheetsAndCalendarsReachTheTerminalEscaped() throws {
        let ws = try Self.workspace(Self.plan)
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let sheet = CLIRunner.fixtures.appendingPathComponent("fuzz/sheet/osc-escape-in-name.csv").path
        let attend = try Self.run(["attend", "roundtable", "--csv", sheet, "--workspace", ws.path])
        #expect(attend.status == 0, "\(attend.stderr)")
        #expect(attend.stdout.contains("Evil\\x1B]0;pwned\\x07 Name\\x1B[2J"), "\(attend.stdout)")
        #expect(!attend.stdout.contains("\u{1B}") && !attend.stdout.contains("\u{07}"))
        let report = try Self.run(["report", "levels", "--workspace", ws.path])
        #expect(!report.stdout.contains("\u{1B}"), "\(report.stdout)")
    }

    @Test func aFormulaBehindACombiningMarkIsStillNeutralised() throws {
        let ws = try Self.workspace(Self.replacing("title: Roundtable", with: "title: \"=\u{301}HYPERLINK(1)\""))
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        for format in ["csv"] {
            let result = try Self.run(["report", "levels", "--workspace", ws.path, "--format", format])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("'=\u{301}HYPERLINK(1)"), "\(format): \(result.stdout)")
        }
    }

    /// Every input kept from fuzzing (and each hostile input above, kept as a file) still ends in
    /// one of the exit codes Convene uses, never a crash.
    @Test func everyKeptFuzzingFindingEndsInAnExitCode() throws {
        let kept = CLIRunner.fixtures.appendingPathComponent("fuzz")
        let ws = try Self.workspace(Self.plan)
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        for target in ["plan", "ical", "sheet"] {
            let folder = kept.appendingPathComponent(target)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                let file = folder.appendingPathComponent(name)
                let result: CLIRunner.Result
                switch target {
                case "plan":
                    let own = try Self.workspace(try Data(contentsOf: file))
                    defer { try? FileManager.default.removeItem(at: own.deletingLastPathComponent()) }
                    result = try Self.run(["validate", "--workspace", own.path])
                case "ical": result = try Self.run(["conflicts", file.path])
                default: result = try Self.run(["attend", "roundtable", "--csv", file.path, "--workspace", ws.path, "--dry-run"])
                }
                #expect([0, 1, 2].contains(result.status), "\(target)/\(name): \(result.status) \(result.stderr.prefix(400))")
            }
        }
    }
}
