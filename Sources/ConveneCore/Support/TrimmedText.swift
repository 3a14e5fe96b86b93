import Foundation

extension StringProtocol {
    /// The text without the characters of `set` (white space by default) at either end:
    /// Foundation's `trimmingCharacters(in:)`, asked only when an end is one of them. On Linux
    /// that call copies the text through `NSString` every time, which made a third of the time
    /// of reading a sign-in sheet (each of its cells is trimmed, and nearly none needs it).
    func trimmed(_ set: CharacterSet = .whitespaces) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
              set.contains(first) || set.contains(last) else { return String(self) }
        return trimmingCharacters(in: set)
    }
}
