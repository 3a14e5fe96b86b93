import ConveneCore

/// Every (attendee, occurrence) of the files that were read, ready for the sweep.
struct AttendeeTally {
    let listing: Bool
    var occurrenceCount = 0
    var spans: [TimeSpan] = []
    /// The attendee of each span, numbered across all files.
    var groups: [Int] = []
    /// When listing: where each span came from (part, event).
    var origins: [(part: Int, event: Int)] = []
    /// Every attendee of the files read, numbered across them.
    var book = AddressBook()

    init(listing: Bool) { self.listing = listing }

    mutating func add(_ reader: CalendarReader) {
        var expected = 0
        for part in reader.parts {
            for event in part.result.events { expected += event.spans.count * event.attendees.count }
        }
        // Each part's attendee numbers, renumbered across all parts.
        let local = reader.parts.map { part in
            (0..<part.result.book.count).map { n in part.result.book.withAddress(n) { Int(book.number(forLowercased: $0)) } }
        }
        spans.reserveCapacity(expected)
        groups.reserveCapacity(expected)
        if listing { origins.reserveCapacity(expected) }
        reader.forEachEvent { p, e, eventSpans in
            let result = reader.parts[p].result
            let attendees = result.attendees[result.events[e].attendees]
            occurrenceCount += eventSpans.count
            for span in eventSpans {
                for attendee in attendees {
                    spans.append(span)
                    groups.append(local[p][Int(attendee)])
                    if listing { origins.append((p, e)) }
                }
            }
        }
    }

    /// Every conflicting pair, ordered by attendee, then by the two start times.
    func conflicts(_ reader: CalendarReader) -> [AttendeeConflict] {
        var pairs = OverlapSweep.pairIndices(spans, groups: groups)
        let addresses = (0..<book.count).map { book.address($0) }
        let rank = Self.ranks(of: addresses)
        pairs.sort { a, b in
            (rank[groups[a.first]], spans[a.first].start, spans[a.second].start, a.first, a.second)
                < (rank[groups[b.first]], spans[b.first].start, spans[b.second].start, b.first, b.second)
        }
        // Each event's UID and summary made into Strings once, however many pairs name it.
        var names: [Int: (uid: String, summary: String)] = [:]
        func occurrence(_ index: Int) -> EventOccurrence {
            let origin = origins[index]
            let part = reader.parts[origin.part]
            let key = origin.part << 32 | origin.event
            let name = names[key] ?? {
                let event = part.result.events[origin.event]
                let made = (part.result.uid(of: event), part.result.summary(of: event))
                names[key] = made
                return made
            }()
            return EventOccurrence(file: part.fileName, uid: name.uid, summary: name.summary, span: spans[index])
        }
        return pairs.map { pair in
            AttendeeConflict(attendee: addresses[groups[pair.first]], first: occurrence(pair.first),
                             second: occurrence(pair.second))
        }
    }

    /// The place of each address in alphabetical order.
    private static func ranks(of addresses: [String]) -> [Int] {
        var rank = [Int](repeating: 0, count: addresses.count)
        for (position, number) in addresses.indices.sorted(by: { addresses[$0] < addresses[$1] }).enumerated() {
            rank[number] = position
        }
        return rank
    }
}
