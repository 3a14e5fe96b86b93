import Foundation
import Testing
@testable import ConveneCore

/// The export history keeps each event's cancellation lines as one text (lines joined by line
/// feeds); histories that list them one by one, as earlier releases wrote them, read the same.
@Suite("Records: the export history's cancellation lines")
struct ExportLedgerCodingTests {
    static let lines = ["DTSTART;TZID=Europe/Helsinki:20250322T141500", "SUMMARY:Budget\\, first reading",
                        "ATTENDEE:mailto:a@example.org", "ATTENDEE:mailto:b@example.org"]

    @Test func linesAreWrittenAsOneTextAndReadBackAsLines() throws {
        let ledger = ExportLedger(entries: ["e": .init(uid: "e@w.convene", sequence: 3, fingerprint: "f", contentHash: "h",
                                                       dtstamp: "20250101T000000Z", cancellationLines: Self.lines)])
        let data = try ledger.recordLines()
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let entry = try #require((json["entries"] as? [String: Any])?["e"] as? [String: Any])
        #expect(entry["cancellationLines"] as? String == Self.lines.joined(separator: "\n"))
        let back = try JSONDecoder().decode(ExportLedger.self, from: data)
        #expect(back == ledger)
    }

    @Test func aListOfLinesAsEarlierReleasesWroteItStillReads() throws {
        let listed = try JSONSerialization.data(withJSONObject: ["entries": ["e": [
            "uid": "e@w.convene", "sequence": 3, "fingerprint": "f", "contentHash": "h", "dtstamp": "20250101T000000Z",
            "removed": false, "cancellationLines": Self.lines]]])
        let ledger = try JSONDecoder().decode(ExportLedger.self, from: listed)
        #expect(ledger.entries["e"]?.cancellationLines == Self.lines)
        #expect(ledger.entries["e"]?.sequence == 3)
    }

    /// An export makes the attendee lines as bytes, each after a line feed, and the leading
    /// lines as strings: the text is the same as for all the lines given as strings.
    @Test func linesFollowedByLineBytesMakeTheSameText() {
        let attendees = Array(Self.lines[2...].map { "\n" + $0 }.joined().utf8)
        #expect(ExportLedger.Entry.text(of: Array(Self.lines[..<2]), followedBy: attendees) == Self.lines.joined(separator: "\n"))
        #expect(ExportLedger.Entry.text(of: [], followedBy: attendees) == Self.lines[2...].joined(separator: "\n"))
        #expect(ExportLedger.Entry(uid: "e@w.convene", sequence: 0, fingerprint: "f", contentHash: "h", dtstamp: "20250101T000000Z",
                                   cancellationLines: Self.lines).cancellationLines == Self.lines)
    }

    @Test func noLinesIsAnEmptyText() throws {
        let ledger = ExportLedger(entries: ["e": .init(uid: "e@w.convene", sequence: 0, fingerprint: "f", contentHash: "h",
                                                       dtstamp: "20250101T000000Z", removed: true)])
        let back = try JSONDecoder().decode(ExportLedger.self, from: try ledger.recordLines())
        #expect(back.entries["e"]?.cancellationLines == [])
    }
}
