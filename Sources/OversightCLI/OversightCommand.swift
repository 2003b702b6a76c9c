import ArgumentParser
import Foundation
import OversightDomain
import OversightResources
import OversightStore
import OversightWorkbench

/// `oversight`: opens the workbench as the user; subcommands do the rest.
public struct OversightCommand: ParsableCommand, TakesGlobalOptions {
    public static let configuration = CommandConfiguration(
        commandName: "oversight",
        abstract: "监督协作台 Oversight: the procuratorate, justice bureau and enforcement departments' cooperation workbench.",
        discussion: "Without a subcommand, opens the workbench. Exit codes: 0 success, 1 refused, 2 bad usage or input.",
        subcommands: [InitCommand.self, DemoCommand.self, MatterCommand.self, DeadlineCommand.self, UserCommand.self, OrgCommand.self, KeyCommand.self,
                      AuditCommand.self, BackupCommand.self]
    )

    @OptionGroup var globals: GlobalOptions

    public init() {}

    public func run() throws {
        let (store, viewer) = try globals.openDatabase()
        try Workbench.open(store: store, viewer: viewer, globals: globals)
    }

    /// The words of the command's language (its --lang, else $OVERSIGHT_LANG, else Chinese).
    private static func presenter(of command: ParsableCommand?) -> Presenter {
        let globals = (command as? TakesGlobalOptions)?.globals ?? GlobalOptions()
        if let p = try? globals.presenter() { return p }
        return Presenter(strings: Strings(language: .en, table: [:]))
    }

    /// Parses, runs, and exits with the contract's codes: 0 success, 1 refused, 2 bad usage or input.
    public static func main(arguments: [String]? = nil) -> Never {
        var parsed: ParsableCommand?
        do {
            var command = try parseAsRoot(arguments)
            parsed = command
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
        } catch let e as OversightResources.Failure {
            warn("oversight: \(e.description)")
            Foundation.exit(2)
        } catch let e as OptionError {
            warn("oversight: \(safe(presenter(of: parsed).text(.option(e))))")
            Foundation.exit(2)
        } catch let e as Refusal {
            warn("oversight: \(safe(presenter(of: parsed).reason(e)))")
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
