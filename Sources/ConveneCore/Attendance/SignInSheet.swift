import Foundation

/// A sign-in sheet as read from a CSV file: the header and the data rows, each with its line.
///
/// Reads RFC 4180 CSV as spreadsheets write it: UTF-8 with or without a byte-order mark, comma-
/// or semicolon- (or tab-) separated, the separator detected from the header row; fields may be
/// quoted, with `""` for a quote and line breaks inside quotes. Blank rows are skipped. Every
/// problem is reported with the file and line, and nothing is returned unless the whole sheet reads.
public struct SignInSheet: Sendable, Hashable {
    /// One data row and the line it starts on (1-based, the header is line 1 or later).
    public struct Row: Sendable, Hashable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// The file as named in messages.
    public var file: String
    public var separator: Character
    public var header: [String]
    /// The line of the header row.
    public var headerLine: Int
    public var rows: [Row]

    public init(file: String, separator: Character, header: [String], headerLine: Int = 1, rows: [Row]) {
        self.file = file
        self.separator = separator
        self.header = header
        self.headerLine = headerLine
        self.rows = rows
    }

    /// Reads a sheet from disk. Throws ``InputError`` naming the file and line of every problem.
    public static func read(_ url: URL) throws -> SignInSheet {
        let shown = PlanLoader.displayPath(url)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw InputError([Diagnostic(location: SourceLocation(file: shown, line: 1),
                                         message: "cannot read the sign-in sheet (no such file, or not readable)",
                                         hint: "check the path given to --csv")])
        }
        return try parse(data, file: shown)
    }

    /// Parses sheet bytes; `file` is the name used in messages.
    public static func parse(_ data: Data, file: String) throws -> SignInSheet {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        try checkUTF8(bytes, file: file)
        let separator = detectSeparator(bytes)
        var records = try split(bytes, separator: separator, file: file)
        for record in records {
            if let long = record.fields.first(where: { $0.utf8.count > SheetLimits.maximumFieldBytes }) {
                throw InputError([SheetLimits.tooLong(file: file, line: record.line, bytes: long.utf8.count)])
            }
        }
        records.removeAll { $0.fields.allSatisfy(\.isEmpty) }
        guard let first = records.first else {
            throw InputError([Diagnostic(location: SourceLocation(file: file, line: 1), message: "the sign-in sheet is empty",
                                         hint: "put a header row first (e.g. name,email,organisation,status), then one row per person")])
        }
        var diagnostics: [Diagnostic] = []
        let width = first.fields.count
        var rows: [Row] = []
        for record in records.dropFirst() {
            var fields = record.fields
            while fields.count > width, fields.last?.isEmpty == true { fields.removeLast() }  // trailing separators
            if fields.count != width {
                diagnostics.append(Diagnostic(
                    location: SourceLocation(file: file, line: record.line),
                    message: "this row has \(fields.count) field\(fields.count == 1 ? "" : "s") but the header has \(width)",
                    hint: fields.count > width
                        ? "a value containing '\(separator)' must be in double quotes, e.g. \"Ministry of X\(separator) Y\""
                        : "add the missing value\(width - fields.count == 1 ? "" : "s") (leave a cell empty with an extra '\(separator)')"))
                continue
            }
            rows.append(Row(line: record.line, fields: fields))
        }
        guard diagnostics.isEmpty else { throw InputError(diagnostics) }
        return SignInSheet(file: file, separator: separator, header: first.fields, headerLine: first.line, rows: rows)
    }

    /// Checks the bytes are UTF-8, or names the line and column of the first byte that is not.
    static func checkUTF8(_ bytes: [UInt8], file: String) throws {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return
            case .error:
                let byte = offset < bytes.count ? String(format: "0x%02X", bytes[offset]) : "a byte"
                throw InputError([Diagnostic(
                    location: SourceLocation(file: file, line: line, column: column),
                    message: "the sign-in sheet is not UTF-8 text (\(byte) here is not valid UTF-8; it looks like Latin-1 or Windows-1252)",
                    hint: "save it as UTF-8: in Excel 'CSV UTF-8 (Comma delimited)', in LibreOffice tick 'Edit filter settings' and choose Unicode (UTF-8)")])
            }
        }
    }

    /// The separator used in the header row: the most frequent of `,` `;` and tab outside quotes.
    /// (Every byte the reader looks for is ASCII, which in UTF-8 never occurs inside another
    /// character, so the sheet is read byte by byte.)
    static func detectSeparator(_ bytes: [UInt8]) -> Character {
        var counts: [UInt8: Int] = [comma: 0, semicolon: 0, tab: 0]
        var quoted = false
        var sawText = false
        for byte in bytes {
            if byte == quote { quoted.toggle(); continue }
            if quoted { continue }
            if byte == lineFeed || byte == carriageReturn {
                if sawText { break }
                continue
            }
            if byte != space { sawText = true }
            if counts[byte] != nil { counts[byte]! += 1 }
        }
        let best = [comma, semicolon, tab].max { counts[$0]! < counts[$1]! }!
        return counts[best]! == 0 ? "," : Character(Unicode.Scalar(best))
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), semicolon = UInt8(ascii: ";")
    private static let tab = UInt8(ascii: "\t"), space = UInt8(ascii: " ")
    private static let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// Whether a field read so far is only white space (a quote there opens a quoted value).
    /// Stops at the first other character, so a long field with quotes in it stays linear.
    private static func isBlank(_ field: [UInt8]) -> Bool {
        var decoder = UTF8()
        var iterator = field.makeIterator()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if !CharacterSet.whitespaces.contains(scalar) { return false }
        }
        return true
    }

    /// Splits UTF-8 text into records of fields; a record starts on `line`.
    static func split(_ s: [UInt8], separator: Character, file: String) throws -> [(line: Int, fields: [String])] {
        let sep = separator.asciiValue!
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false, wasQuoted = false, closed = false
        var line = 1, recordLine = 1, quoteLine = 1
        func endField() {
            let value = String(decoding: field, as: UTF8.self)
            fields.append(wasQuoted ? value : value.trimmed())
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            closed = false
        }
        var i = 0
        while i < s.count {
            let c = s[i]
            if inQuotes {
                if c == quote {
                    if i + 1 < s.count, s[i + 1] == quote {
                        field.append(quote)
                        i += 2
                        continue
                    }
                    inQuotes = false
                    closed = true
                } else {
                    if c == lineFeed { line += 1 }
                    field.append(c)
                }
                i += 1
                continue
            }
            if c == sep {
                endField()
            } else if c == lineFeed || c == carriageReturn {
                if c == carriageReturn, i + 1 < s.count, s[i + 1] == lineFeed { i += 1 }
                endField()
                records.append((recordLine, fields))
                fields = []
                line += 1
                recordLine = line
            } else if closed {
                if c != space && c != tab {
                    throw InputError([Diagnostic(
                        location: SourceLocation(file: file, line: line),
                        message: "text follows a closing double quote in field \(fields.count + 1)",
                        hint: "inside a quoted value write a double quote as \"\" (two quotes), e.g. \"The \"\"Peace\"\" Forum\"")])
                }
            } else if c == quote, isBlank(field) {
                inQuotes = true
                wasQuoted = true
                field.removeAll(keepingCapacity: true)
                quoteLine = line
            } else {
                field.append(c)
            }
            i += 1
        }
        if inQuotes {
            throw InputError([Diagnostic(
                location: SourceLocation(file: file, line: quoteLine),
                message: "a double quote opened on this line is never closed",
                hint: "close the quoted value with \", or write a quote inside it as \"\"")])
        }
        if !fields.isEmpty || !field.isEmpty || wasQuoted {
            endField()
            records.append((recordLine, fields))
        }
        return records
    }
}
