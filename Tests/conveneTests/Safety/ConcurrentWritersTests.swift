import Foundation
import Testing

/// Nothing is lost when commands run at once: every writer of `records/` holds the records lock
/// and reads the records under it. Each scenario runs its writers together for 20 rounds, on a
/// fresh copy of the sample workspace each round, and checks that every record of every writer
/// is there afterwards (read back by Foundation's JSON reader, not by Convene).
@Suite("Safety: nothing lost when commands run at once", .serialized)
struct ConcurrentWritersTests {
    static let rounds = 20
    static let uganda = "uganda-esa-roundtable-2024", malawi = "malawi-followup-dialogue-2025"

    @Test func twoAttendRunsForDifferentEventsBothKeepTheirRecords() throws {
        for round in 1...Self.rounds {
            let ws = try SafetyWorkspace.strongCitiesCopy()
            defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
            let results = SafetyWorkspace.together([Self.uganda, Self.malawi].map { event in
                ["attend", event, "--csv", ws.appendingPathComponent("attendance/\(event).csv").path, "--workspace", ws.path]
            })
            for result in results { #expect(result.status == 0, "round \(round): \(result.stderr)") }
            let events = Set(try SafetyWorkspace.attendanceKeys(ws).map { String($0.prefix { $0 != "/" }) })
            #expect(events == [Self.uganda, Self.malawi], "round \(round)")
        }
    }

    @Test func twoReplyImportsAndAnExportAtOnceKeepEveryReply() throws {
        let replies = SafetyWorkspace.strongCities.appendingPathComponent("replies")
        let ugandaReply = replies.appendingPathComponent("uganda-esa-roundtable-2024-regina-bakitte.ics").path
        let malawiReply = replies.appendingPathComponent("malawi-followup-dialogue-2025-mercy-chirwa.ics").path
        for round in 1...Self.rounds {
            let ws = try SafetyWorkspace.strongCitiesCopy()
            defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
            let ledgerBefore = try #require(try SafetyWorkspace.json(ws, "records/exports.json") as? [String: Any])
            let results = SafetyWorkspace.together([
                ["import", ugandaReply, "--workspace", ws.path],
                ["import", malawiReply, "--workspace", ws.path],
                ["export", "--workspace", ws.path],
            ], environment: ["SOURCE_DATE_EPOCH": "1900000000"])
            for result in results { #expect(result.status == 0, "round \(round): \(result.stderr)") }
            #expect(try SafetyWorkspace.replyKeys(ws) == ["\(Self.uganda)/regina-bakitte", "\(Self.malawi)/mercy-chirwa"], "round \(round)")
            let ledgerAfter = try #require(try SafetyWorkspace.json(ws, "records/exports.json") as? [String: Any])
            let entriesBefore = try #require(ledgerBefore["entries"] as? [String: Any])
            let entriesAfter = try #require(ledgerAfter["entries"] as? [String: Any])
            #expect(Set(entriesBefore.keys).isSubset(of: Set(entriesAfter.keys)), "round \(round)")
        }
    }

    @Test func twoScheduleWritesAndAnAttendAtOnceKeepEverything() throws {
        for round in 1...Self.rounds {
            let ws = try SafetyWorkspace.strongCitiesCopy()
            defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
            try? FileManager.default.removeItem(at: ws.appendingPathComponent("records/proposals.yaml"))
            let results = SafetyWorkspace.together([
                ["schedule", "malawi-nlc", "--write", "--workspace", ws.path],
                ["schedule", "uganda-nlc", "--write", "--workspace", ws.path],
                ["attend", Self.uganda, "--csv", ws.appendingPathComponent("attendance/\(Self.uganda).csv").path, "--workspace", ws.path],
            ])
            for result in results { #expect(result.status == 0, "round \(round): \(result.stderr)") }
            let proposals = try String(contentsOf: ws.appendingPathComponent("records/proposals.yaml"), encoding: .utf8)
            #expect(proposals.contains("  malawi-nlc:") && proposals.contains("  uganda-nlc:"), "round \(round): \(proposals)")
            #expect(!(try SafetyWorkspace.attendanceKeys(ws)).isEmpty, "round \(round)")
        }
    }

    /// Two mail imports at once, each of its own Maildir (replies Python's `email` and
    /// `icalendar` build, and a message without one): every reply is in `records/replies.json` and
    /// every message in `records/mail-read.json`, whichever import wrote last.
    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func twoMailImportsAtOnceKeepEveryReplyAndEveryReadMessage() throws {
        let mail = try CLIRunner.copyOf(SafetyWorkspace.strongCities)
        defer { try? FileManager.default.removeItem(at: mail.deletingLastPathComponent()) }
        let script = CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/mail_replies.py").path
        let invitations = mail.appendingPathComponent("export/invitations").path
        let answers = [
            "a": ["\(Self.uganda),regina.bakitte@nansana.example,ACCEPTED,outlook,maildir", "note,,,,maildir"],
            "b": ["\(Self.uganda),moses.kato@nctc-ug.example,DECLINED,gmail,maildir", "note,,,,maildir"],
        ]
        for (name, specs) in answers {
            let folder = mail.deletingLastPathComponent()
            let made = try CLIRunner.runTool("python3", [script, invitations, folder.appendingPathComponent("Maildir-\(name)").path,
                                                         folder.appendingPathComponent("unused-\(name).mbox").path] + specs)
            #expect(made.status == 0, "\(made.stderr)")
        }
        let maildirs = ["a", "b"].map { mail.deletingLastPathComponent().appendingPathComponent("Maildir-\($0)").path }
        for round in 1...Self.rounds {
            let ws = try SafetyWorkspace.strongCitiesCopy()
            defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
            let results = SafetyWorkspace.together(maildirs.map { ["import", "--maildir", $0, "--workspace", ws.path] })
            for result in results { #expect(result.status == 0, "round \(round): \(result.stderr)") }
            #expect(try SafetyWorkspace.replyKeys(ws) == ["\(Self.uganda)/regina-bakitte", "\(Self.uganda)/moses-kato"], "round \(round)")
            let read = try SafetyWorkspace.json(ws, "records/mail-read.json") as? [[String: Any]] ?? []
            #expect(Set(read.compactMap { $0["messageID"] as? String }).count == 4, "round \(round): \(read)")
        }
    }

    /// Three `send` runs at once (to files, as `--out` writes them): one for each of two events
    /// and a second one for the first event. Every message sent is in `records/sent.json`, and no
    /// invitation goes to anyone twice.
    @Test func threeSendsAtOnceRecordEveryMessageAndSendNothingTwice() throws {
        for round in 1...Self.rounds {
            let ws = try SafetyWorkspace.strongCitiesCopy()
            defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
            let outbox = ws.deletingLastPathComponent().appendingPathComponent("outbox").path
            let results = SafetyWorkspace.together([Self.uganda, Self.malawi, Self.uganda].map { ["send", $0, "--out", outbox, "--workspace", ws.path] },
                                                   environment: ["SOURCE_DATE_EPOCH": "1900000000"])
            for result in results { #expect(result.status == 0, "round \(round): \(result.stderr)") }
            let records = try SafetyWorkspace.json(ws, "records/sent.json") as? [[String: Any]] ?? []
            #expect(Set(records.compactMap { $0["eventID"] as? String }) == [Self.uganda, Self.malawi], "round \(round)")
            // Each (event, recipient) once: in the log and among the files written.
            let pairs = records.flatMap { record in (record["recipients"] as? [String] ?? []).map { "\(record["eventID"] ?? "")/\($0)" } }
            #expect(Set(pairs).count == pairs.count, "round \(round): an invitation went to someone twice")
            let files = try FileManager.default.contentsOfDirectory(atPath: outbox).filter { $0.hasSuffix(".eml") }
            #expect(files.count == records.count && records.count == 2, "round \(round): \(files.count) files, \(records.count) records")
        }
    }

    /// Day 1 and day 2 of a two-day roundtable, both `signin.csv` in their own folders: the
    /// second sheet adds to the first instead of replacing it; recording a corrected day 1
    /// replaces only day 1's rows.
    @Test func twoSheetsWithTheSameFileNameAreTwoSheets() throws {
        let ws = try SafetyWorkspace.strongCitiesCopy()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let sheet = try String(contentsOf: ws.appendingPathComponent("attendance/\(Self.uganda).csv"), encoding: .utf8)
        let lines = sheet.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        #expect(lines.count >= 5)
        let half = 1 + (lines.count - 1) / 2
        let dayOne = [lines[0]] + lines[1..<half], dayTwo = [lines[0]] + lines[half...]
        for (day, rows) in [("day-1", dayOne), ("day-2", dayTwo)] {
            let folder = ws.appendingPathComponent("attendance/\(day)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try (rows.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("signin.csv"), atomically: true, encoding: .utf8)
        }
        func attend(_ day: String) throws -> CLIRunner.Result {
            try CLIRunner.run(["attend", Self.uganda, "--csv", ws.appendingPathComponent("attendance/\(day)/signin.csv").path,
                               "--workspace", ws.path, "--accept-suggestions"])
        }
        #expect(try attend("day-1").status == 0)
        let afterDayOne = try SafetyWorkspace.attendanceKeys(ws)
        #expect(try attend("day-2").status == 0)
        let afterBoth = try SafetyWorkspace.attendanceKeys(ws)
        #expect(afterDayOne.isSubset(of: afterBoth))
        #expect(afterBoth.count > afterDayOne.count)
        // Day 1 again with its last row struck out: that row alone goes.
        let corrected = (dayOne.dropLast()).joined(separator: "\n") + "\n"
        try corrected.write(to: ws.appendingPathComponent("attendance/day-1/signin.csv"), atomically: true, encoding: .utf8)
        #expect(try attend("day-1").status == 0)
        #expect(try SafetyWorkspace.attendanceKeys(ws).count == afterBoth.count - 1)
    }
}
