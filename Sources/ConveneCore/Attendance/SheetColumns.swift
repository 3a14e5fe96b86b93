import Foundation

/// What a sign-in sheet's column holds, recognised from its header (case-insensitive; spaces,
/// hyphens and underscores alike). Columns the tool does not use (signature, title, phone) are ignored.
public enum SheetColumn: String, Sendable, Hashable, CaseIterable {
    case name, email, organisation, level, sector, country, status
    /// The invitee a deputy attends for.
    case onBehalfOf = "for"
    /// A plan person id, or `guest` to record a walk-in even when the name resembles someone.
    case person

    /// Header spellings, normalised (lower-case, words joined by single spaces).
    static let names: [String: SheetColumn] = [
        "name": .name, "full name": .name, "participant": .name, "participant name": .name, "attendee": .name,
        "attendee name": .name, "nom": .name,
        "email": .email, "e mail": .email, "email address": .email, "e mail address": .email, "mail": .email,
        "organisation": .organisation, "organization": .organisation, "org": .organisation, "agency": .organisation,
        "institution": .organisation, "affiliation": .organisation, "organisation name": .organisation,
        "organization name": .organisation,
        "level": .level, "government level": .level, "tier": .level,
        "sector": .sector,
        "country": .country,
        "status": .status, "attendance": .status, "attended": .status, "present": .status,
        "for": .onBehalfOf, "on behalf of": .onBehalfOf, "onbehalfof": .onBehalfOf, "deputy for": .onBehalfOf,
        "representing": .onBehalfOf, "standing in for": .onBehalfOf, "in place of": .onBehalfOf,
        "person": .person, "person id": .person, "plan id": .person,
    ]

    /// The column a header cell names, if any.
    static func recognise(_ header: String) -> SheetColumn? {
        let words = header.lowercased().split { $0 == " " || $0 == "-" || $0 == "_" || $0 == "\t" }
        return names[words.joined(separator: " ")]
    }
}

/// Where each recognised column sits in a sheet.
struct SheetLayout: Sendable {
    var index: [SheetColumn: Int]

    /// Recognises the header; a sheet needs a name or an email column, and no column twice.
    init(_ sheet: SignInSheet) throws {
        var index: [SheetColumn: Int] = [:]
        var diagnostics: [Diagnostic] = []
        for (position, cell) in sheet.header.enumerated() {
            guard let column = SheetColumn.recognise(cell) else { continue }
            if let earlier = index[column] {
                diagnostics.append(Diagnostic(
                    location: SourceLocation(file: sheet.file, line: sheet.headerLine, column: position + 1),
                    message: "columns \(earlier + 1) ('\(sheet.header[earlier])') and \(position + 1) ('\(cell)') both mean '\(column.rawValue)'",
                    hint: "rename or delete one of them"))
            } else {
                index[column] = position
            }
        }
        if index[.name] == nil && index[.email] == nil {
            let looksLikeData = sheet.header.contains { $0.contains("@") }
            diagnostics.append(Diagnostic(
                location: SourceLocation(file: sheet.file, line: sheet.headerLine),
                message: "the sheet has no name or email column (header: \(sheet.header.map { "'\($0)'" }.joined(separator: ", ")))",
                hint: looksLikeData
                    ? "the first row must be a header: insert a row such as name,email,organisation,status"
                    : "name a column 'name' or 'email' (also recognised: organisation, level, sector, country, status, for)"))
        }
        guard diagnostics.isEmpty else { throw InputError(diagnostics) }
        self.index = index
    }

    /// The trimmed value of a column in a row; nil when the column is absent or the cell empty.
    func value(_ column: SheetColumn, in row: SignInSheet.Row) -> String? {
        guard let i = index[column], i < row.fields.count else { return nil }
        let value = row.fields[i].trimmed(.whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// 1-based column number, for messages.
    func number(_ column: SheetColumn) -> Int { (index[column] ?? 0) + 1 }
}
