import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way Convene writes a file: a reader sees the old content or the new, never half of
/// either, and nothing outside the intended folder is touched.
///
/// The bytes go to a new temporary file beside the target, created with
/// `O_CREAT|O_EXCL|O_NOFOLLOW` under an unpredictable name (a link planted there is never
/// followed), are flushed to disk (`fsync`), renamed over the target, and the folder is flushed
/// so the rename itself survives a power cut. Folders below the root are entered without
/// following symbolic links (see ``SafeFolder``). A file whose bytes would not change is left
/// alone. A failure (full disk, read-only or forbidden folder) throws ``WriteError`` naming the
/// file, after removing the temporary file: the target keeps its old content.
public enum AtomicFile {
    /// Writes `data` to `relative` (e.g. `records/attendance.json`) below `root`, unless the file
    /// already holds exactly these bytes. With `skipEmpty`, a file that does not exist yet is not
    /// created. Returns whether the file was written.
    @discardableResult
    public static func writeIfChanged(_ data: Data, to relative: String, in root: URL, skipEmpty: Bool = false) throws(WriteError) -> Bool {
        try writeIfChanged(pieces: [data], to: relative, in: root, skipEmpty: skipEmpty)
    }

    /// ``writeIfChanged(_:to:in:skipEmpty:)`` for a file's bytes in pieces that follow one
    /// another, written as they are (not joined into one buffer first).
    @discardableResult
    public static func writeIfChanged(pieces: [Data], to relative: String, in root: URL, skipEmpty: Bool = false) throws(WriteError) -> Bool {
        try prepare(pieces: pieces, to: relative, in: root, skipEmpty: skipEmpty)?.finish() ?? false
    }

    /// Writes `data` to the file at `url` (its folder is taken as given, like an `--out` path).
    @discardableResult
    public static func write(_ data: Data, to url: URL) throws(WriteError) -> Bool {
        try writeIfChanged(data, to: url.lastPathComponent, in: url.deletingLastPathComponent())
    }

    /// Writes `data` as `name` in an open folder.
    @discardableResult
    public static func write(_ data: Data, name: String, in folder: SafeFolder, skipEmpty: Bool = false) throws(WriteError) -> Bool {
        try write(pieces: [data], name: name, in: folder, skipEmpty: skipEmpty)
    }

    /// Writes the pieces, one after another, as `name` in an open folder.
    @discardableResult
    public static func write(pieces: [Data], name: String, in folder: SafeFolder, skipEmpty: Bool = false) throws(WriteError) -> Bool {
        try prepare(pieces: pieces, name: name, in: folder, skipEmpty: skipEmpty)?.finish() ?? false
    }

    /// The first half of ``writeIfChanged(pieces:to:in:skipEmpty:)``: the bytes written to the
    /// temporary file (or found to match the file there), to take the file's place when the
    /// writer's `finish()` is called, not before. Nil when `skipEmpty` leaves the file uncreated.
    public static func prepare(pieces: [Data], to relative: String, in root: URL, skipEmpty: Bool = false) throws(WriteError) -> AtomicFileWriter? {
        let (folder, name) = try split(relative, root: root.path)
        guard let folder = try SafeFolder.open(root: root.path, relative: folder, create: !skipEmpty) else { return nil }
        return try prepare(pieces: pieces, name: name, in: folder, skipEmpty: skipEmpty)
    }

    private static func prepare(pieces: [Data], name: String, in folder: SafeFolder, skipEmpty: Bool) throws(WriteError) -> AtomicFileWriter? {
        let writer = try AtomicFileWriter(name: name, in: folder, size: pieces.reduce(0) { $0 + $1.count }, durable: true)
        if skipEmpty && !writer.replacesFile { return nil }
        // A MiB at a time: no copy of the whole file is held beside the pieces (the export
        // history of a 20 000-event plan is 19 MB).
        for data in pieces {
            var start = data.startIndex
            while start < data.endIndex {
                let end = min(start + (1 << 20), data.endIndex)
                try writer.append(DataBlock(data[start..<end]))
                start = end
            }
        }
        try writer.flushPending()
        return writer
    }

    /// `a/b/c.json` as (`a/b`, `c.json`), refusing `..` and empty names.
    static func split(_ relative: String, root: String) throws(WriteError) -> (String, String) {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in parts { try SafeFolder.checkPlainName(part, shown: root + "/" + relative) }
        return (parts.dropLast().joined(separator: "/"), parts.last ?? "")
    }
}

/// Bytes that stay at one address until the writer is done with them (an export's VEVENT is
/// shared by several files and handed to `writev` as it is).
public protocol StableBytes: AnyObject {
    var bytes: UnsafeRawBufferPointer { get }
}

/// `Data` kept as one stable buffer.
final class DataBlock: StableBytes {
    let storage: UnsafeMutableRawBufferPointer
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[..<count]) }
    let count: Int

    init(_ data: Data) {
        count = data.count
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
        data.copyBytes(to: storage)
    }

    deinit { storage.deallocate() }
}

/// One file being produced block by block (see ``AtomicFile``). While its bytes match the file
/// already there it writes nothing; at the first difference it starts the temporary file with
/// the matching part and goes on there; `finish` renames it into place.
public final class AtomicFileWriter {
    public let folder: SafeFolder
    public let name: String
    /// Whether to flush the file and its folder to disk. An export, which can be made again
    /// from the plan, flushes the whole file system once at the end instead (``syncFileSystem(of:)``).
    let durable: Bool
    /// The file already there, while everything produced so far matches it.
    private var existing: Int32 = -1
    private var existingSize = 0
    private var temporary: Int32 = -1
    private var temporaryName = ""
    /// Bytes produced and handled (matched or written) so far.
    private var offset = 0
    private var pending: [any StableBytes] = []
    private var pendingBytes = 0

    /// - Parameter size: the final size when known; spares comparing a file of another length.
    public init(name: String, in folder: SafeFolder, size: Int? = nil, durable: Bool = true) throws(WriteError) {
        try SafeFolder.checkPlainName(name, shown: folder.path + "/" + name)
        self.folder = folder
        self.name = name
        self.durable = durable
        let fd = openat(folder.descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return }
        var status = stat()
        if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, size == nil || Int(status.st_size) == size {
            existing = fd
            existingSize = Int(status.st_size)
        } else {
            close(fd)
        }
    }

    /// Whether a file (of any content) is there already.
    var replacesFile: Bool {
        var status = stat()
        return existing >= 0 || fstatat(folder.descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0
    }

    var shownPath: String { folder.path + "/" + name }

    deinit {
        if existing >= 0 { close(existing) }
        if temporary >= 0 {
            close(temporary)
            unlinkat(folder.descriptor, temporaryName, 0)
        }
    }

    /// Adds bytes to the file; they must not change until `finish`.
    public func append(_ block: any StableBytes) throws(WriteError) {
        guard block.bytes.count > 0 else { return }
        pending.append(block)
        pendingBytes += block.bytes.count
        if pending.count >= 256 || pendingBytes >= 1 << 22 { try flush() }
    }

    /// Ends the file: renames it into place, or leaves the one there when every byte matched.
    /// Returns whether it was written.
    @discardableResult
    public func finish() throws(WriteError) -> Bool {
        try flush()
        if existing >= 0 && temporary < 0 {
            if offset == existingSize {
                close(existing)
                existing = -1
                return false
            }
            try diverge()
        }
        if temporary < 0 { try startTemporary() }
        let fd = temporary
        temporary = -1
        if durable && fsync(fd) != 0 {
            let error = WriteError.current(shownPath, "write")
            close(fd)
            unlinkat(folder.descriptor, temporaryName, 0)
            throw error
        }
        if close(fd) != 0 {
            let error = WriteError.current(shownPath, "write")
            unlinkat(folder.descriptor, temporaryName, 0)
            throw error
        }
        if renameat(folder.descriptor, temporaryName, folder.descriptor, name) != 0 {
            let error = WriteError.current(shownPath, "replace")
            unlinkat(folder.descriptor, temporaryName, 0)
            throw error
        }
        if durable { folder.sync() }
        return true
    }

    /// Writes (or compares) every block appended so far; `finish` does it too.
    public func flushPending() throws(WriteError) { try flush() }

    private func flush() throws(WriteError) {
        guard !pending.isEmpty else { return }
        if existing >= 0 {
            if matches() {
                offset += pendingBytes
                pending.removeAll(keepingCapacity: true)
                pendingBytes = 0
                return
            }
            try diverge()
        }
        if temporary < 0 { try startTemporary() }
        try writeAll(pending.map(\.bytes))
        offset += pendingBytes
        pending.removeAll(keepingCapacity: true)
        pendingBytes = 0
    }

    /// Whether the pending blocks are the next bytes of the existing file (read in large pieces).
    private func matches() -> Bool {
        guard offset + pendingBytes <= existingSize else { return false }
        let chunk = min(pendingBytes, 1 << 20)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var position = offset, block = 0, inBlock = 0
        while position < offset + pendingBytes {
            let length = min(chunk, offset + pendingBytes - position)
            var read = 0
            while read < length {
                let n = pread(existing, buffer + read, length - read, off_t(position + read))
                guard n > 0 else { return false }
                read += n
            }
            var at = 0
            while at < length {
                let bytes = pending[block].bytes
                let n = min(bytes.count - inBlock, length - at)
                if memcmp(buffer + at, bytes.baseAddress! + inBlock, n) != 0 { return false }
                at += n
                inBlock += n
                if inBlock == bytes.count { block += 1; inBlock = 0 }
            }
            position += length
        }
        return true
    }

    /// Leaves the existing file: the new one starts with the part of it that matched.
    private func diverge() throws(WriteError) {
        try startTemporary()
        let chunk = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var position = 0
        while position < offset {
            let read = pread(existing, buffer.baseAddress, min(chunk, offset - position), off_t(position))
            guard read > 0 else { throw WriteError.current(shownPath, "read back") }
            try writeAll([UnsafeRawBufferPointer(rebasing: buffer[..<read])])
            position += read
        }
        close(existing)
        existing = -1
    }

    /// A new file under an unpredictable name that must not exist yet (never a planted link).
    private func startTemporary() throws(WriteError) {
        for _ in 0..<64 {
            temporaryName = TemporaryName.make(for: name)
            let fd = openat(folder.descriptor, temporaryName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if fd >= 0 {
                temporary = fd
                return
            }
            if errno != EEXIST { break }
        }
        throw WriteError.current(shownPath, "write")
    }

    /// `writev` in batches, finishing any partial write.
    private func writeAll(_ parts: [UnsafeRawBufferPointer]) throws(WriteError) {
        var index = 0
        while index < parts.count {
            let batch = parts[index..<min(parts.count, index + 1024)]
            var vectors = batch.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
            let total = batch.reduce(0) { $0 + $1.count }
            var written = writev(temporary, &vectors, Int32(vectors.count))
            guard written >= 0 else { throw WriteError.current(shownPath, "write") }
            if written < total {
                // Rare: write what is left part by part.
                for part in batch {
                    if written >= part.count { written -= part.count; continue }
                    var from = written
                    written = 0
                    while from < part.count {
                        let n = write(temporary, part.baseAddress! + from, part.count - from)
                        guard n > 0 else { throw WriteError.current(shownPath, "write") }
                        from += n
                    }
                }
            }
            index += batch.count
        }
    }

    /// Flushes everything written to the file system holding `folder` (an export's many files at
    /// once, before its history is recorded).
    public static func syncFileSystem(of folder: SafeFolder) {
        #if os(Linux)
        _ = linuxSyncfs(folder.descriptor)
        #else
        sync()
        #endif
    }
}

#if os(Linux)
/// `syncfs(2)`, which Glibc declares only with `_GNU_SOURCE`.
@_silgen_name("syncfs")
private func linuxSyncfs(_ descriptor: Int32) -> Int32
#endif
