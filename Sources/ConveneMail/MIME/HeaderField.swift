/// One header field of a message or body part (RFC 5322 §2.2), with folding removed (§2.2.3).
public struct HeaderField: Sendable, Hashable {
    public var name: String
    /// The unfolded value, leading white space removed; encoded words left as written.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Reads the header section at the start of `bytes`, up to the first empty line (RFC 5322 §2.1).
    /// Lines may end in CRLF or in LF alone (mailbox files and Maildirs use LF). Returns the
    /// fields and where the body starts. A line that is neither a field nor a continuation is
    /// skipped (an mbox `From ` line, a broken mailer's junk).
    static func parseSection(_ bytes: ArraySlice<UInt8>) -> (fields: [HeaderField], bodyStart: Int) {
        var fields: [(name: String, value: [UInt8])] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lineEnd = bytes[index...].firstIndex(of: 10) ?? bytes.endIndex
            var line = bytes[index..<lineEnd]
            if line.last == 13 { line = line.dropLast() }
            let next = lineEnd < bytes.endIndex ? lineEnd + 1 : lineEnd
            if line.isEmpty { return (finish(fields), next) }
            if line.first == 32 || line.first == 9 {
                // Unfolding: the line break goes, the white space stays (§2.2.3).
                if !fields.isEmpty { fields[fields.count - 1].value += line }
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                      line[line.startIndex..<colon].allSatisfy({ $0 > 32 && $0 < 127 }) {
                fields.append((String(decoding: line[line.startIndex..<colon], as: UTF8.self), Array(line[(colon + 1)...])))
            }
            index = next
        }
        return (finish(fields), bytes.endIndex)
    }

    private static func finish(_ fields: [(name: String, value: [UInt8])]) -> [HeaderField] {
        fields.map { field in
            // RFC 6532 allows UTF-8 in header values; older mailers send Latin-1.
            let text = Charset.decode(field.value, charset: "utf-8")
            return HeaderField(name: field.name, value: text.trimmingWhiteSpace())
        }
    }
}

extension [HeaderField] {
    /// The first field of this name (names compare case-insensitively, RFC 5322 §1.2.2).
    public func value(of name: String) -> String? {
        first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

extension String {
    func trimmingWhiteSpace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
