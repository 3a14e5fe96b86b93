import Foundation

/// Reads the part of YAML that plans are written in straight from the bytes, several times faster
/// than composing a Yams tree: block mappings and lists (lists of mappings written `- key: value`),
/// flow lists and mappings on one line (`[a, b]`, `{key: value}`), plain and quoted texts on one
/// line, `|` and `>` blocks, comments, CRLF or LF.
///
/// Anything else (anchors, aliases, tags, directives, several documents, tabs, a byte-order mark,
/// texts continued over several lines, keys written twice, and every syntax error) makes it give up
/// and return nil; the loader then reads the file with Yams, which accepts all of YAML and words
/// the errors. Both readers give the same tree for the same text (a differential test holds them to it).
enum YAMLSubsetParser {
    /// The document's root node, or nil when the text is empty or uses YAML outside the subset.
    static func parse(_ text: String) -> YAMLNode? {
        var text = text
        return text.withUTF8 { bytes -> YAMLNode? in
            guard Self.usesPlainBytes(bytes) else { return nil }
            var scanner = Scanner(bytes: bytes)
            if bytes.count >= Self.parallelThreshold {
                guard let prepared = Self.readLargeListsConcurrently(bytes) else { return nil }
                scanner.prepared = prepared
            }
            return try? scanner.document()
        }
    }

    /// Plans this large have their long top-level lists read on every core.
    static let parallelThreshold = 1 << 20

    /// Finds the top-level keys whose value is a long block list (`events:`, `people:`), splits
    /// each list at item boundaries (lines at the list's indentation starting with `- `) and
    /// reads the pieces at once, one per core. Returns the lists by the offset of their first
    /// dash, for the main reader to take as they are; nil when a piece is outside the subset.
    private static func readLargeListsConcurrently(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int: PreparedList]? {
        var pieces: [(start: Int, end: Int, line: Int, indent: Int)] = []
        var lists: [(first: Int, line: Int, column: Int, pieces: Range<Int>, end: Int, endLine: Int)] = []
        // Line starts of column-0 content lines, with line numbers.
        var offset = 0, line = 1
        var pendingKey = false
        var listStart: (offset: Int, line: Int, indent: Int)?
        var itemStarts: [(offset: Int, line: Int)] = []
        func closeList(at end: Int, line endLine: Int) {
            defer { listStart = nil; itemStarts = [] }
            guard let list = listStart, end - list.offset >= parallelThreshold / 4, itemStarts.count >= 2 else { return }
            let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
            let perPiece = (itemStarts.count + cores - 1) / cores
            let firstPiece = pieces.count
            var index = 0
            while index < itemStarts.count {
                let last = min(index + perPiece, itemStarts.count)
                let pieceEnd = last < itemStarts.count ? itemStarts[last].offset : end
                pieces.append((itemStarts[index].offset, pieceEnd, itemStarts[index].line, list.indent))
                index = last
            }
            lists.append((list.offset + list.indent, list.line, list.indent + 1, firstPiece..<pieces.count, end, endLine))
        }
        let count = bytes.count
        while offset < count {
            var spaces = 0
            while offset + spaces < count && bytes[offset + spaces] == space { spaces += 1 }
            let first = offset + spaces < count ? bytes[offset + spaces] : newline
            let hasContent = first != newline && first != carriageReturn && first != hash
            if hasContent {
                let next = offset + spaces + 1 < count ? bytes[offset + spaces + 1] : newline
                let isItem = first == dash && (next == space || next == newline || next == carriageReturn)
                if let list = listStart {
                    if spaces == list.indent && isItem {
                        itemStarts.append((offset, line))
                    } else if spaces == 0 && !(list.indent == 0 && isItem) {
                        closeList(at: offset, line: line)
                    }
                }
                if listStart == nil {
                    if pendingKey && isItem {
                        listStart = (offset, line, spaces)
                        itemStarts = [(offset, line)]
                    }
                    pendingKey = false
                    if spaces == 0 && !isItem {
                        // `key:` alone on its line: its value may be a long list.
                        var end = offset
                        while end < count && bytes[end] != newline && bytes[end] != carriageReturn { end += 1 }
                        while end > offset && bytes[end - 1] == space { end -= 1 }
                        pendingKey = end > offset && bytes[end - 1] == colon
                    }
                }
            }
            while offset < count && bytes[offset] != newline { offset += 1 }
            offset += 1
            line += 1
        }
        closeList(at: count, line: line)
        guard !pieces.isEmpty else { return [:] }

        nonisolated(unsafe) let source = bytes
        let results = Concurrently.map(pieces) { piece -> [YAMLNode]? in
            var scanner = Scanner(bytes: UnsafeBufferPointer(rebasing: source[0..<piece.end]))
            scanner.position = piece.start + piece.indent
            scanner.lineStart = piece.start
            scanner.line = piece.line
            guard let node = try? scanner.blockSequence(indent: piece.indent), case .sequence(let items) = node.content,
                  scanner.skipToContent() == nil else { return nil }
            return items
        }
        var prepared: [Int: PreparedList] = [:]
        for list in lists {
            var items: [YAMLNode] = []
            for index in list.pieces {
                guard let piece = results[index] else { return nil }
                items.append(contentsOf: piece)
            }
            prepared[list.first] = PreparedList(node: YAMLNode(.sequence(items), line: list.line, column: list.column),
                                                end: list.end, endLine: list.endLine)
        }
        return prepared
    }

    /// Control characters other than line ends (tabs among them), a lone carriage return, or a
    /// byte-order mark are left to the full reader.
    private static func usesPlainBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return false }
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x20 {
                if byte == 0x0D {
                    guard index + 1 < count, bytes[index + 1] == 0x0A else { return false }
                } else if byte != 0x0A {
                    return false
                }
            } else if byte == 0x7F {
                return false
            }
            index += 1
        }
        return true
    }
}

/// Thrown inside the scanner when the text leaves the subset; never escapes ``YAMLSubsetParser``.
private struct OutsideSubset: Error {}

private let space: UInt8 = 0x20, newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D
private let hash = UInt8(ascii: "#"), colon = UInt8(ascii: ":"), dash = UInt8(ascii: "-")
private let comma = UInt8(ascii: ","), doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")
private let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
private let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
private let backslash = UInt8(ascii: "\\"), pipe = UInt8(ascii: "|"), greaterThan = UInt8(ascii: ">")

/// A long list read ahead of the main reader, with where the main reader resumes.
private struct PreparedList {
    var node: YAMLNode
    /// Start of the line after the list, and its number.
    var end: Int
    var endLine: Int
}

private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Lists already read, by the offset of their first dash.
    var prepared: [Int: PreparedList] = [:]
    /// Where reading is; every node reader returns with `position` at the start of a line.
    var position = 0
    var line = 1
    var lineStart = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    // MARK: Bytes and lines

    /// The byte at `index`, or 0 past the end (the text holds no 0 bytes).
    @inline(__always) func byte(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    @inline(__always) func isLineEnd(_ index: Int) -> Bool {
        let b = byte(index)
        return b == newline || b == carriageReturn || b == 0
    }

    @inline(__always) func isBlank(_ index: Int) -> Bool { byte(index) == space || isLineEnd(index) }

    /// The last column worked out on the current line, to count on from there.
    private var counted = (lineStart: -1, index: 0, column: 1)

    /// Characters (not bytes) from the line's start, 1-based, as libyaml counts columns.
    mutating func column(_ index: Int) -> Int {
        if counted.lineStart != lineStart || index < counted.index { counted = (lineStart, lineStart, 1) }
        var column = counted.column
        var i = counted.index
        while i < index {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        counted = (lineStart, index, column)
        return column
    }

    func text(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
    }

    /// Moves past the current line's end to the start of the next line.
    mutating func nextLine() {
        var i = position
        while i < bytes.count && bytes[i] != newline { i += 1 }
        position = min(i + 1, bytes.count)
        lineStart = position
        line += 1
    }

    /// After a value: only spaces and a comment may follow on its line.
    mutating func finishLine() throws {
        while byte(position) == space { position += 1 }
        if byte(position) == hash {
            guard position == lineStart || bytes[position - 1] == space else { throw OutsideSubset() }
        } else if !isLineEnd(position) {
            throw OutsideSubset()
        }
        nextLine()
    }

    /// Skips blank and comment lines from the current line's start; returns the indentation of
    /// the next line with content (leaving `position` at its first character), or nil at the end.
    mutating func skipToContent() -> Int? {
        position = lineStart
        while true {
            var i = position
            while i < bytes.count && bytes[i] == space { i += 1 }
            if i >= bytes.count {
                position = bytes.count
                lineStart = bytes.count
                return nil
            }
            let b = bytes[i]
            if b == newline || b == carriageReturn || b == hash {
                position = i
                nextLine()
                continue
            }
            position = i
            return i - lineStart
        }
    }

    // MARK: Document and block structure

    mutating func document() throws -> YAMLNode? {
        guard var indent = skipToContent() else { return nil }
        if indent == 0, byte(position) == dash, byte(position + 1) == dash, byte(position + 2) == dash, isBlank(position + 3) {
            position += 3
            try finishLine()
            guard let next = skipToContent() else { return nil }
            indent = next
        }
        let root = try blockNode(indent: indent, parentIndent: -1)
        guard skipToContent() == nil else { throw OutsideSubset() }
        return root
    }

    /// A node starting at `position`, the first character of a line indented by `indent`.
    mutating func blockNode(indent: Int, parentIndent: Int) throws -> YAMLNode {
        if isSequenceEntry(position) { return try blockSequence(indent: indent) }
        if isMappingKey(position) { return try blockMapping(indent: indent) }
        return try inlineValue(blockIndent: parentIndent)
    }

    func isSequenceEntry(_ index: Int) -> Bool { byte(index) == dash && isBlank(index + 1) }

    /// Whether the line from `index` reads `key: ...` (a plain or quoted key, then a colon and a blank).
    func isMappingKey(_ index: Int) -> Bool {
        var i = index
        let first = byte(i)
        if first == doubleQuote || first == singleQuote {
            guard let end = quotedEnd(index) else { return false }
            i = end
            while byte(i) == space { i += 1 }
            return byte(i) == colon && isBlank(i + 1)
        }
        if Self.startsNonPlain(first) || (first == dash && isBlank(i + 1)) { return false }
        while !isLineEnd(i) {
            let b = bytes[i]
            if b == colon && isBlank(i + 1) { return true }
            if b == hash && i > index && bytes[i - 1] == space { return false }
            i += 1
        }
        return false
    }

    /// Indicators that cannot start a plain text here (or need YAML outside the subset).
    static func startsNonPlain(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "?"), colon, comma, openBracket, closeBracket, openBrace, closeBrace, hash,
             UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), pipe, greaterThan, singleQuote, doubleQuote,
             UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return true
        default:
            return false
        }
    }

    mutating func blockMapping(indent: Int) throws -> YAMLNode {
        let startLine = line, startColumn = column(position)
        var pairs: [YAMLPair] = []
        while true {
            let key = try mappingKey()
            for pair in pairs where pair.key.text == key.text { throw OutsideSubset() }
            while byte(position) == space { position += 1 }
            let value: YAMLNode
            if isLineEnd(position) || byte(position) == hash {
                value = try valueOnFollowingLines(indent: indent, emptyAt: (line, column(position)))
            } else {
                value = try inlineValue(blockIndent: indent)
            }
            pairs.append(YAMLPair(key: key, value: value))
            guard let next = skipToContent(), next >= indent else { break }
            guard next == indent, isMappingKey(position) else { throw OutsideSubset() }
        }
        return YAMLNode(.mapping(pairs), line: startLine, column: startColumn)
    }

    /// A key up to its colon; leaves `position` just after the colon.
    mutating func mappingKey() throws -> YAMLNode {
        let keyLine = line, keyColumn = column(position)
        let key: String
        if byte(position) == doubleQuote || byte(position) == singleQuote {
            key = try quoted()
            while byte(position) == space { position += 1 }
        } else {
            let start = position
            while !(byte(position) == colon && isBlank(position + 1)) {
                guard !isLineEnd(position) else { throw OutsideSubset() }
                position += 1
            }
            var end = position
            while end > start && bytes[end - 1] == space { end -= 1 }
            key = text(start, end)
        }
        guard byte(position) == colon else { throw OutsideSubset() }
        position += 1
        return YAMLNode(.scalar(key), line: keyLine, column: keyColumn)
    }

    /// The value of `key:` or `-` with nothing after it on the line: a block on the next lines,
    /// a list at the same indentation (for a key), or empty text.
    mutating func valueOnFollowingLines(indent: Int, emptyAt mark: (line: Int, column: Int),
                                        inSequence: Bool = false) throws -> YAMLNode {
        try finishLine()
        if let next = skipToContent() {
            if next > indent { return try blockNode(indent: next, parentIndent: indent) }
            if !inSequence && next == indent && isSequenceEntry(position) { return try blockSequence(indent: indent) }
        }
        return YAMLNode(.scalar(""), line: mark.line, column: mark.column)
    }

    mutating func blockSequence(indent: Int) throws -> YAMLNode {
        if !prepared.isEmpty, let list = prepared[position] {
            position = list.end
            lineStart = list.end
            line = list.endLine
            return list.node
        }
        let startLine = line, startColumn = column(position)
        var items: [YAMLNode] = []
        while true {
            position += 1  // the dash
            let afterDash = (line, column(position))
            while byte(position) == space { position += 1 }
            if isLineEnd(position) || byte(position) == hash {
                items.append(try valueOnFollowingLines(indent: indent, emptyAt: afterDash, inSequence: true))
            } else {
                let itemIndent = position - lineStart
                if isSequenceEntry(position) {
                    items.append(try blockSequence(indent: itemIndent))
                } else if isMappingKey(position) {
                    items.append(try blockMapping(indent: itemIndent))
                } else {
                    items.append(try inlineValue(blockIndent: indent))
                }
            }
            guard let next = skipToContent(), next >= indent else { break }
            if next > indent { throw OutsideSubset() }
            guard isSequenceEntry(position) else { break }
        }
        return YAMLNode(.sequence(items), line: startLine, column: startColumn)
    }

    // MARK: Values on one line

    /// A value that starts on the current line: quoted, flow, block text or plain text.
    /// `blockIndent` is the indentation of the enclosing block (a block text must be deeper).
    mutating func inlineValue(blockIndent: Int) throws -> YAMLNode {
        let first = byte(position)
        let valueLine = line, valueColumn = column(position)
        if first == doubleQuote || first == singleQuote {
            let value = try quoted()
            try finishLine()
            return YAMLNode(.scalar(value), line: valueLine, column: valueColumn)
        }
        if first == openBracket || first == openBrace {
            let value = try flowNode()
            try finishLine()
            return value
        }
        if first == pipe || first == greaterThan {
            return YAMLNode(.scalar(try blockText(blockIndent: blockIndent)), line: valueLine, column: valueColumn)
        }
        if Self.startsNonPlain(first) || (first == dash && isBlank(position + 1)) { throw OutsideSubset() }
        let start = position
        while !isLineEnd(position) {
            let b = bytes[position]
            if b == colon && isBlank(position + 1) { throw OutsideSubset() }
            if b == hash && bytes[position - 1] == space { break }
            position += 1
        }
        var end = position
        while end > start && bytes[end - 1] == space { end -= 1 }
        try finishLine()
        return YAMLNode(.scalar(text(start, end)), line: valueLine, column: valueColumn)
    }

    /// Where a quoted text that starts at `index` ends (just past its closing quote), on the same line.
    func quotedEnd(_ index: Int) -> Int? {
        let quote = byte(index)
        var i = index + 1
        while !isLineEnd(i) {
            let b = bytes[i]
            if quote == doubleQuote && b == backslash {
                if isLineEnd(i + 1) { return nil }
                i += 2
                continue
            }
            if b == quote {
                if quote == singleQuote && byte(i + 1) == singleQuote { i += 2; continue }
                return i + 1
            }
            i += 1
        }
        return nil
    }

    /// A single- or double-quoted text closed on the same line; leaves `position` past the quote.
    mutating func quoted() throws -> String {
        let quote = bytes[position]
        guard let end = quotedEnd(position) else { throw OutsideSubset() }
        let start = position + 1, close = end - 1
        position = end
        var i = start
        while i < close && bytes[i] != backslash && bytes[i] != singleQuote { i += 1 }
        if i == close { return text(start, close) }
        var out: [UInt8] = []
        out.reserveCapacity(close - start)
        i = start
        while i < close {
            let b = bytes[i]
            if quote == singleQuote {
                out.append(b)
                i += b == singleQuote ? 2 : 1
                continue
            }
            guard b == backslash else { out.append(b); i += 1; continue }
            let escape = bytes[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "0"): out.append(0)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "e"): out.append(0x1B)
            case space, doubleQuote, backslash, UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
                guard i + digits <= close, let value = UInt32(text(i, i + digits), radix: 16),
                      let scalar = Unicode.Scalar(value) else { throw OutsideSubset() }
                out.append(contentsOf: String(Character(scalar)).utf8)
                i += digits
            default:
                throw OutsideSubset()
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `[a, b]` or `{key: value}` (nested as needed), closed on the same line.
    mutating func flowNode() throws -> YAMLNode {
        while byte(position) == space { position += 1 }
        let nodeLine = line, nodeColumn = column(position)
        let first = byte(position)
        if first == openBracket || first == openBrace {
            let close = first == openBracket ? closeBracket : closeBrace
            position += 1
            var items: [YAMLNode] = [], pairs: [YAMLPair] = []
            while byte(position) == space { position += 1 }
            if byte(position) == close {
                position += 1
            } else {
                while true {
                    let item = try flowNode()
                    while byte(position) == space { position += 1 }
                    if first == openBrace {
                        guard item.text != nil, byte(position) == colon, byte(position + 1) == space else { throw OutsideSubset() }
                        position += 1
                        while byte(position) == space { position += 1 }
                        let b = byte(position)
                        if b == comma || b == closeBrace { throw OutsideSubset() }
                        let value = try flowNode()
                        for pair in pairs where pair.key.text == item.text { throw OutsideSubset() }
                        pairs.append(YAMLPair(key: item, value: value))
                        while byte(position) == space { position += 1 }
                    } else {
                        if byte(position) == colon { throw OutsideSubset() }
                        items.append(item)
                    }
                    let b = byte(position)
                    position += 1
                    if b == close { break }
                    guard b == comma else { throw OutsideSubset() }
                    while byte(position) == space { position += 1 }
                    if byte(position) == close { throw OutsideSubset() }
                }
            }
            return YAMLNode(first == openBracket ? .sequence(items) : .mapping(pairs), line: nodeLine, column: nodeColumn)
        }
        if first == doubleQuote || first == singleQuote {
            return YAMLNode(.scalar(try quoted()), line: nodeLine, column: nodeColumn)
        }
        if Self.startsNonPlain(first) || ((first == dash || first == UInt8(ascii: "?")) && isBlank(position + 1)) {
            throw OutsideSubset()
        }
        let start = position
        while true {
            if isLineEnd(position) { throw OutsideSubset() }
            let b = bytes[position]
            if b == comma || b == openBracket || b == closeBracket || b == openBrace || b == closeBrace { break }
            if b == colon {
                let next = byte(position + 1)
                if next == space || next == comma || next == openBracket || next == closeBracket
                    || next == openBrace || next == closeBrace || isLineEnd(position + 1) { break }
            }
            if b == hash && bytes[position - 1] == space { throw OutsideSubset() }
            position += 1
        }
        var end = position
        while end > start && bytes[end - 1] == space { end -= 1 }
        return YAMLNode(.scalar(text(start, end)), line: nodeLine, column: nodeColumn)
    }

    // MARK: Block texts

    /// A `|` (literal) or `>` (folded) text with optional `-` or `+` chomping; its lines must be
    /// indented more than `blockIndent`, by the same amount as the first, with no blank first line.
    mutating func blockText(blockIndent: Int) throws -> String {
        let literal = bytes[position] == pipe
        position += 1
        var chomping: UInt8 = 0
        if byte(position) == dash || byte(position) == UInt8(ascii: "+") {
            chomping = bytes[position]
            position += 1
        }
        guard isBlank(position) || byte(position) == space else { throw OutsideSubset() }
        try finishLine()
        // The first line sets the indentation.
        var indent = 0
        while byte(position + indent) == space { indent += 1 }
        guard indent > blockIndent, indent > 0, !isLineEnd(position + indent) else { throw OutsideSubset() }
        var lines: [(start: Int, end: Int)] = []  // content lines; blank ones as empty ranges
        var endsWithBreak = false
        while position < bytes.count {
            var spaces = 0
            while byte(position + spaces) == space { spaces += 1 }
            if isLineEnd(position + spaces) {
                guard spaces <= indent else { throw OutsideSubset() }
                if position + spaces >= bytes.count { break }
                lines.append((position, position))
                nextLine()
                continue
            }
            if spaces < indent { break }
            if !literal && spaces > indent { throw OutsideSubset() }
            var end = position + indent
            while !isLineEnd(end) { end += 1 }
            lines.append((position + indent, end))
            endsWithBreak = end < bytes.count
            nextLine()
        }
        // Blank lines at the end are trailing breaks, handled by chomping.
        var trailing = 0
        while let last = lines.last, last.start == last.end { lines.removeLast(); trailing += 1 }
        var out: [UInt8] = []
        var previousBlank = false
        for (index, range) in lines.enumerated() {
            let blank = range.start == range.end
            if index > 0 {
                if literal || blank || previousBlank {
                    if literal || blank { out.append(newline) }
                } else {
                    out.append(space)
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range.start..<range.end]))
            previousBlank = blank
        }
        switch chomping {
        case dash: break
        case UInt8(ascii: "+"):
            if endsWithBreak { out.append(newline) }
            out.append(contentsOf: repeatElement(newline, count: trailing))
        default:
            if endsWithBreak { out.append(newline) }
        }
        // Leave `position` at the start of the line that ended the text.
        position = lineStart
        return String(decoding: out, as: UTF8.self)
    }
}
