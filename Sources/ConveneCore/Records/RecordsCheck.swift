import Foundation

/// Checks what tool-owned records hold before anything uses it: the export history's event ids
/// become file names and its UIDs and cancellation lines are written into invitations as they
/// are, so an edited or damaged `records/exports.json` (an id like `../../x`, a NUL, a line break
/// that would add a whole ATTENDEE line) is refused with a message naming the file and entry.
enum RecordsCheck {
    /// Properties a cancellation may carry over from the exported event.
    static let cancellationProperties: Set<String> = ["DTSTART", "DTEND", "DURATION", "SUMMARY", "LOCATION", "ATTENDEE",
                                                       "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "RELATED-TO", "URL"]

    static func check(_ ledger: ExportLedger, file: String) throws {
        var diagnostics: [Diagnostic] = []
        func fail(_ key: String, _ message: String) {
            diagnostics.append(Diagnostic(location: SourceLocation(file: file, line: 1),
                                          message: "tool-owned export history entry '\(TerminalText.escaped(String(key.prefix(80))))' \(message)",
                                          hint: "restore records/exports.json from git (the workspace is meant to be kept in git), or delete the entry"))
        }
        for (id, entry) in ledger.entries.sorted(by: { $0.key < $1.key }) {
            guard SafeFileName.isID(id), !id.contains("@") else {
                fail(id, "is not an event id (ids are letters, digits, '.', '_' and '-')")
                continue
            }
            if !SafeFileName.isID(entry.uid) { fail(id, "has a UID that is not one Convene writes") }
            if !entry.dtstamp.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x54 || $0 == 0x5A }) {
                fail(id, "has a DTSTAMP that is not a UTC time")
            }
            // The lines as slices of the one text the entry keeps.
            for line in entry.cancellationLineSlices {
                let name = line.prefix { $0 != ":" && $0 != ";" }
                if line.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                    fail(id, "has a cancellation line with a control character (a line break or NUL)")
                } else if !cancellationProperties.contains(String(name)) {
                    fail(id, "has a cancellation line for property '\(TerminalText.escaped(String(name.prefix(40))))', which Convene never writes there")
                }
            }
        }
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
    }
}
