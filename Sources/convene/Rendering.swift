import ConveneCore
import Foundation

/// Renders rows as an aligned text table, CSV or JSON.
struct TableRenderer {
    var columns: [String]
    var rows: [[String]]

    /// Space-aligned columns with a header and a rule; control characters shown escaped.
    func text() -> String {
        let rows = rows.map { $0.map(TerminalText.escaped) }
        var widths = columns.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[i] - cell.count))
            }.joined(separator: "  ")
        }
        var out = [line(columns), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }

    /// RFC 4180 CSV, with cells that a spreadsheet would run as a formula neutralised.
    func csv() -> String {
        ([columns] + rows).map { $0.map(CSVCell.escape).joined(separator: ",") }.joined(separator: "\n")
    }
}

/// CSV cell escaping that is safe to open in a spreadsheet.
enum CSVCell {
    /// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) with a
    /// leading `'`. The first Unicode scalar decides, not the first Character: `=` followed by a
    /// combining mark is one Character that is not "=", but a spreadsheet still sees a formula.
    static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(value) == nil else { return value }
        return "'" + value
    }

    static func escape(_ value: String) -> String {
        var cell = neutralised(value)
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            cell = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }
}

/// Encodes a value as pretty, key-sorted JSON.
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
