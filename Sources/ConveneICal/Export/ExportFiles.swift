import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes at a fixed address, shared by every file that holds them (an event's VEVENT is in its
/// invitation, its vdir file and each feed it belongs to) and handed to `writev` as they are.
final class ByteBlock: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    init(_ array: [UInt8]) {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(array.count, 1), alignment: 16)
        array.withUnsafeBytes { memory.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: memory[..<array.count])
    }

    deinit { bytes.baseAddress.map { UnsafeMutableRawPointer(mutating: $0).deallocate() } }

    var count: Int { bytes.count }
}

/// Where an export writes: every file goes to a temporary name beside it and is renamed into
/// place, so a reader sees the old content or the new; a file whose bytes would not change is
/// left alone (compared as it is produced: size first when known, then bytes).
struct ExportFolder: Sendable {
    let path: String

    /// Writes `blocks` one after another as `relative`. Returns false when the file was already so.
    func write(_ relative: String, _ blocks: [ByteBlock]) throws -> Bool {
        let file = open(relative, size: blocks.reduce(0) { $0 + $1.count })
        for block in blocks { try file.append(block) }
        return try file.finish()
    }

    /// A file written block by block; `size`, when known, spares comparing a file that differs in length.
    func open(_ relative: String, size: Int? = nil) -> OutputFile {
        OutputFile(path: path + "/" + relative, size: size)
    }
}

/// One file being produced. While its bytes match the file already there it writes nothing; at
/// the first difference it starts a temporary file with the matching part and goes on there.
final class OutputFile {
    let path: String
    /// The file already there, while everything produced so far matches it.
    private var existing: Int32 = -1
    private var existingSize = 0
    private var temporary: Int32 = -1
    private var temporaryPath = ""
    /// Bytes produced and handled (matched or written) so far.
    private var offset = 0
    private var pending: [ByteBlock] = []
    private var pendingBytes = 0

    fileprivate init(path: String, size: Int?) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        var status = stat()
        if fstat(fd, &status) == 0, (status.st_mode & mode_t(S_IFMT)) == mode_t(S_IFREG), size == nil || Int(status.st_size) == size {
            existing = fd
            existingSize = Int(status.st_size)
        } else {
            close(fd)
        }
    }

    deinit {
        if existing >= 0 { close(existing) }
        if temporary >= 0 {
            close(temporary)
            unlink(temporaryPath)
        }
    }

    /// Adds bytes to the file; they must not change until `finish`.
    func append(_ block: ByteBlock) throws {
        guard block.count > 0 else { return }
        pending.append(block)
        pendingBytes += block.count
        if pending.count >= 256 || pendingBytes >= 1 << 22 { try flush() }
    }

    /// Ends the file: renames it into place, or leaves the one there when every byte matched.
    /// Returns whether it was written.
    func finish() throws -> Bool {
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
        guard close(fd) == 0 else { throw failure(temporaryPath) }
        if rename(temporaryPath, path) != 0 {
            let error = failure(path)
            unlink(temporaryPath)
            throw error
        }
        return true
    }

    private func flush() throws {
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
    private func diverge() throws {
        try startTemporary()
        let chunk = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var position = 0
        while position < offset {
            let read = pread(existing, buffer.baseAddress, min(chunk, offset - position), off_t(position))
            guard read > 0 else { throw failure(path) }
            try writeAll([UnsafeRawBufferPointer(rebasing: buffer[..<read])])
            position += read
        }
        close(existing)
        existing = -1
    }

    private func startTemporary() throws {
        let slash = path.lastIndex(of: "/") ?? path.startIndex
        let folder = String(path[..<slash])
        let name = path[path.index(after: slash)...]
        temporaryPath = folder + "/." + name + ".\(getpid()).tmp"
        var fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        if fd < 0 && errno == ENOENT {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        }
        guard fd >= 0 else { throw failure(temporaryPath) }
        temporary = fd
    }

    /// `writev` in batches, finishing any partial write.
    private func writeAll(_ parts: [UnsafeRawBufferPointer]) throws {
        var index = 0
        while index < parts.count {
            let batch = parts[index..<min(parts.count, index + 1024)]
            var vectors = batch.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
            let total = batch.reduce(0) { $0 + $1.count }
            var written = writev(temporary, &vectors, Int32(vectors.count))
            guard written >= 0 else { throw failure(temporaryPath) }
            if written < total {
                // Rare: write what is left part by part.
                for part in batch {
                    if written >= part.count { written -= part.count; continue }
                    var from = written
                    written = 0
                    while from < part.count {
                        let n = write(temporary, part.baseAddress! + from, part.count - from)
                        guard n > 0 else { throw failure(temporaryPath) }
                        from += n
                    }
                }
            }
            index += batch.count
        }
    }

    private func failure(_ file: String) -> Error {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file, "errno": errno])
    }
}
