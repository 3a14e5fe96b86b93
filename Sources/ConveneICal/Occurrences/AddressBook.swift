#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers calendar addresses, compared case-insensitively, so that the sweep works on integers.
///
/// The addresses live back to back in one byte array, found through an open-addressing hash table:
/// reading hundreds of thousands of ATTENDEE lines makes no String and no small allocation per
/// address (small long-lived allocations between libical's would fragment the heap).
struct AddressBook: Sendable {
    /// Every address, lower-cased, back to back.
    private var bytes: [UInt8] = []
    /// Address `n` is `bytes[bounds[n]..<bounds[n + 1]]`.
    private var bounds: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Address numbers by hash slot; -1 for an empty slot.
    private var table = [Int32](repeating: -1, count: 256)
    private var scratch: [UInt8] = []

    /// How many addresses there are.
    var count: Int { bounds.count - 1 }

    /// The number of `address` (a NUL-terminated C string), adding it when new.
    mutating func number(for address: UnsafePointer<CChar>) -> Int32 {
        scratch.removeAll(keepingCapacity: true)
        var ascii = true
        var cursor = address
        while cursor.pointee != 0 {
            var byte = UInt8(bitPattern: cursor.pointee)
            if byte >= 65 && byte <= 90 { byte += 32 } else if byte >= 128 { ascii = false }
            scratch.append(byte)
            cursor += 1
        }
        if !ascii { scratch = Array(String(decoding: scratch, as: UTF8.self).lowercased().utf8) }
        let key = scratch
        return key.withUnsafeBufferPointer { number(forLowercased: $0) }
    }

    /// The number of an address already lower-cased, adding it when new.
    mutating func number(forLowercased key: UnsafeBufferPointer<UInt8>) -> Int32 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let number = table[slot]
            if number < 0 { break }
            if hashes[Int(number)] == hash, matches(Int(number), key) { return number }
            slot = (slot + 1) & mask
        }
        let number = Int32(count)
        bytes.append(contentsOf: key)
        bounds.append(bytes.count)
        hashes.append(hash)
        table[slot] = number
        if count * 2 > table.count { grow() }
        return number
    }

    /// Calls `body` with the bytes of address `number`.
    func withAddress<R>(_ number: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[bounds[number]..<bounds[number + 1]])) }
    }

    /// Address `number` as a String.
    func address(_ number: Int) -> String {
        withAddress(number) { String(decoding: $0, as: UTF8.self) }
    }

    private func matches(_ number: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = bounds[number + 1] - bounds[number]
        guard length == key.count else { return false }
        if length == 0 { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + bounds[number], key.baseAddress!, length) == 0 }
    }

    private mutating func grow() {
        table = [Int32](repeating: -1, count: table.count * 2)
        let mask = table.count - 1
        for number in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[number]) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(number)
        }
    }
}
