/// Compact VTIMEZONE blocks (current rules, RRULE-based, as Google and Outlook write them) for the
/// eleven zones the workload uses: the same zones as `../shared/bench/gen_workload.py`.
enum TimeZoneBlocks {
    static let zones = ["Africa/Kampala", "Africa/Blantyre", "Asia/Baghdad", "Europe/Helsinki",
                        "America/Toronto", "America/Vancouver", "America/New_York", "Asia/Dhaka",
                        "Asia/Jakarta", "Asia/Manila", "Asia/Kolkata"]

    static func block(_ zone: String) -> String {
        switch zone {
        case "Europe/Helsinki":
            return daylight(zone, standard: ("EET", "+0200"), daylight: ("EEST", "+0300"),
                            toDaylight: ("19700329T030000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
                            toStandard: ("19701025T040000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"))
        case "America/Toronto", "America/New_York":
            return daylight(zone, standard: ("EST", "-0500"), daylight: ("EDT", "-0400"),
                            toDaylight: ("19700308T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
                            toStandard: ("19701101T020000", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"))
        case "America/Vancouver":
            return daylight(zone, standard: ("PST", "-0800"), daylight: ("PDT", "-0700"),
                            toDaylight: ("19700308T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
                            toStandard: ("19701101T020000", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"))
        default:
            let fixed: [String: (String, String)] = [
                "Africa/Kampala": ("EAT", "+0300"), "Africa/Blantyre": ("CAT", "+0200"),
                "Asia/Baghdad": ("+03", "+0300"), "Asia/Dhaka": ("+06", "+0600"),
                "Asia/Jakarta": ("WIB", "+0700"), "Asia/Manila": ("PST", "+0800"),
                "Asia/Kolkata": ("IST", "+0530"),
            ]
            let (name, offset) = fixed[zone] ?? ("UTC", "+0000")
            return """
                BEGIN:VTIMEZONE\r
                TZID:\(zone)\r
                BEGIN:STANDARD\r
                DTSTART:19700101T000000\r
                TZNAME:\(name)\r
                TZOFFSETFROM:\(offset)\r
                TZOFFSETTO:\(offset)\r
                END:STANDARD\r
                END:VTIMEZONE\r

                """
        }
    }

    private static func daylight(_ zone: String, standard: (String, String), daylight: (String, String),
                                 toDaylight: (String, String), toStandard: (String, String)) -> String {
        """
        BEGIN:VTIMEZONE\r
        TZID:\(zone)\r
        BEGIN:DAYLIGHT\r
        DTSTART:\(toDaylight.0)\r
        RRULE:\(toDaylight.1)\r
        TZNAME:\(daylight.0)\r
        TZOFFSETFROM:\(standard.1)\r
        TZOFFSETTO:\(daylight.1)\r
        END:DAYLIGHT\r
        BEGIN:STANDARD\r
        DTSTART:\(toStandard.0)\r
        RRULE:\(toStandard.1)\r
        TZNAME:\(standard.0)\r
        TZOFFSETFROM:\(daylight.1)\r
        TZOFFSETTO:\(standard.1)\r
        END:STANDARD\r
        END:VTIMEZONE\r

        """
    }
}
