import { integer, Parsed, text } from './param-rules';

/** `?subjectId=&year=`: a Shine the Light request, a subject and the calendar year of the sharing. */
export class ShineTheLightQuery {
  @Parsed(text(), { required: true }) subjectId!: string;
  @Parsed(integer(1970, 9999), { required: true }) year!: number;
}
