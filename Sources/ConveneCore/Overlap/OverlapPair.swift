/// Two overlapping items, named by their positions in the arrays handed to `OverlapSweep`.
///
/// `first` is the item that comes first in sweep order: it starts no later than `second` (for equal
/// starts, it ends no later).
public struct OverlapPair: Sendable, Hashable, Codable {
    /// Position of the earlier item.
    public var first: Int
    /// Position of the later item.
    public var second: Int

    public init(first: Int, second: Int) {
        self.first = first
        self.second = second
    }
}
