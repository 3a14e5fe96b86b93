/// A stable 64-bit FNV-1a hash, for fingerprints that must not change between runs.
public enum StableHash {
    /// The hash of bytes in memory: one concrete loop, fast from any module.
    public static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        if let hash = bytes.withContiguousStorageIfAvailable({ hex($0) }) { return hash }
        return Array(bytes).withUnsafeBufferPointer { hex($0) }
    }

    public static func hex(_ text: String) -> String { hex(text.utf8) }
}
