import ConveneCore
import Dispatch
import Foundation

/// What `convene export` wrote, and the export history it leaves behind.
public struct ExportResult: Sendable {
    /// Files written, relative to the output folder, sorted.
    public var written: [String]
    /// Files that were already there with the same bytes (left untouched).
    public var unchanged: Int
    /// Every file this export produced, written or unchanged (relative paths).
    public var produced: Set<String>
    public var ledger: ExportLedger
    /// Event ids whose SEQUENCE rose in this export.
    public var updated: [String]
    /// Event ids newly exported.
    public var added: [String]
    /// Event ids cancelled (in the plan, or removed from it) in this export.
    public var cancelled: [String]
}

/// Which outputs to produce.
public struct ExportParts: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// `invitations/EVENT.ics`: METHOD:REQUEST, or METHOD:CANCEL for cancelled and removed events.
    public static let invitations = ExportParts(rawValue: 1)
    /// `vdir/UID.ics`: one event per file, for khal and vdirsyncer.
    public static let vdir = ExportParts(rawValue: 2)
    /// `feeds/*.ics`: METHOD:PUBLISH for the workspace, each person, level, sector and series.
    public static let feeds = ExportParts(rawValue: 4)
    /// Only `feeds/all.ics`.
    public static let workspaceFeed = ExportParts(rawValue: 8)
    public static let all: ExportParts = [.invitations, .vdir, .feeds]
}

/// Turns a plan into invitations, a vdir and feeds, deciding SEQUENCE and DTSTAMP from the
/// export history so that an unchanged plan exports byte for byte the same.
///
/// Every calendar is built and written by libical: each event's VEVENT is a libical component
/// serialised once, on every core (runs of events taken back in plan order), and goes straight to
/// the files that hold it: its invitation and vdir file as soon as it is made, `feeds/all.ics` as
/// a stream between the VCALENDAR's opening (libical's text of the calendar up to its END line)
/// and its END line; the other feeds, when asked for, reuse the same bytes.
public struct WorkspaceExporter: Sendable {
    public static let productID = "-//Convene//Convene 0.1//EN"

    let plan: Plan
    let replies: ReplyBook
    let expander: any RecurrenceExpanding
    /// The DTSTAMP given to anything that changes in this export.
    let now: UnixSeconds

    public init(plan: Plan, replies: ReplyBook, expander: any RecurrenceExpanding, now: UnixSeconds) {
        self.plan = plan
        self.replies = replies
        self.expander = expander
        self.now = now
    }

    /// Events per run handed to a worker; runs workers may be ahead of the merge (bounds memory).
    private static let runSize = 50, runsAhead = 40, runsAheadOfFeed = 80

    /// Writes everything under `folder` (files whose bytes would not change are left alone) and
    /// returns what was written and the ledger to record.
    /// - Parameter progress: called now and then with (step, done, in all), for long exports.
    public func export(previous: ExportLedger, parts: ExportParts = .all, to folder: URL,
                       progress: ((String, Int, Int) -> Void)? = nil) throws -> ExportResult {
        let plan = self.plan, replies = self.replies, expander = self.expander
        let output = ExportFolder(path: folder.path)
        // Usually every event: then the plan's own list, not a copy of it.
        let scheduled = plan.events.allSatisfy(\.isScheduled) ? plan.events : plan.events.filter(\.isScheduled)
        let zones = ZoneBlocks()
        let streamsFeed = parts.contains(.feeds) || parts.contains(.workspaceFeed)
        let runs = (scheduled.count + Self.runSize - 1) / Self.runSize
        let range: @Sendable (Int) -> Range<Int> = { run in run * Self.runSize..<min(scheduled.count, (run + 1) * Self.runSize) }
        // The plan's index and what every event shares are worked out on another thread while
        // this one starts on the spans (zone and years) of the first events.
        let context = ContextInMaking()
        let contextMade = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: contextMade) {
            context.made = ExportContext(index: PlanIndex(plan), replies: replies)
        }
        var spans: [EventSpan] = []
        spans.reserveCapacity(scheduled.count)
        var firstRun = 0
        while firstRun < runs && contextMade.wait(timeout: .now()) == .timedOut {
            spans += range(firstRun).map { EventSpan(of: scheduled[$0], expander: expander) }
            firstRun += 1
        }
        contextMade.wait()
        let job = EventJob(context: context.made!, scheduled: scheduled,
                           previous: previous, parts: parts, stamp: Self.utcStamp(now), output: output, zones: zones)
        // Workers export runs of events while this thread works out the spans; feeds/all.ics
        // lists its VTIMEZONEs before any event, so its events wait for every span (further ahead).
        let pipeline = EventPipeline(runs: runs, ahead: streamsFeed ? Self.runsAheadOfFeed : Self.runsAhead,
                                     workers: Parallel.cores, range: range,
                                     makeScratch: { EventWriterScratch(table: job.context.attendees) }) { run, spans, scratch in
            try job.run(range(run), spans: spans, scratch: &scratch)
        }
        defer { pipeline.finish() }
        pipeline.publish(spans)
        for run in firstRun..<runs {
            let more = range(run).map { EventSpan(of: scheduled[$0], expander: expander) }
            spans += more
            pipeline.publish(more)
        }
        pipeline.spansDone()

        var result = ExportResult(written: [], unchanged: 0, produced: [], ledger: previous,
                                  updated: [], added: [], cancelled: [])
        // Room for every event at once, not grown (and rehashed) as they come back.
        result.ledger.entries.reserveCapacity(previous.entries.count + scheduled.count)
        func record(_ path: String, written: Bool) {
            result.produced.insert(path)
            if written { result.written.append(path) } else { result.unchanged += 1 }
        }
        var workspaceFeed: AtomicFileWriter?
        if streamsFeed {
            let file = try output.open("feeds/all.ics")
            try file.append(Self.header(method: .publish, name: plan.name))
            for block in zones.blocks(for: spans) { try file.append(block) }
            workspaceFeed = file
        }

        var vevents: [ByteBlock] = []  // kept for the feeds of people, levels, sectors and series
        var byPerson: [[Int]] = parts.contains(.feeds) ? Array(repeating: [], count: job.context.attendees.ids.count) : []
        var byConstituency: [Constituency: [Int]] = [:], bySeries: [String: [Int]] = [:]
        var done = 0
        while let events = try pipeline.next() {
            for event in events {
                let ordinal = done
                done += 1
                if done % 1000 == 0 { progress?("events", done, plan.events.count) }
                result.ledger.entries[event.id] = event.entry
                switch event.change {
                case .added: result.added.append(event.id)
                case .updated(let cancelled):
                    result.updated.append(event.id)
                    if cancelled { result.cancelled.append(event.id) }
                case .none: break
                }
                for (path, written) in event.files { record(path, written: written) }
                try workspaceFeed?.append(event.vevent)
                if let membership = event.membership {
                    vevents.append(event.vevent)
                    for person in membership.people { byPerson[person].append(ordinal) }
                    for constituency in membership.constituencies { byConstituency[constituency, default: []].append(ordinal) }
                    if let series = scheduled[ordinal].seriesID { bySeries[series, default: []].append(ordinal) }
                }
            }
        }

        // Removed from the plan since the last export: cancel once, then remember it was cancelled.
        // The ledger now holds every event of the plan: when it holds no more ids than that, none is gone.
        let planIDs = Set(scheduled.map(\.id))
        let stamp = Self.utcStamp(now)
        let removed = result.ledger.entries.count == planIDs.count ? []
            : result.ledger.entries.filter({ !planIDs.contains($0.key) }).sorted(by: { $0.key < $1.key })
        for (id, entry) in removed {
            var gone = entry
            if !gone.removed {
                gone.removed = true
                gone.sequence += 1
                gone.dtstamp = stamp
                result.ledger.entries[id] = gone
                result.cancelled.append(id)
            }
            if parts.contains(.invitations) {
                let path = "invitations/" + (try SafeFileName.make(id, suffix: ".ics"))
                record(path, written: try output.write(path, try cancellation(gone, organizer: job.context.organizer)))
            }
        }

        if let workspaceFeed {
            try workspaceFeed.append(Self.footer)
            record("feeds/all.ics", written: try workspaceFeed.finish())
        }
        if parts.contains(.feeds) {
            var feeds: [Feed] = []
            for person in plan.people {
                guard let number = job.context.attendees.numbers[person.id], case let events = byPerson[number], !events.isEmpty else { continue }
                feeds.append(Feed(path: "people/" + (try SafeFileName.make(person.id, suffix: ".ics")), name: "\(plan.name): \(person.name)", events: events))
            }
            for (constituency, events) in byConstituency.sorted(by: { $0.key < $1.key }) {
                switch constituency {
                case .level(let level):
                    feeds.append(Feed(path: "levels/\(level.rawValue).ics", name: "\(plan.name): \(level.rawValue) government", events: events))
                case .sector(let sector):
                    feeds.append(Feed(path: "sectors/\(sector.rawValue).ics", name: "\(plan.name): \(sector.rawValue)", events: events))
                }
            }
            for series in plan.series {
                guard let events = bySeries[series.id] else { continue }
                feeds.append(Feed(path: "series/" + (try SafeFileName.make(series.id, suffix: ".ics")), name: series.title, events: events))
            }
            let before = result.produced.count
            try writeFeeds(feeds, vevents: vevents, spans: spans, output: output, zones: zones,
                           progress: progress.map { report in { report("files", before + $0, before + feeds.count) } }, record: record)
        }
        result.written.sort()
        return result
    }

    struct Feed: Sendable {
        var path: String
        var name: String
        /// Ordinals of the scheduled events it holds, in plan order.
        var events: [Int]
    }

    /// The person, level, sector and series feeds, on every core, a group at a time between
    /// progress reports (feeds written so far).
    private func writeFeeds(_ feeds: [Feed], vevents: [ByteBlock], spans: [EventSpan], output: ExportFolder, zones: ZoneBlocks,
                            progress: ((Int) -> Void)?, record: (String, Bool) -> Void) throws {
        for start in stride(from: 0, to: feeds.count, by: 1000) {
            let group = start..<min(feeds.count, start + 1000)
            let written = Parallel.map(count: group.count, workers: Parallel.cores) { number in
                let feed = feeds[group.lowerBound + number]
                let blocks = [Self.header(method: .publish, name: feed.name)] + zones.blocks(for: feed.events.lazy.map { spans[$0] })
                    + feed.events.map { vevents[$0] } + [Self.footer]
                return Result { try output.write("feeds/" + feed.path, blocks) }
            }
            for (number, outcome) in written.enumerated() { record("feeds/" + feeds[group.lowerBound + number].path, try outcome.get()) }
            progress?(group.upperBound)
        }
    }

    /// METHOD:CANCEL for an event no longer in the plan, from the lines its last export kept.
    /// - Parameter organizer: the export's ORGANIZER (`ExportContext.organizer`, made once).
    private func cancellation(_ entry: ExportLedger.Entry, organizer: BuiltProperty) throws -> [ByteBlock] {
        var zone: [ByteBlock] = []
        let lines = entry.cancellationLines
        // DTSTART keeps its TZID: give it its VTIMEZONE.
        if let start = lines.first(where: { $0.hasPrefix("DTSTART;TZID=") }),
           let colon = start.lastIndex(of: ":"), let year = Int(start[start.index(after: colon)...].prefix(4)) {
            let name = String(start.dropFirst("DTSTART;TZID=".count).prefix { $0 != ":" && $0 != ";" })
            zone = ZoneBlocks.block(zone: name, years: year...year).map { [$0] } ?? []
        }
        var properties: [BuiltProperty] = [.uid(entry.uid), .dtstamp(entry.dtstamp), .sequence(entry.sequence), organizer]
        properties += lines.map(BuiltProperty.contentLine)
        properties.append(.status(.cancelled))
        let event = try BuiltComponent(.event, properties)
        return [EventJob.cancel] + zone + [ByteBlock(event.serialized()), Self.footer]
    }

    /// The opening of a VCALENDAR, up to its VTIMEZONEs, as libical writes it.
    static func header(method: BuiltProperty.Method?, name: String?) -> ByteBlock {
        var properties: [BuiltProperty] = [.productID(productID), .version("2.0"), .calendarScale("GREGORIAN")]
        if let method { properties.append(.method(method)) }
        if let name { properties += [.name(name), .extensionText(name: "X-WR-CALNAME", value: name)] }
        guard let calendar = try? BuiltComponent(.calendar, properties) else { return ByteBlock([]) }
        return ByteBlock(calendar.frame().head)
    }

    /// `END:VCALENDAR`, as libical writes it.
    static let footer: ByteBlock = ByteBlock(BuiltComponent(.calendar).frame().tail)

    /// `20241015T060000Z`: a DTSTAMP's value.
    static func utcStamp(_ instant: UnixSeconds) -> String {
        let wall = CivilDateTime(secondsAsIfUTC: instant)
        let seconds = Int(instant - wall.secondsAsIfUTC)
        func pad(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
        return String(wall.date.year) + pad(wall.date.month) + pad(wall.date.day) + "T"
            + pad(wall.minuteOfDay / 60) + pad(wall.minuteOfDay % 60) + pad(seconds) + "Z"
    }
}

/// The export's context while another thread makes it: read only after that thread is waited for.
private final class ContextInMaking: @unchecked Sendable {
    var made: ExportContext?
}

/// Read-only facts for writing events, shared by the threads that write them: one object, so
/// that handing it to each event retains one reference, not each of its tables.
final class ExportContext: Sendable {
    let index: PlanIndex
    let replies: ReplyBook
    /// Events someone replied to: the others need no look-up per attendee.
    let eventsWithReplies: Set<String>
    let attendees: AttendeeTable
    /// The plan's ORGANIZER property, the same in every event.
    let organizer: BuiltProperty
    /// Person number (`AttendeeTable`) by calendar address in lower case (`mailto:...`), to invite a delegate.
    let peopleByAddress: [String: Int]

    init(index: PlanIndex, replies: ReplyBook) {
        self.index = index
        self.replies = replies
        eventsWithReplies = Set(replies.replies.map(\.eventID))
        attendees = AttendeeTable(index)
        organizer = .organizer(address: "mailto:" + index.plan.organizer.email, name: index.plan.organizer.name)
        var byAddress: [String: Int] = [:]
        for (id, person) in index.people {
            if let address = EventComponent.address(of: person), let number = attendees.numbers[id] { byAddress[address.lowercased()] = number }
        }
        peopleByAddress = byAddress
    }
}

/// One event as exported: its ledger entry, its VEVENT and the files written for it.
struct ExportedEvent: Sendable {
    enum Change: Sendable {
        case none, added
        /// SEQUENCE rose; `cancelled` when the plan now cancels it.
        case updated(cancelled: Bool)
    }

    var id: String
    var entry: ExportLedger.Entry
    var change: Change
    var vevent: ByteBlock
    /// Relative path, and whether it was written (else unchanged).
    var files: [(String, Bool)]
    /// Who and which constituencies it reaches, when per-person and per-constituency feeds are made.
    var membership: FeedMembership?
}

/// Exports a run of events: builds each one's lines, decides its SEQUENCE and DTSTAMP from the
/// previous ledger, and writes its invitation and vdir file. Runs on several threads at once.
struct EventJob: Sendable {
    let context: ExportContext
    let scheduled: [Event]
    let previous: ExportLedger
    let parts: ExportParts
    let stamp: String
    let output: ExportFolder
    let zones: ZoneBlocks

    static let request = WorkspaceExporter.header(method: .request, name: nil)
    static let cancel = WorkspaceExporter.header(method: .cancel, name: nil)
    static let plain = WorkspaceExporter.header(method: nil, name: nil)

    /// - Parameter spans: those of the events in `range`.
    /// - Parameter scratch: the worker's ATTENDEE lines and shared property texts, carried over from run to run.
    func run(_ range: Range<Int>, spans: [EventSpan], scratch: inout EventWriterScratch) throws -> [ExportedEvent] {
        var exported: [ExportedEvent] = []
        exported.reserveCapacity(range.count)
        // Every event of the run built with what the ledger says (stamped again below if that
        // changes), then their content hashes worked out side by side.
        // What the ledger knows of each event, looked up once for both passes.
        let ledger = range.map { ordinal -> (known: ExportLedger.Entry?, answering: Int) in
            let known = previous.entries[scheduled[ordinal].id].flatMap { $0.removed ? nil : $0 }
            return (known, answering(scheduled[ordinal], known: known))
        }
        var components: [EventComponent] = []
        components.reserveCapacity(range.count)
        for ordinal in range {
            let (known, answering) = ledger[ordinal - range.lowerBound]
            components.append(try EventComponent(event: scheduled[ordinal], context: context, dtstamp: known?.dtstamp ?? stamp,
                                                 sequence: answering, scratch: &scratch, membership: parts.contains(.feeds),
                                                 answering: answering, hashing: false))
        }
        // Each text as it goes to the files, made once: hashed from there, and written from there
        // unless the ledger's stamp makes it change.
        EventComponent.hashContent(of: &components)
        // Each component is read and restamped where it is in `components`: a copy of one retains
        // every text it holds, from two cores at once.
        for ordinal in range {
            let position = ordinal - range.lowerBound
            let id = scheduled[ordinal].id, isCancelled = scheduled[ordinal].status == .cancelled
            let (known, answering) = ledger[position]
            var entry: ExportLedger.Entry
            var change = ExportedEvent.Change.none
            if var known {
                if known.fingerprint != components[position].fingerprint {
                    known.sequence += 1
                    known.dtstamp = stamp
                    change = .updated(cancelled: isCancelled)
                } else if known.contentHash != components[position].contentHash {
                    known.dtstamp = stamp
                }
                if known.sequence != previous.entries[id]?.sequence || known.dtstamp != previous.entries[id]?.dtstamp {
                    try components[position].restamp(known.dtstamp, sequence: known.sequence, texts: &scratch.properties)
                }
                known.fingerprint = components[position].fingerprint
                known.contentHash = components[position].contentHash
                entry = known
            } else {
                // New, or back in the plan after removal: a higher SEQUENCE than any cancellation.
                let sequence = previous.entries[id].map { $0.sequence + 1 } ?? 0
                entry = ExportLedger.Entry(uid: components[position].uid, sequence: sequence, fingerprint: components[position].fingerprint,
                                           contentHash: components[position].contentHash, dtstamp: stamp)
                change = .added
            }
            if entry.sequence > answering, context.eventsWithReplies.contains(id) {
                // Rescheduled: replies to the earlier version no longer count (PARTSTAT=NEEDS-ACTION, RSVP=TRUE).
                components[position] = try EventComponent(event: scheduled[ordinal], context: context, dtstamp: entry.dtstamp,
                                                          sequence: entry.sequence, scratch: &scratch,
                                                          membership: parts.contains(.feeds), answering: entry.sequence)
                entry.contentHash = components[position].contentHash
            }
            entry.cancellationText = components[position].cancellationText
            let vevent = components[position].text

            var files: [(String, Bool)] = []
            if parts.contains(.invitations) || parts.contains(.vdir) {
                let zone = zones.blocks(for: spans[position])
                if parts.contains(.invitations) {
                    let path = "invitations/" + (try SafeFileName.make(id, suffix: ".ics"))
                    let header = isCancelled ? Self.cancel : Self.request
                    files.append((path, try output.write(path, [header] + zone + [vevent, WorkspaceExporter.footer])))
                }
                if parts.contains(.vdir) {
                    let path = "vdir/" + (try SafeFileName.make(components[position].uid, suffix: ".ics"))
                    files.append((path, try output.write(path, [Self.plain] + zone + [vevent, WorkspaceExporter.footer])))
                }
            }
            exported.append(ExportedEvent(id: id, entry: entry, change: change, vevent: vevent,
                                          files: files, membership: components[position].membership))
        }
        return exported
    }

    /// The SEQUENCE replies must answer to count (RFC 5546 §2.1.4): the one the invitation is at.
    private func answering(_ event: Event, known: ExportLedger.Entry?) -> Int {
        known?.sequence ?? previous.entries[event.id].map { $0.sequence + 1 } ?? 0
    }
}

/// VTIMEZONE text by zone and years, made once per export and shared by every file that needs it.
final class ZoneBlocks: @unchecked Sendable {
    private struct Key: Hashable {
        var zone: String
        var first: Int
        var last: Int
    }

    private let lock = NSLock()
    private var made: [Key: ByteBlock] = [:]

    /// The VTIMEZONEs a calendar of these events needs, in zone order, each covering the years
    /// its events touch.
    func blocks(for spans: some Sequence<EventSpan>) -> [ByteBlock] {
        var years: [String: ClosedRange<Int>] = [:]
        for span in spans {
            guard let zone = span.zone else { continue }
            let range = span.years
            years[zone] = years[zone].map { min($0.lowerBound, range.lowerBound)...max($0.upperBound, range.upperBound) } ?? range
        }
        return years.sorted(by: { $0.key < $1.key }).map { block($0.key, $0.value) }
    }

    /// The VTIMEZONE one event needs, if any.
    func blocks(for span: EventSpan) -> [ByteBlock] {
        span.zone.map { [block($0, span.years)] } ?? []
    }

    private func block(_ zone: String, _ years: ClosedRange<Int>) -> ByteBlock {
        let key = Key(zone: zone, first: years.lowerBound, last: years.upperBound)
        lock.lock()
        defer { lock.unlock() }
        if let known = made[key] { return known }
        let block = Self.block(zone: zone, years: years) ?? ByteBlock([])
        made[key] = block
        return block
    }

    /// libical's text of the VTIMEZONE for `zone` over `years`; nil for an unknown zone.
    static func block(zone: String, years: ClosedRange<Int>) -> ByteBlock? {
        TimeZoneComponent.component(zone: zone, years: years).map { ByteBlock($0.serialized()) }
    }
}
