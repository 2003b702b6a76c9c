import OversightDomain

/// A letter as a .docx laid out as a 公文 (GB/T 9704 in spirit): title in 方正小标宋简体 二号 centred, the
/// 发文字号 under it, the 主送机关 flush left, the body in 仿宋_GB2312 三号 with two characters' indent (its
/// numbered headings 一、二、 in 黑体), the 落款 and 日期 to the right. The parts' XML comes from templates
/// (`Resources/letters/docx`): styles and fonts (with their fallbacks 宋体, 仿宋) are edited there, not here.
public struct LetterDocument: Sendable {
    /// The template parts, by their file names in `letters/docx`.
    public static let partFiles = ["content-types.xml", "rels.xml", "document-rels.xml", "document.xml", "styles.xml", "fontTable.xml"]

    public var title: String
    public var number: String
    /// Who signed it (签发人), from the line under the title; empty for none.
    public var issuer: String
    public var recipient: String
    public var body: [String]
    public var signer: String
    public var date: String

    /// The parts of `letter`'s text: its first line the title, a line after it naming who signed it (签发人：…), the
    /// first line after them ending in a colon the recipient, the last two lines the signer (落款) and the date, the
    /// lines between the body.
    public init(_ letter: Letter) {
        let lines = letter.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let filled = lines.dropFirst().map { $0.trimmingPrefix { $0 == "　" || $0 == " " } }
            .map(String.init).filter { !$0.isEmpty }
        title = lines.first ?? letter.title
        number = letter.number
        var rest = ArraySlice(filled)
        if let first = rest.first, first.hasPrefix(Letter.signerLabel) {
            issuer = String(first.dropFirst(Letter.signerLabel.count))
            rest = rest.dropFirst()
        } else {
            issuer = ""
        }
        if let first = rest.first, first.hasSuffix("：") || first.hasSuffix(":") {
            recipient = first
            rest = rest.dropFirst()
        } else {
            recipient = ""
        }
        date = rest.count >= 2 ? rest.removeLast() : ""
        signer = rest.count >= 2 ? rest.removeLast() : ""
        body = Array(rest)
    }

    /// The .docx's bytes from the template parts (`partFiles` → text); a missing part is filled as empty.
    public func docx(parts: [String: String]) -> [UInt8] {
        var zip = StoredZip()
        zip.add("[Content_Types].xml", text: parts["content-types.xml"] ?? "")
        zip.add("_rels/.rels", text: parts["rels.xml"] ?? "")
        zip.add("word/_rels/document.xml.rels", text: parts["document-rels.xml"] ?? "")
        zip.add("word/document.xml", text: Strings.fill(parts["document.xml"] ?? "", ["paragraphs": paragraphsXML]))
        zip.add("word/styles.xml", text: parts["styles.xml"] ?? "")
        zip.add("word/fontTable.xml", text: parts["fontTable.xml"] ?? "")
        return zip.bytes
    }

    /// The body's paragraphs as WordprocessingML.
    public var paragraphsXML: String {
        var out = Self.paragraph(title, style: "GongwenTitle")
        // 发文字号 and, on the same line to the right, 签发人 (GB/T 9704 §7.2.5-6).
        let heading = [number, issuer.isEmpty ? "" : Letter.signerLabel + issuer].filter { !$0.isEmpty }.joined(separator: "　　　　")
        if !heading.isEmpty { out += Self.paragraph(heading, style: "GongwenNumber") }
        if !recipient.isEmpty { out += Self.paragraph(recipient, style: "GongwenRecipient") }
        for line in body {
            let heading = ["一、", "二、", "三、", "四、", "五、", "六、"].contains { line.hasPrefix($0) }
            out += Self.paragraph(line, style: heading ? "GongwenHeading" : "GongwenBody")
        }
        out += Self.paragraph(signer, style: "GongwenSigner")
        out += Self.paragraph(date, style: "GongwenDate")
        return out
    }

    static func paragraph(_ text: String, style: String) -> String {
        "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/></w:pPr><w:r><w:t xml:space=\"preserve\">\(xmlEscaped(text))</w:t></w:r></w:p>"
    }

    /// `text` for an XML element: markup characters escaped, characters XML 1.0 cannot hold dropped.
    public static func xmlEscaped(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(s)
            default:
                let v = s.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) { continue }
                out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
