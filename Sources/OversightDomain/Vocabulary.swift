import Foundation

/// A closed set of domain values that people name in words: the prefix of its words in the string tables
/// (`kind.suggestion`, `outcome.adopted` …).
public protocol Worded: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {
    static var wordKey: String { get }
}

extension MatterKind: Worded { public static var wordKey: String { "kind" } }
extension DomainArea: Worded { public static var wordKey: String { "domain" } }
extension Outcome: Worded { public static var wordKey: String { "outcome" } }
extension EscalationOption: Worded { public static var wordKey: String { "escalation" } }
extension MatterVariant: Worded { public static var wordKey: String { "variant" } }
extension Party: Worded { public static var wordKey: String { "party" } }
extension Role: Worded { public static var wordKey: String { "role" } }
extension MatterAction: Worded { public static var wordKey: String { "step" } }
extension ServiceMethod: Worded { public static var wordKey: String { "service" } }

/// One vocabulary in two languages: every domain value is read from its code, its Chinese word or its English
/// word (full or short, letters without regard to case), and organisations from their id or name; and written in a
/// language's word. Built from the string tables (`Resources/i18n`), which are the one place the words are kept;
/// `codes` knows codes only.
///
/// Reading is the same everywhere a person types a value: the `/` filter, forms, the `:` line, CLI options, imports.
public struct Vocabulary: Sendable {
    /// `kind` → the folded word → the code.
    private var read: [String: [String: String]] = [:]
    /// A state's folded word → the states it names, each with the kinds it is shown for (nil: every kind).
    private var stateWords: [String: [MatterState: Set<MatterKind>?]] = [:]
    private var tables: [Language: [String: String]] = [:]
    /// Folded id, name or short name → the organisation's id.
    private var organisations: [String: OrgID] = [:]

    /// Codes only: what reads a value before any words are loaded.
    public static let codes = Vocabulary(tables: [:])

    public init(tables: [Language: [String: String]], organisations: [Organisation] = []) {
        self.tables = tables
        for language in Language.allCases {
            let table = tables[language] ?? [:]
            add(MatterKind.self, table)
            add(DomainArea.self, table)
            add(Outcome.self, table)
            add(EscalationOption.self, table)
            add(MatterVariant.self, table)
            add(Party.self, table)
            add(Role.self, table)
            add(MatterAction.self, table)
            // A step a kind or a variant words its own way (a consultation's `reply` is 答复, "answer"; an annual
            // plan's `accept` is 签署, "sign") is read by that word too.
            for kind in MatterKind.allCases.map(\.rawValue) + MatterVariant.allCases.map(\.rawValue) {
                for action in MatterAction.allCases {
                    guard let word = table["step.\(kind).\(action.rawValue)"] else { continue }
                    let folded = Self.fold(word)
                    if read["step", default: [:]][folded] == nil { read["step", default: [:]][folded] = action.rawValue }
                }
            }
            add(ServiceMethod.self, table)
            for state in MatterState.allCases {
                note(state.rawValue, state, nil)
                let general = "state.\(state.rawValue)"
                // The kinds that show the general word: those without a word of their own for this state.
                let plain = Set(MatterKind.allCases.filter { table["state.\($0.rawValue).\(state.rawValue)"] == nil })
                for key in [general, general + ".short"] { if let w = table[key] { note(w, state, plain) } }
                for kind in MatterKind.allCases {
                    let specific = "state.\(kind.rawValue).\(state.rawValue)"
                    for key in [specific, specific + ".short"] { if let w = table[key] { note(w, state, [kind]) } }
                }
            }
        }
        self.organisations = [:]
        for o in organisations {
            for name in [o.id, o.name, Organisation.shortName(o.name)] where !name.isEmpty {
                let key = Self.fold(name)
                if self.organisations[key] == nil { self.organisations[key] = o.id }
            }
        }
        // An id is itself even when another organisation's name happened to fold to it.
        for o in organisations { self.organisations[Self.fold(o.id)] = o.id }
    }

    /// The same vocabulary also reading the values of `T` (a set defined outside the domain, as the letters are).
    public func learning<T: Worded>(_: T.Type) -> Vocabulary {
        var v = self
        for language in Language.allCases { v.add(T.self, tables[language] ?? [:]) }
        return v
    }

    /// The same vocabulary knowing these organisations.
    public func with(organisations: [Organisation]) -> Vocabulary {
        Vocabulary(tables: tables, organisations: organisations)
    }

    private mutating func add<T: Worded>(_: T.Type, _ table: [String: String]) {
        for v in T.allCases {
            let key = "\(T.wordKey).\(v.rawValue)"
            for word in [v.rawValue, table[key], table[key + ".short"]].compactMap({ $0 }) {
                let folded = Self.fold(word)
                // The first meaning stays: a code is never taken over by another value's word.
                if read[T.wordKey, default: [:]][folded] == nil { read[T.wordKey, default: [:]][folded] = v.rawValue }
            }
        }
    }

    private mutating func note(_ word: String, _ state: MatterState, _ kinds: Set<MatterKind>?) {
        let folded = Self.fold(word)
        var entry = stateWords[folded, default: [:]]
        var merged = kinds
        if let i = entry.index(forKey: state) {
            // nil (every kind) absorbs; else the kinds add up.
            if let had = entry[i].value, let more = kinds { merged = had.union(more) } else { merged = nil }
        }
        entry.updateValue(merged, forKey: state)
        stateWords[folded] = entry
    }

    /// A word as it is compared: trimmed, runs of spaces (also the ideographic space) one, letters in lower case.
    public static func fold(_ word: String) -> String {
        word.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }).joined(separator: " ").lowercased()
    }

    // MARK: reading

    /// The value `word` names: its code, or its Chinese or English word (full or short); nil if none.
    public func value<T: Worded>(_: T.Type, _ word: String) -> T? {
        if let v = T(rawValue: word) { return v }
        return read[T.wordKey]?[Self.fold(word)].flatMap(T.init(rawValue:))
    }

    /// The code of the value of the set whose words have this prefix (`domain`, `outcome` …) that `word` names.
    public func code(_ wordKey: String, _ word: String) -> String? {
        read[wordKey]?[Self.fold(word)]
    }

    /// Every word (folded) of the value `code` of the set with this prefix, in every language: full and short.
    public func spellings(_ wordKey: String, _ code: String) -> [String] {
        Language.allCases.flatMap { language in
            ["\(wordKey).\(code)", "\(wordKey).\(code).short"].compactMap { tables[language]?[$0] }.map(Self.fold)
        }
    }

    /// The states `word` names, each with the kinds whose matters show that word (nil: every kind).
    /// "待回复" is `served` for the kinds without a word of their own; "已反馈" is `replied` of a transfer.
    public func states(_ word: String) -> [MatterState: Set<MatterKind>?] {
        stateWords[Self.fold(word)] ?? [:]
    }

    /// The one state `word` names, whatever the kind (for a state given as an option or a cell).
    public func state(_ word: String) -> MatterState? {
        if let s = MatterState(rawValue: word) { return s }
        let found = states(word)
        return found.count == 1 ? found.keys.first : nil
    }

    /// The organisation `word` names: its id, its name or its short name (the place left out); nil if none.
    public func organisation(_ word: String) -> OrgID? {
        organisations[Self.fold(word)]
    }

    // MARK: writing

    /// The value's word in `language` (its code when the table has none).
    public func word<T: Worded>(_ v: T, _ language: Language) -> String {
        tables[language]?["\(T.wordKey).\(v.rawValue)"] ?? v.rawValue
    }

    /// The state's word in `language` as a matter of `kind` shows it.
    public func word(_ state: MatterState, of kind: MatterKind, _ language: Language) -> String {
        let table = tables[language] ?? [:]
        return table["state.\(kind.rawValue).\(state.rawValue)"] ?? table["state.\(state.rawValue)"] ?? state.rawValue
    }

    /// Every value's word in `language`, for saying what is accepted.
    public func words<T: Worded>(_: T.Type, _ language: Language) -> [String] {
        T.allCases.map { word($0, language) }
    }
}

extension Organisation {
    /// An organisation's name without the place it belongs to, as people say it in the county: "文水县司法局" →
    /// "司法局", "吕梁市生态环境局文水分局" → "生态环境局文水分局". A name that is only a place stays whole.
    public static func shortName(_ name: String) -> String {
        let chars = Array(name)
        for (i, c) in chars.enumerated() where i >= 1 && i < chars.count - 2 && "省市县区旗".contains(c) {
            return String(chars[(i + 1)...])
        }
        return name
    }
}
