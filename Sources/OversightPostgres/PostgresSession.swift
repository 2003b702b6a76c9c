import Dispatch
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// A future's result, handed from the event loop to the session's thread.
final class Outcome<T: Sendable>: Sendable {
    let value = Mutex<Result<T, any Error>?>(nil)
}

/// One connection to the shared PostgreSQL database, used as the store uses SQLite: synchronously, from the
/// session's one thread (the workbench and the commands are synchronous; postgres-nio's futures are waited on from
/// outside the event loop). What the PostgreSQL backend stands on (issue 23): statements with text parameters and
/// text results, change notices across hosts (`LISTEN`/`NOTIFY`), and the writer's turn per county (advisory locks).
public final class PostgresSession: Sendable {
    let connection: PostgresConnection
    let logger: Logger
    public let url: PostgresURL
    /// Statements sent without waiting for their answer (`send`: a transaction's BEGIN, a read's COMMIT): the
    /// connection answers in the order it was asked, so the next statement waited for finds them answered, and a
    /// failure among them is thrown there. A round trip's wait saved on each.
    let unanswered = Mutex<[EventLoopFuture<PostgresQueryResult>]>([])

    /// Why the database could not be used; the URL is named without its password.
    public enum Failure: Error, CustomStringConvertible, Sendable {
        case cannotConnect(PostgresURL, String)
        case statement(String)
        /// The connection went (the server stopped, restarted or cut it off): nothing of the transaction was kept.
        case lost(String)

        public var description: String {
            switch self {
            case .cannotConnect(let url, let why): return "cannot connect to \(url): \(why)"
            case .statement(let why), .lost(let why): return why
            }
        }
    }

    init(connection: PostgresConnection, url: PostgresURL, logger: Logger) {
        self.connection = connection
        self.url = url
        self.logger = logger
    }

    /// Connects (by the socket folder when the URL names one, else TCP with TLS as its `sslmode` asks: by default
    /// when the server offers it), waiting for the server's answer.
    public static func open(_ url: PostgresURL, id: Int = 1) throws -> PostgresSession {
        var logger = Logger(label: "oversight.postgres")
        logger.logLevel = .critical
        let configuration: PostgresConnection.Configuration
        if let socket = url.socketPath {
            configuration = .init(unixSocketPath: socket, username: url.user, password: url.password, database: url.database)
        } else {
            var c = PostgresConnection.Configuration(host: url.hostAddress ?? url.host, port: url.port, username: url.user,
                                                     password: url.password, database: url.database, tls: try tls(url))
            // Reached by its address, the server's certificate is still checked against its name.
            if url.hostAddress != nil, !PostgresURL.isAddress(url.host) { c.options.tlsServerName = url.host }
            configuration = c
        }
        do {
            let connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: id, logger: logger
            ).wait()
            return PostgresSession(connection: connection, url: url, logger: logger)
        } catch {
            throw Failure.cannotConnect(url, Self.said(error))
        }
    }

    /// The TLS of a TCP connection, as the URL's `sslmode` asks (`PostgresURL.effectiveTLS`).
    static func tls(_ url: PostgresURL) throws -> PostgresConnection.Configuration.TLS {
        var c = TLSConfiguration.makeClientConfiguration()
        switch url.effectiveTLS {
        case .disable: return .disable
        case .prefer, .require: c.certificateVerification = .none
        case .verifyCA: c.certificateVerification = .noHostnameVerification
        case .verifyFull: c.certificateVerification = .fullVerification
        }
        if let root = url.rootCertificate {
            guard FileManager.default.isReadableFile(atPath: root) else {
                throw Failure.cannotConnect(url, "cannot read the authority's certificate \(root)")
            }
            c.trustRoots = .file(root)
        }
        do {
            let context = try NIOSSLContext(configuration: c)
            return url.effectiveTLS == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw Failure.cannotConnect(url, "TLS: \(error)")
        }
    }

    /// The rows of `sql` with `$1…` bound to `binds` (text, or NULL), each column as text (`::text` where it is not).
    public func rows(_ sql: String, _ binds: [String?] = []) throws -> [[String?]] {
        var bindings = PostgresBindings(capacity: binds.count)
        for b in binds {
            if let b { bindings.append(b) } else { bindings.appendNull() }
        }
        do {
            let result = try answer(PostgresQuery(unsafeSQL: sql, binds: bindings))
            return try result.rows.map { row in try row.map { cell in try cell.decode(String?.self) } }
        } catch {
            throw Self.failure(error)
        }
    }

    /// Sends `sql` (no parameters) without waiting for its answer: the next statement waited for waits for it too,
    /// and fails with its failure.
    public func send(_ sql: String) {
        let future = connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        unanswered.withLock { $0.append(future) }
    }

    /// The result of `query`, sent now; first the answers of what was `send` before it (in the connection's order).
    func answer(_ query: PostgresQuery) throws -> PostgresQueryResult {
        let future = connection.query(query, logger: logger)
        let earlier = unanswered.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        var failure: (any Error)?
        for f in earlier {
            do { _ = try waited(f) } catch { failure = failure ?? error }
        }
        do {
            let result = try waited(future)
            if let failure { throw failure }
            return result
        } catch {
            throw failure ?? error
        }
    }

    /// Runs statements that return nothing wanted (several, separated by `;`, when none has parameters).
    public func execute(_ sql: String, _ binds: [String?] = []) throws {
        _ = try rows(sql, binds)
    }

    /// `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        send("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Calls `handler` with the sending connection's backend pid and the payload of each notice sent on `channel`
    /// (`NOTIFY`), from this or another connection or host, on the connection's event loop, until `stop()` on the
    /// returned value.
    @discardableResult
    public func listen(_ channel: String, handler: @escaping @Sendable (Int32, String) -> Void) throws -> PostgresListenContext {
        let context = connection.addListener(channel: channel) { _, note in handler(note.backendPID, note.payload) }
        try execute("LISTEN \(Self.identifier(channel))")
        return context
    }

    /// Sends `payload` on `channel` (delivered at commit when inside a transaction).
    public func notify(_ channel: String, _ payload: String) throws {
        try execute("SELECT pg_notify($1, $2)", [channel, payload])
    }

    /// Whether this connection took the writer's turn of `county` for its open transaction (a transaction-level
    /// advisory lock, let go at commit or rollback); false when another holds it.
    public func tryTurn(county: String) throws -> Bool {
        try rows("SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))::text", ["oversight-county:" + county]).first?.first == "true"
    }

    /// Waits for the writer's turn of `county` (held until the transaction ends).
    public func takeTurn(county: String) throws {
        try execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", ["oversight-county:" + county])
    }

    public func close() {
        _ = try? execute("SELECT 1")  // what was sent is answered first
        _ = try? waited(connection.close())
    }

    /// How long a statement may take before the session gives up on its connection (a backstop: a lost connection is
    /// noticed at once, below).
    static let longest = 600

    /// The result of `future`, waited for from the session's thread; a failure as soon as the connection is seen closed
    /// (the server stopped or cut it off: a query sent as it closed was seen to wait forever), or after `longest`.
    func waited<T: Sendable>(_ future: EventLoopFuture<T>) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome<T>()
        future.whenComplete { result in
            outcome.value.withLock { $0 = result }
            done.signal()
        }
        let deadline = DispatchTime.now() + .seconds(Self.longest)
        while true {
            if done.wait(timeout: .now() + .milliseconds(200)) == .success {
                return try outcome.value.withLock { $0! }.get()
            }
            if connection.isClosed { throw Failure.lost("the connection to the database closed") }
            if DispatchTime.now() > deadline { throw Failure.statement("no answer from the database") }
        }
    }

    /// A text quoted as an SQL string literal (standard conforming: only the quote is doubled).
    public static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// A name quoted as an SQL identifier.
    public static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// A statement's failure: `lost` when the connection went (the server shutting down, class 57P, or the socket
    /// closed), else `statement` with what the server said.
    static func failure(_ error: any Error) -> Failure {
        if let f = error as? Failure { return f }
        if let e = error as? PSQLError {
            if let state = e.serverInfo?[.sqlState], state.hasPrefix("57P") { return .lost(said(error)) }
            if e.code == .serverClosedConnection || e.code == .connectionError || e.code == .uncleanShutdown { return .lost(said(error)) }
        }
        return .statement(said(error))
    }

    /// What the server said (its message, not the driver's dump of the query).
    static func said(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] { return message }
            // A TLS handshake that failed: the certificate, said as TLS says it (CERTIFICATE_VERIFY_FAILED, a name
            // that does not match); a refused or unreachable address as the system says it.
            if let tls = e.underlying as? NIOSSLError { return "TLS: \(tls)" }
            if let tls = e.underlying as? NIOSSLExtraError { return "TLS: \(tls)" }
            if let other = e.underlying { return "\(e.code): \(other)" }
            return "\(e.code)"
        }
        return "\(error)"
    }
}
