import ConveneCore

/// Attendee double-bookings in any iCalendar files: every VEVENT is expanded (RRULE, RDATE,
/// EXDATE, RECURRENCE-ID overrides) over a window, and for each attendee every pair of occurrences
/// whose UTC spans overlap is counted.
///
/// Each file is split at VEVENT boundaries into parts that are parsed by libical on all cores, each
/// part's tree freed as soon as its events are read. A file with any problem (truncated, not
/// iCalendar, a line libical cannot read, an unknown TZID, a rule it cannot expand) is reported and
/// left out; the other files are still counted.
///
/// Definitions: an occurrence counts when it starts in the window. Its length comes from DTEND, else
/// DURATION, else zero (one day for a DATE). DATE values and floating times are read in the
/// calendar's X-WR-TIMEZONE, else in UTC. Series, overrides, revisions and cancellations are put
/// together by the one path every reader shares (`CalendarReader`; rules in `OccurrenceRules`).
/// Attendees are calendar addresses compared case-insensitively, each counted once per event.
public enum AttendeeConflicts {
    /// Reads the files or folders at `paths` (see `CalendarInput.read`) and scans them.
    public static func scan(paths: [String], options: ConflictScanOptions = ConflictScanOptions()) -> ConflictScan {
        tally(CalendarReader.reading(paths: paths, window: options.window, workers: options.workers,
                                     chunkBytes: options.chunkBytes), options: options)
    }

    /// Scans calendars already in memory.
    public static func scan(_ inputs: [CalendarInput], options: ConflictScanOptions = ConflictScanOptions()) -> ConflictScan {
        tally(CalendarReader(inputs, window: options.window, workers: options.workers, chunkBytes: options.chunkBytes),
              options: options)
    }

    private static func tally(_ reader: CalendarReader, options: ConflictScanOptions) -> ConflictScan {
        var tally = AttendeeTally(listing: options.listsPairs)
        tally.add(reader)
        var result = ConflictScan(problems: reader.problems, filesRead: reader.filesRead,
                                  filesRejected: reader.filesRejected)
        result.warnings = reader.warnings
        result.occurrenceCount = tally.occurrenceCount
        if options.listsPairs {
            result.conflicts = tally.conflicts(reader)
            result.conflictingPairCount = result.conflicts.count
        } else {
            result.conflictingPairCount = OverlapSweep.countPairs(tally.spans, groups: tally.groups)
        }
        return result
    }
}
