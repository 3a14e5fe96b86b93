import ConveneCore
import Foundation

/// A body part to write (RFC 2045, RFC 2046): content header fields and a body already in its
/// transfer encoding, or the parts of a multipart.
public struct OutgoingPart: Sendable, Hashable {
    public var headers: [HeaderField]
    /// Encoded body, CRLF line breaks; empty for a multipart.
    public var body: [UInt8]
    /// The parts of a multipart.
    public var children: [OutgoingPart]

    /// Text, in UTF-8, in the lightest transfer encoding that keeps it intact over any mail
    /// transport (RFC 2045 §6): 7bit when it is short-lined ASCII, quoted-printable when it is
    /// mostly ASCII, base64 otherwise. Line breaks become CRLF (RFC 2046 §4.1.1).
    /// - Parameter parameters: Content-Type parameters after `charset` (e.g. `method`).
    public static func text(_ text: String, subtype: String, parameters: [(String, String)] = []) -> OutgoingPart {
        let bytes = crlf(Array(text.utf8))
        let type = ([("charset", "UTF-8")] + parameters).reduce("text/\(subtype)") { $0 + "; \($1.0)=\(parameterValue($1.1))" }
        let nonASCII = bytes.filter { $0 >= 128 }.count
        let longestLine = bytes.split(separator: 10).map(\.count).max() ?? 0
        let encoding: String, body: [UInt8]
        if nonASCII == 0 && longestLine <= 78 {
            (encoding, body) = ("7bit", bytes)
        } else if nonASCII * 6 < bytes.count {
            (encoding, body) = ("quoted-printable", QuotedPrintable.encode(bytes))
        } else {
            (encoding, body) = ("base64", base64Lines(bytes))
        }
        return OutgoingPart(headers: [HeaderField(name: "Content-Type", value: type),
                                      HeaderField(name: "Content-Transfer-Encoding", value: encoding)],
                            body: body, children: [])
    }

    /// A file attachment in base64 (RFC 2183 `attachment` with its file name).
    public static func attachment(_ bytes: [UInt8], type: String, fileName: String) -> OutgoingPart {
        OutgoingPart(headers: [HeaderField(name: "Content-Type", value: "\(type); name=\(parameterValue(fileName))"),
                               HeaderField(name: "Content-Disposition", value: "attachment; filename=\(parameterValue(fileName))"),
                               HeaderField(name: "Content-Transfer-Encoding", value: "base64")],
                     body: base64Lines(bytes), children: [])
    }

    /// A `multipart/SUBTYPE` of these parts; its boundary is chosen when it is written.
    public static func multipart(_ subtype: String, _ children: [OutgoingPart]) -> OutgoingPart {
        OutgoingPart(headers: [HeaderField(name: "Content-Type", value: "multipart/\(subtype)")], body: [], children: children)
    }

    /// Writes the part's header fields (folded) and body, CRLF throughout.
    func write(into out: inout [UInt8]) {
        guard !children.isEmpty else {
            for field in headers { HeaderWriter.write(field, into: &out) }
            out += [13, 10]
            out += body
            return
        }
        var rendered: [[UInt8]] = children.map { child in
            var bytes: [UInt8] = []
            child.write(into: &bytes)
            return bytes
        }
        let boundary = Self.boundary(for: rendered)
        var fields = headers
        fields[0].value += "; boundary=\"\(boundary)\""
        for field in fields { HeaderWriter.write(field, into: &out) }
        out += [13, 10]
        out += Array("This is a multipart message in MIME format.\r\n".utf8)
        for index in rendered.indices {
            out += Array("\r\n--\(boundary)\r\n".utf8)
            out += rendered[index]
            rendered[index] = []
        }
        out += Array("\r\n--\(boundary)--\r\n".utf8)
    }

    /// A boundary made from the content (so the same message is always written the same way)
    /// that occurs in none of the parts (RFC 2046 §5.1.1).
    private static func boundary(for parts: [[UInt8]]) -> String {
        var salt = 0
        while true {
            let candidate = "=_convene_" + StableHash.hex(parts.joined() + Array(String(salt).utf8))
            let bytes = Array(candidate.utf8)
            if !parts.contains(where: { contains($0, bytes) }) { return candidate }
            salt += 1
        }
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// A parameter value: a token as it is, anything else as a quoted string (RFC 2045 §5.1).
    static func parameterValue(_ value: String) -> String {
        let tspecials = Set("()<>@,;:\\\"/[]?= ")
        if !value.isEmpty, value.allSatisfy({ $0.isASCII && !tspecials.contains($0) && $0 != "\t" }) { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Base64 in lines of 76 characters (RFC 2045 §6.8).
    static func base64Lines(_ bytes: [UInt8]) -> [UInt8] {
        Array(Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]).utf8) + [13, 10]
    }

    /// Every line break as CRLF.
    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 40)
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 10 && previous != 13 { out.append(13) }
            if previous == 13 && byte != 10 { out.append(10) }
            out.append(byte)
            previous = byte
        }
        if previous == 13 { out.append(10) }
        return out
    }
}

/// Writes header fields: folded at white space so that lines stay within 78 characters where
/// the value allows it (RFC 5322 §2.1.1, §2.2.3).
enum HeaderWriter {
    static func write(_ field: HeaderField, into out: inout [UInt8]) {
        var line = field.name + ":"
        // A line break or other control character in a value would end the field early (and let
        // plan text inject header fields): every one becomes a space.
        let value = String(String.UnicodeScalarView(field.value.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? " " : $0 }))
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if line.utf8.count + 1 + word.utf8.count > 78 && line.utf8.count > field.name.utf8.count + 1 {
                out += Array(line.utf8) + [13, 10]
                line = ""
            }
            line += " " + word
        }
        out += Array(line.utf8) + [13, 10]
    }
}
