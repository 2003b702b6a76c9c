/// Why the curses terminal could not be opened. Each description tells the user what to do.
public enum CursesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped, redirected, or run without a tty).
    case notATerminal(stdin: Bool, stdout: Bool)
    /// ncurses has no description of `$TERM` (nil when TERM is not set at all).
    case unknownTerminal(String?)
    /// The terminal cannot position the cursor (no terminfo `cup`, as with TERM=dumb), so no
    /// screen can be drawn on it.
    case cannotAddressCursor(String?)

    public var description: String {
        switch self {
        case let .notATerminal(stdin, stdout):
            let which = [stdin ? "standard input" : nil, stdout ? "standard output" : nil]
                .compactMap { $0 }.joined(separator: " and ")
            return "\(which) \(stdin && stdout ? "are" : "is") not a terminal; "
                + "run oversight in an interactive terminal (over SSH use `ssh -t`)"
        case let .unknownTerminal(term?):
            return "unknown terminal type \"\(term)\": ncurses has no description of it; "
                + "set TERM to e.g. xterm-256color (export TERM=xterm-256color)"
        case let .cannotAddressCursor(term):
            return "this terminal (TERM=\(term ?? "")) cannot position the cursor; "
                + "use a terminal such as xterm-256color (export TERM=xterm-256color)"
        case .unknownTerminal(nil):
            return "TERM is not set: cannot tell which terminal this is; "
                + "set TERM to e.g. xterm-256color (export TERM=xterm-256color)"
        }
    }
}
