import ConveneCore
import Foundation

/// What Convene remembers about the CalDAV collections it publishes to, in the tool-owned
/// `records/caldav.json`: each collection's sync token, and for each resource its name, the ETag
/// the server gave and what we put there. One record a line; written to a temporary file and
/// renamed into place. Holds no credentials: collection addresses are kept without user or password.
struct ServerRecords: Sendable, Hashable, Codable {
    static let fileName = "caldav.json"

    /// One collection we published to or pulled from.
    struct Collection: Sendable, Hashable, Codable {
        var url: String
        /// RFC 6578's token from the last pull, when the server gave one.
        var syncToken: String?
    }

    /// One calendar object resource of ours.
    struct Resource: Sendable, Hashable, Codable {
        var collection: String
        /// The resource's name in the collection (the vdir file name).
        var name: String
        var uid: String
        /// The server's ETag for what it holds, as far as we know; nil until a PUT is confirmed.
        var etag: String?
        /// The hash of the bytes we last stored there.
        var contentHash: String?
        /// `StoredEvent.shape` of what we last stored there.
        var shape: String?
        /// `StoredEvent.shape` of what a PUT was about to store when the run was stopped: a copy
        /// on the server with this shape is ours, not someone else's change.
        var pending: String?
    }

    var collections: [Collection] = []
    var resources: [Resource] = []

    static func file(in workspace: URL) -> URL {
        workspace.appendingPathComponent(WorkspaceRecords.folderName).appendingPathComponent(fileName)
    }

    /// Reads the records; none when the file does not exist. A damaged file is bad input naming it.
    static func load(workspace: URL) throws -> ServerRecords {
        let file = file(in: workspace)
        guard let data = FileManager.default.contents(atPath: file.path) else { return ServerRecords() }
        do {
            return try JSONDecoder().decode(ServerRecords.self, from: data)
        } catch {
            throw InputError([Diagnostic(location: SourceLocation(file: WorkspaceRecords.folderName + "/" + fileName, line: 1),
                                         message: "tool-owned CalDAV record is damaged: \(Self.reason(error))",
                                         hint: "restore it from git, or remove it: the next publish then compares with the server (If-None-Match) and adopts what is already there")])
        }
    }

    /// Writes the records, one collection or resource a line, through a temporary file renamed
    /// into place; nothing when unchanged.
    func save(workspace: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func lines<T: Encodable>(_ values: [T]) throws -> String {
            try values.map { "  " + String(decoding: try encoder.encode($0), as: UTF8.self) }.joined(separator: ",\n")
        }
        let sortedResources = resources.sorted { ($0.collection, $0.name) < ($1.collection, $1.name) }
        let text = "{\n\"collections\": [\n\(try lines(collections.sorted { $0.url < $1.url }))\n],\n\"resources\": [\n\(try lines(sortedResources))\n]\n}\n"
        try AtomicFile.writeIfChanged(Data(text.utf8), to: Self.file(in: workspace))
    }

    func collection(_ url: String) -> Collection? { collections.first { $0.url == url } }

    mutating func setCollection(_ collection: Collection) {
        collections.removeAll { $0.url == collection.url }
        collections.append(collection)
    }

    /// The resources recorded for one collection, by name.
    func resources(in collection: String) -> [String: Resource] {
        Dictionary(resources.filter { $0.collection == collection }.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Replaces the records of one collection's resources.
    mutating func setResources(_ records: some Sequence<Resource>, in collection: String) {
        resources.removeAll { $0.collection == collection }
        resources += records
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.debugDescription
        case DecodingError.keyNotFound(let key, let context): "missing '\(key.stringValue)' at \(path(context))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "\(context.debugDescription) at \(path(context))"
        default: "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
