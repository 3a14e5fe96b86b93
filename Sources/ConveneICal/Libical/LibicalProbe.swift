// libical's own answers where Convene does not take them, kept so that the tests can show each one
// next to ours: its reading of wall times in its built-in zones (the same system tzdata), and what
// libical 3.0.16 reads back from text it wrote itself.

import CLibical
import ConveneCore
#if canImport(Glibc)
import Glibc
#endif

enum LibicalProbe {
    /// libical's UTC instant for a wall time in its built-in zone `zoneID`
    /// (`icaltime_as_timet_with_zone`); nil for a zone libical does not know.
    static func instant(_ wall: CivilDateTime, in zoneID: String) -> UnixSeconds? {
        LibicalRuntime.prepare()
        return BuiltinZones.serially { () -> UnixSeconds? in
            guard let zone = icaltimezone_get_builtin_timezone(zoneID) else { return nil }
            var time = icaltime_null_time()
            time.year = Int32(wall.date.year); time.month = Int32(wall.date.month); time.day = Int32(wall.date.day)
            time.hour = Int32(wall.minuteOfDay / 60); time.minute = Int32(wall.minuteOfDay % 60)
            time.zone = zone
            return UnixSeconds(icaltime_as_timet_with_zone(time, zone))
        }
    }

    /// libical's wall time in `zoneID` at `instant` (`icaltime_from_timet_with_zone`).
    static func wallTime(at instant: UnixSeconds, in zoneID: String) -> CivilDateTime? {
        LibicalRuntime.prepare()
        return BuiltinZones.serially { () -> CivilDateTime? in
            guard let zone = icaltimezone_get_builtin_timezone(zoneID) else { return nil }
            let time = icaltime_from_timet_with_zone(time_t(instant), 0, zone)
            return CivilDateTime(date: CivilDate(year: Int(time.year), month: Int(time.month), day: Int(time.day)),
                                 minuteOfDay: Int(time.hour) * 60 + Int(time.minute))
        }
    }

    /// The X- property line libical itself writes for a TEXT value (no workaround).
    static func extensionLineAsLibicalWritesIt(name: String, value: String) -> String {
        LibicalRuntime.prepare()
        let property = icalproperty_new_x(value)!
        defer { icalproperty_free(property) }
        icalproperty_set_x_name(property, name)
        guard let text = icalproperty_as_ical_string_r(property) else { return "" }
        defer { free(text) }
        return String(cString: text)
    }

    /// The values of every X- property `name` libical reads from a calendar's text.
    static func extensionValues(named name: String, in text: String) -> [String] {
        LibicalRuntime.prepare()
        guard let root = icalparser_parse_string(text) else { return [] }
        defer { icalcomponent_free(root) }
        var values: [String] = []
        var property = icalcomponent_get_first_property(root, ICAL_X_PROPERTY)
        while let current = property {
            if let xName = icalproperty_get_x_name(current), String(cString: xName) == name, let value = icalproperty_get_x(current) {
                values.append(String(cString: value))
            }
            property = icalcomponent_get_next_property(root, ICAL_X_PROPERTY)
        }
        return values
    }

    /// An ATTENDEE with CN `name` as libical writes it when given the name as it is.
    static func attendeeLineAsLibicalWritesIt(cn name: String) -> String {
        LibicalRuntime.prepare()
        let property = icalproperty_new_attendee("mailto:a@example.org")!
        defer { icalproperty_free(property) }
        icalproperty_add_parameter(property, icalparameter_new_cn(name))
        guard let text = icalproperty_as_ical_string_r(property) else { return "" }
        defer { free(text) }
        return String(cString: text)
    }

    /// The CN of the first ATTENDEE libical reads from an ATTENDEE line.
    static func commonNameLibicalReads(fromAttendeeLine line: String) -> String? {
        LibicalRuntime.prepare()
        guard let event = icalparser_parse_string("BEGIN:VEVENT\r\n" + line + "END:VEVENT\r\n") else { return nil }
        defer { icalcomponent_free(event) }
        guard let property = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY),
              let parameter = icalproperty_get_first_parameter(property, ICAL_CN_PARAMETER),
              let value = icalparameter_get_cn(parameter) else { return nil }
        return String(cString: value)
    }
}
