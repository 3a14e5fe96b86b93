import ConveneCore
import Foundation
import Testing
@testable import ConveneDAV

/// `records/caldav.json` as earlier builds wrote it (one object with two lists) is still read,
/// and the next change rewrites it one record a line without losing an ETag.
struct ServerRecordsLayoutTests {
    static let earlierFile = """
        {
        "collections": [
          {"syncToken":"http://radicale.org/ns/sync/abc","url":"https://dav.example.org/cal/"}
        ],
        "resources": [
          {"collection":"https://dav.example.org/cal/","contentHash":"h1","etag":"\\"e1\\"","name":"one.ics","shape":"s1","uid":"one@ws"},
          {"collection":"https://dav.example.org/cal/","name":"two.ics","pending":"s2","uid":"two@ws"}
        ]
        }

        """

    static func workspace(holding text: String) throws -> URL {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("convene-dav-layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace.appendingPathComponent("records"), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: ServerRecords.file(in: workspace))
        return workspace
    }

    @Test func earlierLayoutIsReadAndRewrittenOneRecordALine() throws {
        let workspace = try Self.workspace(holding: Self.earlierFile)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let records = try ServerRecords.load(workspace: workspace)
        let collection = "https://dav.example.org/cal/"
        #expect(records.collection(collection)?.syncToken == "http://radicale.org/ns/sync/abc")
        let resources = records.resources(in: collection)
        #expect(resources.keys.sorted() == ["one.ics", "two.ics"])
        #expect(resources["one.ics"]?.etag == "\"e1\"")
        #expect(resources["one.ics"]?.contentHash == "h1")
        #expect(resources["two.ics"]?.pending == "s2")

        var change = ServerRecords.Change()
        change.set(ServerRecords.Resource(collection: collection, name: "three.ics", uid: "three@ws", etag: "\"e3\""))
        try ServerRecords.update(workspace: workspace, change)
        let text = try String(contentsOf: ServerRecords.file(in: workspace), encoding: .utf8)
        #expect(text.hasPrefix("["), "rewritten as a list: \(text)")
        let again = try ServerRecords.load(workspace: workspace)
        #expect(again.resources(in: collection).keys.sorted() == ["one.ics", "three.ics", "two.ics"])
        #expect(again.resources(in: collection)["one.ics"]?.etag == "\"e1\"")
        #expect(again.collection(collection)?.syncToken == "http://radicale.org/ns/sync/abc")
    }

    @Test func aDamagedObjectIsRefusedWithTheFile() throws {
        let workspace = try Self.workspace(holding: "{\"collections\": 3}\n")
        defer { try? FileManager.default.removeItem(at: workspace) }
        #expect {
            try ServerRecords.load(workspace: workspace)
        } throws: { error in
            "\(error)".contains("caldav.json")
        }
    }
}
