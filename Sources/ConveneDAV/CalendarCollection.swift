import Foundation

/// A calendar collection on a server (RFC 4791 §4.2), found from the address the user gave.
struct CalendarCollection: Sendable {
    /// Ends in `/`.
    let url: URL
    let displayName: String?
    /// Made by this run with MKCALENDAR.
    let created: Bool

    /// The collection's address as records and people see it (no credentials).
    var key: String { url.absoluteString }

    /// The address of the member resource `name` (percent-encoded as a path segment).
    func member(_ name: String) -> URL {
        URL(string: url.absoluteString + Self.encode(name))!
    }

    /// The resource name of a member's href (decoded last path segment), or nil for the
    /// collection itself and anything outside it.
    func memberName(_ href: String) -> String? {
        guard let target = URL(string: href, relativeTo: url)?.absoluteURL else { return nil }
        let base = Self.decodedPath(url)
        let path = Self.decodedPath(target)
        guard path.hasPrefix(base), path.count > base.count else { return nil }
        let rest = path.dropFirst(base.count)
        return rest.contains("/") ? nil : String(rest)
    }

    /// Finds the collection: `url` itself when it is a calendar; else the calendar called `name`
    /// (by its last path segment or display name) under the account's calendar home, found
    /// through `current-user-principal` and `calendar-home-set` (RFC 6764 §6, RFC 4791 §6.2.1).
    /// With `create`, a missing calendar is made with MKCALENDAR: at `url` itself when it does
    /// not exist and no name is given, else under the home.
    static func find(_ client: DAVClient, name: String?, defaultName: String, create: Bool) throws(DAVError) -> CalendarCollection {
        let start = directory(client.account.url)
        let first = try propfind(client, start, depth: 0, ["d:resourcetype", "d:displayname", "d:current-user-principal", "c:calendar-home-set"])
        guard let here = first else {
            if create && name == nil { return try make(client, at: start, displayName: defaultName) }
            throw .notFound(client.shown(start), hint: create ? "check the address" : "check the address, or add --create to make a calendar there")
        }
        let own = here.responses.first { sameCollection(URL(string: $0.href, relativeTo: start)?.absoluteURL, start) } ?? here.responses.first
        if let own, isCalendar(own) {
            if let name, name != own.text(MultiStatus.dav("displayname")), name != start.lastPathComponent {
                throw .usage("\(client.shown(start)) is itself a calendar, so --calendar \(name) cannot name another",
                             hint: "leave out --calendar, or give the calendar home's address")
            }
            return CalendarCollection(url: start, displayName: own.text(MultiStatus.dav("displayname")), created: false)
        }
        var home: URL?
        if let href = own?.href(MultiStatus.caldav("calendar-home-set")) {
            home = URL(string: href, relativeTo: start)?.absoluteURL
        } else if let principalHref = own?.href(MultiStatus.dav("current-user-principal")),
                  let principal = URL(string: principalHref, relativeTo: start)?.absoluteURL {
            let found = try propfind(client, principal, depth: 0, ["c:calendar-home-set"])
            if let href = found?.responses.first?.href(MultiStatus.caldav("calendar-home-set")) {
                home = URL(string: href, relativeTo: principal)?.absoluteURL
            }
        }
        let homeURL = directory(home ?? start)
        let wanted = name ?? defaultName
        let members = try propfind(client, homeURL, depth: 1, ["d:resourcetype", "d:displayname"])?.responses ?? []
        for member in members where isCalendar(member) {
            guard let url = URL(string: member.href, relativeTo: homeURL)?.absoluteURL, !sameCollection(url, homeURL) else { continue }
            let segment = directory(url).lastPathComponent
            if segment == wanted || segment == slug(wanted) || member.text(MultiStatus.dav("displayname")) == wanted {
                return CalendarCollection(url: directory(url), displayName: member.text(MultiStatus.dav("displayname")), created: false)
            }
        }
        guard create else {
            throw .notFound(client.shown(homeURL) + slug(wanted) + "/",
                            hint: "no calendar '\(wanted)' under \(client.shown(homeURL)); add --create to make it, or name another with --calendar")
        }
        return try make(client, at: URL(string: homeURL.absoluteString + encode(slug(wanted)) + "/")!, displayName: wanted)
    }

    /// Every calendar collection at `url` (when it is one) or under the account's calendar home.
    static func all(_ client: DAVClient) throws(DAVError) -> [CalendarCollection] {
        let start = directory(client.account.url)
        guard let here = try propfind(client, start, depth: 0, ["d:resourcetype", "d:displayname", "d:current-user-principal", "c:calendar-home-set"]) else {
            throw .notFound(client.shown(start), hint: "check the address of the person's calendar")
        }
        if let own = here.responses.first, isCalendar(own) {
            return [CalendarCollection(url: start, displayName: own.text(MultiStatus.dav("displayname")), created: false)]
        }
        var homeURL = start
        if let href = here.responses.first?.href(MultiStatus.caldav("calendar-home-set")), let url = URL(string: href, relativeTo: start) {
            homeURL = directory(url.absoluteURL)
        } else if let href = here.responses.first?.href(MultiStatus.dav("current-user-principal")),
                  let principal = URL(string: href, relativeTo: start)?.absoluteURL,
                  let homeHref = try propfind(client, principal, depth: 0, ["c:calendar-home-set"])?.responses.first?.href(MultiStatus.caldav("calendar-home-set")),
                  let url = URL(string: homeHref, relativeTo: principal) {
            homeURL = directory(url.absoluteURL)
        }
        let members = try propfind(client, homeURL, depth: 1, ["d:resourcetype", "d:displayname"])?.responses ?? []
        return members.compactMap { member in
            guard isCalendar(member), let url = URL(string: member.href, relativeTo: homeURL)?.absoluteURL, !sameCollection(url, homeURL) else { return nil }
            return CalendarCollection(url: directory(url), displayName: member.text(MultiStatus.dav("displayname")), created: false)
        }
    }

    private static func make(_ client: DAVClient, at url: URL, displayName: String) throws(DAVError) -> CalendarCollection {
        let response = try client.send(DAVRequest(method: "MKCALENDAR", url: url, headers: ["Content-Type": "application/xml; charset=utf-8"],
                                                  body: RequestBodies.mkcalendar(displayName: displayName)))
        switch response.status {
        case 200..<300: return CalendarCollection(url: url, displayName: displayName, created: true)
        case 403: throw .forbidden(client.shown(url), method: "MKCALENDAR")
        case 405: throw .usage("\(client.shown(url)) already exists and is not a calendar (MKCALENDAR answered 405)",
                               hint: "name another calendar with --calendar, or give a calendar's address")
        case 409: throw .notFound(client.shown(url), hint: "the folder above it does not exist (MKCALENDAR answered 409): check the address")
        default: throw .server(client.shown(url), status: response.status, method: "MKCALENDAR")
        }
    }

    /// PROPFIND; nil on 404.
    static func propfind(_ client: DAVClient, _ url: URL, depth: Int, _ properties: [String]) throws(DAVError) -> MultiStatus? {
        let response = try client.send(DAVRequest(method: "PROPFIND", url: url,
                                                  headers: ["Depth": String(depth), "Content-Type": "application/xml; charset=utf-8"],
                                                  body: RequestBodies.propfind(properties)))
        switch response.status {
        case 207:
            do { return try MultiStatus.parse(response.body) } catch { throw .unreadable(client.shown(url), reason: error.reason) }
        case 404: return nil
        case 403: throw .forbidden(client.shown(url), method: "PROPFIND")
        case 200..<300:
            throw .unreadable(client.shown(url), reason: "PROPFIND answered \(response.status), not 207 Multi-Status: is this a CalDAV server?")
        default: throw .server(client.shown(url), status: response.status, method: "PROPFIND")
        }
    }

    private static func isCalendar(_ response: MultiStatus.Response) -> Bool {
        response.properties[MultiStatus.dav("resourcetype")]?.children.contains(MultiStatus.caldav("calendar")) == true
    }

    /// The URL with a trailing `/` (collections are folders).
    static func directory(_ url: URL) -> URL {
        url.absoluteString.hasSuffix("/") ? url : URL(string: url.absoluteString + "/")!
    }

    private static func sameCollection(_ a: URL?, _ b: URL) -> Bool {
        guard let a else { return false }
        return decodedPath(directory(a)) == decodedPath(directory(b))
    }

    static func decodedPath(_ url: URL) -> String {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: true)?.percentEncodedPath ?? url.path
        return path.removingPercentEncoding ?? path
    }

    /// A path segment for a calendar name: letters, digits, `-`, `_` and `.`, lower case.
    static func slug(_ name: String) -> String {
        let mapped = name.lowercased().unicodeScalars.map { scalar -> Character in
            (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar))) ? Character(scalar) : "-"
        }
        let text = String(mapped).trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return text.isEmpty ? "convene" : text
    }

    /// Percent-encodes a path segment (everything but unreserved characters and `@`).
    static func encode(_ segment: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~@")
        allowed.remove(charactersIn: "/")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }
}
