/// A stable 64-bit FNV-1a hash, for fingerprints that must not change between runs.
public enum StableHash {
    /// The hash of bytes in memory: one concrete loop, fast from any module.
    public static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        digits(fold(seed, bytes))
    }

    /// The hash of pieces of bytes taken one after another: that of their concatenation, without
    /// making it.
    public static func hex(joining pieces: [UnsafeBufferPointer<UInt8>]) -> String {
        var hash = seed
        for bytes in pieces { hash = fold(hash, bytes) }
        return digits(hash)
    }

    private static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    private static func fold(_ start: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func digits(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        if let hash = bytes.withContiguousStorageIfAvailable({ hex($0) }) { return hash }
        return Array(bytes).withUnsafeBufferPointer { hex($0) }
    }

    public static func hex(_ text: String) -> String { hex(text.utf8) }
}
