import ArgumentParser
import Foundation
import OversightDomain
import OversightResources
import OversightPostgres
import OversightStore
import OversightWorkbench

/// The options every command takes (a contract: scripts rely on it): a contract.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (else $OVERSIGHT_DB, else ~/.local/share/oversight/oversight.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Act as this user (else $OVERSIGHT_USER, else the login name).", valueName: "name"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("The date to treat as today, YYYY-MM-DD (else $OVERSIGHT_TODAY, else the real date).", valueName: "date"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("Interface language: zh (default) or en (else $OVERSIGHT_LANG).", valueName: "zh|en"))
    var lang: String?

    public init() {}

    /// Every command checks the global options, even those it does not use, so a typo never passes silently.
    public func validate() throws {
        do {
            _ = try todayDate()
            _ = try language()
            // A shared PostgreSQL database: its URL checked whole, and the county it names, before anything runs.
            _ = try postgresURL()
        } catch let e as UsageError {
            throw ValidationError(e.description)
        }
    }

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The database path in force.
    var databasePath: String {
        if let db, !db.isEmpty { return db }
        if let env = Self.environment["OVERSIGHT_DB"], !env.isEmpty { return env }
        let base = Self.environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (base as NSString).appendingPathComponent("oversight/oversight.sqlite")
    }

    /// The existing database and the active user acting on it. Commands other than `init` and `demo` never
    /// create a database by accident, and every one of them acts as a known user. Opening writes nothing (unless
    /// an upgrade is due); a database this process may not write opens read-only (`store.isReadOnly`), and a write
    /// on it is refused (exit 1) saying why. The path's problems are named by the store (`Store.Failure`, exit 2).
    /// A command that is about to change the database passes `writing: true`, so a read-only one is refused before
    /// anything is done.
    func openDatabase(writing: Bool = false) throws -> (store: Store, viewer: Viewer) {
        let store = try openStore()
        // A refused login (unknown or disabled user) is recorded in the database as `login-refused`, and
        // its message goes to standard error (from `main`).
        let origin = Self.environment["SSH_CONNECTION"].flatMap { $0.split(separator: " ").first }.map { "ssh \($0)" }
        let viewer = try store.login(userName, on: try todayDate(), from: origin) { _, recorded in
            if !recorded { warn((try? presenter())?.strings("cli.login-not-recorded") ?? "oversight: this refused login could not be recorded in the database (read-only?)") }
        }
        if writing { try store.requireWritable() }
        // A year the program ships and the database does not hold yet (after an upgrade) is loaded, re-clocking
        // what it moves, as `calendar add` would; a read-only database counts over the shipped years as they are.
        if !store.isReadOnly {
            try store.loadShipped(try OversightResources.holidayCalendar(), base: try OversightResources.clock(), on: try todayDate())
        }
        return (store, viewer)
    }

    /// Whether `--db` (or `$OVERSIGHT_DB`) names a shared PostgreSQL database rather than a SQLite file.
    var isPostgres: Bool { databasePath.hasPrefix("postgres://") || databasePath.hasPrefix("postgresql://") }

    /// The shared PostgreSQL database `--db` names, checked (exit 2 for a URL that is not one, or names no county);
    /// nil for a SQLite file.
    func postgresURL() throws -> PostgresURL? {
        guard isPostgres else { return nil }
        let s = try presenter().strings
        let url: PostgresURL
        do { url = try PostgresURL(databasePath) } catch {
            throw UsageError(s("cli.db.bad-url", ["x": safe(databasePath), "why": s("cli.migrate.url.\(MigrateCommand.key(error))")]))
        }
        guard url.county != nil else { throw UsageError(s("cli.db.no-county", ["url": safe(url.description)])) }
        return url
    }

    /// The existing store `--db` names: a SQLite file, or a county's part of a shared PostgreSQL database.
    func openStore() throws -> Store {
        guard let url = try postgresURL() else { return try Store(existing: databasePath) }
        return Store(try PostgresBackend.open(url))
    }

    /// Who is acting: --user, else $OVERSIGHT_USER, else the account running the program.
    var userName: String { givenUserName ?? Self.loginName }

    /// The user named by --user or $OVERSIGHT_USER, if any.
    var givenUserName: String? {
        if let user, !user.isEmpty { return user }
        if let env = Self.environment["OVERSIGHT_USER"], !env.isEmpty { return env }
        return nil
    }

    static var loginName: String {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return environment["USER"] ?? "unknown"
    }

    /// Today: --today, else $OVERSIGHT_TODAY, else the real local date.
    func todayDate() throws -> CivilDate {
        let given = today ?? Self.environment["OVERSIGHT_TODAY"].flatMap { $0.isEmpty ? nil : $0 }
        if let given {
            guard let d = CivilDate(given) else {
                throw UsageError(OversightCommand.presenter(of: nil).strings("cli.bad-today", ["x": safe(given)]))
            }
            return d
        }
        let c = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    func language() throws -> Language {
        let given = lang ?? Self.environment["OVERSIGHT_LANG"].flatMap { $0.isEmpty ? nil : $0 }
        guard let given else { return .zh }
        guard let l = Language(rawValue: given) else {
            throw UsageError(OversightCommand.presenter(of: nil).strings("cli.bad-lang", ["x": safe(given)]))
        }
        return l
    }
}

/// A command that takes the global options: its messages follow its `--lang`.
protocol TakesGlobalOptions {
    var globals: GlobalOptions { get }
}

extension GlobalOptions {
    /// The words for this command's output and messages, in its language.
    func presenter() throws -> Presenter { Presenter(strings: try Catalog.strings(try language())) }
}

/// Bad usage or bad input: the message goes to standard error and the exit code is 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// A refused action (not allowed, stale, invalid in this state): exit code 1.
struct RefusedError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
