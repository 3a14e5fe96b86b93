import ConveneCore
import ConveneICal
import Foundation

/// `convene pull` as one call: read the collection's events as the server now holds them and
/// bring back what matters to the plan, without ever writing the plan:
/// - each invitee's PARTSTAT on events we published is recorded like an imported reply
///   (`records/replies.json`), so `events`, `check`, reports and the next export carry it;
/// - any other change made on the server (time, title, place, status, who is invited), and
///   events deleted there, are reported as a difference against the plan.
///
/// Reads changes since the last pull with `sync-collection` (RFC 6578) where the server offers
/// it, keeping the token in `records/caldav.json`; otherwise the whole collection with a
/// `calendar-query` (RFC 4791 §7.8).
public enum Puller {
    public struct Options: Sendable {
        public var calendar: String?
        public var timeout: Double = 30
        public var retries = 3

        public init(calendar: String? = nil, timeout: Double = 30, retries: Int = 3) {
            self.calendar = calendar
            self.timeout = timeout
            self.retries = retries
        }
    }

    /// A published event the server's copy of which differs from the plan.
    public struct Change: Sendable, Hashable, Codable {
        public var event: String
        public var differences: [String]
    }

    /// An answer found on the server that was not recorded, and why.
    public struct Ignored: Sendable, Hashable, Codable {
        public var event: String
        public var attendee: String
        public var reason: String
    }

    public struct Summary: Sendable, Codable {
        public var collection: String
        /// `sync-collection` or `calendar-query`.
        public var method: String
        /// Calendar objects read.
        public var read = 0
        /// Replies recorded (new or changed).
        public var recorded: [Reply] = []
        public var ignored: [Ignored] = []
        /// Published events changed on the server in other ways than replies.
        public var changed: [Change] = []
        /// Published events deleted on the server.
        public var deletedOnServer: [String] = []
        /// Objects in the collection that are not events of this plan.
        public var others = 0
        public var requests = 0
    }

    public static func run(workspace path: String, account: ServerAccount, options: Options) throws -> Summary {
        let workspace = URL(fileURLWithPath: path)
        let snapshot = try PlanSnapshot.make(workspace: workspace, now: Int64(Date().timeIntervalSince1970), recordHistory: false)
        var records = snapshot.records
        let serverRecords = try ServerRecords.load(workspace: workspace)
        let client = DAVClient(account: account, timeout: options.timeout, retries: options.retries)
        let collection = try CalendarCollection.find(client, name: options.calendar, defaultName: snapshot.plan.name, create: false)
        let state = serverRecords.collection(collection.key) ?? .init(url: collection.key)
        let reading = try CollectionReader(client: client, collection: collection).changes(since: state.syncToken)

        var summary = Summary(collection: client.shown(collection.url), method: reading.method)
        let known = serverRecords.resources(in: collection.key)
        var recordsChange = ServerRecords.Change()
        recordsChange.collections[collection.key] = .init(url: collection.key, syncToken: reading.syncToken)
        let plan = Dictionary(snapshot.resources.map { ($0.event.uid, $0) }, uniquingKeysWith: { first, _ in first })
        var people: [String: Person] = [:]
        for person in snapshot.plan.people {
            if let email = person.email { people["mailto:" + email.lowercased()] = person }
        }
        for (name, fetched) in reading.changed.sorted(by: { $0.key < $1.key }) {
            summary.read += 1
            guard let copy = try? StoredEvent.read(fetched.body, name: client.shown(collection.member(name))),
                  let ours = plan[copy.uid] else {
                summary.others += 1
                continue
            }
            let eventID = ours.eventID
            let sent = records.exports.entries[eventID]?.sequence ?? 0
            for attendee in copy.attendees {
                guard let person = people[attendee.address], let status = ReplyImport.status(attendee.participation) else { continue }
                if records.replies.status(of: person.id, at: eventID) == status { continue }
                if copy.sequence < sent {
                    summary.ignored.append(Ignored(event: eventID, attendee: person.id,
                                                   reason: "answers SEQUENCE \(copy.sequence), but the event is at SEQUENCE \(sent)"))
                    continue
                }
                let reply = Reply(eventID: eventID, personID: person.id, status: status, delegatedTo: attendee.delegatedTo.first, sequence: copy.sequence)
                records.replies.record(reply)
                summary.recorded.append(reply)
            }
            if known[name]?.shape == copy.shape || copy.shape == ours.event.shape {
                // Only answers changed (now recorded), or nothing: the next publish may replace
                // this copy, so remember its ETag.
                if var record = known[name], let etag = fetched.etag {
                    record.etag = etag
                    recordsChange.set(record)
                }
            } else {
                summary.changed.append(Change(event: eventID, differences: ours.event.differences(from: copy)))
            }
        }
        for name in reading.removed.sorted() {
            if let record = known[name], plan[record.uid] != nil { summary.deletedOnServer.append(plan[record.uid]!.eventID) }
        }
        summary.recorded.sort { ($0.eventID, $0.personID) < ($1.eventID, $1.personID) }
        summary.requests = client.requestsSent
        // Both files are re-read under the records lock and changed there, so that an import or a
        // publish run at the same time loses nothing.
        let recorded = summary.recorded
        try WorkspaceRecords.update(workspace: workspace) { current in
            for reply in recorded { current.replies.record(reply) }
        }
        try ServerRecords.update(workspace: workspace, recordsChange)
        return summary
    }

}
