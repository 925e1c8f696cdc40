/** The query of a route that reads no parameter: any one given is refused as unknown. */
export class NoQuery {}
