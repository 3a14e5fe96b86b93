import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ConveneDAV

/// The multistatus reader on answers as Radicale 3.1.8 and Xandikos 0.2.8 give them (captured
/// from the servers; prefixes and layout differ).
struct MultiStatusTests {
    @Test func readsRadicaleSyncCollectionWithTokenEtagsAndRemovals() throws {
        let body = """
            <?xml version='1.0' encoding='utf-8'?>
            <multistatus xmlns="DAV:"><sync-token>http://radicale.org/ns/sync/9f82</sync-token><response><href>/alice/cal/a%40x.convene.ics</href><propstat><prop><getetag>"a229b9"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response><response><href>/alice/cal/gone.ics</href><status>HTTP/1.1 404 Not Found</status></response></multistatus>
            """
        let status = try MultiStatus.parse(Data(body.utf8))
        #expect(status.syncToken == "http://radicale.org/ns/sync/9f82")
        #expect(status.responses.count == 2)
        #expect(status.responses[0].text(MultiStatus.dav("getetag")) == "\"a229b9\"")
        #expect(status.responses[0].status == nil)
        #expect(status.responses[1].status == 404)
        let collection = CalendarCollection(url: URL(string: "http://127.0.0.1:5232/alice/cal/")!, displayName: nil, created: false)
        #expect(collection.memberName(status.responses[0].href) == "a@x.convene.ics")
        #expect(collection.memberName("/alice/other/a.ics") == nil)
        #expect(collection.memberName("/alice/cal/") == nil)
    }

    @Test func readsXandikosPropfindWithPrefixesResourceTypesAndHomeSet() throws {
        let body = """
            <?xml version="1.0" encoding="utf-8"?>
            <ns0:multistatus xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:caldav"><ns0:response><ns0:href>/user/</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns1:calendar-home-set><ns0:href>/user/calendars/</ns0:href></ns1:calendar-home-set><ns0:resourcetype><ns0:principal/><ns0:collection/></ns0:resourcetype></ns0:prop></ns0:propstat><ns0:propstat><ns0:status>HTTP/1.1 404 Not Found</ns0:status><ns0:prop><ns0:displayname/></ns0:prop></ns0:propstat></ns0:response></ns0:multistatus>
            """
        let status = try MultiStatus.parse(Data(body.utf8))
        let response = try #require(status.responses.first)
        #expect(response.href == "/user/")
        #expect(response.href(MultiStatus.caldav("calendar-home-set")) == "/user/calendars/")
        #expect(response.properties[MultiStatus.dav("resourcetype")]?.children == [MultiStatus.dav("principal"), MultiStatus.dav("collection")])
        #expect(response.properties[MultiStatus.dav("displayname")] == nil, "a 404 propstat gives no property")
    }

    @Test func keepsCalendarDataTextWithEscapedMarkup() throws {
        let body = """
            <d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:response><d:href>/c/e.ics</d:href><d:propstat><d:prop><c:calendar-data>BEGIN:VCALENDAR\r
            SUMMARY:Tea &amp; talks &lt;draft&gt;\r
            END:VCALENDAR\r
            </c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>
            """
        let data = try #require(try MultiStatus.parse(Data(body.utf8)).responses.first?.text(MultiStatus.caldav("calendar-data")))
        #expect(data.contains("SUMMARY:Tea & talks <draft>"))
        #expect(data.hasPrefix("BEGIN:VCALENDAR") && data.hasSuffix("END:VCALENDAR"))
    }

    @Test func refusesWhatIsNotAMultiStatus() {
        #expect(throws: MultiStatusError.self) { try MultiStatus.parse(Data("<html><body>Login</body></html>".utf8)) }
        #expect(throws: MultiStatusError.self) { try MultiStatus.parse(Data("<d:multistatus xmlns:d=\"DAV:\"><d:response>".utf8)) }
    }

    @Test func requestBodiesEscapeValuesAndDeclareNamespaces() throws {
        let body = String(decoding: RequestBodies.mkcalendar(displayName: "R&D <east>"), as: UTF8.self)
        #expect(body.contains("R&amp;D &lt;east&gt;"))
        #expect(body.contains("xmlns:c=\"urn:ietf:params:xml:ns:caldav\""))
        // Our own reader reads it back as XML.
        let parser = XMLParser(data: RequestBodies.syncCollection(token: "t<1>"))
        #expect(parser.parse())
    }
}
