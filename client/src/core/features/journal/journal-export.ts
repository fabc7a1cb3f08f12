/**
 * "Export all my data": the journal, the consents given and withdrawn, and what was shared, as JSON
 * (everything, for the member or another tool) and CSV (one row per answer, for a spreadsheet).
 * Money is exported in whole cents with a dollars column beside it, so nothing is rounded away.
 */
import { fieldDef, type FieldId } from "@porch/shared/journal";
import type { JournalView } from "../../api/journal-api.ts";
import { csvField } from "../../doc/circles.ts";

/** The whole journal as pretty-printed JSON. */
export function journalJson(view: JournalView): string {
  return JSON.stringify(
    {
      format: "porch-journal-export",
      version: 1,
      baseline: view.baseline,
      months: view.months.map((m) => ({ month: m.month, savedAt: m.savedAt, values: m.values, edits: m.edits })),
      consents: view.consentHistory,
      consentsInForce: view.consents,
      sent: view.sent,
      participation: view.participation,
    },
    null,
    2,
  );
}

const CSV_HEADER = ["month", "field", "kind", "value", "dollars"];

/** One row per answered field per month: month, field, kind, value (cents for money), dollars. */
export function journalCsv(view: JournalView): string {
  const rows = [CSV_HEADER];
  for (const m of view.months)
    for (const [field, value] of Object.entries(m.values) as [FieldId, number | boolean | string][]) {
      const kind = fieldDef(field).kind;
      rows.push([
        m.month,
        field,
        kind,
        String(value),
        kind === "money" && typeof value === "number" ? (value / 100).toFixed(2) : "",
      ]);
    }
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
