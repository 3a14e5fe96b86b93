import Foundation

/// Writes JSON as UTF-8 bytes, deterministically: what is written is exactly what the caller
/// writes, in its order (record encoders write their keys sorted). Strings escape `"`, `\` and
/// control characters only: `/` and non-ASCII text are kept as they are.
///
/// Values written one after another inside an object or array are separated by commas here;
/// ``key(_:)`` writes `"name":`. Layout (newlines, indentation) is the caller's: see
/// ``linedArray(_:indent:_:)``.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// A value was just written inside a container: the next one needs a comma first.
    private var needsComma = false

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    var data: Data { Data(bytes) }

    /// Text written as it is (punctuation, layout): nothing is escaped.
    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    // MARK: Containers

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        needsComma = true
    }

    /// A member's key, `"name":`; its value follows.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
        needsComma = false
    }

    /// A member's key that is data (a dictionary's), escaped as any string.
    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Scalars

    mutating func string(_ text: String) {
        separate()
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            if !Self.needsEscapes(utf8) {
                bytes.append(contentsOf: utf8)
                bytes.append(UInt8(ascii: "\""))
                return
            }
            var clean = utf8.startIndex  // start of the run not yet copied
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
                clean = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Whether any byte is `"`, `\` or a control character: eight at a time, as most text has none.
    private static func needsEscapes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if let base = utf8.baseAddress {
            while i + 8 <= utf8.count {
                if JSONReader.stopsString(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { return true }
                i += 8
            }
        }
        return utf8[i...].contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }

    mutating func int<I: BinaryInteger>(_ value: I) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        separate()
        if value { raw("true") } else { raw("false") }
    }

    /// Any value, compactly, members in the tree's order.
    mutating func value(_ value: JSONValue) {
        switch value {
        case .null:
            separate()
            raw("null")
        case .bool(let flag): bool(flag)
        case .number(let text):
            separate()
            bytes.append(contentsOf: text.utf8)
        case .string(let text): string(text)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for member in members {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }

    // MARK: Members

    mutating func member(_ key: StaticString, _ value: String) {
        self.key(key)
        string(value)
    }

    /// Nothing for nil: an optional key is left out, as `JSONEncoder` does.
    mutating func member(_ key: StaticString, _ value: String?) {
        if let value { member(key, value) }
    }

    mutating func member<I: BinaryInteger>(_ key: StaticString, _ value: I) {
        self.key(key)
        int(value)
    }

    mutating func member(_ key: StaticString, _ value: Bool) {
        self.key(key)
        bool(value)
    }

    // MARK: Record files

    /// An array with one item a line, each written compactly by `item`: small diffs in git, and
    /// a compact file. `indent` is the indentation of the line the array opens on.
    mutating func linedArray<Items: Sequence>(_ items: Items, indent: Int, _ item: (inout JSONWriter, Items.Element) -> Void) {
        beginArray()
        var first = true
        for element in items {
            newLine(after: first ? nil : UInt8(ascii: ","), indent: indent + 2)
            first = false
            item(&self, element)
        }
        if !first { newLine(indent: indent) }
        endArray()
    }

    /// A dictionary with one member a line, keys sorted, each value written compactly by `value`.
    mutating func linedObject<Value>(_ dictionary: [String: Value], indent: Int, _ value: (inout JSONWriter, Value) -> Void) {
        beginObject()
        for (i, key) in Self.sortedKeys(dictionary).enumerated() {
            newLine(after: i == 0 ? nil : UInt8(ascii: ","), indent: indent + 2)
            string(key)
            raw(" : ")
            needsComma = false
            value(&self, dictionary[key]!)
        }
        if !dictionary.isEmpty { newLine(indent: indent) }
        endObject()
    }

    /// `linedObject` for large dictionaries (the export ledger of a 20000-event plan): the
    /// members' lines are written in pieces on every core, then put together in key order.
    mutating func linedObjectConcurrently<Value: Sendable>(_ dictionary: [String: Value], indent: Int,
                                                           _ value: @escaping @Sendable (inout JSONWriter, Value) -> Void) {
        let keys = Self.sortedKeys(dictionary)
        let ranges = Concurrently.ranges(keys.count, minimum: 4096)
        guard ranges.count > 1 else { return linedObject(dictionary, indent: indent, value) }
        let pieces = Concurrently.map(ranges) { range -> [UInt8] in
            var writer = JSONWriter()
            for index in range {
                writer.newLine(after: index == 0 ? nil : UInt8(ascii: ","), indent: indent + 2)
                writer.string(keys[index])
                writer.raw(" : ")
                writer.needsComma = false
                value(&writer, dictionary[keys[index]]!)
            }
            return writer.bytes
        }
        beginObject()
        for piece in pieces { bytes.append(contentsOf: piece) }
        if !dictionary.isEmpty { newLine(indent: indent) }
        endObject()
    }

    /// Ends the line (after `separator`) and indents the next; what follows starts afresh.
    private mutating func newLine(after separator: UInt8? = nil, indent: Int) {
        if let separator { bytes.append(separator) }
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<indent { bytes.append(UInt8(ascii: " ")) }
        needsComma = false
    }

    /// A record file: a top-level object whose members (`"key" : value`, keys in sorted order)
    /// stand one a line, as `JSONEncoder`'s pretty printing lays them; `member` writes each value.
    static func document(_ keys: [StaticString], _ member: (inout JSONWriter, Int) -> Void) -> Data {
        var writer = JSONWriter()
        writer.raw("{\n")
        for (i, key) in keys.enumerated() {
            writer.raw(i == 0 ? "  \"" : ",\n  \"")
            writer.raw(key)
            writer.raw("\" : ")
            writer.needsComma = false
            member(&writer, i)
        }
        writer.raw("\n}\n")
        return writer.data
    }

    /// A record file whose top level is an array, one item a line.
    static func document<Items: Sequence>(lines items: Items, _ item: (inout JSONWriter, Items.Element) -> Void) -> Data {
        var writer = JSONWriter()
        writer.linedArray(items, indent: 0, item)
        writer.raw("\n")
        return writer.data
    }

    /// A dictionary's keys in a stable order: by their UTF-8 bytes (Unicode code point order), as
    /// `JSONEncoder`'s `.sortedKeys` and Python's `sort_keys` do.
    static func sortedKeys<Value>(_ dictionary: [String: Value]) -> [String] {
        dictionary.keys.sorted(by: precedes)
    }

    /// UTF-8 byte order, compared in place.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let compared = a.utf8.withContiguousStorageIfAvailable { a in
            b.utf8.withContiguousStorageIfAvailable { b in
                let common = memcmp(a.baseAddress!, b.baseAddress!, min(a.count, b.count))
                return common != 0 ? common < 0 : a.count < b.count
            }
        }
        return compared.flatMap { $0 } ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
