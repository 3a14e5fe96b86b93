import ConveneMail
import Foundation
import Testing

/// Reading mail: RFC 5322 header fields, RFC 2045/2046 structure and transfer encodings,
/// RFC 2047 encoded words, RFC 2231 parameters, and the mailbox formats.
@Suite("MIME reading")
struct MIMEReadingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/mail")

    func parse(_ text: String) -> MIMEEntity { MIMEEntity.parse(Array(text.utf8)[...]) }

    @Test func headerFieldsAreUnfoldedAndNamesCompareWithoutCase() {
        let message = parse("Subject: a long\r\n subject\r\n\tfolded\r\ncontent-TYPE: text/plain\r\n\r\nbody")
        #expect(message.header("subject") == "a long subject\tfolded")
        #expect(message.contentType.value == "text/plain")
        #expect(String(decoding: message.decodedBody, as: UTF8.self) == "body")
    }

    @Test func aPartWithoutContentTypeIsPlainASCIIText() {
        let message = parse("From: a@b.example\n\nhello\n")
        #expect(message.contentType == ContentType(value: "text/plain", parameters: ["charset": "us-ascii"]))
    }

    /// RFC 2047 §8's examples, and the space rule between adjacent encoded words (§6.2).
    @Test(arguments: [
        ("=?ISO-8859-1?Q?a?=", "a"),
        ("=?ISO-8859-1?Q?a?= b", "a b"),
        ("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=", "ab"),
        ("=?ISO-8859-1?Q?a?=  \r\n  =?ISO-8859-1?Q?b?=", "ab"),
        ("=?ISO-8859-1?Q?a_b?=", "a b"),
        ("=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=", "a b"),
        ("=?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>", "Keith Moore <moore@cs.utk.edu>"),
        ("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=", "Keld Jørn Simonsen"),
        ("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard"),
        ("=?utf-8?b?UsOpZ2luYSBCYWtpdHTDqQ==?=", "Régina Bakitté"),
        ("=?UTF-8*fr?B?UsOpZ2luYQ?=", "Régina"),  // RFC 2231 §5 language, unpadded base64
        ("=?UTF-8?Q?broken=Z?= stays", "=?UTF-8?Q?broken=Z?= stays"),
    ])
    func encodedWordsDecode(_ written: String, _ meant: String) {
        #expect(EncodedWord.decode(written) == meant)
    }

    @Test(arguments: ["Régina Bakitté", "Ministère de l'Intérieur et des Outre-mer, Direction générale des collectivités locales",
                      "Министерство внутренних дел", "وزارة الداخلية", "Plain ASCII name"])
    func encodedWordsRoundTripAndStayShort(_ text: String) {
        let encoded = EncodedWord.encode(text)
        #expect(EncodedWord.decode(encoded) == text)
        for word in encoded.split(separator: " ") where word.hasPrefix("=?") {
            #expect(word.count <= 75, "\(word) is longer than RFC 2047 allows")
        }
        #expect(encoded.utf8.allSatisfy { $0 < 128 })
    }

    @Test func contentTypeParametersQuotedCommentedAndContinued() {
        let type = ContentType.parse(#"Text/Calendar (iTIP); method="REPLY"; charset=UTF-8 (the usual); name="a \"b\";c.ics""#)
        #expect(type.value == "text/calendar")
        #expect(type.parameters["method"] == "REPLY")
        #expect(type.parameters["charset"] == "UTF-8")
        #expect(type.parameters["name"] == #"a "b";c.ics"#)
        // RFC 2231 §3 and §4: continuations, and a charset-encoded value split over two of them.
        let disposition = ContentType.parse("attachment; filename*0*=utf-8'fr'R%C3%A9ponse%20; filename*1=\"de R\u{e9}gina.ics\"")
        #expect(disposition.parameters["filename"] == "Réponse de Régina.ics")
        let single = ContentType.parse("attachment; filename*=iso-8859-1''R%E9ponse.ics")
        #expect(single.parameters["filename"] == "Réponse.ics")
    }

    @Test func quotedPrintableDecodesSoftBreaksHexAndTransportPadding() {
        let encoded = "caf=C3=A9 =\r\nau lait=20\r\nline two   \r\nbad =ZZ and =3d\r\n"
        #expect(String(decoding: QuotedPrintable.decode(Array(encoded.utf8)[...]), as: UTF8.self)
                == "café au lait \r\nline two\r\nbad =ZZ and =\r\n")
    }

    @Test(arguments: [
        "plain ascii\r\n",
        "trailing space \r\nand tab\t\r\n",
        "équipe = team; ligne très longue " + String(repeating: "é", count: 120) + "\r\nfin",
        "=== equals ===\r\n" + String(repeating: "x", count: 300),
        "Ligne\nwith LF only\n",
    ])
    func quotedPrintableRoundTripsWithShortLines(_ text: String) {
        let encoded = QuotedPrintable.encode(Array(text.utf8))
        for line in String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76)
            #expect(!(line.hasSuffix(" ") || line.hasSuffix("\t")))
        }
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        #expect(String(decoding: QuotedPrintable.decode(encoded[...]), as: UTF8.self) == normalised)
    }

    @Test func multipartBoundariesPreambleEpilogueAndPadding() {
        let message = parse("""
            Content-Type: multipart/mixed; boundary="outer"\r
            \r
            This is the preamble.\r
            --outer\r
            Content-Type: text/plain\r
            \r
            first\r
            --outer   \r
            Content-Type: multipart/alternative; boundary=inner\r
            \r
            --inner\r
            \r
            plain\r
            --inner\r
            Content-Type: text/calendar; method=REPLY\r
            Content-Transfer-Encoding: base64\r
            \r
            QkVHSU46
            VkNBTEVOREFS\r
            --inner--\r
            --outer--\r
            epilogue --outer\r
            """)
        let leaves = message.leaves()
        #expect(leaves.count == 3)
        #expect(leaves.map { String(decoding: $0.decodedBody, as: UTF8.self) } == ["first", "plain", "BEGIN:VCALENDAR"])
        #expect(leaves[2].contentType.parameters["method"] == "REPLY")
    }

    @Test func aMultipartWithoutItsClosingDelimiterEndsWithTheBody() {
        let message = parse("Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\n")
        #expect(message.leaves().map { String(decoding: $0.decodedBody, as: UTF8.self) } == ["one", "two\n"])
    }

    @Test func anEnclosedMessageIsReadToo() {
        let message = parse("""
            Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n\n\
            Subject: inner\nContent-Type: text/calendar; method=REPLY\nContent-Transfer-Encoding: quoted-printable\n\n\
            BEGIN:VCALENDAR=0D=0A\n--b--\n
            """)
        let leaves = message.leaves()
        #expect(leaves.count == 1)
        #expect(leaves[0].header("Subject") == "inner")
        #expect(String(decoding: leaves[0].decodedBody, as: UTF8.self) == "BEGIN:VCALENDAR\r\n")
    }

    @Test func nestingIsBounded() {
        var text = ""
        for depth in 0..<200 { text += "Content-Type: multipart/mixed; boundary=b\(depth)\n\n--b\(depth)\n" }
        text += "\nleaf\n"
        let message = parse(text)
        #expect(!message.leaves().isEmpty)
    }

    @Test func anOutlookReplyFixtureGivesItsCalendarAndLatin1Text() throws {
        let bytes = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("outlook-reply-inline-base64-latin1-text.eml")))
        let message = MIMEEntity.parse(bytes[...])
        #expect(EncodedWord.decode(message.header("From") ?? "") == "Régina Bakitté <regina.bakitte@nansana.example>")
        #expect(message.leaves().first?.text == "Régina has accepted. \r\nSee you in Kampala.\r\n")
        let calendars = CalendarParts.find(in: message)
        #expect(calendars.count == 1)
        #expect(calendars.first?.text.contains("CN=Régina Bakitté:mailto:regina.bakitte@nansana.example") == true)
        #expect(calendars.first?.number == 2)
    }

    /// Replies shaped by real mail programs (named by source and quirk): each gives exactly one
    /// calendar, decoded from its transfer encoding and charset.
    @Test(arguments: [
        ("outlook-reply-inline-base64-latin1-text", "PARTSTAT=ACCEPTED", "regina.bakitte@nansana.example"),
        ("python-email-gmail-shaped-reply-qp-calendar-plus-invite-ics", "PARTSTAT=DECLINED", "moses.kato@nctc-ug.example"),
        ("python-email-forwarded-reply-inside-message-rfc822", "PARTSTAT=TENTATIVE", "sarah.achieng@molg-ug.example"),
        ("python-email-calendar-only-as-latin1-8bit-attachment-rfc2231-name", "PARTSTAT=ACCEPTED", "regina.bakitte@nansana.example"),
    ])
    func realWorldRepliesGiveOneCalendar(_ name: String, _ partstat: String, _ address: String) throws {
        let bytes = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(name + ".eml")))
        let parts = CalendarParts.find(in: MIMEEntity.parse(bytes[...]))
        #expect(parts.count == 1)
        let text = (parts.first?.text ?? "").replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\n ", with: "")
        #expect(text.contains("METHOD:REPLY"))
        #expect(text.contains(partstat) && text.contains("mailto:" + address))
        #expect(text.contains("Régina Bakitté"), "the CN, decoded from the part's charset")
    }

    @Test func calendarPartsComeFromAttachmentsTooAndCountOnce() {
        let calendar = "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n"
        let base64 = Data(calendar.utf8).base64EncodedString()
        let message = parse("""
            Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n\
            --a\r\nContent-Type: text/plain\r\n\r\nhi\r\n--a\r\nContent-Type: text/calendar; method=REPLY\r\n\r\n\(calendar)\r\n--a--\r\n\
            --m\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename*=utf-8''r%C3%A9ponse.ics\r\n\
            Content-Transfer-Encoding: base64\r\n\r\n\(base64)\r\n--m\r\nContent-Type: application/pdf; name=agenda.pdf\r\n\r\nPDF\r\n--m--\r\n
            """)
        let parts = CalendarParts.find(in: message)
        #expect(parts.count == 1, "the attachment repeats the inline calendar")
        #expect(message.leaves()[2].fileName == "réponse.ics")
    }

    @Test func anMboxSplitsAtFromLinesAndUnescapesThem() {
        let mbox = "From a@b Tue Oct  1 08:00:00 2024\nSubject: one\n\n>From the start\n>>From deeper\nFrom inside a line is fine\n\n"
            + "From c@d Tue Oct  1 09:00:00 2024\nSubject: two\n\nbody\n"
        let messages = MailSource.mbox(Array(mbox.utf8), name: "box")
        #expect(messages.map(\.source) == ["box#1", "box#2"])
        let first = MIMEEntity.parse(messages[0].bytes[...])
        #expect(first.header("Subject") == "one")
        #expect(String(decoding: first.decodedBody, as: UTF8.self) == "From the start\n>From deeper\nFrom inside a line is fine\n\n")
    }

    @Test func aMaildirIsReadInDeliveryOrderAndLeftAsItWas() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for sub in ["tmp", "new", "cur"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try Data("Subject: b\n\n".utf8).write(to: folder.appendingPathComponent("new/1700000002.M2.host"))
        try Data("Subject: a\n\n".utf8).write(to: folder.appendingPathComponent("cur/1700000001.M1.host:2,S"))
        try Data("Subject: hidden\n\n".utf8).write(to: folder.appendingPathComponent("new/.partial"))
        try Data("Subject: unfinished\n\n".utf8).write(to: folder.appendingPathComponent("tmp/1700000003.M3.host"))
        let messages = try MailSource.maildir(folder.path)
        #expect(messages.map { MIMEEntity.parse($0.bytes[...]).header("Subject") } == ["a", "b"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("new").path).count == 2)
        #expect(throws: (any Error).self) { try MailSource.maildir(folder.appendingPathComponent("new").path) }
    }
}
