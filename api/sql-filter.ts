/** A list's WHERE clause, built one condition at a time; each `?` becomes its own numbered parameter ($1, $2, …). */
export class SqlFilter {
  readonly values: unknown[] = [];
  private readonly conditions: string[] = [];

  /** A condition with its `?` bound to `value`. */
  add(sql: string, value: unknown): void {
    this.values.push(value);
    this.conditions.push(sql.replace('?', `$${this.values.length}`));
  }

  /** A condition without a parameter. */
  addRaw(sql: string): void {
    this.conditions.push(sql);
  }

  /** `where … and …`, or nothing when there is no condition. */
  get where(): string {
    return this.conditions.length ? `where ${this.conditions.join(' and ')}` : '';
  }
}
