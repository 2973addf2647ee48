import XCTest
final class MetricsPlaceholderTests: XCTestCase { func testNothing() {} }
