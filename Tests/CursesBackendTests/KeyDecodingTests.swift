import CNCurses
import Testing
import TerminalKit
@testable import CursesBackend

@Suite("Key decoding")
struct KeyDecodingTests {
    private let size = Size(width: 100, height: 30)

    private func key(_ code: Int32) -> TerminalEvent? {
        CursesTerminal.decode(status: KEY_CODE_YES, code: UInt32(bitPattern: code), size: size)
    }

    private func char(_ code: UInt32) -> TerminalEvent? {
        CursesTerminal.decode(status: OK, code: code, size: size)
    }

    @Test("function keys", arguments: [
        (KEY_UP, KeyEvent.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
        (KEY_HOME, .home), (KEY_END, .end), (KEY_FIND, .home), (KEY_SELECT, .end),
        (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_BTAB, .backTab), (KEY_DC, .delete),
        (KEY_BACKSPACE, .backspace), (KEY_ENTER, .enter),
    ] as [(Int32, KeyEvent)])
    func functionKey(_ code: Int32, _ expected: KeyEvent) {
        #expect(key(code) == .key(expected))
    }

    @Test func numberedFunctionKeys() {
        #expect(KEY_F0 == 0o410)  // the header's value, independent of the shim
        #expect(key(KEY_F0 + 1) == .key(.function(1)))
        #expect(key(KEY_F0 + 5) == .key(.function(5)))
        #expect(key(KEY_F0 + 12) == .key(.function(12)))
        #expect(key(KEY_F0 + 63) == .key(.function(63)))
        #expect(key(KEY_F0) == nil)
        #expect(key(KEY_F0 + 64) == nil)  // that is KEY_DL, not F64
    }

    @Test func resizeReportsTheGivenSize() {
        #expect(key(KEY_RESIZE) == .resize(size))
    }

    @Test func unusedFunctionKeysAreIgnored() {
        for code in [KEY_MOUSE, KEY_IC, KEY_DL, KEY_SR, KEY_SF, KEY_EXIT, 0, -1] {
            #expect(key(code) == nil, "code \(code)")
        }
    }

    @Test("characters", arguments: [
        (9, KeyEvent.tab), (10, .enter), (13, .enter), (27, .escape), (127, .backspace), (8, .backspace),
        (1, .control("a")), (7, .control("g")), (17, .control("q")), (26, .control("z")),
        (0x20, .character(" ")), (0x41, .character("A")), (0x71, .character("q")), (0x7E, .character("~")),
        (0xE9, .character("é")), (0x4E2D, .character("中")), (0xFF0C, .character("，")), (0x1F642, .character("🙂")),
    ] as [(UInt32, KeyEvent)])
    func character(_ code: UInt32, _ expected: KeyEvent) {
        #expect(char(code) == .key(expected))
    }

    @Test func ctrlHIJMAreTheirKeysNotControlLetters() {
        // The terminal sends the same byte for both, so the key wins.
        #expect(char(8) != .key(.control("h")))
        #expect(char(9) != .key(.control("i")))
        #expect(char(10) != .key(.control("j")))
        #expect(char(13) != .key(.control("m")))
    }

    @Test func unprintableCodesAreIgnored() {
        for code: UInt32 in [0, 28, 29, 30, 31, 0x80, 0x85, 0x9B, 0x9F, 0xD800, 0xDFFF, 0x110000, 0xFFFF_FFFF] {
            #expect(char(code) == nil, "code \(code)")
        }
    }

    @Test func errorStatusIsNothing() {
        #expect(CursesTerminal.decode(status: ERR, code: 0x41, size: size) == nil)
        #expect(CursesTerminal.decode(status: 42, code: 0x41, size: size) == nil)
    }
}
