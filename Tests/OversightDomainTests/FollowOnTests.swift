import OversightDomain
import Testing

/// The rules of follow-on matters (`FollowOn`) and the reading of `--follows` (`NewMatterOptions`), shared by the CLI
/// and the workbench's `:new` line.
@Suite struct FollowOnTests {
    let today = Fixtures.date("2025-09-29")

    func request(_ follows: String?) throws(OptionError) -> NewMatter {
        try NewMatterOptions(to: "jw", title: "线索", follows: follows).request(.referral, today: today) { $0 }
    }

    @Test func followsIsReadAsAMattersIdAndNothingElse() throws {
        #expect(try request(nil).follows == nil)
        #expect(try request("12").follows == 12)
        #expect(try request("#12").follows == 12)
        #expect(try request("9223372036854775807").follows == .max)
        for bad in ["0", "-1", "abc", "", "#", "1.5", "1e3", " 12", "12 ", "+12", "１２", "٣", "99999999999999999999999",
                    "12\u{200B}", "\u{1B}[31m12", String(repeating: "9", count: 10_000)] {
            #expect {
                _ = try request(bad)
            } throws: { error in
                guard let e = error as? OptionError else { return false }
                // Named the option and said what it takes; the echo of a long value is cut.
                return e.option == "follows" && e.description.hasPrefix("--follows must be a matter's id") && e.description.count < 200
                    && e.zh.contains("--follows")
            }
        }
    }

    @Test func whatMayFollowWhat() {
        #expect(FollowOn.kinds(following: .inspection) == [.suggestion, .transfer, .referral])
        #expect(FollowOn.kinds(following: .enforcementCopy) == [.supervisionApplication])
        #expect(FollowOn.kinds(following: .suggestion) == [.referral])
        for kind in [MatterKind.transfer, .referral, .dispute, .supervisionApplication] { #expect(FollowOn.kinds(following: kind).isEmpty) }
        // Every kind that may follow is one some party may start toward some other.
        for kind in MatterKind.allCases {
            for next in FollowOn.kinds(following: kind) {
                #expect(Party.allCases.contains { from in Party.allCases.contains { Workflow.allows(next, from: from, to: $0) } })
            }
        }
        // The escalations that announce a follow-on announce what may follow a suggestion.
        let announced = EscalationOption.allCases.compactMap(\.announces)
        #expect(Set(announced) == [.referral])
        #expect(EscalationOption.referClue.announces == .referral && EscalationOption.litigation.announces == nil)
        #expect(EscalationOption.reportUpper.announces == nil && EscalationOption.reportCommittee.announces == nil)
    }
}
