/** One problem found in an office file: where (a JSON path like `employees[2].numbers[0].protocol`) and what. */
export interface OfficeIssue {
  path: string;
  message: string;
  /** The message in Russian (the console shows the reader's language). */
  message_ru?: string;
}

/** Thrown when an office file cannot be parsed or does not describe a valid office. */
export class OfficeValidationError extends Error {
  /** Every problem found, in document order. */
  readonly issues: readonly OfficeIssue[];

  constructor(issues: OfficeIssue[], source?: string) {
    const head = source ? `invalid office (${source})` : 'invalid office';
    const list = issues
      .slice(0, 20)
      .map((i) => `  ${i.path || '(root)'}: ${i.message}`)
      .join('\n');
    const more = issues.length > 20 ? `\n  … and ${issues.length - 20} more` : '';
    super(`${head}: ${issues.length} problem(s)\n${list}${more}`);
    this.name = 'OfficeValidationError';
    this.issues = issues;
  }
}
