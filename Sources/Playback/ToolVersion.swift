/// The version of MIMISim written into every results folder.
package enum ToolVersion {
    /// The current version.
    package static let current = "0.1.0"
}
