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
        var text = text
        return try text.withUTF8 { try records($0) }
    }

    private static func records(_ b: UnsafeBufferPointer<UInt8>) throws -> [Record] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var out: [Record] = []
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
            if !(fields.count == 1 && fields[0].isEmpty) { out.append(Record(line: start, fields: fields)) }
            fields = []
            line += 1
            start = line
        }
        // A file that ends right after a comma.
        if !fields.isEmpty { out.append(Record(line: start, fields: fields)) }
        return out
    }

    /// One field, quoted, for a file that WPS and Excel open as it is meant:
    /// - a value that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would run as a formula; it is
    ///   written behind an apostrophe (the spreadsheets' own mark for "text"), and so is one that already starts
    ///   with an apostrophe before such a character, so `unneutralised` gives back exactly the value;
    /// - line breaks are kept (CRLF inside the quotes); other control characters and invisible format characters
    ///   (bidi overrides, zero-width characters …), which CSV cannot escape, are written as visible `<U+202E>`.
    public static func field(_ value: String, formula: Bool = true) -> String {
        var text = String.UnicodeScalarView()
        for s in value.unicodeScalars {
            switch s {
            case "\n": text.append(contentsOf: "\r\n".unicodeScalars)
            case "\r": continue
            case "\t": text.append(s)
            default:
                if ExchangeText.isInvisible(s) {
                    text.append(contentsOf: ExchangeText.visible(s).unicodeScalars)
                } else {
                    text.append(s)
                }
            }
        }
        var out = String(text)
        if formula, needsApostrophe(out) { out = "'" + out }
        return "\"" + out.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A value read from a cell, without the apostrophe `field` put before a formula character.
    public static func unneutralised(_ cell: String) -> String {
        guard cell.hasPrefix("'"), needsApostrophe(String(cell.dropFirst())) || cell.dropFirst().hasPrefix("'") else {
            return cell
        }
        return String(cell.dropFirst())
    }

    private static func needsApostrophe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if "=+-@\t\r".unicodeScalars.contains(first) { return true }
        if first == "'", let second = text.unicodeScalars.dropFirst().first { return "=+-@\t\r'".unicodeScalars.contains(second) }
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
        if s == "\n" || s == "\t" { return false }
        switch s.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// `<U+202E>`: an invisible character made visible, in the notation of the Unicode standard.
    public static func visible(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }
}
