import Dispatch

/// Work spread over every core, results in the order of the inputs.
enum Concurrently {
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
        nonisolated(unsafe) var results = [Output?](repeating: nil, count: inputs.count)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
                slots[index] = transform(inputs[index])
            }
        }
        return results.map { $0! }
    }
}
