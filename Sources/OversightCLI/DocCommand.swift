import ArgumentParser
import Foundation
import OversightDomain
import OversightResources
import OversightStore
import OversightWorkbench

/// `oversight doc TEMPLATE ID [--out FILE [--force]]`: a letter filled from a matter, recorded in its history.
struct DocCommand: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "doc",
        abstract: "A letter filled from a matter: TEMPLATE is one of \(LetterKind.allCases.map(\.rawValue).joined(separator: ", ")).",
        discussion: """
            reminder (催告函): a matter past its deadline, by its sender; transfer (移送函): a transfer for review, by \
            its sender; feedback (反馈函): the recipient's written answer to a matter served on it. The letter is \
            recorded as a note in the matter's history, then printed (or saved in FILE), as text or, with --format docx, as a .docx 公文. Over SSH (`ssh oversight@HOST doc reminder ID > 催告函.docx`) it is a .docx on standard output. A template that does not fit \
            the matter, or a matter you may not see, is refused (exit 1) and nothing is recorded or written.
            """)

    @OptionGroup var globals: GlobalOptions
    @Argument(help: ArgumentHelp("The letter: \(LetterKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "TEMPLATE"))
    var template: String
    @Argument(help: ArgumentHelp("The matter's id (as `matter list` prints it).", valueName: "ID")) var id: String
    @Option(name: .long, help: ArgumentHelp("Save the letter in this file instead of printing it (an existing file is refused).", valueName: "FILE"))
    var out: String?
    @Flag(name: .long, help: "With --out: replace the file if it exists.") var force = false
    @Option(name: .long, help: ArgumentHelp("text (default) or docx (a 公文 for Word and WPS; the default for an --out FILE ending in .docx, never to a terminal).", valueName: "F"))
    var format: String?

    enum Format: String { case text, docx }

    /// The format given, else docx for an --out FILE ending in .docx, else text.
    func chosenFormat(_ words: Presenter) throws -> Format {
        if let format {
            guard let f = Format(rawValue: format) else {
                throw UsageError(words.strings("cli.doc.format", ["format": safe(format)]))
            }
            return f
        }
        return out?.lowercased().hasSuffix(".docx") == true ? .docx : .text
    }

    func run() throws {
        let s = OversightCommand.presenter(of: self).strings
        let letters = try OversightResources.vocabulary().learning(LetterKind.self)
        guard let kind = letters.value(LetterKind.self, template) else {
            throw UsageError(s("cli.doc.unknown-template", ["x": safe(template), "all": accepted(LetterKind.self, letters, s.language)]))
        }
        let id = try matterID(self.id)
        if force, out == nil { throw UsageError(s("cli.doc.force-needs-out")) }
        let file = out.map { URL(fileURLWithPath: $0) }
        if let file {
            if !force, FileManager.default.fileExists(atPath: file.path) {
                throw UsageError(s("cli.doc.exists", ["path": safe(file.path)]))
            }
            let folder = file.deletingLastPathComponent().path
            guard FileManager.default.isWritableFile(atPath: folder) else {
                throw UsageError(s("cli.doc.cannot-write", ["path": safe(folder)]))
            }
        }
        let words = try globals.presenter()
        let format = try chosenFormat(words)
        // A document's bytes would garble a terminal: refused before anything is recorded.
        if format == .docx, file == nil, isatty(STDOUT_FILENO) == 1 {
            throw UsageError(words.strings("cli.doc.docx-to-terminal"))
        }
        let parts = format == .docx ? try Catalog.letterParts() : [:]
        let template = try Catalog.letter(kind)
        let session = try globals.session()
        guard let m = try session.store.matter(id, for: session.viewer) else { throw Refusal.notFound(id) }
        let signer = try kind.signedStep.flatMap { try session.store.signer(of: id, step: $0, for: session.viewer) }
        let letter: Letter
        do {
            letter = try template.letter(for: m, by: session.viewer, organisations: session.organisations.mapValues(\.name),
                                         today: session.context.today, signer: signer)
        } catch {
            throw RefusedError(words.reason(error))
        }
        // Recorded first, on the version read: a refused note (disabled, read-only, changed meanwhile) writes no file.
        try session.store.act(id, .note, input: ActionInput(date: session.context.today, text: letter.note),
                              by: session.viewer, expecting: m.version, context: session.context)
        let bytes = format == .docx ? Data(LetterDocument(letter).docx(parts: parts)) : Data((letter.text + "\n").utf8)
        guard let file else {
            FileHandle.standardOutput.write(bytes)
            return
        }
        try bytes.write(to: file, options: force ? .atomic : .withoutOverwriting)
        warn("oversight: " + words.strings("letter.saved", ["path": safe(file.path)]))
    }
}
