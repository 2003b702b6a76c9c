/// Makes untrusted text safe for a terminal: no control characters, no escape sequences,
/// no bidirectional overrides or invisible formatting that could spoof what is shown.
/// `shown` is for stored text on its way out (screen, CLI text, letters): what is hidden is made visible.
/// `line` is for text on its way in (a typed key): what is hidden is dropped.
public enum Sanitizer {
    /// One line: tabs and line breaks become spaces; ESC sequences (CSI, OSC and the other
    /// strings, two-byte ones) are removed whole; every other control or format scalar is
    /// dropped alone, C1 controls included, leaving what follows them as inert text (C0, DEL,
    /// C1, bidi embeddings/overrides/isolates, zero-width characters, BOM, soft hyphen).
    public static func line(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var escape = EscapeState.none
        for s in text.unicodeScalars {
            if escape.swallows(s) { continue }
            switch s.value {
            case 0x1B: escape = .introducer
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: continue
            case 0x00AD, 0x061C, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0xFEFF, 0xFFF9...0xFFFB:
                continue
            case 0xE000...0xF8FF, 0xF0000...0x10FFFF: out.append("\u{FFFD}")
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// Where an escape sequence being removed stands: the whole sequence goes, not only its
    /// ESC, so "\u{1B}[31m" leaves nothing behind (ECMA-48: CSI ends at a byte 0x40–0x7E; OSC,
    /// DCS, SOS, PM and APC strings end at BEL or ST).
    private enum EscapeState {
        case none, introducer, csi, string, stringEscape

        /// Whether `s` belongs to the sequence (and so is dropped); advances the state.
        mutating func swallows(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            switch self {
            case .none:
                return false
            case .introducer:
                switch v {
                case 0x5B: self = .csi  // [
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: self = .string  // ] P X ^ _
                case 0x20...0x2F: break  // intermediate bytes: the final byte follows
                default: self = .none  // a two-byte sequence: this byte ends it
                }
                return true
            case .csi:
                if (0x40...0x7E).contains(v) { self = .none; return true }
                if (0x20...0x3F).contains(v) { return true }
                self = .none  // malformed: stop swallowing, judge this scalar on its own
                return false
            case .string:
                if v == 0x07 { self = .none } else if v == 0x1B { self = .stringEscape }
                return true
            case .stringEscape:
                self = v == 0x5C ? .none : .string
                return true
            }
        }
    }

    /// One line of stored text as it is shown: nothing a terminal could act on, and nothing hidden. Tabs and line
    /// breaks (LF, CR, U+2028, U+2029) become spaces; every other control scalar (C0 with ESC and NUL, DEL, C1) and every invisible one (format
    /// characters: bidi embeddings, overrides, isolates and marks, zero-width characters, BOM, soft hyphen, tags;
    /// other default-ignorables such as CGJ and Hangul fillers; a variation selector with no visible base;
    /// noncharacters) is drawn as a visible marker, `<U+200B>`, ASCII so it fits any cell grid and reads the same in
    /// both languages (the exports write the same form). So `9\u{200B}9号` shows as `9<U+200B>9号`, never as `99号`,
    /// and an escape sequence shows as `<U+001B>[31m`, inert. Kept: a zero-width joiner between emoji is dropped (its
    /// parts show side by side, as terminals disagree on joined emoji), as are tag characters after an emoji flag; a
    /// variation selector after a visible character stays. Private-use characters show as U+FFFD.
    public static func shown(_ text: String) -> String {
        // Most stored text is printable ASCII and Chinese, with the frames' narrow symbols (`DisplayWidth.isNarrowAlone`,
        // which the loop below appends as they are): shown as it is, without a look-up of Unicode properties.
        if text.unicodeScalars.allSatisfy({ isPlain($0) || DisplayWidth.isNarrowAlone($0) }) { return text }
        var out = String.UnicodeScalarView()
        var base: Unicode.Scalar?  // the last scalar shown, if visible
        for s in text.unicodeScalars {
            let v = s.value
            switch v {
            case 0x09, 0x0A, 0x0D, 0x2028, 0x2029:
                out.append(" ")
                base = nil
                continue
            case 0x00...0x1F, 0x7F...0x9F:
                mark(s, &out)
                base = nil
                continue
            case 0x20...0x7E:
                out.append(s)
                base = v == 0x20 ? nil : s
                continue
            case 0xE000...0xF8FF, 0xF0000...0x10FFFF:
                out.append("\u{FFFD}")
                base = "\u{FFFD}"
                continue
            default: break
            }
            // Chinese in a text that is not all plain: shown as it is, without a look-up (the ideographic space
            // aside: whitespace, it is no base for what follows).
            if isPlain(s), v != 0x3000 {
                out.append(s)
                base = s
                continue
            }
            let p = s.properties
            guard p.generalCategory == .format || p.isDefaultIgnorableCodePoint || p.isNoncharacterCodePoint else {
                out.append(s)
                base = p.isWhitespace ? nil : s
                continue
            }
            let emoji = base.map { $0.value >= 0x80 && $0.properties.isEmoji } ?? false
            if v == 0x200D, emoji { continue }
            if (0xE0020...0xE007F).contains(v), emoji { continue }
            if p.isVariationSelector, base != nil { out.append(s); continue }
            mark(s, &out)
            base = nil
        }
        return String(out)
    }

    /// A scalar that is shown as it is and stands alone (one character, no mark or joiner attaches to it, none
    /// changes its width): printable ASCII, the CJK ideographs (with extension A), the CJK symbols and punctuation
    /// but the ideographic tone marks (U+302A–U+302F), and the fullwidth forms. `shown` leaves a text made only of
    /// these as it is, and `DisplayWidth` counts it one scalar at a time.
    @inline(__always)
    public static func isPlain(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x7F { return v >= 0x20 }
        return (0x4E00...0x9FFF).contains(v) || (0x3000...0x3029).contains(v) || (0x3030...0x303E).contains(v)
            || (0xFF01...0xFF60).contains(v) || (0x3400...0x4DBF).contains(v)
    }

    /// `<U+200B>`.
    private static func mark(_ s: Unicode.Scalar, _ out: inout String.UnicodeScalarView) {
        let hex = String(s.value, radix: 16, uppercase: true)
        out.append(contentsOf: "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)>".unicodeScalars)
    }

    /// The first `scalars` scalars of `text` (all of it when shorter), and whether it was cut: what a row of the
    /// screen can show of a text, taken before sanitizing and measuring so no frame's cost depends on its size.
    public static func prefix(_ text: String, scalars: Int) -> (text: String, cut: Bool) {
        // UTF-8 holds at least one byte per scalar: a text of no more bytes is no longer, found without counting.
        if text.utf8.count <= scalars { return (text, false) }
        let view = text.unicodeScalars
        guard let end = view.index(view.startIndex, offsetBy: scalars, limitedBy: view.endIndex), end != view.endIndex else {
            return (text, false)
        }
        return (String(view[..<end]), true)
    }

    /// Several lines of stored text as shown: each as by `shown`, line breaks kept (CR LF and CR become LF).
    public static func shownLines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { shown(String($0)) }
    }

    /// Several lines: each line sanitized as by `line`, line breaks kept (CR LF and CR become LF).
    public static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line(String($0)) }
    }
}
