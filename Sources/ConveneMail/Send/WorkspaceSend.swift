import ConveneCore
import ConveneICal
import Foundation

/// `convene send` as one call: find the invitations and cancellations the last export made that
/// someone has not been sent yet, build one iMIP message per event, hand each to the transport,
/// and remember in `records/sent.json` what went to whom at which SEQUENCE.
public enum WorkspaceSend {
    public struct Options: Sendable {
        /// Only these events (all when empty).
        public var events: [String] = []
        /// Where messages go; nil: the plan's `settings.mail.sendmail`, else `sendmail -t -oi`.
        public var transport: MailTransport?
        /// Recipients in Bcc rather than To.
        public var bcc = false
        /// Build the messages, send nothing, record nothing.
        public var dryRun = false
        /// The export folder (default WORKSPACE/export).
        public var exportFolder: String?
        /// The time written in `Date`.
        public var now: UnixSeconds

        public init(now: UnixSeconds) { self.now = now }
    }

    /// One message sent (or, in a dry run, that would be).
    public struct Sent: Sendable, Codable {
        public var event: String
        public var method: String
        public var sequence: Int
        public var subject: String
        public var messageID: String
        public var recipients: [String]
        /// The .eml written, with --out.
        public var file: String?
    }

    /// One message the transport refused.
    public struct Failed: Sendable, Codable {
        public var event: String
        public var error: String
        public var hint: String
    }

    public struct Summary: Sendable, Codable {
        public var dryRun: Bool
        public var sent: [Sent] = []
        public var failed: [Failed] = []
        /// Events whose invitation everyone has already been sent.
        public var upToDate: [String] = []
        /// Invitations that name nobody with an email address.
        public var noRecipients: [String] = []
    }

    /// - Parameter progress: called before each message with (done, in all), for a progress line.
    public static func run(workspace path: String, options: Options, progress: ((Int, Int) -> Void)? = nil) throws -> Summary {
        let workspace = URL(fileURLWithPath: path)
        let plan = try PlanLoader(expander: LibicalRecurrenceExpander()).load(workspace: workspace)
        let index = PlanIndex(plan)
        let ledger = try WorkspaceRecords.load(workspace: workspace).exports
        let log = try SentLog.load(workspace: workspace)
        let folder = URL(fileURLWithPath: options.exportFolder ?? workspace.appendingPathComponent("export").path)
        let organizer = MailAddress(name: plan.organizer.name, email: plan.organizer.email)

        guard !ledger.entries.isEmpty else {
            throw InputError([Diagnostic(location: SourceLocation(file: "records/exports.json", line: 1),
                                         message: "nothing has been exported yet, so there is no invitation to send",
                                         hint: "Run `convene export` first; `send` sends what the last export wrote.")])
        }
        let chosen = try selection(options.events, ledger: ledger)
        let transport = try options.transport ?? plan.settings.sendmail.map { .sendmail(try CommandWords.split($0, source: "plan.yaml (settings.mail.sendmail)")) }
            ?? .sendmail(MailTransport.defaultCommand)
        var summary = Summary(dryRun: options.dryRun)
        var problems: [Diagnostic] = []
        var due: [DueInvitation] = []
        for id in chosen {
            guard let entry = ledger.entries[id] else { continue }
            do {
                let invitation = try Self.invitation(id: id, entry: entry, folder: folder, index: index, log: log, organizer: organizer)
                if invitation.attendees.isEmpty {
                    summary.noRecipients.append(id)
                } else if invitation.recipients.isEmpty {
                    summary.upToDate.append(id)
                } else {
                    due.append(invitation)
                }
            } catch let error as InputError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw InputError(problems) }

        for (number, planned) in due.enumerated() {
            progress?(number, due.count)
            if options.dryRun {
                summary.sent.append(sentMessage(planned, organizer: organizer, index: index))
                continue
            }
            // Sent and recorded under the records lock, with the log read afresh: a `send` run at
            // the same time has either sent this invitation to these people already (they are
            // left out) or waits until this message is recorded. Recorded at once: a run stopped
            // half-way sends only the rest next time.
            try SentLog.update(workspace: workspace) { log in
                var invitation = planned
                let already = log.recipients(uid: invitation.uid, sequence: invitation.sequence, method: invitation.method)
                invitation.recipients.removeAll { already.contains($0.email.lowercased()) }
                guard !invitation.recipients.isEmpty else {
                    summary.upToDate.append(invitation.eventID)
                    return
                }
                let message = InvitationMail.message(invitation, organizer: organizer, bcc: options.bcc, now: options.now, index: index)
                var sent = sentMessage(invitation, organizer: organizer, index: index)
                do {
                    sent.file = try transport.deliver(message, fileName: invitation.fileName)
                } catch let error as DeliveryFailure {
                    summary.failed.append(Failed(event: invitation.eventID, error: error.message, hint: error.hint))
                    return
                }
                summary.sent.append(sent)
                log.records.append(SentRecord(eventID: invitation.eventID, uid: invitation.uid, sequence: invitation.sequence,
                                              method: invitation.method, messageID: sent.messageID,
                                              recipients: invitation.recipients.map { $0.email.lowercased() },
                                              sentAt: ZoneClock.formatUTC(options.now), transport: transport.kind))
            }
        }
        return summary
    }

    /// What is said about one message (before it is handed to the transport).
    private static func sentMessage(_ invitation: DueInvitation, organizer: MailAddress, index: PlanIndex) -> Sent {
        let domain = organizer.email.split(separator: "@").last.map(String.init) ?? "convene.invalid"
        return Sent(event: invitation.eventID, method: invitation.method, sequence: invitation.sequence,
                    subject: InvitationText.subject(invitation, index: index), messageID: invitation.messageID(domain: domain),
                    recipients: invitation.recipients.map(\.email), file: nil)
    }

    /// The events asked for, or every exported one; an unknown id is bad input.
    private static func selection(_ asked: [String], ledger: ExportLedger) throws -> [String] {
        guard !asked.isEmpty else { return ledger.entries.keys.sorted() }
        let known = ledger.entries.keys.sorted()
        let unknown = asked.filter { ledger.entries[$0] == nil }
        guard unknown.isEmpty else {
            throw InputError(unknown.map { id in
                Diagnostic(location: SourceLocation(file: "records/exports.json", line: 1),
                           message: "no exported event '\(id)'",
                           hint: Spelling.closest(to: id, in: known).map { "did you mean '\($0)'?" }
                               ?? "name an event of the plan, and run `convene export` after adding it")
            })
        }
        return asked
    }

    /// Reads the exported invitation, checks it is the one the ledger describes, and works out
    /// who has not been sent it yet.
    private static func invitation(id: String, entry: ExportLedger.Entry, folder: URL, index: PlanIndex,
                                   log: SentLog, organizer: MailAddress) throws -> DueInvitation {
        let url = folder.appendingPathComponent("invitations").appendingPathComponent(id + ".ics")
        func problem(_ message: String) -> InputError {
            InputError([Diagnostic(location: SourceLocation(file: url.path, line: 1), message: message,
                                   hint: "Run `convene export` (with the same --out, if you gave one: pass it here as --export DIR), then send again.")])
        }
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }), !id.hasPrefix("."),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw problem("the last export's invitation for '\(id)' is not here")
        }
        let bytes = Array(data)
        guard let calendar = ITIPCalendar.read(String(decoding: bytes, as: UTF8.self)),
              let method = calendar.method, method == "REQUEST" || method == "CANCEL",
              let exported = calendar.events.first(where: { $0.uid == entry.uid }) else {
            throw problem("this is not an exported invitation (METHOD:REQUEST or CANCEL with UID \(entry.uid))")
        }
        guard exported.sequence == entry.sequence else {
            throw problem("this invitation is at SEQUENCE \(exported.sequence) but the last export recorded \(entry.sequence): the file is out of date")
        }
        let event = index.events[id]
        if let event, case .timed(let start, _, let zone) = event.timing, let planned = ZoneClock.instant(start, in: zone),
           let written = exported.start, planned != written {
            throw problem("the plan has changed since the last export ('\(id)' now starts at \(ZoneClock.formatUTC(planned)), the invitation says \(ZoneClock.formatUTC(written)))")
        }
        var names: [String: String] = [:]
        for person in index.plan.people {
            if let email = person.email { names[email.lowercased()] = person.name }
        }
        var seen: Set<String> = [organizer.email.lowercased()]
        var attendees: [MailAddress] = []
        for attendee in exported.attendees {
            guard let email = attendee.email, MailAddress.isPlain(email), seen.insert(email.lowercased()).inserted else { continue }
            attendees.append(MailAddress(name: names[email.lowercased()], email: email))
        }
        let already = log.recipients(uid: entry.uid, sequence: entry.sequence, method: method)
        let zone = event?.timing.timeZone ?? cancellationZone(entry)
        return DueInvitation(eventID: id, uid: entry.uid, sequence: entry.sequence, method: method, calendar: bytes,
                             exported: exported, attendees: attendees,
                             recipients: attendees.filter { !already.contains($0.email.lowercased()) },
                             event: event, timeZone: zone)
    }

    /// The TZID of a removed event's DTSTART, kept by the export ledger.
    private static func cancellationZone(_ entry: ExportLedger.Entry) -> String? {
        guard let line = entry.cancellationLines.first(where: { $0.hasPrefix("DTSTART;TZID=") }) else { return nil }
        return String(line.dropFirst("DTSTART;TZID=".count).prefix { $0 != ":" && $0 != ";" })
    }
}
