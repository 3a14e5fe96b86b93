import ConveneCore
import ConveneICal
import Foundation

/// `convene publish` as one call: the workspace's vdir export, one resource per event, put on a
/// CalDAV calendar collection without ever overwriting a change made on the server.
///
/// - A new event: `PUT` with `If-None-Match: *`. A known one: `PUT` with `If-Match: ETAG`, only
///   when our bytes changed since the last publish (an unchanged plan sends no PUT at all).
/// - Cancelled events are published as the export writes them (STATUS:CANCELLED, SEQUENCE raised),
///   so every subscriber sees the cancellation; events removed from the plan are deleted
///   (`DELETE` with `If-Match`), as their file leaves the exported vdir.
/// - A 412 means the server's copy is not the one we stored: it is fetched and compared (by what
///   libical reads in it). When it is what we were putting (a run stopped after the server stored
///   it), it is adopted; otherwise the event is refused, the server copy kept, and the difference
///   reported. `force` overwrites it (still conditionally, on the ETag just read).
/// - Before any PUT the run records what it is about to store, and records ETags as answers come
///   (every few hundred, and at the end), in `records/caldav.json`: a run stopped at any moment and
///   run again creates no duplicate (resource names come from UIDs) and loses nothing.
public enum Publisher {
    public struct Options: Sendable {
        public var calendar: String?
        public var create = false
        public var force = false
        /// Requests in flight at once.
        public var concurrency = 4
        public var timeout: Double = 30
        public var retries = 3
        /// DTSTAMP for events that changed since the last export.
        public var now: UnixSeconds

        public init(calendar: String? = nil, create: Bool = false, force: Bool = false, concurrency: Int = 4,
                    timeout: Double = 30, retries: Int = 3, now: UnixSeconds) {
            self.calendar = calendar
            self.create = create
            self.force = force
            self.concurrency = concurrency
            self.timeout = timeout
            self.retries = retries
            self.now = now
        }
    }

    /// An event the server's copy of which was kept.
    public struct Refusal: Sendable, Hashable, Codable {
        public var event: String
        public var resource: String
        public var reason: String
        /// What the server's copy says differently from the plan.
        public var differences: [String]
    }

    /// An event that could not be published for another reason (the server rejected it).
    public struct Failure: Sendable, Hashable, Codable {
        public var event: String
        public var resource: String
        public var message: String
    }

    public struct Summary: Sendable, Codable {
        public var collection: String
        public var collectionCreated: Bool
        /// Event ids.
        public var created: [String] = []
        public var updated: [String] = []
        public var unchanged = 0
        public var deleted: [String] = []
        public var refused: [Refusal] = []
        public var failed: [Failure] = []
        /// HTTP requests sent, discovery included.
        public var requests = 0
        public var seconds = 0.0
        /// Why the run stopped before the end, if it did (the server stopped answering...).
        public var stopped: String?
        public var stoppedHint: String?
    }

    /// Publishes `workspace` to the server. Throws `InputError` for an unusable plan and
    /// `DAVError` when the collection cannot be found or made; problems with single events are in
    /// the summary, and so is a server that stopped answering halfway.
    /// - Parameter progress: (done, total) now and then while requests run.
    public static func run(workspace path: String, account: ServerAccount, options: Options,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Summary {
        let began = Date()
        let workspace = URL(fileURLWithPath: path)
        let snapshot = try PlanSnapshot.make(workspace: workspace, now: options.now, recordHistory: true)
        var records = try ServerRecords.load(workspace: workspace)
        let client = DAVClient(account: account, timeout: options.timeout, retries: options.retries, connections: options.concurrency)
        let collection = try CalendarCollection.find(client, name: options.calendar, defaultName: snapshot.plan.name, create: options.create)
        if records.collection(collection.key) == nil { records.setCollection(.init(url: collection.key)) }
        let known = records.resources(in: collection.key)

        // What to do, and what we are about to store, recorded before the first PUT.
        var actions: [Action] = []
        var intents = known
        var summary = Summary(collection: client.shown(collection.url), collectionCreated: collection.created)
        let local = Set(snapshot.resources.map(\.name))
        for resource in snapshot.resources {
            let record = known[resource.name]
            if let record, record.etag != nil, record.contentHash == resource.hash, record.pending == nil {
                summary.unchanged += 1
                continue
            }
            var intent = record ?? ServerRecords.Resource(collection: collection.key, name: resource.name, uid: resource.event.uid)
            intent.pending = resource.event.shape
            intents[resource.name] = intent
            actions.append(record?.etag == nil ? .create(resource, intent) : .update(resource, intent))
        }
        for record in known.values.sorted(by: { $0.name < $1.name }) where !local.contains(record.name) {
            actions.append(.delete(record))
        }
        records.setResources(intents.values, in: collection.key)
        try records.save(workspace: workspace)

        let run = PublishRun(records: records, collection: collection.key, workspace: workspace, total: actions.count, progress: progress)
        let step = PublishStep(client: client, collection: collection, force: options.force, suffix: "@\(snapshot.plan.name).convene")
        let queue = ActionQueue(actions)
        // One thread per request in flight (they mostly wait for the server; concurrentPerform
        // would give no more threads than cores).
        let senders = DispatchGroup()
        for _ in 0..<max(1, min(options.concurrency, actions.count)) {
            senders.enter()
            Thread.detachNewThread {
                while !run.isStopped, let action = queue.next() {
                    do {
                        run.finish(action, try step.perform(action))
                    } catch {
                        run.stop(error)
                    }
                }
                senders.leave()
            }
        }
        senders.wait()
        try run.save()
        run.fill(&summary)
        summary.requests = client.requestsSent
        summary.seconds = Date().timeIntervalSince(began)
        return summary
    }
}

/// One thing to do on the server.
enum Action: Sendable {
    case create(PlanSnapshot.Resource, ServerRecords.Resource)
    case update(PlanSnapshot.Resource, ServerRecords.Resource)
    case delete(ServerRecords.Resource)

    var name: String {
        switch self {
        case .create(let resource, _), .update(let resource, _): resource.name
        case .delete(let record): record.name
        }
    }
}

/// What came of an action, and the record to keep (nil: forget the resource).
enum Outcome: Sendable {
    case created(ServerRecords.Resource, event: String)
    case updated(ServerRecords.Resource, event: String)
    /// The server already held what we meant to put (a stopped run's work, or the same change).
    case adopted(ServerRecords.Resource)
    case deleted(event: String)
    case refused(Publisher.Refusal, keep: ServerRecords.Resource)
    case failed(Publisher.Failure, keep: ServerRecords.Resource)
}

/// Hands out actions to the threads that send them.
private final class ActionQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let actions: [Action]
    private var index = 0

    init(_ actions: [Action]) { self.actions = actions }

    func next() -> Action? {
        lock.lock()
        defer { lock.unlock() }
        guard index < actions.count else { return nil }
        index += 1
        return actions[index - 1]
    }
}

/// The state shared by the sending threads: records as answers come, saved every few hundred
/// answers or five seconds, and the tallies for the summary.
private final class PublishRun: @unchecked Sendable {
    private let lock = NSLock()
    private let saving = NSLock()
    private var records: ServerRecords
    private var resources: [String: ServerRecords.Resource]
    private let collection: String
    private let workspace: URL
    private let total: Int
    private let progress: (@Sendable (Int, Int) -> Void)?
    private var done = 0
    private var unsaved = 0
    private var lastSave = Date()
    private var stoppedBy: Error?
    private var created: [String] = [], updated: [String] = [], deleted: [String] = [], adopted = 0
    private var refused: [Publisher.Refusal] = [], failed: [Publisher.Failure] = []

    init(records: ServerRecords, collection: String, workspace: URL, total: Int, progress: (@Sendable (Int, Int) -> Void)?) {
        self.records = records
        self.collection = collection
        self.workspace = workspace
        self.total = total
        self.progress = progress
        resources = records.resources(in: collection)
    }

    var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stoppedBy != nil
    }

    func stop(_ error: Error) {
        lock.lock()
        if stoppedBy == nil { stoppedBy = error }
        lock.unlock()
    }

    func finish(_ action: Action, _ outcome: Outcome) {
        lock.lock()
        switch outcome {
        case .created(let record, let event):
            resources[record.name] = record
            created.append(event)
        case .updated(let record, let event):
            resources[record.name] = record
            updated.append(event)
        case .adopted(let record):
            resources[record.name] = record
            adopted += 1
        case .deleted(let event):
            resources[action.name] = nil
            deleted.append(event)
        case .refused(let refusal, let keep):
            resources[keep.name] = keep
            refused.append(refusal)
        case .failed(let failure, let keep):
            resources[keep.name] = keep
            failed.append(failure)
        }
        done += 1
        unsaved += 1
        let count = done
        let due = unsaved >= 250 || Date().timeIntervalSince(lastSave) > 5
        lock.unlock()
        if count % 25 == 0 || count == total { progress?(count, total) }
        if due { try? save() }
    }

    /// Writes the records as they stand (one writer at a time).
    func save() throws {
        saving.lock()
        defer { saving.unlock() }
        lock.lock()
        var copy = records
        copy.setResources(resources.values, in: collection)
        unsaved = 0
        lastSave = Date()
        lock.unlock()
        try copy.save(workspace: workspace)
    }

    func fill(_ summary: inout Publisher.Summary) {
        lock.lock()
        defer { lock.unlock() }
        summary.created = created.sorted()
        summary.updated = updated.sorted()
        summary.deleted = deleted.sorted()
        summary.unchanged += adopted
        summary.refused = refused.sorted { $0.event < $1.event }
        summary.failed = failed.sorted { $0.event < $1.event }
        if let stoppedBy {
            let explained = stoppedBy as? ExplainedError
            summary.stopped = explained?.message ?? "\(stoppedBy)"
            summary.stoppedHint = explained?.hint
        }
    }
}
