extension NestedPart {
    /// The part as a CBOR array: `[disposition, language, cardinality, ...]`.
    public var cbor: CBOR {
        var items: [CBOR] = [.unsigned(UInt64(disposition.rawValue)), .text(language), .unsigned(content.cardinality)]
        switch content {
        case .null: break
        case .single(let contentType, let bytes): items += [.text(contentType), .bytes(bytes)]
        case .external(let external): items += external.cborFields
        case .multi(let semantics, let parts): items += [.unsigned(UInt64(semantics.rawValue)), .array(parts.map(\.cbor))]
        }
        return .array(items)
    }

    /// Reads a part from CBOR; `level` is its nesting level (the body is 1).
    ///
    /// Rejects, as `invalidContent`: a wrong array shape or field type, a disposition above 255, an unknown
    /// cardinality or part semantics, a `multi` with fewer than two parts; as `tooDeep`: nesting beyond 4 levels.
    public init(cbor item: CBOR, level: Int = 1) throws(MIMIError) {
        guard level <= Self.maxNestingLevels else {
            throw MIMIError(.tooDeep, "NestedPart is nested more than \(Self.maxNestingLevels) levels deep")
        }
        guard case .array(let items) = item, items.count >= 3 else {
            throw MIMIError(.invalidContent, "NestedPart must be an array of at least 3 elements")
        }
        let cardinality: UInt64
        if case .unsigned(let c) = items[2] { cardinality = c } else {
            throw CBORFields.invalid("NestedPart", "cardinality", "an unsigned integer", items[2])
        }
        let expected: Int = switch cardinality {
        case 0: 3
        case 1: 5
        case 2: 15
        case 3: 5
        default: throw MIMIError(.invalidContent, "NestedPart.cardinality \(cardinality) is not defined (0-3)")
        }
        var fields = try CBORFields(item, type: "NestedPart", counts: [expected])
        disposition = Disposition(rawValue: UInt8(try fields.unsigned("disposition", max: 255)))
        language = try fields.text("language")
        _ = fields.next()  // the cardinality, read above
        switch cardinality {
        case 0: content = .null
        case 1: content = .single(contentType: try fields.text("contentType"), content: try fields.bytes("content"))
        case 2: content = .external(try ExternalPart(reading: &fields))
        default:
            let raw = try fields.unsigned("partSemantics", max: 255)
            guard let semantics = PartSemantics(rawValue: UInt8(raw)) else {
                throw MIMIError(.invalidContent, "NestedPart.partSemantics \(raw) is not defined (0-2)")
            }
            guard case .array(let partItems) = fields.next() else {
                throw MIMIError(.invalidContent, "NestedPart.parts must be an array")
            }
            guard partItems.count >= 2 else {
                throw MIMIError(.invalidContent, "a multi NestedPart needs at least 2 parts, not \(partItems.count)")
            }
            var parts: [NestedPart] = []
            for partItem in partItems { parts.append(try NestedPart(cbor: partItem, level: level + 1)) }
            content = .multi(semantics, parts: parts)
        }
    }
}
