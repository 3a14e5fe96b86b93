/// Markdown tables that are safe to paste anywhere and to open in a spreadsheet.
extension TableRenderer {
    /// A GitHub-flavoured Markdown table: `|` and line breaks escaped, formula-like cells neutralised.
    func markdown() -> String {
        var lines = ["| " + columns.map(MarkdownCell.escape).joined(separator: " | ") + " |",
                     "|" + columns.map { _ in "---" }.joined(separator: "|") + "|"]
        for row in rows {
            lines.append("| " + row.map(MarkdownCell.escape).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}

/// Escaping for one Markdown table cell.
enum MarkdownCell {
    /// Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) get a leading `'`, as in
    /// CSV; `|` and backslashes are escaped, `<`, `>` and `&` written as entities, line breaks as `<br>`.
    static func escape(_ value: String) -> String {
        if let first = value.utf8.first, !SpreadsheetFormula.starts(first),
           !value.utf8.contains(where: { "\\|<>&\n\r`*_[]".utf8.contains($0) }) {
            return value  // nothing to escape: the common case, kept fast
        }
        let cell = SpreadsheetFormula.neutralised(value)
        var out = ""
        for character in cell {
            switch character {
            case "\\": out += "\\\\"
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r\n", "\r": out += "<br>"
            case "`", "*", "_", "[", "]": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    /// Escaping for Markdown running text (headings, paragraphs): the same rules without the quote.
    static func text(_ value: String) -> String {
        let escaped = escape(value)
        return escaped.hasPrefix("'") && !value.hasPrefix("'") ? String(escaped.dropFirst()) : escaped
    }
}
