import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A WebDAV `207 Multi-Status` answer (RFC 4918 §13), read by Foundation's `XMLParser` with
/// namespaces: one entry per `response`, each property with its text, the `href`s inside it and
/// the names of the elements inside it (for `resourcetype` and `supported-report-set`).
struct MultiStatus: Sendable {
    /// A property element as found: `{namespace}local`.
    struct Property: Sendable, Hashable {
        var text: String
        var hrefs: [String]
        var children: Set<String>
    }

    struct Response: Sendable {
        var href: String
        /// The response's own status (sync-collection's 404 for a removed member), if given.
        var status: Int?
        /// Properties found with a 2xx propstat, by `{namespace}local`.
        var properties: [String: Property]

        func text(_ name: String) -> String? { properties[name].map(\.text) }
        func href(_ name: String) -> String? { properties[name]?.hrefs.first }
    }

    var responses: [Response]
    /// RFC 6578's new token.
    var syncToken: String?

    static let dav = "DAV:"
    static let caldav = "urn:ietf:params:xml:ns:caldav"

    /// `{DAV:}name`.
    static func dav(_ local: String) -> String { "{\(dav)}\(local)" }
    /// `{urn:ietf:params:xml:ns:caldav}name`.
    static func caldav(_ local: String) -> String { "{\(caldav)}\(local)" }

    static func parse(_ data: Data) throws(MultiStatusError) -> MultiStatus {
        let reader = MultiStatusReader()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse() else {
            throw MultiStatusError(reason: "not well-formed XML at line \(parser.lineNumber): \(parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error")")
        }
        guard reader.sawMultiStatus else { throw MultiStatusError(reason: "the answer is not a DAV:multistatus") }
        guard reader.isComplete else { throw MultiStatusError(reason: "the answer ends before its XML does (cut short?)") }
        return MultiStatus(responses: reader.responses, syncToken: reader.syncToken)
    }

    /// An HTTP status line's code (`HTTP/1.1 200 OK` → 200).
    static func statusCode(_ line: String) -> Int? {
        line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }
}

struct MultiStatusError: Error, Sendable {
    var reason: String
}

/// The parser's delegate: a small state machine over the element path.
private final class MultiStatusReader: NSObject, XMLParserDelegate {
    var responses: [MultiStatus.Response] = []
    var syncToken: String?
    var sawMultiStatus = false
    /// Every element opened was closed.
    var isComplete: Bool { path.isEmpty }

    private var path: [String] = []
    private var text = ""
    // The response being read.
    private var href: String?
    private var status: Int?
    private var properties: [String: MultiStatus.Property] = [:]
    // The propstat being read.
    private var pending: [String: MultiStatus.Property] = [:]
    private var propstatStatus: Int?
    // The property being read (a child of prop) and what is inside it.
    private var property: String?
    private var propertyText = ""
    private var propertyHrefs: [String] = []
    private var propertyChildren: Set<String> = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let name = "{\(namespaceURI ?? "")}\(elementName)"
        if name == MultiStatus.dav("multistatus") && path.isEmpty { sawMultiStatus = true }
        if property != nil {
            propertyChildren.insert(name)
        } else if path.last == MultiStatus.dav("prop") && path.count >= 2 && path[path.count - 2] == MultiStatus.dav("propstat") {
            property = name
            propertyText = ""
            propertyHrefs = []
            propertyChildren = []
        }
        switch name {
        case MultiStatus.dav("response") where path.count == 1:
            href = nil
            status = nil
            properties = [:]
        case MultiStatus.dav("propstat"):
            pending = [:]
            propstatStatus = nil
        default: break
        }
        path.append(name)
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
        if property != nil { propertyText += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        let string = String(decoding: CDATABlock, as: UTF8.self)
        text += string
        if property != nil { propertyText += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let name = path.removeLast()
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parent = path.last
        if let current = property {
            if name == current && parent == MultiStatus.dav("prop") {
                pending[current] = MultiStatus.Property(text: propertyText.trimmingCharacters(in: .whitespacesAndNewlines),
                                                        hrefs: propertyHrefs, children: propertyChildren)
                property = nil
            } else if name == MultiStatus.dav("href") {
                propertyHrefs.append(value)
            }
            text = ""
            return
        }
        switch (name, parent) {
        case (MultiStatus.dav("href"), MultiStatus.dav("response")?): href = value
        case (MultiStatus.dav("status"), MultiStatus.dav("response")?): status = MultiStatus.statusCode(value)
        case (MultiStatus.dav("status"), MultiStatus.dav("propstat")?): propstatStatus = MultiStatus.statusCode(value)
        case (MultiStatus.dav("propstat"), _):
            if (200..<300).contains(propstatStatus ?? 200) { properties.merge(pending) { first, _ in first } }
        case (MultiStatus.dav("response"), MultiStatus.dav("multistatus")?):
            if let href { responses.append(MultiStatus.Response(href: href, status: status, properties: properties)) }
        case (MultiStatus.dav("sync-token"), MultiStatus.dav("multistatus")?): syncToken = value
        default: break
        }
        text = ""
    }
}
