import Dispatch
import Foundation

/// Work spread over every core, results in the order of the inputs. Large plans, reports and
/// exports use it to split long lists into a few pieces, one per core.
public enum Concurrently {
    /// `inputs.map(transform)`, with the calls made at the same time on every core.
    public static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
        nonisolated(unsafe) var results = [Output?](repeating: nil, count: inputs.count)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
                slots[index] = transform(inputs[index])
            }
        }
        return results.map { $0! }
    }

    /// `0..<count` cut into at most `pieces` consecutive ranges of nearly equal size (one per core
    /// by default); a single range when `count` is below `minimum`.
    public static func ranges(_ count: Int, minimum: Int, pieces: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Range<Int>] {
        let pieces = count >= minimum ? max(1, pieces) : 1
        let size = max(1, (count + pieces - 1) / pieces)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }
}
