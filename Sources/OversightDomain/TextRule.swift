import Foundation

extension TextRule {
    /// The text fields a person writes, of two kinds: one line (a title, a name, a document number) or a long text.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case title, number, displayName = "display-name", organisationName = "organisation-name"
        /// A step's text: a reply, feedback, a note, findings, minutes.
        case text
        case summary

        /// A long text may hold line breaks and tabs; a one-line field may not.
        public var isLong: Bool { self == .text || self == .summary }

        /// At most this many characters (Unicode scalars).
        public var limit: Int {
            switch self {
            case .text, .summary: return TextRule.longLimit
            case .displayName: return TextRule.displayNameLimit
            case .title, .number, .organisationName: return TextRule.lineLimit
            }
        }
    }
}

/// Why a text was refused by `TextRule`: the field, what is wrong, where (the n-th character as a person counts
/// them, 1-based), the character concerned and the field's limit. Worded by the presenter and the CLI.
public struct TextProblem: Error, Hashable, Sendable {
    public enum What: Hashable, Sendable {
        /// NUL, a C0 or C1 control or DEL; in a one-line field also a tab or a line break.
        case control
        /// An invisible format character: bidi control, zero-width character, BOM, soft hyphen, a variation
        /// selector with nothing to select, another default-ignorable character that would show as nothing.
        case invisible
        /// Nothing a person can see: only spaces, marks, selectors.
        case nothingVisible
        /// More than the field's limit; `count` is how many characters it has.
        case tooLong(count: Int)
    }

    public var field: TextRule.Field
    public var what: What
    /// The n-th character (grapheme, as a person counts what they see), 1-based; nil for the whole text.
    public var position: Int?
    public var scalar: Unicode.Scalar?
    public var limit: Int { field.limit }

    public init(field: TextRule.Field, what: What, position: Int? = nil, scalar: Unicode.Scalar? = nil) {
        self.field = field
        self.what = what
        self.position = position
        self.scalar = scalar
    }

    /// "U+200B", the code point as Unicode writes it.
    public var codePoint: String? { scalar?.codePoint }

    /// "U+200B ZERO WIDTH SPACE" (controls by their alias, "U+0000 NULL").
    public var characterName: String? { scalar?.characterName }

    /// Controls have no Unicode name; these are their aliases (NameAliases.txt, type control).
    fileprivate static let controlNames: [UInt32: String] = [
        0x00: "NULL", 0x01: "START OF HEADING", 0x02: "START OF TEXT", 0x03: "END OF TEXT", 0x04: "END OF TRANSMISSION",
        0x05: "ENQUIRY", 0x06: "ACKNOWLEDGE", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "CHARACTER TABULATION",
        0x0A: "LINE FEED", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x0E: "SHIFT OUT",
        0x0F: "SHIFT IN", 0x10: "DATA LINK ESCAPE", 0x11: "DEVICE CONTROL ONE", 0x12: "DEVICE CONTROL TWO",
        0x13: "DEVICE CONTROL THREE", 0x14: "DEVICE CONTROL FOUR", 0x15: "NEGATIVE ACKNOWLEDGE",
        0x16: "SYNCHRONOUS IDLE", 0x17: "END OF TRANSMISSION BLOCK", 0x18: "CANCEL", 0x19: "END OF MEDIUM",
        0x1A: "SUBSTITUTE", 0x1B: "ESCAPE", 0x1C: "INFORMATION SEPARATOR FOUR", 0x1D: "INFORMATION SEPARATOR THREE",
        0x1E: "INFORMATION SEPARATOR TWO", 0x1F: "INFORMATION SEPARATOR ONE", 0x7F: "DELETE", 0x85: "NEXT LINE",
        0x90: "DEVICE CONTROL STRING", 0x98: "START OF STRING", 0x9B: "CONTROL SEQUENCE INTRODUCER",
        0x9C: "STRING TERMINATOR", 0x9D: "OPERATING SYSTEM COMMAND", 0x9E: "PRIVACY MESSAGE",
        0x9F: "APPLICATION PROGRAM COMMAND",
    ]
}

/// The one rule for text coming in, on every way in (a typed form, the `:` line, CLI options, an import), enforced
/// by the write path (`Workflow.create`, `Workflow.apply`, people):
///
/// - Line breaks are normalised to LF (CR LF, CR, U+2028, U+2029; NEL is a C1 control, refused), the text to Unicode NFC, and trimmed of
///   spaces and line breaks at both ends. What is stored is exactly this value (and what `audit verify` hashes).
/// - NUL, C0 and C1 controls and DEL are refused; LF and tab only in a long text.
/// - Invisible characters are refused in every field, long texts too (they would hide or reorder what a reader
///   sees in a reply as much as in a title): every format character (Cf: bidi embeddings, overrides, isolates and
///   marks, zero-width space and non-joiner, word joiner, BOM, soft hyphen, tags …) and every other
///   default-ignorable character (CGJ, Hangul fillers …), and noncharacters. Allowed inside a character they
///   belong to: a variation selector after a visible base (U+2764 U+FE0F, an ideographic variation sequence), a
///   zero-width joiner inside an emoji sequence (U+1F469 U+200D U+1F4BB), tag characters inside an emoji flag
///   (U+1F3F4 U+E0067 … U+E007F).
/// - A text that is not empty holds at least one visible character.
/// - Limits: a one-line field at most `lineLimit` characters, a long text at most `longLimit`, counted in Unicode
///   scalars (code points: one Han character is one, an emoji made of several code points counts each), so a
///   stack of combining marks counts every mark.
public enum TextRule {
    /// A title, a display name, a document number, an organisation name: at most 200 characters.
    public static let lineLimit = 200
    /// A person's display name: at most 64 characters (it is shown in narrow columns and histories).
    public static let displayNameLimit = 64
    /// A reply, feedback, a note, a summary: at most 20,000 characters.
    public static let longLimit = 20_000

    /// The value to store, normalised, or why not.
    public static func check(_ text: String, as field: TextRule.Field) -> Result<String, TextProblem> {
        let value = normalised(text)
        let count = value.unicodeScalars.count
        if count > field.limit { return .failure(TextProblem(field: field, what: .tooLong(count: count))) }
        var visible = false
        var position = 0
        for c in value {
            position += 1
            let scalars = Array(c.unicodeScalars)
            let base = scalars[0]
            for (i, s) in scalars.enumerated() {
                switch classify(s, at: i, base: base, long: field.isLong) {
                case .fine: break
                case .control: return .failure(TextProblem(field: field, what: .control, position: position, scalar: s))
                case .invisible: return .failure(TextProblem(field: field, what: .invisible, position: position, scalar: s))
                }
            }
            if !visible, isVisible(base) { visible = true }
        }
        if !value.isEmpty, !visible { return .failure(TextProblem(field: field, what: .nothingVisible)) }
        return .success(value)
    }

    /// Throws the workflow's refusal for a text that breaks the rule.
    public static func checked(_ text: String, as field: TextRule.Field) throws(WorkflowError) -> String {
        switch check(text, as: field) {
        case .success(let v): return v
        case .failure(let p): throw .invalidInput(.text(p))
        }
    }

    /// Line breaks to LF, NFC, trimmed. (Trimming removes spaces and line breaks only, never a control that
    /// `check` must name.)
    public static func normalised(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousCR = false
        for s in text.unicodeScalars {
            switch s.value {
            case 0x0D: scalars.append("\n"); previousCR = true; continue
            case 0x0A: if !previousCR { scalars.append("\n") }
            case 0x2028, 0x2029: scalars.append("\n")
            default: scalars.append(s)
            }
            previousCR = false
        }
        let nfc = String(scalars).precomposedStringWithCanonicalMapping
        return nfc.trimmingCharacters(in: trimmed)
    }

    private static let trimmed: CharacterSet = {
        var set = CharacterSet.whitespacesAndNewlines
        set.remove(charactersIn: "\u{85}")  // never: normalised to LF before
        return set
    }()

    private enum Verdict { case fine, control, invisible }

    /// `s` as the `index`-th scalar of a character beginning with `base`.
    private static func classify(_ s: Unicode.Scalar, at index: Int, base: Unicode.Scalar, long: Bool) -> Verdict {
        let v = s.value
        switch v {
        case 0x0A, 0x09: return long ? .fine : .control
        case 0x00...0x1F, 0x7F...0x9F: return .control
        case 0x20...0x7E: return .fine
        default: break
        }
        let p = s.properties
        let hidden = p.generalCategory == .format || p.isDefaultIgnorableCodePoint || p.isNoncharacterCodePoint
        guard hidden else { return .fine }
        let attached = index > 0 && isVisible(base)
        if attached && p.isVariationSelector { return .fine }
        if attached && v == 0x200D && base.value >= 0x80 && base.properties.isEmoji { return .fine }
        if attached && (0xE0020...0xE007F).contains(v) && base.value == 0x1F3F4 { return .fine }
        return .invisible
    }

    /// Whether `s` shows as something: not a space, control, format or default-ignorable character, nor a mark
    /// alone.
    static func isVisible(_ s: Unicode.Scalar) -> Bool {
        let p = s.properties
        if p.isWhitespace || p.isDefaultIgnorableCodePoint || p.isNoncharacterCodePoint { return false }
        switch p.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .nonspacingMark,
             .enclosingMark, .spacingMark, .unassigned, .surrogate:
            return false
        default:
            return true
        }
    }
}

extension Unicode.Scalar {
    /// "U+200B": the code point as the Unicode standard writes it (the one notation of refusals, exports and notices).
    public var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// "U+200B ZERO WIDTH SPACE" (controls by their alias, "U+0000 NULL").
    public var characterName: String {
        let name = properties.name ?? properties.nameAlias ?? TextProblem.controlNames[value]
        return name.map { "\(codePoint) \($0)" } ?? codePoint
    }
}
