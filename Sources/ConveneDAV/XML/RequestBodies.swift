import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The XML bodies of the requests we send, built with Foundation's `XMLDocument` (which escapes
/// every value put in them).
enum RequestBodies {
    /// `PROPFIND` for these properties (`d:` DAV, `c:` CalDAV, `cs:` CalendarServer).
    static func propfind(_ properties: [String]) -> Data {
        document("d:propfind", [element("d:prop", properties.map { element($0) })])
    }

    /// `MKCALENDAR` (RFC 4791 §5.3.1) naming the calendar and saying it holds events.
    static func mkcalendar(displayName: String) -> Data {
        let components = element("c:supported-calendar-component-set", [element("c:comp", attributes: ["name": "VEVENT"])])
        return document("c:mkcalendar", [element("d:set", [element("d:prop", [element("d:displayname", text: displayName), components])])])
    }

    /// `sync-collection` (RFC 6578 §3.2): changes since `token` (all members when nil).
    static func syncCollection(token: String?) -> Data {
        document("d:sync-collection", [element("d:sync-token", text: token ?? ""), element("d:sync-level", text: "1"),
                                       element("d:prop", [element("d:getetag")])])
    }

    /// `calendar-multiget` (RFC 4791 §7.9) for these hrefs (as paths).
    static func multiget(_ hrefs: [String]) -> Data {
        document("c:calendar-multiget", [element("d:prop", [element("d:getetag"), element("c:calendar-data")])]
                 + hrefs.map { element("d:href", text: $0) })
    }

    /// `calendar-query` (RFC 4791 §7.8) for every VEVENT, or those overlapping `start...end`
    /// (UTC, `yyyyMMddTHHmmssZ`).
    static func calendarQuery(start: String? = nil, end: String? = nil) -> Data {
        var event = element("c:comp-filter", attributes: ["name": "VEVENT"])
        if let start, let end {
            event = element("c:comp-filter", [element("c:time-range", attributes: ["start": start, "end": end])], attributes: ["name": "VEVENT"])
        }
        let filter = element("c:filter", [element("c:comp-filter", [event], attributes: ["name": "VCALENDAR"])])
        return document("c:calendar-query", [element("d:prop", [element("d:getetag"), element("c:calendar-data")]), filter])
    }

    private static func document(_ root: String, _ children: [XMLElement]) -> Data {
        let top = element(root, children)
        for (prefix, uri) in [("d", MultiStatus.dav), ("c", MultiStatus.caldav), ("cs", "http://calendarserver.org/ns/")] {
            if let namespace = XMLNode.namespace(withName: prefix, stringValue: uri) as? XMLNode { top.addNamespace(namespace) }
        }
        let document = XMLDocument(rootElement: top)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        return document.xmlData
    }

    private static func element(_ name: String, _ children: [XMLElement] = [], text: String? = nil,
                                attributes: [String: String] = [:]) -> XMLElement {
        let element = XMLElement(name: name)
        if let text { element.stringValue = text }
        for child in children { element.addChild(child) }
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
            if let attribute = XMLNode.attribute(withName: key, stringValue: value) as? XMLNode { element.addAttribute(attribute) }
        }
        return element
    }
}
