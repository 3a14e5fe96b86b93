/// Quoted-printable, RFC 2045 §6.7: the transfer encoding for text that is mostly ASCII.
public enum QuotedPrintable {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Encodes text bytes whose line breaks are CRLF (or LF): each break stays a hard break
    /// (written CRLF), `=` and every byte outside printable ASCII become `=XX` (rule 1, 2),
    /// a space or tab before a break is encoded (rule 3), and lines are cut with soft breaks
    /// (`=` CRLF) so that none is longer than 76 characters (rule 5).
    public static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var lineLength = 0
        var index = 0
        func emit(_ piece: [UInt8]) {
            // Leave room for the soft break's "=" (76 in all).
            if lineLength + piece.count > 75 {
                out += [UInt8(ascii: "="), 13, 10]
                lineLength = 0
            }
            out += piece
            lineLength += piece.count
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                out += [13, 10]
                lineLength = 0
                index += 2
                continue
            }
            if byte == 10 {
                out += [13, 10]
                lineLength = 0
                index += 1
                continue
            }
            let next = index + 1 < bytes.count ? bytes[index + 1] : nil
            let endsLine = next == nil || next == 10 || next == 13
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 32 || byte == 9) && !endsLine)
            if literal {
                emit([byte])
            } else {
                emit([UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
            }
            index += 1
        }
        return out
    }

    /// Decodes quoted-printable: `=XX` (either case), soft breaks (`=` before CRLF or LF), and
    /// whitespace a transport added at the ends of lines (removed, rule 3). A malformed `=` is kept
    /// as it is, as RFC 2045 advises a robust decoder to do.
    public static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
        if bytes.last == 10 { lines.removeLast() }  // the text ends with a break, not an empty line
        for (number, rawLine) in lines.enumerated() {
            var line = rawLine
            if line.last == 13 { line = line.dropLast() }
            while let last = line.last, last == 32 || last == 9 { line = line.dropLast() }
            var soft = false
            var index = line.startIndex
            while index < line.endIndex {
                let byte = line[index]
                if byte == UInt8(ascii: "=") {
                    if index + 1 == line.endIndex {
                        soft = true
                        break
                    }
                    if index + 2 < line.endIndex, let high = hexValue(line[index + 1]), let low = hexValue(line[index + 2]) {
                        out.append(high << 4 | low)
                        index += 3
                        continue
                    }
                }
                out.append(byte)
                index += 1
            }
            let isLast = number == lines.count - 1
            if !soft && (!isLast || bytes.last == 10) { out += [13, 10] }
        }
        return out
    }

    /// The "Q" encoding of an RFC 2047 encoded word (§4.2): `_` is a space, `=XX` a byte; nil when
    /// an `=` is not followed by two hex digits.
    static func decodeWord(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "_"):
                out.append(32)
                index += 1
            case UInt8(ascii: "="):
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else { return nil }
                out.append(high << 4 | low)
                index += 3
            case let byte:
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
