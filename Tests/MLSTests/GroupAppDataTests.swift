import XCTest
import MLSCrypto
@testable import MLS

/// AppDataUpdate proposals (draft-ietf-mls-extensions §4.7): the committer, every member and an observer compute
/// the same `app_data_dictionary` through the components' handlers; invalid updates are rejected and change nothing.
final class GroupAppDataTests: XCTestCase {
    /// A log component: the new data is the old data followed by every update; an empty update is invalid.
    static let log = ComponentID(rawValue: 0xf001)
    /// A register component: the new data is the last update.
    static let register = ComponentID(rawValue: 0xf002)
    struct EmptyUpdate: Error {}

    static var handlers: AppDataHandlers {
        var h = AppDataHandlers()
        h.register(log) { current, updates in
            guard updates.allSatisfy({ !$0.isEmpty }) else { throw EmptyUpdate() }
            return (current ?? []) + updates.joined()
        }
        h.register(register) { _, updates in updates.last! }
        return h
    }

    struct World {
        let meter = OperationMeter()
        let random = SeededRandom(seed: 2026)
        let suite = CipherSuite.x25519Aes128GcmEd25519
        var config: GroupConfig {
            var c = GroupConfig()
            c.appData = GroupAppDataTests.handlers
            return c
        }
        func crypto(_ name: String) -> CryptoContext { CryptoContext(suite: suite, actor: meter.actor(name), random: random) }
        func identity(_ name: String, supportsAppData: Bool = true) throws -> MemberIdentity {
            let caps = Capabilities(cipherSuites: [CipherSuiteID(suite)], extensions: supportsAppData ? [.appDataDictionary] : [],
                                    proposals: supportsAppData ? [.appDataUpdate] : [])
            return try MemberIdentity(crypto(name), identity: Array(name.utf8), capabilities: caps)
        }
        func bundle(_ name: String, supportsAppData: Bool = true) throws -> KeyPackageBundle {
            try KeyPackageBundle(crypto(name), identity: identity(name, supportsAppData: supportsAppData))
        }
    }

    /// Members a, b, c (b and c added with a first log entry) and an observer started from the GroupInfo.
    func setUp(_ w: World, extensions: ExtensionList = .empty) throws -> (groups: [Group], observer: GroupObserver) {
        var a = try Group.create(w.crypto("a"), groupID: [7, 7], identity: w.identity("a"), config: w.config, extensions: extensions)
        let bundles = try ["b", "c"].map { try w.bundle($0) }
        let out = try a.commit(CommitOptions(proposals: bundles.map { .add(AddProposal(keyPackage: $0.keyPackage)) }
                                             + [.appDataUpdate(AppDataUpdate(componentID: Self.log, update: [1]))], groupInfo: .withTree))
        try a.merge(out.staged)
        let joined = try bundles.map { try Group.join(w.crypto("j"), welcome: out.welcome!, keyPackage: $0, config: w.config) }
        let observer = try GroupObserver(w.crypto("hub"), groupInfo: out.groupInfo!, config: w.config)
        return ([a] + joined, observer)
    }

    func dictionary(_ context: GroupContext) throws -> AppDataDictionary? { try context.extensions.appDataDictionary() }

    /// Delivers `out` from `committer` to every member and the observer, and checks they all agree.
    func deliver(_ out: CommitOutput, committer: Int, _ groups: inout [Group], _ observer: inout GroupObserver) throws {
        for i in groups.indices {
            if i == committer { try groups[i].merge(out.staged); continue }
            guard case .commit(let staged) = try groups[i].process(out.message) else { return XCTFail("not a commit") }
            try groups[i].merge(staged)
        }
        let observed = try observer.observeCommit(out.message)
        if let info = out.groupInfo { try observer.verifyGroupInfo(info, for: observed) }
        try observer.apply(observed)
        for g in groups {
            XCTAssertEqual(g.context, observer.context)
            XCTAssertEqual(g.epochAuthenticator, groups[0].epochAuthenticator)
        }
    }

    func testAppDataUpdatesChangeTheDictionaryForEveryMemberAndTheObserver() throws {
        let w = World()
        var (groups, observer) = try setUp(w)
        for g in groups { XCTAssertEqual(try dictionary(g.context)?[Self.log], [1]) }
        XCTAssertEqual(try dictionary(observer.context)?[Self.log], [1])

        // By value, several updates of one component in commit order, and a new component; no UpdatePath needed.
        let out = try groups[1].commit(CommitOptions(proposals: [
            .appDataUpdate(AppDataUpdate(componentID: Self.log, update: [2])),
            .appDataUpdate(AppDataUpdate(componentID: Self.register, update: [9, 9])),
            .appDataUpdate(AppDataUpdate(componentID: Self.log, update: [3, 4])),
        ], groupInfo: .withoutTree))
        guard case .publicMessage(let pub) = out.message.body, case .commit(let commit) = pub.content.body else { return XCTFail("not a commit") }
        XCTAssertNil(commit.path)
        try deliver(out, committer: 1, &groups, &observer)
        let expected = try dictionary(groups[0].context)
        XCTAssertEqual(expected?.entries.map(\.componentID), [Self.log, Self.register])
        XCTAssertEqual(expected?[Self.log], [1, 2, 3, 4])
        XCTAssertEqual(expected?[Self.register], [9, 9])
        XCTAssertEqual(out.staged.proposals.count, 3)

        // By reference: c proposes removing the register; a commits it.
        let proposal = try groups[2].propose(.appDataUpdate(AppDataUpdate(removing: Self.register)))
        for i in [0, 1] { _ = try groups[i].process(proposal.message) }
        try observer.addPending(try observer.observeProposal(proposal.message))
        let removal = try groups[0].commit(CommitOptions(groupInfo: .withoutTree))
        try deliver(removal, committer: 0, &groups, &observer)
        XCTAssertEqual(try dictionary(observer.context)?.entries.map(\.componentID), [Self.log])
    }

    func testInvalidAppDataUpdatesAreRejectedAndChangeNothing() throws {
        let w = World()
        var (groups, observer) = try setUp(w)
        let a = groups[0]
        let before = a.serializedState()
        func assertInvalid(_ proposals: [Proposal], _ why: String, line: UInt = #line) {
            XCTAssertThrowsError(try a.commit(CommitOptions(proposals: proposals)), why, line: line) {
                XCTAssertEqual(($0 as? MLSError)?.code, .invalidProposal, "\(why): \($0)", line: line)
            }
            XCTAssertEqual(a.serializedState(), before, line: line)
        }
        let unknown = ComponentID(rawValue: 0xf0ff)
        assertInvalid([.appDataUpdate(AppDataUpdate(componentID: unknown, update: [1]))], "unknown component")
        assertInvalid([.appDataUpdate(AppDataUpdate(removing: unknown))], "unknown component removed")
        assertInvalid([.appDataUpdate(AppDataUpdate(componentID: Self.log, update: []))], "the handler throws")
        assertInvalid([.appDataUpdate(AppDataUpdate(removing: Self.register))], "removing a component without data")
        assertInvalid([.appDataUpdate(AppDataUpdate(componentID: Self.log, update: [5])), .appDataUpdate(AppDataUpdate(removing: Self.log))],
                      "update and remove of one component")
        assertInvalid([.appDataUpdate(AppDataUpdate(removing: Self.log)), .appDataUpdate(AppDataUpdate(removing: Self.log))], "two removes")
        var changed = a.context.extensions
        changed.set(.appDataDictionary(AppDataDictionary()))
        assertInvalid([.groupContextExtensions(GroupContextExtensionsProposal(extensions: changed)),
                       .appDataUpdate(AppDataUpdate(componentID: Self.log, update: [5]))],
                      "GroupContextExtensions changing app_data_dictionary next to an AppDataUpdate")
        assertInvalid([.add(AddProposal(keyPackage: try w.bundle("d", supportsAppData: false).keyPackage)),
                       .appDataUpdate(AppDataUpdate(componentID: Self.log, update: [5]))], "a member that does not support AppDataUpdate")
        XCTAssertThrowsError(try groups[1].propose(.appDataUpdate(AppDataUpdate(componentID: unknown, update: [1]))))
        XCTAssertEqual(groups[0].serializedState(), before)

        // A valid commit that receivers with other component logic reject: their state and the observer's stay as they were.
        let out = try groups[0].commit(CommitOptions(proposals: [.appDataUpdate(AppDataUpdate(componentID: Self.log, update: [5]))]))
        var strict = groups[1]
        var handlers = AppDataHandlers()
        handlers.register(Self.log) { _, _ in throw EmptyUpdate() }
        strict.config.appData = handlers
        var unaware = groups[2]
        unaware.config.appData = AppDataHandlers()
        for var receiver in [strict, unaware] {
            let state = receiver.serializedState()
            XCTAssertThrowsError(try receiver.process(out.message)) { XCTAssertEqual(($0 as? MLSError)?.code, .invalidProposal) }
            XCTAssertEqual(receiver.serializedState(), state)
        }
        var blind = observer
        blind.config.appData = AppDataHandlers()
        XCTAssertThrowsError(try blind.observeCommit(out.message)) { XCTAssertEqual(($0 as? MLSError)?.code, .invalidProposal) }
        XCTAssertEqual(blind.context, observer.context)
        // The members with the component's logic accept it.
        try deliver(out, committer: 0, &groups, &observer)
        XCTAssertEqual(try dictionary(observer.context)?[Self.log], [1, 5])
    }

    func testRequiredAppDataUpdateForbidsGroupContextExtensionsOnTheDictionary() throws {
        let w = World()
        var required = ExtensionList.empty
        required.set(.requiredCapabilities(RequiredCapabilities(extensionTypes: [.appDataDictionary], proposalTypes: [.appDataUpdate])))
        let (groups, _) = try setUp(w, extensions: required)
        var changed = groups[0].context.extensions
        changed.set(.appDataDictionary(AppDataDictionary()))
        XCTAssertThrowsError(try groups[0].commit(CommitOptions(proposals: [.groupContextExtensions(GroupContextExtensionsProposal(extensions: changed))]))) {
            XCTAssertEqual(($0 as? MLSError)?.code, .invalidProposal)
        }
        // Other extensions may still change, keeping the dictionary as it is.
        var other = groups[0].context.extensions
        other.set(Extension(type: .applicationID, data: [0]))
        XCTAssertNoThrow(try groups[0].commit(CommitOptions(proposals: [.groupContextExtensions(GroupContextExtensionsProposal(extensions: other))])))
    }

    func testAppDataUpdateCodec() throws {
        let update = Proposal.appDataUpdate(AppDataUpdate(componentID: Self.log, update: [1, 2]))
        XCTAssertEqual(update.encoded(), [0x00, 0x08, 0xf0, 0x01, 0x01, 0x02, 0x01, 0x02])
        XCTAssertEqual(try Proposal.decode(update.encoded()), update)
        let remove = Proposal.appDataUpdate(AppDataUpdate(removing: Self.log))
        XCTAssertEqual(remove.encoded(), [0x00, 0x08, 0xf0, 0x01, 0x02])
        XCTAssertEqual(try Proposal.decode(remove.encoded()), remove)
        for op: UInt8 in [0, 3] {
            XCTAssertThrowsError(try Proposal.decode([0x00, 0x08, 0xf0, 0x01, op])) { XCTAssertEqual(($0 as? CodecError)?.code, .invalidValue) }
        }
    }
}
