import OversightDomain

/// The words an exchange file's values are written in and read from: codes (`suggestion`, `served`: JSON, scripts,
/// older files), or one language's words (`检察建议`, `待回复`: the CSV table people open in WPS and Excel). Reading
/// always accepts the code and either language's word (`Vocabulary`); `language` decides what is written, and
/// in which words a refused value is told what is accepted (`ImportProblem.Reason.notOneOf`).
public struct ExchangeWords: Sendable {
    public var vocabulary: Vocabulary
    /// The language written; nil: codes.
    public var language: Language?
    /// What the 逾期 cell says of an overdue matter ("是", "yes").
    public var yes: String

    /// Codes written, codes read: what an exchange is without a string table.
    public static let codes = ExchangeWords(vocabulary: .codes, language: nil, yes: "yes")

    public init(vocabulary: Vocabulary, language: Language?, yes: String) {
        self.vocabulary = vocabulary
        self.language = language
        self.yes = yes
    }

    // MARK: writing

    /// The word of the value whose code is `code` (the code itself when it names none, or codes are written).
    public func word<T: Worded>(_: T.Type, _ code: String) -> String {
        guard let language, let v = T(rawValue: code) else { return code }
        return vocabulary.word(v, language)
    }

    /// The word of the state whose code is `code`, as a matter of the kind `kind` (a code) shows it.
    public func state(_ code: String, kind: String) -> String {
        guard let language, let s = MatterState(rawValue: code) else { return code }
        guard let k = MatterKind(rawValue: kind) else { return vocabulary.word(s, of: .suggestion, language) }
        return vocabulary.word(s, of: k, language)
    }

    // MARK: reading

    /// The value `text` names: its code or either language's word (full or short); nil if none.
    public func value<T: Worded>(_ type: T.Type, _ text: String) -> T? {
        vocabulary.value(type, text)
    }

    /// The state `text` names for a matter of `kind`: the word as that kind shows it first ("待反馈" is a
    /// transfer's `served`), else any state's word when it names only one.
    public func state(_ text: String, kind: MatterKind?) -> MatterState? {
        if let s = MatterState(rawValue: text) { return s }
        let found = vocabulary.states(text)
        if let kind {
            let shown = found.filter { $0.value.map { $0.contains(kind) } ?? true }
            if shown.count == 1 { return shown.keys.first }
        }
        return found.count == 1 ? found.keys.first : nil
    }

    /// The values accepted, for a refusal, as the CLI lists a closed set: the Chinese words in Chinese, the codes
    /// otherwise (every one of them is read too).
    public func accepted<T: Worded>(_: T.Type) -> [String] {
        T.allCases.map { language == .zh ? word(T.self, $0.rawValue) : $0.rawValue }
    }

    /// The states accepted for a matter of `kind`: in Chinese as that kind shows them, else the codes.
    public func acceptedStates(kind: MatterKind?) -> [String] {
        guard language == .zh else { return MatterState.allCases.map(\.rawValue) }
        var seen = Set<String>()
        return MatterState.allCases.map { state($0.rawValue, kind: (kind ?? .suggestion).rawValue) }.filter { seen.insert($0).inserted }
    }
}
