/// CSV cell escaping (RFC 4180) that is safe to open in a spreadsheet: the one escaper for CSV.
enum CSVCell {
    static func escape(_ value: String) -> String {
        let utf8 = value.utf8
        // Nothing to escape: the common case, kept fast.
        if let first = utf8.first, !SpreadsheetFormula.starts(first),
           !utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
            return value
        }
        var cell = SpreadsheetFormula.neutralised(value)
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            cell = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }
}

/// Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start):
/// CSV and Markdown tables give them a leading `'`, unless they are plain numbers.
enum SpreadsheetFormula {
    static func starts(_ byte: UInt8) -> Bool { "=+-@\t\r".utf8.contains(byte) }

    static func neutralised(_ value: String) -> String {
        if let first = value.utf8.first, starts(first), Double(value) == nil { return "'" + value }
        return value
    }
}
