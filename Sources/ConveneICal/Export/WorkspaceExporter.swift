import ConveneCore
import Foundation

/// What `convene export` writes, and the export history it leaves behind.
public struct ExportResult: Sendable, Codable {
    /// Relative path -> file content.
    public var files: [String: Data]
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
public struct WorkspaceExporter {
    public static let productID = "-//Convene//Convene 0.1//EN"

    let index: PlanIndex
    let replies: ReplyBook
    let expander: any RecurrenceExpanding
    /// The DTSTAMP given to anything that changes in this export.
    let now: UnixSeconds

    public init(plan: Plan, replies: ReplyBook, expander: any RecurrenceExpanding, now: UnixSeconds) {
        index = PlanIndex(plan)
        self.replies = replies
        self.expander = expander
        self.now = now
    }

    /// Everything to write, and the ledger to record.
    /// - Parameter progress: called now and then with (events done, events in all), for long exports.
    public func export(previous: ExportLedger, parts: ExportParts = .all,
                       progress: ((Int, Int) -> Void)? = nil) -> ExportResult {
        let plan = index.plan
        var ledger = previous
        var added: [String] = [], updated: [String] = [], cancelled: [String] = []
        var vevents: [String: ICalText] = [:]
        var components: [String: EventComponent] = [:]
        let stamp = ICalFormat.utc(now)
        let prefixes = AttendeePrefixes()

        var done = 0
        for event in plan.events where event.isScheduled {
            done += 1
            if done % 1000 == 0 { progress?(done, plan.events.count) }
            let component = EventComponent(event: event, index: index, replies: replies, expander: expander, prefixes: prefixes)
            let contentHash = StableHash.hex(component.lines.joined(separator: "\n"))
            var entry: ExportLedger.Entry
            if var known = ledger.entries[event.id], !known.removed {
                if known.fingerprint != component.fingerprint {
                    known.sequence += 1
                    known.dtstamp = stamp
                    updated.append(event.id)
                    if event.status == .cancelled { cancelled.append(event.id) }
                } else if known.contentHash != contentHash {
                    known.dtstamp = stamp
                }
                known.fingerprint = component.fingerprint
                known.contentHash = contentHash
                entry = known
            } else {
                // New, or back in the plan after removal: a higher SEQUENCE than any cancellation.
                let sequence = ledger.entries[event.id].map { $0.sequence + 1 } ?? 0
                entry = ExportLedger.Entry(uid: component.uid, sequence: sequence, fingerprint: component.fingerprint,
                                           contentHash: contentHash, dtstamp: stamp)
                added.append(event.id)
            }
            entry.cancellationLines = Self.cancellationLines(component.lines)
            ledger.entries[event.id] = entry
            components[event.id] = component
            vevents[event.id] = Self.vevent(component.lines, dtstamp: entry.dtstamp, sequence: entry.sequence)
        }

        var files: [String: Data] = [:]
        // Removed from the plan since the last export: cancel once, then remember it was cancelled.
        let planIDs = Set(plan.events.filter(\.isScheduled).map(\.id))
        for (id, entry) in ledger.entries.sorted(by: { $0.key < $1.key }) where !planIDs.contains(id) {
            var gone = entry
            if !gone.removed {
                gone.removed = true
                gone.sequence += 1
                gone.dtstamp = stamp
                ledger.entries[id] = gone
                cancelled.append(id)
            }
            if parts.contains(.invitations) {
                files["invitations/\(id).ics"] = cancellation(gone)
            }
        }

        let ordered = plan.events.filter { components[$0.id] != nil }
        if parts.contains(.invitations) {
            for event in ordered {
                let method = event.status == .cancelled ? "CANCEL" : "REQUEST"
                files["invitations/\(event.id).ics"] = calendar(method: method, name: nil, events: [event.id],
                                                               components: components, vevents: vevents)
            }
        }
        if parts.contains(.vdir) {
            for event in ordered {
                files["vdir/\(Self.fileName(forUID: components[event.id]!.uid))"] = calendar(
                    method: nil, name: nil, events: [event.id], components: components, vevents: vevents)
            }
        }
        if parts.contains(.feeds) || parts.contains(.workspaceFeed) {
            for feed in feeds(parts.contains(.feeds) ? .all : .workspaceOnly, ordered: ordered) {
                files["feeds/\(feed.path)"] = calendar(method: "PUBLISH", name: feed.name, events: feed.events,
                                                      components: components, vevents: vevents)
            }
        }
        return ExportResult(files: files, ledger: ledger, updated: updated, added: added, cancelled: cancelled)
    }

    /// What a cancellation needs once the event is gone from the plan: its start and summary, and
    /// every attendee's address (RFC 5546 wants all attendees on a CANCEL of the whole event).
    private static func cancellationLines(_ lines: [String]) -> [String] {
        lines.compactMap { line in
            if line.hasPrefix("DTSTART") || line.hasPrefix("SUMMARY:") { return line }
            if line.hasPrefix("ATTENDEE"), let colon = CalendarNormaliser.valueColon(in: line) {
                return "ATTENDEE:" + line[line.index(after: colon)...]
            }
            return nil
        }
    }

    private static func vevent(_ lines: [String], dtstamp: String, sequence: Int) -> ICalText {
        var text = ICalText()
        text.begin("VEVENT")
        text.append(line: lines[0])  // UID first
        text.line("DTSTAMP", raw: dtstamp)
        text.line("SEQUENCE", raw: String(sequence))
        for line in lines.dropFirst() { text.append(line: line) }
        text.end("VEVENT")
        return text
    }

    /// METHOD:CANCEL for an event no longer in the plan.
    private func cancellation(_ entry: ExportLedger.Entry) -> Data {
        var text = ICalText()
        text.begin("VCALENDAR")
        text.line("PRODID", raw: Self.productID)
        text.line("VERSION", raw: "2.0")
        text.line("METHOD", raw: "CANCEL")
        // DTSTART keeps its TZID: give it its VTIMEZONE.
        if let start = entry.cancellationLines.first(where: { $0.hasPrefix("DTSTART;TZID=") }),
           let colon = start.lastIndex(of: ":"), let year = Int(start[start.index(after: colon)...].prefix(4)) {
            let zone = String(start.dropFirst("DTSTART;TZID=".count).prefix { $0 != ":" && $0 != ";" })
            TimeZoneComponent.write(zone: zone, years: year...year, into: &text)
        }
        text.begin("VEVENT")
        text.line("UID", raw: entry.uid)
        text.line("DTSTAMP", raw: entry.dtstamp)
        text.line("SEQUENCE", raw: String(entry.sequence))
        text.line("ORGANIZER", [.init("CN", index.plan.organizer.name)], raw: "mailto:" + index.plan.organizer.email)
        for line in entry.cancellationLines { text.append(line: line) }
        text.line("STATUS", raw: "CANCELLED")
        text.end("VEVENT")
        text.end("VCALENDAR")
        return Data(text.bytes)
    }

    /// A VCALENDAR with the VTIMEZONEs its events need and their VEVENTs, in plan order.
    private func calendar(method: String?, name: String?, events ids: [String],
                          components: [String: EventComponent], vevents: [String: ICalText]) -> Data {
        var text = ICalText()
        text.begin("VCALENDAR")
        text.line("PRODID", raw: Self.productID)
        text.line("VERSION", raw: "2.0")
        text.line("CALSCALE", raw: "GREGORIAN")
        if let method { text.line("METHOD", raw: method) }
        if let name {
            text.line("NAME", text: name)
            text.line("X-WR-CALNAME", text: name)
        }
        var years: [String: ClosedRange<Int>] = [:]
        for id in ids {
            guard let component = components[id], let zone = component.zone else { continue }
            // All-day events carry DATE values and need no VTIMEZONE.
            guard component.lines.contains(where: { $0.hasPrefix("DTSTART;TZID=") }) else { continue }
            let range = component.years
            years[zone] = years[zone].map { min($0.lowerBound, range.lowerBound)...max($0.upperBound, range.upperBound) } ?? range
        }
        for (zone, range) in years.sorted(by: { $0.key < $1.key }) {
            TimeZoneComponent.write(zone: zone, years: range, into: &text)
        }
        for id in ids { if let vevent = vevents[id] { text.append(vevent) } }
        text.end("VCALENDAR")
        return Data(text.bytes)
    }

    struct Feed {
        var path: String
        var name: String
        var events: [String]
    }

    enum FeedSet { case all, workspaceOnly }

    private func feeds(_ set: FeedSet, ordered: [Event]) -> [Feed] {
        let plan = index.plan
        let live = ordered.map(\.id)
        var result = [Feed(path: "all.ics", name: plan.name, events: live)]
        guard set == .all else { return result }
        var byPerson: [String: [String]] = [:]
        var byConstituency: [Constituency: [String]] = [:]
        for event in ordered {
            var reached: Set<Constituency> = []
            for participant in index.participants(of: event, replies: ReplyBook()) {
                byPerson[participant.personID, default: []].append(event.id)
            }
            for (person, _) in index.invitees(of: event) {
                if let c = index.constituency(of: person) { reached.insert(c) }
            }
            for c in index.invitedConstituencies(of: event) { reached.insert(c) }
            for c in reached { byConstituency[c, default: []].append(event.id) }
        }
        for person in plan.people {
            guard let events = byPerson[person.id] else { continue }
            result.append(Feed(path: "people/\(person.id).ics", name: "\(plan.name): \(person.name)", events: events))
        }
        for (constituency, events) in byConstituency.sorted(by: { $0.key < $1.key }) {
            switch constituency {
            case .level(let level):
                result.append(Feed(path: "levels/\(level.rawValue).ics", name: "\(plan.name): \(level.rawValue) government", events: events))
            case .sector(let sector):
                result.append(Feed(path: "sectors/\(sector.rawValue).ics", name: "\(plan.name): \(sector.rawValue)", events: events))
            }
        }
        for series in plan.series {
            let events = ordered.filter { $0.seriesID == series.id }.map(\.id)
            guard !events.isEmpty else { continue }
            result.append(Feed(path: "series/\(series.id).ics", name: series.title, events: events))
        }
        return result
    }

    /// A file name for a UID that every file system accepts.
    static func fileName(forUID uid: String) -> String {
        String(uid.map { $0.isLetter || $0.isNumber || "-_.@".contains($0) ? $0 : "_" }) + ".ics"
    }
}
