import Foundation
import Testing
@testable import ConveneCore

/// The JSON reader and writer on their own: RFC 8259 syntax, escapes, numbers, and where errors
/// are reported.
@Suite("Records: the JSON reader and writer")
struct JSONReaderWriterTests {
    static func value(_ text: String) throws -> JSONValue { try JSONReader.value(Data(text.utf8)) }

    /// The error a document gives, or nil when it reads.
    static func error(_ bytes: [UInt8]) -> JSONError? {
        do {
            _ = try JSONReader.value(Data(bytes))
            return nil
        } catch {
            return error as? JSONError
        }
    }

    static func error(_ text: String) -> JSONError? { error(Array(text.utf8)) }

    @Test func readsEveryKindOfValueInOrder() throws {
        let text = " {\"a\" :[1, -0.5e+10, 0, -0, 2E3, true,false , null,\"x\"],\r\n\t\"b\":{}, \"c\": [], \"a\": \"again\"} "
        #expect(try Self.value(text) == .object([
            .init(key: "a", value: .array([.number("1"), .number("-0.5e+10"), .number("0"), .number("-0"), .number("2E3"),
                                           .bool(true), .bool(false), .null, .string("x")])),
            .init(key: "b", value: .object([])),
            .init(key: "c", value: .array([])),
            .init(key: "a", value: .string("again")),
        ]))
        #expect(try Self.value(text)["a"] == .array([.number("1"), .number("-0.5e+10"), .number("0"), .number("-0"), .number("2E3"),
                                                    .bool(true), .bool(false), .null, .string("x")]))
        // RFC 8259 allows any value at the top.
        #expect(try Self.value("3") == .number("3"))
        #expect(try Self.value(" \"top\" ") == .string("top"))
        #expect(try Self.value("null") == .null)
    }

    @Test func decodesEveryEscapeAndSurrogatePairs() throws {
        let text = #""\"\\\/\b\f\n\r\t\u0041\u00e9\u0627\u09AC\ud83d\ude00\u0000 done""#
        #expect(try Self.value(text) == .string("\"\\/\u{8}\u{C}\n\r\tAéاব😀\u{0} done"))
        // Raw UTF-8 is kept as it is: Arabic, Bengali, emoji with joiners and flags.
        let raw = "اجتماع المجلس · সভা · 👩‍👩‍👧 🇺🇬 · e\u{301}"
        #expect(try Self.value("\"" + raw + "\"") == .string(raw))
        // An escaped key is still the key.
        #expect(try Self.value(#"{"\u0061b": 1}"#)["ab"] == .number("1"))
    }

    @Test func aByteOrderMarkAtTheStartIsSkipped() throws {
        #expect(try JSONReader.value(Data([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))) == .array([.number("1")]))
    }

    /// Each broken document, with the line and column of the fault and a word of the message.
    @Test(arguments: [
        ("", 1, 1, "expected a value, found the end of the file"),
        ("{\"a\": 1,\n \"b\": 2", 2, 8, "expected ',' or '}'"),                // truncated
        ("[1, 2]\n]", 2, 1, "unexpected ']' after the end of the document"), // trailing garbage
        ("{}\n\n  x", 3, 3, "unexpected 'x'"),
        ("[\"ok\",\n \"a\\qb\"]", 2, 4, "unknown escape '\\q'"),
        ("[\"\\u12G4\"]", 1, 3, "four hex digits"),
        ("[\"\\ud83d\"]", 1, 3, "surrogate pair"),
        ("[\"\\ude00\\ud83d\"]", 1, 3, "second half of a surrogate pair"),
        ("[\"\\ud83d\\u0041\"]", 1, 3, "surrogate pair"),
        ("[\"tab\there\"]", 1, 6, "control character (U+0009)"),
        ("[\"line\nbreak\"]", 1, 7, "control character (U+000A)"),
        ("[\"unterminated]", 1, 16, "the file ends inside a string"),
        ("{\"a\": 1,}", 1, 9, "expected a key in double quotes, found '}'"),       // trailing comma
        ("[1,]", 1, 4, "expected a value, found ']'"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("{'a': 1}", 1, 2, "expected a key in double quotes, found '''"),
        ("{\"a\" 1}", 1, 6, "expected ':' after the key"),
        ("[01]", 1, 2, "leading zeros"),
        ("[-]", 1, 3, "expected a digit after '-'"),
        ("[1.]", 1, 4, "expected a digit after the decimal point"),
        ("[1e+]", 1, 5, "expected a digit in the exponent"),
        ("[+1]", 1, 2, "expected a value, found '+'"),
        ("[.5]", 1, 2, "expected a value, found '.'"),
        ("[NaN]", 1, 2, "expected a value, found 'N'"),
        ("[tru]", 1, 2, "expected true"),
        ("[nul", 1, 2, "expected null"),
        ("// comment\n{}", 1, 1, "expected a value, found '/'"),
        ("\u{0C}[]", 1, 1, "expected a value, found a control character (U+000C)"),
        ("\u{A0}[]", 1, 1, "a non-ASCII character"),
        ("[\"é\", \"x\" 1]", 1, 11, "expected ',' or ']'"),  // columns count characters, not bytes
    ])
    func brokenDocumentsSayWhereAndWhat(text: String, line: Int, column: Int, message: String) throws {
        let error = try #require(Self.error(text), "\(text.debugDescription) was accepted")
        #expect((error.line, error.column) == (line, column), "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test func invalidUTF8InAStringIsRefusedWhereItStands() throws {
        for bad: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            let error = try #require(Self.error(Array("[\n  \"ab".utf8) + bad + Array("\"]".utf8)), "\(bad) was accepted")
            #expect((error.line, error.column) == (2, 6), "\(bad): \(error)")
            #expect(error.message.contains("invalid UTF-8"))
        }
    }

    @Test func nestingIsLimitedButDeepEnoughForAnyRecord() throws {
        #expect(try Self.value(String(repeating: "[", count: 512) + String(repeating: "]", count: 512)) != .null)
        let error = try #require(Self.error(String(repeating: "[", count: 513) + String(repeating: "]", count: 513)))
        #expect(error.message.contains("nested deeper than 512"))
    }

    @Test func wholeNumbersAreReadExactly() throws {
        func int(_ text: String) throws -> Int64 { try JSONReader.read(Data(text.utf8)) { try $0.readInt64() } }
        #expect(try int("0") == 0)
        #expect(try int("-0") == 0)
        #expect(try int("9223372036854775807") == .max)
        #expect(try int("-9223372036854775808") == .min)
        #expect(try int("1.0") == 1)   // JSONDecoder accepts these for Int too
        #expect(try int("1e3") == 1000)
        #expect(try int("2.50E1") == 25)
        #expect(try int("1000000000000000000e-18") == 1)
        #expect(try int("-12.3400e2") == -1234)
        #expect(try int("0.000e999999999") == 0)
        for (text, message) in [("9223372036854775808", "too large"), ("-9223372036854775809", "too large"),
                                ("1e19", "too large"), ("1.5", "expected a whole number, found 1.5"),
                                ("1e-1", "expected a whole number"), ("\"1\"", "expected a whole number, found a string"),
                                ("true", "expected a whole number, found true")] {
            let error = #expect(throws: JSONError.self, "\(text)") { try int(text) }
            #expect(error?.message.contains(message) == true, "\(text): \(String(describing: error))")
        }
    }

    /// Strings the writer must escape, keep, or leave alone.
    static let awkward = ["", "plain", "quote \" backslash \\ slash / done", "tab\tnewline\nreturn\r", "\u{0}\u{1}\u{8}\u{C}\u{1B}\u{1F}\u{7F}",
                          "اجتماع المجلس البلدي", "জাতীয় স্থানীয় সরকার সভা", "emoji 😀 👩‍👩‍👧 🇺🇬", "\u{2028}\u{2029}\u{FEFF}", "e\u{301} é", "\u{10FFFF}"]

    @Test func theWriterEscapesOnlyWhatJSONRequires() throws {
        var writer = JSONWriter()
        writer.beginArray()
        for text in Self.awkward { writer.string(text) }
        writer.endArray()
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"["","plain","quote \" backslash \\ slash / done","tab\tnewline\nreturn\r","\u0000\u0001\b\f\u001b\u001f"#))
        #expect(text.contains("\u{7F}"))
        #expect(text.contains("\"اجتماع المجلس البلدي\""))
        #expect(text.contains("\"emoji 😀 👩‍👩‍👧 🇺🇬\""))
        #expect(!text.contains("\\/") && !text.contains("\\u2028"))
        // Someone else's parser reads the same strings back, and so does ours.
        #expect(try JSONDecoder().decode([String].self, from: Data(writer.bytes)) == Self.awkward)
        #expect(try JSONReader.value(Data(writer.bytes)) == .array(Self.awkward.map(JSONValue.string)))
    }

    @Test func aValueTreeWrittenAndReadIsTheSame() throws {
        let tree = JSONValue.object([
            .init(key: "numbers", value: .array([.number("0"), .number("-12"), .number("3.25e-7"), .number("9223372036854775807")])),
            .init(key: "flags", value: .array([.bool(true), .bool(false), .null])),
            .init(key: "text", value: .array(Self.awkward.map(JSONValue.string))),
            .init(key: "nested", value: .object([.init(key: "ключ", value: .object([.init(key: "", value: .array([]))]))])),
        ])
        var writer = JSONWriter()
        writer.value(tree)
        #expect(try JSONReader.value(Data(writer.bytes)) == tree)
        #expect(try JSONSerialization.jsonObject(with: Data(writer.bytes)) is [String: Any])
    }

    @Test func dictionaryKeysAreSortedByCodePoint() {
        let sorted = JSONWriter.sortedKeys(["event-9": 1, "event-10": 2, "Event-2": 3, "_x": 4, "éa": 5, "za": 6, "z": 7, "e\u{301}": 8, "": 9])
        #expect(sorted == ["", "Event-2", "_x", "event-10", "event-9", "e\u{301}", "z", "za", "éa"])  // code point order
    }
}
