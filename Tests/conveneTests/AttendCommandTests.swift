import Foundation
import Testing

/// End-to-end: `convene attend` on a copy of the hand-checked attendance workspace.
@Suite("convene attend")
struct AttendCommandTests {
    static let workspace = CLIRunner.repositoryRoot.appendingPathComponent("Tests/ConveneCoreTests/Fixtures/attendance/workspace")
    static let sheets = CLIRunner.fixtures.appendingPathComponent("attendance")

    /// A fresh copy of the workspace (without any attendance recorded), removed by the caller.
    static func copy() throws -> URL {
        let dir = try CLIRunner.temporaryDirectory()
        let target = dir.appendingPathComponent("workspace")
        try FileManager.default.copyItem(at: workspace, to: target)
        try? FileManager.default.removeItem(at: target.appendingPathComponent("records/attendance.json"))
        return target
    }

    static func attend(_ arguments: [String], in workspace: URL) throws -> CLIRunner.Result {
        try CLIRunner.run(["attend"] + arguments + ["--workspace", workspace.path])
    }

    static func book(_ workspace: URL) -> Data? {
        FileManager.default.contents(atPath: workspace.appendingPathComponent("records/attendance.json").path)
    }

    static func records(_ workspace: URL) throws -> [[String: Any]] {
        let data = try #require(book(workspace))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(json["records"] as? [[String: Any]])
    }

    @Test func recordingTheSameSheetsTwiceLeavesTheFileByteForByteTheSame() throws {
        let ws = try Self.copy()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        for event in ["ug-roundtable", "ug-follow-up", "mw-dialogue"] {
            let result = try Self.attend([event, "--csv", ws.appendingPathComponent("attendance/\(event).csv").path], in: ws)
            #expect(result.status == 0, "\(event): \(result.stdout)\n\(result.stderr)")
        }
        let first = try #require(Self.book(ws))
        #expect(try Self.records(ws).count == 14)
        let again = try Self.attend(["ug-roundtable", "--csv", ws.appendingPathComponent("attendance/ug-roundtable.csv").path], in: ws)
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 new, 0 changed, 8 unchanged"), "\(again.stdout)")
        #expect(Self.book(ws) == first)
        let deputy = try CLIRunner.run(["attend", "ug-follow-up", "--csv", ws.appendingPathComponent("attendance/ug-follow-up.csv").path,
                                        "--workspace", ws.path])
        #expect(deputy.stdout.contains("deputy   line 2: Ronald Kiggundu (ronald) for Regina Bakitte (regina)"), "\(deputy.stdout)")
        #expect(Self.book(ws) == first)
    }

    @Test func aMalformedSheetIsBadInputWithItsLineAndNothingIsRecorded() throws {
        let ws = try Self.copy()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        #expect(try Self.attend(["ug-roundtable", "--csv", ws.appendingPathComponent("attendance/ug-roundtable.csv").path], in: ws).status == 0)
        let before = try #require(Self.book(ws))

        let columns = try Self.attend(["ug-follow-up", "--csv", Self.sheets.appendingPathComponent("wrong-columns.csv").path], in: ws)
        #expect(columns.status == 2)
        #expect(columns.stderr.contains("wrong-columns.csv:3:1: error: this row has 4 fields but the header has 3"), "\(columns.stderr)")
        #expect(columns.stderr.contains("fix: a value containing ',' must be in double quotes"))
        #expect(columns.stderr.contains("nothing was written"))

        let latin1 = try Self.attend(["ug-follow-up", "--csv", Self.sheets.appendingPathComponent("latin1.csv").path], in: ws)
        #expect(latin1.status == 2)
        #expect(latin1.stderr.contains("latin1.csv:3:4: error: the sign-in sheet is not UTF-8 text"), "\(latin1.stderr)")
        #expect(Self.book(ws) == before)
    }

    @Test func nearMissesAreShownAndLeftOutUntilAccepted() throws {
        let ws = try Self.copy()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let sheet = Self.sheets.appendingPathComponent("near-misses.csv").path
        let shown = try Self.attend(["ug-follow-up", "--csv", sheet], in: ws)
        #expect(shown.status == 1, "\(shown.stdout)\n\(shown.stderr)")
        #expect(shown.stdout.contains("NOT RECORDED line 2: 'Regina Bakite' is not in the plan; did you mean regina (Regina Bakitte)?"), "\(shown.stdout)")
        #expect(shown.stdout.contains("line 3: 'Kato Moses'") && shown.stdout.contains("given and family names swapped"))
        #expect(shown.stdout.contains("did you mean brian (Brian Mukasa)?"))
        #expect(try Self.records(ws).compactMap { $0["personID"] as? String } == ["dorothy"])

        let accepted = try Self.attend(["ug-follow-up", "--csv", sheet, "--accept-suggestions"], in: ws)
        #expect(accepted.status == 0, "\(accepted.stdout)\n\(accepted.stderr)")
        #expect(Set(try Self.records(ws).compactMap { $0["personID"] as? String }) == ["dorothy", "regina", "moses", "brian"])
    }

    @Test func onePersonAtATimeWithADeputy() throws {
        let ws = try Self.copy()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let result = try Self.attend(["ug-follow-up", "--person", "ronald", "--status", "attended", "--for", "regina", "--format", "json"], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        let record = try #require(try Self.records(ws).first)
        #expect(record["personID"] as? String == "ronald")
        #expect(record["onBehalfOf"] as? String == "regina")
        #expect(record["source"] as? String == "command line")

        let absent = try Self.attend(["ug-follow-up", "--person", "joseph", "--status", "absent"], in: ws)
        #expect(absent.status == 0)
        #expect(try Self.records(ws).count == 2)
    }

    @Test func unknownNamesAreBadInputWithSuggestions() throws {
        let ws = try Self.copy()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let event = try Self.attend(["ug-rountable", "--person", "regina"], in: ws)
        #expect(event.status == 2)
        #expect(event.stderr.contains("error: no event 'ug-rountable' in the plan"), "\(event.stderr)")
        #expect(event.stderr.contains("fix: did you mean 'ug-roundtable'?"))
        let person = try Self.attend(["ug-roundtable", "--person", "regna"], in: ws)
        #expect(person.status == 2)
        #expect(person.stderr.contains("did you mean 'regina'?"), "\(person.stderr)")
        let status = try Self.attend(["ug-roundtable", "--person", "regina", "--status", "late"], in: ws)
        #expect(status.status == 2)
        let neither = try Self.attend(["ug-roundtable"], in: ws)
        #expect(neither.status == 2)
        #expect(neither.stderr.contains("--csv FILE"))
        #expect(Self.book(ws) == nil)
    }

    @Test func aDryRunWritesNothing() throws {
        let ws = try Self.copy()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let result = try Self.attend(["ug-roundtable", "--csv", ws.appendingPathComponent("attendance/ug-roundtable.csv").path, "--dry-run"], in: ws)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Dry run: would record 8 new"), "\(result.stdout)")
        #expect(Self.book(ws) == nil)
    }
}
