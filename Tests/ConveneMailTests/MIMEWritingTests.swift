import ConveneCore
import ConveneMail
import Foundation
import Testing

/// Writing mail: what we write reads back the same through our reader (Python's `email` reads
/// it in the end-to-end tests), lines stay within RFC 5322's limits, and no value can inject a
/// header field.
@Suite("MIME writing")
struct MIMEWritingTests {
    func sample(name: String = "Régina Bakitté", subject: String = "Invitation: ESA roundtable") -> OutgoingMessage {
        let calendar = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Réunion à Kampala\r\nEND:VCALENDAR\r\n"
        let body = OutgoingPart.multipart("mixed", [
            .multipart("alternative", [
                .text("Bonjour,\nvous êtes invitée.\n", subtype: "plain"),
                .text(calendar, subtype: "calendar", parameters: [("method", "REQUEST")]),
            ]),
            .attachment(Array(calendar.utf8), type: "application/ics", fileName: "invite.ics"),
        ])
        return OutgoingMessage(headers: [
            HeaderField(name: "From", value: MailAddress(name: "Strong Cities Network", email: "convenings@strongcities.example").header),
            HeaderField(name: "To", value: MailAddress.list([MailAddress(name: name, email: "regina@nansana.example"),
                                                            MailAddress(name: "Smith, John", email: "john@x.example")])),
            HeaderField(name: "Subject", value: EncodedWord.encode(subject)),
        ], body: body)
    }

    @Test func whatWeWriteReadsBack() {
        let message = sample()
        let read = MIMEEntity.parse(message.bytes[...])
        #expect(EncodedWord.decode(read.header("To") ?? "") == #"Régina Bakitté <regina@nansana.example>, "Smith, John" <john@x.example>"#)
        #expect(read.header("MIME-Version") == "1.0")
        let leaves = read.leaves()
        #expect(leaves.map(\.contentType.value) == ["text/plain", "text/calendar", "application/ics"])
        #expect(leaves[0].text == "Bonjour,\r\nvous êtes invitée.\r\n")
        #expect(leaves[1].contentType.parameters["method"] == "REQUEST")
        #expect(leaves[1].text == leaves[2].text)
        #expect(leaves[2].fileName == "invite.ics")
        #expect(leaves[1].text.contains("SUMMARY:Réunion à Kampala"))
    }

    @Test func theSameMessageIsAlwaysWrittenTheSameWay() {
        #expect(sample().bytes == sample().bytes)
        #expect(sample().bytes != sample(name: "Someone Else").bytes)
    }

    @Test func linesStayShortAndBreaksAreCRLF() {
        let long = String(repeating: "Roundtable on local government ", count: 8)
        let bytes = sample(subject: long).bytes
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
        #expect(bytes.allSatisfy { $0 < 128 }, "8-bit data must be transfer-encoded")
        #expect(EncodedWord.decode(MIMEEntity.parse(bytes[...]).header("Subject") ?? "") == long.trimmingCharacters(in: .whitespaces))
    }

    @Test func aLineBreakInAValueCannotAddAHeaderField() {
        let bytes = sample(subject: "Hello\r\nBcc: victim@example.com").bytes
        let read = MIMEEntity.parse(bytes[...])
        #expect(read.header("Bcc") == nil)
        #expect(EncodedWord.decode(read.header("Subject") ?? "") == "Hello  Bcc: victim@example.com")
    }

    @Test func theBoundaryNeverOccursInAPart() {
        let message = sample()
        let text = String(decoding: message.bytes, as: UTF8.self)
        let type = MIMEEntity.parse(message.bytes[...]).contentType
        let boundary = type.parameters["boundary"] ?? ""
        #expect(!boundary.isEmpty)
        #expect(text.components(separatedBy: "--" + boundary).count == 4)  // three delimiters and the closing one
    }

    @Test(arguments: [
        ("msmtp -t", ["msmtp", "-t"]),
        (#"msmtp -t --account="work mail" -C '/etc/my msmtprc'"#, ["msmtp", "-t", "--account=work mail", "-C", "/etc/my msmtprc"]),
        (#"/usr/sbin/sendmail   -t -oi  a\ b"#, ["/usr/sbin/sendmail", "-t", "-oi", "a b"]),
        (#"prog "" x"#, ["prog", "", "x"]),
    ])
    func sendmailCommandsSplitLikeAShell(_ line: String, _ words: [String]) throws {
        #expect(try CommandWords.split(line) == words)
    }

    @Test func anUnclosedQuoteIsBadInput() {
        #expect(throws: (any Error).self) { try CommandWords.split("msmtp -t 'oops") }
        #expect(throws: (any Error).self) { try CommandWords.split("   ") }
    }
}

/// The tool-owned record files of mail.
@Suite("Mail records")
struct MailRecordTests {
    @Test func aDamagedSentLogIsReportedWithItsLine() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("sent-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let record = SentRecord(eventID: "e", uid: "e@w.convene", sequence: 2, method: "REQUEST", messageID: "<m@x>",
                                recipients: ["a@b.example"], sentAt: "2026-01-01T00:00:00Z", transport: "sendmail")
        try SentLog(records: [record, record]).save(workspace: workspace)
        let file = workspace.appendingPathComponent("records/sent.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 4)
        #expect(try SentLog.load(workspace: workspace).records == [record, record])
        try text.replacingOccurrences(of: "\"}\n]", with: "\"\n]").write(to: file, atomically: true, encoding: .utf8)
        #expect {
            try SentLog.load(workspace: workspace)
        } throws: { error in
            (error as? InputError)?.diagnostics.first?.location.line == 3
        }
    }

    @Test(arguments: [("a@b.example", true), ("Regina.Bakitte+nlc@nansana.example", true), ("a@b.example, c@d.example", false),
                      ("a@b@c", false), ("@b.example", false), ("a b@c.example", false), ("a@b.example\r\nBcc: x@y", false), ("<a@b.example>", false)])
    func onlyPlainAddressesGoInAHeader(_ email: String, _ plain: Bool) {
        #expect(MailAddress.isPlain(email) == plain)
    }
}
