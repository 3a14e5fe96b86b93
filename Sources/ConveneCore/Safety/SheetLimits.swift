/// The longest cell a sign-in sheet may hold. Names, emails and organisations are short; a
/// multi-megabyte cell is a damaged or hostile file, and comparing it with every invitee's name
/// would take time that grows with its square. Refused with its line before anything matches it.
enum SheetLimits {
    /// 64 KiB, hundreds of times any real name or organisation.
    static let maximumFieldBytes = 64 << 10

    static func tooLong(file: String, line: Int, bytes: Int) -> Diagnostic {
        Diagnostic(location: SourceLocation(file: file, line: line),
                   message: "a cell on this row is \(bytes) bytes long, more than \(maximumFieldBytes)",
                   hint: "check the sheet was saved as CSV (a cell should hold a name, an email or an organisation)")
    }
}
