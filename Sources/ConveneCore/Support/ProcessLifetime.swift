/// Large values a command has finished with, left for the operating system to reclaim when the
/// process exits: freeing a 20000-event plan object by object takes longer than some whole
/// commands (compilers do the same with their trees). For the command-line tool only: a
/// long-running host must not call it, nor pass `keepingLargeValues: true` to those who do.
public enum ProcessLifetime {
    private final class Holder<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Keeps `value` alive until the process ends.
    public static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Holder(value))
    }
}
