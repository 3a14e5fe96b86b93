import ConveneCore
import Foundation

/// What Convene remembers about the CalDAV collections it publishes to, in the tool-owned
/// `records/caldav.json`: each collection's sync token, and for each resource its name, the ETag
/// the server gave and what we put there. Holds no credentials: collection addresses are kept
/// without user or password.
///
/// The file is a list of records, one a line, read and written as every record file is
/// (``WorkspaceRecords/readList(_:_:what:)``,
/// ``WorkspaceRecords/writeList(_:named:workspace:skipEmpty:)``: `records/` entered without
/// following a symbolic link, a temporary file renamed into place). Every change goes through
/// ``update(workspace:_:)``, which re-reads the file under the workspace's ``RecordsLock``, so
/// two commands writing it at once (two publishes, a publish and a pull) keep each other's records.
struct ServerRecords: Sendable, Hashable {
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

    /// A change to the records, applied to what the file holds when it is written.
    struct Change: Sendable {
        /// Collections whose state is set (by URL).
        var collections: [String: Collection] = [:]
        /// Resources set (a record) or forgotten (nil), by collection then name.
        var resources: [String: [String: Resource?]] = [:]

        var isEmpty: Bool { collections.isEmpty && resources.isEmpty }

        mutating func set(_ resource: Resource) { resources[resource.collection, default: [:]][resource.name] = .some(resource) }
        mutating func forget(_ name: String, in collection: String) { resources[collection, default: [:]][name] = .some(nil) }
    }

    var collections: [String: Collection] = [:]
    /// By collection, then resource name.
    var resources: [String: [String: Resource]] = [:]

    static func file(in workspace: URL) -> URL {
        workspace.appendingPathComponent(WorkspaceRecords.folderName).appendingPathComponent(fileName)
    }

    /// Reads the records; none when the file does not exist. A damaged file is bad input naming
    /// its line. Read them under the lock (``update(workspace:_:)``) to change them.
    static func load(workspace: URL) throws -> ServerRecords {
        if let earlier = try EarlierLayout.read(file(in: workspace)) { return earlier }
        let lines = try WorkspaceRecords.readList(Line.self, file(in: workspace), what: "CalDAV record",
                                                  hint: "restore it from git, or remove it: the next publish then compares with the server (If-None-Match) and adopts what is already there")
        var records = ServerRecords()
        for line in lines {
            switch line {
            case .collection(let collection): records.collections[collection.url] = collection
            case .resource(let resource): records.resources[resource.collection, default: [:]][resource.name] = resource
            }
        }
        return records
    }

    /// Applies `change` to the records as the file holds them now (read under the records lock),
    /// and writes them back atomically (a file whose bytes would not change is left alone).
    static func update(workspace: URL, _ change: Change) throws {
        try update(workspace: workspace) { _ in change }
    }

    /// Reads the records under the records lock, lets `decide` say what changes in view of them,
    /// and writes them back before the lock is released. Returns the records written.
    @discardableResult
    static func update(workspace: URL, _ decide: (ServerRecords) throws -> Change) throws -> ServerRecords {
        try RecordsLock.hold(workspace: workspace) {
            var records = try load(workspace: workspace)
            let change = try decide(records)
            guard !change.isEmpty else { return records }
            records.apply(change)
            try WorkspaceRecords.writeList(records.lines, named: fileName, workspace: workspace)
            return records
        }
    }

    mutating func apply(_ change: Change) {
        for (url, collection) in change.collections { collections[url] = collection }
        for (collection, names) in change.resources {
            var known = resources[collection] ?? [:]
            for (name, record) in names { known[name] = record }
            resources[collection] = known.isEmpty ? nil : known
        }
    }

    /// The records as the file's lines: collections by URL, then resources by collection and name.
    var lines: [Line] {
        collections.values.sorted { $0.url < $1.url }.map(Line.collection)
            + resources.keys.sorted().flatMap { collection in
                resources[collection]!.values.sorted { $0.name < $1.name }.map(Line.resource)
            }
    }

    func collection(_ url: String) -> Collection? { collections[url] }

    /// The resources recorded for one collection, by name.
    func resources(in collection: String) -> [String: Resource] { resources[collection] ?? [:] }

    /// One line of the file: a collection's state, or one resource (which names its collection).
    enum Line: ListedRecord, Hashable {
        case collection(Collection)
        case resource(Resource)

        private enum Keys: String, CodingKey { case name }

        init(from decoder: any Decoder) throws {
            // A resource has a name; a collection's line has none.
            if try decoder.container(keyedBy: Keys.self).contains(.name) {
                self = .resource(try Resource(from: decoder))
            } else {
                self = .collection(try Collection(from: decoder))
            }
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .collection(let collection): try collection.encode(to: encoder)
            case .resource(let resource): try resource.encode(to: encoder)
            }
        }
    }

    /// The earlier layout of `caldav.json` (one object holding a list of collections and a list
    /// of resources), written before it became one record a line. It is still read; the next
    /// change writes the records one a line.
    struct EarlierLayout: Decodable {
        var collections: [Collection]
        var resources: [Resource]

        /// The records, when `file` is in the earlier layout (its first non-blank byte is `{`);
        /// nil when it is not (or there is no file), so the list reader takes it.
        static func read(_ file: URL) throws -> ServerRecords? {
            guard let data = FileManager.default.contents(atPath: file.path),
                  data.first(where: { !" \t\r\n".utf8.contains($0) }) == UInt8(ascii: "{") else { return nil }
            let earlier: EarlierLayout
            do {
                earlier = try JSONDecoder().decode(EarlierLayout.self, from: data)
            } catch {
                throw InputError([Diagnostic(location: SourceLocation(file: WorkspaceRecords.folderName + "/" + fileName, line: 1),
                                             message: "tool-owned CalDAV record is damaged: it is neither a list of records nor the earlier object layout",
                                             hint: "restore it from git, or remove it: the next publish then compares with the server (If-None-Match) and adopts what is already there")])
            }
            var records = ServerRecords()
            for collection in earlier.collections { records.collections[collection.url] = collection }
            for resource in earlier.resources { records.resources[resource.collection, default: [:]][resource.name] = resource }
            return records
        }
    }
}
