/// Large values a command has finished with, left for the operating system to reclaim when the
/// process exits: freeing a 20000-event plan object by object takes longer than some reports
/// (the trick compilers use for their own large trees). Only for values read once per run.
enum KeptUntilExit {
    private final class Holder<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Holder(value))
    }
}
