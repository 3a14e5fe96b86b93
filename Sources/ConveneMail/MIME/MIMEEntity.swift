import Foundation

/// A message or body part as read (RFC 2045, RFC 2046): its header fields, its body still in its
/// transfer encoding, and, for `multipart/*` and `message/rfc822`, the parts inside it.
public struct MIMEEntity: Sendable {
    public var headers: [HeaderField]
    /// The body as it appears in the message (transfer-encoded).
    public var rawBody: ArraySlice<UInt8>
    /// The body parts of a multipart (RFC 2046 §5.1), or the enclosed message of a
    /// `message/rfc822` part (§5.2.1); empty for other types.
    public var parts: [MIMEEntity]

    /// Nesting deeper than this is read as an opaque leaf (no real client nests anything like it).
    static let maximumDepth = 32

    /// Parses a whole message or part.
    public static func parse(_ bytes: ArraySlice<UInt8>) -> MIMEEntity { parse(bytes, depth: 0) }

    private static func parse(_ bytes: ArraySlice<UInt8>, depth: Int) -> MIMEEntity {
        let (headers, bodyStart) = HeaderField.parseSection(bytes)
        var entity = MIMEEntity(headers: headers, rawBody: bytes[bodyStart...], parts: [])
        guard depth < maximumDepth else { return entity }
        let type = entity.contentType
        if type.value.hasPrefix("multipart/"), let boundary = type.parameters["boundary"], !boundary.isEmpty {
            entity.parts = bodyParts(of: entity.rawBody, boundary: boundary).map { parse($0, depth: depth + 1) }
        } else if type.value == "message/rfc822" {
            entity.parts = [parse(ArraySlice(entity.decodedBody), depth: depth + 1)]
        }
        return entity
    }

    /// The body parts between boundary delimiter lines (RFC 2046 §5.1.1): a delimiter is `--`
    /// and the boundary at the start of a line, followed by nothing but white space (or `--` for
    /// the last one); the line break before it belongs to it. Preamble and epilogue are dropped.
    /// A multipart whose closing delimiter is missing ends at the end of the body.
    static func bodyParts(of body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var lineStart = body.startIndex
        while lineStart < body.endIndex {
            let lineEnd = body[lineStart...].firstIndex(of: 10) ?? body.endIndex
            let line = body[lineStart..<lineEnd]
            if line.starts(with: delimiter) {
                let rest = line.dropFirst(delimiter.count)
                let closing = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                let tail = closing ? rest.dropFirst(2) : rest
                if tail.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
                    if let start = partStart {
                        // Drop the CRLF (or LF) that precedes the delimiter.
                        var end = lineStart
                        if end > start, body[end - 1] == 10 { end -= 1 }
                        if end > start, body[end - 1] == 13 { end -= 1 }
                        parts.append(body[start..<max(start, end)])
                    }
                    if closing { return parts }
                    partStart = lineEnd < body.endIndex ? lineEnd + 1 : lineEnd
                }
            }
            lineStart = lineEnd < body.endIndex ? lineEnd + 1 : body.endIndex
        }
        if let start = partStart, start < body.endIndex { parts.append(body[start...]) }
        return parts
    }

    /// The first value of a header field.
    public func header(_ name: String) -> String? { headers.value(of: name) }

    /// `Content-Type`, or `text/plain; charset=us-ascii` when there is none (RFC 2045 §5.2).
    public var contentType: ContentType {
        header("Content-Type").map(ContentType.parse) ?? .plainText
    }

    /// `Content-Disposition` (RFC 2183), when present.
    public var disposition: ContentType? { header("Content-Disposition").map(ContentType.parse) }

    /// The file name the part carries: `filename` of its disposition or `name` of its type.
    public var fileName: String? {
        (disposition?.parameters["filename"] ?? contentType.parameters["name"]).map(EncodedWord.decode)
    }

    /// The body with its Content-Transfer-Encoding undone (RFC 2045 §6): base64 (characters outside
    /// the alphabet ignored, §6.8), quoted-printable, or 7bit/8bit/binary as they are.
    public var decodedBody: [UInt8] {
        switch header("Content-Transfer-Encoding")?.trimmingWhiteSpace().lowercased() {
        case "base64":
            let alphabet = rawBody.filter { byte in
                (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte)
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
            }
            // Padding is implied by the length; a final lone character carries no whole byte.
            let usable = alphabet.count % 4 == 1 ? alphabet.count - 1 : alphabet.count
            var text = Array(alphabet.prefix(usable))
            while text.count % 4 != 0 { text.append(UInt8(ascii: "=")) }
            return Data(base64Encoded: Data(text)).map(Array.init) ?? []
        case "quoted-printable":
            return QuotedPrintable.decode(rawBody)
        default:
            return Array(rawBody)
        }
    }

    /// The decoded body as text in the part's `charset`.
    public var text: String { Charset.decode(decodedBody, charset: contentType.parameters["charset"]) }

    /// Every part that holds content (not a multipart), depth first, in the order they appear;
    /// an enclosed message's own parts are included.
    public func leaves() -> [MIMEEntity] {
        if parts.isEmpty { return [self] }
        return parts.flatMap { $0.leaves() }
    }
}
