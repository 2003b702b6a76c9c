/// Where a shared PostgreSQL database is (issue 23): `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, `postgresql://`
/// alike, and `?host=/folder` for a Unix socket's folder as libpq reads it (the host part then only names the server).
/// `?hostaddr=`, `?sslmode=` and `?sslrootcert=` as libpq reads them. Read whole and checked; the password is never printed
/// (`description`).
public struct PostgresURL: Hashable, Sendable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// The folder of the server's Unix socket (`.s.PGSQL.PORT` in it), else nil: TCP to `host`.
    public var socketFolder: String?
    /// The county whose part of the shared database a session works on (`?county=ID`: the store's commands and the
    /// workbench), else nil.
    public var county: String?
    /// Whether and how the connection is encrypted (`?sslmode=`, as libpq reads it): nil for the default —
    /// `prefer` over TCP (TLS when the server offers it), none through a socket.
    public var tls: TLSMode?
    /// The certificate (PEM) of the authority that signed the server's (`?sslrootcert=/path`), for `verify-ca` and
    /// `verify-full`; else the system's.
    public var rootCertificate: String?

    /// The address to connect to instead of looking the host's name up (`?hostaddr=`, an IPv4 address, as libpq reads
    /// it): the name is still the one a certificate is checked against.
    public var hostAddress: String?

    /// `?sslmode=`: libpq's names and meanings, `allow` left out (a session never falls back to no TLS after asking).
    public enum TLSMode: String, Hashable, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, else none (libpq's default).
        case prefer
        /// TLS, the server's certificate not checked.
        case require
        /// TLS, the server's certificate signed by the authority trusted.
        case verifyCA = "verify-ca"
        /// As `verify-ca`, and the certificate names the host the URL names (a name, not an address).
        case verifyFull = "verify-full"
    }

    /// The TLS the connection uses: the URL's, else `prefer` over TCP and `disable` through a socket.
    public var effectiveTLS: TLSMode { tls ?? (socketFolder == nil ? .prefer : .disable) }

    /// Why a text is not a database URL.
    public enum Problem: Error, Hashable, Sendable {
        case notPostgres
        case noUser
        case noHost
        case badPort(String)
        case noDatabase
        case badEscape(String)
        case unknownParameter(String)
        /// `?county=` names no county id (letters, digits, . _ -, at most 56).
        case badCounty(String)
        /// Control characters, spaces or NUL anywhere: a URL is one line of printable characters.
        case unprintable
        /// `?hostaddr=` is not an IPv4 address.
        case badHostAddress(String)
        /// `?sslmode=` is not one of disable, prefer, require, verify-ca, verify-full.
        case badTLSMode(String)
        /// `?sslrootcert=` is not an absolute path, or is given where no certificate is checked.
        case badRootCertificate(String)
        /// TLS asked of a socket (PostgreSQL speaks TLS over TCP only), or `verify-full` of an address (the server's
        /// certificate is checked against a host name).
        case tlsNeedsHostName(String)
    }

    public init(_ text: String) throws(Problem) {
        guard text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else { throw .unprintable }
        let rest: Substring
        if text.hasPrefix("postgres://") { rest = text.dropFirst("postgres://".count) }
        else if text.hasPrefix("postgresql://") { rest = text.dropFirst("postgresql://".count) }
        else { throw .notPostgres }
        let (main, query) = rest.firstIndex(of: "?").map { (rest[..<$0], rest[rest.index(after: $0)...]) } ?? (rest, "")
        guard let at = main.lastIndex(of: "@") else { throw .noUser }
        let credentials = main[..<at], location = main[main.index(after: at)...]
        let (userPart, passwordPart) = credentials.firstIndex(of: ":").map { (credentials[..<$0], Optional(credentials[credentials.index(after: $0)...])) }
            ?? (credentials, nil)
        user = try Self.unescaped(userPart)
        guard !user.isEmpty else { throw .noUser }
        password = try passwordPart.map(Self.unescaped)
        guard let slash = location.firstIndex(of: "/") else { throw .noDatabase }
        let hostPort = location[..<slash]
        database = try Self.unescaped(location[location.index(after: slash)...])
        guard !database.isEmpty, !database.contains("/") else { throw .noDatabase }
        if let colon = hostPort.lastIndex(of: ":") {
            let p = String(hostPort[hostPort.index(after: colon)...])
            guard let n = Int(p), (1...65535).contains(n), p.allSatisfy(\.isASCII) else { throw .badPort(p) }
            port = n
            host = try Self.unescaped(hostPort[..<colon])
        } else {
            port = 5432
            host = try Self.unescaped(hostPort)
        }
        socketFolder = nil
        county = nil
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let (key, value) = pair.firstIndex(of: "=").map { (pair[..<$0], pair[pair.index(after: $0)...]) } ?? (pair, "")
            switch key {
            case "host":
                let folder = try Self.unescaped(value)
                guard folder.hasPrefix("/") else { throw .noHost }
                socketFolder = folder
            case "port":
                guard let n = Int(value), (1...65535).contains(n) else { throw .badPort(String(value)) }
                port = n
            case "county":
                // A county's id as `oversight county list` shows it; short enough for its schema's name (`county_ID`,
                // PostgreSQL keeps 63 bytes of a name).
                let id = try Self.unescaped(value)
                guard let first = id.unicodeScalars.first, (1...56).contains(id.unicodeScalars.count), first != ".", first != "-",
                      id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) })
                else { throw .badCounty(id) }
                county = id
            case "sslmode":
                let v = try Self.unescaped(value)
                guard let mode = TLSMode(rawValue: v) else { throw .badTLSMode(v) }
                tls = mode
            case "hostaddr":
                let address = try Self.unescaped(value)
                guard Self.isAddress(address) else { throw .badHostAddress(address) }
                hostAddress = address
            case "sslrootcert":
                let path = try Self.unescaped(value)
                guard path.hasPrefix("/") else { throw .badRootCertificate(path) }
                rootCertificate = path
            default: throw .unknownParameter(String(key))
            }
        }
        guard !host.isEmpty || socketFolder != nil else { throw .noHost }
        if host.isEmpty { host = "localhost" }
        if let tls, tls != .disable, socketFolder != nil { throw .tlsNeedsHostName(tls.rawValue) }
        if tls == .verifyFull, Self.isAddress(host) { throw .tlsNeedsHostName(host) }
        if rootCertificate != nil, tls != .verifyCA, tls != .verifyFull { throw .badRootCertificate(rootCertificate ?? "") }
    }

    /// Whether `host` is an IPv4 address (not a name a certificate could carry as the host's; a URL here names no
    /// IPv6 address).
    static func isAddress(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }

    /// The socket's path when the server is reached through its folder.
    public var socketPath: String? { socketFolder.map { "\($0)/.s.PGSQL.\(port)" } }

    /// The URL without its password (what messages and logs may show).
    public var description: String {
        let query = [socketFolder.map { "host=\($0)" }, hostAddress.map { "hostaddr=\($0)" }, county.map { "county=\($0)" }, tls.map { "sslmode=\($0.rawValue)" },
                     rootCertificate.map { "sslrootcert=\($0)" }].compactMap { $0 }
        return "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// `%XX` escapes decoded (UTF-8), as a URL's parts carry them; a broken escape is an error.
    static func unescaped(_ part: Substring) throws(Problem) -> String {
        var bytes: [UInt8] = []
        var i = part.utf8.startIndex
        let utf8 = part.utf8
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == UInt8(ascii: "%") {
                let h = utf8.index(after: i)
                guard h < utf8.endIndex, utf8.index(after: h) < utf8.endIndex,
                      let hi = Self.hex(utf8[h]), let lo = Self.hex(utf8[utf8.index(after: h)]) else { throw .badEscape(String(part)) }
                bytes.append(hi << 4 | lo)
                i = utf8.index(h, offsetBy: 2)
            } else {
                bytes.append(b)
                i = utf8.index(after: i)
            }
        }
        guard let s = String(validating: bytes, as: UTF8.self), s.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
            throw .badEscape(String(part))
        }
        return s
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
