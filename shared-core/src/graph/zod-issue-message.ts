import type { z } from 'zod';

export type ZodIssue = z.core.$ZodIssue;

/** `a.b[2].c`, the way users see a field in the JSON they wrote. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** What a JSON value is, in words: `a string`, `null`, `an array`. */
export function describeJsonValue(x: unknown): string {
  if (x === undefined) return 'nothing';
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') return 'an object';
  if (typeof x === 'string') return x.length > 40 ? 'a long string' : JSON.stringify(x);
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return `a ${typeof x}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let x = root;
  for (const key of path) {
    if (typeof x !== 'object' || x === null) return undefined;
    x = (x as Record<PropertyKey, unknown>)[key];
  }
  return x;
}

const list = (values: readonly unknown[]) =>
  values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');

const NOUNS: Record<string, string> = { int: 'whole number', record: 'object' };
const article = (expected: string) => {
  const noun = NOUNS[expected] ?? expected;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
};

/**
 * One zod issue as a sentence about the field it concerns. `root` is the value that was parsed
 * (zod does not keep inputs in issues), `prefix` is the path from the document to that value.
 */
export function describeZodIssue(
  issue: ZodIssue,
  root: unknown,
  prefix: readonly PropertyKey[] = [],
): string {
  const field = formatPath([...prefix, ...issue.path]);
  const subject = field === '' ? 'the value' : `\`${field}\``;
  const got = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (got === undefined) return `${subject} is missing`;
      return `${subject} must be ${article(issue.expected)}, not ${describeJsonValue(got)}`;
    case 'unrecognized_keys': {
      const where = field === '' ? '' : ` in \`${field}\``;
      const keys = issue.keys.map((k) => `\`${k}\``).join(', ');
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}${where}`;
    }
    case 'invalid_value':
      return `${subject} must be ${issue.values.length > 1 ? 'one of ' : ''}${list(issue.values)}, not ${describeJsonValue(got)}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown }).options;
      if (Array.isArray(options)) {
        return `${subject} must be one of ${list(options)}, not ${describeJsonValue(got)}`;
      }
      return `${subject} is not valid: ${issue.message}`;
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const cmp =
        issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return `${subject} must be ${cmp} ${String(bound)}, not ${describeJsonValue(got)}`;
      }
      const unit = issue.origin === 'string' ? 'characters' : 'items';
      return `${subject} must have ${cmp} ${String(bound)} ${unit}`;
    }
    default:
      // Our own messages are written as predicates ("must ...", "is required ...").
      return /^(must|is|applies) /.test(issue.message)
        ? `${subject} ${issue.message}`
        : `${subject}: ${issue.message}`;
  }
}

/**
 * The issues worth telling, one complaint per wrong value: zod 4 still runs a string's length
 * check on an array it refused as not a string ("must have ≥ 1 items"), which misleads.
 */
export function issuesToTell(issues: readonly ZodIssue[]): ZodIssue[] {
  const key = (issue: ZodIssue) => JSON.stringify(issue.path.map(String));
  const wrongType = new Set(issues.filter((i) => i.code === 'invalid_type').map(key));
  return issues.filter((i) => i.code === 'invalid_type' || !wrongType.has(key(i)));
}
