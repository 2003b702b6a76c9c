/// The words of people's and keys' options as an administrator types them — on the command line
/// (`oversight user add NAME --org ORG --role ROLE`, `oversight key remove USER 2`) and on the workbench's
/// `:` line (`:user add …`, `:key remove …`) — read once, for both.
public struct UserOptions: Hashable, Sendable {
    public var name: String
    public var org: String
    public var role: String
    public var displayName: String?

    public init(name: String, org: String, role: String, displayName: String? = nil) {
        self.name = name
        self.org = org
        self.role = role
        self.displayName = displayName
    }

    /// The role named, or what is wrong with `--role` (bad usage).
    public func parsedRole() throws(OptionError) -> Role {
        guard let r = Role(rawValue: role) else {
            throw OptionError(
                "--role must be handler, head or admin, not \"\(role)\"",
                zh: "--role 须为 handler（承办人）、head（负责人）或 admin（管理员），不能是“\(role)”", option: "role")
        }
        return r
    }
}

/// A login key as it is named: its fingerprint (`SHA256:…`, as `key list` prints it) or its number (the `#`
/// column of `key list`, 1 for the oldest key).
public enum KeyReference: Hashable, Sendable, CustomStringConvertible {
    case fingerprint(String)
    case number(Int)

    public init(_ text: String) throws(OptionError) {
        if !text.isEmpty, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            guard let n = Int(text), n >= 1 else {
                throw OptionError(
                    "a key number is 1 or more, as the # column of `key list` shows, not \(text)",
                    zh: "密钥序号须为 1 或更大（见 `key list` 的 # 列），不能是 \(text)", option: "key")
            }
            self = .number(n)
        } else if text.hasPrefix("SHA256:"), text.count > 7 {
            self = .fingerprint(text)
        } else {
            throw OptionError(
                "name a key by its fingerprint (SHA256:…) or its number, as `key list` prints them",
                zh: "请用指纹（SHA256:…）或序号指明密钥，见 `key list`", option: "key")
        }
    }

    public var description: String {
        switch self {
        case .fingerprint(let f): return f
        case .number(let n): return "#\(n)"
        }
    }
}
