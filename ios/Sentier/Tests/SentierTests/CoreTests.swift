import XCTest
@testable import Sentier

/// The core linked from the XCFramework loads and answers.
final class CoreTests: XCTestCase {
    func testCoreAnswersItsVersion() {
        let version = coreVersion()
        XCTAssertNotNil(version.range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression))
    }
}
