import ArgumentParser
import Foundation
import OversightDomain
import OversightResources
import OversightRuntime
import OversightPostgres
import OversightStore
import OversightWorkbench

/// `oversight`: opens the workbench as the user; subcommands do the rest.
public struct OversightCommand: ParsableCommand, TakesGlobalOptions {
    public static let configuration = CommandConfiguration(
        commandName: "oversight",
        abstract: "监督协作台 Oversight: the procuratorate, justice bureau and enforcement departments' cooperation workbench.",
        discussion: "Without a subcommand, opens the workbench. Exit codes: 0 success, 1 refused, 2 bad usage or input.",
        subcommands: [InitCommand.self, DemoCommand.self, MatterCommand.self, DeadlineCommand.self, UserCommand.self, OrgCommand.self, KeyCommand.self,
                      AuditCommand.self, BackupCommand.self, ImportCommand.self, ExportCommand.self, ReportCommand.self,
                      DocCommand.self, AlertsCommand.self, KeysCommand.self, CalendarCommand.self, RulesCommand.self, CountyCommand.self, MigrateCommand.self, UpgradeCommand.self]
    )

    @OptionGroup var globals: GlobalOptions

    @Option(name: .customLong("idle-minutes"), help: ArgumentHelp(
        "End the workbench after this many minutes without a key (else $OVERSIGHT_IDLE_MINUTES, else 30; 0: never).",
        valueName: "N"))
    var idleMinutes: Int?

    public init() {}

    public func validate() throws {
        _ = try idleTimeout()
    }

    /// The idle time after which a session ends, nil for never.
    func idleTimeout() throws -> Duration? {
        var minutes = 30
        if let idleMinutes {
            minutes = idleMinutes
        } else if let text = GlobalOptions.environment["OVERSIGHT_IDLE_MINUTES"], !text.isEmpty {
            guard let n = Int(text) else {
                throw ValidationError(Self.presenter(of: nil).strings("cli.bad-idle-env", ["x": safe(text)]))
            }
            minutes = n
        }
        guard (0...24 * 60).contains(minutes) else { throw ValidationError(Self.presenter(of: nil).strings("cli.bad-idle", ["x": minutes])) }
        return minutes == 0 ? nil : .seconds(minutes * 60)
    }

    public func run() throws {
        // A command sent over SSH to a key's forced command runs as that key's person; it never opens the workbench.
        if let sent = RemoteCommands.originalCommand() { RemoteCommands.run(sent, globals: globals) }
        let (store, viewer) = try globals.openDatabase()
        try Workbench.open(store: store, viewer: viewer, globals: globals, idleTimeout: try idleTimeout())
    }

    /// The words of the command's language (its --lang, else $OVERSIGHT_LANG, else Chinese). Only a command that
    /// was parsed has options to read: before that (a parse error), $OVERSIGHT_LANG, else Chinese.
    static func presenter(of command: ParsableCommand?) -> Presenter {
        if let globals = (command as? TakesGlobalOptions)?.globals, let p = try? globals.presenter() { return p }
        let language = argumentLanguage(CommandLine.arguments.dropFirst())
            ?? GlobalOptions.environment["OVERSIGHT_LANG"].flatMap(Language.init(rawValue:)) ?? .zh
        if let strings = try? Catalog.strings(language) { return Presenter(strings: strings) }
        return Presenter(strings: Strings(language: .en, table: [:]))
    }

    /// The language a `--lang X` (or `--lang=X`) among the arguments names, read without the parser: a command
    /// line the parser refuses is still answered in the language it asked for.
    static func argumentLanguage<C: Collection>(_ arguments: C) -> Language? where C.Element == String {
        var found: Language?
        var it = arguments.makeIterator()
        while let a = it.next() {
            if a == "--" { break }
            if a == "--lang", let v = it.next() { found = Language(rawValue: v) ?? found }
            if a.hasPrefix("--lang=") { found = Language(rawValue: String(a.dropFirst("--lang=".count))) ?? found }
        }
        return found
    }

    /// The parser's complaint in the interface language: its usual messages said in our words, what was typed
    /// quoted as it was (hidden characters marked); any other message as the parser put it.
    static func usageProblem(_ message: String, _ words: Presenter) -> String {
        let s = words.strings
        let line = message.split(separator: "\n").first.map(String.init) ?? message
        let patterns: [(String, String)] = [
            ("Error: ", ""), ("Unknown option ", "cli.usage.unknown-option"), ("Missing expected argument ", "cli.usage.missing-argument"),
            ("Unexpected argument ", "cli.usage.unexpected-argument"), ("Unexpected arguments ", "cli.usage.unexpected-argument"),
            ("Missing value for ", "cli.usage.missing-value"),
        ]
        var text = line
        if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
        for (prefix, key) in patterns.dropFirst() where text.hasPrefix(prefix) {
            return s(key, ["x": safe(String(text.dropFirst(prefix.count)))])
        }
        if text.hasPrefix("The value "), let r = text.range(of: " is invalid for ") {
            let value = String(text[text.index(text.startIndex, offsetBy: "The value ".count)..<r.lowerBound])
            var option = String(text[r.upperBound...])
            if let colon = option.range(of: ": ") { option = String(option[..<colon.lowerBound]) }
            return s("cli.usage.invalid-value", ["v": safe(value), "x": safe(option)])
        }
        return shownLines(text)
    }

    /// The database path the command was given (else the default), for naming it in a failure.
    private static func databasePath(of command: ParsableCommand?) -> String {
        (command as? TakesGlobalOptions)?.globals.databasePath ?? GlobalOptions.environment["OVERSIGHT_DB"] ?? "oversight.sqlite"
    }

    /// Says a store failure in the command's language (`Presenter.text(_:)`, the workbench's words too) and exits:
    /// 1 when something was refused or could not be saved (the user, a full disk, a busy database), 2 when the
    /// database or a path given is not right.
    private static func fail(_ e: Store.Failure, _ parsed: ParsableCommand?) -> Never {
        warn("oversight: \(safe(presenter(of: parsed).text(e)))")
        switch e {
        case .unknownUser, .disabledUser, .disabledOrganisation, .notADemoDatabase, .readOnly, .diskFull, .diskError, .busy, .databaseFailed,
             .unavailable:
            Foundation.exit(1)
        case .cannotOpen, .corruptRow, .alreadyExists, .noDatabase, .cannotEnterFolder, .cannotRead, .notAFile,
             .readOnlyNeedsMigration, .newerDatabase, .unfinished, .notADatabaseYet, .notOversightDatabase, .damaged,
             .backupTarget:
            Foundation.exit(2)
        }
    }

    /// `text` with every line's hidden characters marked (`safe`), its line breaks kept.
    static func shownLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { safe(String($0)) }.joined(separator: "\n")
    }

    /// The position (1-based, after the program's name) of the first argument whose bytes are not UTF-8.
    static func firstArgumentNotUTF8() -> Int? {
        for i in 1..<Int(CommandLine.argc) {
            guard let p = CommandLine.unsafeArgv[i] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p))
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: break decoding
                case .error: return i
                }
            }
        }
        return nil
    }

    /// Parses, runs, and exits with the contract's codes: 0 success, 1 refused, 2 bad usage or input.
    public static func main(arguments: [String]? = nil) -> Never {
        var parsed: ParsableCommand?
        do {
            var command = try parseAsRoot(arguments)
            parsed = command
            // The system passes arguments as bytes; Swift reads bytes that are not UTF-8 as U+FFFD, which would be
            // stored as if typed. Refused instead, in the command's language.
            if arguments == nil, let n = firstArgumentNotUTF8() {
                warn("oversight: \(presenter(of: parsed).strings("problem.argument-not-utf8", ["n": n]))")
                Foundation.exit(2)
            }
            try command.run()
            Foundation.exit(0)
        } catch let e as UsageError {
            warn("oversight: \(e.description)")
            Foundation.exit(2)
        } catch let e as RefusedError {
            warn("oversight: \(e.description)")
            Foundation.exit(1)
        } catch let e as Store.Failure {
            fail(e, parsed)
        } catch let e as OversightResources.Failure {
            warn("oversight: \(e.description)")
            Foundation.exit(2)
        } catch let e as PostgresBackend.Problem {
            // The shared database's county part: missing, or of another version (exit 2, as a path's problems).
            let s = presenter(of: parsed).strings
            switch e {
            case .noCounty(let url): warn("oversight: " + s("cli.db.no-county", ["url": safe(url.description)]))
            case .unknownCounty(let c, let url): warn("oversight: " + s("cli.db.unknown-county", ["c": safe(c), "url": safe(url.description)]))
            case .newerSchema(let c, let m): warn("oversight: " + s("cli.db.newer", ["c": safe(c), "m": safe(m.joined(separator: ", "))]))
            case .olderSchema(let c, let m): warn("oversight: " + s("cli.db.older", ["c": safe(c), "m": safe(m.joined(separator: ", "))]))
            case .exists(let c): warn("oversight: " + s("cli.db.exists", ["c": safe(c)]))
            }
            Foundation.exit(2)
        } catch let e as PostgresSession.Failure {
            // The server unreachable (or its certificate not trusted), or a statement refused: nothing was saved (the
            // transaction rolled back).
            let s = presenter(of: parsed).strings
            if case .cannotConnect(let url, let why) = e {
                warn("oversight: " + s("cli.db.cannot-connect", ["url": safe(url.description), "why": safe(why)]))
            } else {
                warn("oversight: " + s("cli.db.postgres-failed", ["why": safe(e.description)]))
            }
            Foundation.exit(1)
        } catch let e as OptionError {
            warn("oversight: \(safe(presenter(of: parsed).text(.option(e))))")
            Foundation.exit(2)
        } catch let e as Refusal {
            warn("oversight: \(safe(presenter(of: parsed).reason(e)))")
            // A text that breaks the text rule is bad input (exit 2), as the import's refusal of it is.
            if case .workflow(.invalidInput(.text)) = e { Foundation.exit(2) }
            Foundation.exit(1)
        } catch {
            // A database error that escaped a store call is said as what it means, never as SQL.
            if let failure = Store.failure(for: error, path: databasePath(of: parsed)) { fail(failure, parsed) }
            // swift-argument-parser's usage errors exit 64; the contract says 2.
            // The parser's messages quote what was typed ("Unknown option '--x…'"): shown with hidden characters
            // marked, line by line, never raw to the terminal.
            let code = exitCode(for: error)
            if code == .validationFailure {
                let words = presenter(of: parsed)
                if words.strings.language == .zh {
                    warn("oversight: " + words.strings("cli.usage-error", ["problem": usageProblem(message(for: error), words)]))
                } else {
                    warn(shownLines(fullMessage(for: error)))
                }
                Foundation.exit(2)
            }
            if code == .success { exit(withError: error) }  // --help, --version: our own words
            if let e = error as? ExitCode { Foundation.exit(e.rawValue) }
            // Anything else is never shown as a Swift error's description (it may carry SQL or internals).
            warn("oversight: " + presenter(of: parsed).strings("cli.error.unexpected"))
            Foundation.exit(code.rawValue)
        }
    }
}

// Every command that takes the global options says its messages in their language.
extension AuditCommand.Verify: TakesGlobalOptions {}
extension BackupCommand: TakesGlobalOptions {}
extension KeyCommand.Add: TakesGlobalOptions {}
extension KeyCommand.List: TakesGlobalOptions {}
extension KeyCommand.Remove: TakesGlobalOptions {}
extension UserCommand.Add: TakesGlobalOptions {}
extension UserCommand.Disable: TakesGlobalOptions {}
extension UserCommand.Enable: TakesGlobalOptions {}
extension UserCommand.List: TakesGlobalOptions {}
extension OrgCommand.List: TakesGlobalOptions {}
