import OversightDomain
import OversightResources
import Testing

/// Sign-off (签发): which steps of which organisation need its head's decision, and who decides.
struct SignOffTests {
    static let jcy = Organisation(id: "jcy", name: "文水县人民检察院", party: .procuratorate, code: "文检")
    static let sfj = Organisation(id: "sfj", name: "文水县司法局", party: .justice, code: "文司")
    static let hbj = Organisation(id: "hbj", name: "吕梁市生态环境局文水分局", party: .department, domains: [.ecology])

    static func viewer(_ org: Organisation, _ role: Role, signOff: SignOff = .partyDefault) -> Viewer {
        var o = org
        o.signOff = signOff
        return Viewer(user: User(name: "\(org.id).\(role.rawValue)", displayName: "某人", org: org.id, role: role), org: o)
    }

    static func matter(_ kind: MatterKind, from: OrgID = "jcy", to: OrgID = "hbj") -> Matter {
        Matter(id: 1, number: "", kind: kind, title: "某事", domain: .ecology, fromOrg: from, toOrg: to, state: .draft,
               createdOn: CivilDate(year: 2026, month: 11, day: 2)!)
    }

    @Test func theProcuratoratesIssueOfASuggestionTransferAndReferralNeedsItsHeadByDefault() {
        let handler = Self.viewer(Self.jcy, .handler)
        for kind in MatterKind.allCases {
            let expected = [.suggestion, .transfer, .referral].contains(kind)
            #expect(SignOff.needsDecision(.issue, on: Self.matter(kind), by: handler, setting: .partyDefault) == expected, "\(kind)")
        }
        #expect(!SignOff.needsDecision(.close, on: Self.matter(.suggestion), by: handler, setting: .partyDefault))
        #expect(!SignOff.needsDecision(.note, on: Self.matter(.suggestion), by: handler, setting: .partyDefault))
    }

    @Test func aDepartmentsReplyAndTheJusticeBureausReplyToATransferNeedTheirHeads() {
        let department = Self.viewer(Self.hbj, .handler), justice = Self.viewer(Self.sfj, .handler)
        for kind in MatterKind.allCases {
            #expect(SignOff.needsDecision(.reply, on: Self.matter(kind), by: department, setting: .partyDefault), "\(kind)")
            #expect(SignOff.needsDecision(.reply, on: Self.matter(kind, to: "sfj"), by: justice, setting: .partyDefault) == (kind == .transfer))
        }
        #expect(!SignOff.needsDecision(.object, on: Self.matter(.suggestion), by: department, setting: .partyDefault))
        #expect(!SignOff.needsDecision(.issue, on: Self.matter(.transfer, from: "sfj"), by: justice, setting: .partyDefault))
    }

    @Test func aHeadsOwnStepGoesStraightOut() {
        for org in [Self.jcy, Self.sfj, Self.hbj] {
            let head = Self.viewer(org, .head)
            for action in MatterAction.allCases {
                for kind in MatterKind.allCases {
                    #expect(!SignOff.needsDecision(action, on: Self.matter(kind), by: head, setting: .steps(Set(MatterAction.allCases))))
                }
            }
        }
    }

    @Test func anOrganisationsOwnSettingCoversItsStepsOfEveryKindAndNoneCoversNothing() {
        let handler = Self.viewer(Self.jcy, .handler)
        let setting = SignOff.steps([.issue, .reply])
        #expect(SignOff.needsDecision(.issue, on: Self.matter(.meeting), by: handler, setting: setting))
        #expect(SignOff.needsDecision(.reply, on: Self.matter(.dispute), by: handler, setting: setting))
        #expect(!SignOff.needsDecision(.close, on: Self.matter(.suggestion), by: handler, setting: setting))
        for action in MatterAction.allCases {
            #expect(!SignOff.needsDecision(action, on: Self.matter(.suggestion), by: handler, setting: .none))
        }
    }

    @Test func onlyAHeadOfTheSubmittingOrganisationDecides() {
        #expect(SignOff.mayDecide(Self.viewer(Self.jcy, .head), for: "jcy"))
        #expect(!SignOff.mayDecide(Self.viewer(Self.jcy, .handler), for: "jcy"))
        #expect(!SignOff.mayDecide(Self.viewer(Self.hbj, .head), for: "jcy"))
    }

    @Test func theStoredFormReadsBack() {
        for setting in [SignOff.partyDefault, .none, .steps([.issue]), .steps([.reply, .issue, .close])] {
            #expect(SignOff(stored: setting.stored) == setting)
        }
        #expect(SignOff.none.stored == "")
        #expect(SignOff.steps([.reply, .issue]).stored == "issue,reply")
        #expect(SignOff(stored: "issue,fly") == nil)
        #expect(SignOff(stored: "note") == nil)
    }

    @Test func theSettingIsReadFromCodesAndWordsInBothLanguages() throws {
        let words = try OversightResources.vocabulary()
        #expect(SignOff.read("issue,reply", words: words) == .success(.steps([.issue, .reply])))
        #expect(SignOff.read("制发、回复", words: words) == .success(.steps([.issue, .reply])))
        #expect(SignOff.read(" Reply ", words: words) == .success(.steps([.reply])))
        #expect(SignOff.read("none", words: words) == .success(.none))
        #expect(SignOff.read("无", words: words) == .success(.none))
        #expect(SignOff.read("默认", words: words) == .success(.partyDefault))
        #expect(SignOff.read("issue,飞", words: words) == .failure(SignOffWordError(word: "飞")))
        #expect(SignOff.read("note", words: words) == .failure(SignOffWordError(word: "note")))
        #expect(SignOff.read("", words: words) == .failure(SignOffWordError(word: "")))
    }

    @Test func theSettingListsItsSteps() {
        #expect(SignOff.partyDefault.steps(for: .procuratorate) == [.issue])
        #expect(SignOff.partyDefault.steps(for: .department) == [.reply])
        #expect(SignOff.partyDefault.steps(for: .external) == [])
        #expect(SignOff.steps([.reply, .issue]).steps(for: .department) == [.issue, .reply])
    }
}
