import ArgumentParser
import ConveneCore
import ConveneICal
import ConveneMail
import Foundation

/// The mail half of `convene import`: `.eml` and mbox files and `--maildir` folders.
struct MailImportRequest {
    var sources: [MailReplyImport.Source]

    /// nil when no mail is named (the files are calendar files).
    init?(files: [String], maildirs: [String], busyFor: String?) throws {
        let mail = files.filter(Self.isMail)
        guard !mail.isEmpty || !maildirs.isEmpty else { return nil }
        guard busyFor == nil else { throw ValidationError("--busy-for reads calendar files; replies from mail are imported without it.") }
        guard mail.count == files.count else {
            throw ValidationError("Import mail (.eml, mbox, --maildir) and calendar files in separate runs: \(files.filter { !Self.isMail($0) }.joined(separator: ", ")) are not mail.")
        }
        sources = mail.map { .file($0) } + maildirs.map { .maildir($0) }
    }

    /// A `.eml` or `.mbox` file, or any file that starts like an mbox (`From `) or a message
    /// header rather than `BEGIN:VCALENDAR`.
    static func isMail(_ path: String) -> Bool {
        let lower = path.lowercased()
        if lower.hasSuffix(".eml") || lower.hasSuffix(".mbox") || lower.hasSuffix(".mbx") { return true }
        if lower.hasSuffix(".ics") { return false }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let start = String(decoding: (try? handle.read(upToCount: 256)) ?? Data(), as: UTF8.self)
        if start.hasPrefix("From ") { return true }
        guard let firstLine = start.split(separator: "\n").first, let colon = firstLine.firstIndex(of: ":") else { return false }
        let name = firstLine[..<colon]
        return !name.isEmpty && !name.contains(" ") && !start.hasPrefix("BEGIN:")
    }

    func run(workspace: WorkspaceOptions, format: ExportCommand.SummaryFormat) throws {
        let summary: MailReplyImport.Summary
        do {
            summary = try MailReplyImport.run(sources, workspace: workspace.workspace)
        } catch let error as InputError {
            throw report(error)
        }
        switch format {
        case .json: print(try jsonText(summary))
        case .table:
            for reply in summary.recorded { print("  \(reply.personID) \(reply.status.rawValue) \(reply.eventID) (SEQUENCE \(reply.sequence))") }
            for proposal in summary.proposals {
                let when = [proposal.proposedLocalStart, proposal.proposedStart].compactMap { $0 }.joined(separator: ", ")
                print("\(proposal.message): \(proposal.attendee) proposes another time for \(proposal.eventID ?? proposal.uid)"
                      + (when.isEmpty ? "" : ": \(when)") + " (not recorded; to accept, change the plan, export and send)")
            }
            for ignored in summary.ignored { print("\(ignored.file)\(ignored.line.map { ":\($0)" } ?? ""): ignored reply for \(ignored.uid): \(ignored.reason)") }
            let fresh = summary.messages - summary.alreadyRead
            print("\(summary.messages) message\(summary.messages == 1 ? "" : "s") read: \(summary.recorded.count) repl\(summary.recorded.count == 1 ? "y" : "ies") recorded, "
                  + "\(summary.proposals.count) proposal\(summary.proposals.count == 1 ? "" : "s"), \(summary.withoutReply) without a reply, "
                  + "\(summary.alreadyRead) already imported\(fresh == 0 && summary.messages > 0 ? " (nothing new)" : "").")
        }
        for problem in summary.problems { printError(problem.description) }
        if !summary.problems.isEmpty {
            printError("\(summary.problems.count) problem\(summary.problems.count == 1 ? "" : "s"); those messages were not imported.")
            throw ExitStatus.badInput
        }
        if !summary.ignored.isEmpty { throw ExitStatus.problems }
    }
}
