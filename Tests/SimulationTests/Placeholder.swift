import XCTest
final class SimulationPlaceholderTests: XCTestCase { func testNothing() {} }
