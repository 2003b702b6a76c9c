/// A key the user pressed, decoded from whatever the terminal sent.
public enum KeyEvent: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, tab, backTab, escape, backspace, delete
    case function(Int)
    /// Control plus a letter (a…z), e.g. Ctrl-G.
    case control(Character)
}

/// What the terminal reports.
public enum TerminalEvent: Hashable, Sendable {
    case key(KeyEvent)
    case resize(Size)
    /// Text the user pasted (bracketed paste: everything between the terminal's start and end markers), as text:
    /// printable characters, line breaks (LF) and tabs only. It is never keys: an `n` or an Esc in it types nothing
    /// but text, and only into a text field.
    case paste(String)
    /// The terminal went away (hang-up, end of input): save and leave.
    case hangup
}

/// The terminal as the runtime sees it. The curses backend is one; tests use a scripted one.
/// - Important: a backend is used from one thread only.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    /// Shows `grid`. Backends write only what changed since the last frame.
    func draw(_ grid: CellGrid)
    /// The next event, or nil when `timeoutMilliseconds` passed with none.
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent?
}

extension KeyEvent {
    /// The key's canonical name, as keymaps write it: "j", "<Down>", "<S-Tab>", "<C-g>", "<F1>".
    public var name: String {
        switch self {
        case .character(let c): return c == " " ? "<Space>" : String(c)
        case .up: return "<Up>"
        case .down: return "<Down>"
        case .left: return "<Left>"
        case .right: return "<Right>"
        case .home: return "<Home>"
        case .end: return "<End>"
        case .pageUp: return "<PgUp>"
        case .pageDown: return "<PgDn>"
        case .enter: return "<Enter>"
        case .tab: return "<Tab>"
        case .backTab: return "<S-Tab>"
        case .escape: return "<Esc>"
        case .backspace: return "<BS>"
        case .delete: return "<Del>"
        case .function(let n): return "<F\(n)>"
        case .control(let c): return "<C-\(c)>"
        }
    }
}
