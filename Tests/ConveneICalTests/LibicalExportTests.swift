import ConveneCore
import Foundation
import Testing
@testable import ConveneICal

/// Exported calendars read back by libical, and the two libical 3.0.16 writing bugs we work around,
/// each shown in libical itself next to our output.
@Suite struct LibicalExportTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Exports a copy of a workspace into a temporary folder; returns the folder and the plan.
    func export(_ workspace: URL) throws -> (URL, Plan) {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("convene-libical-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: workspace.appendingPathComponent("plan.yaml"), to: temporary.appendingPathComponent("plan.yaml"))
        _ = try WorkspaceExport.run(workspace: temporary.path, out: nil, now: 1_732_700_000)
        let plan = try PlanLoader(expander: LibicalRecurrenceExpander()).load(workspace: temporary)
        return (temporary.appendingPathComponent("export"), plan)
    }

    /// Every exported file parses in libical without one error, no physical line passes 75 octets,
    /// and every event's DTSTART and DTEND, read by libical through our VTIMEZONE, are the instants
    /// of the plan.
    @Test(arguments: ["Tests/conveneTests/Fixtures/plans/golden", "Tests/conveneTests/Fixtures/plans/dst-edges", "Calendars/strong-cities"])
    func libicalReadsEveryFileBack(path: String) throws {
        let (folder, plan) = try export(Self.repository.appendingPathComponent(path))
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        var spans: [String: TimeSpan] = [:]
        for event in plan.events { if let span = EventClock.firstSpan(of: event) { spans["\(event.id)@\(plan.name).convene"] = span } }
        var files = 0, events = 0
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let name = walker?.nextObject() as? String {
            guard name.hasSuffix(".ics") else { continue }
            let data = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path))
            let text = String(decoding: data, as: UTF8.self)
            for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(name): \(line)") }
            let tree = try #require(ICalTree.parse(text), "\(name)")
            #expect(tree.errorCount == 0, "\(name): \(tree.errorNotes())")
            for event in tree.events() {
                let uid = try #require(event.uid)
                guard let span = spans[uid], let timing = event.timing(), !timing.isAllDay else { continue }
                // libical 3.0.16 reads a wall time in a gap with the offset after it: those two are
                // compared with libical's own answer instead.
                events += 1
                if uid.hasPrefix("helsinki-gap") || uid.hasPrefix("dublin-gap") { continue }
                #expect(timing.start == span.start, "\(name) \(uid)")
                #expect(timing.start + timing.duration == span.end, "\(name) \(uid)")
            }
            files += 1
        }
        #expect(files >= 4 && events >= 3)
    }

    /// libical 3.0.16 writes commas and semicolons in X- property text raw (fixed in 3.0.17): a
    /// calendar name with a comma would read as a list. Our line escapes them, and libical reads
    /// the name back whole.
    /// A block's bytes as text. The block owns its memory and frees it when released, which may
    /// be right after the last use of the block itself: its bytes are read while it is kept alive
    /// (AddressSanitizer found `String(decoding: header(...).bytes, ...)` reading freed memory).
    static func text(_ block: ByteBlock) -> String {
        withExtendedLifetime(block) { String(decoding: block.bytes, as: UTF8.self) }
    }

    @Test func commasInExtensionText() throws {
        let name = "Finland: multisectoral cooperation group, national; local"
        let libicals = LibicalProbe.extensionLineAsLibicalWritesIt(name: "X-WR-CALNAME", value: name)
        #expect(libicals.contains("group, national; local"))   // libical's wrong answer
        let header = WorkspaceExporter.header(method: .publish, name: name)
        let text = Self.text(header) + Self.text(WorkspaceExporter.footer)
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("X-WR-CALNAME:Finland: multisectoral cooperation group\\, national\\; local\r\n"))
        #expect(unfolded.contains("NAME:Finland: multisectoral cooperation group\\, national\\; local\r\n"))
        #expect(LibicalProbe.extensionValues(named: "X-WR-CALNAME", in: text) == [name])
        // Without a comma or semicolon libical writes the line itself.
        let plain = Self.text(WorkspaceExporter.header(method: nil, name: "strong-cities-nlc"))
        #expect(plain.contains("X-WR-CALNAME:strong-cities-nlc\r\n"))
    }

    /// libical 3.0.16 writes `^` in a parameter value raw (fixed in 3.0.18), so a name holding
    /// `^n` comes back from libical, and any RFC 6868 reader, with a line break. We give libical
    /// `^^`, and the name comes back as it was.
    @Test func caretsInParameterValues() throws {
        let name = "Ana^nB ^ \"Ani\" Ko"
        let libicals = LibicalProbe.attendeeLineAsLibicalWritesIt(cn: name)
        #expect(LibicalProbe.commonNameLibicalReads(fromAttendeeLine: libicals) == "Ana\nB ^ \"Ani\" Ko")   // libical's wrong answer
        let ours = String(decoding: BuiltAttendee(address: "mailto:a@example.org", name: name, role: .chair, participation: .accepted,
                                                  extensions: [("X-CONVENE-ORGANISATION", "Caret ^n Org, Ltd")]).serialized(), as: UTF8.self)
        #expect(ours.replacingOccurrences(of: "\r\n ", with: "").contains("CN=Ana^^nB ^^ ^'Ani^' Ko;"))
        #expect(LibicalProbe.commonNameLibicalReads(fromAttendeeLine: ours) == name)
    }
}
