import Foundation
import Testing
@testable import ConveneDAV

/// Where credentials come from, and which addresses are refused before any request.
struct ServerAccountTests {
    @Test func userFromURLPasswordFromEnvironmentNeverInTheURL() throws {
        let account = try ServerAccount(url: "https://alice@dav.example.org/cal/", user: nil,
                                        environment: [ServerAccount.passwordVariable: "s3cret"], netrc: nil)
        #expect(account.user == "alice")
        #expect(account.url.absoluteString == "https://dav.example.org/cal/")
        #expect(account.authorization == "Basic " + Data("alice:s3cret".utf8).base64EncodedString())
        #expect(!account.description.contains("s3cret") && !account.description.contains("alice"))
    }

    @Test func schemeDefaultsToHTTPS() throws {
        let account = try ServerAccount(url: "dav.example.org/cal/", user: "bob", environment: [:], netrc: nil)
        #expect(account.url.scheme == "https")
        #expect(account.authorization == nil, "no password anywhere")
    }

    @Test func refusesPasswordInURLPlainHTTPElsewhereAndTwoUsers() {
        #expect(throws: DAVError.self) { try ServerAccount(url: "https://a:pw@h.example/", user: nil, environment: [:], netrc: nil) }
        #expect(throws: DAVError.self) { try ServerAccount(url: "http://h.example/", user: nil, environment: [:], netrc: nil) }
        #expect(throws: DAVError.self) { try ServerAccount(url: "https://a@h.example/", user: "b", environment: [:], netrc: nil) }
        #expect(throws: DAVError.self) { try ServerAccount(url: "ftp://h.example/", user: nil, environment: [:], netrc: nil) }
        #expect(throws: Never.self) { try ServerAccount(url: "http://h.example/", user: nil, allowInsecureHTTP: true, environment: [:], netrc: nil) }
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "[::1]"] {
            #expect(throws: Never.self) { try ServerAccount(url: "http://\(host):5232/", user: nil, environment: [:], netrc: nil) }
        }
    }

    @Test func netrcGivesLoginAndPasswordForTheHost() throws {
        let text = """
            machine other.example login x password y
            machine dav.example.org
              login alice
              password pa55
            macdef init
            machine dav.example.org login mallory password stolen

            default login anon password guest
            """
        #expect(Netrc.entry(in: text, host: "DAV.example.org", user: nil) == Netrc.Entry(login: "alice", password: "pa55"))
        #expect(Netrc.entry(in: text, host: "dav.example.org", user: "bob") == nil, "neither alice's entry nor the default is bob's")
        #expect(Netrc.entry(in: text, host: "unknown.example", user: nil) == Netrc.Entry(login: "anon", password: "guest"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("netrc-\(UUID().uuidString)")
        try "machine h.example login carol password pw1\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let account = try ServerAccount(url: "https://h.example/", user: nil, environment: [:], netrc: file)
        #expect(account.user == "carol")
        #expect(account.hasPassword)
    }

    @Test func resourceNamesArePathSegmentsAndCalendarNamesSlugs() {
        #expect(CalendarCollection.encode("a b/c@d.ics") == "a%20b%2Fc@d.ics")
        #expect(CalendarCollection.slug("Strong Cities: East/Africa") == "strong-cities--east-africa")
        #expect(CalendarCollection.slug("../..") == "convene")
        #expect(ServerAccount.redacted("https://a:b@h/x") == "https://***@h/x")
    }
}
