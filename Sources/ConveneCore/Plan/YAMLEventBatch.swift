import CYaml
import Foundation

/// A batch of libyaml's events on their way from the parser's thread to the composer's: each
/// event is copied as libyaml makes it, its texts (a scalar's value, an anchor, a tag) into
/// blocks of memory the batch owns and reuses, and libyaml's own event is deleted at once.
///
/// libyaml then frees what it allocated for an event right after allocating it, as it does when
/// it runs alone, and the allocator hands the same few chunks back event after event. Holding
/// libyaml's own events until the composer was done with them (a few thousand at a time) made
/// malloc and free two fifths of the parser thread's time, against a sixth alone.
///
/// Used by one thread at a time: the parser's while it fills the batch, the composer's once it
/// is handed over, the parser's again once given back and ``reset()``.
final class YAMLEventBatch: @unchecked Sendable {
    // Used by one thread at a time (handed over under the queue's lock): the run-time checks of
    // exclusive access to a class's properties, a tenth of the parser thread's time, are left out.
    /// The events, their texts pointing into the batch's blocks (valid until ``reset()``).
    @exclusivity(unchecked) private(set) var events: [yaml_event_t] = []
    @exclusivity(unchecked) private var blocks: [UnsafeMutableRawBufferPointer] = []
    /// The block being filled, and how much of it is used.
    @exclusivity(unchecked) private var block = 0
    @exclusivity(unchecked) private var used = 0

    /// A block's size: a batch of a thousand events of a plan holds about 10 KB of text.
    static let blockSize = 64 * 1024

    init(capacity: Int) { events.reserveCapacity(capacity) }

    deinit {
        for block in blocks { block.deallocate() }
    }

    var count: Int { events.count }

    /// Copies `event` into the batch and deletes libyaml's.
    func take(_ event: inout yaml_event_t) {
        var copy = event
        switch event.type {
        case YAML_SCALAR_EVENT:
            copy.data.scalar.value = store(event.data.scalar.value, count: event.data.scalar.length)
            copy.data.scalar.anchor = store(event.data.scalar.anchor)
            copy.data.scalar.tag = store(event.data.scalar.tag)
        case YAML_SEQUENCE_START_EVENT:
            copy.data.sequence_start.anchor = store(event.data.sequence_start.anchor)
            copy.data.sequence_start.tag = store(event.data.sequence_start.tag)
        case YAML_MAPPING_START_EVENT:
            copy.data.mapping_start.anchor = store(event.data.mapping_start.anchor)
            copy.data.mapping_start.tag = store(event.data.mapping_start.tag)
        case YAML_ALIAS_EVENT:
            copy.data.alias.anchor = store(event.data.alias.anchor)
        case YAML_DOCUMENT_START_EVENT:
            // The composer only counts documents: their directives are not kept.
            copy.data.document_start.version_directive = nil
            copy.data.document_start.tag_directives.start = nil
            copy.data.document_start.tag_directives.end = nil
        default:
            break
        }
        yaml_event_delete(&event)
        events.append(copy)
    }

    /// Empties the batch for the parser's next events, keeping its memory.
    func reset() {
        events.removeAll(keepingCapacity: true)
        block = 0
        used = 0
    }

    /// A NUL-terminated text's copy.
    private func store(_ text: UnsafeMutablePointer<yaml_char_t>?) -> UnsafeMutablePointer<yaml_char_t>? {
        guard let text else { return nil }
        return store(text, count: strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self)))
    }

    /// A copy of `count` bytes, NUL-terminated as libyaml's are.
    private func store(_ bytes: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> UnsafeMutablePointer<yaml_char_t>? {
        guard let bytes else { return nil }
        let size = count + 1
        if blocks.isEmpty || used + size > blocks[block].count {
            // The next block that holds it (one made for a long text is kept and reused too).
            if !blocks.isEmpty { block += 1 }
            while block < blocks.count && blocks[block].count < size { block += 1 }
            if block == blocks.count {
                blocks.append(UnsafeMutableRawBufferPointer.allocate(byteCount: max(Self.blockSize, size), alignment: 8))
            }
            used = 0
        }
        let at = (blocks[block].baseAddress! + used).assumingMemoryBound(to: yaml_char_t.self)
        at.update(from: bytes, count: count)
        at[count] = 0
        used += size
        return at
    }
}
