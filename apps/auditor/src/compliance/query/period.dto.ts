import { ValidateBy } from 'class-validator';
import { instant, Parsed, text } from './param-rules';

/** A period on decidedAt: from inclusive, to exclusive, either open; epoch ms. */
export interface Period {
  fromMs?: number;
  toMs?: number;
}

/** `to` is not before `from` (checked only when both are instants). */
function NotBeforeFrom() {
  return ValidateBy({
    name: 'notBeforeFrom',
    validator: {
      validate: (to: unknown, args) => {
        const from = (args?.object as { from?: unknown }).from;
        return typeof from !== 'number' || typeof to !== 'number' || from <= to;
      },
      defaultMessage: () => 'must not be before from',
    },
  });
}

/** `?from=&to=`: the period of a report. */
export class PeriodQuery {
  @Parsed(instant) from?: number;
  @Parsed(instant) @NotBeforeFrom() to?: number;
}

/** The period a report service takes. */
export const periodOf = (query: PeriodQuery): Period => ({ fromMs: query.from, toMs: query.to });

/** `?subjectId=&from=&to=`: a subject's disclosures over a period. */
export class SubjectPeriodQuery extends PeriodQuery {
  @Parsed(text(), { required: true }) subjectId!: string;
}
