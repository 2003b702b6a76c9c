import ArgumentParser
import OversightDomain
import OversightStore

/// `oversight user …`: people.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "People: list accounts.", subcommands: [List.self])

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
            let (store, _) = try globals.openDatabase()
            let orgs = Dictionary(uniqueKeysWithValues: try store.organisations().map { ($0.id, $0) })
            let items = try store.users().map { u in
                Item(name: u.name, displayName: u.displayName, party: orgs[u.org]?.party.rawValue ?? "",
                     org: orgs[u.org]?.name ?? u.org, role: u.role.rawValue, active: u.active)
            }
            try emit(items, json: json, header: ["name", "display", "party", "org", "role", "active"]) {
                [$0.name, $0.displayName, $0.party, $0.org, $0.role, $0.active ? "yes" : "no"]
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
            let (store, _) = try globals.openDatabase()
            let items = try store.organisations().map {
                Item(id: $0.id, name: $0.name, party: $0.party.rawValue, domains: $0.domains.map(\.rawValue))
            }
            try emit(items, json: json, header: ["id", "name", "party", "domains"]) {
                [$0.id, $0.name, $0.party, $0.domains.joined(separator: ",")]
            }
        }
    }
}
