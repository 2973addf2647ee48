import XCTest
@testable import Metrics

final class ThresholdTests: XCTestCase {
    func testParsing() throws {
        let t = try Threshold.parse("commit.converge_ms.p99>+5%")
        XCTAssertEqual(t.metric, "commit.converge_ms.p99")
        XCTAssertEqual(t.direction, .above)
        XCTAssertEqual(t.amount, .percent(5))
        XCTAssertEqual(try Threshold.parse("fanout.deliveries_per_s.max < -10%").amount, .percent(-10))
        XCTAssertEqual(try Threshold.parse("fanout.deliveries_per_s.max < -10%").direction, .below)
        XCTAssertEqual(try Threshold.parse("x.p99>5%").amount, .percent(5))
        XCTAssertEqual(try Threshold.parse("message.lost>+0").amount, .change(0))
        XCTAssertEqual(try Threshold.parse("commit.converge_ms.p99>2000").amount, .level(2000))
        XCTAssertEqual(try Threshold.parse("commit.converge_ms.p99.9>1.5").metric, "commit.converge_ms.p99.9")
        XCTAssertEqual(try Threshold.parse("link.a->b.bytes.total>+1%").metric, "link.a->b.bytes.total")
    }

    func testBadExpressionsSayWhatIsWrong() {
        let cases = ["commit.converge_ms.p99", ">5%", "x>", "x>abc", "x>5%%", "x>+-5", "x>=5", "x>1.2.3", "x>inf", "x>nan", "x>1e3"]
        for c in cases {
            XCTAssertThrowsError(try Threshold.parse(c), c) { error in
                XCTAssertEqual((error as? MetricsError)?.code, .invalidExpression, c)
                XCTAssertTrue("\(error)".contains(c), "\(error) should quote \(c)")
            }
        }
    }

    func testCrossing() throws {
        let up5 = try Threshold.parse("m>+5%")
        XCTAssertFalse(up5.isCrossed(base: 100, new: 105))
        XCTAssertTrue(up5.isCrossed(base: 100, new: 105.01))
        XCTAssertFalse(up5.isCrossed(base: 100, new: 50))
        XCTAssertFalse(up5.isCrossed(base: 0, new: 0))
        XCTAssertTrue(up5.isCrossed(base: 0, new: 1))
        let down10 = try Threshold.parse("m<-10%")
        XCTAssertTrue(down10.isCrossed(base: 1000, new: 899))
        XCTAssertFalse(down10.isCrossed(base: 1000, new: 900))
        XCTAssertTrue(down10.isCrossed(base: -10, new: -12))  // relative to |base|
        let anyLoss = try Threshold.parse("message.lost>+0")
        XCTAssertFalse(anyLoss.isCrossed(base: 3, new: 3))
        XCTAssertTrue(anyLoss.isCrossed(base: 3, new: 4))
        let level = try Threshold.parse("p99>2000")
        XCTAssertFalse(level.isCrossed(base: 5000, new: 2000))
        XCTAssertTrue(level.isCrossed(base: 0, new: 2000.5))
    }
}
