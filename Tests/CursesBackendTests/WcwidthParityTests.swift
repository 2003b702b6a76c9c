import CNCurses
import Glibc
import Testing
import TerminalKit
@testable import CursesBackend

/// C.UTF-8, set once for the whole test process (setlocale is process-wide and not safe to
/// change while other threads call wcwidth).
let utf8LocaleAvailable: Bool = setlocale(cn_lc_all(), "C.UTF-8") != nil

private func libcWidth(_ scalar: Unicode.Scalar) -> Int {
    Int(wcwidth(wchar_t(bitPattern: scalar.value)))
}

private func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

/// TerminalKit's own width table must agree with the libc `wcwidth` that ncurses uses,
/// or ncurses and the grid disagree about where the cursor is.
@Suite("DisplayWidth vs libc wcwidth")
struct WcwidthParityTests {
    @Test func localeIsUTF8() throws {
        try #require(utf8LocaleAvailable)
        #expect(CursesTerminal.isUTF8Codeset(String(cString: cn_codeset())))
    }

    @Test("agrees", arguments: [
        ("ascii", scalars(String((0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }))),
        ("latin", scalars("éüßñĀçøÆ¡¿«»°±")),
        ("greek, cyrillic", scalars("αβΩЖщ")),
        ("han", scalars("中文汉字龍监督协作台𠀀𪚥")),
        ("cjk punctuation", scalars("。、「」『』〔〕【】《》〈〉〇・\u{3000}")),
        ("fullwidth forms", scalars("，！（）：；？Ａ０￥￡")),
        ("halfwidth forms", scalars("ｱｶﾞ")),
        ("hangul", scalars("한글ㄱ가\u{1100}\u{1161}")),
        ("kana", scalars("あいうアイウー")),
        ("emoji", scalars("🙂😀🚀🤖🥰🫠✅⌚⭐❌⚡👍🏽")),
        ("symbols (ambiguous or neutral: 1)", scalars("✓❤☺★─│┌…—·〿🙐")),
        ("zero width", scalars("\u{301}\u{323}\u{200B}\u{200D}\u{FE0F}")),
    ])
    func agrees(_ name: String, _ sample: [Unicode.Scalar]) throws {
        try #require(utf8LocaleAvailable)
        for s in sample {
            #expect(DisplayWidth.of(s) == libcWidth(s), "\(name): U+\(String(s.value, radix: 16, uppercase: true)) \(s)")
        }
    }

    /// Deliberate disagreements, pinned so a change on either side is noticed.
    @Test func documentedDisagreements() throws {
        try #require(utf8LocaleAvailable)
        // Controls: libc says -1 (unprintable); TerminalKit 0, because the sanitizer removes
        // them before anything is measured. The backend never trusts libc for them.
        #expect(DisplayWidth.of(Unicode.Scalar(0x1B)) == 0 && libcWidth(Unicode.Scalar(0x1B)) == -1)
        // A flag is two regional indicators; glibc counts each as 1 on its own, TerminalKit
        // counts the flag cluster as one wide character (as terminals draw it). The backend
        // draws the first indicator plus a space so ncurses and the grid stay aligned.
        #expect(DisplayWidth.of(Character("🇨🇳")) == 2)
        #expect(libcWidth(Unicode.Scalar(0x1F1E8)!) == 1)
        // ❤️ (U+2764 U+FE0F): libc measures the base (1); TerminalKit honours VS16 (2). The
        // backend draws ❤ without the selector plus a space.
        #expect(DisplayWidth.of(Character("\u{2764}\u{FE0F}")) == 2 && libcWidth(Unicode.Scalar(0x2764)!) == 1)
        // Yijing hexagrams: Unicode East Asian Width says neutral (1), glibc 2.36 says 2.
        #expect(DisplayWidth.of(Unicode.Scalar(0x4DC0)!) == 1 && libcWidth(Unicode.Scalar(0x4DC0)!) == 2)
    }

    @Test func textPresentationPictographsInTheEmojiBlockAreNarrow() throws {
        try #require(utf8LocaleAvailable)
        // U+1F321 🌡, U+1F5A5 🖥, U+1F549 🕉 have Emoji_Presentation=No and EAW neutral: glibc and
        // terminals draw them one cell wide (the table once counted the whole block as wide).
        for v: UInt32 in [0x1F321, 0x1F5A5, 0x1F549] {
            let s = Unicode.Scalar(v)!
            #expect(DisplayWidth.of(s) == libcWidth(s), "U+\(String(v, radix: 16, uppercase: true))")
        }
    }

    @Test func wideRangesMissingFromTheTable() throws {
        try #require(utf8LocaleAvailable)
        // East Asian Wide in Unicode and glibc, once missing from the table: Kana
        // Supplement (U+1B001 𛀁) and Enclosed Ideographic Supplement (U+1F210 🈐).
        for v: UInt32 in [0x1B001, 0x1F210] {
            let s = Unicode.Scalar(v)!
            #expect(DisplayWidth.of(s) == libcWidth(s), "U+\(String(v, radix: 16, uppercase: true))")
        }
    }
}
