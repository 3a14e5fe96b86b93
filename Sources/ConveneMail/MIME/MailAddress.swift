/// A mailbox for an address header (RFC 5322 §3.4): `Display Name <local@domain>`.
public struct MailAddress: Sendable, Hashable, Codable {
    public var name: String?
    public var email: String

    public init(name: String?, email: String) {
        self.name = name
        self.email = email
    }

    /// The mailbox as written in a header: the name as an atom phrase, a quoted string (when it
    /// holds specials, §3.2.3) or RFC 2047 encoded words (when it holds non-ASCII, RFC 2047 §5).
    public var header: String {
        guard let name, !name.isEmpty else { return "<\(email)>" }
        let phrase: String
        if !name.allSatisfy(\.isASCII) {
            phrase = EncodedWord.encode(name)
        } else if name.contains(where: { "()<>[]:;@\\,.\"".contains($0) }) {
            phrase = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        } else {
            phrase = name
        }
        return "\(phrase) <\(email)>"
    }

    /// Whether `email` is a plain `local@domain` address that can go in a header as it is: one
    /// `@`, something on each side, and no white space, control character or address-list
    /// punctuation (RFC 5322 §3.4.1 dot-atom forms, the only ones a plan writes).
    public static func isPlain(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && email.unicodeScalars.allSatisfy { $0.value > 32 && $0.value != 127 && !"()<>[]:;,\\\"".unicodeScalars.contains($0) }
    }

    /// Addresses for one header field, comma separated.
    public static func list(_ addresses: [MailAddress]) -> String {
        addresses.map(\.header).joined(separator: ", ")
    }
}
