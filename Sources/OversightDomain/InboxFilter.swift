import Foundation

/// Whether the inbox holds only open matters, or every matter the viewer may see (closed included).
public enum InboxScope: String, Hashable, Sendable {
    /// Open matters: first what waits on this party, then what waits on others.
    case open
    /// Everything the viewer may see, closed and withdrawn included.
    case all
}

/// The inbox filter: every word must match. `overdue`/`逾期`, `today`/`今日`, `week`/`7d`/`本周`; a kind, state or
/// domain name; `due:2025-10-09` or `due:2025-10-01..2025-10-31`; an organisation id; else text found in the
/// number, title or summary (Chinese and digits as they are; letters without regard to case).
///
/// `admits` is the rule; the store compiles the same terms into SQL over its inbox index and text index, and a
/// test compares the two over generated matters.
///
/// Text is matched as it is stored. Since `TextRule`, no invisible character can be stored, so what a person sees
/// is what the filter searches. A row an older database holds with one (`9<U+200B>9号`) is shown marked and is
/// found by the text on either side of the marker (`9号`), not by the text it looked like (`99号`): ignoring such
/// characters in the haystack would mean rebuilding the FTS5 trigram index over texts stripped of them (a
/// migration rewriting the index of every matter) and giving up the store's agreement with this rule, for rows
/// that the screen already shows as suspect.
public struct InboxFilter: Hashable, Sendable {
    /// What one word asks for.
    public enum Term: Hashable, Sendable {
        case overdue, dueToday
        /// A pending deadline from today to a week ahead.
        case week
        case kind(MatterKind), state(MatterState), domain(DomainArea)
        /// The pending deadline (else the deadline) within these days; nil: a malformed range, matching nothing.
        case due(ClosedRange<CivilDate>?)
        /// One of the matter's organisations is this id, or the text is in its number, title or summary.
        /// `caseless`: the word has no letter case (Chinese, digits) and is compared as it is.
        case text(String, caseless: Bool)
    }

    public let words: [String]
    public let terms: [Term]
    public let today: CivilDate
    public let window: Int

    public init(_ text: String, today: CivilDate, window: Int) {
        words = text.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
        terms = words.map { Self.term($0, today: today) }
        self.today = today
        self.window = window
    }

    private static func term(_ word: String, today: CivilDate) -> Term {
        switch word {
        case "overdue", "逾期": return .overdue
        case "today", "今日": return .dueToday
        case "week", "7d", "本周": return .week
        default: break
        }
        if let k = MatterKind(rawValue: word) { return .kind(k) }
        if let s = MatterState(rawValue: word) { return .state(s) }
        if let d = DomainArea(rawValue: word) { return .domain(d) }
        if word.hasPrefix("due:") {
            let range = word.dropFirst(4).components(separatedBy: "..")
            guard let from = CivilDate(range[0]) else { return .due(nil) }
            let to = range.count > 1 ? CivilDate(range[1]) ?? from : from
            return .due(from <= to ? from...to : nil)
        }
        return .text(word, caseless: word.lowercased() == word.uppercased())
    }

    public func admits(_ m: Matter) -> Bool {
        terms.allSatisfy { term in
            switch term {
            case .overdue:
                if case .overdue = Urgency(m, today: today, window: window) { return true } else { return false }
            case .dueToday: return Urgency(m, today: today, window: window) == .dueToday
            case .week: return m.pendingDue.map { $0 >= today && $0 <= today.adding(days: 7) } ?? false
            case .kind(let k): return m.kind == k
            case .state(let s): return m.state == s
            case .domain(let d): return m.domain == d
            case .due(let range):
                guard let range, let due = m.pendingDue ?? m.due else { return false }
                return range.contains(due)
            case .text(let word, let caseless):
                if [m.fromOrg, m.toOrg, m.subjectOrg].contains(word) { return true }
                if caseless {
                    return bytes(of: word, in: m.title) || bytes(of: word, in: m.number) || bytes(of: word, in: m.summary)
                }
                return m.number.localizedCaseInsensitiveContains(word) || m.title.localizedCaseInsensitiveContains(word)
                    || m.summary.localizedCaseInsensitiveContains(word)
            }
        }
    }
}

/// Whether `text` holds `word`'s UTF-8 bytes. UTF-8 is self-synchronising, so a byte match is a match of whole
/// characters: for words without letter case this is the comparison, at memory speed.
private func bytes(of word: String, in text: String) -> Bool {
    var text = text, word = word
    return text.withUTF8 { t in
        word.withUTF8 { w in
            guard let tb = t.baseAddress, let wb = w.baseAddress, t.count >= w.count else { return w.isEmpty }
            let last = t.count - w.count
            var i = 0
            while i <= last {
                // The next place the first byte occurs, then the rest compared at once.
                guard let hit = memchr(tb + i, Int32(wb.pointee), last - i + 1) else { return false }
                i = tb.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(tb + i, wb, w.count) == 0 { return true }
                i += 1
            }
            return false
        }
    }
}
