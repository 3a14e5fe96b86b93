import Foundation

/// A `Content-Type` or `Content-Disposition` value: the type (or disposition) and its parameters
/// (RFC 2045 §5.1, RFC 2183), with RFC 2231 continuations and charset-encoded values joined and
/// decoded (Outlook and Gmail name attachments this way).
public struct ContentType: Sendable, Hashable {
    /// `text/calendar`, `multipart/mixed`, `attachment`: lower case.
    public var value: String
    /// Parameter names in lower case; values as decoded.
    public var parameters: [String: String]

    public init(value: String, parameters: [String: String] = [:]) {
        self.value = value
        self.parameters = parameters
    }

    /// RFC 2045 §5.2: a part without Content-Type is `text/plain; charset=us-ascii`.
    static let plainText = ContentType(value: "text/plain", parameters: ["charset": "us-ascii"])

    /// Reads a field value; comments `(...)` are ignored and parameter values may be tokens or
    /// quoted strings.
    public static func parse(_ field: String) -> ContentType {
        let pieces = split(field)
        let value = (pieces.first ?? "").trimmingWhiteSpace().lowercased()
        var raw: [(name: String, value: String)] = []
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = String(piece[..<equals]).trimmingWhiteSpace().lowercased()
            raw.append((name, unquote(String(piece[piece.index(after: equals)...]).trimmingWhiteSpace())))
        }
        return ContentType(value: value, parameters: joinContinuations(raw))
    }

    /// Splits on `;` outside quoted strings, dropping comments.
    private static func split(_ field: String) -> [String] {
        var pieces: [String] = [""]
        var quoted = false, escaped = false, commentDepth = 0
        for character in field {
            if escaped {
                pieces[pieces.count - 1].append(character)
                escaped = false
            } else if quoted {
                if character == "\\" { escaped = true }
                if character == "\"" { quoted = false }
                pieces[pieces.count - 1].append(character)
            } else if commentDepth > 0 {
                if character == "(" { commentDepth += 1 }
                if character == ")" { commentDepth -= 1 }
            } else if character == "(" {
                commentDepth = 1
            } else if character == "\"" {
                quoted = true
                pieces[pieces.count - 1].append(character)
            } else if character == ";" {
                pieces.append("")
            } else {
                pieces[pieces.count - 1].append(character)
            }
        }
        return pieces
    }

    private static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return text }
        var result = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if !escaped && character == "\\" { escaped = true; continue }
            escaped = false
            result.append(character)
        }
        return result
    }

    /// RFC 2231 §3 and §4: `name*0=`, `name*1*=` and `name*=charset'language'%XX` become `name`.
    private static func joinContinuations(_ raw: [(name: String, value: String)]) -> [String: String] {
        var plain: [String: String] = [:]
        var segments: [String: [(number: Int, value: String, extended: Bool)]] = [:]
        for (name, value) in raw {
            guard let star = name.firstIndex(of: "*") else {
                if plain[name] == nil { plain[name] = value }
                continue
            }
            let base = String(name[..<star])
            var rest = name[name.index(after: star)...]
            let extended = rest.hasSuffix("*") || rest.isEmpty
            if rest.hasSuffix("*") { rest = rest.dropLast() }
            let number = rest.isEmpty ? 0 : Int(rest) ?? 0
            segments[base, default: []].append((number, value, extended))
        }
        for (name, parts) in segments {
            let ordered = parts.sorted { $0.number < $1.number }
            var charset: String?
            var bytes: [UInt8] = []
            for (offset, part) in ordered.enumerated() {
                var value = Substring(part.value)
                if part.extended {
                    if offset == 0 {
                        // charset'language'value
                        let fields = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                        if fields.count == 3 {
                            charset = String(fields[0])
                            value = fields[2]
                        }
                    }
                    bytes += percentDecode(value)
                } else {
                    bytes += Array(value.utf8)
                }
            }
            plain[name] = Charset.decode(bytes, charset: charset ?? "utf-8")
        }
        return plain
    }

    private static func percentDecode(_ text: Substring) -> [UInt8] {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                out.append(value)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}
