/** A problem the officer can fix, said in Vietnamese; menu handlers show it instead of a stack trace. */
export class SheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetError';
  }
}
