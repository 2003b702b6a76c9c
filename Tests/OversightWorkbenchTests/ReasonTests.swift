import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightWorkbench

/// Why a change was refused, in each language: Chinese from the string table (no key or placeholder left
/// showing), English as the domain says it.
@Suite struct ReasonTests {
    static func everyRefusal(_ m: Matter) -> [Refusal] {
        let problems: [InputProblem] = [
            .textRequired, .documentNumberRequired, .malformedDocumentNumber("x"), .outcomeRequired([.adopted, .partly]),
            .outcomeNotAllowed(.adopted, allowed: []), .outcomeNotAllowed(.resolved, allowed: [.adopted]),
            .escalationRequired, .escalationNotAllowed(.litigation), .noGroundsForEscalation(due: m.due),
            .noGroundsForEscalation(due: nil), .dateInFuture(Fixtures.today), .dateBefore(Fixtures.today),
            .urgentPeriodRequired, .urgentPeriodFixed(.days(15)), .badPeriod(.amountOutOfRange(.days(0))),
            .variantNotAllowed(.annualPlan, .suggestion), .partiesNotAllowed(from: .department, to: .procuratorate),
            .titleRequired, .serviceNotAllowed, .receiptBeforeService(Fixtures.today), .receiptInFuture(Fixtures.today),
        ]
        let workflow: [WorkflowError] = [
            .notVisible, .notApplicable(.check, .meeting), .notAllowed(.reply, .procuratorate), .wrongState(.serve, .closed),
        ] + problems.map { .invalidInput($0) }
        return [.notFound(7), .stale(expected: 1, current: m), .unknownOrganisation("nope"), .numberTaken("文检〔2025〕1号"),
                .noDocumentCode("hbj"), .disabledUser("x")] + workflow.map { .workflow($0) }
    }

    @Test func everyRefusalReadsInChineseWithNothingLeftUnfilled() throws {
        let s = try Fixtures.state(try Fixtures.demoStore(), user: "wangjian")
        let m = try #require(s.inbox.first)
        let zh = Presenter(strings: try Fixtures.strings(.zh))
        for r in Self.everyRefusal(m) {
            let text = zh.reason(r)
            #expect(!text.contains("reason.") && !text.contains("period.") && !text.contains("{"), "\(r): \(text)")
            #expect(text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "not Chinese: \(r): \(text)")
        }
        #expect(zh.reason(.workflow(.wrongState(.serve, .closed))) == "事项现为“已办结”，不能送达")
        #expect(zh.reason(.workflow(.invalidInput(.urgentPeriodFixed(.days(15))))).hasSuffix("15日"))
    }

    @Test func englishIsTheDomainsOwnWording() throws {
        let en = Presenter(strings: try Fixtures.strings(.en))
        let r = Refusal.workflow(.invalidInput(.textRequired))
        #expect(en.reason(r) == r.description)
        #expect(en.text(.option(OptionError("bad", zh: "坏"))) == "bad")
        #expect(Presenter(strings: try Fixtures.strings(.zh)).text(.option(OptionError("bad", zh: "坏"))) == "坏")
    }

    @Test func aProblemIsShownAtTheFieldItIsAbout() {
        let form = Form(target: .act(.reply, [1], version: 1), fields: Form.fields(for: .reply, kind: .suggestion, given: ActionOptions()))
        let options = form.fields.map(\.option)
        #expect(form.error(.refused(.workflow(.invalidInput(.dateInFuture(Fixtures.today))))).field == options.firstIndex(of: "date"))
        #expect(form.error(.refused(.workflow(.invalidInput(.outcomeRequired([.adopted]))))).field == options.firstIndex(of: "outcome"))
        #expect(form.error(.option(OptionError("--date: x", zh: "x", option: "date"))).field == options.firstIndex(of: "date"))
        // Not about a field: shown at the focused one.
        #expect(form.error(.refused(.notFound(1))).field == form.focus)
    }
}
