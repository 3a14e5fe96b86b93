import ConveneCore
import Foundation

/// Rows under named columns, rendered as an aligned text table or CSV: every listing and report
/// table goes through it.
struct TableRenderer {
    var columns: [String]
    var rows: [[String]]

    /// Space-aligned columns with a header and a rule (two spaces between columns, the last
    /// column not padded). Built as bytes and turned into text once: appending to a String cell by
    /// cell, or Foundation's `padding`, is slow for the tens of thousands of rows a large
    /// workspace has; a long table is escaped, measured and laid out in pieces on every core.
    /// Control characters in cells (names and summaries come from other people's files) are shown
    /// escaped (``TerminalText``), so that none reaches the terminal.
    func text() -> String {
        let rows = self.rows
        let pieces = Parallel.map(Parallel.ranges(rows.count, minimum: 4096, pieces: 4 * Parallel.cores)) { range in
            let escaped = rows[range].map { $0.map(TerminalText.escaped) }
            return (rows: escaped, counts: escaped.map { $0.map(Self.width) })
        }
        var widths = columns.map(Self.width)
        for row in pieces.lazy.flatMap(\.counts) {
            for (i, width) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], width) }
        }
        let columnWidths = widths
        var out = Self.lines([columns, widths.map { String(repeating: "-", count: $0) }], [columns.map(Self.width), widths], widths: widths)
        for body in Parallel.map(pieces, { Self.lines($0.rows, $0.counts, widths: columnWidths) }) { out += body }
        out.removeLast()
        return String(decoding: out, as: UTF8.self)
    }

    /// Rows laid out in columns `widths` wide, each ending in a line feed; `counts` are the
    /// cells' widths.
    private static func lines(_ rows: [[String]], _ counts: [[Int]], widths: [Int]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * rows.count)
        for (cells, counts) in zip(rows, counts) {
            for (i, cell) in cells.enumerated() {
                out.append(contentsOf: cell.utf8)
                if i < cells.count - 1 {
                    let padding = max(0, (i < widths.count ? widths[i] : 0) - counts[i]) + 2
                    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// Characters a cell takes: its byte count when ASCII (the usual case, and much cheaper than
    /// counting characters), else its characters.
    static func width(_ cell: String) -> Int {
        cell.utf8.allSatisfy { $0 < 0x80 } ? cell.utf8.count : cell.count
    }

    /// RFC 4180 CSV, with cells that a spreadsheet would run as a formula neutralised.
    func csv() -> String {
        ([columns] + rows).map { $0.map(CSVCell.escape).joined(separator: ",") }.joined(separator: "\n")
    }
}
