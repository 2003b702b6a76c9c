import Foundation

/// Runs a program to completion with posix_spawn and waitpid, its output collected through
/// files, its signal mask cleared. (Foundation's Process hung here when the child left a
/// daemon behind, as `tmux new-session` does.)
public struct Subprocess {
    public struct Result: Sendable {
        public var status: Int32
        public var out: String
        public var err: String
    }

    /// Runs `arguments` (the first is looked up on PATH) with `environment` (default: ours),
    /// standard input from /dev/null.
    public static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let dir = FileManager.default.temporaryDirectory
        let outPath = dir.appendingPathComponent("sub-\(UUID().uuidString).out").path
        let errPath = dir.appendingPathComponent("sub-\(UUID().uuidString).err").path
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let pid = try start(arguments, environment: environment, out: outPath, err: errPath)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let code: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        // The bytes as written, decoded as UTF-8 (a byte-order mark kept: `String(contentsOfFile:)` drops it).
        func text(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return Result(status: code, out: text(outPath), err: text(errPath))
    }

    /// Starts `arguments` (the first is looked up on PATH) in the background with `environment` (default: ours),
    /// standard input from /dev/null, output to `out` and errors to `err` (else to `out` too), and returns its pid:
    /// the caller waits for it or ends it.
    public static func start(
        _ arguments: [String], environment: [String: String]? = nil, out outPath: String, err errPath: String? = nil
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let errPath {
            posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = env.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The child starts with no signal blocked and default dispositions: test threads block
        // signals, and a tmux server that inherited a blocked SIGCHLD would never reap its pane.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, &envp)
        guard spawned == 0 else {
            throw NSError(domain: "Subprocess", code: Int(spawned), userInfo: [NSLocalizedDescriptionKey: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))"])
        }
        return pid
    }
}
