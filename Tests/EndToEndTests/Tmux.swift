import Foundation
import OversightTestSupport

/// The real binary in a real terminal: tmux on a private socket, driven by send-keys and read
/// by capture-pane. Each instance owns one server and kills it when done.
final class Tmux {
    let socket = "oversight-e2e-\(UUID().uuidString.prefix(8))"
    let session = "e2e"

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Runs a program and returns its standard output (standard error is folded in on failure).
    /// Runs a program; a non-zero exit is an error carrying its standard error.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let r = try Subprocess.run(arguments)
        guard r.status == 0 else {
            throw Failure(description: "\(arguments.joined(separator: " ")) exited \(r.status): \(r.err)")
        }
        return r.out
    }

    @discardableResult
    func tmux(_ args: String...) throws -> String {
        try Self.run(["tmux", "-L", socket, "-f", "/dev/null"] + args)
    }

    /// Starts `command` (a shell command line) in a new window of the given size. A shell
    /// waits for it and prints its exit status as `[exit N]`, then stays, so the terminal's
    /// state after the program can still be read.
    func start(_ command: String, width: Int, height: Int) throws {
        try tmux("new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
                 "sh", "-c", "\(command); echo \"[exit $?]\"; exec sleep 3600")
    }

    /// The visible screen.
    func screen() throws -> String { try tmux("capture-pane", "-p", "-t", session) }

    /// The screen with its scrollback (what scrolled off the top is kept).
    func history() throws -> String { try tmux("capture-pane", "-p", "-S", "-", "-t", session) }

    func display(_ format: String) throws -> String {
        try tmux("display-message", "-p", "-t", session, format).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", session] + keys) }

    func resize(_ width: Int, _ height: Int) throws {
        try tmux("resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)")
    }

    /// Waits until the screen shows every one of `texts` at once (parts of a frame that may be caught half drawn);
    /// returns the screen either way.
    func waitFor(_ texts: String..., timeout: Duration = .seconds(15)) throws -> (found: Bool, screen: String) {
        var last = ""
        let found = try waitUntil(timeout: timeout) {
            last = try screen()
            return texts.allSatisfy(last.contains)
        }
        return (found, last)
    }

    /// Waits until the program has exited and returns its exit status (from the `[exit N]`
    /// line the shell prints); nil on time-out.
    func waitForExit(timeout: Duration = .seconds(15)) throws -> Int? {
        var status: Int?
        _ = try waitUntil(timeout: timeout) {
            let text = try history()
            guard let r = text.range(of: "[exit ") else { return false }
            status = Int(text[r.upperBound...].prefix { $0.isNumber })
            return true
        }
        return status
    }

    private func tmux(_ args: [String]) throws { try Self.run(["tmux", "-L", socket, "-f", "/dev/null"] + args) }

    deinit {
        _ = try? Self.run(["tmux", "-L", socket, "kill-server"])
    }
}
