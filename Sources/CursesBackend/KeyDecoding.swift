import CNCurses
import TerminalKit

extension CursesTerminal {
    /// Decodes one `wget_wch` result into an event. Pure: no ncurses state is read, so the
    /// whole table is testable without a terminal.
    ///
    /// - Parameters:
    ///   - status: what `wget_wch` returned: `OK` for a character, `KEY_CODE_YES` for a
    ///     function key, `ERR` for nothing.
    ///   - code: the character or `KEY_*` code it stored.
    ///   - size: the terminal size to report with `KEY_RESIZE`.
    /// - Returns: the event, or nil for nothing / a key the workbench does not use.
    public static func decode(status: Int32, code: UInt32, size: Size) -> TerminalEvent? {
        switch status {
        case KEY_CODE_YES:
            return decodeFunctionKey(Int32(truncatingIfNeeded: code), size: size)
        case OK:
            return decodeCharacter(code).map(TerminalEvent.key)
        default:
            return nil
        }
    }

    private static func decodeFunctionKey(_ code: Int32, size: Size) -> TerminalEvent? {
        let key: KeyEvent
        switch code {
        case KEY_RESIZE: return .resize(size)
        case KEY_UP: key = .up
        case KEY_DOWN: key = .down
        case KEY_LEFT: key = .left
        case KEY_RIGHT: key = .right
        // Some terminal descriptions (vt220-style Home/End, e.g. PuTTY) send Find/Select.
        case KEY_HOME, KEY_FIND: key = .home
        case KEY_END, KEY_SELECT: key = .end
        case KEY_PPAGE: key = .pageUp
        case KEY_NPAGE: key = .pageDown
        case KEY_BTAB: key = .backTab
        case KEY_DC: key = .delete
        case KEY_BACKSPACE: key = .backspace
        case KEY_ENTER: key = .enter
        case cn_key_f(1)...cn_key_f(63): key = .function(Int(code - cn_key_f(0)))
        default: return nil
        }
        return .key(key)
    }

    private static func decodeCharacter(_ code: UInt32) -> KeyEvent? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter  // nonl(): Enter arrives as 13; Ctrl-J as 10
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))  // 1 → "a"
        case 0..<0x20, 0x7F...0x9F: return nil  // Ctrl-@, Ctrl-\ … Ctrl-_, C1
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }  // surrogate or > U+10FFFF
            return .character(Character(scalar))
        }
    }
}
