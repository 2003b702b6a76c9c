/// JSON text that shows on a terminal exactly as it parses: no scalar in it is invisible or acts.
public enum JSONText {
    /// Rewrites as `\uXXXX` escapes (a surrogate pair above U+FFFF) every scalar that a
    /// terminal would not show as itself: DEL and the C1 controls (U+007F–U+009F), the line and
    /// paragraph separators U+2028/U+2029, and every format character (general category Cf:
    /// soft hyphen, U+061C, U+180E, zero-width characters, bidi embeddings, overrides and
    /// isolates, U+2060–U+2064, the BOM, the tag characters U+E0001–U+E007F, …). C0 controls
    /// are left to the encoder, which already escapes them inside strings; outside strings they
    /// are the layout's own newlines and spaces.
    ///
    /// - Precondition: `json` is JSON text. Such scalars can stand only inside strings, where
    ///   an escape means the same scalar, so the text parses to the same value.
    public static func escapeInvisibles(_ json: String) -> String {
        var out = String.UnicodeScalarView()
        for s in json.unicodeScalars {
            guard needsEscape(s) else {
                out.append(s)
                continue
            }
            for unit in String(s).utf16 {
                out.append(contentsOf: "\\u".unicodeScalars)
                out.append(contentsOf: hex4(unit).unicodeScalars)
            }
        }
        return String(out)
    }

    /// Whether `s` must be written as an escape.
    public static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x20 { return false }
        switch s.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
