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
/// - Before any PUT the run records what it is about to store, and records ETags as answers come,
///   in `records/caldav.json`, each time re-read and written under the workspace's records lock
///   (see ``ServerRecords``). Answers are saved in batches (at most every few seconds, and so that
///   saving takes at most a twentieth of the run), not once per event: a run stopped at any moment
///   and run again creates no duplicate (resource names come from UIDs; what a PUT was about to
///   store is known, so the copy a stopped run left is adopted) and loses nothing.
public enum Publisher {
    public struct Options: Sendable {
        public var calendar: String?
        public var create = false
        public var force = false
        /// Requests in flight at once.
        public var jobs = 4
        public var timeout: Double = 30
        public var retries = 3
        /// DTSTAMP for events that changed since the last export.
        public var now: UnixSeconds

        public init(calendar: String? = nil, create: Bool = false, force: Bool = false, jobs: Int = 4,
                    timeout: Double = 30, retries: Int = 3, now: UnixSeconds) {
            self.calendar = calendar
            self.create = create
            self.force = force
            self.jobs = jobs
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
        let client = DAVClient(account: account, timeout: options.timeout, retries: options.retries, connections: options.jobs)
        let collection = try CalendarCollection.find(client, name: options.calendar, defaultName: snapshot.plan.name, create: options.create)
        var summary = Summary(collection: client.shown(collection.url), collectionCreated: collection.created)

        // What to do, decided on the records as they are now, and what we are about to store,
        // recorded before the first PUT.
        var actions: [Action] = []
        try ServerRecords.update(workspace: workspace) { records in
            var intents = ServerRecords.Change()
            if records.collection(collection.key) == nil { intents.collections[collection.key] = .init(url: collection.key) }
            let known = records.resources(in: collection.key)
            let local = Set(snapshot.resources.map(\.name))
            for resource in snapshot.resources {
                let record = known[resource.name]
                if let record, record.etag != nil, record.contentHash == resource.hash, record.pending == nil {
                    summary.unchanged += 1
                    continue
                }
                var intent = record ?? ServerRecords.Resource(collection: collection.key, name: resource.name, uid: resource.event.uid)
                intent.pending = resource.event.shape
                intents.set(intent)
                actions.append(record?.etag == nil ? .create(resource, intent) : .update(resource, intent))
            }
            for record in known.values.sorted(by: { $0.name < $1.name }) where !local.contains(record.name) {
                actions.append(.delete(record))
            }
            return intents
        }

        let run = PublishRun(collection: collection.key, workspace: workspace, total: actions.count, progress: progress)
        let step = PublishStep(client: client, collection: collection, force: options.force, suffix: "@\(snapshot.plan.name).convene")
        let queue = ActionQueue(actions)
        // One thread per request in flight (they mostly wait for the server; concurrentPerform
        // would give no more threads than cores).
        let senders = DispatchGroup()
        for _ in 0..<max(1, min(options.jobs, actions.count)) {
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

/// The state shared by the sending threads: the records as answers come, and the tallies for the
/// summary. Answers are written to `records/caldav.json` in batches: at most every
/// ``minimumInterval`` seconds, and never more often than keeps saving under a twentieth of the
/// run's time (each save re-reads and rewrites the file, so saving per answer would be quadratic).
private final class PublishRun: @unchecked Sendable {
    /// Seconds between two saves, at least.
    static let minimumInterval = 5.0
    /// Saving may take this share of the run's time, at most.
    static let savingShare = 0.05

    private let lock = NSLock()
    /// What this run changed in the records (applied to the file as it is at each save).
    private var change = ServerRecords.Change()
    private let collection: String
    private let workspace: URL
    private let total: Int
    private let progress: (@Sendable (Int, Int) -> Void)?
    private var done = 0
    private var saving = false
    private var lastSave = Date()
    private var lastSaveSeconds = 0.0
    private var stoppedBy: Error?
    private var created: [String] = [], updated: [String] = [], deleted: [String] = [], adopted = 0
    private var refused: [Publisher.Refusal] = [], failed: [Publisher.Failure] = []

    init(collection: String, workspace: URL, total: Int, progress: (@Sendable (Int, Int) -> Void)?) {
        self.collection = collection
        self.workspace = workspace
        self.total = total
        self.progress = progress
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
            change.set(record)
            created.append(event)
        case .updated(let record, let event):
            change.set(record)
            updated.append(event)
        case .adopted(let record):
            change.set(record)
            adopted += 1
        case .deleted(let event):
            change.forget(action.name, in: collection)
            deleted.append(event)
        case .refused(let refusal, let keep):
            change.set(keep)
            refused.append(refusal)
        case .failed(let failure, let keep):
            change.set(keep)
            failed.append(failure)
        }
        done += 1
        let count = done
        let waited = Date().timeIntervalSince(lastSave)
        let due = !saving && waited >= max(Self.minimumInterval, lastSaveSeconds / Self.savingShare)
        if due { saving = true }
        lock.unlock()
        if count % 25 == 0 || count == total { progress?(count, total) }
        if due { try? save() }
    }

    /// Writes what the run changed into the records as the file now holds them (under the lock).
    func save() throws {
        lock.lock()
        let pending = change
        let began = Date()
        lock.unlock()
        defer {
            lock.lock()
            saving = false
            lastSave = Date()
            lastSaveSeconds = lastSave.timeIntervalSince(began)
            lock.unlock()
        }
        try ServerRecords.update(workspace: workspace, pending)
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
