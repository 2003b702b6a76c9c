import OversightDomain

/// `v`: the selected matter's long texts in full (its summary, then each step's text), scrolled a piece at a time.
/// The texts are cut into pieces once, when the view opens (at line breaks, and a long line every `pieceLength`
/// characters), so a frame wraps only the pieces it shows: never a whole text of megabytes.
public struct TextView: Hashable, Sendable {
    public enum Piece: Hashable, Sendable {
        /// The summary's heading.
        case summary
        /// A step's heading (its text is in the pieces that follow).
        case event(MatterEvent)
        /// A piece of text: at most `pieceLength` characters of one line.
        case text(String)
        /// One of the county's rules (`:rules`), worded by the screen.
        case rule(RuleView)
    }

    public static let pieceLength = 400

    /// A letter shown before it is recorded (`d`, `:doc`): `s` or Enter records it.
    public struct PendingLetter: Hashable, Sendable {
        public var kind: LetterKind
        /// The version of the matter the letter was filled from.
        public var version: Int
    }

    public var matter: MatterID
    /// The matter's number, else its title (cut), for the view's title.
    public var label: String
    public var pieces: [Piece]
    /// The first piece shown.
    public var scroll = 0
    /// The letter shown, when this view shows one rather than the matter's texts.
    public var letter: PendingLetter?
    /// The string key of the view's title when it shows no matter (`:rules`); nil: the matter's texts or letter.
    public var titleKey: String?

    /// `:rules`: the county's rules, one piece each.
    public init(rules: [RuleView]) {
        matter = 0
        label = ""
        pieces = rules.map(Piece.rule)
        titleKey = "rules.title"
    }

    /// `letter` to read, filled from version `version` of its matter.
    public init(letter: Letter, version: Int) {
        matter = letter.matter
        label = letter.number.isEmpty ? letter.title : "\(letter.title) \(letter.number)"
        pieces = Self.pieces(of: letter.text)
        self.letter = PendingLetter(kind: letter.kind, version: version)
    }

    public init(_ detail: MatterDetail) {
        let m = detail.matter
        matter = m.id
        label = m.number.isEmpty ? String(m.title.prefix(60)) : m.number
        var pieces: [Piece] = []
        if !m.summary.isEmpty {
            pieces.append(.summary)
            pieces += Self.pieces(of: m.summary)
        }
        for e in detail.events where !e.text.isEmpty && e.action != .create {
            var heading = e
            heading.text = ""
            pieces.append(.event(heading))
            pieces += Self.pieces(of: e.text)
        }
        self.pieces = pieces
    }

    /// `text` at its line breaks, each line cut every `pieceLength` characters.
    public static func pieces(of text: String) -> [Piece] {
        var out: [Piece] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var rest = line
            repeat {
                let end = rest.index(rest.startIndex, offsetBy: pieceLength, limitedBy: rest.endIndex) ?? rest.endIndex
                out.append(.text(String(rest[..<end])))
                rest = rest[end...]
            } while !rest.isEmpty
        }
        return out
    }

    /// Moves by `n` pieces (negative: up), within the text.
    public mutating func scroll(by n: Int) {
        scroll = max(0, min(pieces.count - 1, scroll + n))
    }
}
