import BatonConfig
import BatonDocuments
import BatonGit
import BatonSource

/// What `baton init` finds in a repository that already holds Markdown: the folders holding
/// logs and handbooks, each one's dialect, and the `baton.yml` that reads them as written.
///
/// The survey reads the working tree once (Markdown files, and the metadata files beside
/// folder documents), proposes collections and kinds, then checks the documents with the
/// proposed configuration so that the findings that remain can be counted and baselined.
public struct Adoption: Sendable {
  /// One proposed collection, with what the survey found in it.
  public struct Proposal: Sendable {
    public var collection: Collection
    /// The kind's schema as proposed (a kind of its own when the dialect differs from its
    /// base's), and the base's name.
    public var schema: KindSchema
    public var base: String
    /// Whether the kind is declared in `baton.yml` (else it is the base itself).
    public var declaresKind: Bool
    public var dialect: DialectSurvey
    /// Files in the folder that are not documents, with the reason.
    public var excluded: [ExcludedFile]
  }

  /// A Markdown file in a collection's folder that is not one of its documents.
  public struct ExcludedFile: Sendable, Hashable {
    public var path: String
    public var reason: String
  }

  /// The handbook root, relative to the repository.
  public var root: String
  /// The collections proposed, in path order.
  public var proposals: [Proposal]
  /// How many Markdown files the survey read.
  public var filesRead: Int
  /// `baton.yml` as proposed.
  public var configurationText: String { AdoptionWriter.configuration(self) }

  /// Whether there is anything to adopt (no log or handbook found: the scaffold instead).
  public var isEmpty: Bool { proposals.isEmpty }

  /// Surveys the working tree under a folder (the handbook root to be, absolute).
  public static func survey(folder: String) throws -> Adoption {
    let repository = try Repository.discover(from: folder)
    let top = repository.workingDirectory ?? folder
    let root =
      folder == top
      ? "" : folder.hasPrefix(top + "/") ? String(folder.dropFirst(top.count + 1)) : ""
    var files: [String: [UInt8]] = [:]
    for file in try repository.files(
      in: .workingTree, under: [root], extensions: Loader.documentExtensions,
      maxBytes: 1_048_576)
    where !Loader.isHidden(file.path) && !AdoptionFolders.isIgnored(file.path) {
      files[file.path] = file.contents ?? []
    }
    let candidates = AdoptionFolders.find(in: Array(files.keys), root: root)
    var proposals: [Proposal] = []
    for candidate in candidates {
      proposals.append(
        try propose(candidate, files: files, repository: repository, taken: proposals))
    }
    return Adoption(root: root, proposals: proposals, filesRead: files.count)
  }

  private static func propose(
    _ candidate: AdoptionFolders.Candidate, files: [String: [UInt8]], repository: Repository,
    taken: [Proposal]
  ) throws -> Proposal {
    var collection = Collection(
      name: uniqueName(candidate.name, taken: taken.map(\.collection.name)),
      path: candidate.path, kind: KindSchema.builtIn(listing: candidate.listing).name)
    collection.layout = candidate.layout
    let inside = files.filter { collection.contains($0.key) }
    let (documents, excluded) = AdoptionFolders.documents(
      of: collection, among: Array(inside.keys), numbered: candidate.numbered)
    if candidate.layout == .folders {
      collection.metaFile = try AdoptionFolders.metaFile(
        beside: documents, repository: repository)
    }
    var metadata: [String: [UInt8]] = [:]
    if let meta = collection.metaFile {
      for path in documents {
        let metaPath = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) + "/" + meta
        metadata[path] = try repository.file(in: .workingTree, at: metaPath, maxBytes: 1_048_576)?
          .contents
      }
    }
    let sources = documents.sorted().map { path in
      var file = SourceFile(path: path, bytes: inside[path])
      file.metadata = metadata[path]
      return file
    }
    let base = KindSchema.builtIn(listing: candidate.listing)
    let dialect = DialectSurvey(sources, collection: collection, base: base)
    collection.defaultStatus = dialect.defaultStatus
    collection.excludes = AdoptionFolders.excludeGlobs(excluded, in: collection)
    var schema = dialect.schema
    let declaresKind = schema != base
    if declaresKind {
      schema.name = singular(collection.name)
      if KindSchema.defaults[schema.name] != nil { schema.name += "-log" }
    }
    collection.kind = schema.name
    return Proposal(
      collection: collection, schema: schema, base: base.name, declaresKind: declaresKind,
      dialect: dialect, excluded: excluded)
  }

  static func uniqueName(_ name: String, taken: [String]) -> String {
    var result = name
    var index = 2
    while taken.contains(result) {
      result = "\(name)-\(index)"
      index += 1
    }
    return result
  }

  /// `rfcs` → `rfc`, `decisions` → `decision`.
  static func singular(_ word: String) -> String {
    word.hasSuffix("s") && word.count > 3 ? String(word.dropLast()) : word
  }
}
