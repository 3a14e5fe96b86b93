import ConveneCore
import Foundation

/// Why talking to a CalDAV server failed, in words a person can act on. Addresses shown here never
/// carry credentials.
public enum DAVError: Error, Sendable, Hashable, ExplainedError, CustomStringConvertible {
    /// The command line cannot be used as it is (URL, user, plain HTTP).
    case usage(String, hint: String)
    /// 401: the server refused the user name or password.
    case unauthorized(String, user: String?)
    /// 403: the account may not do this here.
    case forbidden(String, method: String)
    /// 404: nothing at this address.
    case notFound(String, hint: String)
    /// 507: the server is out of room.
    case insufficientStorage(String)
    /// No answer within the time allowed (after retries).
    case timedOut(String, seconds: Double, attempts: Int)
    /// No connection (refused, reset, name not found), after retries.
    case unreachable(String, reason: String, attempts: Int)
    /// A 5xx that persisted after retries, or another status nobody could act on.
    case server(String, status: Int, method: String)
    /// The server sent us elsewhere, to another host: credentials are not carried there.
    case redirected(String, to: String)
    /// The server answered something we cannot read (not XML, no multistatus).
    case unreadable(String, reason: String)

    public var message: String {
        switch self {
        case .usage(let text, _): text
        case .unauthorized(let url, let user):
            "\(url): the server refused the credentials (401 Unauthorized)\(user.map { " for user '\($0)'" } ?? ", and no user was given")"
        case .forbidden(let url, let method): "\(url): the server forbids \(method) here (403 Forbidden)"
        case .notFound(let url, _): "\(url): nothing at this address (404 Not Found)"
        case .insufficientStorage(let url): "\(url): the server is out of storage (507 Insufficient Storage)"
        case .timedOut(let url, let seconds, let attempts):
            "\(url): no answer within \(Self.seconds(seconds)) (\(attempts) attempt\(attempts == 1 ? "" : "s")): the request timed out"
        case .unreachable(let url, let reason, let attempts): "\(url): cannot reach the server (\(attempts) attempt\(attempts == 1 ? "" : "s")): \(reason)"
        case .server(let url, let status, let method): "\(url): the server answered \(method) with \(status) \(HTTPURLResponseStatus.text(status))"
        case .redirected(let url, let target): "\(url): the server redirects to another host, \(target); credentials are not sent there"
        case .unreadable(let url, let reason): "\(url): cannot read the server's answer: \(reason)"
        }
    }

    public var hint: String {
        switch self {
        case .usage(_, let hint): hint
        case .unauthorized:
            "check the user (in the URL as https://USER@host/... or --user) and the password in $\(ServerAccount.passwordVariable) or ~/.netrc"
        case .forbidden: "check that this account owns the calendar (or may write to it)"
        case .notFound(_, let hint): hint
        case .insufficientStorage: "free space on the server or ask its administrator for a larger quota"
        case .timedOut: "check that the server is up, or allow more time with --timeout SECONDS"
        case .unreachable: "check the address and port, and that the server is running"
        case .server: "try again later; if it persists, see the server's log"
        case .redirected(_, let target): "if you trust it, use \(target) as the URL"
        case .unreadable: "check that the URL points at a CalDAV server"
        }
    }

    public var description: String { "error: \(message)\n    fix: \(hint)" }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}

/// Reason phrases for the statuses a CalDAV client meets.
enum HTTPURLResponseStatus {
    static func text(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 412: "Precondition Failed"
        case 415: "Unsupported Media Type"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 507: "Insufficient Storage"
        default: ""
        }
    }
}
