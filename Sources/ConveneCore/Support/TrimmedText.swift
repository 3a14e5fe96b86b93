import Foundation

extension StringProtocol {
    /// The text without white space (with `.whitespacesAndNewlines`, line breaks too) at either
    /// end: Foundation's `trimmingCharacters(in:)`, asked only when an end may be one of them. On
    /// Linux that call copies the text through `NSString` every time, which made a third of the
    /// time of reading a sign-in sheet, and cost more than the rest of a short series' expansion.
    /// Ends that are visible ASCII (nearly every cell, plan value and rule) are neither, so no set
    /// is asked at all.
    /// - Parameter set: `.whitespaces` or `.whitespacesAndNewlines`, the sets this is for (neither
    ///   holds a visible ASCII character). It is made only when an end is not visible ASCII:
    ///   Foundation builds the set afresh (through CoreFoundation) each time it is asked for, which
    ///   was a tenth of the time of decoding a plan's events.
    public func trimmed(_ set: @autoclosure () -> CharacterSet = .whitespaces) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return String(self) }
        let visible: ClosedRange<UInt32> = 0x21...0x7E
        if visible.contains(first.value) && visible.contains(last.value) { return String(self) }
        let set = set()
        guard set.contains(first) || set.contains(last) else { return String(self) }
        return trimmingCharacters(in: set)
    }
}
