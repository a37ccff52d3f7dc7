import BatonMustache
import BatonSupport

/// Template `metrics`: how decisions flow, one section per metric, each a chart drawn at build
/// time with the table of its numbers beside it.
struct MetricsView: TemplateObject {
  /// The day the numbers are measured at: the newest commit's.
  var asOf: String
  var sections: [MetricsSection]

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "asOf": .text(asOf)
    case "sections": .list(sections)
    default: nil
    }
  }
}

/// One metric: a heading, what it measures, its chart and its table.
struct MetricsSection: TemplateObject {
  var id: String
  var title: String
  var summary: String
  /// The chart, when there is something to draw.
  var chart: BarChart?
  var caption: String
  var headers: [String]
  /// Rows of cells; the first cell of each heads its row.
  var rows: [[String]]
  /// What the section says when it has no rows.
  var none: String

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "id": .text(id)
    case "title": .text(title)
    case "summary": .text(summary)
    case "chart": .text(rows.isEmpty ? nil : chart?.svg())
    case "caption": .text(caption)
    case "headers": .list(headers.map { TextView(text: $0) })
    case "rows": .list(rows.map { MetricsRow(cells: $0) })
    case "none": .text(rows.isEmpty ? none : nil)
    default: nil
    }
  }
}

/// A row of a metric's table: its head and the other cells.
struct MetricsRow: TemplateObject {
  var cells: [String]

  func value(for name: String) -> TemplateValue? {
    switch name {
    case "head": .text(cells.first ?? "")
    case "cells": .list(cells.dropFirst().map { TextView(text: $0) })
    default: nil
    }
  }
}

extension BarChart {
  /// Everything the chart is drawn from, as one text for a page's fingerprint.
  var fingerprintText: String {
    var parts = [id, title, unit, stacked ? "stacked" : "bars"] + categories
    for line in series {
      parts.append(line.name)
      parts += line.values.map { String($0) }
    }
    return parts.joined(separator: "\u{1}")
  }
}
