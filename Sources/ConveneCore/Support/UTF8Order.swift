import Foundation

extension String {
    /// Whether this text comes before `other` in the byte (code point) order of their UTF-8: the
    /// order record files list their keys in and plan files are read in. Compared with `memcmp`
    /// where the strings keep their bytes (the generic comparison of two UTF-8 views took twice
    /// as long over an export history's 20 000 keys).
    func precedesInUTF8(_ other: String) -> Bool {
        let inPlace = utf8.withContiguousStorageIfAvailable { first in
            other.utf8.withContiguousStorageIfAvailable { second -> Bool in
                let common = min(first.count, second.count)
                let order = common == 0 ? 0 : memcmp(first.baseAddress!, second.baseAddress!, common)
                return order != 0 ? order < 0 : first.count < second.count
            }
        }
        return (inPlace ?? nil) ?? utf8.lexicographicallyPrecedes(other.utf8)
    }
}
