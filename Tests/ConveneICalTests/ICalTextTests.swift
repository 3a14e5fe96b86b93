import ConveneCore
import Testing
@testable import ConveneICal

/// The byte-level writer folds, escapes and hashes exactly as the string-level one: exported files
/// and the ledger's content hashes stay the same.
@Suite struct ICalTextTests {
    /// Lines of every length around the folding points, with one-, two-, three- and four-byte characters.
    static let samples: [String] = {
        let pieces = ["a", ";", ",", "\\", "\n", "\r", "\r\n", "é", "ü", "€", "✓", "𝄞", "😀", "\u{37E}", ";\u{301}", ",\u{301}", ":", "\"", "^", "\t"]
        var generator = SystemRandomNumberGenerator()
        var samples = ["", "plain", String(repeating: "x", count: 75), String(repeating: "x", count: 76),
                       String(repeating: "é", count: 40), String(repeating: "😀", count: 40), "a\r\nb", "a;\u{301}b", "\u{37E}\r\n"]
        for _ in 0..<400 {
            let count = Int.random(in: 0...220, using: &generator)
            samples.append((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        return samples
    }()

    /// The folding the writer used before it worked on bytes: count octets, fold before a
    /// character's first byte when it would not fit.
    static func foldedReference(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var count = 0
        for byte in text.utf8 {
            if (byte & 0xC0) != 0x80 {
                let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if count + length > 75 {
                    bytes += [0x0D, 0x0A, 0x20]
                    count = 1
                }
            }
            bytes.append(byte)
            count += 1
        }
        return bytes + [0x0D, 0x0A]
    }

    @Test func foldsAsBefore() {
        for sample in Self.samples {
            var text = ICalText()
            text.append(line: sample)
            #expect(text.bytes == Self.foldedReference(sample), "\(sample.debugDescription)")
        }
    }

    @Test func escapesAsTheStringVersion() {
        for sample in Self.samples {
            var bytes: [UInt8] = []
            ICalText.appendEscaped(sample, to: &bytes)
            #expect(bytes == Array(ICalText.escape(sample).utf8), "\(sample.debugDescription)")
        }
    }

    /// RFC 5545 §3.3.11 on the texts that look like one character but are two scalars: a CR LF
    /// line break, and a mark combined onto a semicolon or comma. No raw line break may stay in a
    /// content line, and what Python icalendar reads back is the text.
    @Test(arguments: [("a\r\nb", "a\\nb"), ("a;\u{301}b", "a\\;\u{301}b"), (",\u{301}", "\\,\u{301}"),
                      ("\r\n\r\n", "\\n\\n"), ("a\rb", "a\\nb"), ("a\nb\\", "a\\nb\\\\")])
    func escapesEveryScalar(text: String, escaped: String) {
        #expect(ICalText.escape(text) == escaped)
        var bytes: [UInt8] = []
        ICalText.appendEscaped(text, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == escaped)
        #expect(!bytes.contains(0x0D) && !bytes.contains(0x0A))
    }

    @Test func quotesAndCleansParameterValues() {
        #expect(ICalText.parameterValue("Aino Virtanen") == "Aino Virtanen")
        #expect(ICalText.parameterValue("mailto:a@b.example") == "\"mailto:a@b.example\"")
        #expect(ICalText.parameterValue("Say \"hi\"^\tthere") == "Say 'hi'  there")
        #expect(ICalText.parameterValue("Ministry; Interior") == "\"Ministry; Interior\"")
    }

    @Test func hashesAsStableHash() {
        for sample in Self.samples {
            var lines = ContentLines()
            lines.line("SUMMARY", raw: sample)
            lines.line("DESCRIPTION", raw: sample)
            #expect(lines.contentHash == StableHash.hex("SUMMARY:" + sample + "\nDESCRIPTION:" + sample), "\(sample.debugDescription)")
        }
    }
}
