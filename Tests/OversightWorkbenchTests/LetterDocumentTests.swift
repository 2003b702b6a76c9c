import Foundation
import OversightDomain
import OversightResources
import OversightStore
import OversightTestSupport
import OversightWorkbench
import Testing

/// A letter as a .docx 公文: a zip that `unzip` reads, whose document.xml holds the title, 发文字号, 主送机关,
/// body, 落款 and date in the styles whose fonts are named in styles.xml.
@Suite(.serialized) struct LetterDocumentTests {
    static func parts() throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try LetterDocument.partFiles.map {
            ($0, String(decoding: try OversightResources.data("letters", "docx/\($0)"), as: UTF8.self))
        })
    }

    static func reminder() throws -> (Letter, Matter, signer: String) {
        let store = try Fixtures.demoStore()
        let s = try Fixtures.state(store, user: "wangjian")
        let m = try #require(s.inbox.first {
            if case .overdue = Urgency($0, today: s.today) { return $0.fromOrg == s.viewer.org.id } else { return false }
        })
        let text = String(decoding: try OversightResources.data("letters", "reminder.txt"), as: UTF8.self)
        let letter = try LetterTemplate(.reminder, text: text)
            .letter(for: m, by: s.viewer, organisations: s.organisations, today: s.today)
        return (letter, m, s.organisations[m.fromOrg] ?? "")
    }

    /// `unzip -p FILE PART`: one part's text, read by the real unzip (so the archive and its CRCs are checked).
    static func unzipped(_ file: String, _ part: String) throws -> String {
        let r = try Subprocess.run(["unzip", "-p", file, part])
        #expect(r.status == 0, "unzip -p \(part): \(r.err)")
        return r.out
    }

    @Test func theDocxIsAZipWhoseDocumentHoldsTheLettersPartsInTheirStyles() throws {
        let (letter, m, signer) = try Self.reminder()
        let doc = LetterDocument(letter)
        #expect(doc.title == "催告函")
        #expect(doc.number == m.number && !m.number.isEmpty)
        #expect(doc.recipient.hasSuffix("："))
        #expect(doc.date.hasSuffix("日"))
        let file = try Fixtures.temporaryDirectory().appendingPathComponent("催告函.docx").path
        try Data(doc.docx(parts: try Self.parts())).write(to: URL(fileURLWithPath: file))

        let test = try Subprocess.run(["unzip", "-t", file])
        #expect(test.status == 0 && test.out.contains("No errors"), "\(test.out)\(test.err)")
        let list = try Subprocess.run(["unzip", "-Z1", file])
        #expect(Set(list.out.split(separator: "\n").map(String.init)) == [
            "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml",
            "word/styles.xml", "word/fontTable.xml",
        ])
        let xml = try Self.unzipped(file, "word/document.xml")
        func styled(_ style: String, _ text: String) -> Bool {
            xml.contains("<w:pStyle w:val=\"\(style)\"/></w:pPr><w:r><w:t xml:space=\"preserve\">\(LetterDocument.xmlEscaped(text))</w:t>")
        }
        #expect(styled("GongwenTitle", "催告函"), "\(xml)")
        #expect(styled("GongwenNumber", m.number))
        #expect(styled("GongwenRecipient", doc.recipient))
        #expect(doc.body.contains { $0.contains(LetterDocument.xmlEscaped(m.title)) })
        #expect(xml.contains("GongwenBody") && xml.contains("特此函告。"))
        #expect(styled("GongwenSigner", doc.signer) && doc.signer == signer && !signer.isEmpty)
        #expect(styled("GongwenDate", doc.date))
        #expect(!xml.contains("{paragraphs}"))
        let styles = try Self.unzipped(file, "word/styles.xml")
        for font in ["方正小标宋简体", "仿宋_GB2312", "黑体"] { #expect(styles.contains("w:eastAsia=\"\(font)\""), "\(font)") }
        let fonts = try Self.unzipped(file, "word/fontTable.xml")
        #expect(fonts.contains("<w:font w:name=\"方正小标宋简体\"><w:altName w:val=\"宋体\"/>"))
        #expect(fonts.contains("<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>"))
        // And Python's zipfile reads the same archive, CRCs checked.
        let py = try Subprocess.run(["python3", "-c", "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip())", file])
        if py.status == 0 { #expect(py.out.trimmingCharacters(in: .whitespacesAndNewlines) == "None") }
    }

    /// 签发人: the head who signed the step a letter goes out under is named under its title in the text, and in the
    /// .docx on the 发文字号's line; a hostile name is drawn safe; without one, no line.
    @Test func theSignerIsNamedUnderTheTitleAndBesideTheNumber() throws {
        let store = try Fixtures.demoStore()
        let s = try Fixtures.state(store, user: "wangjian")
        let m = try #require(try store.matters(for: s.viewer, includeClosed: true).first { $0.kind == .transfer && !$0.number.isEmpty })
        let template = try LetterTemplate(.transfer, text: String(decoding: try OversightResources.data("letters", "transfer.txt"), as: UTF8.self))
        let signed = try template.letter(for: m, by: s.viewer, organisations: s.organisations, today: s.today, signer: "张慧")
        let lines = signed.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "移送函" && lines[1] == "签发人：张慧")
        let doc = LetterDocument(signed)
        #expect(doc.issuer == "张慧" && doc.recipient.hasSuffix("：") && doc.title == "移送函")
        #expect(doc.paragraphsXML.contains(">\(m.number)　　　　签发人：张慧<"))
        let plain = try template.letter(for: m, by: s.viewer, organisations: s.organisations, today: s.today)
        #expect(!plain.text.contains("签发人") && LetterDocument(plain).issuer.isEmpty)
        let hostile = try template.letter(for: m, by: s.viewer, organisations: s.organisations, today: s.today, signer: "张\u{1B}[31m慧\u{202E}")
        #expect(!hostile.text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
    }

    @Test func markupInTheTextIsEscapedNeverMarkup() throws {
        let (letter, _, _) = try Self.reminder()
        var hostile = letter
        hostile.text = "催告函\n\n<b>&甲\"'：\n\n　　正文</w:t></w:r><w:r><w:t>注入]]>\n\n机关\n2026年11月30日"
        let xml = LetterDocument(hostile).paragraphsXML
        #expect(xml.contains("&lt;b&gt;&amp;甲&quot;&apos;："))
        #expect(xml.contains("正文&lt;/w:t&gt;&lt;/w:r&gt;&lt;w:r&gt;&lt;w:t&gt;注入]]&gt;"))
        #expect(LetterDocument.xmlEscaped("a\u{0}b\u{1B}c\u{FFFE}") == "abc")
    }

    @Test func storedZipCRCMatchesTheKnownValue() {
        #expect(StoredZip.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(StoredZip.crc32([]) == 0)
    }

    /// LibreOffice, when this machine has it, converts the .docx to text holding the letter's words.
    @Test func libreOfficeReadsTheDocument() throws {
        let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let soffice else {
            print("LetterDocumentTests: skipped: soffice is not installed")
            return
        }
        let (letter, m, _) = try Self.reminder()
        let dir = try Fixtures.temporaryDirectory()
        let file = dir.appendingPathComponent("reminder.docx").path
        try Data(LetterDocument(letter).docx(parts: try Self.parts())).write(to: URL(fileURLWithPath: file))
        let r = try Subprocess.run([soffice, "--headless", "-env:UserInstallation=file://\(dir.path)/lo",
                                    "--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir.path, file])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        let text = try String(contentsOfFile: dir.appendingPathComponent("reminder.txt").path, encoding: .utf8)
        #expect(text.contains("催告函") && text.contains(m.number) && text.contains("特此函告"), "\(text)")
    }
}
