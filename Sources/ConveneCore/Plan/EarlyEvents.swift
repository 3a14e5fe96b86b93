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
    /// Pieces handed over and not yet taken by the worker, and the rest of the one it stopped in.
    private var waiting: [YAMLListPiece] = []
    private var done: [Decoded] = []
    /// The events are asked for (or dropped): the worker stops at its next step.
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
    /// how many items they hold. The worker stops at its next step (see ``step``); what it has
    /// not decoded is decoded on every core.
    func decoded(list: Int32) -> (count: Int, pieces: [(decoder: PlanDecoder, items: [Event])]) {
        close()
        joinWorker?()
        joinWorker = nil
        let decodedHere = Parallel.map(takeWaiting()) { decode($0) }
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
        close()
        joinWorker?()
        joinWorker = nil
        _ = takeWaiting()
    }

    /// Says the events are asked for (or dropped): the worker stops at its next step.
    private func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The pieces, or rests of pieces, the worker has not decoded.
    private func takeWaiting() -> [YAMLListPiece] {
        condition.lock()
        defer { condition.unlock() }
        let left = waiting
        waiting = []
        return left
    }

    /// Events the worker decodes between two looks at whether the events are asked for. The
    /// worker runs at the lowest priority: on a machine busy with other programs it gets little
    /// of a core, and the thread asking for the events (which waits for it) must not wait for a
    /// whole piece at that pace, only for this many events.
    static let step = 32

    /// The worker's loop: the next piece waiting, a step at a time, until the events are asked
    /// for; the rest of its piece then goes back to be decoded on every core.
    private func work() {
        while true {
            condition.lock()
            while waiting.isEmpty && !closed { condition.wait() }
            guard !closed, !waiting.isEmpty else {
                condition.unlock()
                return
            }
            let piece = waiting.removeFirst()
            condition.unlock()
            let decoded = decode(piece, until: { [self] in condition.withLock { closed } })
            condition.lock()
            if decoded.count > 0 { done.append(decoded) }
            if decoded.count < piece.items.count {
                waiting.insert(YAMLListPiece(list: piece.list, firstItem: piece.firstItem + decoded.count,
                                             items: Array(piece.items[decoded.count...])), at: 0)
            }
            condition.unlock()
        }
    }

    /// The piece's first events, a ``step`` at a time until `stop` says so (all of them when it never does).
    private func decode(_ piece: YAMLListPiece, until stop: () -> Bool = { false }) -> Decoded {
        var decoder = PlanDecoder(file: file)
        // Room for the references of a piece's invitations (about twenty an event in a large
        // plan), not grown and copied as they come; room never used is never touched.
        decoder.references.reserveCapacity(piece.items.count * 32)
        var events: [Event] = []
        var count = 0
        while count < piece.items.count && !stop() {
            let end = min(count + Self.step, piece.items.count)
            events += piece.items[count..<end].compactMap { decoder.decodeEvent($0) }
            count = end
        }
        return Decoded(list: piece.list, firstItem: piece.firstItem, count: count, decoder: decoder, events: events)
    }
}
