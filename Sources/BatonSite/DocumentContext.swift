import BatonConfig

/// What a document's page shows from beyond the document's own text: its row as lists show it,
/// the documents it links to and that link to it, its place in the navigation, the people it
/// names, its open call to action.
///
/// A pure function of the corpus and the layout (`SiteRenderer.context(of:)`), made once per
/// page. Two versions of a document with the same face (`SiteIndex.Face`), among the same other
/// documents, have the same context, so a build that knows the
/// context from before renders an edited document's page from the document, its history and this
/// alone (`BuildState`). Everything here is plain data, stored as it is shown (`url`s already
/// percent-encoded), so `PageRenderer` turns it into the same view model however it was made.
struct DocumentContext: Sendable, Hashable {
  /// A text that may link somewhere: a metadata value, a responder, a breadcrumb.
  struct Link: Sendable, Hashable {
    var text: String
    var url: String?
  }

  /// One field of the metadata panel.
  struct Field: Sendable, Hashable {
    var key: String
    var label: String
    var items: [Link]
  }

  /// An open call to action, as the home page, the actions page and the document show it.
  struct Action: Sendable, Hashable {
    var row: DocumentRow?
    var title: String
    var url: String
    var deadline: String?
    /// Each responder's handle and people page.
    var responders: [Link]
  }

  /// A document of the supersede chain through this one.
  struct ChainLink: Sendable, Hashable {
    var row: DocumentRow
    var current: Bool
  }

  /// The document's own row (owner, date, team, tags, review date).
  var row: DocumentRow?
  /// The collection's index page, percent-encoded.
  var collectionURL: String
  /// How the page shows the document: `page` in a handbook tree, else its kind's listing
  /// (`record` or `report`); the name of the template used when the theme has none named
  /// after the kind.
  var listing: KindSchema.Listing
  /// Whether the collection is a handbook tree (template `page`).
  var isPage: Bool { listing == .page }
  var metadata: [Field]
  var action: Action?
  /// The supersede chain, oldest first; empty when the document is alone in it.
  var chain: [ChainLink]
  var supersedes: [DocumentRow]
  var supersededBy: [DocumentRow]
  /// The first `SiteRenderer.listLimit` documents linking here, and how many there are in all.
  var backlinks: [DocumentRow]
  var backlinkCount: Int
  var editLink: String?
  /// The document's node in its collection's `HandbookTree`, for the navigation.
  var treeNode: Int?
  var breadcrumbs: [Link]
  /// The sign-off panel, for a document whose kind takes responses.
  var signoff: SignoffPanel?
}
