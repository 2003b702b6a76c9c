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

/// The words of an organisation as an administrator types them — `oversight org add ID --name N --party P
/// [--domains D,…] [--code C]` and the workbench's `:org add …` — read once, for both. Values in either
/// language: `--party external` or `外部机关`, `--domains ecology,land` or `生态环境、国土资源`.
public struct OrgOptions: Hashable, Sendable {
    public var id: String
    public var name: String
    public var party: String
    public var domains: String?
    public var code: String?
    /// `--county`: the county (or city) it belongs to, by id or name; none: the administrator's own.
    public var county: String?

    public init(id: String, name: String, party: String, domains: String? = nil, code: String? = nil, county: String? = nil) {
        self.id = id
        self.county = county
        self.name = name
        self.party = party
        self.domains = domains
        self.code = code
    }

    /// The parties an administrator may add: in any county, departments and outside bodies; the three cooperating
    /// bodies (procuratorate, justice bureau, administration unit) in a county or city that has none yet (the store
    /// checks: one of each per county), as a new county's or a city's are added.
    public static let addableParties: [Party] = [.department, .external, .procuratorate, .justice, .admin]

    /// The organisation named, or what is wrong with an option (bad usage). The name is checked by the store
    /// (`TextRule`), which stores it normalised.
    public func organisation(words: Vocabulary) throws(OptionError) -> Organisation {
        guard Organisation.isValidID(id) else {
            throw OptionError(
                "\"\(id)\" cannot be an organisation id: use 1 to 64 ASCII letters, digits, . _ - (not starting with . or -), e.g. lvliang-eco",
                zh: "“\(id)”不能作单位代号：请用 1 到 64 个半角英文字母、数字或 . _ -（不以 . 或 - 开头），如 lvliang-eco", option: "id")
        }
        guard let p = words.value(Party.self, party), Self.addableParties.contains(p) else {
            throw OptionError(
                "--party must be department (a legal-affairs unit), external (an outside body, e.g. a higher-level authority), or, for a county or city that has none yet, procuratorate, justice or admin; not \"\(party)\"",
                zh: "--party 须为 部门（法制机构）、外部机关（外部单位，如上级主管机关），或（县、市尚无时）检察院、司法局、管理单位；不能是“\(party)”", option: "party")
        }
        let fields = try Self.domains(domains, words: words)
        guard fields.isEmpty || p == .department else {
            throw OptionError(
                "--domains is for a department: an outside body works in no Art. 4 field here",
                zh: "--domains 只用于部门：外部单位不登记重点领域", option: "domains")
        }
        let code = (code ?? "").trimmingCharacters(in: .whitespaces)
        guard code.isEmpty || Organisation.isValidCode(code) else {
            throw OptionError(
                "--code \"\(code)\" cannot be a document code (机关代字): give 1 to 8 letters or Han characters, e.g. 吕环",
                zh: "--code“\(code)”不能作机关代字：请给出 1 到 8 个汉字或字母，如 吕环", option: "code")
        }
        return Organisation(id: id, name: name, party: p, domains: fields, code: code, county: county ?? "")
    }

    /// `--domains`: Art. 4 fields separated by `,` `，` `、` or spaces, each its code or its word in either language.
    public static func domains(_ text: String?, words: Vocabulary) throws(OptionError) -> [DomainArea] {
        guard let text else { return [] }
        var found: [DomainArea] = []
        for word in text.split(whereSeparator: { ",，、 \u{3000}".contains($0) }) {
            guard let d = words.value(DomainArea.self, String(word)) else {
                let codes = DomainArea.allCases.map(\.rawValue).joined(separator: ", ")
                let zh = words.words(DomainArea.self, .zh).joined(separator: "、")
                throw OptionError("--domains \"\(word)\" is not one of \(codes)", zh: "--domains“\(word)”不在可选范围内：\(zh)", option: "domains")
            }
            if !found.contains(d) { found.append(d) }
        }
        return found
    }
}

extension Organisation {
    /// An id usable as it is in a shell word and a command line: ASCII letters, digits, `.`, `_`, `-`, 1 to 64,
    /// not starting with `.` or `-` (as a login name).
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, (1...64).contains(id.unicodeScalars.count), first != ".", first != "-"
        else { return false }
        return id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }

    /// A document code (机关代字) as numbers carry it: 1 to 8 letters (Han characters among them), nothing else.
    public static func isValidCode(_ code: String) -> Bool {
        (1...8).contains(code.count) && code.allSatisfy { $0.isLetter && $0.unicodeScalars.count == 1 }
    }
}
