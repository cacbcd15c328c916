/** Filling a template's text: the alternative a line stands for (`a||b`), its placeholders (`{{key}}`). */
import type { TemplateValues } from './template-shape';

/**
 * The line a template line stands for: a line may offer alternatives (`a||b`), the first whose every
 * placeholder has a value is used (an acknowledgement promises a date only where the procedure sets one).
 */
export function chosen(template: string, values: TemplateValues): string {
  const alternatives = template.split('||');
  const complete = alternatives.find((line) =>
    [...line.matchAll(/\{\{(\w+)\}\}/g)].every(([, key]) => values[key!] !== undefined),
  );
  return complete ?? alternatives[0]!;
}

/** A line with its placeholders filled. */
export function substitute(line: string, values: TemplateValues): string {
  return line.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '—');
}

/** A template string (a subject) with its alternative chosen and its placeholders filled. */
export function fill(template: string, values: TemplateValues): string {
  return substitute(chosen(template, values), values);
}
