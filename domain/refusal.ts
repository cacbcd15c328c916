/**
 * A request the rules refuse, said where the rule is (opening a corrective action or a recall, by the API or
 * by the monthly report): the API maps it to its status (api/errors.ts), an activity to a non-retryable failure.
 */
export type RefusalKind = 'forbidden' | 'unprocessable';

export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export const refuse = {
  forbidden: (message: string) => new Refusal('forbidden', message),
  unprocessable: (message: string) => new Refusal('unprocessable', message),
};
