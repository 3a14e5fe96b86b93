/// The one way an id (an event, person or series id, or an event's UID) becomes a file name.
/// Anything that is not an id is refused, so that no value read from a plan or from a record can
/// name a file outside the folder it is meant for (`..`, `/`, NUL, control characters, a hidden
/// or over-long name).
public enum SafeFileName {
    /// The longest id that becomes a file name (file systems allow 255 bytes, with room for a suffix).
    public static let maximumLength = 200

    /// Whether `id` may become a file name: ASCII letters and digits first, then letters, digits,
    /// `.`, `_`, `-` and `@`, at most ``maximumLength`` bytes, without `..`.
    public static func isID(_ id: String) -> Bool {
        let bytes = id.utf8
        guard let first = bytes.first, bytes.count <= maximumLength, isAlphanumeric(first) else { return false }
        var previousDot = false
        for byte in bytes {
            guard isAlphanumeric(byte) || byte == 0x2E || byte == 0x5F || byte == 0x2D || byte == 0x40 else { return false }
            if byte == 0x2E && previousDot { return false }
            previousDot = byte == 0x2E
        }
        return true
    }

    /// `id` followed by `suffix` (such as ".ics"); throws ``UnsafeNameError`` for anything not an id.
    public static func make(_ id: String, suffix: String) throws(UnsafeNameError) -> String {
        guard isID(id) else { throw UnsafeNameError(id: id) }
        return id + suffix
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}

/// A value that was to become a file name but is not an id.
public struct UnsafeNameError: Error, Sendable, Hashable, CustomStringConvertible {
    public var id: String

    public init(id: String) { self.id = id }

    public var description: String {
        "'\(TerminalText.escaped(String(id.prefix(80))))' is not an id, so it cannot name a file (ids are letters, digits, '.', '_', '-' and '@')"
    }
}
