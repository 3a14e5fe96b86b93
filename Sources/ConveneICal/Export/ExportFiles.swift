import ConveneCore
import Foundation

/// Bytes at a fixed address, shared by every file that holds them (an event's VEVENT is in its
/// invitation, its vdir file and each feed it belongs to) and handed to `writev` as they are.
final class ByteBlock: StableBytes, @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    init(_ array: [UInt8]) {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(array.count, 1), alignment: 16)
        array.withUnsafeBytes { memory.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: memory[..<array.count])
    }

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    deinit { bytes.baseAddress.map { UnsafeMutableRawPointer(mutating: $0).deallocate() } }

    /// A block written piece by piece up to the size given at the start (the text of a component
    /// made of libical's text and texts it reuses), then made a ``ByteBlock``.
    struct Filling {
        private let memory: UnsafeMutableRawBufferPointer
        private var filled = 0

        init(count: Int) { memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16) }

        /// The next bytes; more than the size given at the start is a programming error.
        mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
            precondition(filled + piece.count <= memory.count, "more bytes than the block was made for")
            UnsafeMutableRawBufferPointer(rebasing: memory[filled...]).copyMemory(from: UnsafeRawBufferPointer(piece))
            filled += piece.count
        }

        /// The block, of the bytes appended (the memory is the block's from now on).
        func finished() -> ByteBlock { ByteBlock(UnsafeRawBufferPointer(rebasing: memory[..<filled])) }
    }

    var count: Int { bytes.count }
}

/// Where an export writes, through the one atomic writer (``AtomicFileWriter``): every file goes
/// to a new temporary file beside it and is renamed into place, so a reader sees the old content
/// or the new; a file whose bytes would not change is left alone (compared as it is produced:
/// size first when known, then bytes). Folders below the output folder are entered without
/// following symbolic links, and opened once per export.
struct ExportFolder: Sendable {
    let path: String
    let folders: FolderCache

    init(path: String) {
        self.path = path
        folders = FolderCache(root: path)
    }

    /// Writes `blocks` one after another as `relative`. Returns false when the file was already so.
    func write(_ relative: String, _ blocks: [ByteBlock]) throws -> Bool {
        let file = try open(relative, size: blocks.reduce(0) { $0 + $1.count })
        for block in blocks { try file.append(block) }
        return try file.finish()
    }

    /// A file written block by block; `size`, when known, spares comparing a file that differs in length.
    func open(_ relative: String, size: Int? = nil) throws -> AtomicFileWriter {
        let slash = relative.lastIndex(of: "/")
        let folder = slash.map { String(relative[..<$0]) } ?? ""
        let name = slash.map { String(relative[relative.index(after: $0)...]) } ?? relative
        return try AtomicFileWriter(name: name, in: try folders.folder(folder), size: size, durable: false)
    }

    /// Flushes every file written to disk (each file is not flushed on its own: an export can
    /// always be made again), before the export history is recorded.
    func sync() throws {
        AtomicFileWriter.syncFileSystem(of: try folders.folder(""))
    }
}

/// The export's folders, each opened (and created) once, never through a symbolic link; stale
/// temporary files of killed runs are removed from each when it is first opened.
final class FolderCache: @unchecked Sendable {
    let root: String
    private let lock = NSLock()
    private var open: [String: SafeFolder] = [:]

    init(root: String) { self.root = root }

    func folder(_ relative: String) throws -> SafeFolder {
        lock.lock()
        defer { lock.unlock() }
        if let known = open[relative] { return known }
        let folder: SafeFolder
        if relative.isEmpty {
            folder = try SafeFolder.open(root: root, create: true)!
        } else {
            let slash = relative.lastIndex(of: "/")
            let parent = slash.map { String(relative[..<$0]) } ?? ""
            let name = slash.map { String(relative[relative.index(after: $0)...]) } ?? relative
            lock.unlock()
            let outer = try self.folder(parent)
            lock.lock()
            if let known = open[relative] { return known }
            folder = try outer.subfolder(name, create: true)!
        }
        folder.removeStaleTemporaries()
        open[relative] = folder
        return folder
    }
}
