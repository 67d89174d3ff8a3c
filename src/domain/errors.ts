// A small error taxonomy that decides control flow: retry, query, stop, or report.
// Venue errors never carry headers, keys or bodies with secrets.

export class DivbotError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad configuration or usage: the CLI exits 2 and names each offending variable or flag. */
export class ConfigError extends DivbotError {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    super(
      issues.length === 1
        ? `invalid configuration: ${formatIssue(issues[0]!)}`
        : `invalid configuration (${issues.length} problems):\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`,
    );
    this.issues = issues;
  }
}

export interface ConfigIssue {
  /** The environment variable (or CLI flag) at fault, e.g. `MAX_DRAWDOWN_PCT` or `--mode`. */
  readonly variable: string;
  readonly message: string;
}

const formatIssue = (i: ConfigIssue) => `${i.variable}: ${i.message}`;

/** Bad command-line usage (exit 2). */
export class UsageError extends DivbotError {}

/** Transient: the same call may succeed later. */
export class RetryableError extends DivbotError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** The outcome of an order call is unknown: query the venue, never re-submit. */
export class AmbiguousOrderError extends DivbotError {}

/** The venue definitively refused. */
export class RejectedError extends DivbotError {}

/** Stop and alert. */
export class FatalError extends DivbotError {}

/** A command whose issue has not landed yet (exit 1). */
export class NotImplementedError extends DivbotError {}
