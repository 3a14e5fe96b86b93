import Foundation
import Yams

/// Tool-owned `records/proposals.yaml`: the times `convene schedule --write` proposed, by series.
/// Convene never reads it as the plan; a team adopts a proposal by copying its `start:`/`end:`
/// into `plan.yaml`. Writing one series keeps the others' proposals.
public struct ProposalBook: Sendable, Hashable, Codable {
    /// One proposed time.
    public struct Proposal: Sendable, Hashable, Codable {
        /// The event id.
        public var event: String
        /// Venue-local wall time, as written in `plan.yaml`.
        public var start: String
        public var end: String
        /// The zone `start` and `end` are written in (the venue's).
        public var timezone: String
        /// Deputies who must stand in for the proposal to work.
        public var standIns: [StandInEntry]

        public init(event: String, start: String, end: String, timezone: String, standIns: [StandInEntry] = []) {
            self.event = event
            self.start = start
            self.end = end
            self.timezone = timezone
            self.standIns = standIns
        }

        enum CodingKeys: String, CodingKey {
            case event, start, end, timezone
            case standIns = "stand-ins"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            event = try c.decode(String.self, forKey: .event)
            start = try c.decode(String.self, forKey: .start)
            end = try c.decode(String.self, forKey: .end)
            timezone = try c.decode(String.self, forKey: .timezone)
            standIns = try c.decodeIfPresent([StandInEntry].self, forKey: .standIns) ?? []
        }
    }

    /// A deputy who must stand in for the proposal to work.
    public struct StandInEntry: Sendable, Hashable, Codable {
        /// The deputy.
        public var person: String
        /// The invitee they stand in for (written `for:`).
        public var onBehalfOf: String

        public init(person: String, onBehalfOf: String) {
            self.person = person
            self.onBehalfOf = onBehalfOf
        }

        enum CodingKeys: String, CodingKey {
            case person
            case onBehalfOf = "for"
        }
    }

    /// By series id.
    public var series: [String: [Proposal]]

    public init(series: [String: [Proposal]] = [:]) { self.series = series }

    /// The file inside the workspace's `records/` folder.
    public static let fileName = "proposals.yaml"

    /// `WORKSPACE/records/proposals.yaml`.
    public static func file(in workspace: URL) -> URL {
        workspace.appendingPathComponent(WorkspaceRecords.folderName).appendingPathComponent(fileName)
    }

    /// The proposals recorded so far; none when the file does not exist. A damaged file is bad
    /// input named with the line and column Yams gives, as plans' problems are.
    public static func load(workspace: URL) throws -> ProposalBook {
        let file = file(in: workspace)
        guard let data = FileManager.default.contents(atPath: file.path) else { return ProposalBook() }
        let name = PlanLoader.displayPath(file)
        let text = String(decoding: data, as: UTF8.self)
        func damaged(_ found: Diagnostic) -> InputError {
            InputError([Diagnostic(location: found.location, message: "tool-owned proposals file is damaged: \(found.message)",
                                   hint: "restore it from git, or delete it and run `convene schedule SERIES --write` again")])
        }
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else { return ProposalBook() }
            root = composed
        } catch let error as YamlError {
            throw damaged(Diagnostic(yaml: error, file: name, text: text))
        }
        do {
            return try YAMLDecoder().decode(ProposalBook.self, from: text)
        } catch let error as DecodingError {
            throw damaged(Diagnostic(yamlDecoding: error, root: root, file: name))
        }
    }

    /// Replaces one series' proposals with the slots of a schedule (only the events that got one).
    public mutating func record(_ schedule: SeriesSchedule) {
        let proposals = schedule.placements.compactMap { placement -> Proposal? in
            guard let slot = placement.slot else { return nil }
            return Proposal(event: placement.eventID, start: slot.start, end: slot.end, timezone: slot.timeZone,
                            standIns: slot.standIns.map { StandInEntry(person: $0.personID, onBehalfOf: $0.onBehalfOf) })
        }
        series[schedule.seriesID] = proposals.isEmpty ? nil : proposals
    }

    /// Writes the file atomically; returns whether its content changed.
    @discardableResult
    public func save(workspace: URL) throws -> Bool {
        let file = Self.file(in: workspace)
        let data = Data(yaml().utf8)
        let before = FileManager.default.contents(atPath: file.path)
        _ = try RecordsLock.hold(workspace: workspace) {  // whether it changed is worked out above
            try AtomicFile.writeIfChanged(data, to: WorkspaceRecords.folderName + "/" + file.lastPathComponent, in: workspace)
        }
        return before != data
    }

    /// The file's text: series in id order, proposals in the order they were placed.
    public func yaml() -> String {
        var lines = [
            "# Tool-owned: times proposed by `convene schedule SERIES --write`. Convene never reads this as the plan;",
            "# to adopt a proposal, copy its start and end into the event in plan.yaml (replacing duration: and window:).",
        ]
        if series.isEmpty {
            lines.append("series: {}")
        } else {
            lines.append("series:")
            for (id, proposals) in series.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(id):")
                for proposal in proposals {
                    lines.append("    - event: \(proposal.event)")
                    lines.append("      start: \"\(proposal.start)\"")
                    lines.append("      end: \"\(proposal.end)\"")
                    lines.append("      timezone: \(proposal.timezone)")
                    if !proposal.standIns.isEmpty {
                        lines.append("      stand-ins: [" + proposal.standIns.map { "{person: \($0.person), for: \($0.onBehalfOf)}" }.joined(separator: ", ") + "]")
                    }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The lines to paste into `plan.yaml` for placed events: `start:`/`end:` in place of `duration:`
/// and `window:`, and the invitation lines for any deputy who must stand in.
public enum PlanSnippet {
    /// The lines for every placed event of a schedule, with a comment for those left unplaced.
    public static func yaml(_ schedule: SeriesSchedule, plan: Plan) -> String {
        var lines = ["# Paste into plan.yaml: in each event below, replace `duration:` and `window:` with its start: and end: lines."]
        for placement in schedule.placements {
            guard let slot = placement.slot else {
                lines.append("# \(placement.eventID): no slot found; left as it is")
                continue
            }
            lines.append(contentsOf: event(placement.eventID, slot: slot, plan: plan))
        }
        return lines.joined(separator: "\n")
    }

    /// The lines for one event.
    public static func event(_ eventID: String, slot: SlotSuggestion, plan: Plan) -> [String] {
        var lines = ["  - id: \(eventID)    # \(slot.timeZone)", "    start: \(slot.start)", "    end: \(slot.end)"]
        for standIn in slot.standIns {
            lines.append("    # and in its invite: list, so the deputy is expected in place of the invitee:")
            lines.append("    #   - \(PlanPlacement.invitationLine(standIn, eventID: eventID, in: plan))")
        }
        return lines
    }
}
