/** Where a JSON text first goes wrong, and how. */
export interface JsonSyntaxError {
  offset: number;
  reason: string;
}

type Expect =
  'value' | 'value-or-close' | 'key-or-close' | 'key' | 'colon' | 'comma-or-close' | 'done';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrtu';

/**
 * Finds the first syntax error in `text` (RFC 8259), or undefined if it is valid JSON. JSON.parse
 * says what is wrong but, in current V8, no longer where; the editor needs the where. Iterative,
 * so deep nesting cannot overflow the stack.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const n = text.length;
  const stack: ('[' | '{')[] = [];
  let i = 0;
  let expect: Expect = 'value';
  const unexpected = (): JsonSyntaxError =>
    i >= n
      ? { offset: n, reason: 'the text ends too early' }
      : { offset: i, reason: `unexpected ${JSON.stringify(text.charAt(i))}` };
  const afterValue = (): Expect => (stack.length === 0 ? 'done' : 'comma-or-close');
  const scanString = (): JsonSyntaxError | undefined => {
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return { offset: i, reason: 'a control character inside a string' };
      if (c !== 0x5c) continue;
      const esc = text.charAt(++i);
      if (!ESCAPES.includes(esc) || esc === '') return unexpected();
      if (esc === 'u' && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
        return { offset: i, reason: 'a \\u escape needs four hex digits' };
      }
      if (esc === 'u') i += 4;
    }
    return unexpected();
  };

  for (;;) {
    while (i < n && ' \t\n\r'.includes(text.charAt(i))) i++;
    if (i >= n) return expect === 'done' ? undefined : unexpected();
    const c = text.charAt(i);
    switch (expect) {
      case 'done':
        return {
          offset: i,
          reason: `unexpected ${JSON.stringify(c)} after the end of the document`,
        };
      case 'colon':
        if (c !== ':') return unexpected();
        i++;
        expect = 'value';
        continue;
      case 'comma-or-close': {
        const top = stack[stack.length - 1];
        if (c === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
        } else if ((c === ']' && top === '[') || (c === '}' && top === '{')) {
          i++;
          stack.pop();
          expect = afterValue();
        } else {
          return unexpected();
        }
        continue;
      }
      case 'key-or-close':
      case 'key':
        if (c === '}' && expect === 'key-or-close') {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (c !== '"') return unexpected();
        {
          const error = scanString();
          if (error) return error;
        }
        expect = 'colon';
        continue;
      case 'value-or-close':
      case 'value':
        if (c === ']' && expect === 'value-or-close') {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          expect = c === '{' ? 'key-or-close' : 'value-or-close';
          continue;
        }
        if (c === '"') {
          const error = scanString();
          if (error) return error;
        } else {
          const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
          NUMBER.lastIndex = i;
          const number = literal === undefined ? NUMBER.exec(text) : null;
          if (literal === undefined && number === null) return unexpected();
          i += literal?.length ?? number?.[0].length ?? 0;
        }
        expect = afterValue();
    }
  }
}
