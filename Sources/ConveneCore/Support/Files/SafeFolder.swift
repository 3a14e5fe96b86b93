import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open folder that Convene writes into, reached from a root folder (the workspace or the
/// export's output folder, taken as the user gave it) one name at a time without following a
/// symbolic link: a link planted where Convene keeps its own files (`records`, `export/feeds`)
/// is refused instead of written through. Files inside are then opened relative to it, so the
/// folder cannot be swapped for a link between the check and the write.
public final class SafeFolder: @unchecked Sendable {
    /// The descriptor (`O_DIRECTORY`), closed when the folder is released.
    let descriptor: Int32
    /// The folder as shown in messages.
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// Opens `relative` (names separated by `/`, no `.` or `..`) below `root`; with `create`,
    /// missing folders are made. Returns nil when a folder is missing and `create` is false.
    /// Throws ``WriteError`` for a symbolic link, a name that is not a plain name, or a system error.
    public static func open(root: String, relative: String = "", create: Bool) throws(WriteError) -> SafeFolder? {
        let rootPath = root.isEmpty ? "." : root
        var fd = openPath(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 && errno == ENOENT && create {
            try makeFolders(rootPath)
            fd = openPath(rootPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
        if fd < 0 {
            if errno == ENOENT && !create { return nil }
            throw WriteError.current(rootPath, "open the folder")
        }
        var folder = SafeFolder(descriptor: fd, path: rootPath)
        for name in relative.split(separator: "/") {
            guard let next = try folder.subfolder(String(name), create: create) else { return nil }
            folder = next
        }
        return folder
    }

    /// `mkdir -p`, with the system's reason when it fails.
    private static func makeFolders(_ path: String) throws(WriteError) {
        if mkdir(path, 0o777) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw WriteError.current(path, "create the folder") }
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, parent != path else { throw WriteError.current(path, "create the folder") }
        try makeFolders(parent)
        if mkdir(path, 0o777) != 0 && errno != EEXIST { throw WriteError.current(path, "create the folder") }
    }

    /// The folder `name` inside this one, never through a symbolic link.
    public func subfolder(_ name: String, create: Bool) throws(WriteError) -> SafeFolder? {
        let shown = path == "." ? name : path + "/" + name
        try Self.checkPlainName(name, shown: shown)
        var fd = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 && errno == ENOENT {
            guard create else { return nil }
            if mkdirat(descriptor, name, 0o777) != 0 && errno != EEXIST { throw WriteError.current(shown, "create the folder") }
            fd = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard fd >= 0 else {
            let code = errno
            var status = stat()
            if fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
                throw WriteError(path: shown, action: "write into", code: ELOOP,
                                 refusal: "it is a symbolic link, and Convene does not write through links into folders it manages")
            }
            throw WriteError(path: shown, action: "open the folder", code: code)
        }
        return SafeFolder(descriptor: fd, path: shown)
    }

    /// Refuses anything but a plain file or folder name.
    static func checkPlainName(_ name: String, shown: String) throws(WriteError) {
        if name.isEmpty || name == "." || name == ".." || name.utf8.contains(0) || name.contains("/") {
            throw WriteError(path: shown, action: "write", code: EINVAL, refusal: "'\(TerminalText.escaped(name))' is not a plain file name")
        }
    }

    /// Makes sure what this folder holds survives a power cut (after a rename into it).
    func sync() { _ = fsync(descriptor) }

    /// The names in this folder (not `.` and `..`).
    public func names() -> [String] {
        let copy = dup(descriptor)
        guard copy >= 0, let directory = fdopendir(copy) else { return [] }
        defer { closedir(directory) }
        rewinddir(directory)
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Whether `name` is a folder here (not a link to one).
    public func isFolder(_ name: String) -> Bool {
        var status = stat()
        return fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Removes the file `name` (never a folder, never through a link: a link itself is removed).
    public func removeFile(_ name: String) throws(WriteError) {
        try Self.checkPlainName(name, shown: path + "/" + name)
        if unlinkat(descriptor, name, 0) != 0 && errno != ENOENT { throw WriteError.current(path + "/" + name, "remove") }
    }

    /// Removes temporary files that a Convene process which no longer runs left here (killed
    /// mid-write), and any older than a day. Other files are never touched.
    public func removeStaleTemporaries() {
        let now = time(nil)
        for name in names() {
            guard let owner = TemporaryName.owner(of: name) else { continue }
            var status = stat()
            guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let isFile = (status.st_mode & S_IFMT) == S_IFREG || (status.st_mode & S_IFMT) == S_IFLNK
            let ownerGone = owner != getpid() && kill(owner, 0) != 0 && errno == ESRCH
            if isFile && (ownerGone || now - status.st_mtim.tv_sec > 86_400) { unlinkat(descriptor, name, 0) }
        }
    }
}

/// The names of Convene's temporary files: `.NAME.convene-PID-RANDOM.tmp`, beside the file they
/// will replace (earlier versions wrote `.NAME.PID.tmp`).
enum TemporaryName {
    static func make(for name: String) -> String {
        ".\(name.prefix(120)).convene-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).tmp"
    }

    /// The process that made a temporary file of ours, or nil for any other name.
    static func owner(of name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let stem = name.dropLast(4)
        if let marker = stem.range(of: ".convene-", options: .backwards) {
            return stem[marker.upperBound...].split(separator: "-").first.flatMap { pid_t($0) }
        }
        // The earlier form: `.NAME.PID.tmp` where NAME ends in `.json`, `.yaml` or `.ics`.
        guard let dot = stem.lastIndex(of: "."), let pid = pid_t(stem[stem.index(after: dot)...]) else { return nil }
        let file = stem[..<dot]
        return [".json", ".yaml", ".ics", ".md", ".html", ".csv"].contains(where: { file.hasSuffix($0) }) ? pid : nil
    }
}

/// `open(2)` without the mode argument (the overlay's variadic form is awkward to name).
func openPath(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
