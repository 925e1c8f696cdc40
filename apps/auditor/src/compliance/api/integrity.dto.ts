import { oneOf, Parsed, text } from '../query/param-rules';

/** `?state=open|all`: the open alerts (the default) or all of them. */
export class AlertsQuery {
  @Parsed(oneOf(['open', 'all'] as const)) state: 'open' | 'all' = 'open';
}

/** The body of an acknowledgement (JSON or a form): an optional note of 1..500 characters. */
export class AcknowledgeBody {
  @Parsed(text(500)) note?: string;
}
