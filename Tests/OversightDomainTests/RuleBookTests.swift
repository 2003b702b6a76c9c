import Foundation
import OversightDomain
import Testing

@Suite("rule book") struct RuleBookTests {
    @Test func theShippedBookHasEveryRuleWithItsSource() {
        for id in CountingRuleID.allCases {
            let rule = Fixtures.rules.counting(id)
            #expect(!rule.source.isEmpty && !rule.zh.isEmpty && !rule.en.isEmpty, "\(id)")
        }
        for id in ClockRuleID.allCases {
            let rule = Fixtures.rules.clock(id)
            #expect(!rule.source.isEmpty && !rule.word.isEmpty, "\(id)")
            // A service level says where its default comes from; a legal period needs no such note.
            #expect(rule.isServiceLevel == (rule.defaultBasis != nil), "\(id)")
        }
    }

    @Test func aBookMissingARuleIsRefused() throws {
        var clock = Fixtures.rules.clock
        clock.removeAll { $0.id == .transferFeedback }
        #expect(throws: RuleBook.Problem.missingClockRule("transfer-feedback")) {
            try RuleBook(counting: Fixtures.rules.counting, clock: clock)
        }
        var counting = Fixtures.rules.counting
        counting.removeAll { $0.id == "month-end" }
        let data = try JSONEncoder().encode(try RuleBook(counting: Fixtures.rules.counting, clock: Fixtures.rules.clock))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["counting"] = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(counting))
        #expect(throws: RuleBook.Problem.missingCountingRule("month-end")) {
            try RuleBook.parse(try JSONSerialization.data(withJSONObject: object))
        }
        #expect(throws: RuleBook.Problem.self) { try RuleBook.parse(Data("{}".utf8)) }
    }

    @Test func settingsOverrideOnlyServiceLevels() {
        let s = ClockSettings(rules: Fixtures.rules, transferFeedback: .workdays(5))
        #expect(s.rule(.transferFeedback).period == .workdays(5))
        #expect(s.rule(.suggestionReply).period == .months(2))
        #expect(s.rule(.inspectionCooperation).period == Fixtures.rules.clock(.inspectionCooperation).period)
    }
}
