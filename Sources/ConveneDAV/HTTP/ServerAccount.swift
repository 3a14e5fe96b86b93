import Foundation

/// Where a CalDAV server is and who we are there. The password comes from the environment
/// (`CONVENE_CALDAV_PASSWORD`) or `~/.netrc`, never from the command line; it is never printed,
/// logged or written anywhere (it has no `Codable`, and `description` leaves it out).
public struct ServerAccount: Sendable, CustomStringConvertible {
    /// The environment variable read for the password.
    public static let passwordVariable = "CONVENE_CALDAV_PASSWORD"

    /// The address, without user or password.
    public let url: URL
    public let user: String?
    private let password: String?

    /// Reads `text` as the server's address (`https://` is assumed when no scheme is given).
    /// - Parameters:
    ///   - user: `--user`; must agree with a user written in the URL.
    ///   - allowInsecureHTTP: plain `http://` to a host that is not this machine.
    ///   - environment: where `CONVENE_CALDAV_PASSWORD` is looked up.
    ///   - netrc: the `~/.netrc` file to read when the environment has no password.
    public init(url text: String, user: String?, allowInsecureHTTP: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                netrc: URL? = ServerAccount.defaultNetrc) throws(DAVError) {
        let written = text.contains("://") ? text : "https://" + text
        guard var components = URLComponents(string: written), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw .usage("'\(Self.redacted(text))' is not a URL", hint: "give the server's address, e.g. https://dav.example.org/calendars/alice/")
        }
        guard scheme == "https" || scheme == "http" else {
            throw .usage("'\(scheme)' is not a scheme a CalDAV server speaks", hint: "use an https:// URL")
        }
        if components.password != nil {
            throw .usage("the URL carries a password", hint: "remove it from the URL (it would stay in your shell history); set $\(Self.passwordVariable) or add the host to ~/.netrc")
        }
        if scheme == "http" && !Self.isLoopback(host) && !allowInsecureHTTP {
            throw .usage("plain HTTP to \(host) would send the password and the plan unencrypted",
                         hint: "use https://, or add --allow-insecure-http if this network is trusted")
        }
        var named = components.user.flatMap { $0.removingPercentEncoding }
        if let user {
            if let named, named != user {
                throw .usage("the URL names user '\(named)' but --user says '\(user)'", hint: "give the user once")
            }
            named = user
        }
        components.user = nil
        components.password = nil
        if components.path.isEmpty { components.path = "/" }
        guard let clean = components.url else {
            throw .usage("'\(Self.redacted(text))' is not a URL", hint: "check the address")
        }
        url = clean
        var secret = environment[Self.passwordVariable].flatMap { $0.isEmpty ? nil : $0 }
        if secret == nil, let netrc, let entry = Netrc.entry(in: netrc, host: host, user: named) {
            secret = entry.password
            named = named ?? entry.login
        }
        self.user = named
        password = secret
    }

    /// `~/.netrc`, when HOME is set.
    public static var defaultNetrc: URL? {
        ProcessInfo.processInfo.environment["HOME"].map { URL(fileURLWithPath: $0).appendingPathComponent(".netrc") }
    }

    /// The `Authorization` header for HTTP Basic, when there are a user and a password.
    var authorization: String? {
        guard let user, let password else { return nil }
        return "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// Whether a password was found.
    public var hasPassword: Bool { password != nil }

    public var description: String { url.absoluteString }

    /// A loopback address: `localhost`, `127.x.y.z` or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }

    /// The URL as text without anything between `//` and `@`.
    static func redacted(_ text: String) -> String {
        guard let start = text.range(of: "://"), let at = text[start.upperBound...].firstIndex(of: "@"),
              !text[start.upperBound..<at].contains("/") else { return text }
        return String(text[..<start.upperBound]) + "***@" + String(text[text.index(after: at)...])
    }
}
