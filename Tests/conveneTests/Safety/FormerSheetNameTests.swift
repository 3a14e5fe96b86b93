import Foundation
import Testing

/// Records written by an earlier release name their sheet by its file name alone
/// (`uganda-esa-roundtable-2024.csv:LINE`, as the sample's own `records/attendance.json` does).
/// Recording that sheet again (now named by its path in the workspace) replaces them: a row
/// struck from the sheet goes, and no record is left in the old form beside the new one.
@Suite("Safety: records naming a sheet by its file name alone")
struct FormerSheetNameTests {
    static let event = "uganda-esa-roundtable-2024"

    /// The sheet-made records of `event` (source and attendee) and every other record, as
    /// Foundation's JSON reader reads `records/attendance.json`.
    func records(_ ws: URL) throws -> (sheet: [(source: String, attendee: String)], others: [NSDictionary]) {
        let book = try #require(try SafetyWorkspace.json(ws, "records/attendance.json") as? [String: Any])
        let all = try #require(book["records"] as? [[String: Any]])
        var sheet: [(String, String)] = [], others: [NSDictionary] = []
        for record in all {
            if record["eventID"] as? String == Self.event, let source = record["source"] as? String, source.contains(".csv:") {
                sheet.append((source, "\(record["personID"] ?? (record["guest"] as? [String: Any])?["name"] ?? "")"))
            } else {
                others.append(record as NSDictionary)
            }
        }
        return (sheet, others)
    }

    @Test func recordingASheetAgainReplacesRecordsThatNamedItByFileName() throws {
        let ws = try CLIRunner.copyOf(SafetyWorkspace.strongCities)
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let before = try records(ws)
        let sheetName = "\(Self.event).csv"
        try #require(before.sheet.count >= 5)
        try #require(before.sheet.allSatisfy { $0.source.hasPrefix(sheetName + ":") }, "the sample's records are in the old form")

        // The sheet with its last row struck out, recorded again.
        let sheet = ws.appendingPathComponent("attendance/\(sheetName)")
        let lines = try String(contentsOf: sheet, encoding: .utf8).split(separator: "\n").map(String.init)
        let struck = try #require(lines.last?.split(separator: ",").first.map(String.init))
        try (lines.dropLast().joined(separator: "\n") + "\n").write(to: sheet, atomically: true, encoding: .utf8)
        let attend = try CLIRunner.run(["attend", Self.event, "--csv", sheet.path, "--workspace", ws.path, "--accept-suggestions"])
        #expect(attend.status == 0, "\(attend.stdout)\(attend.stderr)")

        let after = try records(ws)
        #expect(after.sheet.count == before.sheet.count - 1, "\(after.sheet.map(\.attendee))")
        #expect(after.sheet.allSatisfy { $0.source.hasPrefix("attendance/\(sheetName):") }, "\(after.sheet.map(\.source))")
        #expect(Set(after.sheet.map(\.attendee)).count == after.sheet.count, "one record per attendee")
        #expect(before.sheet.contains { $0.attendee == struck } && !after.sheet.contains { $0.attendee == struck },
                "the struck walk-in \(struck)'s record is gone: \(after.sheet.map(\.attendee))")
        #expect(Set(after.others) == Set(before.others), "other events' records are left alone (the book is sorted again)")

        // Again: nothing changes.
        let bytes = try Data(contentsOf: ws.appendingPathComponent("records/attendance.json"))
        #expect(try CLIRunner.run(["attend", Self.event, "--csv", sheet.path, "--workspace", ws.path, "--accept-suggestions"]).status == 0)
        #expect(try Data(contentsOf: ws.appendingPathComponent("records/attendance.json")) == bytes)
    }
}
