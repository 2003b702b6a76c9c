/// Makes untrusted text safe for a terminal: no control characters, no escape sequences,
/// no bidirectional overrides or invisible formatting that could spoof what is shown.
public enum Sanitizer {
    /// One line: tabs and line breaks become spaces; every other control or format scalar is
    /// dropped (C0, DEL, C1, ESC sequences' introducer, bidi embeddings/overrides/isolates,
    /// zero-width characters, BOM, soft hyphen).
    public static func line(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
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

    /// Several lines: each line sanitized as by `line`, line breaks kept (CR LF and CR become LF).
    public static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line(String($0)) }
    }
}
