import Foundation

/// The events of a large plan file decoded piece by piece while libyaml and the composer are
/// still reading the rest of it (``YAMLListPieces``): a core of their own, or the time the
/// composer spends waiting for libyaml, decodes them. Each piece has a decoder of its own, as
/// the pieces of a long list decoded after composing have (``PlanDecoder/list``), and is merged
/// back in order: the same plan and the same problems either way.
final class EarlyEvents: @unchecked Sendable {
    /// The root key whose list is decoded early.
    static let key = "events"

    /// One piece: where it is in which list, and what its decoder made of it.
    struct Decoded: Sendable {
        var list: Int32
        var firstItem: Int
        var count: Int
        var decoder: PlanDecoder
        var events: [Event]
    }

    let file: String
    /// Events a piece.
    let pieceSize: Int
    private let lock = NSLock()
    private let worker = DispatchQueue(label: "convene.plan.early-events")
    private let working = DispatchGroup()
    /// Pieces handed over and not yet taken by the worker (or by ``decoded(list:)``).
    private var waiting: [YAMLListPiece] = []
    private var done: [Decoded] = []

    init(file: String, pieceSize: Int) {
        self.file = file
        self.pieceSize = pieceSize
    }

    /// What the composer hands its pieces to.
    var listPieces: YAMLListPieces {
        YAMLListPieces(keys: [Self.key], size: pieceSize) { [self] piece in
            lock.withLock { waiting.append(piece) }
            worker.async(group: working) { [self] in
                guard let next = lock.withLock({ waiting.isEmpty ? nil : waiting.removeFirst() }) else { return }
                let decoded = decode(next)
                lock.withLock { done.append(decoded) }
            }
        }
    }

    /// The pieces of `list` (the node of the events section), in order from its first item, and
    /// how many items they hold. Pieces the worker has not begun are decoded on every core.
    func decoded(list: Int32) -> (count: Int, pieces: [(decoder: PlanDecoder, items: [Event])]) {
        let left = lock.withLock { () -> [YAMLListPiece] in
            defer { waiting = [] }
            return waiting
        }
        let decodedHere = Parallel.map(left) { decode($0) }
        working.wait()
        let all = (lock.withLock { done } + decodedHere).filter { $0.list == list }.sorted { $0.firstItem < $1.firstItem }
        var count = 0
        var pieces: [(decoder: PlanDecoder, items: [Event])] = []
        for piece in all {
            guard piece.firstItem == count else { break }
            pieces.append((piece.decoder, piece.events))
            count += piece.count
        }
        return (count, pieces)
    }

    /// Waits for the worker (when the file turns out unreadable, its pieces are dropped).
    func finish() {
        lock.withLock { waiting = [] }
        working.wait()
    }

    private func decode(_ piece: YAMLListPiece) -> Decoded {
        var decoder = PlanDecoder(file: file)
        let events = piece.items.compactMap { decoder.decodeEvent($0) }
        return Decoded(list: piece.list, firstItem: piece.firstItem, count: piece.items.count, decoder: decoder, events: events)
    }
}
