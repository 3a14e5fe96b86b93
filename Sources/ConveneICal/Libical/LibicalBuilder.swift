// Building and serialising the calendars Convene exports: every component, property and
// parameter is made by libical (icalcomponent_new_*, icalproperty_new_*, icalparameter_new_*)
// and written by libical (icalcomponent_as_ical_string_r, icalproperty_as_ical_string_r), which
// decides how values are spelt, escaped, quoted and folded. Swift values go in; bytes come out.
// The two places where libical 3.0.16 writes wrong text are worked around here, each with the
// release that fixes it (see `LibicalVersion`).

import CLibical
import ConveneCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The libical this process was built against.
public enum LibicalVersion {
    /// `3.0.16`.
    public static let text = "\(ICAL_MAJOR_VERSION).\(ICAL_MINOR_VERSION).\(ICAL_PATCH_VERSION)"

    static var triple: (Int32, Int32, Int32) { (ICAL_MAJOR_VERSION, ICAL_MINOR_VERSION, ICAL_PATCH_VERSION) }

    /// libical 3.0.17 escapes commas and semicolons in X- property text; 3.0.16 writes them raw
    /// (`X-WR-CALNAME:Finland: a, b`), which readers take as a list.
    static var escapesExtensionText: Bool { triple >= (3, 0, 17) }

    /// libical 3.0.18 writes `^` in parameter values as `^^` (RFC 6868); 3.0.16 writes it raw, so
    /// `CN=A^nB` comes back from any RFC 6868 reader, libical included, with a line break.
    static var escapesCaret: Bool { triple >= (3, 0, 18) }
}

/// A property of a component we build: what goes in, as Swift values.
enum BuiltProperty: Sendable, Hashable {
    case uid(String)
    /// `20241127T093320Z`.
    case dtstamp(String)
    case sequence(Int)
    case start(WallTime)
    case end(WallTime)
    case exception(WallTime)
    /// RRULE text, e.g. `FREQ=MONTHLY;BYDAY=1TH;COUNT=8`.
    case rule(String)
    case summary(String)
    case description(String)
    case location(String)
    case relatedTo(String)
    case name(String)
    case geo(latitude: Double, longitude: Double)
    /// RFC 7986 CONFERENCE with VALUE=URI, FEATURE=VIDEO and a LABEL.
    case videoConference(uri: String, label: String)
    /// One CATEGORIES property listing the values (each free of commas).
    case categories([String])
    case status(Status)
    case transparent(Bool)
    case organizer(address: String, name: String)
    /// An X- property with a TEXT value.
    case extensionText(name: String, value: String)
    case displayAction
    /// A relative TRIGGER such as `-P1D`.
    case trigger(String)
    case productID(String)
    case version(String)
    case calendarScale(String)
    case method(Method)
    case timeZoneID(String)
    case offsetFrom(Int)
    case offsetTo(Int)
    /// One unfolded content line, read by libical's parser (lines kept from an earlier export).
    case contentLine(String)

    enum Status: Sendable { case tentative, confirmed, cancelled }
    enum Method: Sendable { case request, cancel, publish }
}

/// An ATTENDEE: what goes in it.
struct BuiltAttendee: Hashable {
    var address: String
    var name: String
    var role: Role
    var participation: Participation
    var delegatedTo: String?
    var delegatedFrom: String?
    /// X- parameters in order, e.g. (`X-CONVENE-LEVEL`, `national`).
    var extensions: [(name: String, value: String)]

    enum Role: Hashable { case chair, required, optional, nonParticipant }
    enum Participation: Hashable { case needsAction, accepted, declined, tentative, delegated }

    static func == (a: Self, b: Self) -> Bool {
        a.address == b.address && a.name == b.name && a.role == b.role && a.participation == b.participation
            && a.delegatedTo == b.delegatedTo && a.delegatedFrom == b.delegatedFrom
            && a.extensions.map(\.name) == b.extensions.map(\.name) && a.extensions.map(\.value) == b.extensions.map(\.value)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(address)
        hasher.combine(role)
        hasher.combine(participation)
    }
}

/// A component this process builds, owned and freed in `deinit`; explicitly not Sendable (it is
/// built, written and freed on one thread).
final class BuiltComponent {
    enum Kind {
        case calendar, event, alarm, timeZone, standard, daylight

        fileprivate var libical: icalcomponent_kind {
            switch self {
            case .calendar: ICAL_VCALENDAR_COMPONENT
            case .event: ICAL_VEVENT_COMPONENT
            case .alarm: ICAL_VALARM_COMPONENT
            case .timeZone: ICAL_VTIMEZONE_COMPONENT
            case .standard: ICAL_XSTANDARD_COMPONENT
            case .daylight: ICAL_XDAYLIGHT_COMPONENT
            }
        }
    }

    private let pointer: OpaquePointer
    /// X- TEXT lines libical 3.0.16 would write wrong, written by `ExtensionTextLine` instead and
    /// placed after this component's other properties.
    private var extensionLines: [UInt8] = []
    /// Properties added to the libical component so far.
    private(set) var propertyCount = 0

    init(_ kind: Kind) {
        LibicalRuntime.prepare()
        pointer = icalcomponent_new(kind.libical)
    }

    /// A component with `properties`, in order.
    convenience init(_ kind: Kind, _ properties: [BuiltProperty]) throws(DraftFailure) {
        self.init(kind)
        for property in properties { try add(property) }
    }

    deinit { icalcomponent_free(pointer) }

    /// Adds a property at the end of the component's properties.
    func add(_ property: BuiltProperty) throws(DraftFailure) {
        if case .extensionText(let name, let value) = property, !LibicalVersion.escapesExtensionText,
           value.contains(where: { $0 == "," || $0 == ";" }) {
            extensionLines += ExtensionTextLine.bytes(name: name, value: value)
            return
        }
        icalcomponent_add_property(pointer, try Self.make(property))
        propertyCount += 1
    }

    /// Adds a sub-component built from `properties` (and returns nothing: the parent owns it).
    func addChild(_ kind: Kind, _ properties: [BuiltProperty]) throws(DraftFailure) {
        let child = icalcomponent_new(kind.libical)
        for property in properties {
            guard let made = try? Self.make(property) else { icalcomponent_free(child); throw .invalidRule("\(property)") }
            icalcomponent_add_property(child, made)
        }
        icalcomponent_add_component(pointer, child)
    }

    /// libical's text of the component.
    func serialized() -> [UInt8] {
        serialized(inserting: [])
    }

    /// libical's text of the component with other content lines libical wrote placed among its
    /// properties: each insert's bytes go right before the component's property number
    /// `beforeProperty` (0-based; `propertyCount` places them after the last property), inserts at
    /// the same place in the order given; then `children`, libical's text of sub-components made
    /// on their own, before any sub-component added to this one. libical writes a component as
    /// its BEGIN line, each property's text in order (`icalproperty_as_ical_string_r`, the text
    /// `BuiltComponent.text(of:)` gives), each sub-component and its END line, so the result is
    /// libical's text of the component that holds every property in that order: a property the
    /// same in many components (an event's STATUS, its venue's LOCATION, each ATTENDEE) is made
    /// and written by libical once and its text reused.
    /// - Parameter inserts: sorted by `beforeProperty`.
    func serialized(inserting inserts: [(beforeProperty: Int, bytes: [UInt8])], children: [UInt8] = []) -> [UInt8] {
        var result: [UInt8] = []
        pieces(inserting: inserts, children: children, count: { result.reserveCapacity($0) }, piece: { result.append(contentsOf: $0) })
        return result
    }

    /// ``serialized(inserting:children:)`` as one ``ByteBlock`` of its final size, with no array
    /// in between: what an export writes each event's files from.
    func serializedBlock(inserting inserts: [(beforeProperty: Int, bytes: [UInt8])], children: [UInt8] = []) -> ByteBlock {
        var block: ByteBlock.Filling?
        pieces(inserting: inserts, children: children, count: { block = ByteBlock.Filling(count: $0) }, piece: { block!.append($0) })
        return block?.finished() ?? ByteBlock([])
    }

    /// The text ``serialized(inserting:children:)`` gives, piece after piece (libical's text
    /// between the inserts, and each insert), after its length in bytes.
    private func pieces(inserting inserts: [(beforeProperty: Int, bytes: [UInt8])], children: [UInt8],
                        count: (Int) -> Void, piece: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let text = icalcomponent_as_ical_string_r(pointer) else { return count(0) }
        defer { free(text) }
        let length = strlen(text)
        var all = inserts
        if !extensionLines.isEmpty { all.append((propertyCount, extensionLines)) }
        if !children.isEmpty { all.append((propertyCount, children)) }
        count(all.reduce(length) { $0 + $1.bytes.count })
        text.withMemoryRebound(to: UInt8.self, capacity: length) { start in
            let bytes = UnsafeBufferPointer(start: start, count: length)
            // Where the next property starts: after a CRLF not followed by a space or tab (which
            // would continue a folded line).
            func nextLine(after position: Int) -> Int {
                var at = position
                while at + 1 < bytes.count {
                    if bytes[at] == 0x0D && bytes[at + 1] == 0x0A && (at + 2 >= bytes.count || (bytes[at + 2] != 0x20 && bytes[at + 2] != 0x09)) {
                        return at + 2
                    }
                    at += 1
                }
                return bytes.count
            }
            var copied = 0, property = 0, position = all.isEmpty ? 0 : nextLine(after: 0)  // property 0 starts after the BEGIN line
            for insert in all {
                while property < min(insert.beforeProperty, propertyCount) && position < bytes.count {
                    position = nextLine(after: position)
                    property += 1
                }
                piece(UnsafeBufferPointer(rebasing: bytes[copied..<position]))
                copied = position
                insert.bytes.withUnsafeBufferPointer { piece($0) }
            }
            piece(UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
    }

    /// libical's text of one property (folded, with its CRLF).
    static func text(of property: BuiltProperty) throws(DraftFailure) -> [UInt8] {
        LibicalRuntime.prepare()
        let made = try make(property)
        defer { icalproperty_free(made) }
        return BuiltAttendee.text(of: made)
    }

    /// The component's text up to its END line, and the END line: a frame that children written
    /// separately go into (a feed streams its events between the two).
    func frame() -> (head: [UInt8], tail: [UInt8]) {
        let text = serialized()
        let name = String(cString: icalcomponent_kind_to_string(icalcomponent_isa(pointer)))
        let tail = Array("END:\(name)\r\n".utf8)
        return (Array(text.dropLast(tail.count)), tail)
    }

    /// A new libical property for `property`.
    fileprivate static func make(_ property: BuiltProperty) throws(DraftFailure) -> OpaquePointer {
        switch property {
        case .uid(let value): return icalproperty_new_uid(value)
        case .dtstamp(let value): return icalproperty_new_dtstamp(icaltime_from_string(value))
        case .sequence(let value): return icalproperty_new_sequence(Int32(value))
        case .start(let time): return try timed(time, icalproperty_new_dtstart)
        case .end(let time): return try timed(time, icalproperty_new_dtend)
        case .exception(let time): return try timed(time, icalproperty_new_exdate)
        case .rule(let text):
            var recurrence = icalrecurrencetype_from_string(text)
            defer { if let scale = recurrence.rscale { free(scale); recurrence.rscale = nil } }
            guard recurrence.freq != ICAL_NO_RECURRENCE else { throw .invalidRule(text) }
            return icalproperty_new_rrule(recurrence)
        case .summary(let value): return icalproperty_new_summary(value)
        case .description(let value): return icalproperty_new_description(value)
        case .location(let value): return icalproperty_new_location(value)
        case .relatedTo(let value): return icalproperty_new_relatedto(value)
        case .name(let value): return icalproperty_new_name(value)
        case .geo(let latitude, let longitude):
            return icalproperty_new_geo(icalgeotype(lat: latitude, lon: longitude))
        case .videoConference(let uri, let label):
            let made = icalproperty_new_conference(uri)!
            icalproperty_add_parameter(made, icalparameter_new_value(ICAL_VALUE_URI))
            icalproperty_add_parameter(made, icalparameter_new_feature(ICAL_FEATURE_VIDEO))
            icalproperty_add_parameter(made, icalparameter_new_label(parameterValue(label)))
            return made
        case .categories(let values):
            // CATEGORIES is a list: libical writes the commas between values as they are.
            return icalproperty_new_categories(values.joined(separator: ","))
        case .status(let status):
            switch status {
            case .tentative: return icalproperty_new_status(ICAL_STATUS_TENTATIVE)
            case .confirmed: return icalproperty_new_status(ICAL_STATUS_CONFIRMED)
            case .cancelled: return icalproperty_new_status(ICAL_STATUS_CANCELLED)
            }
        case .transparent(let transparent):
            return icalproperty_new_transp(transparent ? ICAL_TRANSP_TRANSPARENT : ICAL_TRANSP_OPAQUE)
        case .organizer(let address, let name):
            let made = icalproperty_new_organizer(address)!
            icalproperty_add_parameter(made, icalparameter_new_cn(parameterValue(name)))
            return made
        case .extensionText(let name, let value):
            let made = icalproperty_new_x(value)!
            icalproperty_set_x_name(made, name)
            return made
        case .displayAction: return icalproperty_new_action(ICAL_ACTION_DISPLAY)
        case .trigger(let text):
            var trigger = icaltriggertype()
            trigger.time = icaltime_null_time()
            trigger.duration = icaldurationtype_from_string(text)
            return icalproperty_new_trigger(trigger)
        case .productID(let value): return icalproperty_new_prodid(value)
        case .version(let value): return icalproperty_new_version(value)
        case .calendarScale(let value): return icalproperty_new_calscale(value)
        case .method(let method):
            switch method {
            case .request: return icalproperty_new_method(ICAL_METHOD_REQUEST)
            case .cancel: return icalproperty_new_method(ICAL_METHOD_CANCEL)
            case .publish: return icalproperty_new_method(ICAL_METHOD_PUBLISH)
            }
        case .timeZoneID(let value): return icalproperty_new_tzid(value)
        case .offsetFrom(let seconds): return icalproperty_new_tzoffsetfrom(Int32(seconds))
        case .offsetTo(let seconds): return icalproperty_new_tzoffsetto(Int32(seconds))
        case .contentLine(let line):
            guard let made = icalproperty_new_from_string(line) else { throw .invalidRule(line) }
            return made
        }
    }

    /// A DTSTART, DTEND or EXDATE: a DATE, a UTC time, a floating time, or a wall time with a
    /// plain IANA `TZID` (whose VTIMEZONE the calendar carries).
    private static func timed(_ time: WallTime, _ make: (icaltimetype) -> OpaquePointer?) throws(DraftFailure) -> OpaquePointer {
        var value = icaltime_null_time()
        var zone: String?
        switch time {
        case .utc(let seconds):
            value = icaltime_from_timet_with_zone(time_t(seconds), 0, icaltimezone_get_utc_timezone())
        case .floating(let wall):
            set(&value, wall)
        case .date(let date):
            value.year = Int32(date.year); value.month = Int32(date.month); value.day = Int32(date.day)
            value.is_date = 1
        case .zoned(let wall, let zoneID):
            guard ZoneClock.isKnownZone(zoneID) else { throw .unknownZone(zoneID) }
            set(&value, wall)
            zone = zoneID
        }
        let made = make(value)!
        if let zone { icalproperty_add_parameter(made, icalparameter_new_tzid(zone)) }
        return made
    }

    private static func set(_ value: inout icaltimetype, _ wall: CivilDateTime) {
        value.year = Int32(wall.date.year); value.month = Int32(wall.date.month); value.day = Int32(wall.date.day)
        value.hour = Int32(wall.minuteOfDay / 60); value.minute = Int32(wall.minuteOfDay % 60); value.second = 0
    }

    /// A parameter value as libical should be given it: control characters (which no parameter
    /// may hold) become spaces, and with libical before 3.0.18 each `^` is given as `^^`, the
    /// RFC 6868 spelling that release writes itself (see `LibicalVersion.escapesCaret`).
    static func parameterValue(_ value: String) -> String {
        let needsWork = value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (!LibicalVersion.escapesCaret && $0 == "^") }
        guard needsWork else { return value }
        var result = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result.append(" ")
            } else if scalar == "^" && !LibicalVersion.escapesCaret {
                result.append("^"); result.append("^")
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}

@available(*, unavailable)
extension BuiltComponent: Sendable {}

extension BuiltAttendee {
    /// The ATTENDEE content line as libical builds and writes it (folded, CRLF).
    func serialized() -> [UInt8] {
        LibicalRuntime.prepare()
        let property = icalproperty_new_attendee(address)!
        defer { icalproperty_free(property) }
        icalproperty_add_parameter(property, icalparameter_new_cn(BuiltComponent.parameterValue(name)))
        icalproperty_add_parameter(property, icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL))
        icalproperty_add_parameter(property, icalparameter_new_role(libicalRole))
        icalproperty_add_parameter(property, icalparameter_new_rsvp(ICAL_RSVP_TRUE))
        for (name, value) in extensions {
            let parameter = icalparameter_new_x(BuiltComponent.parameterValue(value))!
            icalparameter_set_xname(parameter, name)
            icalproperty_add_parameter(property, parameter)
        }
        icalproperty_add_parameter(property, icalparameter_new_partstat(libicalParticipation))
        if let delegatedTo { icalproperty_add_parameter(property, icalparameter_new_delegatedto(delegatedTo)) }
        if let delegatedFrom { icalproperty_add_parameter(property, icalparameter_new_delegatedfrom(delegatedFrom)) }
        return Self.text(of: property)
    }

    private var libicalRole: icalparameter_role {
        switch role {
        case .chair: ICAL_ROLE_CHAIR
        case .required: ICAL_ROLE_REQPARTICIPANT
        case .optional: ICAL_ROLE_OPTPARTICIPANT
        case .nonParticipant: ICAL_ROLE_NONPARTICIPANT
        }
    }

    private var libicalParticipation: icalparameter_partstat {
        switch participation {
        case .needsAction: ICAL_PARTSTAT_NEEDSACTION
        case .accepted: ICAL_PARTSTAT_ACCEPTED
        case .declined: ICAL_PARTSTAT_DECLINED
        case .tentative: ICAL_PARTSTAT_TENTATIVE
        case .delegated: ICAL_PARTSTAT_DELEGATED
        }
    }

    /// A bare `ATTENDEE:address` line, unfolded, as kept to cancel an event later.
    static func bareLine(_ address: String) -> String {
        LibicalRuntime.prepare()
        let property = icalproperty_new_attendee(address)!
        defer { icalproperty_free(property) }
        return unfolded(text(of: property))
    }

    fileprivate static func text(of property: OpaquePointer) -> [UInt8] {
        guard let text = icalproperty_as_ical_string_r(property) else { return [] }
        defer { free(text) }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: strlen(text)))
    }
}

/// One property's libical text, unfolded and without its CRLF: the form an export keeps in the
/// ledger to cancel the event once it has left the plan (read back with `.contentLine`).
func unfoldedLine(_ property: BuiltProperty) throws(DraftFailure) -> String {
    unfolded(try BuiltComponent.text(of: property))
}

/// The first content line named `name` in libical's text of a component, unfolded and without
/// its CRLF (as `unfoldedLine` gives it); nil when there is none. Only whole lines match: a
/// folded line's continuation starts with a space, so it cannot pass for a property.
func unfoldedLine(named name: String, in text: [UInt8]) -> String? {
    text.withUnsafeBufferPointer { unfoldedLine(named: name, in: $0) }
}

/// ``unfoldedLine(named:in:)`` of a ``ByteBlock``'s text.
func unfoldedLine(named name: String, in text: ByteBlock) -> String? {
    withExtendedLifetime(text) { unfoldedLine(named: name, in: text.bytes.assumingMemoryBound(to: UInt8.self)) }
}

private func unfoldedLine(named name: String, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let start = Array(("\r\n" + name).utf8)
    var from = 0
    while let found = ByteSearch.find(start, in: bytes, from: from) {
        let after = found + start.count
        guard after < bytes.count, bytes[after] == 0x3A || bytes[after] == 0x3B else { from = after; continue }
        var end = after
        while let cr = ByteSearch.find([0x0D, 0x0A], in: bytes, from: end) {
            end = cr + 2
            if end >= bytes.count || (bytes[end] != 0x20 && bytes[end] != 0x09) { break }
        }
        return unfolded(Array(bytes[(found + 2)..<end]))
    }
    return nil
}

private func unfolded(_ bytes: [UInt8]) -> String {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
        if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
            index += 2
            if index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            continue
        }
        result.append(bytes[index])
        index += 1
    }
    return String(decoding: result, as: UTF8.self)
}

/// The one content line libical 3.0.16 cannot write: an X- property whose TEXT value holds a
/// comma or semicolon (it leaves them unescaped; fixed in libical 3.0.17, after which libical
/// writes these too). Escapes the value as RFC 5545 §3.3.11 says and folds at 75 octets without
/// splitting a UTF-8 sequence, as libical does.
enum ExtensionTextLine {
    static func bytes(name: String, value: String) -> [UInt8] {
        var line = Array(name.utf8) + [0x3A]
        var previousWasCR = false
        for byte in value.utf8 {
            switch byte {
            case 0x5C: line += [0x5C, 0x5C]
            case 0x3B: line += [0x5C, 0x3B]
            case 0x2C: line += [0x5C, 0x2C]
            case 0x0D: line += [0x5C, 0x6E]
            case 0x0A: if !previousWasCR { line += [0x5C, 0x6E] }
            default: line.append(byte)
            }
            previousWasCR = byte == 0x0D
        }
        var folded: [UInt8] = []
        var start = 0, room = 75
        while line.count - start > room {
            var cut = start + room
            while line[cut] & 0xC0 == 0x80 { cut -= 1 }
            folded += line[start..<cut] + [0x0D, 0x0A, 0x20]
            start = cut
            room = 74
        }
        return folded + line[start...] + [0x0D, 0x0A]
    }
}

/// Finds bytes in libical's text.
enum ByteSearch {
    /// Where `needle` first occurs in `bytes` at or after `from`.
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let first = needle.first else { return from }
        var index = from
        while index + needle.count <= bytes.count {
            if bytes[index] == first && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
