import Dispatch

/// A large value held only here, freed on another thread once let go: 20 000 events and their
/// 400 000 attendee lines, a plan file's YAML tree or an export history take a while to free,
/// which another core does while this one goes on.
public final class Leftover<Value>: @unchecked Sendable {
    private var value: Value?

    /// Takes the value; the caller keeps no other reference to it (or freeing it stays the caller's).
    public init(_ value: consuming Value) { self.value = value }

    /// Frees the value on another thread.
    public func letGo() {
        DispatchQueue.global(qos: .utility).async { self.value = nil }
    }
}
