import Foundation
import OversightDomain
import OversightStore
import OversightTestSupport
import OversightWorkbench
import Testing

/// How a suggestion was served and its receipt (Art. 8), from the workbench: the `:serve` line in Chinese words,
/// the serve form's fields, the detail pane, and a refusal that brings the form back at the receipt.
@Suite struct ServiceRecordFlowTests {
    let today = Fixtures.today.description

    @Test func theServeLineRecordsTheMannerAndReceiptAndTheDetailShowsThem() throws {
        let f = try KindFlow("关于送达方式记录的检察建议", users: ["wangjian", "hbj.li"])
        let jcy = f["wangjian"], hbj = f["hbj.li"]
        jcy.command("new suggestion --to hbj --title \(f.title) --domain ecology")
        _ = try f.created(by: jcy)
        jcy.command("issue")
        jcy.confirm()
        try f.after(jcy, "制发", .issued, "已制发", waitsOn: [jcy])
        try hbj.select(f.title)

        // A receipt in the future is refused, named, and nothing is written.
        let tomorrow = Fixtures.today.adding(days: 1).description
        hbj.command("送达 \(today) --service 邮寄送达 --receipt \(tomorrow)")
        #expect(hbj.screen.contains("回执日期 \(tomorrow) 晚于今天"), "\(hbj.screen)")
        #expect(try f.matter(as: hbj)?.state == .issued)

        hbj.press(.escape)
        hbj.command("送达 \(today) --service 邮寄送达 --receipt \(today)")
        let m = try #require(try f.matter(as: hbj))
        #expect(m.state == .served && m.service == .post && m.receivedOn == Fixtures.today, "\(hbj.screen)")
        let detail = hbj.screen.split(separator: "\n")
        #expect(detail.contains { $0.contains("送达方式") && $0.contains("邮寄送达") }, "\(hbj.screen)")
        #expect(detail.contains { $0.contains("回执日期") && $0.contains(today) }, "\(hbj.screen)")
        // The serve event carries them: the history is the evidence.
        let serve = try #require(try f.store.events(of: m.id, for: hbj.viewer).last { $0.action == .step(.serve) })
        #expect(serve.service == .post && serve.receivedOn == Fixtures.today)
    }

    @Test func theServeFormAsksForTheMannerAsAChoiceAndTheReceiptAndReadsThemAsOptions() throws {
        let fields = Form.fields(for: .serve, kind: .suggestion, given: ActionOptions(service: "left"), today: Fixtures.today)
        #expect(fields.map(\.option) == ["date", "service", "receipt"])
        let service = try #require(fields.first { $0.option == "service" })
        #expect(service.choices == ["in-person", "post", "left", "electronic"] && service.wordKey == "service")
        #expect(service.value == "left")
        // No other step asks for them.
        for action in MatterAction.allCases where action != .serve {
            let options = Form.fields(for: action, kind: .suggestion, given: ActionOptions()).map(\.option)
            #expect(!options.contains("service") && !options.contains("receipt"), "\(action)")
        }
        var form = Form(target: .act(.serve, [1], version: 1), fields: fields)
        form.fields[2] = FormField(option: "receipt", value: today)
        let options = form.actionOptions
        #expect(options.service == "left" && options.receipt == today)
        // Read as the command line reads them: one implementation.
        let input = try options.input(today: Fixtures.today, words: try Fixtures.vocabulary(try Fixtures.demoStore()))
        #expect(input.service == .left && input.receivedOn == Fixtures.today)
    }
}
