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
