import ConveneCore
import Foundation

/// One message read from a file, an mbox or a Maildir, with where it came from.
public struct MailMessage: Sendable, Hashable {
    /// `reply.eml`, `Inbox.mbox#3` (third message), or the Maildir file's path.
    public var source: String
    public var bytes: [UInt8]

    public init(source: String, bytes: [UInt8]) {
        self.source = source
        self.bytes = bytes
    }
}

/// Reads messages from the files mail programs keep.
public enum MailSource {
    /// Whether a file is a mailbox of several messages (RFC 4155: it starts with a `From ` line).
    public static func isMbox(_ bytes: [UInt8]) -> Bool { bytes.starts(with: Array("From ".utf8)) }

    /// A file holding one message (`.eml`), or an mbox.
    public static func messages(inFile path: String) throws -> [MailMessage] {
        let bytes = try read(path)
        return isMbox(bytes) ? mbox(bytes, name: path) : [MailMessage(source: path, bytes: bytes)]
    }

    /// The messages of an mbox (RFC 4155): each starts at a `From ` line at the start of the file
    /// or after an empty line. Lines escaped as `>From ` (mboxrd) lose one `>`.
    public static func mbox(_ bytes: [UInt8], name: String) -> [MailMessage] {
        var messages: [MailMessage] = []
        var current: [UInt8] = []
        var inMessage = false
        var previousEmpty = true
        var lineStart = 0
        func finish() {
            if inMessage { messages.append(MailMessage(source: "\(name)#\(messages.count + 1)", bytes: current)) }
            current = []
        }
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 10).map { $0 + 1 } ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            if previousEmpty && line.starts(with: Array("From ".utf8)) {
                finish()
                inMessage = true
            } else if inMessage {
                var kept = line
                if let first = kept.firstIndex(where: { $0 != UInt8(ascii: ">") }), first > kept.startIndex,
                   kept[first...].starts(with: Array("From ".utf8)) {
                    kept = kept.dropFirst()
                }
                current += kept
            }
            previousEmpty = line.allSatisfy { $0 == 10 || $0 == 13 }
            lineStart = lineEnd
        }
        finish()
        return messages
    }

    /// Every message in a Maildir's `new/` and `cur/` (file names starting with a dot are
    /// skipped), in name order, which is delivery order. The Maildir is only read: nothing is
    /// moved or flagged.
    public static func maildir(_ path: String) throws -> [MailMessage] {
        let folder = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        let subfolders = ["new", "cur"]
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
              subfolders.allSatisfy({ FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }) else {
            throw InputError([Diagnostic(location: SourceLocation(file: path, line: 1),
                                         message: "this is not a Maildir (it needs the folders new/ and cur/)",
                                         hint: "Pass the Maildir folder itself (the one holding cur/, new/ and tmp/), e.g. ~/Maildir or ~/Maildir/.Replies.")])
        }
        var files: [(name: String, path: String)] = []
        for sub in subfolders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(sub).path)) ?? []
            for name in names where !name.hasPrefix(".") {
                files.append((name, folder.appendingPathComponent(sub).appendingPathComponent(name).path))
            }
        }
        return try files.sorted { $0.name < $1.name }.map { MailMessage(source: $0.path, bytes: try read($0.path)) }
    }

    private static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError([Diagnostic(location: SourceLocation(file: path, line: 1), message: "cannot read this mail file",
                                         hint: "Check the path and that you may read it.")])
        }
        return Array(data)
    }
}
