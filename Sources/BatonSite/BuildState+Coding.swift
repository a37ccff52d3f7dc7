import BatonConfig
import BatonCorpus
import BatonGit
import BatonSupport
import Foundation

// How the build state's values are written (`BuildState`): each type written field by field in
// a fixed order, read back in the same order; a read returns nil on anything malformed, and the
// state is then not used.

extension ByteWriter {
  /// A row, field by field (not through arrays of its fields: rows are written tens of
  /// thousands of times, for the state and for every page's dependencies).
  mutating func row(_ row: DocumentRow) {
    string(row.path)
    string(row.url)
    string(row.title)
    string(row.id)
    string(row.kind)
    string(row.collection)
    string(row.summary)
    optionalString(row.status)
    optionalString(row.owner)
    optionalString(row.ownerURL)
    optionalString(row.date)
    optionalString(row.team)
    optionalString(row.deadline)
    optionalString(row.reviewBy)
    list(row.tags) { writer, tag in
      writer.string(tag.name)
      writer.string(tag.url)
      writer.signed(tag.count)
    }
  }

  mutating func link(_ link: DocumentContext.Link) {
    string(link.text)
    optionalString(link.url)
  }

  /// A row as a reference into the rows table when it is there (`reference`), else whole.
  mutating func row(_ row: DocumentRow, reference: (DocumentRow) -> Int?) {
    if let index = reference(row) {
      byte(0)
      natural(index)
    } else {
      byte(1)
      self.row(row)
    }
  }

  /// A context, its rows as references into the rows table where `reference` finds them.
  mutating func context(_ context: DocumentContext, reference: (DocumentRow) -> Int?) {
    bool(context.row != nil)
    if let row = context.row { self.row(row, reference: reference) }
    string(context.collectionURL)
    string(context.listing.rawValue)
    list(context.metadata) { writer, field in
      writer.string(field.key)
      writer.string(field.label)
      writer.list(field.items) { $0.link($1) }
    }
    bool(context.action != nil)
    if let action = context.action {
      bool(action.row != nil)
      if let row = action.row { self.row(row, reference: reference) }
      string(action.title)
      string(action.url)
      optionalString(action.deadline)
      list(action.responders) { $0.link($1) }
    }
    list(context.chain) { writer, link in
      writer.row(link.row, reference: reference)
      writer.bool(link.current)
    }
    list(context.supersedes) { $0.row($1, reference: reference) }
    list(context.supersededBy) { $0.row($1, reference: reference) }
    list(context.backlinks) { $0.row($1, reference: reference) }
    natural(context.backlinkCount)
    optionalString(context.editLink)
    optionalNatural(context.treeNode)
    list(context.breadcrumbs) { $0.link($1) }
    bool(context.signoff != nil)
    if let panel = context.signoff { signoff(panel) }
  }

  mutating func signoff(_ panel: SignoffPanel) {
    list(panel.rows) { $0.signoffRow($1) }
    list(panel.concerns) { $0.signoffRow($1) }
    natural(panel.outstanding)
    for text in [panel.phase, panel.state, panel.rule, panel.asOf] { optionalString(text) }
    list(panel.missing) { $0.string($1) }
  }

  mutating func signoffRow(_ row: SignoffPanel.Row) {
    link(row.responder)
    string(row.verdict)
    string(row.text)
    for text in [row.date, row.day, row.took] { optionalString(text) }
    bool(row.committedBy != nil)
    if let by = row.committedBy { link(by) }
  }

  mutating func event(_ event: DocumentHistory.Event) {
    string(event.commit)
    string(event.authorName)
    string(event.authorEmail)
    double(event.date.timeIntervalSince1970)
    signed(event.timeZoneOffsetMinutes)
    string(event.subject)
  }

  /// A history, its events as references into the commits table (`reference`).
  mutating func history(_ history: DocumentHistory, reference: (DocumentHistory.Event) -> Int) {
    bool(history.created != nil)
    if let created = history.created { natural(reference(created)) }
    bool(history.updated != nil)
    if let updated = history.updated { natural(reference(updated)) }
    list(history.contributors) { writer, contributor in
      writer.string(contributor.name)
      writer.string(contributor.email)
      writer.natural(contributor.commits)
    }
    list(history.commits) { $0.natural(reference($1)) }
    list(history.statusTimeline) { writer, change in
      writer.string(change.status)
      writer.natural(reference(change.event))
    }
    bool(history.isDraft)
    bool(history.isApproximate)
    optionalString(history.draftAuthorName)
    optionalString(history.draftAuthorEmail)
  }

  mutating func site(_ site: SiteInfo) {
    string(site.title)
    optionalString(site.baseURL)
    list(site.nav) { writer, link in writer.navLink(link) }
    optionalString(site.repositoryURL)
    list(site.feeds) { writer, link in writer.navLink(link) }
    string(site.generator)
  }

  mutating func navLink(_ link: NavLink) {
    string(link.key)
    string(link.title)
    string(link.url)
    bool(link.current)
  }

  mutating func tree(_ tree: HandbookTree) {
    string(tree.collection.name)
    string(tree.collection.path)
    string(tree.collection.kind)
    list(tree.nodes) { writer, node in
      writer.string(node.key)
      writer.string(node.title)
      writer.string(node.url)
      writer.bool(node.order != nil)
      if let order = node.order { writer.signed(order) }
      writer.bool(node.isFolder)
      writer.optionalString(node.documentPath)
      writer.list(node.children) { $0.natural($1) }
      writer.optionalNatural(node.parent)
    }
    digest(tree.digest)
  }

  mutating func stamp(_ stamp: FileStamp) {
    natural(stamp.size)
    uint64(UInt64(bitPattern: stamp.modified))
    uint64(UInt64(bitPattern: stamp.changed))
    uint64(stamp.inode)
    uint64(stamp.device)
  }

  mutating func status(_ status: WorkingTreeStatus?) {
    switch status {
    case nil: byte(0)
    case .new?: byte(1)
    case .modified?: byte(2)
    case .deleted?: byte(3)
    }
  }
}

extension ByteReader {
  mutating func row() -> DocumentRow? {
    var texts: [String] = []
    for _ in 0..<7 {
      guard let text = string() else { return nil }
      texts.append(text)
    }
    var optionals: [String?] = []
    for _ in 0..<7 {
      guard let text = optionalString() else { return nil }
      optionals.append(text)
    }
    guard
      let tags = list({ reader -> TagLink? in
        guard let name = reader.string(), let url = reader.string(), let count = reader.signed()
        else { return nil }
        return TagLink(name: name, url: url, count: count)
      })
    else { return nil }
    return DocumentRow(
      path: texts[0], url: texts[1], title: texts[2], id: texts[3], kind: texts[4],
      collection: texts[5], status: optionals[0], owner: optionals[1], ownerURL: optionals[2],
      date: optionals[3], team: optionals[4], tags: tags, deadline: optionals[5],
      reviewBy: optionals[6], summary: texts[6])
  }

  mutating func link() -> DocumentContext.Link? {
    guard let text = string(), let url = optionalString() else { return nil }
    return DocumentContext.Link(text: text, url: url)
  }

  /// What `ByteWriter.row(_:reference:)` wrote, a reference looked up with `row`.
  mutating func row(_ row: (Int) -> DocumentRow?) -> DocumentRow? {
    switch byte() {
    case 0: natural().flatMap(row)
    case 1: self.row()
    default: nil
    }
  }

  /// What `ByteWriter.context(_:reference:)` wrote, references looked up with `row`.
  mutating func context(row lookUp: (Int) -> DocumentRow?) -> DocumentContext? {
    guard let row = optional({ $0.row(lookUp) }), let collectionURL = string(),
      let listing = string().flatMap(KindSchema.Listing.init(rawValue:)),
      let metadata = list({ reader -> DocumentContext.Field? in
        guard let key = reader.string(), let label = reader.string(),
          let items = reader.list({ $0.link() })
        else { return nil }
        return DocumentContext.Field(key: key, label: label, items: items)
      }),
      let action = optional({ reader -> DocumentContext.Action? in
        guard let row = reader.optional({ $0.row(lookUp) }), let title = reader.string(),
          let url = reader.string(), let deadline = reader.optionalString(),
          let responders = reader.list({ $0.link() })
        else { return nil }
        return DocumentContext.Action(
          row: row, title: title, url: url, deadline: deadline, responders: responders)
      }),
      let chain = list({ reader -> DocumentContext.ChainLink? in
        guard let row = reader.row(lookUp), let current = reader.bool() else { return nil }
        return DocumentContext.ChainLink(row: row, current: current)
      }),
      let supersedes = list({ $0.row(lookUp) }), let supersededBy = list({ $0.row(lookUp) }),
      let backlinks = list({ $0.row(lookUp) }), let backlinkCount = natural(),
      let editLink = optionalString(), let treeNode = optionalNatural(),
      let breadcrumbs = list({ $0.link() }), let signoff = optional({ $0.signoff() })
    else { return nil }
    return DocumentContext(
      row: row, collectionURL: collectionURL, listing: listing, metadata: metadata,
      action: action, chain: chain, supersedes: supersedes, supersededBy: supersededBy,
      backlinks: backlinks, backlinkCount: backlinkCount, editLink: editLink,
      treeNode: treeNode, breadcrumbs: breadcrumbs, signoff: signoff)
  }

  /// What `ByteWriter.signoff(_:)` wrote.
  mutating func signoff() -> SignoffPanel? {
    guard let rows = list({ $0.signoffRow() }), let concerns = list({ $0.signoffRow() }),
      let outstanding = natural(), let phase = optionalString(), let state = optionalString(),
      let rule = optionalString(), let asOf = optionalString(),
      let missing = list({ $0.string() })
    else { return nil }
    return SignoffPanel(
      rows: rows, concerns: concerns, outstanding: outstanding, phase: phase, state: state,
      missing: missing, rule: rule, asOf: asOf)
  }

  mutating func signoffRow() -> SignoffPanel.Row? {
    guard let responder = link(), let verdict = string(), let text = string(),
      let date = optionalString(), let day = optionalString(), let took = optionalString(),
      let committedBy = optional({ $0.link() })
    else { return nil }
    return SignoffPanel.Row(
      responder: responder, verdict: verdict, text: text, date: date, day: day,
      committedBy: committedBy, took: took)
  }

  mutating func event() -> DocumentHistory.Event? {
    guard let commit = string(), let name = string(), let email = string(),
      let seconds = double(), let offset = signed(), let subject = string()
    else { return nil }
    return DocumentHistory.Event(
      commit: commit, authorName: name, authorEmail: email,
      date: Date(timeIntervalSince1970: seconds), timeZoneOffsetMinutes: offset,
      subject: subject)
  }

  /// What `ByteWriter.history(_:reference:)` wrote, references looked up with `event`.
  mutating func history(event: (Int) -> DocumentHistory.Event?) -> DocumentHistory? {
    func lookUp(_ reader: inout ByteReader) -> DocumentHistory.Event? {
      reader.natural().flatMap(event)
    }
    guard let created = optional(lookUp), let updated = optional(lookUp),
      let contributors = list({ reader -> DocumentHistory.Contributor? in
        guard let name = reader.string(), let email = reader.string(),
          let commits = reader.natural()
        else { return nil }
        return DocumentHistory.Contributor(name: name, email: email, commits: commits)
      }),
      let commits = list(lookUp),
      let timeline = list({ reader -> DocumentHistory.StatusChange? in
        guard let status = reader.string(), let event = lookUp(&reader) else { return nil }
        return DocumentHistory.StatusChange(status: status, event: event)
      }),
      let isDraft = bool(), let isApproximate = bool(),
      let draftName = optionalString(), let draftEmail = optionalString()
    else { return nil }
    var history = DocumentHistory(
      created: created, updated: updated, contributors: contributors, commits: commits,
      statusTimeline: timeline, isDraft: isDraft, isApproximate: isApproximate)
    history.draftAuthorName = draftName
    history.draftAuthorEmail = draftEmail
    return history
  }

  mutating func site() -> SiteInfo? {
    guard let title = string(), let baseURL = optionalString(),
      let nav = list({ $0.navLink() }), let repositoryURL = optionalString(),
      let feeds = list({ $0.navLink() }), let generator = string()
    else { return nil }
    return SiteInfo(
      title: title, baseURL: baseURL, nav: nav, repositoryURL: repositoryURL, feeds: feeds,
      generator: generator)
  }

  mutating func navLink() -> NavLink? {
    guard let key = string(), let title = string(), let url = string(), let current = bool()
    else { return nil }
    return NavLink(key: key, title: title, url: url, current: current)
  }

  mutating func tree() -> HandbookTree? {
    guard let name = string(), let path = string(), let kind = string(),
      let nodes = list({ reader -> HandbookTree.Node? in
        guard let key = reader.string(), let title = reader.string(), let url = reader.string(),
          let order = reader.optional({ $0.signed() }), let isFolder = reader.bool(),
          let documentPath = reader.optionalString(),
          let children = reader.list({ $0.natural() }), let parent = reader.optionalNatural()
        else { return nil }
        return HandbookTree.Node(
          key: key, title: title, url: url, order: order, isFolder: isFolder,
          documentPath: documentPath, children: children, parent: parent)
      }),
      let digest = digest()
    else { return nil }
    return HandbookTree(
      collection: Collection(name: name, path: path, kind: kind), nodes: nodes, digest: digest)
  }

  mutating func stamp() -> FileStamp? {
    guard let size = natural(), let modified = uint64(), let changed = uint64(),
      let inode = uint64(), let device = uint64()
    else { return nil }
    return FileStamp(
      size: size, modified: Int64(bitPattern: modified), changed: Int64(bitPattern: changed),
      inode: inode, device: device)
  }

  mutating func status() -> WorkingTreeStatus?? {
    switch byte() {
    case 0: .some(nil)
    case 1: .some(.new)
    case 2: .some(.modified)
    case 3: .some(.deleted)
    default: nil
    }
  }
}
