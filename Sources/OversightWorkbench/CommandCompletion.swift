import OversightDomain
import TerminalKit

/// What Tab may offer on the `:` line beyond the fixed words, taken from the app state by the reducer so that
/// `CommandText.candidates(of:context:)` stays a pure function of the line and this value.
public struct CompletionContext: Hashable, Sendable {
    /// Organisation names by id: the values of `--to`, `--subject`, `--copy` and `--org`.
    public var organisations: [OrgID: String]
    /// The day relative dates count from; its own `YYYY-MM-DD` is offered for `--date` and `--scheduled`.
    public var today: CivilDate?
    /// Whether `user` and `key` (the administrator's commands) are offered.
    public var administrator: Bool
    /// Login names, for `user disable|enable NAME` and `key add|remove USER` (an administrator's list).
    public var people: [UserName]
    /// The words of the values in both languages: `回` finds `reply`, `部分` finds `partly`, a verb typed in Chinese
    /// (`回复 `) goes on to its outcomes.
    public var words: Vocabulary

    public init(organisations: [OrgID: String] = [:], today: CivilDate? = nil, administrator: Bool = false, people: [UserName] = [],
                words: Vocabulary = .codes) {
        self.organisations = organisations
        self.today = today
        self.administrator = administrator
        self.people = people
        self.words = words
    }

    public static func == (a: CompletionContext, b: CompletionContext) -> Bool {
        a.organisations == b.organisations && a.today == b.today && a.administrator == b.administrator && a.people == b.people
    }

    public func hash(into h: inout Hasher) {
        h.combine(organisations)
        h.combine(today)
        h.combine(administrator)
        h.combine(people)
    }
}

/// One word Tab may put on the `:` line, with what the list shows beside it.
public struct Completion: Hashable, Sendable {
    /// What is shown beside the word: the value's name in the interface language, or a text from the data.
    public enum Note: Hashable, Sendable {
        case none
        /// A date, shown as it is.
        case text(String)
        /// An organisation's name (from the data: sanitized when shown); Tab also finds the id by it.
        case organisation(String)
        case kind(MatterKind)
        case domain(DomainArea)
        case variant(MatterVariant)
        case outcome(Outcome)
        case escalation(EscalationOption)
        case role(Role)
    }

    /// The word as it goes on the line.
    public var word: String
    public var note: Note

    public init(_ word: String, note: Note = .none) {
        self.word = word
        self.note = note
    }
}

/// The list Tab showed on the `:` line: it stays while the line is as Tab left it, and Tab again steps through it.
public struct CompletionList: Hashable, Sendable {
    public var candidates: [Completion]
    /// The candidate now on the line (Tab again puts the next one), nil before the first step.
    public var selected: Int?
    /// The line before the word being completed, and the line after the cursor: what a step keeps.
    public var before: String
    public var after: String

    public init(_ candidates: [Completion] = [], selected: Int? = nil, before: String = "", after: String = "") {
        self.candidates = candidates
        self.selected = selected
        self.before = before
        self.after = after
    }

    public var isEmpty: Bool { candidates.isEmpty }
}

extension AppState {
    /// What completion offers from this state: the organisations, today, and for an administrator the people.
    public var completionContext: CompletionContext {
        CompletionContext(organisations: organisations, today: today, administrator: admin != nil,
                          people: admin?.users.map(\.name) ?? [], words: words)
    }
}

extension CommandText {
    /// The characters that end a word on the `:` line (as `tokens` splits it).
    static let wordSeparators: Set<Character> = [" ", "\t", "\u{3000}"]

    /// The word being typed at the end of `line`, as typed (empty after a space).
    public static func typedWord(_ line: String) -> String {
        String(line.reversed().prefix { !wordSeparators.contains($0) }.reversed())
    }

    /// The words the `:` line starts with: the steps, `new`, `filter`, `goto`, `doc`, the key commands, and for an
    /// administrator `user` and `key`.
    public static func verbs(_ context: CompletionContext) -> [String] {
        verbs + (context.administrator ? ["user", "key", "org"] : [])
    }

    /// Completions of the word being typed at the end of `line`: a verb first (every verb on an empty line);
    /// then, after `new`, a kind; after `doc`, a letter; after `close`, `check`, `reply` and `decline`, an outcome;
    /// after `escalate`, an escalation; after `serve`, `accept`, `acknowledge` and `remind`, a date; `--option`
    /// names for the verb (also on an empty word after its first words); and the values of an option: organisation
    /// ids (matched by id or by name) after `--to`, `--subject`, `--copy`, `--org`; domains, variants, outcomes,
    /// escalations, roles; `today`, `+1`, `+7` and today's date after `--date` and `--scheduled`. A word typed with
    /// quotes or escapes, or an open quote, completes to nothing.
    public static func candidates(of line: String, context: CompletionContext = .init()) -> [Completion] {
        let typed = typedWord(line)
        guard let words = try? tokens(line) else { return [] }
        // A word written with quotes or a backslash reads otherwise than it is typed: leave it alone.
        if !typed.isEmpty, words.last != typed { return [] }
        var done = typed.isEmpty ? words : Array(words.dropLast())
        // A step or kind typed in words completes as its code does (`回复 ` → outcomes, `new 检察建议 --variant `).
        if let verb = done.first, let action = context.words.value(MatterAction.self, verb) { done[0] = action.rawValue }
        if done.first == "new", done.count >= 2, let kind = context.words.value(MatterKind.self, done[1]) { done[1] = kind.rawValue }
        let pool: [Completion]
        if done.isEmpty {
            pool = verbs(context).map { Completion($0) }
        } else if typed.hasPrefix("--"), let eq = typed.firstIndex(of: "=") {
            // `--to=h`: the option's values, each written with its name.
            let name = String(typed[typed.index(typed.startIndex, offsetBy: 2)..<eq])
            pool = values(of: name, after: done, context).map { Completion("--\(name)=" + $0.word, note: $0.note) }
        } else if typed.hasPrefix("--") {
            pool = optionNames(after: done).map { Completion("--" + $0) }
        } else if let last = done.last, last.hasPrefix("--"), !last.contains("="), done.count >= 2,
                  !flags.contains(String(last.dropFirst(2))) {
            pool = values(of: String(last.dropFirst(2)), after: done, context)
        } else {
            let positional = positionals(after: done, context)
            // Nothing to put in a place that takes a word: the options, on an empty word.
            pool = positional.isEmpty && typed.isEmpty ? optionNames(after: done).map { Completion("--" + $0) } : positional
        }
        let found = pool.filter { $0.word.hasPrefix(typed) || matchesName($0, typed) }
        // Else by the words (so `re` stays the codes it begins, while `回` and `Partly` find theirs).
        return found.isEmpty ? pool.filter { matchesWord($0, typed, context.words) } : found
    }

    /// A value typed by the beginning of its Chinese or English word: `回` offers `reply`, `部分` offers `partly`
    /// (consulted when no code begins so).
    private static func matchesWord(_ c: Completion, _ typed: String, _ words: Vocabulary) -> Bool {
        guard !typed.isEmpty else { return false }
        let key: String?
        switch c.note {
        case .kind: key = MatterKind.wordKey
        case .domain: key = DomainArea.wordKey
        case .variant: key = MatterVariant.wordKey
        case .outcome: key = Outcome.wordKey
        case .escalation: key = EscalationOption.wordKey
        case .role: key = Role.wordKey
        case .none: key = MatterAction(rawValue: c.word) == nil ? nil : MatterAction.wordKey
        case .text, .organisation: key = nil
        }
        guard let key else { return false }
        let folded = Vocabulary.fold(typed)
        return words.spellings(key, c.word).contains { $0.hasPrefix(folded) }
    }

    /// The words of `candidates(of:context:)`.
    public static func completions(of line: String, context: CompletionContext = .init()) -> [String] {
        candidates(of: line, context: context).map(\.word)
    }

    /// Options that take no value.
    static let flags: Set<String> = ["urgent"]

    /// An organisation typed by (part of) its name: `--to 生态` offers `hbj`.
    private static func matchesName(_ c: Completion, _ typed: String) -> Bool {
        guard !typed.isEmpty, case .organisation(let name) = c.note else { return false }
        return name.contains(typed)
    }

    /// The option names the verb in `done` takes (`user add` takes `--org`, `--role`, `--display-name`).
    static func optionNames(after done: [String]) -> [String] {
        guard let verb = done.first else { return [] }
        if verb == "new" { return newOptions }
        if MatterAction(rawValue: verb) != nil { return actionOptions }
        if verb == "user", done.count >= 2, done[1] == "add" { return userOptions }
        if verb == "rules", done.count >= 2, done[1] == "propose" { return ["source"] }
        if verb == "org", done.count >= 2 { return done[1] == "add" ? orgOptions : done[1] == "rename" ? ["name"] : [] }
        return []
    }

    /// The values of `--name` for the verb in `done`.
    static func values(of name: String, after done: [String], _ context: CompletionContext) -> [Completion] {
        let verb = done.first ?? ""
        switch (verb == "new", name) {
        case (true, "to"), (true, "subject"), (true, "copy"), (false, "org"):
            return context.organisations.sorted { $0.key < $1.key }.map { Completion($0.key, note: .organisation($0.value)) }
        case (true, "domain"): return DomainArea.allCases.map { Completion($0.rawValue, note: .domain($0)) }
        case (true, "variant"):
            // The variants of the kind given, if one is.
            let kind = done.dropFirst().first.flatMap(MatterKind.init(rawValue:))
            return MatterVariant.allCases.filter { kind == nil || $0.kind == kind }.map { Completion($0.rawValue, note: .variant($0)) }
        case (_, "date"), (false, "scheduled"), (false, "receipt"): return dates(context)
        case (false, "service"): return ServiceMethod.allCases.map { Completion($0.rawValue) }
        case (false, "outcome"): return Outcome.allCases.map { Completion($0.rawValue, note: .outcome($0)) }
        case (false, "escalation"): return EscalationOption.allCases.map { Completion($0.rawValue, note: .escalation($0)) }
        case (false, "role") where verb == "user": return Role.allCases.map { Completion($0.rawValue, note: .role($0)) }
        case (false, "party") where verb == "org": return OrgOptions.addableParties.map { Completion($0.rawValue) }
        case (false, "domains") where verb == "org": return DomainArea.allCases.map { Completion($0.rawValue, note: .domain($0)) }
        default: return []
        }
    }

    /// `today`, `+1`, `+7` (with the days they name) and today's date.
    static func dates(_ context: CompletionContext) -> [Completion] {
        guard let today = context.today else { return ["today", "+1", "+7"].map { Completion($0) } }
        return [Completion("today", note: .text(today.description)),
                Completion("+1", note: .text(today.adding(days: 1).description)),
                Completion("+7", note: .text(today.adding(days: 7).description)),
                Completion(today.description)]
    }

    /// What goes in the place after `done` when it is not an option's value.
    static func positionals(after done: [String], _ context: CompletionContext) -> [Completion] {
        let verb = done[0]
        // Only the first word after the verb has a meaning of its own (and the user's and key's subjects).
        switch (verb, done.count) {
        case ("new", 1): return MatterKind.allCases.map { Completion($0.rawValue, note: .kind($0)) }
        case ("doc", 1): return LetterKind.allCases.map { Completion($0.rawValue) }
        case ("close", 1), ("check", 1), ("reply", 1), ("decline", 1):
            return Outcome.allCases.map { Completion($0.rawValue, note: .outcome($0)) }
        case ("escalate", 1): return EscalationOption.allCases.map { Completion($0.rawValue, note: .escalation($0)) }
        case ("serve", 1), ("accept", 1), ("acknowledge", 1), ("remind", 1): return dates(context)
        case ("user", 1) where context.administrator: return ["add", "disable", "enable"].map { Completion($0) }
        case ("key", 1) where context.administrator: return ["add", "remove"].map { Completion($0) }
        case ("rules", 1): return RulesLine.subcommands.map { Completion($0) }
        case ("rules", 2) where done[1] == "propose" || done[1] == "agree":
            return CountyRuleKey.allCases.map { Completion($0.rawValue) }
        case ("org", 1) where context.administrator: return ["add", "rename", "disable", "enable"].map { Completion($0) }
        case ("org", 2) where context.administrator && done[1] != "add":
            return context.organisations.sorted { $0.key < $1.key }.map { Completion($0.key, note: .organisation($0.value)) }
        case ("user", 2) where done[1] == "disable" || done[1] == "enable", ("key", 2):
            return context.people.map { Completion($0) }
        default: return []
        }
    }
}

/// Tab on the `:` line. With a list shown, the next candidate (the one before with `backwards`) takes the place of the
/// word. Otherwise the word before the cursor is completed: one candidate is put in whole with a space after it;
/// several put in what they all begin with and are listed (the returned list, drawn above the line).
func complete(_ field: inout TextField, _ list: CompletionList, context: CompletionContext, backwards: Bool = false) -> CompletionList {
    var list = list
    if !list.isEmpty {
        let n = list.candidates.count
        let next = list.selected.map { ($0 + (backwards ? n - 1 : 1)) % n } ?? (backwards ? n - 1 : 0)
        let head = list.before + list.candidates[next].word
        field = TextField(head + list.after, cursor: head.count)
        list.selected = next
        return list
    }
    let line = String(field.text.prefix(field.cursor))
    let after = String(field.text.dropFirst(field.cursor))
    let typed = CommandText.typedWord(line)
    let found = CommandText.candidates(of: line, context: context)
    let before = String(line.dropLast(typed.count))
    if found.count == 1 {
        let head = before + found[0].word + (after.first.map(CommandText.wordSeparators.contains) == true ? "" : " ")
        field = TextField(head + after, cursor: head.count)
        return CompletionList()
    }
    guard found.count > 1 else { return CompletionList() }
    let words = found.map(\.word)
    if words.allSatisfy({ $0.hasPrefix(typed) }) {
        let shared = commonPrefix(words)
        if shared.count > typed.count { field.insert(String(shared.dropFirst(typed.count))) }
    }
    return CompletionList(found, before: before, after: after)
}

/// What every word begins with (whole characters).
func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first else { return "" }
    for w in words.dropFirst() { while !w.hasPrefix(prefix) { prefix.removeLast() } }
    return prefix
}
