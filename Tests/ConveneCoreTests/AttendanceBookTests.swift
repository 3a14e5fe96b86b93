import Foundation
import Testing
@testable import ConveneCore

/// The tool-owned attendance file: one record per person and event, idempotent, atomic.
@Suite("Attendance: the attendance book")
struct AttendanceBookTests {
    static func record(_ person: String, _ status: AttendanceStatus = .attended, event: String = "e1", source: String? = "s.csv:2") -> AttendanceRecord {
        AttendanceRecord(eventID: event, personID: person, status: status, source: source)
    }

    @Test func recordingTheSameRecordsTwiceChangesNothing() throws {
        var book = AttendanceBook()
        let first = book.record([Self.record("b"), Self.record("a", .absent)])
        let bytes = try book.encoded()
        let again = book.record([Self.record("b"), Self.record("a", .absent)])
        #expect(first.added == 2)
        #expect(again == AttendanceBook.Change(added: 0, changed: 0, unchanged: 2, removed: 0))
        #expect(try book.encoded() == bytes)
        #expect(book.records.map(\.personID) == ["a", "b"])
    }

    @Test func aNewStatusReplacesTheOldOne() {
        var book = AttendanceBook(records: [Self.record("a", .absent)])
        let change = book.record([Self.record("a", .attended)])
        #expect(change.changed == 1)
        #expect(book.records.map(\.status) == [.attended])
    }

    @Test func aCorrectedSheetReplacesOnlyWhatThatSheetRecorded() {
        var book = AttendanceBook(records: [Self.record("a"), Self.record("b"), Self.record("c", source: "day2.csv:2"),
                                            Self.record("a", event: "e2")])
        let change = book.record([Self.record("a")], replacingSheet: "s.csv", eventID: "e1")
        #expect(change.removed == 1)
        #expect(book.records.map { "\($0.eventID)/\($0.personID!)" } == ["e1/a", "e1/c", "e2/a"])
    }

    @Test func savingIsAtomicAndLeavesAnUnchangedFileAlone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-book-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var book = AttendanceBook()
        book.record([Self.record("a"), AttendanceRecord(eventID: "e1", guest: Guest(name: "Walk In", sector: .youth), status: .attended)])
        try book.save(workspace: folder)
        let file = AttendanceBook.url(workspace: folder)
        let written = try Data(contentsOf: file)
        let stamp = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        try AttendanceBook.load(workspace: folder).save(workspace: folder)
        #expect(try Data(contentsOf: file) == written)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date == stamp)
        #expect(try AttendanceBook.load(workspace: folder) == book)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
        #expect(leftovers == ["attendance.json"])
    }

    @Test func recordsAreSlicedByEventEvenWhenAFileIsOutOfOrder() throws {
        let book = AttendanceBook(records: [Self.record("b", event: "e2"), Self.record("a", event: "e1"), Self.record("c", event: "e2")])
        #expect(book.slicesByEvent().mapValues { $0.compactMap(\.personID) } == ["e1": ["a"], "e2": ["b", "c"]])
        let shuffled = #"{"version": 1, "records": [{"eventID": "e2", "personID": "b", "status": "attended"},"#
            + #"{"eventID": "e1", "personID": "a", "status": "attended"}, {"eventID": "e2", "personID": "c", "status": "absent"}]}"#
        let decoded = try JSONDecoder().decode(AttendanceBook.self, from: Data(shuffled.utf8))
        #expect(decoded.slicesByEvent().mapValues { $0.compactMap(\.personID) } == ["e1": ["a"], "e2": ["b", "c"]])
    }

    @Test func aDamagedFileIsBadInputNamingIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-book-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("records"), withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: AttendanceBook.url(workspace: folder))
        #expect(throws: InputError.self) { try AttendanceBook.load(workspace: folder) }
    }
}
