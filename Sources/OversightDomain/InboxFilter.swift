import Foundation

/// Whether the inbox holds only open matters, or every matter the viewer may see (closed included).
public enum InboxScope: String, Hashable, Sendable {
    /// Open matters: first what waits on this party, then what waits on others.
    case open
    /// Everything the viewer may see, closed and withdrawn included.
    case all
}

/// The inbox filter: every word must match. `overdue`/`逾期`, `today`/`今日`, `week`/`7d`/`本周`; a kind, state or
/// domain, by its code or its Chinese or English word as the screen shows it (`检察建议`, `待回复`, `生态环境`,
/// `awaiting reply`: a word of several words is read whole); `due:2025-10-09` or `due:2025-10-01..2025-10-31`; an
/// organisation by id, name or short name; else text found in the number, title or summary (Chinese and digits as
/// they are; letters without regard to case).
///
/// A state's word names the state as the kinds that show it: `待回复` is a served suggestion, not a served transfer
/// (which shows `待反馈`).
///
/// The store compiles the terms into SQL over its inbox index and text index, and every read of matters (the
/// workbench, `matter list`, `export --filter`, `report`, `alerts`) goes through that one compiled filter. `admits`
/// states the same rule in Swift: no read uses it; it is the specification the tests compare the SQL with over
/// generated matters.
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
        /// A pending deadline from today to the alert window ahead (`window` days: what the title line counts as
        /// due soon; 7 unless the county's rules say otherwise).
        case week
        case kind(MatterKind), domain(DomainArea)
        /// The state, of these kinds only (nil: any kind), as a state's word names it.
        case state(MatterState, kinds: Set<MatterKind>?)
        /// The pending deadline (else the deadline) within these days; nil: a malformed range, matching nothing.
        case due(ClosedRange<CivilDate>?)
        /// One of the matter's organisations is this id, or the organisation the word names (`organisation`), or
        /// the text is in its number, title or summary. `caseless`: the word has no letter case (Chinese, digits)
        /// and is compared as it is.
        case text(String, caseless: Bool, organisation: OrgID?)
    }

    public let words: [String]
    public let terms: [Term]
    public let today: CivilDate
    public let window: Int

    /// `words`: the vocabulary values and organisations are read in (codes only by default).
    public init(_ text: String, today: CivilDate, window: Int, words vocabulary: Vocabulary = .codes) {
        words = text.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
        var terms: [Term] = []
        var i = 0
        while i < words.count {
            // The longest run of words that names a value ("awaiting reply", "partly adopted"), else one word.
            var found: (Term, Int)?
            for n in stride(from: min(Self.longestWords, words.count - i), through: 2, by: -1) {
                if let t = Self.value(words[i..<(i + n)].joined(separator: " "), vocabulary) { found = (t, n); break }
            }
            let (term, used) = found ?? (Self.term(words[i], today: today, vocabulary), 1)
            terms.append(term)
            i += used
        }
        self.terms = terms
        self.today = today
        self.window = window
    }

    /// No word: everything in the scope (the day and window matter to no term).
    public static let everything = InboxFilter("", today: CivilDate(dayNumber: 0), window: AlertRules.defaultWindow)

    /// The most words a value's word has (`notify the government and discipline commission` is read as text).
    static let longestWords = 4

    /// The kind, state or domain `word` names, if one.
    private static func value(_ word: String, _ words: Vocabulary) -> Term? {
        if let k = words.value(MatterKind.self, word) { return .kind(k) }
        let states = words.states(word)
        if states.count == 1, let (s, kinds) = states.first { return .state(s, kinds: kinds) }
        if let d = words.value(DomainArea.self, word) { return .domain(d) }
        return nil
    }

    private static func term(_ word: String, today: CivilDate, _ words: Vocabulary) -> Term {
        switch word {
        case "overdue", "逾期": return .overdue
        case "today", "今日": return .dueToday
        case "week", "7d", "本周": return .week
        default: break
        }
        if let k = MatterKind(rawValue: word) { return .kind(k) }
        if let s = MatterState(rawValue: word) { return .state(s, kinds: nil) }
        if let d = DomainArea(rawValue: word) { return .domain(d) }
        if let t = value(word, words) { return t }
        if word.hasPrefix("due:") {
            let range = word.dropFirst(4).components(separatedBy: "..")
            guard let from = CivilDate(range[0]) else { return .due(nil) }
            let to = range.count > 1 ? CivilDate(range[1]) ?? from : from
            return .due(from <= to ? from...to : nil)
        }
        let organisation = words.organisation(word)
        return .text(word, caseless: word.lowercased() == word.uppercased(), organisation: organisation == word ? nil : organisation)
    }

    /// The rule over one matter: the tests' oracle for the store's compiled filter (no read uses it).
    public func admits(_ m: Matter) -> Bool {
        terms.allSatisfy { term in
            switch term {
            case .overdue:
                if case .overdue = Urgency(m, today: today, window: window) { return true } else { return false }
            case .dueToday: return Urgency(m, today: today, window: window) == .dueToday
            case .week: return m.pendingDue.map { $0 >= today && $0 <= today.adding(days: window) } ?? false
            case .kind(let k): return m.kind == k
            case .state(let s, let kinds): return m.state == s && (kinds?.contains(m.kind) ?? true)
            case .domain(let d): return m.domain == d
            case .due(let range):
                guard let range, let due = m.pendingDue ?? m.due else { return false }
                return range.contains(due)
            case .text(let word, let caseless, let organisation):
                let orgs = [m.fromOrg, m.toOrg, m.subjectOrg]
                if orgs.contains(word) || organisation.map(orgs.contains) == true { return true }
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
