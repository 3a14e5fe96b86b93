import Foundation

/// The events of a large plan file decoded piece by piece while libyaml and the composer are
/// still reading the rest of it (``YAMLListPieces``), on a thread of the lowest priority: it
/// takes the time the composer spends waiting for libyaml, not libyaml's. Each piece has a
/// decoder of its own, as the pieces of a long list decoded after composing have
/// (``PlanDecoder/list``), and is merged back in order: the same plan and problems either way.
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
    private let condition = NSCondition()
    /// Pieces handed over and not yet taken by the worker (or by ``decoded(list:)``).
    private var waiting: [YAMLListPiece] = []
    private var done: [Decoded] = []
    /// No more pieces come: the worker ends once it has none.
    private var closed = false
    private var joinWorker: (() -> Void)?

    init(file: String, pieceSize: Int) {
        self.file = file
        self.pieceSize = pieceSize
        // Without a thread, every piece is decoded when the events are asked for.
        joinWorker = Parallel.spare { [self] in work() }
    }

    /// What the composer hands its pieces to.
    var listPieces: YAMLListPieces {
        YAMLListPieces(keys: [Self.key], size: pieceSize) { [self] piece in
            condition.lock()
            waiting.append(piece)
            condition.signal()
            condition.unlock()
        }
    }

    /// The pieces of `list` (the node of the events section), in order from its first item, and
    /// how many items they hold. Pieces the worker has not begun are decoded on every core.
    func decoded(list: Int32) -> (count: Int, pieces: [(decoder: PlanDecoder, items: [Event])]) {
        let left = close()
        let decodedHere = Parallel.map(left) { decode($0) }
        joinWorker?()
        joinWorker = nil
        let all = (done + decodedHere).filter { $0.list == list }.sorted { $0.firstItem < $1.firstItem }
        var count = 0
        var pieces: [(decoder: PlanDecoder, items: [Event])] = []
        for piece in all {
            guard piece.firstItem == count else { break }
            pieces.append((piece.decoder, piece.events))
            count += piece.count
        }
        return (count, pieces)
    }

    /// Ends the worker (when the file turns out unreadable, its pieces are dropped).
    func finish() {
        _ = close()
        joinWorker?()
        joinWorker = nil
    }

    /// Says no more pieces come; the pieces the worker has not taken.
    private func close() -> [YAMLListPiece] {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        let left = waiting
        waiting = []
        return left
    }

    /// The worker's loop: the next piece waiting, until no more come.
    private func work() {
        while true {
            condition.lock()
            while waiting.isEmpty && !closed { condition.wait() }
            guard !waiting.isEmpty else {
                condition.unlock()
                return
            }
            let next = waiting.removeFirst()
            condition.unlock()
            let decoded = decode(next)
            condition.lock()
            done.append(decoded)
            condition.unlock()
        }
    }

    private func decode(_ piece: YAMLListPiece) -> Decoded {
        var decoder = PlanDecoder(file: file)
        let events = piece.items.compactMap { decoder.decodeEvent($0) }
        return Decoded(list: piece.list, firstItem: piece.firstItem, count: piece.items.count, decoder: decoder, events: events)
    }
}
