import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock every writer of a workspace's `records/` holds while it reads, changes and writes
/// them back (`attend`, `import`, `export`'s history, `schedule --write`), so that two commands
/// run at once each see the other's records instead of overwriting them.
///
/// It is `flock(2)` on `records/.lock`, so it holds between processes, and a process killed
/// while holding it releases it. Within a process it is also a per-workspace recursive lock, so
/// a writer can save records while it holds the lock for its whole read-change-write.
public enum RecordsLock {
    /// The lock file inside `records/`.
    public static let fileName = ".lock"

    /// Runs `body` holding the workspace's records lock (waiting for another command to finish
    /// writing). Read the records inside `body`, not before. Also removes temporary files that
    /// killed runs left in `records/`.
    public static func hold<T>(workspace: URL, _ body: () throws -> T) throws -> T {
        let key = workspace.standardizedFileURL.path
        let state = LockTable.shared.state(for: key)
        state.mutex.lock()
        defer { state.mutex.unlock() }
        if state.depth == 0 {
            let (folder, fd, madeFolder) = try acquire(workspace)
            folder.removeStaleTemporaries()
            state.folder = folder
            state.descriptor = fd
            state.madeFolder = madeFolder
        }
        state.depth += 1
        defer {
            state.depth -= 1
            if state.depth == 0 {
                if let folder = state.folder { release(folder, workspace: workspace, madeFolder: state.madeFolder) }
                close(state.descriptor)  // releases the flock
                state.descriptor = -1
                state.folder = nil
            }
        }
        return try body()
    }

    /// Opens (making it when needed) `records/.lock` and waits for the lock. A lock file removed
    /// while this process waited (see ``release(_:workspace:madeFolder:)``) is opened afresh.
    private static func acquire(_ workspace: URL) throws -> (SafeFolder, Int32, Bool) {
        while true {
            let existed = try SafeFolder.open(root: workspace.path, relative: WorkspaceRecords.folderName, create: false) != nil
            let folder = try SafeFolder.open(root: workspace.path, relative: WorkspaceRecords.folderName, create: true)!
            let fd = openat(folder.descriptor, fileName, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o666)
            guard fd >= 0 else { throw WriteError.current(folder.path + "/" + fileName, "lock the records with") }
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let error = WriteError.current(folder.path + "/" + fileName, "lock the records with")
                    close(fd)
                    throw error
                }
            }
            // Still the file at records/.lock (not one a finished writer removed)?
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, fstatat(folder.descriptor, fileName, &named, AT_SYMLINK_NOFOLLOW) == 0,
               held.st_dev == named.st_dev, held.st_ino == named.st_ino {
                return (folder, fd, !existed)
            }
            close(fd)
        }
    }

    /// Removes the lock file while still holding it, so that none is left in the workspace (a
    /// process waiting on it notices the file is gone and takes a new one), and the `records/`
    /// folder too when this holder made it and nothing was written there.
    private static func release(_ folder: SafeFolder, workspace: URL, madeFolder: Bool) {
        unlinkat(folder.descriptor, fileName, 0)
        if madeFolder, folder.names().isEmpty, let root = try? SafeFolder.open(root: workspace.path, create: false) {
            unlinkat(root.descriptor, WorkspaceRecords.folderName, AT_REMOVEDIR)
        }
    }
}

/// One recursive mutex and lock-file descriptor per workspace, for the process.
private final class LockTable: @unchecked Sendable {
    static let shared = LockTable()

    final class State: @unchecked Sendable {
        let mutex = NSRecursiveLock()
        var depth = 0
        var descriptor: Int32 = -1
        var folder: SafeFolder?
        /// This holder made `records/` (so removes it again if it stays empty).
        var madeFolder = false
    }

    private let guardLock = NSLock()
    private var states: [String: State] = [:]

    func state(for key: String) -> State {
        guardLock.lock()
        defer { guardLock.unlock() }
        if let known = states[key] { return known }
        let made = State()
        states[key] = made
        return made
    }
}
