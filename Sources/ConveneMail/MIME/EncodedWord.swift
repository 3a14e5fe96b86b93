import Foundation

/// RFC 2047 encoded words: non-ASCII text in header fields (`=?UTF-8?B?...?=`).
public enum EncodedWord {
    /// Longest encoded word allowed (§2).
    static let maximumLength = 75

    /// The phrase as it may appear in a header: unchanged when it is printable ASCII, otherwise
    /// as "B" encoded words of UTF-8 (§4.1), each at most 75 characters and never splitting a
    /// character (§5), separated by a space (a folding point).
    public static func encode(_ raw: String) -> String {
        // Control characters have no place in a phrase: each becomes a space.
        let text = String(String.UnicodeScalarView(raw.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? " " : $0 }))
        if text.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) { return text }
        let prefix = "=?UTF-8?B?", suffix = "?="
        // 4 base64 characters per 3 bytes: the most bytes whose encoding fits in one word.
        let room = (maximumLength - prefix.count - suffix.count) / 4 * 3
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > room, !chunk.isEmpty {
                words.append(prefix + Data(chunk).base64EncodedString() + suffix)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(prefix + Data(chunk).base64EncodedString() + suffix) }
        return words.joined(separator: " ")
    }

    /// Decodes every encoded word in an unstructured header value or phrase (§6.1); white space
    /// between two adjacent encoded words is dropped (§6.2). Malformed words stay as written.
    public static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var result = ""
        var pendingSpace = ""
        var lastWasEncoded = false
        var rest = Substring(value)
        while !rest.isEmpty {
            if rest.hasPrefix("=?"), let (text, length) = word(at: rest) {
                if !lastWasEncoded { result += pendingSpace }
                pendingSpace = ""
                result += text
                rest = rest.dropFirst(length)
                lastWasEncoded = true
                continue
            }
            let character = rest.removeFirst()
            if character == " " || character == "\t" || character.isNewline {
                // A folded line's break goes (RFC 5322 §2.2.3); its white space stays.
                if !character.isNewline { pendingSpace.append(character) }
                continue
            }
            result += pendingSpace
            pendingSpace = ""
            result.append(character)
            lastWasEncoded = false
        }
        return result + pendingSpace
    }

    /// One `=?charset?encoding?text?=` at the start of `text`: its decoded text and its length.
    private static func word(at text: Substring) -> (String, Int)? {
        let body = text.dropFirst(2)
        guard let charsetEnd = body.firstIndex(of: "?") else { return nil }
        var charset = String(body[..<charsetEnd])
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }  // RFC 2231 §5 language
        let afterCharset = body[body.index(after: charsetEnd)...]
        guard let encoding = afterCharset.first, afterCharset.dropFirst().first == "?" else { return nil }
        let payloadStart = afterCharset.dropFirst(2)
        guard let end = payloadStart.range(of: "?=") else { return nil }
        let payload = payloadStart[..<end.lowerBound]
        guard !payload.contains(" ") else { return nil }
        let bytes: [UInt8]
        switch encoding {
        case "B", "b":
            var padded = String(payload)
            while padded.count % 4 != 0 { padded += "=" }
            guard let data = Data(base64Encoded: padded) else { return nil }
            bytes = Array(data)
        case "Q", "q":
            // §4.2: "_" is a space; otherwise quoted-printable.
            guard let decoded = QuotedPrintable.decodeWord(Array(payload.utf8)) else { return nil }
            bytes = decoded
        default:
            return nil
        }
        let length = text.distance(from: text.startIndex, to: end.upperBound)
        return (Charset.decode(bytes, charset: charset), length)
    }
}
