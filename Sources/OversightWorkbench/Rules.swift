import Foundation
import OversightDomain

/// The county's rules from the `:` line (Art. 12), as `oversight rules list|propose|agree` reads them:
/// `:rules` (or `:rules list`), `:rules propose KEY VALUE --source TEXT`, `:rules agree KEY`. KEY and VALUE are kept
/// as typed: the reducer reads them (a key by its code or its name in either language, a value by `Period.parse`
/// in the rule's own unit), the store checks who may and the source.
public enum RulesLine: Hashable, Sendable {
    case list
    case propose(key: String, value: String, source: String?)
    case agree(key: String)

    /// The subcommands, for completion.
    public static let subcommands = ["list", "propose", "agree"]
}

/// One rule as `:rules` shows it (the CLI's `rules list`): its value now, its nature, its source, since when and
/// its version, and the value waiting for agreement, if one.
public struct RuleView: Hashable, Sendable {
    public enum Nature: String, Hashable, Sendable {
        /// A period the law sets (法定期限).
        case law
        /// A service level at the rule book's default (服务水平（默认值）).
        case serviceLevel = "service-level"
        /// A service level the county agreed (服务水平（本县商定）).
        case county
    }

    /// A value proposed and waiting for the other party's agreement.
    public struct Proposal: Hashable, Sendable {
        public var value: Period
        public var source: String
        /// The proposing organisation's name (its id when unknown).
        public var org: String
        public var on: CivilDate

        public init(value: Period, source: String, org: String, on: CivilDate) {
            self.value = value
            self.source = source
            self.org = org
            self.on = on
        }
    }

    public var key: CountyRuleKey
    public var value: Period
    public var nature: Nature
    /// The law, the rule book's basis of a default, or the county's decision ("—" for the default alert window).
    public var source: String
    public var version: Int
    /// The day the county's version took effect (nil for the book's own).
    public var since: CivilDate?
    public var proposal: Proposal?

    /// `key` as `clock` counts it now, with the proposal waiting for it (if any).
    public init(_ key: CountyRuleKey, clock: PeriodCalculator, proposal: Proposal?) {
        self.key = key
        self.proposal = proposal
        switch key {
        case .clock(let id):
            let rule = clock.settings.rule(id, version: clock.settings.currentVersion(id))
            value = rule.period
            if let c = rule.county {
                nature = .county; source = c.source; version = c.version; since = c.since
            } else {
                nature = rule.isServiceLevel ? .serviceLevel : .law
                source = rule.isServiceLevel ? (rule.defaultBasis ?? rule.source) : rule.source
                version = 1
            }
        case .alertWindow:
            value = Period(clock.settings.alertWindow, .days)
            if let c = clock.settings.countyAlertWindow {
                nature = .county; source = c.source; version = c.version; since = c.since
            } else {
                nature = .serviceLevel; source = "—"; version = 1
            }
        }
    }
}

extension CommandText {
    /// `:rules [list]`, `:rules propose KEY VALUE --source TEXT`, `:rules agree KEY` (`规则` for `rules`).
    static func parseRules(_ words: [String]) throws(OptionError) -> LineCommand {
        let usage = OptionError("rules, rules propose KEY VALUE --source TEXT or rules agree KEY",
                                zh: "rules 列出规则，rules propose 规则 期间 --source 依据，或 rules agree 规则")
        guard let sub = words.first else { return .rules(.list) }
        let (positional, options) = try split(Array(words.dropFirst()), known: sub == "propose" ? ["source"] : [], flags: [])
        switch (sub, positional.count) {
        case ("list", 0): return .rules(.list)
        case ("propose", 2): return .rules(.propose(key: positional[0], value: positional[1], source: options["source"]?.last))
        case ("agree", 1): return .rules(.agree(key: positional[0]))
        default: throw usage
        }
    }
}

extension AppState {
    /// The rule `text` names: its code (`transfer-feedback`) or its name in either language (移送处理反馈期限).
    public func ruleKey(_ text: String) -> CountyRuleKey? { CountyRuleKey.named(text, in: ruleNames) }
}

/// Runs `:rules …`: the list is read; a proposal or an agreement goes to the store, which checks who may (a head of
/// the justice bureau or the procuratorate) and the source; a key or value that does not read is said at once.
func runRules(_ line: RulesLine, _ state: inout AppState) -> [Effect] {
    switch line {
    case .list:
        return [.loadRules]
    case .propose(let text, let value, let source):
        guard let key = state.ruleKey(text) else {
            state.status = .option(unknownRule(text))
            return []
        }
        guard let period = Period.parse(value, unit: key.unit(in: state.clock.settings.rules)) else {
            state.status = .option(OptionError(
                "\"\(value)\" is no period: give a whole number, with a unit if you like: 20, 20 days, 10 workdays, 2 months",
                zh: "期间“\(value)”不对：请给一个整数，可带单位，例如 20、20日、10个工作日、2个月"))
            return []
        }
        return [.proposeRule(key, period, source: source ?? "")]
    case .agree(let text):
        guard let key = state.ruleKey(text) else {
            state.status = .option(unknownRule(text))
            return []
        }
        return [.agreeRule(key)]
    }
}

private func unknownRule(_ text: String) -> OptionError {
    OptionError("\"\(text)\" names no rule the county sets: :rules lists them (by code or name)",
                zh: "“\(text)”不是本县可以设定的规则：:rules 列出各项规则（代码或名称）")
}
