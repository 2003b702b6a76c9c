import ArgumentParser
import OversightDomain
import OversightStore
import OversightWorkbench

/// `oversight county …`: the counties (and the cities above them) a database keeps. A county's database is one
/// county (`init`, the demo: 文水县); a city or province that shares one adds its counties here, then their
/// organisations (`org add --county`) and people.
struct CountyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "county", abstract: "Counties and cities: list them; add one (administrators only).",
        subcommands: [List.self, Add.self, SetCity.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the counties and cities, each with its organisations' count.")

        @OptionGroup var globals: GlobalOptions
        @Flag(name: .long, help: "JSON for scripts: id, name, level, city, organisations.") var json = false

        struct Item: Encodable {
            var id, name, level: String
            var city: String?
            var organisations: Int
        }

        func run() throws {
            let words = try globals.presenter(), s = words.strings
            let (store, viewer) = try globals.openDatabase()
            let counties = try store.counties()
            // Those whose organisations the person works with (an administrator's: those it keeps, and its city).
            let orgs = try store.organisations(for: viewer)
            let seen = Set(orgs.map(\.county))
            let items = counties.ordered.filter { seen.contains($0.id) }.map { c in
                Item(id: c.id, name: c.name, level: c.level.rawValue, city: c.city, organisations: orgs.filter { $0.county == c.id }.count)
            }
            try emit(items, json: json, header: ["id", "name", "level", "city", "organisations"].map { s("cli.column.\($0)") }) {
                [$0.id, $0.name, s("county.level.\($0.level)"), $0.city ?? "", String($0.organisations)]
            }
        }
    }

    struct SetCity: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Put your county under a city (its administrator only).",
            discussion: """
                COUNTY, under no city yet, goes under --city: from then on the city's bodies (市检察院, 市司法局) may be \
                named by its matters and count its issued ones in their figures. Recorded as a county-set event.
                """)

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The county: id or name.", valueName: "COUNTY")) var county: String
        @Option(name: .long, help: ArgumentHelp("The city: id or name.", valueName: "CITY")) var city: String

        func run() throws {
            let s = try globals.presenter().strings
            let (store, viewer) = try globals.openDatabase(writing: true)
            let today = try globals.todayDate()
            try changingPeople { try store.setCity(of: county, to: city, by: viewer, on: today) }
            let counties = try store.counties()
            let c = counties.find(county), above = counties.find(city)
            print(s("county.set", ["name": safe(c?.name ?? county), "city": safe(above?.name ?? city)]))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a county, or a city above counties (administrators only).",
            discussion: """
                ID: ASCII letters, digits, . _ - (e.g. jiaocheng). --level city (市) adds a city, whose bodies \
                (市检察院, 市司法局) are parties above its counties; --city puts a county under a city. An \
                administrator of a county under no city adds either; a city's administrator adds counties under its \
                city. It comes with its administration unit (ID.xt) and --admin as its first administrator, who adds \
                its organisations (`org add ID --party …`) and people; whoever added it keeps none of it. Recorded as \
                county-add, org-add and user-add events.
                """)

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("Its id.", valueName: "ID")) var id: String
        @Option(name: .long, help: ArgumentHelp("Its name, e.g. 交城县.", valueName: "NAME")) var name: String
        @Option(name: .long, help: ArgumentHelp("county or city (县 or 市); default county.", valueName: "LEVEL")) var level: String?
        @Option(name: .long, help: ArgumentHelp("The city it is under: id or name.", valueName: "CITY")) var city: String?
        @Option(name: .long, help: ArgumentHelp("Its first administrator's login name, who adds its organisations and people.", valueName: "NAME"))
        var admin: String

        func run() throws {
            let words = try globals.presenter(), s = words.strings
            let parsed: County.Level
            switch level.map(Vocabulary.fold) {
            case nil, "county", "县": parsed = .county
            case "city", "市": parsed = .city
            case let other?: throw UsageError(s("cli.county.bad-level", ["x": safe(other)]))
            }
            let (store, viewer) = try globals.openDatabase(writing: true)
            let today = try globals.todayDate()
            let cityID = try city.map { try store.counties().find($0)?.id ?? $0 }
            let county = County(id: id, name: name, level: parsed, city: cityID)
            try changingPeople { try store.add(county, administrator: admin, by: viewer, on: today) }
            let added = try store.counties()[id] ?? county
            print(s("county.added", [
                "id": safe(id), "name": safe(added.name), "level": s("county.level.\(parsed.rawValue)"), "admin": safe(admin),
                "unit": safe(Store.administrationUnit(of: added).id)]))
        }
    }
}
