import ArgumentParser
import OversightDomain
import OversightStore

/// `oversight user …`: people. Only an administrator may add or disable them.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "People: list, add, disable and enable accounts.",
        subcommands: [List.self, Add.self, Disable.self, Enable.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a person (administrators only).",
            discussion: """
                ORG is an id or a name as `oversight org list` prints them. ROLE is handler (承办人), head (负责人) or \
                admin; the admin role belongs to the administration unit, which holds administrators only, and \
                outside bodies have no users. NAME is the login name: ASCII letters, digits, . _ - (e.g. zhang.san).
                """)

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The login name.", valueName: "NAME")) var name: String
        @Option(name: .long, help: ArgumentHelp("The organisation: id or name, as `org list` prints them.", valueName: "ORG"))
        var org: String
        @Option(name: .long, help: ArgumentHelp("handler, head or admin.", valueName: "ROLE")) var role: String
        @Option(name: .long, help: ArgumentHelp("The name shown on screen and in histories (default: NAME).", valueName: "N"))
        var displayName: String?

        func run() throws {
            let options = UserOptions(name: name, org: org, role: role, displayName: displayName)
            let role = try options.parsedRole()
            let words = try globals.presenter()
            let (store, viewer) = try globals.openDatabase(writing: true)
            let today = try globals.todayDate()
            let orgs = try store.organisations()
            // An unknown organisation goes to the store as given: it checks the administrator first.
            let orgID = Organisation.find(org, in: orgs)?.id ?? org
            let user = User(name: name, displayName: displayName ?? name, org: orgID, role: role)
            try changingPeople { try store.add(user, by: viewer, on: today) }
            let orgName = orgs.first { $0.id == orgID }?.name ?? orgID
            print(words.strings("people.user-added", [
                "name": safe(name), "role": words.strings("role.\(role.rawValue)"), "org": safe(orgName), "orgId": safe(orgID),
            ]))
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a person (administrators only): they can no longer open the workbench or act; their history stays.")

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The login name.", valueName: "NAME")) var name: String

        func run() throws {
            try globals.changeUser(name, said: "people.user-disabled") { try $0.disable(user: name, by: $1, on: $2) }
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enable a disabled person again (administrators only): their registered keys log in again.")

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The login name.", valueName: "NAME")) var name: String

        func run() throws {
            try globals.changeUser(name, said: "people.user-enabled") { try $0.enable(user: name, by: $1, on: $2) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts with party, organisation and role.")

        @OptionGroup var globals: GlobalOptions
        @Flag(name: .long, help: "JSON for scripts: name, party, org, role (and displayName, active).")
        var json = false

        struct Item: Encodable {
            var name, displayName, party, org, role: String
            var active: Bool
        }

        func run() throws {
            let words = try globals.presenter(), s = words.strings
            let (store, _) = try globals.openDatabase()
            let orgs = Dictionary(uniqueKeysWithValues: try store.organisations().map { ($0.id, $0) })
            let items = try store.users().map { u in
                Item(name: u.name, displayName: u.displayName, party: orgs[u.org]?.party.rawValue ?? "",
                     org: orgs[u.org]?.name ?? u.org, role: u.role.rawValue, active: u.active)
            }
            // The table for people in the interface language's words; the JSON for scripts in codes.
            try emit(items, json: json, header: ["login", "display", "party", "org", "role", "active"].map { s("cli.column.\($0)") }) {
                [$0.name, $0.displayName, Party(rawValue: $0.party).map(words.party) ?? $0.party, $0.org,
                 Role(rawValue: $0.role).map(words.role) ?? $0.role, s($0.active ? "cli.active.yes" : "cli.active.no")]
            }
        }
    }
}

/// `oversight org …`: organisations.
struct OrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Organisations: list them.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List organisations with their party.")

        @OptionGroup var globals: GlobalOptions
        @Flag(name: .long, help: "JSON for scripts: id, name, party (and domains).")
        var json = false

        struct Item: Encodable {
            var id, name, party: String
            var domains: [String]
        }

        func run() throws {
            let words = try globals.presenter()
            let (store, _) = try globals.openDatabase()
            let items = try store.organisations().map {
                Item(id: $0.id, name: $0.name, party: $0.party.rawValue, domains: $0.domains.map(\.rawValue))
            }
            // The table for people in the interface language's words; the JSON for scripts in codes.
            let separator = words.strings.language == .zh ? "、" : ", "
            try emit(items, json: json, header: ["id", "name", "party", "domains"].map { words.strings("cli.column.\($0)") }) {
                [$0.id, $0.name, Party(rawValue: $0.party).map(words.party) ?? $0.party,
                 $0.domains.map { DomainArea(rawValue: $0).map(words.domain) ?? $0 }.joined(separator: separator)]
            }
        }
    }
}

extension GlobalOptions {
    /// `user disable|enable NAME`: the change through the store's checked path as the command's person, then `said`.
    func changeUser(_ name: String, said: String, _ change: (Store, Viewer, CivilDate) throws -> Void) throws {
        let words = try presenter()
        let (store, viewer) = try openDatabase(writing: true)
        let today = try todayDate()
        try changingPeople { try change(store, viewer, today) }
        print(words.strings(said, ["name": safe(name)]))
    }
}

/// Runs a change of people or keys, turning the store's refusal into the contract's exit codes: 2 when the
/// input names nothing that exists or can be, 1 when the rules refuse the change.
func changingPeople<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as Store.PeopleFailure {
        // In the language of the command line (--lang, else $OVERSIGHT_LANG, else Chinese).
        let said = safe(OversightCommand.presenter(of: nil).text(e))
        if e.isBadInput { throw UsageError(said) }
        throw RefusedError(said)
    }
}
