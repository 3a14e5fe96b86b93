import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file or folder Convene could not write, and why, in words a person can act on (a full
/// disk, a read-only or locked-down folder, a symbolic link where Convene keeps its own files).
/// Whatever was there before is left as it was. The command-line tool exits 2 on it.
public struct WriteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or folder, as shown to the user.
    public var path: String
    /// What was being done: "write", "create the folder", "lock" …
    public var action: String
    /// The `errno` value, or 0 for a refusal of Convene's own (see `reason`).
    public var code: Int32
    /// Set for refusals that are not a system error (a symbolic link, a name that is not an id).
    public var refusal: String?

    public init(path: String, action: String, code: Int32, refusal: String? = nil) {
        self.path = path
        self.action = action
        self.code = code
        self.refusal = refusal
    }

    /// The system's words for `code`.
    public var reason: String { refusal ?? String(cString: strerror(code)) }

    /// What to do about it.
    public var hint: String {
        if refusal != nil {
            return "Convene writes only into real folders inside the workspace or the output folder: replace the link with a folder, or choose another --out"
        }
        switch code {
        case ENOSPC, EDQUOT: return "the disk (or your quota) is full: free some space and run the command again"
        case EROFS: return "the file system is read-only: run the command on a writable copy of the workspace"
        case EACCES, EPERM: return "you may not write there: check the folder's owner and permissions"
        case ENOENT, ENOTDIR: return "a folder on the way does not exist or is not a folder"
        case ELOOP: return "a symbolic link is in the way: Convene does not follow links where it writes its own files"
        default: return "check the folder is writable and has room"
        }
    }

    public var description: String {
        "error: cannot \(action) \(path): \(reason); nothing there was changed\n    fix: \(hint)"
    }

    /// The error for the current `errno`.
    static func current(_ path: String, _ action: String) -> WriteError {
        WriteError(path: path, action: action, code: errno)
    }
}
