import ArgumentParser
import Foundation
import OversightDomain
import OversightResources
import OversightStore

/// `oversight key …`: the SSH keys people log in with. Each key's `authorized_keys` line forces this
/// program as that person (as gitolite does), so one service account serves everyone and nobody gets a shell.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "SSH keys: add a person's key and print (or install) its authorized_keys line; list and remove keys.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add USER's public key (administrators only) and print its authorized_keys line.",
            discussion: """
                KEYFILE holds one public key line as ssh-keygen wrote it (TYPE BASE64 COMMENT; TYPE ssh-ed25519, \
                ecdsa-sha2-nistp256/384/521 or ssh-rsa of 2048 bits or more; no options). The line printed is
                  command="OVERSIGHT --db DB --user USER",restrict,pty TYPE BASE64 COMMENT
                with this program's and the database's absolute paths: the key opens the workbench as USER, with no \
                forwarding and no shell. A command sent over SSH (`ssh HOST alerts`) runs as USER only when it is one \
                of alerts, matter list|show, export, report, doc, help (`ssh HOST help`), read as words and never by a \
                shell; anything else is refused (exit 2). --install FILE appends it to FILE (made 0600, its folder \
                0700, when missing), once.
                """)

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The user the key logs in as.", valueName: "USER")) var user: String
        @Argument(help: ArgumentHelp("The public key file (e.g. id_ed25519.pub).", valueName: "KEYFILE")) var keyFile: String
        @Option(name: .long, help: ArgumentHelp("Append the line to this authorized_keys file (once).", valueName: "FILE"))
        var install: String?

        func run() throws {
            let words = try globals.presenter()
            let (store, viewer) = try globals.openDatabase(writing: true)
            let today = try globals.todayDate()
            let key: SSHPublicKey
            do {
                key = try SSHPublicKey(fileText: try readKeyFile(keyFile))
            } catch let problem as SSHPublicKey.Problem {
                throw UsageError("\(safe(keyFile)): \(safe(OversightCommand.presenter(of: self).text(problem)))")
            }
            let line = try AuthorizedKeys.line(
                for: key, user: user, program: OversightResources.executablePath(), database: globals.databasePath)
            let (entry, added) = try changingPeople { try store.addKey(key, to: user, by: viewer, on: today) }
            print(line)
            warn("oversight: " + words.strings(added ? "key.added" : "key.already", ["fingerprint": entry.fingerprint, "user": safe(user)]))
            if let install {
                let wrote = try AuthorizedKeys.install(line, key: key, in: install)
                warn("oversight: " + words.strings(
                    wrote ? "key.installed" : "key.already-installed", ["file": safe(AuthorizedKeys.absolute(install))]))
            }
        }

        /// The key file's text: a small regular file (a .pub file is under a kilobyte).
        func readKeyFile(_ path: String) throws -> String {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw UsageError(OversightCommand.presenter(of: nil).strings("key.cannot-read", ["path": safe(path)]))
            }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: 65_537)) ?? Data()
            guard data.count <= 65_536 else {
                throw UsageError("\(safe(path)) is too large to be a public key file: give the .pub file ssh-keygen wrote")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw UsageError("\(safe(path)) is not text: give the .pub file, not the private key")
            }
            return text
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the registered keys (administrators only).")

        @OptionGroup var globals: GlobalOptions
        @Flag(name: .long, help: "JSON for scripts: number, user, type, fingerprint, comment, addedOn, addedBy.") var json = false

        struct Item: Encodable {
            /// The `#` column: how `key remove USER N` names the key.
            var number: Int
            var user, type, fingerprint, comment, addedOn, addedBy: String
        }

        func run() throws {
            let words = try globals.presenter()
            let (store, viewer) = try globals.openDatabase()
            guard viewer.user.role == .admin, viewer.party == .admin else {
                throw RefusedError(safe(words.text(Store.PeopleFailure.notAdministrator(viewer.user.name))))
            }
            let items = try store.keys(for: viewer).enumerated().map { n, k in
                Item(number: n + 1, user: k.user, type: k.key.type, fingerprint: k.fingerprint, comment: k.key.comment,
                     addedOn: k.addedOn.description, addedBy: k.addedBy)
            }
            try emit(items, json: json, header: ["#"] + ["user", "type", "fingerprint", "added", "by", "comment"].map { words.strings("cli.column.\($0)") }) {
                [String($0.number), $0.user, $0.type, $0.fingerprint, $0.addedOn, $0.addedBy, $0.comment]
            }
        }
    }
}

extension KeyCommand {
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove one of USER's keys (administrators only); --install FILE takes its line out of FILE too.",
            discussion: """
                KEY is the key's fingerprint (SHA256:…) or its number, as `oversight key list` prints them (the # \
                column). Removing a person's last key is allowed: they can no longer log in by SSH. Without --install \
                the authorized_keys file is left as it is: remove the key's line there yourself, or sshd still lets \
                the key in.
                """)

        @OptionGroup var globals: GlobalOptions
        @Argument(help: ArgumentHelp("The user whose key it is.", valueName: "USER")) var user: String
        @Argument(help: ArgumentHelp("The fingerprint (SHA256:…) or the number of the key.", valueName: "FINGERPRINT|N"))
        var key: String
        @Option(name: .long, help: ArgumentHelp("Remove the key's line from this authorized_keys file too.", valueName: "FILE"))
        var install: String?

        func run() throws {
            let words = try globals.presenter()
            let reference = try KeyReference(key)
            let (store, viewer) = try globals.openDatabase(writing: true)
            let today = try globals.todayDate()
            let removed = try changingPeople { try store.removeKey(reference, of: user, by: viewer, on: today) }
            let left = try store.keys().contains { $0.user == user }
            print(words.strings(left ? "key.removed" : "key.removed-last", ["fingerprint": removed.fingerprint, "user": safe(user)]))
            if let install {
                let file = safe(AuthorizedKeys.absolute(install))
                let n = try AuthorizedKeys.uninstall(removed.key, from: install)
                print(n > 0 ? words.strings("key.uninstalled", ["n": n, "file": file]) : words.strings("key.not-installed", ["file": file]))
            }
        }
    }
}

/// `authorized_keys` lines that force `oversight --db DB --user USER`.
enum AuthorizedKeys {
    /// Characters that need no quoting in the forced command, for sshd (inside its double quotes) and for
    /// the account's shell, which runs the command: anything else is refused rather than escaped.
    static func isPlain(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-/+@:".unicodeScalars.contains($0))
        }
    }

    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (full as NSString).standardizingPath
    }

    /// The line for `key`, or a usage error naming what would need quoting.
    static func line(for key: SSHPublicKey, user: String, program: String?, database: String) throws -> String {
        guard Store.isValidUserName(user) else {
            throw UsageError("cannot make a key line for the user name \"\(safe(user))\": a forced command takes only ASCII letters, digits, . _ - (add the person under such a name)")
        }
        guard let program, program.hasPrefix("/") else {
            throw UsageError("cannot tell where this oversight program is: run it by its full path")
        }
        guard isPlain(program) else {
            throw UsageError("this program's path \(safe(program)) holds characters a forced command cannot take safely: install it under a path of letters, digits and . _ - / (scripts/install PREFIX)")
        }
        // A county's part of a shared PostgreSQL database: its URL, quoted for the shell that runs the command (its
        // ? & = would be read by it), of characters that need no more than that.
        if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
            guard database.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-/+@:?&=%".unicodeScalars.contains($0)) }) else {
                throw UsageError("the database URL \(safe(database)) holds characters a forced command cannot take safely: escape them as %XX")
            }
            return "command=\"\(program) --db '\(database)' --user \(user)\",restrict,pty \(key.line)"
        }
        // The database exists (it was just opened): its real path, links resolved.
        let db = absolute(database)
        let real = realpath(db, nil).map { p in defer { free(p) }; return String(cString: p) } ?? db
        guard isPlain(real) else {
            throw UsageError("the database path \(safe(real)) holds characters a forced command cannot take safely: move it under a path of letters, digits and . _ - /")
        }
        return "command=\"\(program) --db \(real) --user \(user)\",restrict,pty \(key.line)"
    }

    /// Appends `line` to the file at `path` unless the file already holds `key`: returns whether it wrote.
    /// The file is made 0600 and missing folders 0700; a line holding the same key with other text is
    /// refused (sshd would use the first line that matches the key).
    static func install(_ line: String, key: SSHPublicKey, in path: String) throws -> Bool {
        let file = absolute(path)
        let folder = (file as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw UsageError("cannot make the folder \(safe(folder)): \(error.localizedDescription)")
        }
        let fd = open(file, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw UsageError("cannot open \(safe(file)) for writing: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        // One writer at a time, so two administrators never append the same key twice.
        guard flock(fd, LOCK_EX) == 0 else {
            throw UsageError("cannot lock \(safe(file)): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        try handle.seek(toOffset: 0)
        let existing = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        let lines = existing.split(separator: "\n", omittingEmptySubsequences: false)
        let keyText = "\(key.type) \(key.base64)"
        for (n, other) in lines.enumerated() where other.hasPrefix(keyText) || other.contains(" " + keyText) {
            if other.trimmingCharacters(in: .whitespaces) == line { return false }
            throw RefusedError("\(safe(file)) line \(n + 1) already holds this key with other options: remove that line, then run this again")
        }
        let text = (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + line + "\n"
        try handle.write(contentsOf: Data(text.utf8))
        return true
    }

    /// Takes every line holding `key` out of the file at `path`, under the same lock as `install`, keeping
    /// the others as they are: returns how many went. A missing file holds none.
    static func uninstall(_ key: SSHPublicKey, from path: String) throws -> Int {
        let file = absolute(path)
        let fd = open(file, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            if errno == ENOENT { return 0 }
            throw UsageError("cannot open \(safe(file)) for writing: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else {
            throw UsageError("cannot lock \(safe(file)): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        let existing = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        let keyText = "\(key.type) \(key.base64)"
        var lines = existing.split(separator: "\n", omittingEmptySubsequences: false)
        let before = lines.count
        lines.removeAll { $0.hasPrefix(keyText) || $0.contains(" " + keyText) }
        let removed = before - lines.count
        guard removed > 0 else { return 0 }
        // Rewritten in place (the file keeps its owner and mode).
        let text = lines.joined(separator: "\n")
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
        return removed
    }
}
