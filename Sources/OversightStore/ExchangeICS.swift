import OversightDomain

/// Deadlines as an iCalendar file (RFC 5545) for calendar apps: one all-day event for each pending deadline, and
/// one for each scheduled meeting or joint inspection, each with a reminder (VALARM) the alert window before it.
/// An event's UID is the matter's id and what the event is (`matter-12-due@oversight`), so a calendar that
/// imports a newer export updates the event (its SEQUENCE is the matter's version) instead of adding a second.
public enum ExchangeICS {
    /// The words of the events' summaries, in the interface's language.
    public struct Words: Sendable {
        /// The calendar's name.
        public var calendar: String
        public var due: String
        public var scheduled: String
        public var reminder: String
        /// The words of the kind and state in an event's description.
        public var values: ExchangeWords

        public init(calendar: String, due: String, scheduled: String, reminder: String, values: ExchangeWords = .codes) {
            self.calendar = calendar
            self.due = due
            self.scheduled = scheduled
            self.reminder = reminder
            self.values = values
        }
    }

    public static func text(
        _ matters: [Matter], organisations: [OrgID: Organisation], today: CivilDate, window: Int, words: Words
    ) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Oversight//监督协作台//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escaped(words.calendar),
        ]
        let stamp = compact(today) + "T000000Z"
        for m in matters {
            var days: [(what: String, label: String, on: CivilDate)] = []
            if let due = m.pendingDue { days.append(("due", words.due, due)) }
            if m.state.isOpen, let on = m.scheduledOn { days.append(("scheduled", words.scheduled, on)) }
            for d in days {
                let name = [m.number, m.title].filter { !$0.isEmpty }.joined(separator: " ")
                let to = organisations[m.toOrg]?.name ?? m.toOrg
                lines += [
                    "BEGIN:VEVENT",
                    "UID:matter-\(m.id)-\(d.what)@oversight",
                    "DTSTAMP:" + stamp,
                    "SEQUENCE:\(m.version)",
                    "DTSTART;VALUE=DATE:" + compact(d.on),
                    "DTEND;VALUE=DATE:" + compact(d.on.adding(days: 1)),
                    "SUMMARY:" + escaped("\(d.label)：\(name)"),
                    "DESCRIPTION:" + escaped("\(words.values.word(MatterKind.self, m.kind.rawValue)) · \(words.values.state(m.state.rawValue, kind: m.kind.rawValue)) · \(to)"),
                    "TRANSP:TRANSPARENT",
                    "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P\(max(1, window))D",
                    "DESCRIPTION:" + escaped("\(words.reminder)：\(name)"),
                    "END:VALARM",
                    "END:VEVENT",
                ]
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(folded).joined(separator: "\r\n") + "\r\n"
    }

    private static func compact(_ d: CivilDate) -> String { d.description.replacingOccurrences(of: "-", with: "") }

    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks (LF or CRLF) as `\n`;
    /// controls (a lone CR, a tab …) and invisible format characters, which TEXT may not hold, written visibly as
    /// `<U+202E>`. On scalars, never on grapheme clusters (a `,` followed by a combining mark is still escaped).
    /// What a calendar reads back, unfolded and unescaped, is `shown(text)`.
    public static func escaped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in shown(text) {
            switch s {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case ";": out.append(contentsOf: "\\;".unicodeScalars)
            case ",": out.append(contentsOf: "\\,".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// `text` as a calendar shows it: CRLF as LF, every other control and format character as `<U+000D>` ….
    public static func shown(_ text: String) -> String.UnicodeScalarView {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            if s == "\n" { out.append(s); continue }
            if s == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { continue }
            if ExchangeText.isInvisible(s) || s == "\t" {
                out.append(contentsOf: ExchangeText.visible(s).unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return out
    }

    /// A content line folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
    public static func folded(_ line: String) -> String {
        var out = "", width = 0
        for c in line.unicodeScalars {
            let n = String(c).utf8.count
            if width + n > 75 {
                out += "\r\n "
                width = 1
            }
            out.unicodeScalars.append(c)
            width += n
        }
        return out
    }
}
