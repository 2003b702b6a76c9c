import Foundation
import OversightTestSupport

/// Strings a hostile file or a careless paste would hold, built from pieces biased toward what breaks CSV, ICS
/// and terminals: quotes with combining marks, ZWJ and variation selectors right after them, commas, CR, LF,
/// CRLF, tabs, formula prefixes, bidi and zero-width characters, astral characters, NUL and other controls.
enum Hostile {
    static let marks: [String] = ["\u{0301}", "\u{0300}", "\u{20DD}", "\u{0903}", "\u{200D}", "\u{200C}", "\u{FE0F}", "\u{FE00}", "\u{E0100}", "\u{1F3FB}"]
    static let pieces: [String] = [
        "\"", "\"", "'", ",", ";", "\\", "\r", "\n", "\r\n", "\t", " ", "\u{3000}", "\u{00A0}",
        "=", "+", "-", "@", "＝", "＋", "－", "＠", "=2+5", "@SUM(A1)", "=HYPERLINK(\"x\")", "-1", "'=",
        "\u{202E}", "\u{2066}", "\u{2069}", "\u{200F}", "\u{200B}", "\u{FEFF}", "\u{2028}", "\u{2029}", "\u{00AD}",
        "\u{0000}", "\u{001B}", "\u{001B}[31m", "\u{0085}", "\u{009B}", "\u{007F}", "\u{0007}",
        "😀", "𠀀", "👨‍👩‍👧", "🇨🇳", "a", "b", "汾河", "检察建议", "文检行建〔2025〕7号", "<U+202E>", "{", "[", "}", "]",
    ] + marks

    /// A random string of up to `length` pieces.
    static func string(_ r: inout FuzzRandom, length: Int = 12) -> String {
        var out = ""
        for _ in 0..<r.below(length + 1) {
            let piece: String
            switch r.below(10) {
            case 0: piece = String(randomScalar(&r))
            case 1: piece = "\"" + r.pick(marks)  // a quote with something joined to it
            case 2: piece = r.pick(marks) + r.pick(["=", "+", "-", "@", "\t", "\r\n"])  // a formula behind a mark
            default: piece = r.pick(pieces)
            }
            out += piece
        }
        return out
    }

    static func randomScalar(_ r: inout FuzzRandom) -> Unicode.Scalar {
        let planes: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x7FF, 0x800...0xFFFF, 0x10000...0x10FFFF]
        while true {
            if let s = Unicode.Scalar(UInt32.random(in: r.pick(planes), using: &r)) { return s }
        }
    }
}
