import BatonTestSupport
import Foundation
import Testing

@testable import BatonGit

/// A history walk cut into runs on several threads must find what one walker finds.
@Suite struct ParallelHistoryTests {
  @Test func runsOnSeveralThreadsJoinToTheSingleWalk() throws {
    let fixture = try GitFixture()
    let body = (1...20).map { "Line \($0) of a page long enough to compare for renames.\n" }
    for number in 1...6 {
      try fixture.write("docs/page-\(number).md", "# Page \(number)\n" + body.joined())
    }
    try fixture.commit("Add pages")
    for round in 1...30 {
      let number = round % 6 + 1
      switch round % 5 {
      case 0:
        try fixture.move("docs/page-\(number).md", to: "docs/moved-\(round).md")
        try fixture.commit("Move page \(number)")
        try fixture.move("docs/moved-\(round).md", to: "docs/page-\(number).md")
      case 1:
        try fixture.write("notes/ignored-\(round).txt", "not a document\n")
      case 2:
        try fixture.branch("side-\(round)")
        try fixture.write("docs/side-\(round).md", "# Side \(round)\n")
        try fixture.commit("Side page \(round)", author: .bob)
        try fixture.checkout("main")
        try fixture.write("docs/page-\(number).md", "# Page \(number), round \(round)\n")
        try fixture.commit("Main edit \(round)")
        try fixture.merge("side-\(round)")
        continue
      default:
        try fixture.write(
          "docs/page-\(number).md", "# Page \(number)\n" + body.joined() + "Edit \(round).\n")
      }
      try fixture.commit("Round \(round)")
    }
    let repository = try Repository(path: fixture.path)
    let head = try RawID(try #require(try repository.headCommit()))
    let one = try repository.walkHistory(
      head: head, hiding: nil, prefixes: ["docs"], extensions: ["md"], progress: nil, walkers: 1)
    let counted = Counter()
    for walkers in [2, 3, 7] {
      let many = try repository.walkHistory(
        head: head, hiding: nil, prefixes: ["docs"], extensions: ["md"],
        progress: { counted.last = $0 }, walkers: walkers, minimumPerWalker: 1)
      #expect(many.records == one.records, "\(walkers) walkers")
      #expect(Set(many.roots) == Set(one.roots))
      #expect(many.walked == one.walked)
      #expect(counted.last == one.walked)
    }
    #expect(one.walked > 40)
    #expect(one.records.count > 30)
  }
}

/// The last number a progress callback gave.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  var last: Int {
    get { lock.withLock { value } }
    set { lock.withLock { value = newValue } }
  }
}
