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

    /// Addresses for one header field, comma separated.
    public static func list(_ addresses: [MailAddress]) -> String {
        addresses.map(\.header).joined(separator: ", ")
    }
}
