import Foundation

/// Why a JSON document could not be read: where (line and column, 1-based, the column counted in
/// characters) and what was wrong there.
struct JSONError: Error, Hashable, CustomStringConvertible {
    var line: Int
    var column: Int
    var message: String

    var description: String { "\(line):\(column): \(message)" }
}

/// A strict RFC 8259 reader over UTF-8 bytes: a cursor that hand-written decoders drive token by
/// token (no value tree, no Codable), or that reads a whole ``JSONValue``.
///
/// Strict means: only the four JSON whitespace characters; no comments, trailing commas, single
/// quotes, `NaN`, leading `+` or leading zeros; strings must be valid UTF-8 without raw control
/// characters, with the escapes `\" \\ \/ \b \f \n \r \t \uXXXX` and surrogates only in pairs.
/// A UTF-8 byte order mark at the start is skipped, as RFC 8259 §8.1 allows (and Foundation does).
/// Nesting deeper than ``maximumDepth`` is refused. When an object names a key twice, the first
/// value counts, as with Foundation's `JSONDecoder`.
///
/// The reader only lives inside ``read(_:_:)``: it points into the document's bytes.
struct JSONReader {
    /// As Foundation's `JSONDecoder`: deep enough for any real file, shallow enough for the stack.
    static let maximumDepth = 512

    /// What went wrong at a byte offset; ``read(_:_:)`` turns the offset into a line and column.
    /// `path` (e.g. `records[12].status`) is given for content, not for syntax.
    struct Failure: Error {
        var offset: Int
        var message: String
        var isContent: Bool
        var path: [String] = []
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    private(set) var offset = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
    }

    /// Reads the one document in `data`: `body` reads its value, after which only whitespace may
    /// follow. Errors come out as ``JSONError`` with the line and column.
    static func read<T>(_ data: Data, _ body: (inout JSONReader) throws -> T) throws -> T {
        try data.withUnsafeBytes { raw in
            var reader = JSONReader(raw.bindMemory(to: UInt8.self))
            do {
                let value = try body(&reader)
                reader.skipWhitespace()
                if reader.offset < reader.bytes.count {
                    throw reader.syntax("unexpected \(reader.found()) after the end of the document")
                }
                return value
            } catch let failure as Failure {
                throw reader.error(for: failure)
            }
        }
    }

    /// A whole document as a value tree.
    static func value(_ data: Data) throws -> JSONValue {
        try read(data) { try $0.readValue() }
    }

    // MARK: Objects and arrays

    /// Reads an object, handing each member whose key is in `keys` to `member` (with the reader
    /// at its value); other keys, and a key seen before in the same object, are checked and
    /// skipped. Returns the offset of the object's `{`, for ``missing(_:in:at:)``.
    @discardableResult
    mutating func readObject<Key>(_ keys: JSONNames<Key>, _ member: (Key, inout JSONReader) throws -> Void) throws -> Int {
        let start = try open(UInt8(ascii: "{"), "an object")
        guard try !close(UInt8(ascii: "}")) else { return start }
        var seen: UInt64 = 0
        repeat {
            let index = try readKey(keys) ?? -1
            if index >= 0, index < 64, seen & (1 << UInt64(index)) == 0 {
                seen |= 1 << UInt64(index)
                do {
                    try member(keys.cases[index], &self)
                } catch var failure as Failure where failure.isContent {
                    failure.path.insert(keys.names[index], at: 0)
                    throw failure
                }
            } else {
                try skipValue()
            }
        } while try nextMember(UInt8(ascii: "}"), "a member of an object")
        return start
    }

    /// Reads an object whose keys are data (a dictionary): `member` gets each key and reads its value.
    mutating func readDictionary(_ member: (String, inout JSONReader) throws -> Void) throws {
        _ = try open(UInt8(ascii: "{"), "an object")
        guard try !close(UInt8(ascii: "}")) else { return }
        repeat {
            let key = try readKeyString()
            do {
                try member(key, &self)
            } catch var failure as Failure where failure.isContent {
                failure.path.insert("\"\(key)\"", at: 0)
                throw failure
            }
        } while try nextMember(UInt8(ascii: "}"), "a member of an object")
    }

    /// Reads an array, `element` reading each item.
    mutating func readArray(_ element: (inout JSONReader) throws -> Void) throws {
        _ = try open(UInt8(ascii: "["), "an array")
        guard try !close(UInt8(ascii: "]")) else { return }
        var index = 0
        repeat {
            do {
                try element(&self)
            } catch var failure as Failure where failure.isContent {
                failure.path.insert("[\(index)]", at: 0)
                throw failure
            }
            index += 1
        } while try nextMember(UInt8(ascii: "]"), "an item of an array")
    }

    /// `nil` for `null`, else what `read` reads: an optional key of a record.
    mutating func readNullable<T>(_ read: (inout JSONReader) throws -> T) throws -> T? {
        skipWhitespace()
        if peek == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try read(&self)
    }

    /// Skips the opening bracket; the offset it stood at.
    private mutating func open(_ bracket: UInt8, _ what: String) throws -> Int {
        skipWhitespace()
        guard peek == bracket else { throw expected(what) }
        depth += 1
        guard depth <= Self.maximumDepth else { throw syntax("nested deeper than \(Self.maximumDepth) levels") }
        offset += 1
        return offset - 1
    }

    /// Right after the opening bracket: closes an empty container.
    private mutating func close(_ bracket: UInt8) throws -> Bool {
        skipWhitespace()
        guard peek == bracket else { return false }
        offset += 1
        depth -= 1
        return true
    }

    /// After a member or item: `,` (another follows) or the closing bracket.
    private mutating func nextMember(_ bracket: UInt8, _ what: String) throws -> Bool {
        skipWhitespace()
        switch peek {
        case UInt8(ascii: ","):
            offset += 1
            return true
        case bracket:
            offset += 1
            depth -= 1
            return false
        default:
            throw syntax("expected ',' or '\(Character(Unicode.Scalar(bracket)))' after \(what), found \(found())")
        }
    }

    /// A key and its colon: the key's index in `keys`, nil for another key.
    private mutating func readKey<Key>(_ keys: JSONNames<Key>) throws -> Int? {
        skipWhitespace()
        // Most keys are one of the names, written plainly: matched in place, nothing else to check.
        if peek == UInt8(ascii: "\""), let (index, end) = keys.quoted(at: offset + 1, in: bytes) {
            offset = end
            try expectColon()
            return index
        }
        let token = try keyToken()
        if !token.escaped { return keys.index(of: token.content, in: bytes) }
        return keys.names.firstIndex(of: decodedString(from: token.start))
    }

    /// A key and its colon, as text.
    private mutating func readKeyString() throws -> String {
        let token = try keyToken()
        return token.escaped ? decodedString(from: token.start) : string(token.content)
    }

    /// Checks a key and the colon after it; `start` is the key's opening quote.
    private mutating func keyToken() throws -> (start: Int, content: Range<Int>, escaped: Bool) {
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else { throw syntax("expected a key in double quotes, found \(found())") }
        let start = offset
        let token = try scanString()
        try expectColon()
        return (start, token.content, token.escaped)
    }

    private mutating func expectColon() throws {
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { throw syntax("expected ':' after the key, found \(found())") }
        offset += 1
    }

    // MARK: Scalars

    mutating func readString() throws -> String {
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else { throw expected("a string") }
        let start = offset
        let token = try scanString()
        return token.escaped ? decodedString(from: start) : string(token.content)
    }

    /// A string naming one of `names` (an enum's raw value).
    mutating func readName<Name>(_ names: JSONNames<Name>) throws -> Name {
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else { throw expected("a string") }
        if let (index, end) = names.quoted(at: offset + 1, in: bytes) {
            offset = end
            return names.cases[index]
        }
        let start = offset
        let token = try scanString()
        if !token.escaped, let index = names.index(of: token.content, in: bytes) { return names.cases[index] }
        let text = token.escaped ? decodedString(from: start) : string(token.content)
        if let index = names.names.firstIndex(of: text) { return names.cases[index] }
        throw content("\"\(text)\" is not one of \(names.names.joined(separator: ", "))", at: start)
    }

    mutating func readBool() throws -> Bool {
        skipWhitespace()
        switch peek {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw expected("true or false")
        }
    }

    mutating func readInt() throws -> Int { Int(try readInt64()) }

    /// A whole number; `1.0` and `1e2` count (as with `JSONDecoder`), `1.5` does not.
    mutating func readInt64() throws -> Int64 {
        skipWhitespace()
        let start = offset
        guard let first = peek, first == UInt8(ascii: "-") || Self.isDigit(first) else { throw expected("a whole number") }
        let (end, plain) = try scanNumber()
        offset = end
        if plain, end - start < 19 {  // at most 18 digits: fits, no overflow checks needed
            var value: Int64 = 0
            for i in (first == UInt8(ascii: "-") ? start + 1 : start)..<end { value = value &* 10 &+ Int64(bytes[i] &- UInt8(ascii: "0")) }
            return first == UInt8(ascii: "-") ? -value : value
        }
        switch Self.wholeNumber(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
        case .value(let value): return value
        case .tooLarge: throw content("\(string(start..<end)) is too large for a 64-bit integer", at: start)
        case .fraction: throw content("expected a whole number, found \(string(start..<end))", at: start)
        }
    }

    /// Checks and skips a literal `true`, `false` or `null`.
    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        let matches = offset + count <= bytes.count
            && memcmp(bytes.baseAddress! + offset, word.utf8Start, count) == 0
        guard matches else { throw syntax("expected \(word), found \(found())") }
        offset += count
    }

    // MARK: Any value

    /// Reads and checks a value of any kind without keeping it.
    mutating func skipValue() throws {
        skipWhitespace()
        switch peek {
        case UInt8(ascii: "{"):
            _ = try open(UInt8(ascii: "{"), "an object")
            guard try !close(UInt8(ascii: "}")) else { return }
            repeat {
                _ = try keyToken()
                try skipValue()
            } while try nextMember(UInt8(ascii: "}"), "a member of an object")
        case UInt8(ascii: "["):
            try readArray { try $0.skipValue() }
        case UInt8(ascii: "\""): _ = try scanString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case let byte? where byte == UInt8(ascii: "-") || Self.isDigit(byte): offset = try scanNumber().end
        default: throw syntax("expected a value, found \(found())")
        }
    }

    /// Reads a value of any kind as a tree.
    mutating func readValue() throws -> JSONValue {
        skipWhitespace()
        switch peek {
        case UInt8(ascii: "{"):
            var members: [JSONValue.Member] = []
            _ = try open(UInt8(ascii: "{"), "an object")
            guard try !close(UInt8(ascii: "}")) else { return .object(members) }
            repeat {
                let key = try readKeyString()
                members.append(JSONValue.Member(key: key, value: try readValue()))
            } while try nextMember(UInt8(ascii: "}"), "a member of an object")
            return .object(members)
        case UInt8(ascii: "["):
            var items: [JSONValue] = []
            try readArray { items.append(try $0.readValue()) }
            return .array(items)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try readBool())
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case let byte? where byte == UInt8(ascii: "-") || Self.isDigit(byte):
            let start = offset
            offset = try scanNumber().end
            return .number(string(start..<offset))
        default: throw syntax("expected a value, found \(found())")
        }
    }

    // MARK: Tokens

    private var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    @inline(__always)
    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Checks a string token (the reader at its opening quote) and moves past it: escapes,
    /// surrogate pairs, control characters and UTF-8. `content` lies between the quotes.
    private mutating func scanString() throws -> (content: Range<Int>, escaped: Bool) {
        let start = offset + 1
        var i = start
        var high: UInt64 = 0
        var escaped = false
        // Eight bytes at a time while none is a quote, a backslash or a control character.
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        while i + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if Self.stopsString(word) { break }
            high |= word
            i += 8
        }
        while true {
            guard i < bytes.count else { throw Failure(offset: bytes.count, message: "the file ends inside a string", isContent: false) }
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                i = try checkEscape(at: i)
                continue
            }
            if byte < 0x20 {
                throw Failure(offset: i, message: "a control character (U+\(Self.hex4(UInt16(byte)))) inside a string; write it as an escape", isContent: false)
            }
            high |= UInt64(byte)
            i += 1
        }
        if high & 0x8080_8080_8080_8080 != 0, let bad = Self.firstInvalidUTF8(UnsafeBufferPointer(rebasing: bytes[start..<i])) {
            throw Failure(offset: start + bad, message: "invalid UTF-8 in a string", isContent: false)
        }
        offset = i + 1
        return (start..<i, escaped)
    }

    /// Whether any of the eight bytes is `"`, `\` or below 0x20, the bytes that end a plain run of
    /// string (exact: each test is the classic "has a zero byte" / "has a byte less than n" trick).
    @inline(__always)
    static func stopsString(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
        let found = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
        return found & highs != 0
    }

    /// Checks the escape at `i` (a backslash); the offset after it.
    private func checkEscape(at i: Int) throws -> Int {
        guard i + 1 < bytes.count else { throw Failure(offset: bytes.count, message: "the file ends inside a string", isContent: false) }
        switch bytes[i + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return i + 2
        case UInt8(ascii: "u"):
            let unit = try hexUnit(at: i + 2)
            switch unit {
            case 0xD800...0xDBFF:
                guard i + 7 < bytes.count, bytes[i + 6] == UInt8(ascii: "\\"), bytes[i + 7] == UInt8(ascii: "u"),
                      case 0xDC00...0xDFFF = try hexUnit(at: i + 8) else {
                    throw Failure(offset: i, message: "\\u\(Self.hex4(unit)) is half of a surrogate pair without the other half", isContent: false)
                }
                return i + 12
            case 0xDC00...0xDFFF:
                throw Failure(offset: i, message: "\\u\(Self.hex4(unit)) is the second half of a surrogate pair without the first", isContent: false)
            default:
                return i + 6
            }
        default:
            let shown = bytes[i + 1] < 0x80 && bytes[i + 1] >= 0x20 ? "'\\\(Character(Unicode.Scalar(bytes[i + 1])))'" : "escape"
            throw Failure(offset: i, message: "unknown escape \(shown) in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", isContent: false)
        }
    }

    /// The four hex digits at `i`.
    private func hexUnit(at i: Int) throws -> UInt16 {
        var unit: UInt16 = 0
        for j in i..<(i + 4) {
            guard j < bytes.count else { throw Failure(offset: bytes.count, message: "the file ends inside a string", isContent: false) }
            let byte = bytes[j]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Failure(offset: i - 2, message: "\\u must be followed by four hex digits", isContent: false)
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    /// Text known to be valid UTF-8 without escapes.
    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The string token at `start` (already checked), its escapes decoded.
    private func decodedString(from start: Int) -> String {
        var out: [UInt8] = []
        var i = start + 1
        while bytes[i] != UInt8(ascii: "\"") {
            guard bytes[i] == UInt8(ascii: "\\") else {
                out.append(bytes[i])
                i += 1
                continue
            }
            let escape = bytes[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32((try? hexUnit(at: i)) ?? 0)
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    let low = UInt32((try? hexUnit(at: i + 2)) ?? 0)
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
            default: out.append(escape)  // " \ /
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Checks the grammar of the number at the reader; its end, and whether it is a plain integer
    /// (no fraction, no exponent).
    private func scanNumber() throws -> (end: Int, plain: Bool) {
        var i = offset
        func digits() -> Int {
            let from = i
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
            return i - from
        }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, Self.isDigit(bytes[i]) else { throw Failure(offset: i, message: "expected a digit after '-'", isContent: false) }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, Self.isDigit(bytes[i]) {
                throw Failure(offset: offset, message: "a number may not start with 0 (leading zeros)", isContent: false)
            }
        } else {
            _ = digits()
        }
        var plain = true
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            plain = false
            guard digits() > 0 else { throw Failure(offset: i, message: "expected a digit after the decimal point", isContent: false) }
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            plain = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw Failure(offset: i, message: "expected a digit in the exponent", isContent: false) }
        }
        return (i, plain)
    }

    private enum WholeNumber { case value(Int64), tooLarge, fraction }

    /// The exact value of a number (its grammar already checked) when it is a whole number:
    /// `12`, `1.0`, `2.50e1`, `1e3`.
    private static func wholeNumber(_ text: UnsafeBufferPointer<UInt8>) -> WholeNumber {
        var digits: [UInt8] = [], exponent = 0, i = 0
        let negative = text[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        while i < text.count, isDigit(text[i]) { digits.append(text[i] - UInt8(ascii: "0")); i += 1 }
        if i < text.count, text[i] == UInt8(ascii: ".") {
            i += 1
            while i < text.count, isDigit(text[i]) { digits.append(text[i] - UInt8(ascii: "0")); exponent -= 1; i += 1 }
        }
        if i < text.count {  // e or E
            i += 1
            var sign = 1
            if text[i] == UInt8(ascii: "-") { sign = -1; i += 1 } else if text[i] == UInt8(ascii: "+") { i += 1 }
            var power = 0
            while i < text.count {
                power = min(power * 10 + Int(text[i] - UInt8(ascii: "0")), 1_000_000)
                i += 1
            }
            exponent += sign * power
        }
        while let first = digits.first, first == 0 { digits.removeFirst() }
        while let last = digits.last, last == 0 { digits.removeLast(); exponent += 1 }
        if digits.isEmpty { return .value(0) }
        guard exponent >= 0 else { return .fraction }
        guard digits.count + exponent <= 19 else { return .tooLarge }
        var value: Int64 = 0
        for digit in digits + Array(repeating: 0, count: exponent) {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = negative ? times.subtractingReportingOverflow(Int64(digit)) : times.addingReportingOverflow(Int64(digit))
            if o1 || o2 { return .tooLarge }
            value = sum
        }
        return .value(value)
    }

    /// The offset of the first byte that is not well-formed UTF-8, if any.
    static func firstInvalidUTF8(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < text.count {
            let lead = text[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int, low: UInt8, high: UInt8
            switch lead {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            default: return i
            }
            guard i + length <= text.count, (low...high).contains(text[i + 1]) else { return i }
            for j in (i + 2)..<(i + length) where text[j] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    // MARK: Errors

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// What stands at the reader, in words.
    private func found() -> String {
        guard let byte = peek else { return "the end of the file" }
        switch byte {
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        case 0x80...: return "a non-ASCII character"
        default: return "a control character (U+\(Self.hex4(UInt16(byte))))"
        }
    }

    /// The next token is not the `what` a decoder wants: a mismatch of content when it starts a
    /// JSON value of another kind, else a syntax error.
    private func expected(_ what: String) -> Failure {
        var isValue = false
        if let byte = peek {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                isValue = true
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                let words: [StaticString] = ["true", "false", "null"]
                isValue = words.contains { offset + $0.utf8CodeUnitCount <= bytes.count && memcmp(bytes.baseAddress! + offset, $0.utf8Start, $0.utf8CodeUnitCount) == 0 }
            default: break
            }
        }
        var shown = found()
        if isValue, let byte = peek, byte == UInt8(ascii: "t") || byte == UInt8(ascii: "f") || byte == UInt8(ascii: "n") {
            shown = byte == UInt8(ascii: "n") ? "null" : byte == UInt8(ascii: "t") ? "true" : "false"
        }
        return Failure(offset: offset, message: "expected \(what), found \(shown)", isContent: isValue)
    }

    private func syntax(_ message: String) -> Failure { Failure(offset: offset, message: message, isContent: false) }

    /// A value that is well-formed JSON but not what the record holds.
    func content(_ message: String, at offset: Int) -> Failure { Failure(offset: offset, message: message, isContent: true) }

    /// A required key that an object (whose `{` is at `offset`) lacks.
    func missing(_ key: String, in what: String, at offset: Int) -> Failure {
        content("\(what) has no \"\(key)\"", at: offset)
    }

    /// The line and column of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for i in 0..<min(offset, bytes.count) {
            if bytes[i] == 0x0A {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private func error(for failure: Failure) -> JSONError {
        let (line, column) = position(of: failure.offset)
        let path = failure.path.reduce("") { $0.isEmpty || $1.hasPrefix("[") ? $0 + $1 : $0 + "." + $1 }
        return JSONError(line: line, column: column, message: path.isEmpty ? failure.message : "\(path): \(failure.message)")
    }
}

/// The names a decoder recognises, as UTF-8, to compare with the document's bytes without making
/// strings: an object's keys, or an enum's raw values.
struct JSONNames<Name: RawRepresentable & CaseIterable>: Sendable where Name.RawValue == String, Name: Sendable {
    let cases: [Name]
    let names: [String]
    private let utf8: [[UInt8]]
    /// Each name followed by its closing quote, the first eight bytes of that as one word
    /// (little-endian, as loaded from the document), and the mask of the bytes that count.
    private let heads: [UInt64]
    private let masks: [UInt64]

    init(_: Name.Type = Name.self) {
        cases = Array(Name.allCases)
        names = cases.map(\.rawValue)
        utf8 = names.map { Array($0.utf8) }
        assert(!utf8.joined().contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }, "names are plain text")
        var heads: [UInt64] = [], masks: [UInt64] = []
        for name in utf8 {
            let quoted = (name + [UInt8(ascii: "\"")]).prefix(8)
            heads.append(quoted.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
            masks.append(quoted.count == 8 ? ~0 : (1 << (8 * UInt64(quoted.count))) - 1)
        }
        self.heads = heads
        self.masks = masks
    }

    /// The name written at `start` of `bytes` and closed by a quote: its index, and the offset
    /// after the quote. (Names are plain text, so such a string needs no further checks.)
    @inline(__always)
    func quoted(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (index: Int, end: Int)? {
        guard start + 8 <= bytes.count else { return nil }  // the slow path reads the end of a file
        let word = UnsafeRawPointer(bytes.baseAddress! + start).loadUnaligned(as: UInt64.self)
        for i in heads.indices where word & masks[i] == heads[i] {
            let name = utf8[i]
            if name.count < 8 { return (i, start + name.count + 1) }
            let end = start + name.count
            guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { continue }
            if name.withUnsafeBufferPointer({ memcmp($0.baseAddress! + 8, bytes.baseAddress! + start + 8, name.count - 8) }) == 0 {
                return (i, end + 1)
            }
        }
        return nil
    }

    /// The index of the name spelled by `range` of `bytes`.
    func index(of range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let text = UnsafeBufferPointer(rebasing: bytes[range])
        return utf8.firstIndex { $0.elementsEqual(text) }
    }
}
