import Foundation

extension Metrics {
  /// A number for a table: whole numbers without a decimal, others with one.
  package static func number(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
  }

  /// A share as a percentage (`25%`), `-` of nothing.
  package static func percent(_ count: Int, of total: Int) -> String {
    total == 0 ? "-" : "\(Int((Double(count) * 100 / Double(total)).rounded()))%"
  }

  /// The metrics as text for a terminal: a table per metric.
  public func text() -> String {
    var out = "Metrics as of \(asOf)"
    if let since { out += ", since \(since)" }
    if let groupedBy { out += ", by \(groupedBy)" }
    out += "\n"
    func section(_ title: String, _ table: TextTable) {
      out += "\n\(title)\n"
      out += table.rows.isEmpty ? "  (none)\n" : table.text()
    }
    section(
      "Time to decision (days from open to outcome, by quarter of the outcome)", decisionTable())
    section(
      "Response time (working hours from being asked to answering)", responseTable(responseTimes))
    section("Response time by team", responseTable(teamResponseTimes))
    var ages = TextTable(headers: ["group", "open"] + Metrics.ageBuckets.map(\.label))
    ages.rows = openProposals.map { [$0.group, String($0.open)] + $0.byAge.map(String.init) }
    section("Open proposals by age", ages)
    section("Calls to action overdue", shareTable(callsToAction, ["open", "overdue"]))
    section("Pages past review", shareTable(reviews, ["pages", "past review"]))
    var cadence = TextTable(headers: ["team", "updates", "per week", "median gap (days)", "last"])
    cadence.rows = updateCadence.map {
      [
        $0.team, String($0.updates), Metrics.number($0.perWeek),
        $0.medianGapDays.map(Metrics.number) ?? "-", $0.last ?? "-",
      ]
    }
    section("Update cadence", cadence)
    section("Updates by status and month", statusTable())
    return out
  }

  private func decisionTable() -> TextTable {
    var table = TextTable(headers: ["quarter", "group", "decided", "median", "p90"])
    table.rows = timeToDecision.map {
      [
        $0.quarter, $0.group, String($0.days.count), Metrics.number($0.days.median),
        Metrics.number($0.days.p90),
      ]
    }
    return table
  }

  private func responseTable(_ rows: [ResponseTime]) -> TextTable {
    var table = TextTable(headers: ["responder", "answers", "median", "p90", "within SLA"])
    table.rows = rows.map {
      [
        $0.responder, String($0.hours.count), Metrics.number($0.hours.median),
        Metrics.number($0.hours.p90),
        $0.withWindow == 0
          ? "-"
          : "\($0.withinWindow)/\($0.withWindow) "
            + Metrics.percent($0.withinWindow, of: $0.withWindow),
      ]
    }
    return table
  }

  private func shareTable(_ rows: [Share], _ names: [String]) -> TextTable {
    var table = TextTable(headers: ["group"] + names + ["share"])
    table.rows = rows.map {
      [$0.group, String($0.total), String($0.count), Metrics.percent($0.count, of: $0.total)]
    }
    return table
  }

  private func statusTable() -> TextTable {
    let statuses = Set(updateStatuses.flatMap(\.counts.keys)).sorted()
    var table = TextTable(headers: ["month", "group"] + statuses + ["total"])
    table.rows = updateStatuses.map { row in
      let total = row.counts.values.reduce(0, +)
      return [row.month, row.group]
        + statuses.map { Metrics.percent(row.counts[$0] ?? 0, of: total) } + [String(total)]
    }
    return table
  }

  /// The metrics as CSV: one value per line, `metric,period,group,measure,value`.
  public func csv() -> String {
    var out = CSV.line(["metric", "period", "group", "measure", "value"])
    func add(
      _ metric: String, _ period: String, _ group: String, _ measure: String, _ value: String
    ) {
      out += CSV.line([metric, period, group, measure, value])
    }
    for row in timeToDecision {
      add("time_to_decision", row.quarter, row.group, "count", String(row.days.count))
      add(
        "time_to_decision", row.quarter, row.group, "median_days", Metrics.number(row.days.median))
      add("time_to_decision", row.quarter, row.group, "p90_days", Metrics.number(row.days.p90))
    }
    for (metric, rows) in [
      ("response_time", responseTimes), ("team_response_time", teamResponseTimes),
    ] {
      for row in rows {
        add(metric, "", row.responder, "answers", String(row.hours.count))
        add(metric, "", row.responder, "median_hours", Metrics.number(row.hours.median))
        add(metric, "", row.responder, "p90_hours", Metrics.number(row.hours.p90))
        add(metric, "", row.responder, "within_window", String(row.withinWindow))
        add(metric, "", row.responder, "with_window", String(row.withWindow))
      }
    }
    for row in openProposals {
      add("open_proposals", "", row.group, "open", String(row.open))
      for (bucket, count) in zip(Metrics.ageBuckets, row.byAge) {
        add("open_proposals", "", row.group, bucket.label, String(count))
      }
    }
    for row in callsToAction {
      add("calls_to_action", "", row.group, "open", String(row.total))
      add("calls_to_action", "", row.group, "overdue", String(row.count))
    }
    for row in reviews {
      add("reviews", "", row.group, "pages", String(row.total))
      add("reviews", "", row.group, "past_review", String(row.count))
    }
    for row in updateCadence {
      add("update_cadence", "", row.team, "updates", String(row.updates))
      add("update_cadence", "", row.team, "per_week", Metrics.number(row.perWeek))
      add(
        "update_cadence", "", row.team, "median_gap_days",
        row.medianGapDays.map(Metrics.number) ?? "")
    }
    for row in updateStatuses {
      for (status, count) in row.counts.sorted(by: { $0.key < $1.key }) {
        add("update_statuses", row.month, row.group, status, String(count))
      }
    }
    return out
  }
}
