import ArgumentParser
import Foundation
import OversightDomain
import OversightStore
import OversightWorkbench

/// `oversight alerts [--json]`: what is overdue, due today and due soon for the user's organisation, for a login
/// banner or cron, with a monitoring plugin's exit codes.
struct AlertsCommand: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "What is overdue, due today and due soon for you (a login banner, cron).",
        discussion: """
            One line with the counts, then one line per matter: number, due, how far, title. The exit code says the \
            worst, as monitoring plugins do: 0 nothing due within the alert window, 1 something due today or soon, \
            2 something overdue. As for every command, 2 is also bad usage or input (the message on standard error \
            then says what to do) and 1 a refused login. An administrator takes part in no matter: exit 0.
            """)

    @OptionGroup var globals: GlobalOptions
    @Flag(name: .long, help: "JSON for scripts: {\"overdue\": […], \"dueToday\": […], \"dueSoon\": […]}, items with id, number, kind, title, due and days (past the deadline, or left).")
    var json = false
    @Flag(name: .long, help: "List every matter. Without it the text lists the first \(AlertsCommand.listed) (what waits on you first, then by deadline) and says how many more; --json always has them all.")
    var all = false

    /// How many matters the text lists without --all: a login banner stays a banner.
    static let listed = 20

    struct Item: Encodable {
        var id: MatterID
        var number: String
        var kind: String
        var title: String
        var due: String
        var days: Int
    }

    struct Alerts: Encodable {
        var overdue: [Item] = []
        var dueToday: [Item] = []
        var dueSoon: [Item] = []
    }

    func run() throws {
        let session = try globals.session()
        let words = try globals.presenter()
        let today = session.context.today, window = session.window
        var alerts = Alerts()
        var lines: [[String]] = []
        // One read of the inbox index: the cost follows what is due, not the database. The text lists the first
        // `listed` unless --all; the counts are always whole. (An administrator sees no matter: nothing.)
        let (counts, matters) = try session.store.alerts(
            for: session.viewer, today: today, window: window, limit: json || all ? .max : Self.listed)
        for m in matters {
            guard let due = m.pendingDue else { continue }
            let urgency = Urgency(m, today: today, window: window)
            var item = Item(id: m.id, number: m.number, kind: m.kind.rawValue, title: m.title, due: due.description, days: 0)
            let how: String
            switch urgency {
            case .overdue(let n):
                item.days = n
                alerts.overdue.append(item)
                how = words.strings("urgency.overdue", ["n": n])
            case .dueToday:
                alerts.dueToday.append(item)
                how = words.strings("urgency.today")
            case .dueSoon(let n):
                item.days = n
                alerts.dueSoon.append(item)
                how = words.strings("alerts.soon", ["n": n])
            case .later, .none:
                continue
            }
            lines.append([m.number.isEmpty ? "#\(m.id)" : m.number, due.description, how, m.title])
        }
        if json {
            print(try OversightCLI.json(alerts))
        } else if session.viewer.party == .admin {
            print(words.strings("alerts.admin"))
        } else {
            let org = safe(session.viewer.org.name)
            if lines.isEmpty {
                print(words.strings("alerts.none", ["org": org, "w": window]))
            } else {
                print(words.strings("alerts.header", ["org": org, "counts": words.alerts(counts, window: window)]))
                print(table(lines[0], Array(lines.dropFirst())))
                let more = counts.overdue + counts.dueToday + counts.dueSoon - lines.count
                if more > 0 { print(words.strings("alerts.more", ["n": more])) }
            }
        }
        if counts.overdue > 0 { throw ExitCode(2) }
        if counts.dueToday + counts.dueSoon > 0 { throw ExitCode(1) }
    }
}
