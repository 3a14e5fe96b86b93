import Foundation
import Testing
@testable import ConveneCore

/// The one atomic file writer and the one id-to-file-name function.
@Suite("Safety: atomic files and safe names")
struct AtomicFileTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("convene-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: ["uganda-roundtable-2024", "a.b_c-d", "event@ws.convene", "X1"])
    func idsBecomeFileNames(id: String) throws {
        #expect(try SafeFileName.make(id, suffix: ".ics") == id + ".ics")
    }

    @Test(arguments: ["", "..", "../x", "a/b", "a..b", ".hidden", "-x", "a\u{0}b", "a\nb", "é", "a b", String(repeating: "a", count: 201)])
    func anythingElseIsRefused(id: String) {
        #expect(throws: UnsafeNameError.self) { try SafeFileName.make(id, suffix: ".ics") }
    }

    /// A link planted at the name the writer used to use (`.NAME.PID.tmp`) must not be followed.
    @Test func aLinkPlantedAtAPredictableTemporaryNameIsNotFollowed() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let victim = root.appendingPathComponent("victim.txt")
        try Data("untouched".utf8).write(to: victim)
        let records = root.appendingPathComponent("records")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        for name in [".data.json.\(getpid()).tmp", ".data.json.tmp", "data.json"] {
            try FileManager.default.createSymbolicLink(at: records.appendingPathComponent(name), withDestinationURL: victim)
        }
        try AtomicFile.writeIfChanged(Data("new".utf8), to: "records/data.json", in: root)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "untouched")
        // The link at the target name itself is replaced by the file, not written through.
        let attributes = try FileManager.default.attributesOfItem(atPath: records.appendingPathComponent("data.json").path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(try String(contentsOf: records.appendingPathComponent("data.json"), encoding: .utf8) == "new")
    }

    @Test func aSymbolicLinkedFolderBelowTheRootIsRefused() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let elsewhere = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("records"), withDestinationURL: elsewhere)
        #expect(throws: WriteError.self) { try AtomicFile.writeIfChanged(Data("x".utf8), to: "records/data.json", in: root) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func unchangedBytesLeaveTheFileAloneAndChangedOnesReplaceIt() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try AtomicFile.writeIfChanged(Data("one".utf8), to: "a/b.json", in: root))
        #expect(try !AtomicFile.writeIfChanged(Data("one".utf8), to: "a/b.json", in: root))
        #expect(try AtomicFile.writeIfChanged(Data("two".utf8), to: "a/b.json", in: root))
        #expect(try String(contentsOf: root.appendingPathComponent("a/b.json"), encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("a").path) == ["b.json"])
        #expect(try !AtomicFile.writeIfChanged(Data(), to: "c/d.json", in: root, skipEmpty: true))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("c").path))
    }

    /// A file given in pieces (the export history, as it is encoded) is their bytes one after
    /// another, wherever the pieces and the writer's 1 MiB blocks break; the same bytes cut
    /// elsewhere leave it alone, and one byte changed anywhere replaces it.
    @Test func piecesAreWrittenOneAfterAnother() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let whole = Data((0..<(3 << 20) + 77).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 11) })
        let cuts = [0, 5, (1 << 20) + 3, (1 << 20) + 3, (2 << 20) - 1, whole.count]
        let pieces = zip(cuts, cuts.dropFirst()).map { Data(whole[$0..<$1]) }
        #expect(try AtomicFile.writeIfChanged(pieces: pieces, to: "records/big.json", in: root))
        #expect(try Data(contentsOf: root.appendingPathComponent("records/big.json")) == whole)
        #expect(try !AtomicFile.writeIfChanged(pieces: [whole[..<100], whole[100...]].map { Data($0) }, to: "records/big.json", in: root))
        var changed = whole
        changed[(2 << 20) + 9] ^= 0xFF
        #expect(try AtomicFile.writeIfChanged(pieces: [changed], to: "records/big.json", in: root))
        #expect(try Data(contentsOf: root.appendingPathComponent("records/big.json")) == changed)
    }

    @Test func aRelativePathThatClimbsOutIsRefused() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: WriteError.self) { try AtomicFile.writeIfChanged(Data("x".utf8), to: "../escaped.json", in: root) }
        #expect(!FileManager.default.fileExists(atPath: root.deletingLastPathComponent().appendingPathComponent("escaped.json").path))
    }

    @Test func aWriteErrorNamesTheFileAndTheReason() {
        let error = WriteError(path: "ws/records/attendance.json", action: "write", code: ENOSPC)
        #expect(error.description.contains("ws/records/attendance.json"))
        #expect(error.description.contains("No space left on device"))
        #expect(error.description.contains("free some space"))
    }

    @Test func controlCharactersAreShownEscapedOnTheTerminal() {
        #expect(TerminalText.escaped("Ada \u{1B}]0;owned\u{07} Lovelace\r\n") == "Ada \\x1B]0;owned\\x07 Lovelace\\r\\n")
        #expect(TerminalText.escaped("abc\u{202E}def\u{9B}") == "abc\\u{202E}def\\u{9B}")
        #expect(TerminalText.escaped("Zoë Ødegaard") == "Zoë Ødegaard")
    }
}
