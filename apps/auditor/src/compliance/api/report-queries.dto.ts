import { ValidateBy } from 'class-validator';
import { flag, oneOf, Parsed } from '../query/param-rules';
import { PeriodQuery } from '../query/period.dto';
import { ShineTheLightQuery } from '../query/shine-the-light.dto';
import type { ReportFormat } from './report-format';

/** The formats of a report that has no workbook. */
export const JSON_OR_CSV = ['json', 'csv'] as const;

/** `?format=`: one of `allowed`; the property's default (json) when absent. */
export const Format = (allowed: readonly ReportFormat[]) => Parsed(oneOf(allowed));

/** `?from=&to=&format=json|csv`: a report of a period. */
export class PeriodReportQuery extends PeriodQuery {
  @Format(JSON_OR_CSV) format: 'json' | 'csv' = 'json';
}

/** `?from=&to=&format=json|csv|xlsx`: the record of processing. */
export class ProcessingRecordQuery extends PeriodQuery {
  @Format(['json', 'csv', 'xlsx']) format: ReportFormat = 'json';
}

/** `?subjectId=&year=&format=json|csv`: California Shine the Light. */
export class ShineTheLightReportQuery extends ShineTheLightQuery {
  @Format(JSON_OR_CSV) format: 'json' | 'csv' = 'json';
}

/** Receipts come as JSON only: `receipts=true` is refused with `format=csv`. */
function JsonOnly() {
  return ValidateBy({
    name: 'jsonOnly',
    validator: {
      validate: (receipts: unknown, args) =>
        receipts !== true || (args?.object as { format?: unknown }).format !== 'csv',
      defaultMessage: () => 'JSON only, not with format=csv',
    },
  });
}

/** `?from=&to=&format=json|csv&receipts=true|false`: the accounting of disclosures. */
export class DisclosuresQuery extends PeriodReportQuery {
  @Parsed(flag) @JsonOnly() receipts = false;
}

/** `?format=json|csv`: a report with no other parameter. */
export class JsonOrCsvQuery {
  @Format(JSON_OR_CSV) format: 'json' | 'csv' = 'json';
}
