import BatonConfig
import BatonCorpus
import BatonDocuments
import BatonGit
import BatonSupport
import Foundation

/// Everything the pages look up across documents, indexed once per build.
///
/// Pages render in parallel and read only this (and the corpus), so no page walks all the
/// documents: tags, owners, calls to action, supersede links and handbook trees are computed here
/// in one pass each.
struct SiteIndex: Sendable {
  /// Rows by document path.
  let rows: [String: DocumentRow]
  /// Document paths by tag, each list sorted by path.
  let byTag: [String: [String]]
  /// Document paths by owner (lower-cased handle), sorted by path.
  let byOwner: [String: [String]]
  /// Open calls to action, soonest deadline first, those without a deadline last.
  let actions: [ActionItem]
  /// Action index by document path.
  let actionByPath: [String: Int]
  /// Action indexes by the lower-cased handle who owes them.
  let owes: [String: [Int]]
  /// People pages: lower-cased handle → person.
  let people: [String: PersonEntry]
  /// Supersede links: path → paths it supersedes, and path → paths that supersede it.
  let supersedes: [String: [String]]
  let supersededBy: [String: [String]]
  /// Handbook trees by collection name.
  let trees: [String: HandbookTree]
  /// The digest of each document's face (`Face`), by path.
  let faces: [String: Digest]

  /// An open call to action.
  struct ActionItem: Sendable {
    var path: String
    var sectionAnchor: String
    var responders: [String]
    var deadline: Day?
  }

  /// Someone who owns or owes something, from `people.yml` or from the documents.
  struct PersonEntry: Sendable {
    var handle: String
    var name: String?
    var team: String?
    var timeZone: String?
    var url: String
  }

  init(corpus: Corpus, layout: SiteLayout) {
    var directory = Directory(people: corpus.people)
    let listed = SiteIndex.list(corpus: corpus, layout: layout, directory: &directory)
    let actions = SiteIndex.sorted(listed.actions)
    let links = SiteIndex.supersedeLinks(corpus)
    self.rows = listed.rows
    self.byTag = listed.byTag
    self.byOwner = listed.byOwner
    self.actions = actions
    self.owes = SiteIndex.owes(actions, people: corpus.people)
    self.actionByPath = Dictionary(
      actions.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
    self.people = directory.handles
    self.supersedes = links.older.mapValues { $0.sorted() }
    self.supersededBy = links.newer.mapValues { $0.sorted() }
    self.trees = SiteIndex.trees(corpus: corpus, layout: layout)
    self.faces = listed.faces
  }

  /// The people who get a page: those of `people.yml`, or without it everyone named as an
  /// owner or responder.
  struct Directory {
    var handles: [String: PersonEntry] = [:]
    let knowsPeople: Bool

    init(people: People?) {
      knowsPeople = people != nil
      for person in people?.people ?? [] {
        handles[person.handle.lowercased()] = PersonEntry(
          handle: person.handle, name: person.name, team: person.team,
          timeZone: person.timeZone, url: Directory.url(person.handle))
      }
    }

    static func url(_ handle: String) -> String {
      "people/" + SiteLayout.segment(handle.lowercased()) + "/index.html"
    }

    /// The page of someone named in a document; registers them when the site has no
    /// `people.yml`.
    mutating func register(_ handle: String) -> String? {
      let key = handle.lowercased()
      if let entry = handles[key] { return entry.url }
      // Without people.yml everyone named as an owner gets a page; with it, only its people.
      guard !knowsPeople, !handle.isEmpty, !handle.contains(" ") else { return nil }
      let entry = PersonEntry(handle: handle, url: Directory.url(handle))
      handles[key] = entry
      return entry.url
    }
  }

  /// What one pass over the documents lists: their rows, tags, owners and open calls.
  struct Listed {
    var rows: [String: DocumentRow] = [:]
    var byTag: [String: [String]] = [:]
    var byOwner: [String: [String]] = [:]
    var actions: [ActionItem] = []
    var faces: [String: Digest] = [:]
  }

  /// Every document's row, who owns it, its tags and its open call to action.
  static func list(corpus: Corpus, layout: SiteLayout, directory: inout Directory) -> Listed {
    let documents = corpus.documents
    let summaries = documents.parallelMap { SiteIndex.summary(of: $0) }
    var listed = Listed()
    let pages = PageAddresses(layout.pages)
    for (offset, document) in documents.enumerated() {
      let face = Face(
        of: document, schema: corpus.schema(of: document), summary: summaries[offset],
        corpus: Face.Inputs(
          configuration: corpus.configuration, people: corpus.people, pages: pages),
        directory: &directory)
      if let action = face.action { listed.actions.append(action) }
      listed.rows[document.path] = face.row
      listed.faces[document.path] = face.digest
      for tag in document.tags { listed.byTag[tag, default: []].append(document.path) }
      if let owner = face.row.owner {
        listed.byOwner[owner.lowercased(), default: []].append(document.path)
      }
    }
    return listed
  }

  /// What pages other than a document's own read of it: its row and its open call to action
  /// as the index makes them, and what the link graph and the handbook trees take from it (the
  /// documents it links to, those it supersedes or is superseded by, its `order`); and its
  /// responses, which the last weekly digest reads and the sign-off panel kept in its own
  /// context is made from.
  ///
  /// Two versions of a document with the same face, among the same other documents, give every
  /// other page, feed and context the same: an update from the build state renders only the
  /// document's own page when its face did not change (`SiteBuilder.update(from:…)`).
  struct Face {
    var row: DocumentRow
    var action: ActionItem?
    /// The documents and files it links to; its supersede references; its `order`.
    var links: [String]
    var references: [String]
    var order: Int?
    /// Each response: handle, verdict and text.
    var responses: [String]

    /// What a face is made with besides the document.
    struct Inputs {
      var configuration: Configuration
      var people: People?
      /// Document path → page path.
      var pages: PageAddresses
    }

    init(
      of document: Document, schema: KindSchema, summary: String, corpus: Inputs,
      directory: inout Directory
    ) {
      let owner = document.owner?.value
      let ownerURL = owner.flatMap { directory.register($0) }
      var deadline: Day?
      if let section = CallToAction.openSection(of: document, schema: schema) {
        deadline = CallToAction.deadline(of: document, section: section)?.value
        let responders = CallToAction.responders(in: section, people: corpus.people)
        for responder in responders { _ = directory.register(responder) }
        action = ActionItem(
          path: document.path, sectionAnchor: section.slug, responders: responders,
          deadline: deadline)
      }
      row = DocumentRow(
        path: document.path, url: corpus.pages[document.path] ?? "index.html",
        title: document.displayTitle, id: document.identifier.text, kind: document.kind,
        collection: document.collection, status: document.status?.value, owner: owner,
        ownerURL: ownerURL, date: document.date?.description, team: document.team,
        tags: document.tags.map { TagLink(name: $0, url: SiteIndex.tagURL($0)) },
        deadline: deadline?.description,
        reviewBy: schema.reviewable
          ? document.reviewBy(periodDays: corpus.configuration.reviewPeriodDays)?.value
            .description : nil,
        summary: summary)
      links = document.links.compactMap { link in
        link.target.map { (link.isImage ? "image:" : "link:") + $0 }
      }
      references = ["supersedes", "superseded-by"].flatMap { key in
        document.items(key).map { key + ":" + $0.value }
      }
      order = document.order
      responses = document.responses.map {
        [$0.handle, $0.verdict.rawValue, $0.text].joined(separator: "\u{0}")
      }
    }

    /// A digest of the whole face, which the build state keeps for each document.
    var digest: Digest {
      Dependency.digest { writer in
        writer.row(row)
        writer.bool(action != nil)
        if let action {
          writer.string(action.sectionAnchor)
          writer.strings(action.responders)
          writer.optionalString(action.deadline?.description)
        }
        writer.strings(links)
        writer.strings(references)
        writer.bool(order != nil)
        if let order { writer.signed(order) }
        writer.strings(responses)
      }
    }
  }

  /// Open calls to action, soonest deadline first, those without one last, then by path.
  static func sorted(_ actions: [ActionItem]) -> [ActionItem] {
    actions.sorted { a, b in
      switch (a.deadline, b.deadline) {
      case (let x?, let y?) where x != y: x < y
      case (.some, nil): true
      case (nil, .some): false
      default: a.path < b.path
      }
    }
  }

  /// Action indexes by the lower-cased handle who owes them, a team's members included.
  static func owes(_ actions: [ActionItem], people: People?) -> [String: [Int]] {
    var owes: [String: [Int]] = [:]
    for (index, action) in actions.enumerated() {
      var reached = Set<String>()
      for responder in action.responders {
        reached.insert(responder.lowercased())
        for member in people?.members(of: responder) ?? [] {
          reached.insert(member.lowercased())
        }
      }
      for handle in reached.sorted() { owes[handle, default: []].append(index) }
    }
    return owes
  }

  /// Supersede links from both sides: path → paths it supersedes (`older`), and path → paths
  /// that supersede it (`newer`).
  static func supersedeLinks(
    _ corpus: Corpus
  ) -> (older: [String: Set<String>], newer: [String: Set<String>]) {
    var older: [String: Set<String>] = [:]
    var newer: [String: Set<String>] = [:]
    for document in corpus.documents {
      for reference in document.items("supersedes") {
        if let target = corpus.resolve(reference.value, from: document),
          target.path != document.path
        {
          older[document.path, default: []].insert(target.path)
          newer[target.path, default: []].insert(document.path)
        }
      }
      for reference in document.items("superseded-by") {
        if let target = corpus.resolve(reference.value, from: document),
          target.path != document.path
        {
          newer[document.path, default: []].insert(target.path)
          older[target.path, default: []].insert(document.path)
        }
      }
    }
    return (older, newer)
  }

  /// The handbook tree of every collection whose kind is a tree.
  static func trees(corpus: Corpus, layout: SiteLayout) -> [String: HandbookTree] {
    var trees: [String: HandbookTree] = [:]
    for collection in corpus.configuration.collections
    where corpus.configuration.schema(ofKind: collection.kind).isTree {
      trees[collection.name] = HandbookTree(
        collection: collection, corpus: corpus, layout: layout)
    }
    return trees
  }

  /// The page of a tag.
  static func tagURL(_ tag: String) -> String {
    "tags/" + SiteLayout.segment(tag) + "/index.html"
  }

  /// A short plain-text summary: the summary section, else the first section, else nothing.
  static func summary(of document: Document) -> String {
    let summarySection = document.sections.first {
      let name = KindSchema.SectionSpec.normalize($0.title)
      return ["summary", "tldr", "overview", "context"].contains(name)
    }
    // The first non-empty piece of the section's lines joined by line feeds, without joining
    // them (a line's text may itself hold line feeds).
    var firstParagraph = ""
    for line in (summarySection ?? document.sections.first)?.lines ?? [] {
      if let piece = line.value.split(separator: "\n").first {
        firstParagraph = String(piece)
        break
      }
    }
    guard firstParagraph.count > 240 else { return firstParagraph }
    return String(firstParagraph.prefix(237)) + "…"
  }
}
