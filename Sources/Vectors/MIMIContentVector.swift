import Foundation
import MIMI
import MLSCrypto

/// The `mimi-content` vector kind: the CBOR examples of draft-ietf-mimi-content-08 (its `examples/` folder,
/// one `.cbor` file per example). Each file must decode as deterministic CBOR, re-encode to the same bytes,
/// and yield the message ID the draft states for it.
///
/// The files carry no IDs, so the stated IDs are copied here from the draft's text: each example's annotated
/// EDN (`# message ID = h'...'`, included in §4 and Appendix C of draft-ietf-mimi-content-08) next to the
/// example. An example is recognised by its salt. `implied-original.cbor` is a `MessageDerivedValues` array,
/// not content; it is checked field by field against the Original example (§4.1).
public enum MIMIContentVector {
    /// One example: its name in the draft and the message ID the draft states for it.
    struct Stated {
        let name: String
        let salt: String
        let messageId: String
    }

    /// The stated IDs (draft-ietf-mimi-content-08, examples/*.edn, in the order of the draft).
    static let stated: [Stated] = [
        Stated(name: "original (§4.1)", salt: "5eed9406c2545547ab6f09f20a18b003",
               messageId: "017ce54837404c3696e0c747b985cb172716d0ed0a3d249ca63ace7d82a096f4"),
        Stated(name: "reply (§4.2)", salt: "11a458c73b8dd2cf404db4b378b8fe4d",
               messageId: "015354973c2b65ca937bf1e035ae53a5ab80e947afa43d46920d4202e5cc0b27"),
        Stated(name: "reaction (§4.3)", salt: "d37bc0e6a8b4f04e9e6382375f587bf6",
               messageId: "0158c4288911e50a8f6be3f47746b6682f10fd91bc8c05557aa589a3157aff68"),
        Stated(name: "mention (§4.4)", salt: "04f290e215d0f82d1750bfa8b7dc089d",
               messageId: "018d825adf9f6be00dcafc5704c4102f5022e74219d0b603e4ba7622654042af"),
        Stated(name: "mention-html (§4.4)", salt: "15d9705fd5bf5e02b0af47c85f8b98fe",
               messageId: "01967ff8e9a66819738ad5cf26d2e0388a3b81d86b0f61d129c077d043ee2a4e"),
        Stated(name: "edit (§4.5)", salt: "b8c2e6d8800ecf45df39be6c45f4c042",
               messageId: "014028c0deddbdea56bec26172f6ede953d11024cb82b8192b5e2aea62d7fb47"),
        Stated(name: "delete (§4.6)", salt: "0a590d73b2c7761c39168be5ebf7f2e6",
               messageId: "011d9efc78d04d4dcf4d82b07d5199bbef37011c1f0c7e004b6111c6dda504b4"),
        Stated(name: "unlike (§4.7)", salt: "c5ba86dc9fd272e58ca52ec805b79199",
               messageId: "013aadbb8f313253c8930f4e93c6ca54b2ed06d258185bdcec3870534c8a4ec4"),
        Stated(name: "expiring (§4.8)", salt: "33be993eb39f418f9295afc2ae160d2d",
               messageId: "01e59db8173939facc2c8a4a0f0ae8d0c7a11a81239626630c9464a8d6717a03"),
        Stated(name: "attachment (§4.9)", salt: "18fac6371e4e53f1aeaf8a013155c166",
               messageId: "0176180c7d19a925021fe446d241134d05c38e0d999cdc0f39c391d2377ed9d1"),
        Stated(name: "conferencing (§4.10)", salt: "678ac6cd54de049c3e9665cd212470fa",
               messageId: "01496d15a8dba28d7397f9868b70768e4a67f765d5b5b1ae9e03848c5fdeb0ba"),
        Stated(name: "multipart-1 (Appendix C.1)", salt: "261c953e178af653fe3d42641b91d814",
               messageId: "01da5a515ec5db42cc4dcc19b90c3c31245d8a1cfcce11318f24eb11dce0990e"),
        Stated(name: "multipart-2 (Appendix C.2)", salt: "8528dc2d92e4f1944d62042907ab94d0",
               messageId: "01d65918c6c51c8e76546337276ae6f4bfd873d867d5cb57c76bcdca3d999dd7"),
        Stated(name: "multipart-3 (Appendix C.3)", salt: "b8362793168d18c049b882d4642a2274",
               messageId: "01cfebeadbdb83c1eefb6403ba4852daf8bbbf9cd53bf5035a74d5d741950c9f"),
    ]

    /// The derived values the draft states for the Original example (§4.1 bullet list and implied-original.edn).
    /// The file's `messageId` is the one the draft printed before -07 fixed the ID construction (-07 change
    /// log: "fixed a bug in the generation of message IDs"); -08 still prints it as the Original's ID in the
    /// hex dumps of the Reply (§4.2) and Reaction (§4.3) examples. It is checked as the value the file holds.
    static let impliedOriginalStaleId = "01b0084467273cc43d6f0ebeac13eb84229c4fffe8f6c3594c905f47779e5a79"
    static let impliedOriginalTimestamp: UInt64 = 1_644_387_225_019
    static let impliedOriginalLeafIndex: UInt32 = 4
    static let impliedOriginalClientUrl = "mimi://example.com/d/3b52249d-68f9-45ce-8bf5-c799f3cad7ec/0003"
    static let originalSender = "mimi://example.com/u/alice-smith"
    static let originalRoom = "mimi://example.com/r/engineering_team"

    /// The vector kind: `.cbor` files, one example each.
    static let kind = VectorKind(name: "mimi-content", fileNames: [], check: { data in [(nil, verify(Array(data)))] })

    /// Checks one example file's bytes.
    public static func verify(_ bytes: [UInt8]) -> VectorVerdict {
        let item: CBOR
        do {
            item = try CBOR.decode(bytes)
        } catch {
            return .failed("not deterministic CBOR: \(error)")
        }
        if case .array(let items) = item, case .bytes(let first)? = items.first, first.count == MessageId.size {
            return verifyDerivedValues(bytes)
        }
        let content: MimiContent
        do {
            content = try MimiContent.decode(bytes)
        } catch {
            return .failed("not MIMI content: \(error)")
        }
        if let why = check("re-encoding", bytes, content.encoded()) { return .failed(why) }
        let saltHex = Hex.encode(content.salt)
        guard let example = stated.first(where: { $0.salt == saltHex }) else {
            return .skipped("no message ID stated in draft-ietf-mimi-content-08 for salt \(saltHex) (decoded and re-encoded byte-exactly)")
        }
        do {
            let id = try content.messageId(crypto: crypto())
            if let why = check("\(example.name) message ID", example.messageId, id.description) { return .failed(why) }
        } catch {
            return .failed("\(example.name): \(error)")
        }
        return .passed
    }

    private static func verifyDerivedValues(_ bytes: [UInt8]) -> VectorVerdict {
        let values: MessageDerivedValues
        do {
            values = try MessageDerivedValues.decode(bytes)
        } catch {
            return .failed("not MessageDerivedValues: \(error)")
        }
        if let why = check("re-encoding", bytes, values.encoded())
            ?? check("implied-original messageId", impliedOriginalStaleId, values.messageId.description)
            ?? check("hubAcceptedTimestamp", MessageDerivedValues.Timestamp.milliseconds(impliedOriginalTimestamp), values.hubAcceptedTimestamp)
            ?? check("senderLeafIndex", impliedOriginalLeafIndex, values.senderLeafIndex)
            ?? check("senderClientUrl", impliedOriginalClientUrl, values.senderClientUrl)
            ?? check("senderUserUrl", originalSender, values.senderUserUrl)
            ?? check("roomUrl", originalRoom, values.roomUrl) {
            return .failed(why)
        }
        return .passed
    }

    private static func crypto() -> CryptoContext {
        CryptoContext(suite: .x25519Aes128GcmEd25519, actor: OperationMeter().actor("vectors"), random: SeededRandom(seed: 0))
    }
}
