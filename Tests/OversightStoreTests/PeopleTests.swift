import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// The system events (people, keys, logins) in order: action, actor, text.
private func systemEvents(_ store: Store) throws -> [[String]] {
    try store.read { db in
        try Row.fetchAll(db, sql: "SELECT action, actor, text FROM event WHERE matter_id IS NULL ORDER BY id").map {
            [$0["action"], $0["actor"], $0["text"]]
        }
    }
}

/// An ed25519 key made by ssh-keygen, with the fingerprint `ssh-keygen -l` printed for it.
private let edKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOm6oaDn2CJSCZ/mKLbdgt6VrOL5SpgCrzNwtxdAupwb li@office"
private let edFingerprint = "SHA256:cNSIqPTZ0ytXQUObYlwJ3RWMQSpYJW6cQmz181nReLM"
private let ecKey = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJ95xulvI5NiMP1UjZHbEn3ntPtA3wRxa+vNJUd8GYa+kYJ0NWPjZ1XZ1dk/BoJyWLWjpFbS/1LN5CXOKH4XVv4= root@vm"
private let ecFingerprint = "SHA256:tyPkVFXOjVNsLSUWkNlNhF6b6kyw3qMLY36yv6iajsc"

@Suite struct PeopleTests {
    /// The demo county (its administrator is "admin") and the administrator looking.
    func county(_ engine: Fixtures.Engine = .sqlite, _ name: String = #function) throws -> (Store, Viewer) {
        let store = try Fixtures.demoStore(on: engine, name: "\(name)-\(engine)")
        return (store, try store.viewer("admin"))
    }

    @Test(arguments: Fixtures.engines)
    func anOrganisationDisabledWhileItsPeopleWorkStopsTheirWritesAndItsNewMatters(_ engine: Fixtures.Engine) throws {
        let (store, admin) = try county(engine)
        let context = try Fixtures.context()
        // Sessions opened before.
        let li = try store.viewer("hbj.li"), wang = try store.viewer("wangjian")
        let theirs = try #require(try store.matters(for: li).first)
        let draft = try store.create(NewMatter(kind: .suggestion, title: "草稿", domain: .ecology, to: "hbj", date: Fixtures.today),
                                     by: wang, context: context)
        try store.disable(org: "hbj", by: admin, on: Fixtures.today)
        // A draft begun before is not issued to it.
        #expect(throws: Refusal.organisationDisabled("hbj")) {
            try store.act(draft.id, .issue, input: ActionInput(date: Fixtures.today), by: wang, context: context)
        }
        #expect(throws: Refusal.organisationDisabled("hbj")) {
            try store.act(theirs.id, .note, input: ActionInput(date: Fixtures.today, text: "补充"), by: li, context: context)
        }
        #expect(throws: Store.Failure.disabledOrganisation(user: "hbj.li", org: "hbj")) { try store.viewer("hbj.li") }
        #expect(throws: Refusal.organisationDisabled("hbj")) {
            try store.create(NewMatter(kind: .suggestion, title: "t", domain: .ecology, to: "hbj", date: Fixtures.today), by: wang, context: context)
        }
        // The other party goes on with the matter it has.
        #expect(try store.act(theirs.id, .note, input: ActionInput(date: Fixtures.today, text: "跟进"), by: wang, context: context).version > theirs.version)
        // A rename is not a change of any matter: the audit chain holds.
        try store.setName(of: "hbj", to: "吕梁市生态环境局文水县分局", by: admin, on: Fixtures.today)
        #expect(try store.verifyAudit().isIntact)
        #expect(try systemEvents(store).suffix(2) == [
            ["org-disable", "admin", "hbj"], ["org-rename", "admin", "hbj: 吕梁市生态环境局文水分局 → 吕梁市生态环境局文水县分局"]])
        // Not an administrator: refused inside the transaction.
        #expect(throws: Store.PeopleFailure.notAdministrator("wangjian")) { try store.enable(org: "hbj", by: wang, on: Fixtures.today) }
        // A draft is not issued either whose second invitee is the disabled one.
        var invitation = NewMatter(kind: .jointInspection, title: "联合检查", domain: .ecology, to: "sfj", date: Fixtures.today)
        invitation.alsoTo = ["zrzyj"]
        let invited = try store.create(invitation, by: wang, context: context)
        try store.disable(org: "zrzyj", by: admin, on: Fixtures.today)
        #expect(throws: Refusal.organisationDisabled("zrzyj")) {
            try store.act(invited.id, .issue, input: ActionInput(date: Fixtures.today), by: wang, context: context)
        }
        try store.enable(org: "zrzyj", by: admin, on: Fixtures.today)
        #expect(try store.act(invited.id, .issue, input: ActionInput(date: Fixtures.today), by: wang, context: context).state == .issued)
    }

    @Test(arguments: Fixtures.engines)
    func anAdministratorAddsAPersonWithItsEvent(_ engine: Fixtures.Engine) throws {
        let (store, admin) = try county(engine)
        try store.add(User(name: "zhang.san", displayName: "张三", org: "sfj", role: .handler), by: admin, on: Fixtures.today)
        let viewer = try store.viewer("zhang.san")
        #expect(viewer.party == .justice && viewer.user.displayName == "张三" && viewer.user.active)
        #expect(try systemEvents(store).last == ["user-add", "admin", "zhang.san (张三): handler in sfj"])
        // An administrator in the administration unit.
        try store.add(User(name: "ops2", displayName: "ops2", org: "xt", role: .admin), by: admin, on: Fixtures.today)
        #expect(try store.viewer("ops2").user.role == .admin)
    }

    /// The demo's people are added as an administrator adds anyone (issue 19): checked, each with its `user-add`
    /// event by the demo's administrator, after the `init` event that made the county; the chain verifies.
    @Test(arguments: Fixtures.engines)
    func theDemosPeopleComeThroughThePeoplePathWithTheirEvents(_ engine: Fixtures.Engine) throws {
        let (store, _) = try county(engine)
        let events = try systemEvents(store)
        #expect(events.first?[0] == "init")
        let added = events.filter { $0[0] == "user-add" }
        let people = try store.users().filter { $0.name != "admin" }
        try #require(people.count > 5)
        #expect(added.map { $0[2] } == people.map { "\($0.name) (\($0.displayName)): \($0.role.rawValue) in \($0.org)" })
        #expect(added.allSatisfy { $0[1] == "admin" })
        #expect(try store.verifyAudit().isIntact)
    }

    /// The generator's extra counties (from 50,000 matters) pass the same checks: each a county of its own, added
    /// with its administrator, who adds each organisation and person with its event.
    @Test(arguments: Fixtures.engines)
    func aGeneratedCountyPassesThePeoplePath(_ engine: Fixtures.Engine) throws {
        let (store, admin) = try county(engine)
        let extra = Generator.county(0, from: try store.organisations())
        try #require(!extra.orgs.isEmpty && !extra.users.isEmpty)
        try store.add(extra.county, administrator: extra.administrator, by: admin, on: Fixtures.today)
        let own = try store.viewer(extra.administrator)
        // Its organisations are its administrator's to add, not the first county's.
        #expect(throws: Store.PeopleFailure.outsideCounties(extra.county.id)) { try store.add(extra.orgs[0], by: admin, on: Fixtures.today) }
        for o in extra.orgs { try store.add(o, by: own, on: Fixtures.today) }
        for u in extra.users { try store.add(u, by: own, on: Fixtures.today) }
        #expect(try store.organisations().filter { $0.county == extra.county.id }.count == extra.orgs.count + 1)
        let events = try systemEvents(store)
        #expect(events.filter { $0[0] == "org-add" }.dropFirst().map { $0[2] } == extra.orgs.map { o in
            "\(o.id) (\(o.name)): \(o.party.rawValue)" + (o.domains.isEmpty ? "" : " [\(o.domains.map(\.rawValue).joined(separator: ","))]")
                + (o.code.isEmpty ? "" : " 代字 \(o.code)")
        })
        #expect(Array(events.suffix(extra.users.count)).map { $0[2].split(separator: " ").first.map(String.init) } == extra.users.map(\.name))
        #expect(try store.verifyAudit().isIntact)
    }

    @Test(arguments: Fixtures.engines)
    func onlyAnActiveAdministratorAddsAnOrganisation(_ engine: Fixtures.Engine) throws {
        let (store, admin) = try county(engine)
        let before = try systemEvents(store)
        #expect(throws: Store.PeopleFailure.notAdministrator("wangjian")) {
            try store.add(Organisation(id: "xsj", name: "文水县新设局", party: .department), by: try store.viewer("wangjian"), on: Fixtures.today)
        }
        #expect(try systemEvents(store) == before)
        #expect(try !store.organisations().contains { $0.id == "xsj" })
        try store.add(Organisation(id: "xsj", name: "文水县新设局", party: .department), by: admin, on: Fixtures.today)
        #expect(try store.organisations().contains { $0.id == "xsj" })
        #expect(try systemEvents(store).last == ["org-add", "admin", "xsj (文水县新设局): department"])
    }

    @Test(arguments: Fixtures.engines)
    func onlyAnActiveAdministratorChangesPeople(_ engine: Fixtures.Engine) throws {
        let (store, admin) = try county(engine)
        let handler = try store.viewer("wangjian")
        let before = try systemEvents(store)
        #expect(throws: Store.PeopleFailure.notAdministrator("wangjian")) {
            try store.add(User(name: "x1", displayName: "x1", org: "jcy", role: .handler), by: handler, on: Fixtures.today)
        }
        #expect(throws: Store.PeopleFailure.notAdministrator("wangjian")) {
            try store.disable(user: "liuyang", by: handler, on: Fixtures.today)
        }
        #expect(throws: Store.PeopleFailure.notAdministrator("wangjian")) {
            try store.addKey(try SSHPublicKey(line: edKey), to: "wangjian", by: handler, on: Fixtures.today)
        }
        #expect(try systemEvents(store) == before)
        #expect(try store.keys().isEmpty)
        // An administrator disabled since their viewer was made can no longer change anything.
        try store.add(User(name: "ops2", displayName: "ops2", org: "xt", role: .admin), by: admin, on: Fixtures.today)
        let ops2 = try store.viewer("ops2")
        try store.disable(user: "ops2", by: admin, on: Fixtures.today)
        #expect(throws: Store.PeopleFailure.notAdministrator("ops2")) {
            try store.disable(user: "liuyang", by: ops2, on: Fixtures.today)
        }
    }

    @Test(arguments: Fixtures.engines)
    func addingAPersonIsRefusedWithAReason(_ engine: Fixtures.Engine) throws {
        let (store, admin) = try county(engine)
        func add(_ name: String, _ org: String, _ role: Role, display: String? = nil) throws {
            try store.add(User(name: name, displayName: display ?? name, org: org, role: role), by: admin, on: Fixtures.today)
        }
        let before = try systemEvents(store)
        #expect(throws: Store.PeopleFailure.userExists("wangjian")) { try add("wangjian", "jcy", .handler) }
        #expect(throws: Store.PeopleFailure.unknownOrganisation("nosuch")) { try add("new1", "nosuch", .handler) }
        #expect(throws: Store.PeopleFailure.noPeopleIn("fy")) { try add("new1", "fy", .handler) }
        #expect(throws: Store.PeopleFailure.roleNotInOrganisation(role: .admin, org: "jcy", adminOrg: "xt")) { try add("new1", "jcy", .admin) }
        #expect(throws: Store.PeopleFailure.roleNotInOrganisation(role: .head, org: "xt", adminOrg: "xt")) { try add("new1", "xt", .head) }
        for bad in ["", "a b", "-x", ".x", "张三", "x;id", "x\"y", String(repeating: "a", count: 65)] {
            #expect(throws: Store.PeopleFailure.invalidName(bad)) { try add(bad, "jcy", .handler) }
        }
        for bad in ["", "   "] {
            #expect(throws: Store.PeopleFailure.invalidDisplayName(bad)) { try add("new1", "jcy", .handler, display: bad) }
        }
        // The text rule (TextRule): the character and its place named; a lone variation selector shows blank.
        let problems: [(String, TextProblem)] = [
            ("a\u{1B}[2J", TextProblem(field: .displayName, what: .control, position: 2, scalar: "\u{1B}")),
            ("a\nb", TextProblem(field: .displayName, what: .control, position: 2, scalar: "\n")),
            ("\u{FE0F}", TextProblem(field: .displayName, what: .invisible, position: 1, scalar: "\u{FE0F}")),
            ("张\u{200B}三", TextProblem(field: .displayName, what: .invisible, position: 2, scalar: "\u{200B}")),
            ("\u{301}", TextProblem(field: .displayName, what: .nothingVisible)),
            (String(repeating: "名", count: 65), TextProblem(field: .displayName, what: .tooLong(count: 65))),
        ]
        for (bad, problem) in problems {
            #expect(throws: Store.PeopleFailure.text(problem)) { try add("new1", "jcy", .handler, display: bad) }
            #expect(Store.PeopleFailure.text(problem).isBadInput)
        }
        #expect(try systemEvents(store) == before)
        // Spaces around are trimmed and the name stored in NFC, as every text is.
        try add("new2", "jcy", .handler, display: " Jose\u{301} ")
        #expect(try store.users().first { $0.name == "new2" }?.displayName == "José")
        #expect(Store.PeopleFailure.unknownOrganisation("nosuch").isBadInput)
        #expect(!Store.PeopleFailure.userExists("wangjian").isBadInput)
    }

    @Test(arguments: Fixtures.engines)
    func aDisabledPersonCannotLogInAndTheRefusalIsRecorded(_ engine: Fixtures.Engine) throws {
        let (store, admin) = try county(engine)
        try store.disable(user: "hbj.li", by: admin, on: Fixtures.today)
        #expect(try systemEvents(store).last == ["user-disable", "admin", "hbj.li"])
        #expect(throws: Store.Failure.disabledUser("hbj.li")) { try store.viewer("hbj.li") }
        #expect(try store.users().first { $0.name == "hbj.li" }?.active == false)

        var seen: [(Store.Failure, Bool)] = []
        #expect(throws: Store.Failure.disabledUser("hbj.li")) {
            try store.login("hbj.li", on: Fixtures.today, from: "ssh 10.0.0.7") { seen.append(($0, $1)) }
        }
        #expect(throws: Store.Failure.unknownUser("nobody")) { try store.login("nobody", on: Fixtures.today) { seen.append(($0, $1)) } }
        #expect(seen.map(\.1) == [true, true])
        #expect(Array(try systemEvents(store).suffix(2)) == [
            ["login-refused", "hbj.li", "disabled user hbj.li from ssh 10.0.0.7"],
            ["login-refused", "nobody", "unknown user nobody"],
        ])
        // An active user logs in and nothing is written.
        let count = try systemEvents(store).count
        #expect(try store.login("wangjian", on: Fixtures.today).user.name == "wangjian")
        #expect(try systemEvents(store).count == count)
    }

    @Test(arguments: Fixtures.engines)
    func disablingIsRefusedForTheUnknownTheDisabledAndTheLastAdministrator(_ engine: Fixtures.Engine) throws {
        let (store, admin) = try county(engine)
        #expect(throws: Store.PeopleFailure.unknownUser("nobody")) { try store.disable(user: "nobody", by: admin, on: Fixtures.today) }
        try store.disable(user: "liuyang", by: admin, on: Fixtures.today)
        #expect(throws: Store.PeopleFailure.alreadyDisabled("liuyang")) { try store.disable(user: "liuyang", by: admin, on: Fixtures.today) }
        #expect(throws: Store.PeopleFailure.lastAdministrator("admin")) { try store.disable(user: "admin", by: admin, on: Fixtures.today) }
        // With a second administrator, the first may go.
        try store.add(User(name: "ops2", displayName: "ops2", org: "xt", role: .admin), by: admin, on: Fixtures.today)
        try store.disable(user: "admin", by: try store.viewer("ops2"), on: Fixtures.today)
        #expect(throws: Store.Failure.disabledUser("admin")) { try store.viewer("admin") }
    }

    @Test(arguments: Fixtures.engines)
    func keysAreStoredOncePerPersonWithTheirFingerprint(_ engine: Fixtures.Engine) throws {
        let (store, admin) = try county(engine)
        let key = try SSHPublicKey(line: edKey)
        let first = try store.addKey(key, to: "hbj.li", by: admin, on: Fixtures.today)
        #expect(first.added && first.entry.fingerprint == edFingerprint && first.entry.user == "hbj.li")
        #expect(try systemEvents(store).last == ["key-add", "admin", "hbj.li: ssh-ed25519 \(edFingerprint)"])
        let events = try systemEvents(store).count
        // The same key again for the same person: nothing new.
        let again = try store.addKey(key, to: "hbj.li", by: admin, on: Fixtures.today)
        #expect(!again.added && again.entry == first.entry)
        #expect(try systemEvents(store).count == events)
        // A key names one person.
        #expect(throws: Store.PeopleFailure.keyOfAnotherUser(fingerprint: edFingerprint, owner: "hbj.li")) {
            try store.addKey(key, to: "wangjian", by: admin, on: Fixtures.today)
        }
        #expect(throws: Store.PeopleFailure.unknownUser("nobody")) {
            try store.addKey(try SSHPublicKey(line: ecKey), to: "nobody", by: admin, on: Fixtures.today)
        }
        try store.disable(user: "liuyang", by: admin, on: Fixtures.today)
        #expect(throws: Store.PeopleFailure.disabledTarget("liuyang")) {
            try store.addKey(try SSHPublicKey(line: ecKey), to: "liuyang", by: admin, on: Fixtures.today)
        }
        try store.addKey(try SSHPublicKey(line: ecKey), to: "wangjian", by: admin, on: Fixtures.today)
        let keys = try store.keys()
        #expect(keys.map(\.user) == ["hbj.li", "wangjian"])
        #expect(keys.map(\.fingerprint) == [edFingerprint, ecFingerprint])
        #expect(keys[0].key.comment == "li@office" && keys[0].addedBy == "admin" && keys[0].addedOn == Fixtures.today)
    }

    @Test(arguments: Fixtures.engines)
    func aDisabledPersonIsEnabledAgainWithItsEvent(_ engine: Fixtures.Engine) throws {
        let (store, admin) = try county(engine)
        try store.disable(user: "hbj.li", by: admin, on: Fixtures.today)
        try store.enable(user: "hbj.li", by: admin, on: Fixtures.today)
        #expect(try systemEvents(store).last == ["user-enable", "admin", "hbj.li"])
        #expect(try store.viewer("hbj.li").user.active)
        let before = try systemEvents(store)
        #expect(throws: Store.PeopleFailure.alreadyActive("hbj.li")) { try store.enable(user: "hbj.li", by: admin, on: Fixtures.today) }
        #expect(throws: Store.PeopleFailure.unknownUser("nobody")) { try store.enable(user: "nobody", by: admin, on: Fixtures.today) }
        try store.disable(user: "liuyang", by: admin, on: Fixtures.today)
        let disabled = try systemEvents(store)
        #expect(throws: Store.PeopleFailure.notAdministrator("wangjian")) {
            try store.enable(user: "liuyang", by: try store.viewer("wangjian"), on: Fixtures.today)
        }
        #expect(try systemEvents(store) == disabled)
        #expect(disabled.count == before.count + 1)
        #expect(throws: Store.Failure.disabledUser("liuyang")) { try store.viewer("liuyang") }
    }

    @Test(arguments: Fixtures.engines)
    func aKeyIsRemovedWithItsEventEvenTheLastOne(_ engine: Fixtures.Engine) throws {
        let (store, admin) = try county(engine)
        try store.addKey(try SSHPublicKey(line: edKey), to: "hbj.li", by: admin, on: Fixtures.today)
        try store.addKey(try SSHPublicKey(line: ecKey), to: "wangjian", by: admin, on: Fixtures.today)
        let before = try systemEvents(store)
        #expect(throws: Store.PeopleFailure.notAdministrator("wangjian")) {
            try store.removeKey(.fingerprint(ecFingerprint), of: "wangjian", by: try store.viewer("wangjian"), on: Fixtures.today)
        }
        #expect(throws: Store.PeopleFailure.unknownUser("nobody")) {
            try store.removeKey(.fingerprint(ecFingerprint), of: "nobody", by: admin, on: Fixtures.today)
        }
        // Another person's key is not theirs to lose.
        #expect(throws: Store.PeopleFailure.unknownKey(user: "hbj.li", key: ecFingerprint)) {
            try store.removeKey(.fingerprint(ecFingerprint), of: "hbj.li", by: admin, on: Fixtures.today)
        }
        #expect(try systemEvents(store) == before)
        #expect(try store.keys().count == 2)
        // wangjian's only key.
        let removed = try store.removeKey(.fingerprint(ecFingerprint), of: "wangjian", by: admin, on: Fixtures.today)
        #expect(removed.fingerprint == ecFingerprint && removed.user == "wangjian")
        #expect(try systemEvents(store).last == ["key-remove", "admin", "wangjian: ecdsa-sha2-nistp256 \(ecFingerprint)"])
        #expect(try store.keys().map(\.fingerprint) == [edFingerprint])
        // A removed key can be given again, to anyone.
        try store.addKey(try SSHPublicKey(line: ecKey), to: "hbj.li", by: admin, on: Fixtures.today)
        #expect(try store.keys().map(\.user) == ["hbj.li", "hbj.li"])
        // By number, as `key list` counts them: #2 is hbj.li's, not wangjian's.
        #expect(throws: Store.PeopleFailure.unknownKey(user: "wangjian", key: "#2")) {
            try store.removeKey(.number(2), of: "wangjian", by: admin, on: Fixtures.today)
        }
        #expect(throws: Store.PeopleFailure.unknownKey(user: "hbj.li", key: "#3")) {
            try store.removeKey(.number(3), of: "hbj.li", by: admin, on: Fixtures.today)
        }
        #expect(try store.removeKey(.number(2), of: "hbj.li", by: admin, on: Fixtures.today).fingerprint == ecFingerprint)
        #expect(try store.removeKey(.number(1), of: "hbj.li", by: admin, on: Fixtures.today).fingerprint == edFingerprint)
        #expect(try store.keys().isEmpty)
    }

    @Test(arguments: Fixtures.engines)
    func theKeyTableChecksItsRowsAndAReadNamesATamperedOne(_ engine: Fixtures.Engine) throws {
        let (store, admin) = try county(engine)
        try store.addKey(try SSHPublicKey(line: edKey), to: "hbj.li", by: admin, on: Fixtures.today)
        #expect(throws: (any Error).self) {
            try store.write { db in
                try db.execute(sql: "UPDATE ssh_key SET key_type = 'ssh-dss'")
            }
        }
        try store.write { db in
            try db.execute(sql: "UPDATE ssh_key SET fingerprint = 'SHA256:forged'")
        }
        #expect(throws: Store.Failure.corruptRow(table: "ssh_key", row: "1", column: "fingerprint", value: "SHA256:forged")) {
            try store.keys()
        }
    }

    /// A database that a newer Oversight migrated further is refused, not opened.
    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("newer.sqlite").path
        _ = try Store(path: path)
        let pool = try DatabasePool(path: path)
        try pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try pool.close()
        #expect(throws: Store.Failure.newerDatabase(path, ["v99-from-the-future"])) { _ = try Store(path: path) }
        #expect(throws: Store.Failure.newerDatabase(path, ["v99-from-the-future"])) { _ = try Store(existing: path) }
        #expect(Store.Failure.newerDatabase(path, ["v99-from-the-future"]).description.contains("newer version of Oversight"))
    }
}

@Suite struct SSHPublicKeyTests {
    @Test func sha256KnownAnswers() {
        func hex(_ s: String) -> String { SHA256.hash(Array(s.utf8)).map { String(format: "%02x", $0) }.joined() }
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func readsKeysAsSSHKeygenWritesThem() throws {
        let ed = try SSHPublicKey(fileText: "\n" + edKey + "\n\n")
        #expect(ed.type == "ssh-ed25519" && ed.comment == "li@office" && ed.fingerprint == edFingerprint)
        #expect(ed.line == edKey)
        let ec = try SSHPublicKey(fileText: ecKey + "\r\n")
        #expect(ec.fingerprint == ecFingerprint)
        let bare = try SSHPublicKey(line: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOm6oaDn2CJSCZ/mKLbdgt6VrOL5SpgCrzNwtxdAupwb")
        #expect(bare.comment == "" && bare.line.hasSuffix("Aupwb"))
    }

    @Test func refusesWhatIsNotOnePlainPublicKey() {
        let body = "AAAAC3NzaC1lZDI1NTE5AAAAIOm6oaDn2CJSCZ/mKLbdgt6VrOL5SpgCrzNwtxdAupwb"
        let cases: [(String, SSHPublicKey.Problem)] = [
            ("", .empty),
            ("  \n\n", .empty),
            (edKey + "\n" + ecKey, .severalLines(2)),
            ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----", .privateKey),
            ("restrict " + edKey, .options("restrict")),
            ("command=\"/bin/sh\" " + edKey, .options("command=\"/bin/sh\"")),
            ("from=\"10.0.0.1\",no-pty " + edKey, .options("from=\"10.0.0.1\",no-pty")),
            ("ssh-dss " + body, .unknownType("ssh-dss")),
            ("sk-ssh-ed25519@openssh.com " + body, .unknownType("sk-ssh-ed25519@openssh.com")),
            ("ssh-ed25519", .noBody),
            ("ssh-ed25519 not-base64!", .badBase64),
            ("ssh-ed25519 " + body.dropLast(3), .badBase64),
            // The ed25519 blob, labelled as another type.
            ("ssh-rsa " + body, .blobMismatch("ssh-rsa")),
            ("ecdsa-sha2-nistp384 " + body, .blobMismatch("ecdsa-sha2-nistp384")),
            // A 1024-bit RSA key.
            ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC3", .blobMismatch("ssh-rsa")),
            (edKey + " \u{1B}[2J", .badComment),
        ]
        for (text, problem) in cases {
            #expect(throws: problem, "\(text.debugDescription)") { try SSHPublicKey(fileText: text) }
        }
    }

    @Test func refusesAWeakRSAKey() throws {
        // ssh-rsa blob: "ssh-rsa", e = 65537, n of 1024 bits.
        func string(_ bytes: [UInt8]) -> [UInt8] {
            let n = UInt32(bytes.count)
            return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + bytes
        }
        func rsa(bits: Int) -> String {
            let modulus = [0x00, 0x80] + [UInt8](repeating: 0x01, count: bits / 8 - 1)
            let blob = string(Array("ssh-rsa".utf8)) + string([0x01, 0x00, 0x01]) + string(modulus)
            return "ssh-rsa " + Data(blob).base64EncodedString()
        }
        #expect(throws: SSHPublicKey.Problem.weakRSA(1024)) { try SSHPublicKey(line: rsa(bits: 1024)) }
        #expect(try SSHPublicKey(line: rsa(bits: 2048)).type == "ssh-rsa")
    }
}
