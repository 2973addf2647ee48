import XCTest
final class MIMIPlaceholderTests: XCTestCase { func testNothing() {} }
