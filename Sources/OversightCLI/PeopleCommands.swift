import ArgumentParser
import OversightDomain
import OversightResources
import OversightStore
import OversightWorkbench

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
            let orgs = try store.organisations(for: viewer)
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
            let (store, viewer) = try globals.openDatabase()
            let orgs = Dictionary(uniqueKeysWithValues: try store.organisations(for: viewer).map { ($0.id, $0) })
            let items = try store.users(for: viewer).map { u in
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

/// `oversight org …`: organisations. Only an administrator may add, rename, disable or enable one.
struct OrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Organisations: list, add, rename, disable and enable them; set their sign-off.",
        subcommands: [List.self, Add.self, Rename.self, Disable.self, Enable.self, SetSignOff.self])

    struct SetSignOff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Set which of an organisation's steps need its head's decision (administrators only).",
            discussion: """
                --sign-off STEPS: the steps (codes or words, e.g. issue,reply or 制发、回复) that a handler of the \
                organisation submits to a head of it instead of taking them; a head approves (`matter approve`) or \
                returns (`matter return`) them, and a head's own steps go straight out. `none` (无): nothing; \
                `default` (默认): the party's default (the procuratorate's issue of a suggestion, transfer or \
                referral; a department's reply; the justice bureau's reply to a transfer). Recorded as an org-sign-off event.
                """)

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The organisation: id or name.", valueName: "ORG")) var org: String
        @Option(name: .long, help: ArgumentHelp("The steps, comma-separated; none; or default.", valueName: "STEPS")) var signOff: String

        func run() throws {
            let words = try globals.presenter(), s = words.strings
            let vocabulary = try OversightResources.vocabulary()
            let setting: SignOff
            switch SignOff.read(signOff, words: vocabulary) {
            case .success(let v): setting = v
            case .failure(let e):
                throw UsageError(s("cli.org.bad-sign-off", [
                    "x": safe(e.word), "all": SignOff.signable.map(\.rawValue).joined(separator: ", ")]))
            }
            let (store, viewer) = try globals.openDatabase(writing: true)
            let today = try globals.todayDate()
            let found = Organisation.find(org, in: try store.organisations(for: viewer))
            let id = found?.id ?? org
            try changingPeople { try store.setSignOff(of: id, to: setting, by: viewer, on: today) }
            let now = try store.organisations().first { $0.id == id }
            print(s("people.org-sign-off", [
                "id": safe(id), "name": safe(now?.name ?? id),
                "steps": now.map { signOffWords($0, words) } ?? ""]))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an organisation the county keeps (administrators only).",
            discussion: """
                PARTY is department (部门: a department's legal-affairs unit, whose people may be added) or external \
                (外部机关: an outside body such as a higher-level enforcement authority, which receives referrals and \
                has no users). DOMAINS are a department's Art. 4 fields, by code or word, separated by commas \
                (ecology,land or 生态环境、国土资源); a suggestion in another field then asks for --confirm-domain. \
                CODE is its document code (机关代字), needed for the numbers of what it issues. ID: ASCII letters, \
                digits, . _ - (e.g. lvliang-eco). Recorded as an org-add event.
                """)

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("Its id.", valueName: "ID")) var id: String
        @Option(name: .long, help: ArgumentHelp("Its full name, e.g. 吕梁市生态环境局.", valueName: "NAME")) var name: String
        @Option(name: .long, help: ArgumentHelp("department or external (部门 or 外部机关).", valueName: "PARTY")) var party: String
        @Option(name: .long, help: ArgumentHelp("A department's Art. 4 fields, comma-separated.", valueName: "D,…")) var domains: String?
        @Option(name: .long, help: ArgumentHelp("Its document code (机关代字), e.g. 吕环.", valueName: "CODE")) var code: String?
        @Option(name: .long, help: ArgumentHelp("The county or city it belongs to: id or name (default: yours).", valueName: "COUNTY"))
        var county: String?

        func run() throws {
            let words = try globals.presenter()
            let vocabulary = try OversightResources.vocabulary()
            let org = try OrgOptions(id: id, name: name, party: party, domains: domains, code: code, county: county)
                .organisation(words: vocabulary)
            let (store, viewer) = try globals.openDatabase(writing: true)
            let today = try globals.todayDate()
            try changingPeople { try store.add(org, by: viewer, on: today) }
            let added = try store.organisations().first { $0.id == org.id } ?? org
            print(words.strings("people.org-added", [
                "id": safe(added.id), "name": safe(added.name), "party": words.party(added.party)]))
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename an organisation (administrators only): its matters show the new name; its history stays.")

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The organisation: id or name, as `org list` prints them.", valueName: "ORG")) var org: String
        @Option(name: .long, help: ArgumentHelp("The new name.", valueName: "NAME")) var name: String

        func run() throws {
            let words = try globals.presenter()
            let (store, viewer) = try globals.openDatabase(writing: true)
            let today = try globals.todayDate()
            let id = Organisation.find(org, in: try store.organisations(for: viewer))?.id ?? org
            try changingPeople { try store.setName(of: id, to: name, by: viewer, on: today) }
            let renamed = try store.organisations().first { $0.id == id }?.name ?? name
            print(words.strings("people.org-renamed", ["id": safe(id), "name": safe(renamed)]))
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an organisation (administrators only).",
            discussion: """
                A disabled organisation can no longer be addressed, copied or concerned by a new matter (nor sent a draft begun before), takes no new \
                people, and its people can no longer log in or act. Its matters, people and history stay: the other \
                parties go on with its open matters, and `org enable` undoes it. The administration unit cannot be \
                disabled.
                """)

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The organisation: id or name.", valueName: "ORG")) var org: String

        func run() throws {
            try globals.changeOrg(org, said: "people.org-disabled") { try $0.disable(org: $1, by: $2, on: $3) }
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enable a disabled organisation again (administrators only): it takes new matters, its people log in again.")

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The organisation: id or name.", valueName: "ORG")) var org: String

        func run() throws {
            try globals.changeOrg(org, said: "people.org-enabled") { try $0.enable(org: $1, by: $2, on: $3) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List organisations with their party, fields, code and whether in use.")

        @OptionGroup var globals: GlobalOptions
        @Flag(name: .long, help: "JSON for scripts: id, name, party (and domains, code, active).")
        var json = false

        struct Item: Encodable {
            var id, name, party, code: String
            var domains: [String]
            var active: Bool
            /// The county (or city) it belongs to (`oversight county list`).
            var county: String
            /// The steps that need the head's decision, and whether that is the party's default.
            var signOff: [String]
            var signOffDefault: Bool
            var shownSignOff: String

            enum CodingKeys: String, CodingKey { case id, name, party, code, domains, active, signOff, signOffDefault, county }
        }

        func run() throws {
            let words = try globals.presenter(), s = words.strings
            let (store, viewer) = try globals.openDatabase()
            let counties = try store.counties()
            let items = try store.organisations(for: viewer).map {
                Item(id: $0.id, name: $0.name, party: $0.party.rawValue, code: $0.code, domains: $0.domains.map(\.rawValue), active: $0.active,
                     county: $0.county,
                     signOff: $0.signOff.steps(for: $0.party).map(\.rawValue), signOffDefault: $0.signOff == .partyDefault,
                     shownSignOff: signOffWords($0, words))
            }
            // The table for people in the interface language's words; the JSON for scripts in codes.
            let separator = s.language == .zh ? "、" : ", "
            // The county column once organisations of more than one county are listed.
            let several = Set(items.map(\.county)).count > 1
            let columns = ["id", "name", "party", "domains", "code", "sign-off", "active"] + (several ? ["county"] : [])
            try emit(items, json: json, header: columns.map { s("cli.column.\($0)") }) {
                [$0.id, $0.name, Party(rawValue: $0.party).map(words.party) ?? $0.party,
                 $0.domains.map { DomainArea(rawValue: $0).map(words.domain) ?? $0 }.joined(separator: separator),
                 $0.code, $0.shownSignOff, s($0.active ? "cli.active.yes" : "cli.active.no")]
                    + (several ? [counties[$0.county]?.name ?? $0.county] : [])
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

extension GlobalOptions {
    /// `org disable|enable ORG`: the organisation found by id or name, changed through the store's checked path.
    func changeOrg(_ org: String, said: String, _ change: (Store, OrgID, Viewer, CivilDate) throws -> Void) throws {
        let words = try presenter()
        let (store, viewer) = try openDatabase(writing: true)
        let today = try todayDate()
        let found = Organisation.find(org, in: try store.organisations(for: viewer))
        let id = found?.id ?? org
        try changingPeople { try change(store, id, viewer, today) }
        print(words.strings(said, ["id": safe(id), "name": safe(found?.name ?? id)]))
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

/// An organisation's sign-off in words: its steps (the party's default marked so), or none.
func signOffWords(_ o: Organisation, _ words: Presenter) -> String {
    let s = words.strings
    let steps = o.signOff.steps(for: o.party)
    guard !steps.isEmpty else { return s("cli.sign-off.none") }
    let list = steps.map(words.step).joined(separator: s("list.separator"))
    return o.signOff == .partyDefault ? s("cli.sign-off.default", ["steps": list]) : list
}
