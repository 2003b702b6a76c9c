import OversightDomain

/// CSV as WPS and Excel read and write it (RFC 4180): fields separated by commas, quoted with `"` (a quote inside
/// doubled), records ending in CRLF or LF, line breaks allowed inside quotes. Hand-written rather than taken from a
/// package because an import must say where a file is wrong: the CSV packages on the mirror report neither the line
/// of an unclosed quote nor that of a short record.
public enum CSVText {
    /// One record and the line of the file it starts on (1-based; a quoted line break makes a record span lines).
    public struct Record: Hashable, Sendable {
        public var line: Int
        public var fields: [String]
    }

    /// Where a file stops being CSV.
    public struct SyntaxError: Error, Hashable, Sendable {
        public enum Problem: Hashable, Sendable {
            /// A quoted field that the file ends inside.
            case unclosedQuote
            /// Text after a closing quote before the next comma or line end (`"a"b`).
            case textAfterQuote
        }
        public var line: Int
        public var problem: Problem

        public init(line: Int, problem: Problem) {
            self.line = line
            self.problem = problem
        }
    }

    /// The records of `text` (without a byte-order mark). Blank lines between records are skipped. Read as UTF-8
    /// bytes: every byte that means something to CSV is ASCII, and never part of a multi-byte character.
    /// Throws `SyntaxError`.
    public static func records(_ text: String) throws -> [Record] {
        var out: [Record] = []
        try forEachRecord(text) { out.append($0); return true }
        return out
    }

    /// The records of `text` one at a time, in file order, without holding them all: `body` returns false to stop
    /// reading. Throws `SyntaxError` where the text stops being CSV (after the records before it were given).
    public static func forEachRecord(_ text: String, _ body: (Record) throws -> Bool) throws {
        var text = text
        try text.withUTF8 { try forEachRecord($0, body) }
    }

    private static func forEachRecord(_ b: UnsafeBufferPointer<UInt8>, _ body: (Record) throws -> Bool) throws {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var fields: [String] = []
        var line = 1, start = 1
        var i = 0
        while i < b.count {
            // One field from i.
            if b[i] == quote {
                let opened = line
                var bytes: [UInt8] = []
                i += 1
                var closed = false
                while i < b.count {
                    let c = b[i]
                    if c == quote {
                        if i + 1 < b.count, b[i + 1] == quote {
                            bytes.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if c == lf { line += 1 }
                    if c == cr, i + 1 < b.count, b[i + 1] == lf {
                        // A quoted CRLF is one line break, kept as LF (the form the database holds).
                        i += 1
                        line += 1
                        bytes.append(lf)
                    } else {
                        bytes.append(c)
                    }
                    i += 1
                }
                guard closed else { throw SyntaxError(line: opened, problem: .unclosedQuote) }
                if i < b.count, b[i] != comma, b[i] != cr, b[i] != lf { throw SyntaxError(line: line, problem: .textAfterQuote) }
                fields.append(String(decoding: bytes, as: UTF8.self))
            } else {
                let from = i
                while i < b.count, b[i] != comma, b[i] != cr, b[i] != lf { i += 1 }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: b[from..<i]), as: UTF8.self))
            }
            // What ends the field: a comma (another field follows), a line end or the end of the file.
            if i < b.count, b[i] == comma {
                i += 1
                if i == b.count { fields.append("") }
                continue
            }
            if i < b.count, b[i] == cr, i + 1 < b.count, b[i + 1] == lf { i += 1 }
            i += 1
            if !(fields.count == 1 && fields[0].isEmpty) {
                guard try body(Record(line: start, fields: fields)) else { return }
            }
            fields = []
            line += 1
            start = line
        }
        // A file that ends right after a comma.
        if !fields.isEmpty { _ = try body(Record(line: start, fields: fields)) }
    }

    /// One field, quoted, for a file that WPS and Excel open as it is meant. Built scalar by scalar (never by
    /// grapheme cluster: a quote followed by a combining mark, `"́`, is one `Character` that a search for `"` does
    /// not find, and an undoubled quote would end the field early and let the rest run as cells of its own):
    /// - the value as the cell shows it first (`shown`): line breaks kept, a lone carriage return and other
    ///   control characters and invisible format characters (bidi overrides, zero-width characters …), which
    ///   CSV cannot carry safely, written as visible `<U+202E>`;
    /// - a value a spreadsheet would run as a formula (`needsApostrophe`) written behind an apostrophe (the
    ///   spreadsheets' own mark for "text"), and so is one that already starts with an apostrophe before such a
    ///   value, so that `unneutralised` gives back exactly the value shown;
    /// - every `"` doubled, the whole quoted; a line break written CRLF.
    public static func field(_ value: String, formula: Bool = true) -> String {
        var out: [UInt8] = []
        appendField(value, formula: formula, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `field(value)`'s UTF-8 bytes appended to `out` (what a streamed export writes, without a string a cell).
    public static func appendField(_ value: String, formula: Bool = true, to out: inout [UInt8]) {
        let text = shown(value)
        out.append(0x22)
        if formula, needsApostrophe(text) { out.append(UInt8(ascii: "'")) }
        // On UTF-8 bytes: a quote or a line feed is one byte that no other character's encoding holds, so a quote
        // followed by a combining mark is still doubled (one `Character` in Swift's comparison, two scalars here).
        for b in String(text).utf8 {
            switch b {
            case 0x22: out.append(0x22); out.append(0x22)
            case 0x0A: out.append(0x0D); out.append(0x0A)
            default: out.append(b)
            }
        }
        out.append(0x22)
    }

    /// What a cell written by `field` holds once read back (`records`, then `unneutralised`): the value with
    /// CRLF as LF, a lone CR, other control characters and format characters as `<U+000D>` … (so text that
    /// already spelled `<U+…>` and an invisible character read back alike: the export shows, it does not
    /// carry, invisible characters; JSON carries them exactly).
    public static func shown(_ value: String) -> String.UnicodeScalarView {
        // Most values hold nothing to show otherwise: they are kept as they are.
        if !value.unicodeScalars.contains(where: { $0 == "\r" || ExchangeText.isInvisible($0) }) { return value.unicodeScalars }
        var text = String.UnicodeScalarView()
        let scalars = Array(value.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            switch s {
            case "\n", "\t": text.append(s)
            case "\r" where i + 1 < scalars.count && scalars[i + 1] == "\n": continue
            default:
                if ExchangeText.isInvisible(s) {
                    text.append(contentsOf: ExchangeText.visible(s).unicodeScalars)
                } else {
                    text.append(s)
                }
            }
        }
        return text
    }

    /// A value read from a cell, without the apostrophe `field` put before a formula (on scalars: an
    /// apostrophe followed by a combining mark is one `Character`, and must still be found).
    public static func unneutralised(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard scalars.first == "'" else { return cell }
        let rest = scalars.dropFirst()
        guard needsApostrophe(rest) || rest.first == "'" else { return cell }
        return String(String.UnicodeScalarView(rest))
    }

    /// The characters that make a spreadsheet read a cell as a formula (the fullwidth forms too: an input
    /// method may turn them into ASCII), and a line break or tab first (written CRLF: a cell that starts with
    /// a carriage return, which some spreadsheets strip before looking for `=`).
    static func isFormulaStart(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}": return true
        default: return false
        }
    }

    /// What may stand before a formula character without showing: spaces, and the marks that join the
    /// character before them (combining marks, variation selectors), format characters (written visibly by
    /// `shown`, so never first in a cell, but checked in case).
    static func isSilentLead(_ s: Unicode.Scalar) -> Bool {
        if s.properties.isWhitespace { return true }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// Whether a cell showing `text` must be written behind an apostrophe: a formula character first or behind
    /// only silent lead characters; or an apostrophe first before such a text or another apostrophe (so the
    /// apostrophe `field` adds is always told from one the value has).
    static func needsApostrophe<S: Collection>(_ text: S) -> Bool where S.Element == Unicode.Scalar {
        for s in text {
            if isFormulaStart(s) { return true }
            if !isSilentLead(s) { break }
        }
        guard text.first == "'" else { return false }
        let rest = text.dropFirst()
        if rest.first == "'" { return true }
        for s in rest {
            if isFormulaStart(s) { return true }
            if !isSilentLead(s) { break }
        }
        return false
    }

    /// A record: quoted fields joined by commas, ended by CRLF.
    public static func record(_ fields: [String]) -> String { fields.joined(separator: ",") + "\r\n" }

    /// The UTF-8 byte-order mark that tells Excel the file is UTF-8.
    public static let byteOrderMark = "\u{FEFF}"
}

/// The characters that an export must not pass through as they are (the rule of `JSONText` in the terminal kit:
/// controls other than line breaks and tabs, and format characters, general category Cf).
public enum ExchangeText {
    public static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        // The blocks nearly every text is made of, none of them control or format characters: printable ASCII,
        // the CJK ideographs, CJK punctuation (not U+3000) and the fullwidth forms. The general category is looked
        // up for the rest (a table look-up that dominated an export's time).
        case 0x0A, 0x09, 0x20...0x7E, 0x4E00...0x9FFF, 0x3001...0x303F, 0xFF01...0xFF5E: return false
        default: break
        }
        switch s.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// `<U+202E>`: an invisible character made visible, in the notation of the Unicode standard.
    public static func visible(_ s: Unicode.Scalar) -> String { "<" + s.codePoint + ">" }
}
