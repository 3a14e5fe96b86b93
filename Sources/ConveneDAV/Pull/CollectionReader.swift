import Foundation

/// Reads a calendar collection's members: what changed since a sync token (RFC 6578
/// `sync-collection`, then `calendar-multiget` for the bodies), or, where the server has no
/// sync support or forgot the token, every member (`calendar-query`).
struct CollectionReader: Sendable {
    let client: DAVClient
    let collection: CalendarCollection

    struct Fetched: Sendable {
        var etag: String?
        var body: Data
    }

    struct Reading: Sendable {
        var method: String
        /// By resource name.
        var changed: [String: Fetched]
        /// Resource names removed since the token.
        var removed: [String]
        var syncToken: String?
    }

    /// Members changed since `token` (every member when nil).
    func changes(since token: String?) throws(DAVError) -> Reading {
        let sync = try client.send(DAVRequest(method: "REPORT", url: collection.url,
                                              headers: ["Depth": "0", "Content-Type": "application/xml; charset=utf-8"],
                                              body: RequestBodies.syncCollection(token: token)))
        if sync.status == 207 {
            let status = try parse(sync)
            var changed: [String] = [], removed: [String] = []
            for response in status.responses {
                guard let name = collection.memberName(response.href) else { continue }
                if response.status == 404 { removed.append(name) } else { changed.append(name) }
            }
            return Reading(method: "sync-collection", changed: try multiget(changed), removed: removed, syncToken: status.syncToken)
        }
        if token != nil && (sync.status == 403 || sync.status == 409 || sync.status == 400) {
            // The token is no longer valid (RFC 6578 §3.2 DAV:valid-sync-token): start again.
            return try changes(since: nil)
        }
        guard [400, 403, 405, 415, 501].contains(sync.status) else {
            throw .server(client.shown(collection.url), status: sync.status, method: "REPORT sync-collection")
        }
        return Reading(method: "calendar-query", changed: try query(), removed: [], syncToken: nil)
    }

    /// Every VEVENT object of the collection, or those overlapping `start..<end` (UTC,
    /// `yyyyMMddTHHmmssZ`).
    func query(start: String? = nil, end: String? = nil) throws(DAVError) -> [String: Fetched] {
        let response = try client.send(DAVRequest(method: "REPORT", url: collection.url,
                                                  headers: ["Depth": "1", "Content-Type": "application/xml; charset=utf-8"],
                                                  body: RequestBodies.calendarQuery(start: start, end: end)))
        guard response.status == 207 else {
            if response.status == 403 { throw .forbidden(client.shown(collection.url), method: "REPORT") }
            if response.status == 404 { throw .notFound(client.shown(collection.url), hint: "check the calendar's address") }
            throw .server(client.shown(collection.url), status: response.status, method: "REPORT calendar-query")
        }
        return fetched(try parse(response))
    }

    /// The bodies of these members, a hundred per request.
    private func multiget(_ names: [String]) throws(DAVError) -> [String: Fetched] {
        var result: [String: Fetched] = [:]
        let base = URLComponents(url: collection.url, resolvingAgainstBaseURL: true)?.percentEncodedPath ?? collection.url.path
        for start in stride(from: 0, to: names.count, by: 100) {
            let hrefs = names[start..<min(names.count, start + 100)].map { base + CalendarCollection.encode($0) }
            let response = try client.send(DAVRequest(method: "REPORT", url: collection.url,
                                                      headers: ["Depth": "1", "Content-Type": "application/xml; charset=utf-8"],
                                                      body: RequestBodies.multiget(hrefs)))
            guard response.status == 207 else {
                throw .server(client.shown(collection.url), status: response.status, method: "REPORT calendar-multiget")
            }
            result.merge(fetched(try parse(response))) { _, new in new }
        }
        return result
    }

    private func fetched(_ status: MultiStatus) -> [String: Fetched] {
        var result: [String: Fetched] = [:]
        for response in status.responses {
            guard let name = collection.memberName(response.href), let data = response.text(MultiStatus.caldav("calendar-data")) else { continue }
            result[name] = Fetched(etag: response.text(MultiStatus.dav("getetag")), body: Data(data.utf8))
        }
        return result
    }

    private func parse(_ response: DAVResponse) throws(DAVError) -> MultiStatus {
        do { return try MultiStatus.parse(response.body) } catch { throw .unreadable(client.shown(collection.url), reason: error.reason) }
    }
}
