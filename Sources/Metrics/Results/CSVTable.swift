import Foundation

/// A CSV table (RFC 4180: comma-separated, CRLF-free `\n` line ends, fields quoted only when needed).
struct CSVTable {
    /// Column names.
    let header: [String]
    /// Rows, each with one field per column.
    private(set) var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    /// Appends a row; it must have one field per column.
    mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "CSV row has \(row.count) fields, header \(header.count)")
        rows.append(row)
    }

    /// The table as text, header first, each line ended by `\n`.
    var text: String {
        var out = ""
        for row in [header] + rows {
            out += row.map(Self.escape).joined(separator: ",")
            out += "\n"
        }
        return out
    }

    /// Quotes a field containing a comma, quote or line break, doubling inner quotes.
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
