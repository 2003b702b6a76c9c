/// Makes untrusted text safe for a terminal: no control characters, no escape sequences,
/// no bidirectional overrides or invisible formatting that could spoof what is shown.
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

    /// Several lines: each line sanitized as by `line`, line breaks kept (CR LF and CR become LF).
    public static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line(String($0)) }
    }
}
