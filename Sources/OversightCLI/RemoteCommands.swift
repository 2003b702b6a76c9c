import Foundation
import OversightDomain
import OversightWorkbench
import TerminalKit

/// Commands sent over SSH on a key's forced command (`ssh oversight@host alerts`), as gitolite takes them: sshd runs
/// the forced `oversight --db DB --user USER` and puts what the client asked in `SSH_ORIGINAL_COMMAND`. Its words
/// are read by `RemoteCommand` (never by a shell); an allowed one runs as the forced user on the forced database
/// and writes to the client; anything else is refused with the list (exit 2). No sent command opens the workbench.
enum RemoteCommands {
    /// The bytes of `SSH_ORIGINAL_COMMAND` as sshd set them (not decoded), or nil when it is not set.
    static func originalCommand() -> [UInt8]? {
        guard let p = getenv("SSH_ORIGINAL_COMMAND") else { return nil }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
    }

    /// The allowed commands, one a line, in the language's words: each string is the command, a tab, what it does.
    static func list(_ words: Presenter) -> String {
        let rows = RemoteCommand.Verb.allCases.map {
            words.strings("cli.remote.verb.\($0.rawValue)").split(separator: "\t", maxSplits: 1).map(String.init)
        }
        let width = rows.map { DisplayWidth.of($0[0]) }.max() ?? 0
        return rows.map { "  " + DisplayWidth.pad($0[0], columns: width) + "  " + ($0.count > 1 ? $0[1] : "") }
            .joined(separator: "\n")
    }

    /// Runs the command in `bytes` as `globals`' user on its database; never returns.
    static func run(_ bytes: [UInt8], globals: GlobalOptions) -> Never {
        let words = (try? globals.presenter()) ?? Presenter(strings: Strings(language: .en, table: [:]))
        let command: RemoteCommand
        do {
            command = try RemoteCommand(bytes: bytes)
        } catch {
            warn("oversight: " + words.strings("cli.remote.refused", ["problem": problem(error, words)]))
            warn(list(words))
            Foundation.exit(2)
        }
        if command.verb == .help {
            print(words.strings("cli.remote.help"))
            print(list(words))
            Foundation.exit(0)
        }
        // The forced command's user, database and language go right after the command's own name (and its
        // subcommand), before anything sent, so a `--` sent cannot turn them into plain words.
        let sub = RemoteCommand.subcommands[command.verb] != nil
        let head = sub ? [command.verb.rawValue, command.arguments[0]] : [command.verb.rawValue]
        let rest = sub ? Array(command.arguments.dropFirst()) : command.arguments
        var forced = ["--db", globals.databasePath, "--user", globals.userName]
        if let lang = globals.lang { forced += ["--lang", lang] }
        if let today = globals.today { forced += ["--today", today] }
        if command.verb == .doc {
            // Over SSH a letter goes to the client as a document on standard output.
            if !rest.contains(where: { $0 == "--format" || $0.hasPrefix("--format=") }) { forced += ["--format", "docx"] }
        }
        OversightCommand.main(arguments: head + forced + rest)
    }

    static func problem(_ p: RemoteCommand.Problem, _ words: Presenter) -> String {
        switch p {
        case .empty: return words.strings("cli.remote.empty")
        case .tooLong: return words.strings("cli.remote.too-long", ["n": RemoteCommand.maximumLength])
        case .notUTF8: return words.strings("cli.remote.not-utf8")
        case .hiddenCharacter(let c):
            return words.strings("cli.remote.hidden", ["c": String(format: "U+%04X", c)])
        case .unclosedQuote: return words.strings("cli.remote.unclosed-quote")
        case .notAllowed(let w): return words.strings("cli.remote.not-allowed", ["command": safe(w)])
        case .matterSubcommand(let w):
            return words.strings("cli.remote.matter", ["command": safe(w ?? "")])
        case .subcommand(let verb, let w):
            return words.strings("cli.remote.subcommand", [
                "verb": verb.rawValue, "command": safe(w ?? ""),
                "allowed": (RemoteCommand.subcommands[verb] ?? []).joined(separator: words.strings.language == .zh ? "、" : ", ")])
        case .forbiddenOption(let o): return words.strings("cli.remote.option", ["option": safe(o)])
        }
    }
}
