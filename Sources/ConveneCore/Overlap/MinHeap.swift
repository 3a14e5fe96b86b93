/// A binary min-heap: the smallest element is always `first`. Used by the sweep to hold the ends of
/// the spans still open.
struct MinHeap<Element: Comparable> {
    private(set) var storage: [Element] = []

    var count: Int { storage.count }
    var isEmpty: Bool { storage.isEmpty }
    var first: Element? { storage.first }

    /// Empties the heap but keeps its memory for the next group.
    mutating func removeAll() { storage.removeAll(keepingCapacity: true) }

    mutating func push(_ element: Element) {
        storage.append(element)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard storage[child] < storage[parent] else { break }
            storage.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the smallest element.
    @discardableResult
    mutating func popFirst() -> Element? {
        guard let top = storage.first else { return nil }
        let last = storage.removeLast()
        if !storage.isEmpty {
            storage[0] = last
            siftDown(from: 0)
        }
        return top
    }

    private mutating func siftDown(from index: Int) {
        var parent = index
        let n = storage.count
        while true {
            let left = 2 * parent + 1
            guard left < n else { return }
            let right = left + 1
            let smaller = right < n && storage[right] < storage[left] ? right : left
            guard storage[smaller] < storage[parent] else { return }
            storage.swapAt(smaller, parent)
            parent = smaller
        }
    }
}
