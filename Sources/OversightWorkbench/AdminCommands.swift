import OversightDomain

/// A change of people or keys, as the `:` line (`:user disable NAME`) and the administrator's menu ask for it:
/// the words and options are the command line's (`oversight user disable NAME`), read by the same
/// `UserOptions` and `KeyReference`.
public enum PeopleCommand: Hashable, Sendable {
    case addUser(UserOptions)
    case disable(UserName)
    case enable(UserName)
    /// `:key add USER KEYFILE`: the file is read by the runtime.
    case addKey(user: UserName, file: String)
    case removeKey(user: UserName, KeyReference)
    /// `:org add ID --name N --party P [--domains D,…] [--code C]`, read by `OrgOptions` as `oversight org add` reads it.
    case addOrg(OrgOptions)
    /// `:org rename ORG --name N`, `:org disable ORG`, `:org enable ORG`: ORG an id or a name.
    case renameOrg(String, name: String)
    case disableOrg(String)
    case enableOrg(String)

    /// The person (or organisation) it is about.
    public var user: UserName {
        switch self {
        case .addUser(let o): return o.name
        case .disable(let n), .enable(let n): return n
        case .addKey(let u, _), .removeKey(let u, _): return u
        case .addOrg(let o): return o.id
        case .renameOrg(let o, _), .disableOrg(let o), .enableOrg(let o): return o
        }
    }
}

/// One of a person's login keys, as the administrator's screen shows it.
public struct AdminKey: Hashable, Sendable {
    public var user: UserName
    /// Its number in `key list` (1 for the oldest key).
    public var number: Int
    public var type: String
    public var fingerprint: String
    public var comment: String

    public init(user: UserName, number: Int, type: String, fingerprint: String, comment: String) {
        self.user = user
        self.number = number
        self.type = type
        self.fingerprint = fingerprint
        self.comment = comment
    }
}

/// Enter on a person in the administrator's list: disable or enable them, or remove one of their keys
/// (which asks first).
public struct AdminMenu: Hashable, Sendable {
    public enum Entry: Hashable, Sendable {
        case disable, enable
        case removeKey(AdminKey)
    }

    public var user: User
    public var entries: [Entry]
    public var selection = 0
    /// A key removal waiting for its yes (y or Enter; any other key cancels).
    public var confirming: AdminKey?

    public init(user: User, keys: [AdminKey]) {
        self.user = user
        entries = [user.active ? .disable : .enable] + keys.filter { $0.user == user.name }.map(Entry.removeKey)
    }

    /// The command an entry runs.
    func command(_ entry: Entry) -> PeopleCommand {
        switch entry {
        case .disable: return .disable(user.name)
        case .enable: return .enable(user.name)
        case .removeKey(let k): return .removeKey(user: user.name, .fingerprint(k.fingerprint))
        }
    }
}

extension CommandText {
    static let userOptions = ["org", "role", "display-name"]

    /// `:user add NAME --org ORG --role ROLE [--display-name N]`, `:user disable NAME`, `:user enable NAME`,
    /// `:key add USER KEYFILE`, `:key remove USER FINGERPRINT|N`: as `oversight user …` and `oversight key …`.
    static func parsePeople(_ verb: String, _ words: [String], vocabulary: Vocabulary = .codes) throws(OptionError) -> LineCommand? {
        if verb == "org" { return try parseOrg(words, vocabulary: vocabulary) }
        guard verb == "user" || verb == "key" else { return nil }
        let usage = verb == "user"
            ? OptionError("user add NAME --org ORG --role ROLE, user disable NAME or user enable NAME",
                          zh: "user add 登录名 --org 单位 --role 角色，user disable 登录名 或 user enable 登录名")
            : OptionError("key add USER KEYFILE or key remove USER FINGERPRINT|N",
                          zh: "key add 用户 公钥文件 或 key remove 用户 指纹或序号")
        guard let sub = words.first else { throw usage }
        let (positional, options) = try split(Array(words.dropFirst()), known: sub == "add" && verb == "user" ? userOptions : [], flags: [])
        switch (verb, sub, positional.count) {
        case ("user", "add", 1):
            guard let org = options["org"]?.last, let role = options["role"]?.last else {
                throw OptionError("user add needs --org ORG and --role ROLE", zh: "user add 需要 --org 单位 和 --role 角色")
            }
            let o = UserOptions(name: positional[0], org: org, role: role, displayName: options["display-name"]?.last)
            _ = try o.parsedRole()
            return .people(.addUser(o))
        case ("user", "disable", 1): return .people(.disable(positional[0]))
        case ("user", "enable", 1): return .people(.enable(positional[0]))
        case ("key", "add", 2): return .people(.addKey(user: positional[0], file: positional[1]))
        case ("key", "remove", 2): return .people(.removeKey(user: positional[0], try KeyReference(positional[1])))
        default: throw usage
        }
    }
}

extension CommandText {
    static let orgOptions = ["name", "party", "domains", "code", "county"]

    /// `:org add ID --name N --party P [--domains D,…] [--code C]`, `:org rename ORG --name N`, `:org disable ORG`,
    /// `:org enable ORG`: as `oversight org …`, the options read by the same `OrgOptions`.
    static func parseOrg(_ words: [String], vocabulary: Vocabulary) throws(OptionError) -> LineCommand {
        let usage = OptionError(
            "org add ID --name NAME --party department|external [--domains D,…] [--code C] [--county COUNTY], org rename ORG --name NAME, org disable ORG or org enable ORG",
            zh: "org add 代号 --name 名称 --party 部门|外部机关 [--domains 领域,…] [--code 代字] [--county 县]，org rename 单位 --name 名称，org disable 单位 或 org enable 单位")
        guard let sub = words.first else { throw usage }
        let (positional, options) = try split(Array(words.dropFirst()), known: sub == "add" || sub == "rename" ? orgOptions : [], flags: [])
        switch (sub, positional.count) {
        case ("add", 1):
            guard let name = options["name"]?.last, let party = options["party"]?.last else {
                throw OptionError("org add needs --name NAME and --party department|external", zh: "org add 需要 --name 名称 和 --party 部门|外部机关")
            }
            let o = OrgOptions(id: positional[0], name: name, party: party, domains: options["domains"]?.last, code: options["code"]?.last,
                               county: options["county"]?.last)
            _ = try o.organisation(words: vocabulary)
            return .people(.addOrg(o))
        case ("rename", 1):
            guard let name = options["name"]?.last else { throw OptionError("org rename needs --name NAME", zh: "org rename 需要 --name 名称") }
            return .people(.renameOrg(positional[0], name: name))
        case ("disable", 1): return .people(.disableOrg(positional[0]))
        case ("enable", 1): return .people(.enableOrg(positional[0]))
        default: throw usage
        }
    }
}

/// The administrator's own keys and commands (`state.admin` set), before the workbench's.
func adminEnter(_ state: inout AppState) -> [Effect] {
    guard case .user(let u)? = state.adminSelected else { return [] }
    state.mode = .adminMenu(AdminMenu(user: u, keys: state.admin?.keys ?? []))
    return []
}

/// A key in the administrator's menu.
func adminMenuKey(_ key: String, _ menu: AdminMenu, _ state: inout AppState, keymap: Keymap) -> [Effect] {
    var menu = menu
    if let pending = menu.confirming {
        if case .command(.submit)? = bound(key, in: [.confirm], &state, keymap: keymap) {
            state.mode = .normal
            return [.people(.removeKey(user: menu.user.name, .fingerprint(pending.fingerprint)))]
        }
        menu.confirming = nil
        state.mode = .adminMenu(menu)
        state.message = .cancelled
        return []
    }
    switch bound(key, in: [.menu], &state, keymap: keymap) {
    case .command(.moveDown)?: menu.selection = min(menu.entries.count - 1, menu.selection + 1)
    case .command(.moveUp)?: menu.selection = max(0, menu.selection - 1)
    case .command(.submit)?, .command(.open)?:
        guard menu.entries.indices.contains(menu.selection) else { state.mode = .normal; return [] }
        let entry = menu.entries[menu.selection]
        if case .removeKey(let k) = entry {
            menu.confirming = k
            state.mode = .adminMenu(menu)
            return []
        }
        state.mode = .normal
        return [.people(menu.command(entry))]
    case .command(.cancel)?, .command(.quit)?, .command(.clear)?:
        state.mode = .normal
        return []
    default: break
    }
    state.mode = .adminMenu(menu)
    return []
}

/// A `:user …` or `:key …` line: only the administrator's screen takes it.
func runPeople(_ command: PeopleCommand, _ state: inout AppState) -> [Effect] {
    guard state.admin != nil else {
        state.status = .option(OptionError(
            "only an administrator changes people and keys", zh: "只有管理员可以更改人员和密钥"))
        return []
    }
    return [.people(command)]
}

/// The store made the change: said on the hint line, and the overview read again.
func peopleChanged(_ command: PeopleCommand, _ state: inout AppState) -> [Effect] {
    if case .adminMenu = state.mode { state.mode = .normal }
    state.message = .people(command)
    return [.loadInbox]
}
