import BatonCorpus
import BatonDocuments

extension CallToAction {
  /// The call-to-action section of a document whose status keeps it open, if it has one.
  public static func openSection(of document: Document, in context: CheckContext) -> Section? {
    openSection(of: document, schema: context.schema(of: document))
  }
}
