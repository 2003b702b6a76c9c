import Foundation
import OversightDomain
import OversightStore
import OversightWorkbench

extension EffectInterpreter {
    /// `:rules`: the county's rules read (the database's clock, the proposals waiting); a proposal or an agreement
    /// through the store, which checks who may. A refusal (`Store.ClockFailure`) is said on the status line in the
    /// interface's language; nothing was written. An agreement reads the clock again (`.clockLoaded`).
    func rules(_ effect: Effect, _ state: AppState) throws -> [AppAction] {
        let viewer = state.viewer, today = state.today
        do {
            switch effect {
            case .loadRules:
                let clock = try store.clock(base: clockBase(state), county: viewer.org.county)
                let entries = try store.countyRules(county: viewer.org.county)
                return [.rulesLoaded(CountyRuleKey.allCases.map { key in
                    let waiting = entries.last { $0.key == key && $0.state == .proposed }.map {
                        RuleView.Proposal(value: $0.period, source: $0.source, org: state.organisations[$0.proposedOrg] ?? $0.proposedOrg,
                                          on: $0.proposedOn)
                    }
                    return RuleView(key, clock: clock, proposal: waiting)
                })]
            case .proposeRule(let key, let period, let source):
                try store.propose(key, period, source: source, by: viewer, book: state.clock.settings.rules, on: today)
                return [.ruleProposed(key, period)]
            case .agreeRule(let key):
                let level = try store.agree(key, by: viewer, on: today)
                return [.ruleAgreed(key, version: level.version, level.period, since: level.since),
                        .clockLoaded(try store.clock(base: clockBase(state), county: viewer.org.county))]
            default:
                return []
            }
        } catch let refusal as Store.ClockFailure {
            return [.effectFailed(words?.text(refusal) ?? refusal.description)]
        }
    }

    /// What the database's clock is laid over: the runtime's base, else the state's clock without the county's
    /// versions (`Store.clock(base:)` adds them again, with any agreed since).
    private func clockBase(_ state: AppState) -> PeriodCalculator {
        if let base { return base }
        var clock = state.clock
        clock.settings.county = [:]
        clock.settings.countyAlertWindow = nil
        return clock
    }
}
