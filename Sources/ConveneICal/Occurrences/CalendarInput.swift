import Foundation
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// The text of one calendar file, named as the user gave it (the name appears in every message).
public struct CalendarInput: Sendable, Hashable {
    /// The file name or path shown in messages.
    public var name: String
    /// The raw bytes (UTF-8 iCalendar text).
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// Reads `path`: a file, or a folder whose `.ics` files (a vdir) are read in name order.
    public static func read(_ path: String) throws(ICalError) -> [CalendarInput] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ICalError(.unreadable, file: path, message: "no such file or folder",
                            hint: "Check the path; pass one or more .ics files or folders of them.")
        }
        if !isFolder.boolValue { return [try readFile(path)] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { $0.lowercased().hasSuffix(".ics") }.sorted()
        } catch {
            throw ICalError(.unreadable, file: path, message: "cannot list the folder: \(error.localizedDescription)",
                            hint: "Check the folder's permissions.")
        }
        guard !names.isEmpty else {
            throw ICalError(.unreadable, file: path, message: "the folder holds no .ics files",
                            hint: "Pass .ics files, or a folder of them (one event per file, as in a vdir).")
        }
        let folder = URL(fileURLWithPath: path)
        var inputs: [CalendarInput] = []
        for name in names {
            inputs.append(try readFile(folder.appendingPathComponent(name).path))
        }
        return inputs
    }

    /// Reads a whole file straight into a byte array (no intermediate `Data`); works for pipes too.
    private static func readFile(_ path: String) throws(ICalError) -> CalendarInput {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw readError(path, "cannot open the file") }
        defer { close(descriptor) }
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 ? max(0, Int(status.st_size)) : 0
        var bytes: [UInt8] = []
        var capacity = max(expected + 1, 64 << 10)
        while true {
            let filled = bytes.count
            if filled == capacity { capacity *= 2 }
            var failed = false
            let more = [UInt8](unsafeUninitializedCapacity: capacity - filled) { buffer, count in
                count = 0
                while count < buffer.count {
                    let got = systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
                    if got < 0 && errno == EINTR { continue }
                    if got < 0 { failed = true }
                    if got <= 0 { break }
                    count += got
                }
            }
            if failed { throw readError(path, "cannot read the file") }
            if bytes.isEmpty { bytes = more } else { bytes += more }
            if bytes.count < capacity { break }
        }
        return CalendarInput(name: path, bytes: bytes)
    }

    private static func readError(_ path: String, _ what: String) -> ICalError {
        ICalError(.unreadable, file: path, message: "\(what): \(String(cString: strerror(errno)))",
                  hint: "Check that the file exists, is complete and is readable.")
    }
}
