/// A command sent over SSH to a key whose `authorized_keys` line forces this program (`SSH_ORIGINAL_COMMAND`),
/// as gitolite reads it: split into words here, never given to a shell, and run only when it is one of a few
/// read-only commands (plus `doc`, which records the letter) acting as the key's person on the forced database.
///
/// The words are split as a shell would split plain text, and nothing more: blanks separate words, 'single
/// quotes' keep everything literally, "double quotes" keep everything but `\"` and `\\`, a backslash outside
/// quotes keeps the next character. `$`, backticks, `;`, `|`, `&`, `>`, globs and `~` are plain characters of a
/// word: nothing is expanded, substituted, redirected or run. Bytes that are not UTF-8, control characters
/// (NUL and line breaks included) and invisible format characters (bidi overrides, zero-width) are refused.
public struct RemoteCommand: Equatable, Sendable {
    /// The commands allowed over SSH, in the order `help` lists them.
    public enum Verb: String, CaseIterable, Sendable {
        case alerts, matter, export, report, doc, calendar, rules, help
    }

    /// `matter`'s allowed subcommands (the others change matters or need a terminal).
    public static let matterSubcommands = ["list", "show"]

    /// The subcommands allowed of each verb that has them: `calendar`'s reading ones (a notice file is loaded on the
    /// server), `rules` whole (a head proposes and agrees the county's service levels from their key, Art. 12).
    public static let subcommands: [Verb: [String]] = [
        .matter: matterSubcommands, .calendar: ["list", "show"], .rules: ["list", "propose", "agree"],
    ]

    /// Options that would change who acts, on which database and day, or where files go on the server.
    public static let forbiddenOptions = ["--db", "--user", "--today", "--out", "--force", "--install", "--admin"]

    /// The longest command taken, in bytes.
    public static let maximumLength = 4096

    public var verb: Verb
    /// The words after the verb, as typed (the options not forbidden).
    public var arguments: [String]

    public enum Problem: Error, Equatable, Sendable {
        case empty
        case tooLong
        case notUTF8
        /// A control or invisible format character, by code point.
        case hiddenCharacter(UInt32)
        case unclosedQuote
        /// The first word is not one of `Verb`.
        case notAllowed(String)
        /// `matter` with another subcommand than list or show (or none).
        case matterSubcommand(String?)
        /// `calendar` or `rules` with a subcommand not allowed over SSH (or none).
        case subcommand(Verb, String?)
        case forbiddenOption(String)
    }

    public init(verb: Verb, arguments: [String]) {
        self.verb = verb
        self.arguments = arguments
    }

    /// The command in `bytes` (the variable's bytes as sshd set them), checked.
    public init(bytes: [UInt8]) throws(Problem) {
        let words = try Self.words(bytes)
        guard let first = words.first else { throw .empty }
        guard let verb = Verb(rawValue: first) else { throw .notAllowed(first) }
        let rest = Array(words.dropFirst())
        if let allowed = Self.subcommands[verb] {
            guard let sub = rest.first, allowed.contains(sub) else {
                throw verb == .matter ? .matterSubcommand(rest.first) : .subcommand(verb, rest.first)
            }
        }
        for word in rest {
            let name = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? word
            if Self.forbiddenOptions.contains(name) { throw .forbiddenOption(name) }
        }
        self.init(verb: verb, arguments: rest)
    }

    /// The words of `bytes`, split as described above.
    public static func words(_ bytes: [UInt8]) throws(Problem) -> [String] {
        guard bytes.count <= maximumLength else { throw .tooLong }
        var scalars: [Unicode.Scalar] = []
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: break decoding
            case .error: throw .notUTF8
            }
        }
        for s in scalars where s != " " && s != "\t" && isHidden(s) { throw .hiddenCharacter(s.value) }

        var words: [String] = []
        var current = String.UnicodeScalarView()
        var inWord = false
        var i = 0
        func next() -> Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }
        while i < scalars.count {
            let s = scalars[i]
            switch s {
            case " ", "\t":
                if inWord { words.append(String(current)); current = .init(); inWord = false }
                i += 1
            case "'":
                inWord = true
                i += 1
                while true {
                    guard let c = next() else { throw .unclosedQuote }
                    i += 1
                    if c == "'" { break }
                    current.append(c)
                }
            case "\"":
                inWord = true
                i += 1
                while true {
                    guard let c = next() else { throw .unclosedQuote }
                    i += 1
                    if c == "\"" { break }
                    if c == "\\", let d = next(), d == "\"" || d == "\\" {
                        current.append(d)
                        i += 1
                    } else {
                        current.append(c)
                    }
                }
            case "\\":
                inWord = true
                i += 1
                if let c = next() { current.append(c); i += 1 } else { current.append(s) }
            default:
                inWord = true
                current.append(s)
                i += 1
            }
        }
        if inWord { words.append(String(current)) }
        return words
    }

    /// Control characters (C0, DEL, C1), line and paragraph separators, and invisible format characters
    /// (bidi marks and overrides, zero-width characters, the byte-order mark).
    public static func isHidden(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned: return true
        default: return false
        }
    }
}
