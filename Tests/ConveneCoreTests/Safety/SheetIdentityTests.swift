import Foundation
import Testing
@testable import ConveneCore

/// A sheet is named by its path in the workspace; records an earlier release made name it by its
/// file name alone, and recording the sheet again replaces those too.
@Suite("Safety: sheet identity")
struct SheetIdentityTests {
    static func record(_ person: String, source: String) -> AttendanceRecord {
        AttendanceRecord(eventID: "e1", personID: person, status: .attended, source: source)
    }

    @Test func aSourceIsALineOfOneSheet() {
        #expect(SheetIdentity.isLine("day-1/signin.csv:12", of: "day-1/signin.csv"))
        #expect(!SheetIdentity.isLine("day-1/signin.csv:12", of: "signin.csv"))
        #expect(!SheetIdentity.isLine("signin.csv:x", of: "signin.csv"))
        #expect(!SheetIdentity.isLine("signin.csv:", of: "signin.csv"))
        #expect(!SheetIdentity.isLine("signin.csv:2:3", of: "signin.csv"))
        #expect(!SheetIdentity.isLine("command line", of: "signin.csv"))
        #expect(!SheetIdentity.isLine(nil, of: "signin.csv"))
    }

    @Test func theFormerNameIsTheFileNameUnlessASheetAtTheRootHasIt() throws {
        let ws = FileManager.default.temporaryDirectory.appendingPathComponent("convene-sheet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: ws) }
        try FileManager.default.createDirectory(at: ws.appendingPathComponent("day-1"), withIntermediateDirectories: true)
        let nested = ws.appendingPathComponent("day-1/signin.csv"), root = ws.appendingPathComponent("signin.csv")
        #expect(SheetIdentity.of(nested, workspace: ws) == "day-1/signin.csv")
        #expect(SheetIdentity.formerName(of: nested, workspace: ws) == "signin.csv")
        #expect(SheetIdentity.formerName(of: root, workspace: ws) == nil, "at the root the file name is the identity")
        try Data("Name\n".utf8).write(to: root)
        #expect(SheetIdentity.formerName(of: nested, workspace: ws) == nil, "signin.csv:LINE now means the root sheet")
    }

    @Test func recordingASheetReplacesItsRecordsInTheFormerForm() {
        var book = AttendanceBook(records: [Self.record("a", source: "signin.csv:2"), Self.record("b", source: "signin.csv:3"),
                                            Self.record("c", source: "other.csv:2"), Self.record("d", source: "day-2/signin.csv:2")])
        let change = book.record([Self.record("a", source: "day-1/signin.csv:2")], replacingSheet: "day-1/signin.csv",
                                 formerName: "signin.csv", eventID: "e1")
        #expect(change.removed == 1 && change.changed == 1)
        #expect(book.records.map { "\($0.personID!)=\($0.source!)" } == ["a=day-1/signin.csv:2", "c=other.csv:2", "d=day-2/signin.csv:2"])
        // Without the former name (as before), b stayed.
        var old = AttendanceBook(records: [Self.record("a", source: "signin.csv:2"), Self.record("b", source: "signin.csv:3")])
        old.record([Self.record("a", source: "day-1/signin.csv:2")], replacingSheet: "day-1/signin.csv", eventID: "e1")
        #expect(old.records.count == 2)
    }
}
