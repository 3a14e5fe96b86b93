extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes from `start` to `end` begin with `prefix` (written in capitals), a letter
    /// of the text in either case: iCalendar names are case-insensitive (RFC 5545 §2).
    func startsWithName(_ prefix: StaticString, at start: Int, end: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard end - start >= count else { return false }
        let pattern = prefix.utf8Start
        for i in 0..<count {
            var byte = self[start + i]
            if byte >= 97 && byte <= 122 { byte -= 32 }
            if byte != pattern[i] { return false }
        }
        return true
    }
}
