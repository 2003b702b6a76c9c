import ArgumentParser
import Foundation
import OversightDomain
import OversightResources
import OversightStore
import OversightWorkbench

/// `oversight`: opens the workbench as the user; subcommands do the rest.
public struct OversightCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "oversight",
        abstract: "监督协作台 Oversight: the procuratorate, justice bureau and enforcement departments' cooperation workbench.",
        discussion: "Without a subcommand, opens the workbench. Exit codes: 0 success, 1 refused, 2 bad usage or input.",
        subcommands: [InitCommand.self, DemoCommand.self, MatterCommand.self, DeadlineCommand.self, UserCommand.self, OrgCommand.self, AuditCommand.self, BackupCommand.self]
    )

    @OptionGroup var globals: GlobalOptions

    public init() {}

    public func run() throws {
        let (store, viewer) = try globals.openDatabase()
        try Workbench.open(store: store, viewer: viewer, globals: globals)
    }

    /// Parses, runs, and exits with the contract's codes: 0 success, 1 refused, 2 bad usage or input.
    public static func main(arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let e as UsageError {
            warn("oversight: \(e.description)")
            Foundation.exit(2)
        } catch let e as RefusedError {
            warn("oversight: \(e.description)")
            Foundation.exit(1)
        } catch let e as Store.Failure {
            warn("oversight: \(e.description)")
            switch e {
            case .unknownUser, .disabledUser, .notADemoDatabase, .readOnly: Foundation.exit(1)
            case .cannotOpen, .corruptRow, .alreadyExists, .noDatabase, .cannotEnterFolder, .cannotRead, .notAFile,
                 .readOnlyNeedsMigration, .newerDatabase, .unfinished: Foundation.exit(2)
            }
        } catch let e as OptionError {
            warn("oversight: \(safe(e.description))")
            Foundation.exit(2)
        } catch let e as Refusal {
            warn("oversight: \(e.description)")
            Foundation.exit(1)
        } catch {
            // swift-argument-parser's usage errors exit 64; the contract says 2.
            if exitCode(for: error) == .validationFailure {
                warn(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
