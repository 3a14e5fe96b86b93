// Every call into libical lives in this file. Owned libical objects are wrapped in final classes that
// free them in deinit and are explicitly not Sendable: a component tree stays on the thread that
// parsed it. Strings libical hands back are copied into Swift at once. C types never leave
// ConveneICal's internals.

import CLibical
import ConveneCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Process-wide set-up

/// libical's global settings, set once, before any parallel work (they are not locked).
enum LibicalRuntime {
    /// The prefix libical gives the TZIDs of the zones it builds from the system tz database.
    /// libical 3.0 wants it to start and end with `/`. Plain IANA TZIDs (`Europe/Helsinki`) in files
    /// without a VTIMEZONE still resolve: libical falls back to its built-in zone of that name.
    static let tzidPrefix = "/freeassociation.sourceforge.net/"

    private static let setUp: Void = {
        // Report errors through icalerrno and X-LIC-ERROR properties; never abort the process.
        icalerror_set_errors_are_fatal(0)
        icaltimezone_set_tzid_prefix(tzidPrefix)
        // Build the UTC zone and the list of built-in zones (zone.tab) now, on one thread.
        _ = icaltimezone_get_utc_timezone()
        _ = icaltimezone_get_builtin_timezones()
        // One conversion in a real zone fixes libical's lazily chosen minimum expansion year.
        if let helsinki = icaltimezone_get_builtin_timezone("Europe/Helsinki") { warm(helsinki) }
    }()

    /// Applies the global settings; cheap after the first call.
    static func prepare() { _ = setUp }

    /// Frees libical's per-thread ring of temporary strings (call when a thread's work is done).
    static func releaseThreadBuffers() { icalmemory_free_ring() }

    /// Loads a zone's rules and its offsets for the years we care about.
    fileprivate static func warm(_ zone: OpaquePointer) {
        _ = icaltimezone_get_component(zone)
        _ = icaltime_from_timet_with_zone(1_735_689_600, 0, zone)  // 2025-01-01
    }
}

/// libical's built-in zones (from the system tzdata), loaded one at a time under a lock: concurrent
/// first loads have crashed libical, and it appends zones missing from zone.tab to a shared array
/// that its TZID lookups read without a lock.
enum BuiltinZones {
    private static let lock = NSRecursiveLock()
    nonisolated(unsafe) private static var loaded: Set<String> = []

    /// Runs `work` while no other thread loads a built-in zone (or runs `serially` work): for work
    /// that may both load zones and let libical look TZIDs up among them.
    static func serially<T, E: Error>(_ work: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try work()
    }

    /// Whether libical knows the zone `identifier` (an IANA name such as `Europe/Helsinki`, or UTC).
    static func exists(_ identifier: String) -> Bool { zone(named: identifier) != nil }

    /// Loads every zone named in `identifiers`; returns the names libical does not know.
    static func preload(_ identifiers: some Sequence<String>) -> Set<String> {
        var unknown: Set<String> = []
        for identifier in identifiers where zone(named: identifier) == nil { unknown.insert(identifier) }
        return unknown
    }

    /// The zone, fully loaded, or nil when unknown.
    fileprivate static func zone(named identifier: String) -> OpaquePointer? {
        LibicalRuntime.prepare()
        // libical opens /usr/share/zoneinfo/<TZID> for names it does not know: a TZID from a file
        // must not walk out of that folder.
        if identifier.contains("..") || identifier.hasPrefix("/") && !identifier.hasPrefix(LibicalRuntime.tzidPrefix) {
            return nil
        }
        if identifier == "UTC" || identifier == "Etc/UTC" || identifier == "Z" {
            return icaltimezone_get_utc_timezone()
        }
        lock.lock()
        defer { lock.unlock() }
        let zone = icaltimezone_get_builtin_timezone_from_tzid(identifier)
            ?? icaltimezone_get_builtin_timezone(identifier)
        if let zone, !loaded.contains(identifier) {
            LibicalRuntime.warm(zone)
            loaded.insert(identifier)
            if let location = icaltimezone_get_location(zone) { names[zone] = String(cString: location) }
        }
        return zone
    }

    /// The IANA name of `zone` when it is one of libical's built-in zones (a TZID the calendar
    /// file names without defining it); nil for a zone read from a VTIMEZONE in the file, even one
    /// whose X-LIC-LOCATION names an IANA zone.
    static func name(of zone: OpaquePointer) -> String? {
        lock.lock()
        if let name = names[zone] {
            lock.unlock()
            return name
        }
        lock.unlock()
        guard zone != icaltimezone_get_utc_timezone(), let location = icaltimezone_get_location(zone) else { return nil }
        let name = String(cString: location)
        return self.zone(named: name) == zone ? name : nil
    }

    /// Built-in zones loaded so far, by pointer (they live as long as the process).
    nonisolated(unsafe) private static var names: [OpaquePointer: String] = [:]
}

// MARK: - Owned component trees

/// A libical component tree this process owns, freed in `deinit`. Not Sendable: a tree is parsed,
/// read and freed on one thread.
final class ICalTree {
    fileprivate let root: OpaquePointer

    private init(adopting root: OpaquePointer) { self.root = root }

    /// Parses iCalendar text; nil when libical finds no component at all (it then leaves
    /// `icalerrno` untouched, so there is nothing more to say).
    static func parse(_ text: UnsafePointer<CChar>) -> ICalTree? {
        LibicalRuntime.prepare()
        return icalparser_parse_string(text).map(ICalTree.init(adopting:))
    }

    /// Parses a Swift string (for small documents; large files go through `parse(_:)`).
    static func parse(_ text: String) -> ICalTree? {
        text.withCString { parse($0) }
    }

    deinit { icalcomponent_free(root) }

    /// The number of `X-LIC-ERROR` properties libical put anywhere in the tree.
    var errorCount: Int { Int(icalcomponent_count_errors(root)) }

    /// The number of `X-LIC-ERROR` properties outside the top-level events: in the calendars'
    /// own properties and their VTIMEZONEs (events count theirs in `ICalEvent.errorCount`).
    var headerErrorCount: Int {
        var count = 0
        func walk(_ component: OpaquePointer) {
            var property = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY)
            while property != nil {
                count += 1
                property = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)
            }
            var child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT)
            while let current = child {
                switch icalcomponent_isa(current) {
                case ICAL_VEVENT_COMPONENT: break
                case ICAL_VCALENDAR_COMPONENT, ICAL_XROOT_COMPONENT: walk(current)
                default: count += Int(icalcomponent_count_errors(current))
                }
                child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)
            }
        }
        if icalcomponent_isa(root) != ICAL_VEVENT_COMPONENT { walk(root) }
        return count
    }

    /// Removes every `X-LIC-ERROR` property (before serialising a repaired tree).
    func stripErrors() { icalcomponent_strip_errors(root) }

    /// The tree as iCalendar text.
    func serialized() -> String {
        guard let text = icalcomponent_as_ical_string_r(root) else { return "" }
        defer { free(text) }
        return String(cString: text)
    }

    /// The top-level events, in document order: the root itself when it is a VEVENT, the VEVENTs
    /// of a VCALENDAR, or of each VCALENDAR under the XROOT libical wraps several calendars in.
    func events() -> [ICalEvent] {
        eventPointers().map { ICalEvent(pointer: $0, tree: self, index: PropertyIndex($0)) }
    }

    /// Every `X-LIC-ERROR` in the tree, with the position (in `events()`) of the event holding it,
    /// or nil for errors in the calendar itself or its VTIMEZONEs.
    func errorNotes() -> [LibicalErrorNote] {
        var eventIndex: [OpaquePointer: Int] = [:]
        for (i, pointer) in eventPointers().enumerated() { eventIndex[pointer] = i }
        var notes: [LibicalErrorNote] = []
        func walk(_ component: OpaquePointer, event: Int?) {
            let event = eventIndex[component] ?? event
            var property = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY)
            while let current = property {
                let text = icalproperty_get_xlicerror(current).map { String(cString: $0) } ?? ""
                var type = "UNKNOWN"
                if let parameter = icalproperty_get_first_parameter(current, ICAL_XLICERRORTYPE_PARAMETER) {
                    type = LibicalErrorNote.typeName(icalparameter_get_xlicerrortype(parameter))
                }
                let kind = icalcomponent_kind_to_string(icalcomponent_isa(component)).map { String(cString: $0) } ?? ""
                notes.append(LibicalErrorNote(text: text, type: type, eventIndex: event, component: kind))
                property = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)
            }
            var child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT)
            while let current = child {
                walk(current, event: event)
                child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)
            }
        }
        walk(root, event: nil)
        return notes
    }

    private func eventPointers() -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        func children(of component: OpaquePointer, _ kind: icalcomponent_kind) -> [OpaquePointer] {
            var list: [OpaquePointer] = []
            var child = icalcomponent_get_first_component(component, kind)
            while let current = child {
                list.append(current)
                child = icalcomponent_get_next_component(component, kind)
            }
            return list
        }
        switch icalcomponent_isa(root) {
        case ICAL_VEVENT_COMPONENT:
            result = [root]
        case ICAL_VCALENDAR_COMPONENT:
            result = children(of: root, ICAL_VEVENT_COMPONENT)
        case ICAL_XROOT_COMPONENT:
            for child in children(of: root, ICAL_ANY_COMPONENT) {
                switch icalcomponent_isa(child) {
                case ICAL_VEVENT_COMPONENT: result.append(child)
                case ICAL_VCALENDAR_COMPONENT: result += children(of: child, ICAL_VEVENT_COMPONENT)
                default: break
                }
            }
        default:
            break
        }
        return result
    }
}

@available(*, unavailable)
extension ICalTree: Sendable {}

/// One `X-LIC-ERROR` libical left in a tree, copied out of it.
struct LibicalErrorNote: Sendable, Hashable {
    /// libical's text: a message, then `: ` and the offending text.
    var text: String
    /// The `X-LIC-ERRORTYPE`, e.g. `VALUE-PARSE-ERROR`.
    var type: String
    /// Which top-level event holds it; nil for the calendar and its VTIMEZONEs.
    var eventIndex: Int?
    /// The component that holds it: `VEVENT`, `VALARM`, `VCALENDAR`, `VTIMEZONE`, `STANDARD`...
    var component = ""

    fileprivate static func typeName(_ type: icalparameter_xlicerrortype) -> String {
        switch type {
        case ICAL_XLICERRORTYPE_COMPONENTPARSEERROR: "COMPONENT-PARSE-ERROR"
        case ICAL_XLICERRORTYPE_PROPERTYPARSEERROR: "PROPERTY-PARSE-ERROR"
        case ICAL_XLICERRORTYPE_PARAMETERNAMEPARSEERROR: "PARAMETER-NAME-PARSE-ERROR"
        case ICAL_XLICERRORTYPE_PARAMETERVALUEPARSEERROR: "PARAMETER-VALUE-PARSE-ERROR"
        case ICAL_XLICERRORTYPE_VALUEPARSEERROR: "VALUE-PARSE-ERROR"
        case ICAL_XLICERRORTYPE_INVALIDITIP: "INVALID-ITIP"
        case ICAL_XLICERRORTYPE_UNKNOWNVCALPROPERROR: "UNKNOWN-VCAL-PROP-ERROR"
        case ICAL_XLICERRORTYPE_MIMEPARSEERROR: "MIME-PARSE-ERROR"
        case ICAL_XLICERRORTYPE_VCALPROPPARSEERROR: "VCAL-PROP-PARSE-ERROR"
        default: "UNKNOWN"
        }
    }
}

// MARK: - Reading events

/// Why an event's recurrence could not be expanded.
enum RecurrenceFailure: Error, Sendable, Hashable {
    /// libical cannot iterate this RRULE (the text of the rule).
    case unsupportedRule(String)
    /// The rule would give about this many occurrences in the window.
    case tooManyOccurrences(Int)
}

/// How an event's times are to be read.
enum ValueClock: Sendable, Hashable {
    /// UTC or a time zone: the spans are instants.
    case instant
    /// Floating DATE-TIME: the spans are wall times written as if UTC.
    case floating
    /// DATE: the spans start at midnight of their day, written as if UTC.
    case date
}

/// An event's first occurrence as UTC instants, and what libical could not resolve.
struct EventTiming: Sendable, Hashable {
    /// DTSTART as a UTC instant (DATE values and floating times written as if UTC; see `clock`).
    var start: UnixSeconds
    /// DTSTART is a DATE.
    var isAllDay: Bool
    /// From DTEND, else DURATION, else zero (a DATE: one day); never negative.
    var duration: Int64
    /// A TZID on DTSTART or DTEND that no VTIMEZONE, built-in zone or Windows name defines.
    var unknownZone: String?
    /// The property that names `unknownZone`.
    var unknownZoneProperty = "DTSTART"
    /// How the spans are to be read.
    var clock: ValueClock = .instant
    /// DTEND lies before DTSTART: it was left out and the length read as if there were no DTEND.
    var endBeforeStart = false
}

/// RECURRENCE-ID of an override, in every form matching it against its series needs.
struct RecurrenceIdentity: Sendable, Hashable {
    /// The value as a wall time written as if UTC (its own zone's wall clock; a DATE's midnight).
    var wall: UnixSeconds
    /// The value as an instant (floating and DATE values: as `wall`).
    var instant: UnixSeconds
    var clock: ValueClock
    /// Written in UTC (`Z`).
    var isUTC: Bool
    /// `RANGE=THISANDFUTURE`: the override moves this and every later occurrence.
    var thisAndFuture: Bool
    /// A TZID no VTIMEZONE, built-in zone or Windows name defines.
    var unknownZone: String?
}

/// The properties of an event that reading it needs, found in one pass over its property list
/// (libical's `get_first_property(kind)` walks the whole list each time).
private struct PropertyIndex {
    var dtstart: OpaquePointer?
    var dtstartCount = 0
    var dtend: OpaquePointer?
    var duration: OpaquePointer?
    var recurrenceID: OpaquePointer?
    var uid: OpaquePointer?
    var summary: OpaquePointer?
    var sequence: OpaquePointer?
    var dtstamp: OpaquePointer?
    var transp: OpaquePointer?
    var status: OpaquePointer?
    var hasRules = false
    var hasDates = false
    var hasExclusionDates = false
    var hasExclusionRules = false
    var attendees: [OpaquePointer] = []
    /// `X-LIC-ERROR` properties in the event and its sub-components (alarms).
    var errors = 0

    init(_ event: OpaquePointer) {
        var property = icalcomponent_get_first_property(event, ICAL_ANY_PROPERTY)
        while let current = property {
            switch icalproperty_isa(current) {
            case ICAL_ATTENDEE_PROPERTY: attendees.append(current)
            case ICAL_DTSTART_PROPERTY:
                dtstart = dtstart ?? current
                dtstartCount += 1
            case ICAL_DTEND_PROPERTY: dtend = dtend ?? current
            case ICAL_DURATION_PROPERTY: duration = duration ?? current
            case ICAL_RECURRENCEID_PROPERTY: recurrenceID = recurrenceID ?? current
            case ICAL_UID_PROPERTY: uid = uid ?? current
            case ICAL_SUMMARY_PROPERTY: summary = summary ?? current
            case ICAL_SEQUENCE_PROPERTY: sequence = sequence ?? current
            case ICAL_DTSTAMP_PROPERTY: dtstamp = dtstamp ?? current
            case ICAL_TRANSP_PROPERTY: transp = transp ?? current
            case ICAL_STATUS_PROPERTY: status = status ?? current
            case ICAL_RRULE_PROPERTY: hasRules = true
            case ICAL_RDATE_PROPERTY: hasDates = true
            case ICAL_EXDATE_PROPERTY: hasExclusionDates = true
            case ICAL_EXRULE_PROPERTY: hasExclusionRules = true
            case ICAL_XLICERROR_PROPERTY: errors += 1
            default: break
            }
            property = icalcomponent_get_next_property(event, ICAL_ANY_PROPERTY)
        }
        var child = icalcomponent_get_first_component(event, ICAL_ANY_COMPONENT)
        while let current = child {
            errors += Int(icalcomponent_count_errors(current))
            child = icalcomponent_get_next_component(event, ICAL_ANY_COMPONENT)
        }
    }
}

/// A VEVENT inside an `ICalTree` (which it keeps alive). Not Sendable, like its tree.
struct ICalEvent {
    fileprivate let pointer: OpaquePointer
    let tree: ICalTree
    fileprivate let index: PropertyIndex

    /// The most occurrences one event may expand to.
    static let occurrenceLimit = OccurrenceEstimate.limit

    /// The UID, if any.
    var uid: String? { index.uid.flatMap(icalproperty_get_uid).map { String(cString: $0) } }

    /// The SUMMARY, if any.
    var summary: String? { index.summary.flatMap(icalproperty_get_summary).map { String(cString: $0) } }

    /// The number of `X-LIC-ERROR` properties in this event (and its alarms).
    var errorCount: Int { index.errors }

    /// How many DTSTART lines the event has (RFC 5545 allows one).
    var startCount: Int { index.dtstartCount }

    /// SEQUENCE, 0 when absent.
    var sequence: Int { index.sequence.map { Int(icalproperty_get_sequence($0)) } ?? 0 }

    /// DTSTAMP as a UTC instant, 0 when absent.
    var stamp: UnixSeconds {
        guard let property = index.dtstamp else { return 0 }
        let time = icalproperty_get_dtstamp(property)
        return icaltime_is_null_time(time) == 0 ? unixSeconds(time) : 0
    }

    /// STATUS is CANCELLED.
    var isCancelled: Bool {
        guard let property = index.status else { return false }
        return icalproperty_get_status(property) == ICAL_STATUS_CANCELLED
    }

    /// TRANSP is TRANSPARENT (the event does not make its owner busy; RFC 5545 §3.8.2.7, default OPAQUE).
    var isTransparent: Bool {
        guard let property = index.transp else { return false }
        let value = icalproperty_get_transp(property)
        return value == ICAL_TRANSP_TRANSPARENT || value == ICAL_TRANSP_TRANSPARENTNOCONFLICT
    }

    /// Appends the UID's UTF-8 bytes to `text` (copied at once) and returns where they are.
    func copyUID(into text: inout [UInt8]) -> Range<Int> {
        Self.copy(index.uid.flatMap(icalproperty_get_uid), into: &text)
    }

    /// Appends the SUMMARY's UTF-8 bytes to `text` (copied at once) and returns where they are.
    func copySummary(into text: inout [UInt8]) -> Range<Int> {
        Self.copy(index.summary.flatMap(icalproperty_get_summary), into: &text)
    }

    private static func copy(_ string: UnsafePointer<CChar>?, into text: inout [UInt8]) -> Range<Int> {
        let start = text.count
        if let string {
            string.withMemoryRebound(to: UInt8.self, capacity: strlen(string) + 1) { bytes in
                text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: strlen(string)))
            }
        }
        return start..<text.count
    }

    /// Start, length and zone problems of the first occurrence; nil without a usable DTSTART.
    func timing() -> EventTiming? {
        guard let startProperty = index.dtstart else { return nil }
        let (start, startUnknown) = value(of: startProperty)
        guard icaltime_is_null_time(start) == 0 else { return nil }
        let startSeconds = instant(start)
        let isAllDay = icaltime_is_date(start) != 0
        let clock: ValueClock = isAllDay ? .date : (start.zone == nil && icaltime_is_utc(start) == 0 ? .floating : .instant)
        var timing = EventTiming(start: startSeconds, isAllDay: isAllDay, duration: isAllDay ? 86_400 : 0,
                                 unknownZone: startUnknown, clock: clock)
        if let endProperty = index.dtend {
            let (end, endUnknown) = value(of: endProperty, defaultZone: start.zone)
            if icaltime_is_null_time(end) == 0 {
                if timing.unknownZone == nil, let endUnknown {
                    timing.unknownZone = endUnknown
                    timing.unknownZoneProperty = "DTEND"
                }
                let length = instant(end) - startSeconds
                if length >= 0 { timing.duration = length } else { timing.endBeforeStart = true }
            }
        } else if let durationProperty = index.duration,
                  icalproperty_get_value(durationProperty) != nil {
            timing.duration = max(0, Self.length(of: icalproperty_get_duration(durationProperty), from: start,
                                                 at: startSeconds, instant: instant))
        }
        return timing
    }

    /// The seconds a DURATION lasts from `start`: weeks and days are nominal (calendar days in the
    /// zone, so 23 or 25 hours across a DST change), hours, minutes and seconds exact (RFC 5545 §3.3.6).
    private static func length(of duration: icaldurationtype, from start: icaltimetype, at startSeconds: UnixSeconds,
                               instant: (icaltimetype) -> UnixSeconds) -> Int64 {
        var days = icaldurationtype_null_duration()
        days.weeks = duration.weeks
        days.days = duration.days
        days.is_neg = duration.is_neg
        let nominal = duration.weeks == 0 && duration.days == 0 ? 0 : instant(icaltime_add(start, days)) - startSeconds
        let exact = Int64(duration.hours) * 3_600 + Int64(duration.minutes) * 60 + Int64(duration.seconds)
        return nominal + (duration.is_neg != 0 ? -exact : exact)
    }

    /// The first TZID on an RDATE or EXDATE that no VTIMEZONE, built-in zone or Windows name
    /// defines, and the property that names it (checked before expanding: such a date would be
    /// read at the wrong instant).
    func unresolvedDateZone() -> (zone: String, property: String)? {
        guard index.hasDates || index.hasExclusionDates else { return nil }
        var found: (zone: String, property: String)?
        for (kind, name) in [(ICAL_RDATE_PROPERTY, "RDATE"), (ICAL_EXDATE_PROPERTY, "EXDATE")] where found == nil {
            forEach(kind) { property in
                guard found == nil else { return }
                var time: icaltimetype
                if kind == ICAL_RDATE_PROPERTY {
                    let value = icalproperty_get_rdate(property)
                    time = icaltime_is_null_time(value.time) == 0 ? value.time : value.period.start
                } else {
                    time = icalproperty_get_datetime_with_component(property, pointer)
                }
                if let zone = resolveZone(of: &time, property: property).1 { found = (zone, name) }
            }
        }
        return found
    }

    /// RECURRENCE-ID, if the event overrides an occurrence of a series.
    func recurrenceIdentity() -> RecurrenceIdentity? {
        guard let property = index.recurrenceID else { return nil }
        let (time, unknown) = value(of: property)
        guard icaltime_is_null_time(time) == 0 else { return nil }
        let isDate = icaltime_is_date(time) != 0
        let clock: ValueClock = isDate ? .date : (time.zone == nil && icaltime_is_utc(time) == 0 ? .floating : .instant)
        var thisAndFuture = false
        if let range = icalproperty_get_first_parameter(property, ICAL_RANGE_PARAMETER) {
            thisAndFuture = icalparameter_get_range(range) == ICAL_RANGE_THISANDFUTURE
        }
        return RecurrenceIdentity(wall: wallSeconds(time), instant: instant(time), clock: clock,
                                  isUTC: icaltime_is_utc(time) != 0, thisAndFuture: thisAndFuture, unknownZone: unknown)
    }

    /// Calls `body` with each ATTENDEE's calendar address, as libical holds it. The pointer is valid
    /// only during the call: copy what you keep.
    func forEachAttendee(_ body: (UnsafePointer<CChar>) -> Void) {
        for property in index.attendees {
            if let address = icalproperty_get_attendee(property) { body(address) }
        }
    }

    /// Every occurrence whose start lies in `window`, sorted, one per start, each lasting
    /// `timing.duration` (an RDATE PERIOD its own length). Changes the event's properties on the way
    /// (the tree is read once and then freed).
    ///
    /// RRULE and EXRULE go through `icalcomponent_foreach_recurrence`. DTSTART always counts
    /// (RFC 5545 §3.8.5.3, as Python's recurring-ical-events does). RDATEs and EXDATEs are read
    /// here, each TZID resolved as DTSTART's is (libical 3.0.16 reads RDATE times as UTC and
    /// compares EXDATEs without their zone). A DATE EXDATE removes the occurrence on that day.
    /// With `ignoringRules` (an override: one instance, RFC 5545 §3.8.4.4) RRULE and EXRULE are
    /// left out.
    ///
    /// A series in a time zone is expanded in floating wall time and each occurrence converted by
    /// RFC 5545 §3.3.5 (see `instant`): libical 3.0.16's zoned iterator moves every occurrence after
    /// a skipped hour by that hour (02:30 becomes 03:30 for the rest of the series) and reads a
    /// repeated hour as its second instant.
    func occurrences(in window: TimeSpan, timing: EventTiming,
                     ignoringRules: Bool = false) throws(RecurrenceFailure) -> [TimeSpan] {
        guard let startProperty = index.dtstart, window.start < window.end else { return [] }
        let duration = timing.duration
        let (dtstart, _) = value(of: startProperty)
        let usesRules = index.hasRules && !ignoringRules
        var spans: [TimeSpan] = []
        func add(_ start: UnixSeconds, _ length: Int64) {
            if window.start <= start, start < window.end { spans.append(TimeSpan(start: start, end: start + max(0, length))) }
        }

        // EXDATEs, read here and then taken out of libical's way.
        var exclusions = Exclusions()
        var exclusionDates: [OpaquePointer] = []
        if index.hasExclusionDates {
            forEach(ICAL_EXDATE_PROPERTY) { exclusionDates.append($0) }
            for property in exclusionDates {
                let (time, _) = value(of: property, defaultZone: dtstart.zone)
                guard icaltime_is_null_time(time) == 0 else { continue }
                if icaltime_is_date(time) != 0 { exclusions.days.insert(wallSeconds(time) / 86_400) }
                else { exclusions.instants.insert(instant(time)) }
            }
        }
        func excluded(_ start: UnixSeconds) -> Bool {
            if exclusions.instants.contains(start) { return true }
            guard !exclusions.days.isEmpty else { return false }
            return exclusions.days.contains(Self.floorDiv(localWall(start, zone: dtstart.zone), 86_400))
        }

        // DTSTART, unless excluded: the first occurrence even when a rule would not produce it.
        if !excluded(timing.start) { add(timing.start, duration) }
        if !usesRules && !index.hasDates { return spans }

        // RDATEs, read here and then taken out of libical's way.
        var recurrenceDates: [OpaquePointer] = []
        forEach(ICAL_RDATE_PROPERTY) { recurrenceDates.append($0) }
        for property in recurrenceDates {
            guard let found = recurrenceDate(property, duration: duration, defaultZone: dtstart.zone),
                  !excluded(found.start) else { continue }
            add(found.start, found.length)
        }

        if usesRules {
            let removed = recurrenceDates + exclusionDates
            for property in removed { icalcomponent_remove_property(pointer, property) }
            defer { for property in removed { icalcomponent_add_property(pointer, property) } }
            let zone = dtstart.zone.flatMap { $0 == icaltimezone_get_utc_timezone() ? nil : $0 }
            let floating = zone != nil && icaltime_is_date(dtstart) == 0
            if icaltime_is_date(dtstart) == 0 { untilDatesToEndOfDay(utc: icaltime_is_utc(dtstart) != 0 && !floating) }
            if floating { makeFloating(startProperty, start: dtstart, zone: zone!) }
            try checkRules(from: timing.start, window: window)

            // A margin of two days covers every zone's offset; starts are filtered after conversion.
            let utc = icaltimezone_get_utc_timezone()
            let margin: Int64 = floating ? 2 * 86_400 : 86_400
            let low = icaltime_from_timet_with_zone(time_t(window.start - margin), 0, utc)
            let high = icaltime_from_timet_with_zone(time_t(window.end + margin), 0, utc)
            var starts: [UnixSeconds] = []
            withUnsafeMutablePointer(to: &starts) { sink in
                icalcomponent_foreach_recurrence(pointer, low, high, { _, span, context in
                    guard let span, let context else { return }
                    context.assumingMemoryBound(to: [UnixSeconds].self).pointee.append(UnixSeconds(span.pointee.start))
                }, sink)
            }
            for start in starts {
                var instantStart = start
                if floating, let zone {
                    // A floating start is the wall time read as UTC: read it in the zone instead.
                    var wall = icaltime_from_timet_with_zone(time_t(start), 0, utc)
                    wall.zone = zone
                    instantStart = instant(wall)
                }
                if !excluded(instantStart) { add(instantStart, duration) }
            }
        }

        if spans.count > 1 {
            spans.sort()
            var unique: [TimeSpan] = [spans[0]]
            for span in spans.dropFirst() where span.start != unique[unique.count - 1].start { unique.append(span) }
            spans = unique
        }
        return spans
    }

    /// EXDATE values: exact instants, and whole days (DATE values, as days since 1970-01-01).
    private struct Exclusions {
        var instants: Set<UnixSeconds> = []
        var days: Set<Int64> = []
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// The wall time of `instant` in `zone` (UTC or none: itself), written as if UTC.
    private func localWall(_ instant: UnixSeconds, zone: OpaquePointer?) -> UnixSeconds {
        guard let zone, zone != icaltimezone_get_utc_timezone() else { return instant }
        return LibicalClock.wall(ofInstant: instant, in: zone)
    }

    /// A DATE UNTIL on a DATE-TIME series (Outlook writes them; RFC 5545 §3.3.10 wants a
    /// DATE-TIME) keeps its whole last day: it becomes 23:59:59 of that day, in UTC for a UTC
    /// series, else in the series' own wall time (libical and Python's recurring-ical-events stop
    /// at its midnight and drop the last day's occurrence).
    private func untilDatesToEndOfDay(utc: Bool) {
        forEach(ICAL_RRULE_PROPERTY) { property in
            var rule = icalproperty_get_rrule(property)
            guard icaltime_is_null_time(rule.until) == 0, icaltime_is_date(rule.until) != 0 else { return }
            rule.until.is_date = 0
            rule.until.hour = 23; rule.until.minute = 59; rule.until.second = 59
            rule.until.zone = utc ? icaltimezone_get_utc_timezone() : nil
            icalproperty_set_rrule(property, rule)
        }
    }

    /// Rewrites DTSTART and every RRULE's UNTIL as floating wall times in `zone`, so that libical
    /// iterates wall-clock times without converting them.
    private func makeFloating(_ startProperty: OpaquePointer, start original: icaltimetype, zone: OpaquePointer) {
        let utc = icaltimezone_get_utc_timezone()
        func wall(_ instant: UnixSeconds) -> icaltimetype {
            var time = icaltime_from_timet_with_zone(time_t(LibicalClock.wall(ofInstant: instant, in: zone)), 0, utc)
            time.zone = nil
            time.is_daylight = 0
            return time
        }
        var start = original
        start.zone = nil
        start.is_daylight = 0
        icalproperty_set_dtstart(startProperty, start)
        icalproperty_remove_parameter_by_kind(startProperty, ICAL_TZID_PARAMETER)
        forEach(ICAL_RRULE_PROPERTY) { property in
            var rule = icalproperty_get_rrule(property)
            guard icaltime_is_null_time(rule.until) == 0, icaltime_is_date(rule.until) == 0 else { return }
            let until = icaltime_is_utc(rule.until) != 0
                ? UnixSeconds(icaltime_as_timet_with_zone(rule.until, utc))
                : instant({ var local = rule.until; local.zone = zone; return local }())
            rule.until = wall(until)
            icalproperty_set_rrule(property, rule)
        }
    }

    /// Checks that libical can iterate every RRULE from DTSTART and that none would give more
    /// occurrences than `occurrenceLimit` in the window.
    private func checkRules(from start: UnixSeconds, window: TimeSpan) throws(RecurrenceFailure) {
        let dtstart = icalcomponent_get_dtstart(pointer)
        var failure: RecurrenceFailure?
        forEach(ICAL_RRULE_PROPERTY) { rule in
            var recurrence = icalproperty_get_rrule(rule)
            guard let iterator = icalrecur_iterator_new(recurrence, dtstart) else {
                failure = failure ?? .unsupportedRule(Self.ruleText(rule))
                return
            }
            icalrecur_iterator_free(iterator)
            if let estimate = OccurrenceEstimate.refusal(rule: Self.valueText(&recurrence), from: start, to: window.end) {
                failure = failure ?? .tooManyOccurrences(estimate)
            }
        }
        if let failure { throw failure }
    }

    /// Calls `body` with each property of `kind`; `body` must not add or remove properties.
    private func forEach(_ kind: icalproperty_kind, _ body: (OpaquePointer) -> Void) {
        var property = icalcomponent_get_first_property(pointer, kind)
        while let current = property {
            body(current)
            property = icalcomponent_get_next_property(pointer, kind)
        }
    }

    /// A wall time as a UTC instant by RFC 5545 §3.3.5: DATE values and floating times read as
    /// UTC; a repeated wall time (the hour after clocks go back) is its first instant, in every
    /// zone, including those whose tz rules have negative daylight saving (Europe/Dublin,
    /// Africa/Casablanca), where libical's `is_daylight` choice gives the second; a wall time in a
    /// DST gap takes the offset in force before the gap.
    private func instant(_ time: icaltimetype) -> UnixSeconds {
        guard let zone = time.zone, zone != icaltimezone_get_utc_timezone(), icaltime_is_date(time) == 0 else {
            return unixSeconds(time)
        }
        return LibicalClock.firstInstant(ofWall: wallSeconds(time), in: zone)
    }

    /// A property's DATE or DATE-TIME with its TZID resolved: the file's VTIMEZONE, else libical's
    /// built-in zone, else the IANA zone a Windows or prefixed name stands for (`TimeZoneNames`).
    /// A floating value of a property without TZID takes `defaultZone` (DTEND, EXDATE and RDATE
    /// written without TZID beside a zoned DTSTART). The second value is a TZID none of these
    /// define.
    private func value(of property: OpaquePointer, defaultZone: OpaquePointer? = nil) -> (icaltimetype, String?) {
        var time = icalproperty_get_datetime_with_component(property, pointer)
        return resolveZone(of: &time, property: property, defaultZone: defaultZone)
    }

    private func resolveZone(of time: inout icaltimetype, property: OpaquePointer,
                             defaultZone: OpaquePointer? = nil) -> (icaltimetype, String?) {
        guard icaltime_is_null_time(time) == 0, icaltime_is_utc(time) == 0, time.zone == nil,
              icaltime_is_date(time) == 0 else { return (time, nil) }
        guard let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER),
              let tzid = icalparameter_get_tzid(parameter) else {
            if let defaultZone { time.zone = defaultZone }
            return (time, nil)
        }
        if let zone = zone(named: tzid) {
            time.zone = zone
            return (time, nil)
        }
        return (time, String(cString: tzid))
    }

    /// The zone a TZID names, looked up as libical looks up DTSTART's, then by `TimeZoneNames`.
    private func zone(named tzid: UnsafePointer<CChar>) -> OpaquePointer? {
        var component: OpaquePointer? = pointer
        while let current = component {
            if let zone = icalcomponent_get_timezone(current, tzid) { return zone }
            component = icalcomponent_get_parent(current)
        }
        let name = String(cString: tzid)
        if let zone = BuiltinZones.zone(named: name) { return zone }
        guard let iana = TimeZoneNames.resolve(name) else { return nil }
        return BuiltinZones.zone(named: iana)
    }

    private func wallSeconds(_ time: icaltimetype) -> Int64 { LibicalClock.wallSeconds(time) }

    /// An RDATE's start (as an instant) and length.
    private func recurrenceDate(_ property: OpaquePointer, duration: Int64, defaultZone: OpaquePointer?)
        -> (start: UnixSeconds, length: Int64)? {
        let value = icalproperty_get_rdate(property)
        if icaltime_is_null_time(value.time) == 0 {
            var raw = value.time
            let (time, _) = resolveZone(of: &raw, property: property, defaultZone: defaultZone)
            return (instant(time), duration)
        }
        let period = value.period
        guard icaltime_is_null_time(period.start) == 0 else { return nil }
        var rawStart = period.start
        let (start, _) = resolveZone(of: &rawStart, property: property, defaultZone: defaultZone)
        let startSeconds = instant(start)
        if icaltime_is_null_time(period.end) == 0 {
            var rawEnd = period.end
            let (end, _) = resolveZone(of: &rawEnd, property: property, defaultZone: defaultZone)
            return (startSeconds, instant(end) - startSeconds)
        }
        return (startSeconds, Int64(icaldurationtype_as_int(period.duration)))
    }

    /// A rule's value as libical writes it (`FREQ=WEEKLY;COUNT=4`): the text the occurrence
    /// estimate reads, without the property line's name, folding and line end.
    private static func valueText(_ rule: inout icalrecurrencetype) -> String {
        guard let text = icalrecurrencetype_as_string_r(&rule) else { return "" }
        defer { free(text) }
        return String(cString: text)
    }

    private static func ruleText(_ property: OpaquePointer) -> String {
        guard let text = icalproperty_as_ical_string_r(property) else { return "RRULE" }
        defer { free(text) }
        return String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

@available(*, unavailable)
extension ICalEvent: Sendable {}

/// A libical time as seconds since the epoch; DATE values and floating times read as UTC.
private func unixSeconds(_ time: icaltimetype) -> UnixSeconds {
    UnixSeconds(icaltime_as_timet_with_zone(time, time.zone ?? icaltimezone_get_utc_timezone()))
}

// MARK: - Recurrence rules

/// RRULE checks through libical's own rule parser and iterator.
enum LibicalRules {
    /// The rule parts RFC 5545 defines, in its order.
    static let partNames = ["FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR",
                            "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"]

    /// Whether libical reads `rule` (e.g. `FREQ=WEEKLY;COUNT=4`) as a recurrence with a frequency.
    static func parses(_ rule: String) -> Bool {
        LibicalRuntime.prepare()
        var recurrence = icalrecurrencetype_from_string(rule)
        defer { if let scale = recurrence.rscale { free(scale); recurrence.rscale = nil } }
        return recurrence.freq != ICAL_NO_RECURRENCE
    }

    /// Whether libical can iterate `rule` from a first occurrence at 2025-01-01 09:00 (floating).
    static func iterates(_ rule: String) -> Bool {
        LibicalRuntime.prepare()
        var recurrence = icalrecurrencetype_from_string(rule)
        defer { if let scale = recurrence.rscale { free(scale); recurrence.rscale = nil } }
        guard recurrence.freq != ICAL_NO_RECURRENCE else { return false }
        var start = icaltime_null_time()
        start.year = 2025; start.month = 1; start.day = 1; start.hour = 9
        guard let iterator = icalrecur_iterator_new(recurrence, start) else { return false }
        icalrecur_iterator_free(iterator)
        return true
    }
}

// MARK: - Building events

/// A time to write into a new event.
enum WallTime: Sendable, Hashable {
    /// A UTC instant (written with `Z`).
    case utc(UnixSeconds)
    /// A wall-clock time in an IANA zone (written with a plain `TZID=` parameter).
    case zoned(CivilDateTime, zone: String)
    /// A wall-clock time with no zone.
    case floating(CivilDateTime)
    /// A whole day (a DATE value).
    case date(CivilDate)
}

/// The fields of a VEVENT to build.
struct EventDraft: Sendable, Hashable {
    var uid: String
    var summary: String
    var start: WallTime
    var end: WallTime?
    /// RRULE text, e.g. `FREQ=WEEKLY;COUNT=4`.
    var rule: String?
    var exceptions: [WallTime] = []
    /// Calendar addresses, e.g. `mailto:jane@example.org`.
    var attendees: [String] = []
}

/// Why a draft could not be built.
enum DraftFailure: Error, Sendable, Hashable {
    case unknownZone(String)
    case invalidRule(String)
}

extension ICalTree {
    /// A VCALENDAR (VERSION 2.0, the PRODID given) holding one VEVENT per draft, each stamped
    /// with `stamp` as DTSTAMP.
    static func calendar(prodID: String, events: [EventDraft], stamp: UnixSeconds) throws(DraftFailure) -> ICalTree {
        LibicalRuntime.prepare()
        let tree = ICalTree(adopting: icalcomponent_new(ICAL_VCALENDAR_COMPONENT))
        icalcomponent_add_property(tree.root, icalproperty_new_version("2.0"))
        icalcomponent_add_property(tree.root, icalproperty_new_prodid(prodID))
        for draft in events {
            // Built detached, then handed to the calendar, which owns it from then on.
            let event = try ICalTree.event(draft, stamp: stamp)
            icalcomponent_add_component(tree.root, icalcomponent_new_clone(event.root))
        }
        return tree
    }

    /// A lone VEVENT built from a draft.
    static func event(_ draft: EventDraft, stamp: UnixSeconds) throws(DraftFailure) -> ICalTree {
        LibicalRuntime.prepare()
        let tree = ICalTree(adopting: icalcomponent_new(ICAL_VEVENT_COMPONENT))
        let event = tree.root
        let utc = icaltimezone_get_utc_timezone()
        icalcomponent_add_property(event, icalproperty_new_uid(draft.uid))
        icalcomponent_add_property(event, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(time_t(stamp), 0, utc)))
        icalcomponent_add_property(event, icalproperty_new_summary(draft.summary))
        let (start, startZone) = try libicalTime(draft.start)
        icalcomponent_add_property(event, zoned(icalproperty_new_dtstart(start), startZone))
        if let end = draft.end {
            let (time, zone) = try libicalTime(end)
            icalcomponent_add_property(event, zoned(icalproperty_new_dtend(time), zone))
        }
        if let rule = draft.rule {
            var recurrence = icalrecurrencetype_from_string(rule)
            defer { if let scale = recurrence.rscale { free(scale); recurrence.rscale = nil } }
            guard recurrence.freq != ICAL_NO_RECURRENCE else { throw .invalidRule(rule) }
            icalcomponent_add_property(event, icalproperty_new_rrule(recurrence))
        }
        for exception in draft.exceptions {
            let (time, zone) = try libicalTime(exception)
            icalcomponent_add_property(event, zoned(icalproperty_new_exdate(time), zone))
        }
        for address in draft.attendees {
            icalcomponent_add_property(event, icalproperty_new_attendee(address))
        }
        return tree
    }

    private static func zoned(_ property: OpaquePointer, _ zone: String?) -> OpaquePointer {
        if let zone { icalproperty_add_parameter(property, icalparameter_new_tzid(zone)) }
        return property
    }

    /// The libical time for a wall time, and the TZID to write beside it.
    private static func libicalTime(_ time: WallTime) throws(DraftFailure) -> (icaltimetype, String?) {
        var value = icaltime_null_time()
        func set(_ wall: CivilDateTime) {
            value.year = Int32(wall.date.year); value.month = Int32(wall.date.month); value.day = Int32(wall.date.day)
            value.hour = Int32(wall.minuteOfDay / 60); value.minute = Int32(wall.minuteOfDay % 60)
        }
        switch time {
        case .utc(let seconds):
            return (icaltime_from_timet_with_zone(time_t(seconds), 0, icaltimezone_get_utc_timezone()), nil)
        case .floating(let wall):
            set(wall)
            return (value, nil)
        case .date(let date):
            value.year = Int32(date.year); value.month = Int32(date.month); value.day = Int32(date.day)
            value.is_date = 1
            return (value, nil)
        case .zoned(let wall, let zoneID):
            guard let zone = BuiltinZones.zone(named: zoneID) else { throw .unknownZone(zoneID) }
            set(wall)
            value.zone = zone
            return (value, zone == icaltimezone_get_utc_timezone() ? nil : zoneID)
        }
    }
}

// MARK: - Instants in zones

/// Wall-clock conversions in the zones a calendar file names. One path per kind of zone: an IANA
/// zone the file names without a VTIMEZONE of its own (a libical built-in zone) is read by
/// `ZoneClock`, the one reader of the system tzdata every other answer comes from (libical 3.0.16's
/// built-in zones break RFC 5545 §3.3.5 and get whole seasons wrong: Sao Paulo 2014, Tehran 2019);
/// a zone defined by a VTIMEZONE inside the file, which only libical knows, is read by libical.
enum LibicalClock {
    /// The instant a wall time (written as if UTC) names in `zoneID`, by RFC 5545 §3.3.5 (see
    /// `firstInstant(ofWall:in:)`); nil for an unknown zone.
    static func instant(ofWall wall: UnixSeconds, inZoneNamed zoneID: String) -> UnixSeconds? {
        guard let zone = BuiltinZones.zone(named: zoneID) else { return nil }
        if zone == icaltimezone_get_utc_timezone() { return wall }
        return firstInstant(ofWall: wall, in: zone)
    }

    /// The wall clock of `instant` in `zoneID`, written as if UTC; nil for an unknown zone.
    static func wall(ofInstant instant: UnixSeconds, inZoneNamed zoneID: String) -> UnixSeconds? {
        guard let zone = BuiltinZones.zone(named: zoneID) else { return nil }
        if zone == icaltimezone_get_utc_timezone() { return instant }
        return wall(ofInstant: instant, in: zone)
    }

    /// The wall clock of `instant` in `zone`, written as if UTC: `ZoneClock`'s for a built-in
    /// zone, libical's for a VTIMEZONE of the file.
    static func wall(ofInstant instant: UnixSeconds, in zone: OpaquePointer) -> UnixSeconds {
        if let rules = tzdataRules(of: zone) { return instant + Int64(rules.offset(at: instant)) }
        return wallSeconds(icaltime_from_timet_with_zone(time_t(instant), 0, zone))
    }

    /// The system tzdata's rules for a built-in zone (through `ZoneClock`'s database); nil for a
    /// zone defined by a VTIMEZONE in the file.
    private static func tzdataRules(of zone: OpaquePointer) -> ZoneRules? {
        BuiltinZones.name(of: zone).flatMap(ZoneDatabase.zone)
    }

    /// What libical makes of a wall time in `zoneID` read as daylight-saving time (`is_daylight`,
    /// libical's way to pick the summer reading of a repeated hour, which is its first instant in
    /// ordinary zones): in zones whose tz rules have negative daylight saving (Dublin, Casablanca)
    /// the "daylight" reading is winter time, so it gives the second instant. Kept to show that
    /// difference in the tests; `firstInstant` does not depend on it.
    static func libicalDaylightInstant(ofWall wall: UnixSeconds, inZoneNamed zoneID: String) -> UnixSeconds? {
        guard let zone = BuiltinZones.zone(named: zoneID) else { return nil }
        var time = icaltime_from_timet_with_zone(time_t(wall), 0, icaltimezone_get_utc_timezone())
        time.zone = zone
        time.is_daylight = 1
        return UnixSeconds(icaltime_as_timet_with_zone(time, zone))
    }

    /// The first instant whose wall clock in `zone` reads `wall`; in a gap (clocks going forward),
    /// `wall` read with the offset in force before the gap (RFC 5545 §3.3.5). A built-in zone is
    /// read by `ZoneClock`'s rules; for a VTIMEZONE of the file, libical's offsets a day either
    /// side are compared: when they agree no change is near, else both are tried.
    static func firstInstant(ofWall wall: UnixSeconds, in zone: OpaquePointer) -> UnixSeconds {
        if let rules = tzdataRules(of: zone) {
            let minute = wall - ((wall % 60) + 60) % 60
            return rules.instant(CivilDateTime(secondsAsIfUTC: minute)) + (wall - minute)
        }
        func offset(at instant: UnixSeconds) -> Int64 {
            wallSeconds(icaltime_from_timet_with_zone(time_t(instant), 0, zone)) - instant
        }
        let before = offset(at: wall - 86_400), after = offset(at: wall + 86_400)
        if before == after { return wall - before }
        let early = wall - before, late = wall - after
        let earlyFits = offset(at: early) == before, lateFits = offset(at: late) == after
        switch (earlyFits, lateFits) {
        case (true, true): return min(early, late)
        case (false, true): return late
        default: return early
        }
    }

    /// A libical time's wall clock written as if UTC (seconds since 1970-01-01T00:00 of that clock).
    static func wallSeconds(_ time: icaltimetype) -> Int64 {
        let days = CivilDate(year: Int(time.year), month: Int(time.month), day: Int(time.day)).daysSinceEpoch
        return Int64(days) * 86_400 + Int64(time.hour) * 3_600 + Int64(time.minute) * 60 + Int64(time.second)
    }
}

// MARK: - Reading replies (iTIP)

/// One ATTENDEE line of an event: the address and what it says about taking part.
struct AttendeeReply: Sendable, Hashable {
    /// The calendar address as written (e.g. `mailto:name@host`).
    var address: String
    /// PARTSTAT in upper case (`ACCEPTED`, `DECLINED`, ...), nil when absent.
    var participation: String?
    /// DELEGATED-TO addresses.
    var delegatedTo: [String]
}

extension ICalTree {
    /// The calendar's METHOD (`REQUEST`, `REPLY`, `PUBLISH`...), upper case; nil when absent.
    var method: String? {
        func method(of component: OpaquePointer) -> String? {
            guard let property = icalcomponent_get_first_property(component, ICAL_METHOD_PROPERTY),
                  let text = icalproperty_get_value_as_string(property) else { return nil }
            return String(cString: text).uppercased()
        }
        if icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT { return method(of: root) }
        var child = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT)
        while let calendar = child {
            if let found = method(of: calendar) { return found }
            child = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)
        }
        return nil
    }
}

extension ICalTree {
    /// The calendar's X-WR-TIMEZONE (the zone Google and Apple mean for its floating times), if any.
    var calendarZoneName: String? {
        func zone(of component: OpaquePointer) -> String? {
            var property = icalcomponent_get_first_property(component, ICAL_X_PROPERTY)
            while let current = property {
                if let name = icalproperty_get_x_name(current), strcasecmp(name, "X-WR-TIMEZONE") == 0,
                   let value = icalproperty_get_x(current) {
                    return String(cString: value).trimmingCharacters(in: .whitespaces)
                }
                property = icalcomponent_get_next_property(component, ICAL_X_PROPERTY)
            }
            return nil
        }
        if icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT { return zone(of: root) }
        return nil
    }

    /// Busy periods of every VFREEBUSY (FREEBUSY lines whose FBTYPE is not FREE), as UTC spans.
    var freeBusyPeriods: [TimeSpan] {
        var spans: [TimeSpan] = []
        func visit(_ component: OpaquePointer) {
            if icalcomponent_isa(component) == ICAL_VFREEBUSY_COMPONENT {
                var property = icalcomponent_get_first_property(component, ICAL_FREEBUSY_PROPERTY)
                while let current = property {
                    var free = false
                    if let type = icalproperty_get_first_parameter(current, ICAL_FBTYPE_PARAMETER) {
                        free = icalparameter_get_fbtype(type) == ICAL_FBTYPE_FREE
                    }
                    let period = icalproperty_get_freebusy(current)
                    if !free, icaltime_is_null_time(period.start) == 0 {
                        let start = unixSeconds(period.start)
                        let end = icaltime_is_null_time(period.end) == 0
                            ? unixSeconds(period.end) : start + Int64(icaldurationtype_as_int(period.duration))
                        if end > start { spans.append(TimeSpan(start: start, end: end)) }
                    }
                    property = icalcomponent_get_next_property(component, ICAL_FREEBUSY_PROPERTY)
                }
            }
            var child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT)
            while let current = child {
                visit(current)
                child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)
            }
        }
        visit(root)
        return spans
    }
}

extension ICalEvent {
    /// Every ATTENDEE with its PARTSTAT and DELEGATED-TO, copied out of the tree.
    func attendeeReplies() -> [AttendeeReply] {
        index.attendees.compactMap { property in
            guard let address = icalproperty_get_attendee(property) else { return nil }
            var participation: String?
            if let parameter = icalproperty_get_first_parameter(property, ICAL_PARTSTAT_PARAMETER),
               let text = icalparameter_as_ical_string(parameter) {
                // "PARTSTAT=ACCEPTED"
                participation = String(String(cString: text).split(separator: "=", maxSplits: 1).last ?? "").uppercased()
            }
            var delegatedTo: [String] = []
            var parameter = icalproperty_get_first_parameter(property, ICAL_DELEGATEDTO_PARAMETER)
            while let current = parameter {
                if let text = icalparameter_get_delegatedto(current) { delegatedTo.append(String(cString: text)) }
                parameter = icalproperty_get_next_parameter(property, ICAL_DELEGATEDTO_PARAMETER)
            }
            return AttendeeReply(address: String(cString: address), participation: participation, delegatedTo: delegatedTo)
        }
    }
}

// MARK: - Reading stored copies (CalDAV)

extension ICalEvent {
    /// LOCATION, if any.
    var location: String? { icalcomponent_get_location(pointer).map { String(cString: $0) } }

    /// STATUS as written (`CONFIRMED`, `CANCELLED`, ...); nil when absent.
    var statusName: String? {
        let status = icalcomponent_get_status(pointer)
        guard status != ICAL_STATUS_NONE, let text = icalproperty_status_to_string(status) else { return nil }
        return String(cString: text)
    }

    /// The first RRULE's value as text, if any.
    var ruleText: String? {
        guard let property = icalcomponent_get_first_property(pointer, ICAL_RRULE_PROPERTY),
              let text = icalproperty_get_value_as_string(property) else { return nil }
        return String(cString: text)
    }
}

extension ICalEvent {
    /// COMMENT (e.g. an attendee's reason for declining), nil when absent.
    var comment: String? {
        guard let property = icalcomponent_get_first_property(pointer, ICAL_COMMENT_PROPERTY),
              let text = icalproperty_get_comment(property) else { return nil }
        return String(cString: text)
    }
}
