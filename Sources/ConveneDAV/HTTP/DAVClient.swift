import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP request to a CalDAV server.
struct DAVRequest: Sendable {
    var method: String
    var url: URL
    var headers: [String: String] = [:]
    var body: Data?
}

/// What the server answered.
struct DAVResponse: Sendable {
    var status: Int
    /// Header names in lower case.
    var headers: [String: String]
    var body: Data

    var etag: String? { headers["etag"] }
    var isSuccess: Bool { (200..<300).contains(status) }
}

/// Talks HTTP to one server through Foundation's `URLSession` (FoundationNetworking on Linux,
/// libcurl underneath): custom methods (PROPFIND, REPORT, MKCALENDAR), timeouts, retries with
/// back-off on 5xx and connection errors, HTTP Basic credentials sent only to the account's own
/// origin. Redirects are never followed by `URLSession` itself (it would carry the Authorization
/// header to whatever host the server names): one to the same origin is followed here, one to
/// another origin is refused. Safe to use from several threads at once.
final class DAVClient: Sendable {
    let account: ServerAccount
    /// Seconds without an answer before a request is given up (then retried).
    let timeout: Double
    /// Further attempts after the first, for 5xx, timeouts and connection errors.
    let retries: Int
    /// The wait before the first retry (doubled for each next one).
    let backoff: Double
    private let session: URLSession
    private let guardian = SessionGuard()
    private let counter = RequestCounter()

    init(account: ServerAccount, timeout: Double = 30, retries: Int = 3, backoff: Double = 0.5, connections: Int = 4) {
        self.account = account
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpMaximumConnectionsPerHost = max(1, connections)
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: guardian, delegateQueue: nil)
    }

    deinit { session.finishTasksAndInvalidate() }

    /// Requests sent so far (each attempt counts).
    var requestsSent: Int { counter.value }

    /// Sends `request`, retrying 5xx answers, timeouts and connection errors with back-off, and
    /// following same-origin redirects. Returns every other answer (2xx, 3xx it could not follow,
    /// 4xx) for the caller to judge, except 401, which no caller can do anything with.
    func send(_ request: DAVRequest) throws(DAVError) -> DAVResponse {
        var request = request
        var redirects = 0
        var attempt = 0
        while true {
            attempt += 1
            let outcome = perform(request)
            switch outcome {
            case .success(let response):
                if (500...599).contains(response.status) && attempt <= retries {
                    pause(attempt, retryAfter: response.headers["retry-after"])
                    continue
                }
                if [301, 302, 303, 307, 308].contains(response.status), let location = response.headers["location"] {
                    guard let target = URL(string: location, relativeTo: request.url)?.absoluteURL else {
                        throw .unreadable(shown(request.url), reason: "a redirect to '\(location)', which is not a URL")
                    }
                    guard Self.sameOrigin(target, account.url), redirects < 5 else {
                        throw .redirected(shown(request.url), to: shown(target))
                    }
                    redirects += 1
                    request.url = target
                    attempt = 0
                    continue
                }
                if response.status == 401 { throw .unauthorized(shown(request.url), user: account.user) }
                if response.status == 507 { throw .insufficientStorage(shown(request.url)) }
                if (500...599).contains(response.status) { throw .server(shown(request.url), status: response.status, method: request.method) }
                return response
            case .failure(let error):
                if attempt <= retries {
                    pause(attempt, retryAfter: nil)
                    continue
                }
                if error.code == .timedOut { throw .timedOut(shown(request.url), seconds: timeout, attempts: attempt) }
                throw .unreachable(shown(request.url), reason: Self.reason(error), attempts: attempt)
            }
        }
    }

    /// One attempt, waited for.
    private func perform(_ request: DAVRequest) -> Result<DAVResponse, URLError> {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if let authorization = account.authorization, Self.sameOrigin(request.url, account.url) {
            urlRequest.setValue(authorization, forHTTPHeaderField: "Authorization")
        }
        urlRequest.httpBody = request.body
        counter.add()
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let task = session.dataTask(with: urlRequest) { data, response, error in
            if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (name, value) in http.allHeaderFields {
                    if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
                }
                box.result = .success(DAVResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
            } else {
                box.result = .failure((error as? URLError) ?? URLError(.cannotConnectToHost))
            }
            done.signal()
        }
        task.resume()
        // URLSession's own timeout is the first line; this deadline makes sure no request waits
        // for ever even when it does not fire (seen with FoundationNetworking).
        if done.wait(timeout: .now() + timeout + 2) == .timedOut {
            task.cancel()
            return .failure(URLError(.timedOut))
        }
        if guardian.wasChallenged(task.taskIdentifier), case .failure = box.result {
            return .success(DAVResponse(status: 401, headers: [:], body: Data()))
        }
        return box.result ?? .failure(URLError(.unknown))
    }

    /// Waits before retry number `attempt`: `backoff` doubled each time, or the server's
    /// Retry-After when it asks for no more than a minute.
    private func pause(_ attempt: Int, retryAfter: String?) {
        var seconds = backoff * Double(1 << min(attempt - 1, 6))
        if let retryAfter, let asked = Double(retryAfter), asked >= 0, asked <= 60 { seconds = max(seconds, asked) }
        Thread.sleep(forTimeInterval: seconds)
    }

    /// The URL as shown to people: never with credentials (the account's URL has none).
    func shown(_ url: URL) -> String { ServerAccount.redacted(url.absoluteString) }

    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased()
            && (a.port ?? defaultPort(a)) == (b.port ?? defaultPort(b))
    }

    private static func defaultPort(_ url: URL) -> Int { url.scheme?.lowercased() == "http" ? 80 : 443 }

    private static func reason(_ error: URLError) -> String {
        switch error.code {
        case .cannotConnectToHost: "connection refused"
        case .cannotFindHost, .dnsLookupFailed: "host not found"
        case .networkConnectionLost: "the connection was lost"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
             .serverCertificateHasUnknownRoot:
            "the TLS connection failed (certificate not trusted?)"
        default: error.localizedDescription
        }
    }
}

/// Refuses every redirect, so that `DAVClient` sees it and decides; and answers every
/// authentication challenge (a 401) by cancelling it, noting which task it was: FoundationNetworking
/// otherwise waits for ever on a 401 it has no credential for (checked with swift 6.3.1 against
/// Radicale), and we send the credentials ourselves anyway.
private final class SessionGuard: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var challenged: Set<Int> = []

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        lock.lock()
        challenged.insert(task.taskIdentifier)
        lock.unlock()
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    /// Whether the task was cancelled because the server asked for credentials (forgets it).
    func wasChallenged(_ task: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return challenged.remove(task) != nil
    }
}

/// Where a completion handler leaves its result for the waiting thread (the semaphore orders the
/// write before the read).
private final class ResultBox: @unchecked Sendable {
    var result: Result<DAVResponse, URLError>?
}

/// A count shared by threads.
private final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
