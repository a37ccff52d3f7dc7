import Foundation

/// A real git repository in a temporary folder, built with the `git` command line for tests.
///
/// Every command runs with a private `HOME` and `GIT_CONFIG_NOSYSTEM=1`, so the machine's git
/// configuration never leaks into a fixture. Commits get deterministic dates: each call to
/// `commit` without an explicit date is one hour after the previous one, starting on
/// 2024-01-01T00:00:00Z. The folder is removed when the fixture is released or on `cleanup()`.
public final class GitFixture {
  /// Who authored a commit.
  public struct Author: Sendable, Hashable {
    /// The author's name as recorded in the commit.
    public var name: String
    /// The author's email as recorded in the commit.
    public var email: String

    /// Creates an author.
    public init(name: String, email: String) {
      self.name = name
      self.email = email
    }

    /// The default author of fixture commits.
    public static let alice = Author(name: "Alice Example", email: "alice@example.com")
    /// A second author.
    public static let bob = Author(name: "Bob Example", email: "bob@example.com")
  }

  /// A `git` command that failed.
  public struct CommandError: Error, CustomStringConvertible {
    /// The arguments passed to git.
    public let arguments: [String]
    /// The exit status.
    public let status: Int32
    /// What git wrote to stderr.
    public let standardError: String

    public var description: String {
      "git \(arguments.joined(separator: " ")) exited \(status): \(standardError)"
    }
  }

  /// The repository folder (the working tree, or the repository itself when bare).
  public let path: String
  /// The temporary folder that holds the repository and the private home; removed on cleanup.
  public let root: String
  private let home: String
  private var clock: Date
  private var cloneCount = 0

  /// Creates an empty repository whose initial branch is `initialBranch`.
  public convenience init(initialBranch: String = "main", bare: Bool = false) throws {
    try self.init(root: GitFixture.makeRoot())
    var arguments = ["init", "--quiet", "--initial-branch", initialBranch]
    if bare { arguments.append("--bare") }
    arguments.append(path)
    try git(arguments, in: root)
  }

  private init(root: String) throws {
    self.root = root
    self.path = root + "/repo"
    self.home = root + "/home"
    self.clock = Date(timeIntervalSince1970: 1_704_067_200)
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    let config = """
      [user]
      \tname = Fixture User
      \temail = fixture@example.com
      [init]
      \tdefaultBranch = main
      [protocol "file"]
      \tallow = always

      """
    try Data(config.utf8).write(to: URL(fileURLWithPath: home + "/.gitconfig"))
  }

  deinit {
    try? FileManager.default.removeItem(atPath: root)
  }

  /// Removes the fixture's folder now.
  public func cleanup() {
    try? FileManager.default.removeItem(atPath: root)
  }

  private static func makeRoot() throws -> String {
    let base = FileManager.default.temporaryDirectory.path
    let root = base + "/baton-fixture-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    // Resolve symlinks (/tmp on macOS) so paths compare equal to what git reports.
    return URL(fileURLWithPath: root).resolvingSymlinksInPath().path
  }

  // MARK: - Files

  /// Writes text to a repository-relative path, creating folders as needed.
  public func write(_ relativePath: String, _ text: String) throws {
    try write(relativePath, bytes: Array(text.utf8))
  }

  /// Writes raw bytes to a repository-relative path, creating folders as needed.
  public func write(_ relativePath: String, bytes: [UInt8]) throws {
    let url = URL(fileURLWithPath: path + "/" + relativePath)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  /// Creates a symbolic link at `relativePath` pointing at `target` (written verbatim).
  public func symlink(_ relativePath: String, to target: String) throws {
    let url = URL(fileURLWithPath: path + "/" + relativePath)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
  }

  /// Moves a file or folder with `git mv`, creating the destination's parent folder.
  public func move(_ from: String, to destination: String) throws {
    let parent = URL(fileURLWithPath: path + "/" + destination).deletingLastPathComponent()
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    try run(["mv", from, destination])
  }

  /// Removes a tracked file or folder with `git rm -r`.
  public func remove(_ relativePath: String) throws {
    try run(["rm", "-r", "--quiet", relativePath])
  }

  /// Writes a `.mailmap` file with the given lines (not committed).
  public func writeMailmap(_ lines: [String]) throws {
    try write(".mailmap", lines.joined(separator: "\n") + "\n")
  }

  // MARK: - Commits and refs

  /// Stages everything and commits it; returns the new commit's id.
  ///
  /// - Parameters:
  ///   - message: the commit message.
  ///   - author: the author (also used as committer).
  ///   - date: the author and committer date in any format git accepts
  ///     (`2024-03-01T10:00:00+02:00`, `@1700000000 +0000`); by default one hour after the last.
  ///   - amend: amends the current commit instead of creating a new one.
  @discardableResult
  public func commit(
    _ message: String, author: Author = .alice, date: String? = nil, amend: Bool = false
  ) throws -> String {
    try run(["add", "--all"])
    var arguments = ["commit", "--quiet", "--allow-empty", "--no-verify", "-m", message]
    if amend { arguments.append("--amend") }
    try run(arguments, environment: commitEnvironment(author: author, date: date))
    return try headID()
  }

  /// Creates a merge commit of `branch` into the current branch (always a merge commit).
  ///
  /// Conflicts are resolved by `resolve`, which may write files; everything is staged after it.
  @discardableResult
  public func merge(
    _ branch: String, message: String? = nil, author: Author = .alice, date: String? = nil,
    resolve: (() throws -> Void)? = nil
  ) throws -> String {
    let environment = commitEnvironment(author: author, date: date)
    let text = message ?? "Merge branch '\(branch)'"
    if let resolve {
      _ = try? run(["merge", "--no-ff", "--no-commit", branch], environment: environment)
      try resolve()
      try run(["add", "--all"])
      try run(["commit", "--quiet", "--no-verify", "-m", text], environment: environment)
    } else {
      try run(["merge", "--quiet", "--no-ff", "-m", text, branch], environment: environment)
    }
    return try headID()
  }

  /// Creates a branch at `start` (default: HEAD) without switching to it.
  /// Leaves `path` in conflict: a branch `other` and `main` each change it, and `main` merges
  /// `other` (the merge stops, as git does, with the file's three stages in the index).
  public func conflict(_ path: String) throws {
    try branch("other")
    try write(path, "# ours\n")
    try commit("Ours")
    try checkout("other")
    try write(path, "# theirs\n")
    try commit("Theirs")
    try checkout("main")
    _ = try? run(["merge", "--quiet", "other"])
  }

  public func branch(_ name: String, at start: String = "HEAD") throws {
    try run(["branch", name, start])
  }

  /// Switches to a branch or commit (detached when given a commit id).
  public func checkout(_ revision: String) throws {
    try run(["checkout", "--quiet", revision])
  }

  /// Creates a tag; annotated when `message` is given.
  public func tag(_ name: String, at revision: String = "HEAD", message: String? = nil) throws {
    if let message {
      try run(
        ["tag", "-a", name, "-m", message, revision],
        environment: commitEnvironment(
          author: .alice, date: nil))
    } else {
      try run(["tag", name, revision])
    }
  }

  /// The full id of HEAD.
  public func headID() throws -> String {
    try run(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The full id of any revision.
  public func revParse(_ revision: String) throws -> String {
    try run(["rev-parse", "--verify", revision + "^{commit}"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  // MARK: - Clones

  /// Clones this repository through `file://`, optionally shallow (`--depth`), into a new fixture.
  public func clone(depth: Int? = nil, bare: Bool = false) throws -> GitFixture {
    let fixture = try GitFixture(root: GitFixture.makeRoot())
    fixture.clock = clock
    var arguments = ["clone", "--quiet"]
    if let depth { arguments += ["--depth", String(depth)] }
    if bare { arguments.append("--bare") }
    arguments += ["file://" + path, fixture.path]
    try fixture.git(arguments, in: fixture.root)
    return fixture
  }

  /// A bare clone of this repository in a new fixture.
  public func bareClone() throws -> GitFixture {
    try clone(bare: true)
  }

  // MARK: - Running git

  /// Runs git with `arguments` in the repository and returns its standard output.
  @discardableResult
  public func run(_ arguments: [String], environment: [String: String] = [:], input: Data? = nil)
    throws -> String
  {
    String(
      decoding: try git(arguments, in: path, environment: environment, input: input), as: UTF8.self)
  }

  /// Runs git with `arguments` in the repository and returns its standard output's bytes, for
  /// output that is not text (`cat-file tree`).
  public func runBytes(_ arguments: [String]) throws -> [UInt8] {
    Array(try git(arguments, in: path))
  }

  private func commitEnvironment(author: Author, date: String?) -> [String: String] {
    let stamp: String
    if let date {
      stamp = date
    } else {
      clock = clock.addingTimeInterval(3600)
      stamp = "@\(Int(clock.timeIntervalSince1970)) +0000"
    }
    return [
      "GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email,
      "GIT_COMMITTER_NAME": author.name, "GIT_COMMITTER_EMAIL": author.email,
      "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
    ]
  }

  @discardableResult
  private func git(
    _ arguments: [String], in directory: String, environment: [String: String] = [:],
    input: Data? = nil
  ) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env: [String: String] = [
      "HOME": home, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": home + "/.gitconfig",
      "LANG": "C", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0",
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    env.merge(environment) { _, new in new }
    process.environment = env
    let output = Pipe()
    let errorFile = root + "/.stderr-" + UUID().uuidString
    _ = FileManager.default.createFile(atPath: errorFile, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: errorFile) }
    let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorFile))
    process.standardOutput = output
    process.standardError = errorHandle
    let inputPipe = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
    try process.run()
    if let input {
      // Feed input on another thread so a large input cannot deadlock against our reading.
      let writer = inputPipe.fileHandleForWriting
      let thread = Thread {
        writer.write(input)
        try? writer.close()
      }
      thread.start()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try? errorHandle.close()
    guard process.terminationStatus == 0 else {
      let message = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
      throw CommandError(
        arguments: arguments, status: process.terminationStatus, standardError: message)
    }
    return data
  }
}
