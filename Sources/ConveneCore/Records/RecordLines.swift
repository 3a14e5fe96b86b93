import Foundation

/// The layout of the tool-owned record files (`records/*.json`): a JSON document laid out as
/// `JSONEncoder`'s pretty printing would lay out its outer object, with each record compact on a
/// line of its own, so that git diffs and merges go record by record:
///
/// ```
/// {
///   "records" : [
///     {"eventID":"e1","personID":"a","status":"attended"},
///     {"eventID":"e1","personID":"b","status":"absent"}
///   ],
///   "version" : 1
/// }
/// ```
///
/// Every record is written and read by Foundation (`JSONEncoder`, `JSONDecoder`), pieces of the
/// list on every core. This type only cuts the document at its lines: a file in any other layout
/// (edited by hand, or written by an older release) is read whole by `JSONDecoder`.
enum RecordLines {
    /// Compact JSON, keys sorted, `/` left alone: what each record line holds.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Lists shorter than this are written and read on one thread.
    static let parallelMinimum = 4096

    /// Records in a piece read by one `JSONDecoder`: many pieces a file, so that a core that
    /// finishes early (or is freed by other work, such as reading the plan) takes the next one.
    static let readingPiece = 4096

    /// The pieces `0..<count` is read in: a few per core for a long list.
    static func readingRanges(_ count: Int) -> [Range<Int>] {
        Parallel.ranges(count, minimum: parallelMinimum, pieces: max(Parallel.cores, count / readingPiece))
    }

    // MARK: Writing

    /// A list as a lined container: `[`, one record a line indented by `indent + 2`, then `]`
    /// indented by `indent` (`[]` when empty).
    static func array<Record: Encodable & Sendable>(_ records: [Record], indent: Int) throws -> Data {
        try container(count: records.count, open: "[", close: "]", indent: indent) { encoder, index in
            try encoder.encode(records[index])
        }
    }

    /// A dictionary as a lined container, keys in sorted (code point) order, one `"key" : value`
    /// member a line.
    static func dictionary<Value: Encodable & Sendable>(_ entries: [String: Value], indent: Int) throws -> Data {
        try dictionary(entries, indent: indent, open: "{", close: "}")
    }

    /// A document whose one member, `key`, is a lined dictionary: the bytes of
    /// `document([(key, dictionary(entries, indent: 2))])`, in pieces that follow one another in
    /// the file: they are written as they are, not joined first (the export history of 20 000
    /// events is 19 MB).
    static func documentPieces<Value: Encodable & Sendable>(_ key: String, dictionary entries: [String: Value]) throws -> [Data] {
        try dictionaryPieces(entries, indent: 2, open: "{\n  \"\(key)\" : {", close: "}\n}\n")
    }

    private static func dictionary<Value: Encodable & Sendable>(_ entries: [String: Value], indent: Int, open: String, close: String) throws -> Data {
        joined(try dictionaryPieces(entries, indent: indent, open: open, close: close))
    }

    private static func dictionaryPieces<Value: Encodable & Sendable>(_ entries: [String: Value], indent: Int,
                                                                      open: String, close: String) throws -> [Data] {
        let keys = entries.keys.sorted { $0.precedesInUTF8($1) }
        let separator = Data(" : ".utf8)
        return try containerPieces(count: keys.count, open: open, close: close, indent: indent) { encoder, index, piece in
            piece += try encoder.encode(keys[index])
            piece += separator
            piece += try encoder.encode(entries[keys[index]]!)
        }
    }

    private static func container(count: Int, open: String, close: String, indent: Int,
                                  _ line: @Sendable (JSONEncoder, Int) throws -> Data) throws -> Data {
        joined(try containerPieces(count: count, open: open, close: close, indent: indent) { encoder, index, piece in
            piece += try line(encoder, index)
        })
    }

    /// The container's bytes in pieces (sixteen per core, made on every core: the core that ends
    /// last waits for one small piece, not a large one), its opening line, the record lines, its
    /// closing. `line` appends one record's JSON to a piece.
    private static func containerPieces(count: Int, open: String, close: String, indent: Int,
                                        _ line: @Sendable (JSONEncoder, Int, inout Data) throws -> Void) throws -> [Data] {
        guard count > 0 else { return [Data((open + close).utf8)] }
        let margin = Data(String(repeating: " ", count: indent + 2).utf8)
        let (comma, last) = (Data(",\n".utf8), Data("\n".utf8))
        let pieces = Parallel.map(Parallel.ranges(count, minimum: parallelMinimum, pieces: 16 * Parallel.cores)) { range -> Result<Data, any Error> in
            Result {
                let encoder = encoder()
                var piece = Data()
                for index in range {
                    piece += margin
                    try line(encoder, index, &piece)
                    piece += index == count - 1 ? last : comma
                    // Room for the rest at once, by the length of the lines so far.
                    if index == range.lowerBound + 15 { piece.reserveCapacity(piece.count / 16 * range.count * 9 / 8) }
                }
                return piece
            }
        }
        return [Data((open + "\n").utf8)] + (try pieces.map { try $0.get() }) + [Data((String(repeating: " ", count: indent) + close).utf8)]
    }

    /// Pieces joined into one buffer of the final size, each let go once copied.
    static func joined(_ pieces: [Data]) -> Data {
        var pieces = pieces
        var data = Data()
        data.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for index in pieces.indices {
            data += pieces[index]
            pieces[index] = Data()
        }
        return data
    }

    /// A record file whose top level is an object: its members one a line, in the order given
    /// (the caller gives the keys sorted), each value already JSON.
    static func document(_ members: [(key: String, value: Data)]) -> Data {
        var data = Data()
        data.reserveCapacity(members.reduce(4) { $0 + $1.key.utf8.count + $1.value.count + 8 })
        data += Data("{\n".utf8)
        for (index, member) in members.enumerated() {
            data += Data("  \"\(member.key)\" : ".utf8)
            data += member.value
            data += Data((index == members.count - 1 ? "\n" : ",\n").utf8)
        }
        data += Data("}\n".utf8)
        return data
    }

    // MARK: Reading

    /// A document cut at its lines, when it is in the layout above.
    struct Frame {
        /// The whole document: every line below is a slice of it (no bytes are copied).
        var document = Data()
        /// A top-level member written on one line: its value's bytes and its line (1-based).
        var inline: [String: (value: Data, line: Int)] = [:]
        /// A top-level member holding a lined container (or the whole document, key ""): each
        /// record's line (1-based) and its bytes without indentation or trailing comma.
        var lined: [String: [(line: Int, text: Data)]] = [:]
    }

    /// Cuts `data` at its lines; nil when it is not laid out one record a line as we write it.
    static func frame(_ data: Data) -> Frame? {
        guard data.last == UInt8(ascii: "\n") else { return nil }
        let lines = lineRanges(data)
        guard let first = lines.first.map({ data[$0] }), let last = lines.last.map({ data[$0] }), lines.count >= 2 else { return nil }
        var frame = Frame(document: data)
        if first.elementsEqual("[".utf8) && last.elementsEqual("]".utf8) {
            guard let records = records(data, lines, from: 1, to: lines.count - 1, indent: 2) else { return nil }
            frame.lined[""] = records
            return frame
        }
        guard first.elementsEqual("{".utf8), last.elementsEqual("}".utf8) else { return nil }
        var index = 1
        while index < lines.count - 1 {
            guard let (key, rest) = member(data[lines[index]]), frame.inline[key] == nil, frame.lined[key] == nil else { return nil }
            var value = Data(rest)
            let hasComma = value.last == UInt8(ascii: ",")
            if hasComma { value.removeLast() }
            if value.elementsEqual("[".utf8) || value.elementsEqual("{".utf8) {
                let closing = value.elementsEqual("[".utf8) ? "  ]" : "  }"
                let closings = [Array(closing.utf8), Array((closing + ",").utf8)]
                guard let end = lines[(index + 1)...].firstIndex(where: { line in
                          line.count <= 4 && closings.contains { data[line].elementsEqual($0) }
                      }),
                      let records = records(data, lines, from: index + 1, to: end, indent: 4) else { return nil }
                frame.lined[key] = records
                index = end
                let endsInComma = data[lines[end]].last == UInt8(ascii: ",")
                if !endsInComma && end != lines.count - 2 { return nil }
                if endsInComma && end == lines.count - 2 { return nil }
            } else {
                guard hasComma == (index != lines.count - 2) else { return nil }
                frame.inline[key] = (value, index + 1)
            }
            index += 1
        }
        return frame
    }

    /// The byte ranges (indices of `data`) of its lines, without their line feeds; `data` ends in one.
    private static func lineRanges(_ data: Data) -> [Range<Int>] {
        data.withUnsafeBytes { raw -> [Range<Int>] in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lines: [Range<Int>] = []
            lines.reserveCapacity(bytes.count / 64)
            var start = 0
            while start < bytes.count {
                let end = memchr(bytes.baseAddress! + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
                    .map { UnsafeRawPointer($0) - UnsafeRawPointer(bytes.baseAddress!) } ?? bytes.count
                lines.append((data.startIndex + start)..<(data.startIndex + end))
                start = end + 1
            }
            return lines
        }
    }

    /// `  "key" : rest`, the key a plain name.
    private static func member(_ line: Data.SubSequence) -> (String, Data.SubSequence)? {
        let prefix = Array("  \"".utf8)
        guard line.starts(with: prefix) else { return nil }
        let nameStart = line.startIndex + prefix.count
        guard let quote = line[nameStart...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        let name = line[nameStart..<quote]
        guard !name.isEmpty, name.allSatisfy({ $0 < 0x80 && (Character(UnicodeScalar($0)).isLetter || Character(UnicodeScalar($0)).isNumber) }),
              line[quote...].starts(with: Array("\" : ".utf8)) else { return nil }
        return (String(decoding: name, as: UTF8.self), line[(quote + 4)...])
    }

    /// The lines `from..<to`, each indented by `indent` and ending in a comma but the last: each
    /// record's line number and its bytes (a slice of `data`).
    private static func records(_ data: Data, _ lines: [Range<Int>], from: Int, to: Int, indent: Int) -> [(line: Int, text: Data)]? {
        var records: [(line: Int, text: Data)] = []
        records.reserveCapacity(to - from)
        let fine = data.withUnsafeBytes { raw -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            for index in from..<to {
                let start = lines[index].lowerBound - data.startIndex, end = lines[index].upperBound - data.startIndex
                guard end - start > indent, !bytes[start..<(start + indent)].contains(where: { $0 != UInt8(ascii: " ") }),
                      bytes[start + indent] != UInt8(ascii: " ") else { return false }
                let hasComma = bytes[end - 1] == UInt8(ascii: ",")
                guard hasComma == (index != to - 1) else { return false }
                records.append((index + 1, data[(lines[index].lowerBound + indent)..<(lines[index].upperBound - (hasComma ? 1 : 0))]))
            }
            return true
        }
        return fine ? records : nil
    }

    /// The records of a lined list, decoded by `JSONDecoder` in pieces on every core.
    static func decodeArray<Record: Decodable & Sendable>(_ lines: [(line: Int, text: Data)], in document: Data, indent: Int) throws -> [Record] {
        let pieces = try decodePieces(lines, in: document, open: "[", close: "]", indent: indent) { decoder, data in
            try decoder.decode([Record].self, from: data)
        }
        return pieces.flatMap { $0 }
    }

    /// The entries of a lined dictionary; nil when a key is written twice (the caller then reads
    /// the whole file with `JSONDecoder`, which decides which one counts).
    static func decodeDictionary<Value: Decodable & Sendable>(_ lines: [(line: Int, text: Data)], in document: Data, indent: Int) throws -> [String: Value]? {
        let pieces = try decodePieces(lines, in: document, open: "{", close: "}", indent: indent) { decoder, data in
            try decoder.decode([String: Value].self, from: data)
        }
        var entries: [String: Value] = [:]
        entries.reserveCapacity(lines.count)
        for piece in pieces { entries.merge(piece) { first, _ in first } }
        return entries.count == lines.count ? entries : nil
    }

    /// Decodes the lines in pieces (each piece one JSON container: the bytes of its lines as they
    /// stand in the document, commas and line breaks included, inside `open` and `close`); when a
    /// piece is refused, its lines one by one, to say on which line the problem is.
    private static func decodePieces<Piece: Sendable>(_ lines: [(line: Int, text: Data)], in document: Data, open: String, close: String, indent: Int,
                                                      _ decode: @Sendable (JSONDecoder, Data) throws -> Piece) throws -> [Piece] {
        let results = Parallel.map(readingRanges(lines.count)) { range -> Result<Piece, RecordError> in
            let decoder = JSONDecoder()
            var data = Data(open.utf8)
            data += document[lines[range.lowerBound].text.startIndex..<lines[range.upperBound - 1].text.endIndex]
            data += Data(close.utf8)
            do {
                return .success(try decode(decoder, data))
            } catch {
                for index in range {
                    let single = Data(open.utf8) + lines[index].text + Data(close.utf8)
                    do {
                        _ = try decode(decoder, single)
                    } catch {
                        return .failure(RecordError(error, data: single, at: (lines[index].line, indent), bracketed: open == "["))
                    }
                }
                return .failure(RecordError(error, data: data, at: (lines[range.lowerBound].line, indent), bracketed: open == "["))
            }
        }
        return try results.map { try $0.get() }
    }
}
