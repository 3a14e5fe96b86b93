import Foundation
import Yams

/// Cheap checks of a plan's bytes and YAML tree that run before and right after Yams reads it,
/// so that no plan can crash or hang the reader, and no value can carry control characters into
/// what Convene writes:
/// - invalid UTF-8 and control characters (NUL, ESC …) are reported at their own line:column;
/// - nesting deeper than ``maximumDepth`` (100 000 `[` would overflow the stack of any recursive
///   reader) is refused before any parser sees it;
/// - aliases that expand to more than ``expansionBudget(forBytes:)`` values (an "alias bomb": 9
///   levels of 10 aliases is a billion values from a few hundred bytes) are refused before the
///   tree is walked;
/// - a decoded value holding a control character (a YAML escape such as `"\0"` or `"\r\n"`) is
///   refused at its line:column; values that name things (ids, the workspace, emails, URLs, time
///   zones, recurrence rules) may hold no white space or control character at all.
///
/// Refusing (not dropping) a control character in a title is the documented choice: what
/// Convene exports is then exactly what the plan says.
enum PlanTextLimits {
    /// Deeper nesting than any plan needs (plans use about 6 levels).
    static let maximumDepth = 64

    /// How many values a plan's aliases may expand to: generous for merge keys (`<<: *defaults`),
    /// far below what takes noticeable time or memory.
    static func expansionBudget(forBytes count: Int) -> Int { max(200_000, 8 * count) }

    /// Keys whose values name or address something and are written into files as they are.
    /// (`level:` and `sector:` are not: they resolve to a canonical word, and a country's own name
    /// for a tier may be several words, `level: District Assembly`.)
    static let identifierKeys: Set<String> = [
        "workspace", "id", "email", "url", "timezone", "rule", "person", "organisation", "organization", "venue",
        "series", "follows", "deputy", "for", "country", "kind", "status", "mode", "role",
    ]

    /// The first invalid UTF-8 sequence, at its line and column (in characters).
    static func utf8Problem(_ bytes: [UInt8], file: String) -> Diagnostic? {
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var valid = length > 0 && index + length <= bytes.count
            if valid && length > 1 {
                for next in bytes[(index + 1)..<(index + length)] where next & 0xC0 != 0x80 { valid = false }
                if valid {
                    let second = bytes[index + 1]
                    if (byte == 0xE0 && second < 0xA0) || (byte == 0xED && second > 0x9F)
                        || (byte == 0xF0 && second < 0x90) || (byte == 0xF4 && second > 0x8F) { valid = false }
                }
            }
            guard valid else {
                return Diagnostic(location: SourceLocation(file: file, line: line, column: column),
                                  message: String(format: "the plan is not UTF-8 text: byte 0x%02X here does not start a UTF-8 character", byte),
                                  hint: "save the file as UTF-8 (and retype the character here)")
            }
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return nil
    }

    /// Control characters in the text itself, and nesting deeper than ``maximumDepth``.
    static func textProblems(_ text: String, file: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var line = 1, column = 0
        var copy = text
        let suspect = copy.withUTF8 { bytes in
            bytes.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F || $0 == 0xC2 }
        }
        for scalar in (suspect ? text : "").unicodeScalars {
            column += 1
            if scalar == "\n" { line += 1; column = 0; continue }
            if isForbiddenControl(scalar, allowingLineBreaks: true) {
                problems.append(Diagnostic(location: SourceLocation(file: file, line: line, column: column),
                                           message: "control character \(TerminalText.escaped(String(scalar))) (U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))) in the plan",
                                           hint: "remove it: plans hold text, and a control character would end up in invitations"))
                if problems.count >= 20 { break }
            }
        }
        if let deep = NestingScan(text).firstTooDeep(limit: maximumDepth) {
            problems.append(Diagnostic(location: SourceLocation(file: file, line: deep.line, column: deep.column),
                                       message: "the plan nests lists and mappings more than \(maximumDepth) levels deep here",
                                       hint: "a plan needs a few levels: check for unclosed '[' or '{'"))
        }
        return problems
    }

    /// The problems of a composed tree, in one walk: aliases expanding to more than
    /// ``expansionBudget(forBytes:)`` values (counted each time they are used; then that alone is
    /// reported, at the value where the expansion ran over), else the values ``valueProblem(_:under:file:)``
    /// refuses. Nodes are read by index (iterating a Yams mapping copies all its pairs) and a
    /// node's place is only looked up for a problem: the walk costs a fraction of composing.
    static func treeProblems(_ root: Node, textBytes: Int, file: String) -> [Diagnostic] {
        let budget = expansionBudget(forBytes: textBytes)
        var left = budget
        var problems: [Diagnostic] = []
        // Depth first, in document order (a mapping's key before its value): what a node is
        // under decides how strictly its text is checked.
        var stack: [(node: Node, under: ValueKey)] = [(root, .other)]
        while let (node, under) = stack.popLast() {
            left -= 1
            if left < 0 {
                let mark = node.mark
                return [Diagnostic(location: SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1),
                                   message: "the plan's aliases (*name) expand to more than \(budget) values",
                                   hint: "use anchors and aliases only to repeat small pieces, or write the values out")]
            }
            switch node {
            case .scalar(let scalar):
                if problems.count < 50, let problem = valueProblem(scalar, under: under, file: file) { problems.append(problem) }
            case .alias: break
            case .sequence(let items):
                var index = items.endIndex
                while index > items.startIndex {
                    index -= 1
                    stack.append((items[index], under))
                }
            case .mapping(let pairs):
                var index = pairs.endIndex
                while index > pairs.startIndex {
                    index -= 1
                    let pair = pairs[index]
                    stack.append((pair.value, ValueKey(pair.key)))
                    stack.append((pair.key, .other))  // keys name things (sectors, levels) and may hold spaces
                }
            }
        }
        return problems
    }

    /// What a value is the value of, for ``valueProblem(_:under:file:)``.
    enum ValueKey {
        /// `workspace`: the name that goes into every UID.
        case workspace
        /// One of ``identifierKeys``, named for the message.
        case identifier(String)
        case other

        init(_ key: Node) {
            guard case .scalar(let scalar) = key else { self = .other; return }
            let text = scalar.string
            self = text == "workspace" ? .workspace : identifierKeys.contains(text) ? .identifier(text) : .other
        }
    }

    /// A value holding a control character, an identifier-like value holding white space, or a
    /// workspace name that cannot go into UIDs.
    static func valueProblem(_ scalar: Node.Scalar, under key: ValueKey, file: String) -> Diagnostic? {
        let text = scalar.string
        func here() -> SourceLocation { SourceLocation(file: file, line: scalar.mark?.line ?? 1, column: scalar.mark?.column ?? 1) }
        let name: String
        switch key {
        case .other: name = ""
        case .identifier(let key): name = key
        case .workspace:
            name = "workspace"
            guard SafeFileName.isID(text) && !text.contains("@") else {
                return Diagnostic(location: here(),
                                  message: "the workspace name '\(TerminalText.escaped(String(text.prefix(80))))' is not a name Convene can put in every event's UID",
                                  hint: "use letters, digits, '.', '_' and '-', starting with a letter or digit, e.g. strong-cities-nlc")
            }
        }
        let strict = !name.isEmpty
        // Most values are plain text: bytes first, scalars only when something may be wrong.
        if !text.utf8.contains(where: { byte in
            strict ? (byte <= 0x20 || byte >= 0x7F) : ((byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F || byte == 0xC2)
        }) { return nil }
        guard let bad = text.unicodeScalars.first(where: { isForbiddenControl($0, allowingLineBreaks: !strict) || (strict && $0.properties.isWhitespace) })
        else { return nil }
        return Diagnostic(
            location: here(),
            message: strict ? "'\(name)' holds \(bad.properties.isWhitespace && !TerminalText.needsEscape(bad) ? "white space" : "the control character \(TerminalText.escaped(String(bad)))"): '\(TerminalText.escaped(String(text.prefix(80))))'"
                            : "this value holds the control character \(TerminalText.escaped(String(bad)))",
            hint: strict ? "ids, the workspace name, emails, URLs, time zones and rules are single words: remove it"
                         : "remove it (a line break may stay; tabs are fine)")
    }

    /// C0 controls but tab (and line breaks when allowed), DEL and C1 controls.
    static func isForbiddenControl(_ scalar: Unicode.Scalar, allowingLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x09: return false
        // NEL is a line break to Yams (YAML 1.1), as LF and CR are.
        case 0x0A, 0x0D, 0x85: return !allowingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }
}

/// A single pass over YAML text that measures how deep lists and mappings nest, without
/// parsing: block nesting from indentation and `- ` indicators, flow nesting from `[` and `{`
/// where a value starts (outside quotes, comments and block scalars).
struct NestingScan {
    let text: String

    init(_ text: String) { self.text = text }

    /// Where nesting first goes deeper than `limit`.
    func firstTooDeep(limit: Int) -> (line: Int, column: Int)? {
        var copy = text
        return copy.withUTF8 { Self.scan($0, limit: limit) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> (line: Int, column: Int)? {
        var indents: [Int] = []
        var flow = 0, line = 1, index = 0
        var quote: UInt8 = 0  // open quote carried across lines inside flow collections
        var blockScalarIndent: Int? = nil
        while index < bytes.count {
            // One line: [index, end).
            var end = index
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            defer { index = end + 1; line += 1 }
            var i = index
            while i < end && bytes[i] == 0x20 { i += 1 }
            let indent = i - index
            let blank = i == end || bytes[i] == 0x23 || bytes[i] == 0x0D
            if let scalarIndent = blockScalarIndent {
                if blank || indent > scalarIndent { continue }
                blockScalarIndent = nil
            }
            if blank && quote == 0 { continue }
            if flow == 0 && quote == 0 {
                while let last = indents.last, last >= indent { indents.removeLast() }
                indents.append(indent)
            }
            var depth = indents.count
            var atStart = true
            var lastNonSpace: UInt8 = 0
            while i < end {
                let byte = bytes[i]
                if quote != 0 {
                    if byte == quote {
                        if quote == 0x27 && i + 1 < end && bytes[i + 1] == 0x27 { i += 2; continue }
                        quote = 0
                        atStart = false
                    } else if byte == 0x5C && quote == 0x22 { i += 1 }
                    i += 1
                    continue
                }
                switch byte {
                case 0x20, 0x09: break
                case 0x2D, 0x3F where atStart && (i + 1 == end || bytes[i + 1] == 0x20):  // "- " or "? "
                    depth += 1
                case 0x5B, 0x7B where atStart:  // [ {
                    flow += 1
                case 0x5D, 0x7D where flow > 0:  // ] }
                    flow -= 1
                    atStart = false
                case 0x2C where flow > 0:  // ,
                    atStart = true
                case 0x3A where i + 1 == end || bytes[i + 1] == 0x20 || (flow > 0 && (bytes[i + 1] == 0x2C || bytes[i + 1] == 0x5D || bytes[i + 1] == 0x7D)):
                    atStart = true
                case 0x22, 0x27 where atStart:
                    quote = byte
                case 0x23 where i == index || bytes[i - 1] == 0x20:
                    i = end
                    continue
                default:
                    atStart = false
                }
                if byte != 0x20 && byte != 0x0D { lastNonSpace = byte }
                if depth + flow > limit { return (line, i - index + 1) }
                i += 1
            }
            // `key: |` or `- >-` starts a block scalar: its lines are text.
            if flow == 0 && quote == 0, lastNonSpace == 0x7C || lastNonSpace == 0x3E || isBlockIndicatorEnd(bytes, index, end) {
                blockScalarIndent = indent
            }
        }
        return nil
    }

    /// A line ending in `|` or `>` with indentation or chomping marks (`|-`, `>2+`).
    private static func isBlockIndicatorEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var j = end
        while j > start && (bytes[j - 1] == 0x20 || bytes[j - 1] == 0x0D) { j -= 1 }
        var k = j
        while k > start && (bytes[k - 1] == 0x2D || bytes[k - 1] == 0x2B || (0x30...0x39).contains(bytes[k - 1])) { k -= 1 }
        guard k < j, k > start else { return false }
        let mark = bytes[k - 1]
        return (mark == 0x7C || mark == 0x3E) && (k - 1 == start || bytes[k - 2] == 0x20)
    }
}

private extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
